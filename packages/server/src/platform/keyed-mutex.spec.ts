import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { KeyedMutex } from './keyed-mutex.js';

describe('KeyedMutex', () => {
  it('runs work for one key strictly in order, even when earlier work fails', async () => {
    const mutex = new KeyedMutex();
    const log: string[] = [];
    const slow = mutex.run('k', async () => {
      await sleep(20);
      log.push('first');
      throw new Error('boom');
    });
    const fast = mutex.run('k', async () => {
      log.push('second');
      return 2;
    });
    await expect(slow).rejects.toThrow('boom');
    await expect(fast).resolves.toBe(2);
    expect(log).toEqual(['first', 'second']);
  });

  it('runs different keys concurrently', async () => {
    const mutex = new KeyedMutex();
    const log: string[] = [];
    await Promise.all([
      mutex.run('a', async () => {
        await sleep(20);
        log.push('a');
      }),
      mutex.run('b', async () => {
        log.push('b');
      }),
    ]);
    expect(log).toEqual(['b', 'a']);
  });
});
