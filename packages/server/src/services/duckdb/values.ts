import { endianness } from 'node:os';
import type { MessageInitShape } from '@bufbuild/protobuf';
import { NullValue } from '@bufbuild/protobuf/wkt';
import {
  BIGINT,
  BIGNUM,
  BIT,
  BLOB,
  BOOLEAN,
  DATE,
  DECIMAL,
  DOUBLE,
  DuckDBBitValue,
  DuckDBBlobValue,
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBIntervalValue,
  DuckDBListValue,
  DuckDBMapValue,
  DuckDBStructValue,
  DuckDBTimeNSValue,
  DuckDBTimestampNanosecondsValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  DuckDBTimeTZValue,
  DuckDBTimeValue,
  type DuckDBType,
  DuckDBTypeId,
  DuckDBUUIDValue,
  type DuckDBValue,
  type DuckDBVector,
  HUGEINT,
  INTERVAL,
  LIST,
  MAP,
  STRUCT,
  TIME,
  TIME_NS,
  TIMESTAMP,
  TIMESTAMP_NS,
  TIMESTAMPTZ,
  TIMETZ,
  UBIGINT,
  UHUGEINT,
  UUID,
  VARCHAR,
} from '@duckdb/node-api';
import type { duckdb } from '@isa-cloud/api';
import { ServiceError } from '../../platform/errors.js';

type ValueInit = MessageInitShape<typeof duckdb.ValueSchema>;
type ColumnVectorInit = MessageInitShape<typeof duckdb.ColumnVectorSchema>;
type ValueKind = Exclude<ValueInit['kind'], undefined>;

const U64 = (1n << 64n) - 1n;
const I64_MAX = (1n << 63n) - 1n;

function int128(value: bigint): { high: bigint; low: bigint } {
  const u = BigInt.asUintN(128, value);
  return { high: u >> 64n, low: u & U64 };
}

export function fromInt128(parts: { high: bigint; low: bigint }, signed: boolean): bigint {
  const u = ((parts.high & U64) << 64n) | (parts.low & U64);
  return signed ? BigInt.asIntN(128, u) : u;
}

/** TIMESTAMP_S / TIMESTAMP_MS in microseconds; their infinities stay DuckDB's infinities. */
function scaledMicros(value: bigint, factor: bigint): bigint {
  if (value >= I64_MAX) return I64_MAX;
  if (value <= -I64_MAX) return -I64_MAX;
  return value * factor;
}

/** One DuckDB value, converted by its DuckDB type, as a proto Value (see docs/duckdb.md). */
export function toProtoValue(value: DuckDBValue, type: DuckDBType): ValueInit {
  if (value === null) return { kind: { case: 'nullValue', value: NullValue.NULL_VALUE } };
  return { kind: toKind(value, type) };
}

