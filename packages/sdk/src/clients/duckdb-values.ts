import type { MessageInitShape } from '@bufbuild/protobuf';
import { NullValue } from '@bufbuild/protobuf/wkt';
import { duckdb } from '@isa-cloud/api';

const { TypeId } = duckdb;

/** An INTERVAL: months, days and microseconds, kept apart as DuckDB keeps them. */
export class DuckDBInterval {
  constructor(
    readonly months: number,
    readonly days: number,
    /** A number when it is a safe integer, else a bigint. */
    readonly micros: number | bigint,
  ) {}

  toString(): string {
    return `${this.months} months ${this.days} days ${this.micros} microseconds`;
  }
}

/**
 * A SQL value as the SDK returns it (docs/duckdb.md has the full table): numbers (bigint beyond
 * 2^53), strings, booleans, Date for DATE and TIMESTAMP*, Uint8Array for BLOB, DuckDBInterval, arrays
 * for LIST/ARRAY, objects for STRUCT, Map for MAP, null for NULL.
 */
export type DuckDBSqlValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | Date
  | Uint8Array
  | DuckDBInterval
  | DuckDBSqlValue[]
  | { [field: string]: DuckDBSqlValue }
  | Map<DuckDBSqlValue, DuckDBSqlValue>;

export type DuckDBRow = Record<string, DuckDBSqlValue>;

type ValueInit = MessageInitShape<typeof duckdb.ValueSchema>;

/** A parameter with an explicit SQL type (see DuckDBParam). */
export class DuckDBTypedParam {
  /** @internal */
  constructor(readonly value: ValueInit) {}
}

/**
 * A statement parameter: a plain JS value (number, bigint, string, boolean, Date, Uint8Array, array,
 * object, Map, null) or a DuckDBParam for types JS has no value for.
 */
export type DuckDBParamValue =
  | DuckDBSqlValue
  | undefined
  | DuckDBTypedParam
  | DuckDBParamValue[]
  | { [field: string]: DuckDBParamValue };

const I64_MIN = -(1n << 63n);
const I64_MAX = (1n << 63n) - 1n;
const U64_MAX = (1n << 64n) - 1n;
const I128_MIN = -(1n << 127n);
const I128_MAX = (1n << 127n) - 1n;

function int128(value: bigint): { high: bigint; low: bigint } {
  const u = BigInt.asUintN(128, value);
  return { high: u >> 64n, low: u & U64_MAX };
}

const pad = (n: number | bigint, width: number) => String(n).padStart(width, '0');

function parseDay(text: string): number {
  const match = /^(-?\d{1,6})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) throw new TypeError(`DuckDBParam.date: "${text}" is not YYYY-MM-DD`);
  return Math.floor(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / 86_400_000);
}

function parseTimeMicros(text: string): bigint {
  const match = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/.exec(text);
  if (!match) throw new TypeError(`DuckDBParam.time: "${text}" is not HH:MM:SS[.ffffff]`);
  const seconds = Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]);
  return BigInt(seconds) * 1_000_000n + BigInt((match[4] ?? '').padEnd(6, '0') || '0');
}

/** Parameters of SQL types that have no JS value of their own. */
export const DuckDBParam = {
  /** An exact DECIMAL from its text ("1234.50"); width and scale default to what the text needs. */
  decimal: (text: string, width = 0, scale = 0) =>
    new DuckDBTypedParam({ kind: { case: 'decimalValue', value: { value: text, width, scale } } }),
  /** A DATE from "YYYY-MM-DD" or a Date (its UTC day). */
  date: (day: string | Date) =>
    new DuckDBTypedParam({
      kind: {
        case: 'dateValue',
        value: typeof day === 'string' ? parseDay(day) : Math.floor(day.getTime() / 86_400_000),
      },
    }),
  /** A TIME from "HH:MM:SS[.ffffff]". */
  time: (text: string) => new DuckDBTypedParam({ kind: { case: 'timeValue', value: parseTimeMicros(text) } }),
  /** A TIMESTAMP (no time zone) from a Date's UTC wall clock, or microseconds since the epoch. */
  timestamp: (at: Date | bigint) =>
    new DuckDBTypedParam({
      kind: { case: 'timestampValue', value: typeof at === 'bigint' ? at : BigInt(at.getTime()) * 1000n },
    }),
  /** A TIMESTAMP WITH TIME ZONE (an instant); plain Date parameters are sent as this already. */
  timestamptz: (at: Date | bigint) =>
    new DuckDBTypedParam({
      kind: { case: 'timestampTzValue', value: typeof at === 'bigint' ? at : BigInt(at.getTime()) * 1000n },
    }),
  interval: (months: number, days: number, micros: number | bigint) =>
    new DuckDBTypedParam({
      kind: { case: 'intervalValue', value: { months, days, micros: BigInt(micros) } },
    }),
  uuid: (text: string) => new DuckDBTypedParam({ kind: { case: 'uuidValue', value: text } }),
  hugeint: (value: bigint) => new DuckDBTypedParam({ kind: { case: 'hugeintValue', value: int128(value) } }),
  uhugeint: (value: bigint) =>
    new DuckDBTypedParam({ kind: { case: 'uhugeintValue', value: int128(value) } }),
  ubigint: (value: bigint) => new DuckDBTypedParam({ kind: { case: 'uintValue', value } }),
  blob: (bytes: Uint8Array) => new DuckDBTypedParam({ kind: { case: 'blobValue', value: bytes } }),
  bit: (bits: string) => new DuckDBTypedParam({ kind: { case: 'bitValue', value: bits } }),
  null: () => new DuckDBTypedParam({ kind: { case: 'nullValue', value: NullValue.NULL_VALUE } }),
} as const;

