import { describe, expect, it } from 'vitest';
import { streamId } from './labels.js';
import type { PushEntry } from './store.js';
import { attributeRejections, goTimeString } from './store-loki.js';

const T = 1_740_830_400_123_000_000n; // 2025-03-01T12:00:00.123Z

function entry(index: number, labels: Record<string, string>, tsNs: bigint): PushEntry {
  return { index, tsNs, line: `line ${index}`, labels, stream: streamId(labels), bytes: 6 };
}

describe('Loki push answers', () => {
  it('write times the way Go prints them', () => {
    expect(goTimeString(T)).toBe('2025-03-01 12:00:00.123 +0000 UTC');
    expect(goTimeString(1_740_830_400_000_000_000n)).toBe('2025-03-01 12:00:00 +0000 UTC');
    expect(goTimeString(1_740_830_400_000_000_001n)).toBe('2025-03-01 12:00:00.000000001 +0000 UTC');
  });

  it('attribute refused entries to the request by stream and timestamp', () => {
    const a = { app: 'a' };
    const b = { app: 'b' };
    const entries = [
      entry(0, a, T),
      entry(1, a, T - 7_200_000_000_000n),
      entry(2, b, T - 9n * 86_400_000_000_000n),
      entry(3, b, T),
    ];
    const text = [
      'entry for stream \'{app="b"}\' has timestamp too old: 2025-02-20T12:00:00Z, oldest acceptable timestamp is: 2025-02-22T12:00:00Z',
      "entry with timestamp 2025-03-01 10:00:00.123 +0000 UTC ignored, reason: 'entry too far behind, entry timestamp is: 2025-03-01T10:00:00Z, oldest acceptable timestamp is: 2025-03-01T11:00:00Z',",
      'user \'org.alice\', total ignored: 1 out of 2 for stream: {app="a"}',
    ].join('\n');
    expect(attributeRejections(text, entries)).toEqual([
      {
        index: 2,
        reason: expect.stringMatching(/^entry for stream '\{app="b"\}' has timestamp too old/),
        bytes: 6,
      },
      { index: 1, reason: expect.stringMatching(/^entry too far behind/), bytes: 6 },
    ]);
  });

  it('leave other refusals to the caller (the whole push failed)', () => {
    expect(attributeRejections('error at least one label pair is required per stream', [])).toBeUndefined();
  });
});