function toKind(value: NonNullable<DuckDBValue>, type: DuckDBType): ValueKind {
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return { case: 'boolValue', value: value as boolean };
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.USMALLINT:
    case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.BIGINT:
      return { case: 'intValue', value: BigInt(value as number | bigint) };
    case DuckDBTypeId.UBIGINT:
      return { case: 'uintValue', value: BigInt(value as number | bigint) };
    case DuckDBTypeId.HUGEINT:
      return { case: 'hugeintValue', value: int128(value as bigint) };
    case DuckDBTypeId.UHUGEINT:
      return { case: 'uhugeintValue', value: int128(value as bigint) };
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
      return { case: 'doubleValue', value: value as number };
    case DuckDBTypeId.DECIMAL: {
      const d = value as DuckDBDecimalValue;
      return { case: 'decimalValue', value: { value: d.toString(), width: d.width, scale: d.scale } };
    }
    case DuckDBTypeId.VARCHAR:
    case DuckDBTypeId.ENUM:
      return { case: 'stringValue', value: String(value) };
    case DuckDBTypeId.BLOB:
      return { case: 'blobValue', value: (value as DuckDBBlobValue).bytes };
    case DuckDBTypeId.DATE:
      return { case: 'dateValue', value: (value as DuckDBDateValue).days };
    case DuckDBTypeId.TIME:
      return { case: 'timeValue', value: (value as DuckDBTimeValue).micros };
    case DuckDBTypeId.TIME_NS:
      return { case: 'timeNsValue', value: (value as DuckDBTimeNSValue).nanos };
    case DuckDBTypeId.TIME_TZ: {
      const t = value as DuckDBTimeTZValue;
      return { case: 'timeTzValue', value: { micros: t.micros, offsetSeconds: t.offset } };
    }
    case DuckDBTypeId.TIMESTAMP:
      return { case: 'timestampValue', value: (value as DuckDBTimestampValue).micros };
    case DuckDBTypeId.TIMESTAMP_S:
      return {
        case: 'timestampValue',
        value: scaledMicros((value as { seconds: bigint }).seconds, 1_000_000n),
      };
    case DuckDBTypeId.TIMESTAMP_MS:
      return { case: 'timestampValue', value: scaledMicros((value as { millis: bigint }).millis, 1000n) };
    case DuckDBTypeId.TIMESTAMP_NS:
      return { case: 'timestampNsValue', value: (value as DuckDBTimestampNanosecondsValue).nanos };
    case DuckDBTypeId.TIMESTAMP_TZ:
      return { case: 'timestampTzValue', value: (value as DuckDBTimestampTZValue).micros };
    case DuckDBTypeId.INTERVAL: {
      const i = value as DuckDBIntervalValue;
      return { case: 'intervalValue', value: { months: i.months, days: i.days, micros: i.micros } };
    }
    case DuckDBTypeId.UUID:
      return { case: 'uuidValue', value: String(value) };
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY: {
      const child = type.valueType;
      const items = (value as { items: readonly DuckDBValue[] }).items;
      return { case: 'listValue', value: { values: items.map((item) => toProtoValue(item, child)) } };
    }
    case DuckDBTypeId.STRUCT: {
      const entries = (value as DuckDBStructValue).entries;
      return {
        case: 'structValue',
        value: {
          fields: type.entryNames.map((name, i) => ({
            name,
            value: toProtoValue(entries[name] ?? null, type.entryTypes[i]!),
          })),
        },
      };
    }
    case DuckDBTypeId.MAP: {
      const entries = (value as DuckDBMapValue).entries;
      return {
        case: 'mapValue',
        value: {
          entries: entries.map((e) => ({
            key: toProtoValue(e.key, type.keyType),
            value: toProtoValue(e.value, type.valueType),
          })),
        },
      };
    }
    case DuckDBTypeId.UNION: {
      const u = value as { tag: string; value: DuckDBValue };
      return {
        case: 'unionValue',
        value: { tag: u.tag, value: toProtoValue(u.value, type.memberTypeForTag(u.tag)) },
      };
    }
    case DuckDBTypeId.BIT:
      return { case: 'bitValue', value: String(value) };
    case DuckDBTypeId.BIGNUM:
      return { case: 'bignumValue', value: String(value) };
    default:
      return { case: 'textValue', value: String(value) };
  }
}

/** The compact vector a column of this type travels in (see ColumnVector in the proto). */
type VectorKind = 'bools' | 'int32s' | 'int64s' | 'uint64s' | 'float64s' | 'strings' | 'values';

function vectorKind(typeId: DuckDBTypeId): VectorKind {
  switch (typeId) {
    case DuckDBTypeId.BOOLEAN:
      return 'bools';
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.USMALLINT:
    case DuckDBTypeId.DATE:
      return 'int32s';
    case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.TIME:
    case DuckDBTypeId.TIME_NS:
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
    case DuckDBTypeId.TIMESTAMP_TZ:
      return 'int64s';
    case DuckDBTypeId.UBIGINT:
      return 'uint64s';
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
      return 'float64s';
    case DuckDBTypeId.VARCHAR:
    case DuckDBTypeId.ENUM:
    case DuckDBTypeId.UUID:
      return 'strings';
    default:
      return 'values';
  }
}

/** The int64 a scalar travels as in an Int64Vector (micro/nanoseconds for times, see the proto). */
function int64Of(value: DuckDBValue, typeId: DuckDBTypeId): bigint {
  switch (typeId) {
    case DuckDBTypeId.UINTEGER:
      return BigInt(value as number);
    case DuckDBTypeId.BIGINT:
      return value as bigint;
    case DuckDBTypeId.TIME:
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_TZ:
      return (value as { micros: bigint }).micros;
    case DuckDBTypeId.TIME_NS:
    case DuckDBTypeId.TIMESTAMP_NS:
      return (value as { nanos: bigint }).nanos;
    case DuckDBTypeId.TIMESTAMP_S:
      return scaledMicros((value as { seconds: bigint }).seconds, 1_000_000n);
    case DuckDBTypeId.TIMESTAMP_MS:
      return scaledMicros((value as { millis: bigint }).millis, 1000n);
    default:
      throw new Error(`int64Of: unexpected type ${DuckDBTypeId[typeId]}`);
  }
}

