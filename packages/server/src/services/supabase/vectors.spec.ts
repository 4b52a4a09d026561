import { describe, expect, it } from 'vitest';
import { ServiceError } from '../../platform/errors.js';
import type { SchemaAdmin } from './schema-admin.js';
import { distanceBound, indexScanSettings, similarityOf, vectorLiteral } from './vectors.js';

describe('vector search helpers', () => {
  it('turns distances into similarities and thresholds into distance bounds, per metric', () => {
    expect(similarityOf('cosine', 0.25)).toBe(0.75);
    expect(similarityOf('inner_product', -3)).toBe(3);
    expect(similarityOf('l2', 1)).toBe(0.5);
    for (const metric of ['cosine', 'inner_product', 'l2'] as const) {
      for (const threshold of [0.1, 0.5, 0.9]) {
        const bound = distanceBound(metric, threshold)!;
        expect(similarityOf(metric, bound)).toBeCloseTo(threshold, 12);
      }
    }
    expect(distanceBound('l2', 0)).toBeUndefined();
  });

  it('writes finite vectors of the table’s dimension as pgvector text', () => {
    expect(vectorLiteral('v', [1, -0.5, 2.25], 3, 't')).toBe('[1,-0.5,2.25]');
    expect(vectorLiteral('v', [1, 2], 0, 't')).toBe('[1,2]');
    expect(() => vectorLiteral('v', [1, 2], 3, 't')).toThrow(
      /has 2 dimensions, but table "t" stores vectors of 3/,
    );
    expect(() => vectorLiteral('v', [], 0, 't')).toThrow(ServiceError);
    expect(() => vectorLiteral('v', [1, Number.POSITIVE_INFINITY], 2, 't')).toThrow(
      /v\[1\]: must be a finite number/,
    );
  });

  it('sizes the HNSW candidate list from the setting and the limit', () => {
    const admin = (iterative: boolean) => ({ iterativeScans: iterative }) as unknown as SchemaAdmin;
    expect(indexScanSettings({ admin: admin(true), efSearch: 40 }, 10)).toEqual({
      'hnsw.ef_search': '40',
      'hnsw.iterative_scan': 'relaxed_order',
    });
    expect(indexScanSettings({ admin: admin(false), efSearch: 100 }, 10)).toEqual({
      'hnsw.ef_search': '100',
    });
    expect(indexScanSettings({ admin: admin(false), efSearch: 40 }, 300)).toEqual({
      'hnsw.ef_search': '600',
    });
    expect(indexScanSettings({ admin: admin(false), efSearch: 40 }, 1000)).toEqual({
      'hnsw.ef_search': '1000',
    });
  });
});
