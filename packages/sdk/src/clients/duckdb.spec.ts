import { create } from '@bufbuild/protobuf';
import { duckdb } from '@isa-cloud/api';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DuckDBInterval,
  DuckDBParam,
  decodeRows,
  fromProtoValue,
  rowKeys,
  toProtoParameters,
  toProtoValue,
} from './duckdb-values.js';

const { TypeId } = duckdb;

function le(array: Int32Array | BigInt64Array | BigUint64Array | Float64Array): Uint8Array {
  return new Uint8Array(array.buffer);
}

describe('DuckDB SDK value decoding', () => {
  it('decodes every compact vector kind, with NULLs from the validity bitmap', () => {
    const columns = [
      { name: 'flag', type: 'BOOLEAN', typeId: TypeId.BOOLEAN },
      { name: 'n', type: 'INTEGER', typeId: TypeId.INTEGER },
      { name: 'day', type: 'DATE', typeId: TypeId.DATE },
      { name: 'big', type: 'BIGINT', typeId: TypeId.BIGINT },
      { name: 'at', type: 'TIMESTAMP', typeId: TypeId.TIMESTAMP },
      { name: 'u', type: 'UBIGINT', typeId: TypeId.UBIGINT },
      { name: 'x', type: 'DOUBLE', typeId: TypeId.DOUBLE },
      { name: 's', type: 'VARCHAR', typeId: TypeId.VARCHAR },
    ];
    const batch = create(duckdb.RowBatchSchema, {
      rowCount: 3,
      columns: [
        { data: { case: 'bools', value: { data: new Uint8Array([1, 0, 1]) } } },
        {
          validity: new Uint8Array([0b101]),
          data: { case: 'int32s', value: { data: le(Int32Array.of(-5, 0, 7)) } },
        },
        { data: { case: 'int32s', value: { data: le(Int32Array.of(0, -1, 19_782)) } } },
        { data: { case: 'int64s', value: { data: le(BigInt64Array.of(1n, -(2n ** 60n), 2n ** 53n + 1n)) } } },
        {
          data: {
            case: 'int64s',
            value: { data: le(BigInt64Array.of(1_500n, -1n, (1n << 63n) - 1n)) },
          },
        },
        { data: { case: 'uint64s', value: { data: le(BigUint64Array.of(0n, 2n ** 64n - 1n, 42n)) } } },
        { data: { case: 'float64s', value: { data: le(Float64Array.of(1.5, Number.NaN, -0)) } } },
        {
          validity: new Uint8Array([0b011]),
          data: { case: 'strings', value: { data: new TextEncoder().encode('héllo☕'), lengths: [6, 3, 0] } },
        },
      ],
    });
    const rows = decodeRows(columns, batch);
    expect(rows[0]).toEqual({
      flag: true,
      n: -5,
      day: new Date('1970-01-01T00:00:00Z'),
      big: 1,
      at: new Date(1),
      u: 0,
      x: 1.5,
      s: 'héllo',
    });
    expect(rows[1]).toMatchObject({
      flag: false,
      n: null,
      day: new Date('1969-12-31T00:00:00Z'),
      big: -(2n ** 60n),
      at: new Date(-1),
      u: 2n ** 64n - 1n,
      s: '☕',
    });
    expect(rows[1]!.x).toBeNaN();
    expect(rows[2]).toMatchObject({
      n: 7,
      big: 2n ** 53n + 1n,
      at: Number.POSITIVE_INFINITY,
      u: 42,
      s: null,
    });
  });

  it('returns exact decimals: numbers up to 15 significant digits, text beyond', () => {
    const decimal = (value: string, width: number, scale: number) =>
      fromProtoValue(
        create(duckdb.ValueSchema, { kind: { case: 'decimalValue', value: { value, width, scale } } }),
      );
    expect(decimal('123.45', 38, 2)).toBe(123.45);
    expect(decimal('-0.000001', 18, 6)).toBe(-0.000001);
    expect(decimal('123456789012345.0', 38, 1)).toBe(123456789012345);
    expect(decimal('1234567890123456.7', 38, 1)).toBe('1234567890123456.7');
  });

  it('suffixes repeated column names like @duckdb/node-api', () => {
    const col = (name: string) => ({ name, type: 'INTEGER', typeId: TypeId.INTEGER });
    expect(rowKeys([col('a'), col('b'), col('a'), col('a')])).toEqual(['a', 'b', 'a:1', 'a:2']);
  });
});

describe('DuckDB SDK parameters', () => {
  it('maps JS values to typed proto values', () => {
    const kind = (v: Parameters<typeof toProtoValue>[0]) => toProtoValue(v).kind;
    expect(kind(null)).toMatchObject({ case: 'nullValue' });
    expect(kind(3)).toEqual({ case: 'intValue', value: 3n });
    expect(kind(3.5)).toEqual({ case: 'doubleValue', value: 3.5 });
    expect(kind(2n ** 63n)).toEqual({ case: 'uintValue', value: 2n ** 63n });
    expect(kind(-(2n ** 100n))).toMatchObject({ case: 'hugeintValue' });
    expect(kind(2n ** 200n)).toEqual({ case: 'bignumValue', value: (2n ** 200n).toString() });
    expect(kind(new Date(1234))).toEqual({ case: 'timestampTzValue', value: 1_234_000n });
    expect(kind(new DuckDBInterval(1, 2, 3))).toMatchObject({ case: 'intervalValue', value: { micros: 3n } });
    expect(kind(DuckDBParam.date('2024-02-29'))).toEqual({ case: 'dateValue', value: 19_782 });
    expect(kind(DuckDBParam.time('01:02:03.5'))).toEqual({ case: 'timeValue', value: 3_723_500_000n });
    expect(kind([1, 'a'])).toMatchObject({ case: 'listValue' });
    expect(kind(new Map([['k', 1]]))).toMatchObject({ case: 'mapValue' });
    expect(kind({ a: 1 })).toMatchObject({ case: 'structValue' });
    expect(toProtoParameters({ x: 1 })).toMatchObject({ named: { x: { kind: { case: 'intValue' } } } });
    expect(() => DuckDBParam.date('29/02/2024')).toThrow(TypeError);
  });

  it('round-trips integers of any size through the proto Value', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 127n), max: 2n ** 127n - 1n }), (n) => {
        const back = fromProtoValue(create(duckdb.ValueSchema, toProtoValue(n)));
        expect(BigInt(back as number | bigint)).toBe(n);
        expect(typeof back).toBe(Number.isSafeInteger(Number(n)) ? 'number' : 'bigint');
      }),
    );
  });
});
