import { duckdb } from '@isa-cloud/api';
import { describe, expect, it } from 'vitest';
import { GrpcStatus } from '../../platform/errors.js';
import { copyOptions, readFunction, resolveFormat, stagedExtension } from './file-formats.js';

describe('DuckDB file formats and options', () => {
  it('takes the format from the request or the key’s extension', () => {
    expect(resolveFormat(duckdb.FileFormat.PARQUET, 'x.csv')).toBe('parquet');
    expect(resolveFormat(duckdb.FileFormat.UNSPECIFIED, 'a/b/sales.CSV')).toBe('csv');
    expect(resolveFormat(duckdb.FileFormat.UNSPECIFIED, 'x.csv.gz')).toBe('csv');
    expect(resolveFormat(duckdb.FileFormat.UNSPECIFIED, 'x.jsonl')).toBe('json');
    expect(resolveFormat(duckdb.FileFormat.UNSPECIFIED, 'x.parquet')).toBe('parquet');
    expect(() => resolveFormat(duckdb.FileFormat.UNSPECIFIED, 'x.bin')).toThrow(
      expect.objectContaining({ code: GrpcStatus.INVALID_ARGUMENT, field: 'format' }),
    );
    expect(stagedExtension('csv', 'a.csv.gz')).toBe('.csv.gz');
    expect(stagedExtension('parquet', 'a.parquet')).toBe('.parquet');
  });

  it('renders allowed reader options as typed literals', () => {
    expect(readFunction('csv', '/s/f.csv', { header: 'TRUE', delim: ';', skip: '2' })).toBe(
      "read_csv('/s/f.csv', header = true, delim = ';', skip = 2)",
    );
    expect(readFunction('csv', "/s/it's.csv", { quote: "'" })).toBe("read_csv('/s/it''s.csv', quote = '''')");
    expect(copyOptions('csv', {})).toBe('(FORMAT csv, header true)');
    expect(copyOptions('parquet', { compression: 'zstd' })).toBe("(FORMAT parquet, compression 'zstd')");
  });

  it('refuses options that are unknown, mistyped or able to reach other files', () => {
    const refused = (fn: () => unknown) =>
      expect(fn).toThrow(expect.objectContaining({ code: GrpcStatus.INVALID_ARGUMENT, field: 'options' }));
    refused(() => readFunction('csv', '/f', { filename: 'true' }));
    refused(() => readFunction('csv', '/f', { header: "true); SELECT * FROM read_text('/etc/passwd'" }));
    refused(() => readFunction('csv', '/f', { skip: '1; DROP' }));
    refused(() => readFunction('parquet', '/f', { hive_partitioning: 'true' }));
    refused(() => readFunction('csv', '/f', { delim: '\u0000' }));
    refused(() => copyOptions('csv', { partition_by: 'x' }));
  });
});
