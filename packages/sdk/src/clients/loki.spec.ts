import { describe, expect, it } from 'vitest';
import { GrpcStatus } from '../errors.js';
import { LokiClient, lokiTimeToNs } from './loki.js';

describe('Loki SDK times', () => {
  it('read Dates, epoch milliseconds, epoch nanoseconds and RFC 3339 strings', () => {
    const ms = Date.parse('2025-03-01T12:00:00.123Z');
    expect(lokiTimeToNs(new Date(ms))).toBe(BigInt(ms) * 1_000_000n);
    expect(lokiTimeToNs(ms)).toBe(BigInt(ms) * 1_000_000n);
    expect(lokiTimeToNs(ms + 0.5)).toBe(BigInt(ms) * 1_000_000n + 500_000n);
    expect(lokiTimeToNs(1_740_830_400_123_456_789n)).toBe(1_740_830_400_123_456_789n);
    expect(lokiTimeToNs('2025-03-01T12:00:00.123456789Z')).toBe(1_740_830_400_123_456_789n);
    expect(lokiTimeToNs('2025-03-01T13:00:00.5+01:00')).toBe(1_740_830_400_500_000_000n);
  });

  it('refuse what is not a time', () => {
    expect(() => lokiTimeToNs('yesterday')).toThrow(TypeError);
    expect(() => lokiTimeToNs(Number.NaN)).toThrow(TypeError);
    expect(() => lokiTimeToNs(new Date('nope'))).toThrow(TypeError);
  });
});

describe('LokiClient input checks', () => {
  // Nothing listens here: these calls must fail before anything is sent.
  const client = new LokiClient({
    host: '127.0.0.1',
    port: 1,
    throwOnError: true,
    logger: null,
    enableRetry: false,
  });

  it('refuses an unknown level before sending', async () => {
    await expect(client.pushSimpleLog('x', 'svc', { level: 'LOUD' as 'INFO' })).rejects.toMatchObject({
      code: GrpcStatus.INVALID_ARGUMENT,
      details: 'unknown level "LOUD"',
    });
  });

  it('refuses a batch entry without a line', async () => {
    await expect(client.pushLogBatch([{ line: 'ok' }, { labels: { a: 'b' } }])).rejects.toMatchObject({
      code: GrpcStatus.INVALID_ARGUMENT,
      details: 'entry 1 has neither line nor message',
    });
  });

  it('resolves to null instead of throwing when throwOnError is off', async () => {
    const quiet = new LokiClient({
      host: '127.0.0.1',
      port: 1,
      logger: null,
      enableRetry: false,
      timeoutMs: 500,
    });
    expect(await quiet.pushLogBatch([{ labels: {} }])).toBeNull();
    await quiet.close();
  });
});