const LITTLE_ENDIAN = endianness() === 'LE';

/**
 * Accumulates one result column over any number of DuckDB chunks and builds its ColumnVector.
 * Keeps a running estimate of the encoded size so results can be cut before they outgrow a message.
 */
export class ColumnBuilder {
  readonly kind: VectorKind;
  private rows = 0;
  private validity: number[] = [];
  private hasNull = false;
  private readonly bools: boolean[] = [];
  private readonly numbers: number[] = [];
  private readonly bigints: bigint[] = [];
  private readonly strings: string[] = [];
  private readonly values: ValueInit[] = [];
  estimatedBytes = 0;

  constructor(readonly type: DuckDBType) {
    this.kind = vectorKind(type.typeId);
  }

  get rowCount(): number {
    return this.rows;
  }

  /** Appends rows [from, to) of a vector. */
  append(vector: DuckDBVector, from: number, to: number): void {
    const typeId = this.type.typeId;
    for (let i = from; i < to; i++) {
      const value = vector.getItem(i);
      const row = this.rows++;
      if ((row & 7) === 0) this.validity.push(0);
      if (value === null) {
        this.hasNull = true;
        this.pushPlaceholder();
        continue;
      }
      this.validity[row >> 3]! |= 1 << (row & 7);
      switch (this.kind) {
        case 'bools':
          this.bools.push(value as boolean);
          this.estimatedBytes += 1;
          break;
        case 'int32s':
          this.numbers.push(
            typeId === DuckDBTypeId.DATE ? (value as DuckDBDateValue).days : (value as number),
          );
          this.estimatedBytes += 4;
          break;
        case 'int64s':
          this.bigints.push(int64Of(value, typeId));
          this.estimatedBytes += 8;
          break;
        case 'uint64s':
          this.bigints.push(value as bigint);
          this.estimatedBytes += 8;
          break;
        case 'float64s':
          this.numbers.push(value as number);
          this.estimatedBytes += 8;
          break;
        case 'strings': {
          const text = typeId === DuckDBTypeId.UUID ? String(value) : (value as string);
          this.strings.push(text);
          this.estimatedBytes += text.length + 2;
          break;
        }
        case 'values': {
          const proto = toProtoValue(value, this.type);
          this.values.push(proto);
          this.estimatedBytes += estimateValueBytes(proto);
          break;
        }
      }
    }
  }

  private pushPlaceholder(): void {
    switch (this.kind) {
      case 'bools':
        this.bools.push(false);
        break;
      case 'int32s':
      case 'float64s':
        this.numbers.push(0);
        break;
      case 'int64s':
      case 'uint64s':
        this.bigints.push(0n);
        break;
      case 'strings':
        this.strings.push('');
        break;
      case 'values':
        this.values.push({ kind: { case: 'nullValue', value: NullValue.NULL_VALUE } });
        break;
    }
    this.estimatedBytes += 1;
  }

  build(): ColumnVectorInit {
    const validity = this.hasNull ? Uint8Array.from(this.validity) : new Uint8Array(0);
    switch (this.kind) {
      case 'bools':
        return { validity, data: { case: 'bools', value: { data: Uint8Array.from(this.bools, Number) } } };
      case 'int32s':
        return {
          validity,
          data: { case: 'int32s', value: { data: littleEndian(Int32Array.from(this.numbers)) } },
        };
      case 'int64s':
        return {
          validity,
          data: { case: 'int64s', value: { data: littleEndian(BigInt64Array.from(this.bigints)) } },
        };
      case 'uint64s':
        return {
          validity,
          data: { case: 'uint64s', value: { data: littleEndian(BigUint64Array.from(this.bigints)) } },
        };
      case 'float64s':
        return {
          validity,
          data: { case: 'float64s', value: { data: littleEndian(Float64Array.from(this.numbers)) } },
        };
      case 'strings': {
        const lengths = this.strings.map((s) => Buffer.byteLength(s, 'utf8'));
        return {
          validity,
          data: { case: 'strings', value: { data: Buffer.from(this.strings.join(''), 'utf8'), lengths } },
        };
      }
      case 'values':
        return { validity, data: { case: 'values', value: { values: this.values } } };
    }
  }
}