/** A JS value as a proto Value (the parameter mapping in docs/duckdb.md). */
export function toProtoValue(value: DuckDBParamValue): ValueInit {
  if (value === null || value === undefined)
    return { kind: { case: 'nullValue', value: NullValue.NULL_VALUE } };
  if (value instanceof DuckDBTypedParam) return value.value;
  switch (typeof value) {
    case 'boolean':
      return { kind: { case: 'boolValue', value } };
    case 'number':
      return Number.isSafeInteger(value)
        ? { kind: { case: 'intValue', value: BigInt(value) } }
        : { kind: { case: 'doubleValue', value } };
    case 'bigint':
      if (value >= I64_MIN && value <= I64_MAX) return { kind: { case: 'intValue', value } };
      if (value >= 0n && value <= U64_MAX) return { kind: { case: 'uintValue', value } };
      if (value >= I128_MIN && value <= I128_MAX)
        return { kind: { case: 'hugeintValue', value: int128(value) } };
      return { kind: { case: 'bignumValue', value: value.toString() } };
    case 'string':
      return { kind: { case: 'stringValue', value } };
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError('an invalid Date cannot be a parameter');
    return { kind: { case: 'timestampTzValue', value: BigInt(value.getTime()) * 1000n } };
  }
  if (value instanceof Uint8Array) return { kind: { case: 'blobValue', value } };
  if (value instanceof DuckDBInterval) {
    return {
      kind: {
        case: 'intervalValue',
        value: { months: value.months, days: value.days, micros: BigInt(value.micros) },
      },
    };
  }
  if (Array.isArray(value))
    return { kind: { case: 'listValue', value: { values: value.map(toProtoValue) } } };
  if (value instanceof Map) {
    return {
      kind: {
        case: 'mapValue',
        value: {
          entries: [...value.entries()].map(([k, v]) => ({
            key: toProtoValue(k as DuckDBParamValue),
            value: toProtoValue(v as DuckDBParamValue),
          })),
        },
      },
    };
  }
  return {
    kind: {
      case: 'structValue',
      value: {
        fields: Object.entries(value as Record<string, DuckDBParamValue>).map(([name, v]) => ({
          name,
          value: toProtoValue(v),
        })),
      },
    },
  };
}

/** Positional (array) or named (object) parameters as the proto Parameters. */
export function toProtoParameters(
  params: DuckDBParamValue[] | Record<string, DuckDBParamValue> | undefined,
): MessageInitShape<typeof duckdb.ParametersSchema> | undefined {
  if (params === undefined) return undefined;
  if (Array.isArray(params)) return { positional: params.map(toProtoValue) };
  return { named: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, toProtoValue(v)])) };
}

// ---------------------------------------------------------------- results

const asNumber = (value: bigint): number | bigint => {
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : value;
};

const MS_PER_DAY = 86_400_000;
const DATE_INFINITY = 2_147_483_647;

function dateFromDays(days: number): Date | number {
  if (days >= DATE_INFINITY) return Number.POSITIVE_INFINITY;
  if (days <= -DATE_INFINITY) return Number.NEGATIVE_INFINITY;
  return new Date(days * MS_PER_DAY);
}

function dateFromUnits(value: bigint, perMilli: bigint): Date | number {
  if (value >= I64_MAX) return Number.POSITIVE_INFINITY;
  if (value <= -I64_MAX) return Number.NEGATIVE_INFINITY;
  let ms = value / perMilli;
  if (value % perMilli < 0n) ms -= 1n;
  return new Date(Number(ms));
}

