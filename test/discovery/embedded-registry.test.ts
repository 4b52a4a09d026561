import Consul from 'consul';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedRegistry } from '../../packages/server/src/platform/consul/embedded-registry.js';
import { eventually, startRegistry } from '../support/registry.js';

/** Consul's own npm client, unchanged, against the embedded registry. */
describe('embedded registry speaks the Consul HTTP API (consul npm client)', () => {
  let registry: EmbeddedRegistry;
  let consul: Consul;

  beforeAll(async () => {
    registry = await startRegistry();
    consul = new Consul({ host: '127.0.0.1', port: registry.port });
  });
  afterAll(async () => {
    await registry?.close();
  });

  const passing = async (service: string) =>
    (
      (await consul.health.service({ service, passing: true })) as Array<{
        Service: { ID: string; Port: number };
      }>
    ).map((e) => e.Service.ID);

  it('registers services with TTL checks that drive the passing filter', async () => {
    await consul.agent.service.register({
      name: 'ttl-svc',
      id: 'ttl-1',
      address: '10.0.0.1',
      port: 7001,
      tags: ['a'],
      meta: { v: '1' },
      check: { name: 'ttl', ttl: '30s', timeout: '1s' },
    });
    await consul.agent.service.register({
      name: 'ttl-svc',
      id: 'ttl-2',
      address: '10.0.0.2',
      port: 7002,
      check: { name: 'ttl', ttl: '30s', timeout: '1s' },
    });
    expect(await passing('ttl-svc')).toEqual([]);
    await consul.agent.check.pass({ id: 'service:ttl-1' });
    expect(await passing('ttl-svc')).toEqual(['ttl-1']);
    await consul.agent.check.pass({ id: 'service:ttl-2', note: 'ok' });
    expect(await passing('ttl-svc')).toEqual(['ttl-1', 'ttl-2']);
    await consul.agent.check.fail({ id: 'service:ttl-1' });
    expect(await passing('ttl-svc')).toEqual(['ttl-2']);
    const all = (await consul.health.service('ttl-svc')) as Array<{
      Service: { ID: string; Address: string; Tags: string[]; Meta: Record<string, string> };
      Checks: Array<{ Status: string }>;
    }>;
    expect(all).toHaveLength(2);
    expect(all[0]!.Service).toMatchObject({
      ID: 'ttl-1',
      Address: '10.0.0.1',
      Tags: ['a'],
      Meta: { v: '1' },
    });
    expect(all[0]!.Checks.map((c) => c.Status)).toEqual(['passing', 'critical']);
    expect(await consul.catalog.service.list()).toMatchObject({ 'ttl-svc': ['a'] });
    expect(
      (await consul.catalog.service.nodes('ttl-svc')).map((n: { ServicePort: number }) => n.ServicePort),
    ).toEqual([7001, 7002]);
    expect(Object.keys(await consul.agent.service.list())).toEqual(
      expect.arrayContaining(['ttl-1', 'ttl-2']),
    );
    await consul.agent.service.deregister('ttl-1');
    await consul.agent.service.deregister('ttl-2');
    expect(await consul.health.service('ttl-svc')).toEqual([]);
  });

  it('answers blocking queries when something changes, and after the wait otherwise', async () => {
    const first = await fetch(`${registry.address}/v1/health/service/blocking?passing=true`);
    const index = first.headers.get('x-consul-index')!;
    const started = Date.now();
    const waiting = fetch(
      `${registry.address}/v1/health/service/blocking?passing=true&index=${index}&wait=10s`,
    ).then(async (r) => ({
      index: r.headers.get('x-consul-index'),
      body: (await r.json()) as unknown[],
      ms: Date.now() - started,
    }));
    await new Promise((r) => setTimeout(r, 200));
    await consul.agent.service.register({
      name: 'blocking',
      id: 'b1',
      port: 1,
      check: { name: 'ttl', ttl: '30s', timeout: '1s', status: 'passing' },
    });
    const result = await waiting;
    expect(result.ms).toBeGreaterThanOrEqual(150);
    expect(result.ms).toBeLessThan(5000);
    expect(Number(result.index)).toBeGreaterThan(Number(index));
    expect(result.body).toHaveLength(1);
    const idle = Date.now();
    const timedOut = await fetch(
      `${registry.address}/v1/health/service/blocking?index=${result.index}&wait=300ms`,
    );
    expect(Date.now() - idle).toBeGreaterThanOrEqual(250);
    expect(timedOut.headers.get('x-consul-index')).toBe(result.index);
  });

  it('expires a TTL check and deregisters a service that stays critical too long', async () => {
    await consul.agent.service.register({
      name: 'short-lived',
      id: 'sl-1',
      port: 1,
      check: {
        name: 'ttl',
        ttl: '300ms',
        timeout: '1s',
        status: 'passing',
        deregistercriticalserviceafter: '500ms',
      },
    });
    expect(await passing('short-lived')).toEqual(['sl-1']);
    await eventually(
      () => passing('short-lived'),
      (ids) => ids.length === 0,
      3000,
    );
    await eventually(
      async () => (await consul.health.service('short-lived')) as unknown[],
      (all) => all.length === 0,
      5000,
    );
  });

  it('rejects malformed registrations and unknown ids with Consul-like errors', async () => {
    const bad = await fetch(`${registry.address}/v1/agent/service/register`, {
      method: 'PUT',
      body: '{"Port": 1}',
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Missing service name');
    const badCheck = await fetch(`${registry.address}/v1/agent/service/register`, {
      method: 'PUT',
      body: JSON.stringify({ Name: 'x', Check: { TTL: 'soon' } }),
    });
    expect(badCheck.status).toBe(400);
    expect(
      (await fetch(`${registry.address}/v1/agent/service/deregister/nope`, { method: 'PUT' })).status,
    ).toBe(404);
    expect((await fetch(`${registry.address}/v1/kv/anything`)).status).toBe(404);
  });

  it('requires the ACL token when one is configured', async () => {
    const secured = await startRegistry({ token: 'secret-token' });
    try {
      expect((await fetch(`${secured.address}/v1/agent/services`)).status).toBe(403);
      const client = new Consul({
        host: '127.0.0.1',
        port: secured.port,
        defaults: { token: 'secret-token' },
      });
      await client.agent.service.register({ name: 'acl', id: 'acl-1', port: 1 });
      expect(Object.keys(await client.agent.service.list())).toEqual(['acl-1']);
    } finally {
      await secured.close();
    }
  });
});