/** The bytes of a typed array in little-endian order (the wire order of the fixed-width vectors). */
function littleEndian(array: Int32Array | BigInt64Array | BigUint64Array | Float64Array): Uint8Array {
  const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
  if (LITTLE_ENDIAN) return bytes;
  const width = array.BYTES_PER_ELEMENT;
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i += width) {
    for (let b = 0; b < width; b++) out[i + b] = bytes[i + width - 1 - b]!;
  }
  return out;
}

function estimateValueBytes(value: ValueInit): number {
  const kind = value.kind;
  if (!kind) return 2;
  switch (kind.case) {
    case 'stringValue':
    case 'textValue':
    case 'uuidValue':
    case 'bitValue':
    case 'bignumValue':
      return kind.value.length + 4;
    case 'blobValue':
      return kind.value.byteLength + 4;
    case 'listValue':
      return 4 + (kind.value.values ?? []).reduce((n, v) => n + estimateValueBytes(v), 0);
    case 'structValue':
      return (
        4 +
        (kind.value.fields ?? []).reduce(
          (n, f) => n + (f.name?.length ?? 0) + 4 + (f.value ? estimateValueBytes(f.value) : 2),
          0,
        )
      );
    case 'mapValue':
      return (
        4 +
        (kind.value.entries ?? []).reduce(
          (n, e) => n + (e.key ? estimateValueBytes(e.key) : 2) + (e.value ? estimateValueBytes(e.value) : 2),
          0,
        )
      );
    case 'unionValue':
      return (
        4 + (kind.value.tag?.length ?? 0) + (kind.value.value ? estimateValueBytes(kind.value.value) : 2)
      );
    default:
      return 12;
  }
}

// ---------------------------------------------------------------- parameters

/** A parameter ready to bind: the DuckDB value and the type it is bound as. */
export interface BoundValue {
  value: DuckDBValue;
  type: DuckDBType | undefined;
}

const UUID_TEXT = /^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$/;
const DECIMAL_TEXT = /^([+-]?)(\d+)(?:\.(\d+))?$/;