function timeOfDay(value: bigint, digits: 6 | 9): string {
  const per = digits === 6 ? 1_000_000n : 1_000_000_000n;
  const seconds = value / per;
  const fraction = value % per;
  const text = `${pad(seconds / 3600n, 2)}:${pad((seconds / 60n) % 60n, 2)}:${pad(seconds % 60n, 2)}`;
  return fraction === 0n ? text : `${text}.${pad(fraction, digits).replace(/0+$/, '')}`;
}

function offsetText(seconds: number): string {
  const sign = seconds < 0 ? '-' : '+';
  const abs = Math.abs(seconds);
  const h = Math.floor(abs / 3600);
  const m = Math.floor((abs % 3600) / 60);
  const s = abs % 60;
  return `${sign}${pad(h, 2)}${m || s ? `:${pad(m, 2)}` : ''}${s ? `:${pad(s, 2)}` : ''}`;
}

function fromInt128(parts: { high: bigint; low: bigint } | undefined, signed: boolean): bigint {
  const u = ((parts?.high ?? 0n) << 64n) | (parts?.low ?? 0n);
  return signed ? BigInt.asIntN(128, u) : u;
}

/**
 * A DECIMAL as a number when it has at most 15 significant digits (a double then holds it exactly:
 * it prints back as the same decimal), else as its exact text.
 */
