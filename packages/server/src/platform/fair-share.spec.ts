import { describe, expect, it } from 'vitest';
import { GrpcStatus, ServiceError } from './errors.js';
import { FairShare } from './fair-share.js';

describe('FairShare', () => {
  it('caps what one tenant holds, so another tenant still gets a unit', () => {
    const pool = new FairShare({
      what: 'slots',
      capacity: 4,
      perTenant: 2,
      perTenantVariable: 'X_PER_TENANT',
    });
    pool.tryAcquire('a');
    pool.tryAcquire('a');
    expect(() => pool.tryAcquire('a')).toThrow(/share is in use \(limit 2 per tenant, X_PER_TENANT\)/);
    expect(() => pool.tryAcquire('a')).toThrow(
      expect.objectContaining({ code: GrpcStatus.RESOURCE_EXHAUSTED }) as unknown as Error,
    );
    expect(pool.tryAcquire('b')).toBeTypeOf('function');
    expect(pool.inUseBy()).toBe(3);
    expect(pool.inUseBy('a')).toBe(2);
  });

  it('names the instance-wide limit when the pool itself is full', () => {
    const pool = new FairShare({
      what: 'subscriptions',
      capacity: 2,
      perTenant: 2,
      capacityVariable: 'X_MAX',
    });
    pool.tryAcquire('a');
    pool.tryAcquire('b');
    expect(() => pool.tryAcquire('c')).toThrow(/all in use on this instance \(limit 2, X_MAX\)/);
  });

  it('gives a unit back once, however often release is called', () => {
    const pool = new FairShare({ what: 'slots', capacity: 1, perTenant: 1 });
    const release = pool.tryAcquire('a');
    release();
    release();
    expect(pool.inUseBy()).toBe(0);
    pool.tryAcquire('b');
    expect(() => pool.tryAcquire('c')).toThrow(ServiceError);
  });

  it('serves waiting tenants round-robin, so one backlog does not go first', async () => {
    const pool = new FairShare({ what: 'slots', capacity: 1, perTenant: 1 });
    const first = pool.tryAcquire('flood');
    const order: string[] = [];
    const waiters = [
      ...[1, 2, 3].map((n) =>
        pool.acquire('flood').then((release) => {
          order.push(`flood${n}`);
          release();
        }),
      ),
      pool.acquire('quiet').then((release) => {
        order.push('quiet');
        release();
      }),
    ];
    expect(pool.waitingFor()).toBe(4);
    expect(pool.waitingFor('flood')).toBe(3);
    first();
    await Promise.all(waiters);
    // The quiet tenant queued last but is served second: right after the flood's first waiter.
    expect(order).toEqual(['flood1', 'quiet', 'flood2', 'flood3']);
  });

  it('lets a tenant below its share run while another tenant waits at its own share', async () => {
    const pool = new FairShare({ what: 'slots', capacity: 3, perTenant: 1 });
    pool.tryAcquire('a');
    let granted = false;
    const waiting = pool.acquire('a').then(() => {
      granted = true;
    });
    await expect(pool.acquire('b')).resolves.toBeTypeOf('function');
    expect(granted).toBe(false);
    expect(pool.inUseBy()).toBe(2);
    void waiting;
  });

  it('refuses past the per-tenant queue bound, and a waiter that gives up leaves the queue', async () => {
    const pool = new FairShare({ what: 'slots', capacity: 1, perTenant: 1, maxQueuedPerTenant: 1 });
    const release = pool.tryAcquire('a');
    const controller = new AbortController();
    const waiting = pool.acquire('a', controller.signal);
    await expect(pool.acquire('a')).rejects.toMatchObject({
      code: GrpcStatus.RESOURCE_EXHAUSTED,
      message: expect.stringMatching(/too many calls waiting for slots \(limit 1 per tenant\)/),
    });
    controller.abort(ServiceError.deadlineExceeded('deadline exceeded'));
    await expect(waiting).rejects.toMatchObject({ code: GrpcStatus.DEADLINE_EXCEEDED });
    expect(pool.waitingFor()).toBe(0);
    release();
    expect(pool.inUseBy()).toBe(0);
  });

  it('runs work holding a unit and frees it when the work fails', async () => {
    const pool = new FairShare({ what: 'slots', capacity: 1, perTenant: 1 });
    await expect(
      pool.run('a', async () => {
        expect(pool.inUseBy('a')).toBe(1);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(pool.inUseBy()).toBe(0);
  });
});