/** A proto Value (a statement parameter) as the DuckDB value and type it binds as. */
export function fromProtoValue(value: duckdb.Value, field: string): BoundValue {
  const kind = value.kind;
  switch (kind.case) {
    case undefined:
    case 'nullValue':
      return { value: null, type: undefined };
    case 'boolValue':
      return { value: kind.value, type: BOOLEAN };
    case 'intValue':
      return { value: kind.value, type: BIGINT };
    case 'uintValue':
      return { value: kind.value, type: UBIGINT };
    case 'hugeintValue':
      return { value: fromInt128(kind.value, true), type: HUGEINT };
    case 'uhugeintValue':
      return { value: fromInt128(kind.value, false), type: UHUGEINT };
    case 'doubleValue':
      return { value: kind.value, type: DOUBLE };
    case 'decimalValue':
      return decimalParameter(kind.value, field);
    case 'stringValue':
    case 'textValue':
      return { value: kind.value, type: VARCHAR };
    case 'blobValue':
      return { value: new DuckDBBlobValue(kind.value), type: BLOB };
    case 'dateValue':
      return { value: new DuckDBDateValue(kind.value), type: DATE };
    case 'timeValue':
      return { value: new DuckDBTimeValue(kind.value), type: TIME };
    case 'timeNsValue':
      return { value: new DuckDBTimeNSValue(kind.value), type: TIME_NS };
    case 'timeTzValue':
      if (Math.abs(kind.value.offsetSeconds) > DuckDBTimeTZValue.MaxOffset)
        throw ServiceError.invalidArgument(field, 'time zone offset must be within ±15:59:59');
      return {
        value: DuckDBTimeTZValue.fromMicrosAndOffset(kind.value.micros, kind.value.offsetSeconds),
        type: TIMETZ,
      };
    case 'timestampValue':
      return { value: new DuckDBTimestampValue(kind.value), type: TIMESTAMP };
    case 'timestampNsValue':
      return { value: new DuckDBTimestampNanosecondsValue(kind.value), type: TIMESTAMP_NS };
    case 'timestampTzValue':
      return { value: new DuckDBTimestampTZValue(kind.value), type: TIMESTAMPTZ };
    case 'intervalValue':
      return {
        value: new DuckDBIntervalValue(kind.value.months, kind.value.days, kind.value.micros),
        type: INTERVAL,
      };
    case 'uuidValue':
      if (!UUID_TEXT.test(kind.value)) throw ServiceError.invalidArgument(field, 'is not a UUID');
      return {
        value: DuckDBUUIDValue.fromUint128(BigInt(`0x${kind.value.replaceAll('-', '')}`)),
        type: UUID,
      };
    case 'bitValue':
      if (!/^[01]+$/.test(kind.value))
        throw ServiceError.invalidArgument(field, 'a BIT value is a string of 0 and 1');
      return { value: DuckDBBitValue.fromString(kind.value), type: BIT };
    case 'bignumValue':
      if (!/^-?\d{1,10000}$/.test(kind.value))
        throw ServiceError.invalidArgument(field, 'a BIGNUM value is decimal digits');
      return { value: BigInt(kind.value), type: BIGNUM };
    case 'listValue': {
      const items = kind.value.values.map((v, i) => fromProtoValue(v, `${field}[${i}]`));
      return { value: new DuckDBListValue(items.map((i) => i.value)), type: LIST(commonType(items, field)) };
    }
    case 'structValue': {
      const entries: Record<string, DuckDBValue> = {};
      const types: Record<string, DuckDBType> = {};
      for (const f of kind.value.fields) {
        if (f.name in entries)
          throw ServiceError.invalidArgument(field, `duplicate struct field "${f.name}"`);
        const bound = f.value
          ? fromProtoValue(f.value, `${field}.${f.name}`)
          : { value: null, type: undefined };
        entries[f.name] = bound.value;
        types[f.name] = bound.type ?? VARCHAR;
      }
      return { value: new DuckDBStructValue(entries), type: STRUCT(types) };
    }
    case 'mapValue': {
      const keys = kind.value.entries.map((e, i) =>
        e.key ? fromProtoValue(e.key, `${field}.key[${i}]`) : { value: null, type: undefined },
      );
      const values = kind.value.entries.map((e, i) =>
        e.value ? fromProtoValue(e.value, `${field}.value[${i}]`) : { value: null, type: undefined },
      );
      if (keys.some((k) => k.value === null))
        throw ServiceError.invalidArgument(field, 'map keys must not be NULL');
      return {
        value: new DuckDBMapValue(keys.map((k, i) => ({ key: k.value, value: values[i]!.value }))),
        type: MAP(commonType(keys, field), commonType(values, field)),
      };
    }
    case 'unionValue':
      throw ServiceError.invalidArgument(field, 'UNION parameters are not supported: pass the member value');
  }
}

/** The element type of a list (or map side): the first non-NULL element's; every other must agree. */
function commonType(items: BoundValue[], field: string): DuckDBType {
  let type: DuckDBType | undefined;
  for (const item of items) {
    if (!item.type) continue;
    if (!type) type = item.type;
    else if (type.toString() !== item.type.toString())
      throw ServiceError.invalidArgument(field, `mixed element types (${type} and ${item.type})`);
  }
  return type ?? VARCHAR;
}

function decimalParameter(decimal: duckdb.Decimal, field: string): BoundValue {
  const match = DECIMAL_TEXT.exec(decimal.value.trim());
  if (!match) throw ServiceError.invalidArgument(field, `"${decimal.value}" is not a decimal number`);
  const [, sign, whole, fraction = ''] = match;
  const digits = `${whole}${fraction}`.replace(/^0+(?=\d)/, '');
  const scale = decimal.scale || fraction.length;
  if (scale < fraction.length)
    throw ServiceError.invalidArgument(field, `"${decimal.value}" has more than ${scale} fractional digits`);
  const unscaled = BigInt(`${sign === '-' ? '-' : ''}${digits}${'0'.repeat(scale - fraction.length)}`);
  const width = decimal.width || Math.max(digits.length + (scale - fraction.length), scale + 1);
  if (width > 38 || scale > width)
    throw ServiceError.invalidArgument(field, 'DECIMAL width must be at most 38 and at least the scale');
  return { value: new DuckDBDecimalValue(unscaled, width, scale), type: DECIMAL(width, scale) };
}
