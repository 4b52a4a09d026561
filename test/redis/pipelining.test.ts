import { GrpcStatus, RedisClient } from '@isa-cloud/sdk';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestStack, uniqueUser } from '../support/stack.js';
import { cleanupTenants, directRedis, startRedisStack } from './support.js';

/** Completed RPCs of one method on the stack, from its Prometheus metrics. */
async function served(stack: TestStack, method: string): Promise<number> {
  const text = await (await fetch(`${stack.httpUrl}/metrics`)).text();
  return text
    .split('\n')
    .filter((l) => l.startsWith('isa_rpc_requests_total{') && l.includes(`method="${method}"`))
    .reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
}

describe('redis SDK automatic pipelining', () => {
  let stack: TestStack;
  let direct: Redis;
  const user = uniqueUser('redis');
  let r: RedisClient;

  beforeAll(async () => {
    stack = await startRedisStack();
    direct = directRedis();
    r = stack.client('redis', { userId: user, throwOnError: true });
  });
  afterAll(async () => {
    await cleanupTenants(direct, [user]);
    direct?.disconnect();
    await stack?.stop();
  });

  it('sends the calls of one turn as one pipeline, each with its own typed result, in order', async () => {
    const batches = await served(stack, 'ExecuteBatch');
    const gets = await served(stack, 'Get');
    const [set, got, incr, pushed, members] = await Promise.all([
      r.set('p:x', '1'),
      r.get('p:x'),
      r.incr('p:n', 5),
      r.rpush('p:l', ['a', 'b']),
      r.smembers('p:none'),
    ]);
    // Same turn, same pipeline: the GET runs after the SET it follows.
    expect([set, got, incr, pushed, members]).toEqual([true, '1', 5, 2, []]);
    expect(await served(stack, 'ExecuteBatch')).toBe(batches + 1);
    expect(await served(stack, 'Get')).toBe(gets);
  });

  it('fails only the call that is wrong, with its own field name and code', async () => {
    await r.set('p:text', 'abc');
    const quiet = stack.client('redis', { userId: user });
    const outcomes = await Promise.allSettled([
      r.get(''),
      r.incr('p:text'),
      r.set('p:fine', 'ok'),
      r.hset('p:h', { '': 'v' }),
    ]);
    expect(outcomes[0]).toMatchObject({
      status: 'rejected',
      reason: { code: GrpcStatus.INVALID_ARGUMENT, field: 'key', operation: 'get' },
    });
    expect(outcomes[1]).toMatchObject({
      status: 'rejected',
      reason: { code: GrpcStatus.FAILED_PRECONDITION, operation: 'incr' },
    });
    expect(outcomes[2]).toEqual({ status: 'fulfilled', value: true });
    expect(outcomes[3]).toMatchObject({
      status: 'rejected',
      reason: { code: GrpcStatus.INVALID_ARGUMENT, field: 'fields[0].field' },
    });
    // Without throwOnError a failed pipelined call resolves to null, like any other call.
    expect(await Promise.all([quiet.get(''), quiet.get('p:fine')])).toEqual([null, 'ok']);
  });

  it('sends a lone call, a call with its own signal or deadline, and everything when disabled, as its own RPC', async () => {
    const batches = await served(stack, 'ExecuteBatch');
    const gets = await served(stack, 'Get');
    expect(await r.get('p:fine')).toBe('ok');
    await Promise.all([
      r.get('p:fine', { timeoutMs: 5000 }),
      r.get('p:fine', { signal: new AbortController().signal }),
    ]);
    const plain = new RedisClient({
      host: '127.0.0.1',
      port: stack.port('redis'),
      userId: user,
      throwOnError: true,
      autoPipelining: false,
    });
    await Promise.all([plain.get('p:fine'), plain.get('p:x')]);
    await plain.close();
    expect(await served(stack, 'ExecuteBatch')).toBe(batches);
    expect(await served(stack, 'Get')).toBe(gets + 5);
  });

  it('splits more than 1000 concurrent calls into several pipelines', async () => {
    const batches = await served(stack, 'ExecuteBatch');
    const results = await Promise.all(Array.from({ length: 2500 }, (_, i) => r.incr(`p:many:${i % 10}`)));
    expect(results).toHaveLength(2500);
    expect(await r.get('p:many:0')).toBe('250');
    expect(await served(stack, 'ExecuteBatch')).toBe(batches + 3);
  });

  it('fails every pipelined call when the service is unreachable, without hanging', async () => {
    const dead = stack.client('redis', {
      userId: user,
      host: '127.0.0.1',
      port: 1,
      throwOnError: true,
      enableRetry: false,
    });
    const outcomes = await Promise.allSettled([dead.get('a'), dead.set('b', 'v'), dead.incr('c')]);
    for (const o of outcomes)
      expect(o).toMatchObject({ status: 'rejected', reason: { code: GrpcStatus.UNAVAILABLE } });
  });
});
