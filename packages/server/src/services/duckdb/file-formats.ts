import { duckdb } from '@isa-cloud/api';
import { ServiceError } from '../../platform/errors.js';
import { quoteLiteral } from './names.js';

const { FileFormat } = duckdb;

export type Format = 'csv' | 'parquet' | 'json';

const BY_EXTENSION: Array<[RegExp, Format]> = [
  [/\.(csv|tsv|txt)(\.(gz|zst))?$/i, 'csv'],
  [/\.(parquet|pq)$/i, 'parquet'],
  [/\.(json|ndjson|jsonl)(\.(gz|zst))?$/i, 'json'],
];

/** The format asked for, or the one the object key's extension names. */
export function resolveFormat(format: duckdb.FileFormat, key: string, field = 'format'): Format {
  switch (format) {
    case FileFormat.CSV:
      return 'csv';
    case FileFormat.PARQUET:
      return 'parquet';
    case FileFormat.JSON:
      return 'json';
    case FileFormat.UNSPECIFIED:
      for (const [pattern, found] of BY_EXTENSION) if (pattern.test(key)) return found;
      throw ServiceError.invalidArgument(
        field,
        `cannot tell the format from "${key}": set it to CSV, PARQUET or JSON (or use a .csv, .parquet, .json key)`,
      );
    default:
      throw ServiceError.invalidArgument(field, 'must be CSV, PARQUET or JSON');
  }
}

/** The file extension a staged copy keeps (DuckDB detects compression from it). */
export function stagedExtension(format: Format, key: string): string {
  const compression = /\.(gz|zst)$/i.exec(key)?.[0]?.toLowerCase() ?? '';
  return `.${format}${format === 'parquet' ? '' : compression}`;
}

type OptionKind = 'bool' | 'int' | 'number' | 'text';

/**
 * Reader and writer options a caller may pass, per format. Only these reach DuckDB, each rendered as a
 * typed literal: options that reveal server paths (filename) or reach other files are not offered.
 */
const READ_OPTIONS: Record<Format, Record<string, OptionKind>> = {
  csv: {
    header: 'bool',
    delim: 'text',
    sep: 'text',
    quote: 'text',
    escape: 'text',
    skip: 'int',
    dateformat: 'text',
    timestampformat: 'text',
    nullstr: 'text',
    auto_detect: 'bool',
    sample_size: 'int',
    all_varchar: 'bool',
    ignore_errors: 'bool',
    decimal_separator: 'text',
    compression: 'text',
    new_line: 'text',
    comment: 'text',
    null_padding: 'bool',
    max_line_size: 'int',
    normalize_names: 'bool',
    strict_mode: 'bool',
    encoding: 'text',
    parallel: 'bool',
  },
  json: {
    format: 'text',
    records: 'text',
    maximum_object_size: 'int',
    ignore_errors: 'bool',
    compression: 'text',
    dateformat: 'text',
    timestampformat: 'text',
    sample_size: 'int',
    auto_detect: 'bool',
    maximum_depth: 'int',
    convert_strings_to_integers: 'bool',
    field_appearance_threshold: 'number',
  },
  parquet: {
    binary_as_string: 'bool',
    file_row_number: 'bool',
  },
};

const WRITE_OPTIONS: Record<Format, Record<string, OptionKind>> = {
  csv: {
    header: 'bool',
    delim: 'text',
    sep: 'text',
    quote: 'text',
    escape: 'text',
    nullstr: 'text',
    dateformat: 'text',
    timestampformat: 'text',
    compression: 'text',
  },
  json: { compression: 'text', dateformat: 'text', timestampformat: 'text', array: 'bool' },
  parquet: { compression: 'text', row_group_size: 'int', compression_level: 'int' },
};

function renderValue(kind: OptionKind, name: string, raw: string, field: string): string {
  const value = raw.trim();
  switch (kind) {
    case 'bool':
      if (!/^(true|false)$/i.test(value))
        throw ServiceError.invalidArgument(field, `${name} must be true or false`);
      return value.toLowerCase();
    case 'int':
      if (!/^\d{1,15}$/.test(value))
        throw ServiceError.invalidArgument(field, `${name} must be a whole number`);
      return value;
    case 'number':
      if (!/^\d{1,10}(\.\d{1,10})?$/.test(value))
        throw ServiceError.invalidArgument(field, `${name} must be a number`);
      return value;
    case 'text':
      if (raw.length > 256)
        throw ServiceError.invalidArgument(field, `${name} must be at most 256 characters`);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: tab and newlines are legitimate delimiters
      if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(raw))
        throw ServiceError.invalidArgument(field, `${name} must not contain control characters`);
      return quoteLiteral(raw);
  }
}

function renderOptions(
  allowed: Record<string, OptionKind>,
  options: Record<string, string>,
  field: string,
  separator: ' = ' | ' ',
): string[] {
  return Object.entries(options).map(([rawName, value]) => {
    const name = rawName.toLowerCase();
    const kind = allowed[name];
    if (!kind) {
      throw ServiceError.invalidArgument(
        field,
        `unsupported option "${rawName}" (accepted: ${Object.keys(allowed).join(', ')})`,
      );
    }
    return `${name}${separator}${renderValue(kind, name, value, field)}`;
  });
}

/** `read_csv('<file>', header = true, ...)`: a table function reading one staged file. */
export function readFunction(
  format: Format,
  file: string,
  options: Record<string, string>,
  field = 'options',
): string {
  const args = [quoteLiteral(file), ...renderOptions(READ_OPTIONS[format], options, field, ' = ')];
  return `read_${format}(${args.join(', ')})`;
}

/** `(FORMAT csv, HEADER true, ...)`: the options of a COPY ... TO. */
export function copyOptions(format: Format, options: Record<string, string>, field = 'options'): string {
  const given = Object.fromEntries(Object.entries(options).map(([k, v]) => [k.toLowerCase(), v]));
  if (format === 'csv' && given.header === undefined) given.header = 'true';
  const rendered = renderOptions(WRITE_OPTIONS[format], given, field, ' ');
  return `(${[`FORMAT ${format}`, ...rendered].join(', ')})`;
}

export const CONTENT_TYPES: Record<Format, string> = {
  csv: 'text/csv',
  json: 'application/x-ndjson',
  parquet: 'application/vnd.apache.parquet',
};
