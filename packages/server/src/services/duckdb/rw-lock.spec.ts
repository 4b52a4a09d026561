import { describe, expect, it } from 'vitest';
import { RwLock } from './rw-lock.js';
import { Slots } from './slots.js';

const tick = () => new Promise((r) => setImmediate(r));

describe('RwLock', () => {
  it('shares among readers and excludes a writer until they are done', async () => {
    const lock = new RwLock();
    const r1 = await lock.shared();
    const r2 = await lock.shared();
    let written = false;
    const writer = lock.exclusive().then((release) => {
      written = true;
      return release;
    });
    await tick();
    expect(written).toBe(false);
    expect(lock.tryExclusive()).toBeUndefined();
    r1();
    await tick();
    expect(written).toBe(false);
    r2();
    const release = await writer;
    expect(written).toBe(true);
    release();
    expect(lock.idle).toBe(true);
  });

  it('lets a waiting writer go before readers that came after it', async () => {
    const lock = new RwLock();
    const order: string[] = [];
    const first = await lock.shared();
    const writer = lock.exclusive().then((release) => {
      order.push('writer');
      release();
    });
    const reader = lock.shared().then((release) => {
      order.push('late reader');
      release();
    });
    first();
    await Promise.all([writer, reader]);
    expect(order).toEqual(['writer', 'late reader']);
  });
});

describe('Slots', () => {
  it('admits at most `size` at once, in order', async () => {
    const slots = new Slots(2);
    const a = await slots.acquire();
    const b = await slots.acquire();
    let third = false;
    const c = slots.acquire().then((release) => {
      third = true;
      return release;
    });
    await tick();
    expect(third).toBe(false);
    expect(slots.waiting).toBe(1);
    a();
    (await c)();
    expect(third).toBe(true);
    b();
  });

  it('lets a waiter give up when its call is aborted', async () => {
    const slots = new Slots(1);
    const held = await slots.acquire();
    const controller = new AbortController();
    const waiting = slots.acquire(controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ code: 1 });
    expect(slots.waiting).toBe(0);
    held();
    (await slots.acquire())();
  });
});