function decimalOf(text: string): number | string {
  const digits = text.replace(/^-/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return digits.length <= 15 ? Number(text) : text;
}

/** One proto Value as the JS value the SDK returns. */
export function fromProtoValue(value: duckdb.Value | undefined): DuckDBSqlValue {
  const kind = value?.kind;
  if (!kind) return null;
  switch (kind.case) {
    case undefined:
    case 'nullValue':
      return null;
    case 'boolValue':
    case 'doubleValue':
    case 'stringValue':
    case 'uuidValue':
    case 'bitValue':
    case 'textValue':
      return kind.value;
    case 'blobValue':
      // A copy: a view would keep the whole received message alive (and be a Buffer, not a Uint8Array).
      return new Uint8Array(kind.value);
    case 'intValue':
    case 'uintValue':
      return asNumber(kind.value);
    case 'hugeintValue':
      return asNumber(fromInt128(kind.value, true));
    case 'uhugeintValue':
      return asNumber(fromInt128(kind.value, false));
    case 'bignumValue':
      return asNumber(BigInt(kind.value));
    case 'decimalValue':
      return decimalOf(kind.value.value);
    case 'dateValue':
      return dateFromDays(kind.value);
    case 'timeValue':
      return timeOfDay(kind.value, 6);
    case 'timeNsValue':
      return timeOfDay(kind.value, 9);
    case 'timeTzValue':
      return `${timeOfDay(kind.value.micros, 6)}${offsetText(kind.value.offsetSeconds)}`;
    case 'timestampValue':
    case 'timestampTzValue':
      return dateFromUnits(kind.value, 1000n);
    case 'timestampNsValue':
      return dateFromUnits(kind.value, 1_000_000n);
    case 'intervalValue':
      return new DuckDBInterval(kind.value.months, kind.value.days, asNumber(kind.value.micros));
    case 'listValue':
      return kind.value.values.map(fromProtoValue);
    case 'structValue': {
      const out: Record<string, DuckDBSqlValue> = {};
      for (const field of kind.value.fields) out[field.name] = fromProtoValue(field.value);
      return out;
    }
    case 'mapValue':
      return new Map(kind.value.entries.map((e) => [fromProtoValue(e.key), fromProtoValue(e.value)]));
    case 'unionValue':
      return fromProtoValue(kind.value.value);
  }
}

/** A result column: its name and DuckDB type ("DECIMAL(18,3)"). */
export interface DuckDBColumn {
  name: string;
  type: string;
  typeId: duckdb.TypeId;
}

export function toColumns(columns: readonly duckdb.Column[]): DuckDBColumn[] {
  return columns.map((c) => ({ name: c.name, type: c.type, typeId: c.typeId }));
}

/** Row keys: column names, with later duplicates suffixed ":1", ":2" (as @duckdb/node-api does). */
export function rowKeys(columns: readonly DuckDBColumn[]): string[] {
  const seen = new Map<string, number>();
  return columns.map((c) => {
    const count = seen.get(c.name) ?? 0;
    seen.set(c.name, count + 1);
    return count === 0 ? c.name : `${c.name}:${count}`;
  });
}

type Reader = (row: number) => DuckDBSqlValue;

const textDecoder = new TextDecoder();

function stringReader(data: Uint8Array, lengths: readonly number[]): Reader {
  const offsets = new Array<number>(lengths.length + 1);
  offsets[0] = 0;
  for (let i = 0; i < lengths.length; i++) offsets[i + 1] = offsets[i]! + lengths[i]!;
  const whole = textDecoder.decode(data);
  // Pure ASCII: characters and bytes line up, so one decode serves every row.
  if (whole.length === data.byteLength) return (row) => whole.slice(offsets[row], offsets[row + 1]);
  return (row) => textDecoder.decode(data.subarray(offsets[row], offsets[row + 1]));
}

const viewOf = (data: Uint8Array) => new DataView(data.buffer, data.byteOffset, data.byteLength);
const TWO_32 = 4_294_967_296;
/** |high word| below this keeps hi * 2^32 + lo a safe integer. */
const SAFE_HIGH = 2 ** 21;

/**
 * A little-endian 64-bit integer as a number when it is safe, else a bigint: two 32-bit reads avoid
 * allocating a bigint per value, which dominates decoding otherwise.
 */
function int64At(view: DataView, offset: number, signed: boolean): number | bigint {
  const low = view.getUint32(offset, true);
  const high = signed ? view.getInt32(offset + 4, true) : view.getUint32(offset + 4, true);
  if (high > -SAFE_HIGH && high < SAFE_HIGH) return high * TWO_32 + low;
  return signed ? view.getBigInt64(offset, true) : view.getBigUint64(offset, true);
}

function dateFromInt(value: number | bigint, perMilli: number): Date | number {
  if (typeof value === 'bigint') return dateFromUnits(value, BigInt(perMilli));
  return new Date(Math.floor(value / perMilli));
}

function timeFromInt(value: number | bigint, digits: 6 | 9): string {
  return timeOfDay(BigInt(value), digits);
}

function int64Reader(data: Uint8Array, typeId: duckdb.TypeId): Reader {
  const view = viewOf(data);
  switch (typeId) {
    case TypeId.TIMESTAMP:
    case TypeId.TIMESTAMP_S:
    case TypeId.TIMESTAMP_MS:
    case TypeId.TIMESTAMP_TZ:
      return (row) => dateFromInt(int64At(view, row * 8, true), 1000);
    case TypeId.TIMESTAMP_NS:
      return (row) => dateFromUnits(view.getBigInt64(row * 8, true), 1_000_000n);
    case TypeId.TIME:
      return (row) => timeFromInt(int64At(view, row * 8, true), 6);
    case TypeId.TIME_NS:
      return (row) => timeFromInt(int64At(view, row * 8, true), 9);
    default:
      return (row) => int64At(view, row * 8, true);
  }
}

function columnReader(column: DuckDBColumn, vector: duckdb.ColumnVector): Reader {
  const data = vector.data;
  switch (data.case) {
    case 'bools': {
      const bytes = data.value.data;
      return (row) => bytes[row] === 1;
    }
    case 'int32s': {
      const view = viewOf(data.value.data);
      return column.typeId === TypeId.DATE
        ? (row) => dateFromDays(view.getInt32(row * 4, true))
        : (row) => view.getInt32(row * 4, true);
    }
    case 'int64s':
      return int64Reader(data.value.data, column.typeId);
    case 'uint64s': {
      const view = viewOf(data.value.data);
      return (row) => int64At(view, row * 8, false);
    }
    case 'float64s': {
      const view = viewOf(data.value.data);
      return (row) => view.getFloat64(row * 8, true);
    }
    case 'strings':
      return stringReader(data.value.data, data.value.lengths);
    case 'values':
      return (row) => fromProtoValue(data.value.values[row]);
    default:
      return () => null;
  }
}

/** The rows of a RowBatch as objects keyed by column name. */
export function decodeRows(
  columns: readonly DuckDBColumn[],
  batch: duckdb.RowBatch | undefined,
): DuckDBRow[] {
  if (!batch || batch.rowCount === 0) return [];
  const keys = rowKeys(columns);
  const readers = columns.map((column, c) => {
    const vector = batch.columns[c];
    if (!vector) return () => null;
    const read = columnReader(column, vector);
    const validity = vector.validity;
    if (validity.byteLength === 0) return read;
    return (row: number) => ((validity[row >> 3]! >> (row & 7)) & 1 ? read(row) : null);
  });
  const rows = new Array<DuckDBRow>(batch.rowCount);
  for (let r = 0; r < batch.rowCount; r++) {
    const row: DuckDBRow = {};
    for (let c = 0; c < readers.length; c++) row[keys[c]!] = readers[c]!(r);
    rows[r] = row;
  }
  return rows;
}
