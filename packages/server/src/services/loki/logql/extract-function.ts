import {
  type DuckDBConnection,
  type DuckDBMapEntry,
  DuckDBScalarFunction,
  MAP,
  mapValue,
  VARCHAR,
} from '@duckdb/node-api';
import { parseStreamId } from '../labels.js';
import { extractJson, extractLogfmt, JsonLineError } from './line-parsers.js';

/** Label names of recently seen streams, by stream id (parsing an id per row would dominate). */
const baseNames = new Map<string, ReadonlySet<string>>();
const BASE_CACHE_LIMIT = 50_000;

function namesOf(streamKey: string): ReadonlySet<string> {
  let names = baseNames.get(streamKey);
  if (!names) {
    names = new Set(Object.keys(parseStreamId(streamKey)));
    if (baseNames.size >= BASE_CACHE_LIMIT) baseNames.clear();
    baseNames.set(streamKey, names);
  }
  return names;
}

/**
 * The labels a `| json` or `| logfmt` stage extracts from one line, as Loki names them: a name the
 * stream already has gets "_extracted"; a malformed JSON line adds `__error__="JSONParserErr"` and
 * `__error_details__` (keeping what was extracted before the error).
 */
export function extractLabels(kind: string, line: string, streamKey: string): Map<string, string> {
  const base = namesOf(streamKey);
  const out = new Map<string, string>();
  const sink = (name: string, value: string) => {
    out.set(base.has(name) ? `${name}_extracted` : name, value);
  };
  if (kind === 'json') {
    try {
      extractJson(line, sink);
    } catch (err) {
      if (!(err instanceof JsonLineError)) throw err;
      out.set('__error__', 'JSONParserErr');
      out.set('__error_details__', err.message);
    }
  } else if (kind === 'logfmt') {
    extractLogfmt(line, sink);
  } else {
    throw new Error(`unknown parser ${kind}`);
  }
  return out;
}

/** Registers loki_extract(kind, line, stream_id) → MAP(VARCHAR, VARCHAR) on a connection. */
export function registerExtractFunction(connection: DuckDBConnection): void {
  connection.registerScalarFunction(
    DuckDBScalarFunction.create({
      name: 'loki_extract',
      returnType: MAP(VARCHAR, VARCHAR),
      parameterTypes: [VARCHAR, VARCHAR, VARCHAR],
      mainFunction: (info, input, output) => {
        const kinds = input.getColumnVector(0);
        const lines = input.getColumnVector(1);
        const keys = input.getColumnVector(2);
        try {
          for (let row = 0; row < input.rowCount; row++) {
            const extracted = extractLabels(
              String(kinds.getItem(row)),
              String(lines.getItem(row) ?? ''),
              String(keys.getItem(row)),
            );
            const entries: DuckDBMapEntry[] = [];
            for (const [key, value] of extracted) entries.push({ key, value });
            output.setItem(row, mapValue(entries));
          }
          output.flush();
        } catch (err) {
          info.setError(`loki_extract: ${(err as Error).message}`);
        }
      },
    }),
  );
}
