import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { GrpcStatus } from '@isa-cloud/sdk';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../packages/server/src/platform/managed-process.js';
import { startStack, type TestStack, uniqueUser } from '../support/stack.js';
import { PrivateMosquitto } from './private-mosquitto.js';
import {
  collectFor,
  EMBEDDED,
  eventually,
  expectCode,
  MOSQUITTO,
  mosquittoSub,
  take,
  tenantClient,
} from './support.js';

const run = promisify(execFile);
const brokers: PrivateMosquitto[] = [];
const stacks: TestStack[] = [];

afterAll(async () => {
  await Promise.all(stacks.map((s) => s.stop()));
  await Promise.all(brokers.map((b) => b.stop()));
});

async function track<T extends TestStack>(stack: Promise<T>): Promise<T> {
  const s = await stack;
  stacks.push(s);
  return s;
}

describe('abandoned sessions', () => {
  it('reaps a session nobody uses, publishing its will, but keeps sessions in use', async () => {
    const stack = await track(EMBEDDED.start({ MQTT_SESSION_IDLE_TIMEOUT_MS: '1000' }));
    const client = tenantClient(stack);
    const watcher = await client.subscribe(null, 'wills/#');
    const abandoned = await client.connect('forgotten', {
      will: { topic: 'wills/forgotten', payload: 'gone' },
    });
    const streaming = await client.connect('streaming');
    const stream = await client.subscribe(streaming!.sessionId, 'live/#');
    const busy = await client.connect('busy');
    const started = Date.now();
    while (Date.now() - started < 2500) {
      await client.publish(busy!.sessionId, 'live/tick', 'x', { qos: 0 });
      await new Promise((r) => setTimeout(r, 300));
    }
    const [will] = await take(watcher!, 1, 3000);
    expect(will).toMatchObject({ topic: 'wills/forgotten' });
    await expectCode(client.getConnectionStatus(abandoned!.sessionId), GrpcStatus.NOT_FOUND);
    expect(await client.getConnectionStatus(streaming!.sessionId)).toMatchObject({ connected: true });
    expect(await client.getConnectionStatus(busy!.sessionId)).toMatchObject({ connected: true });
    expect((await collectFor(stream!, 200)).length).toBeGreaterThan(0);
    expect((await client.listSessions())!.map((s) => s.clientId).sort()).toEqual(['busy', 'streaming']);
    stream!.close();
    watcher!.close();
  });
});

describe('broker credentials', () => {
  it('connects sessions with their own credentials or the service’s, and refuses wrong ones', async () => {
    const broker = await PrivateMosquitto.start({
      users: { service: 'service-secret', 'device-7': 'device-7-secret' },
    });
    brokers.push(broker);
    const stack = await track(
      startStack(['mqtt'], {
        MQTT_URL: broker.url,
        MQTT_USERNAME: 'service',
        MQTT_PASSWORD: 'service-secret',
      }),
    );
    const client = tenantClient(stack);
    expect((await client.healthCheck())!.healthy).toBe(true);
    const own = await client.connect('device-7', { username: 'device-7', password: 'device-7-secret' });
    const borrowed = await client.connect('device-8');
    expect(own!.session.connected && borrowed!.session.connected).toBe(true);
    const err = await client
      .connect('device-9', { username: 'device-7', password: 'wrong' })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: GrpcStatus.UNAUTHENTICATED });
    expect((err as Error).message).toMatch(/username or password/);
    await client.disconnect(own!.sessionId);
    await client.disconnect(borrowed!.sessionId);
  });

  it('reports NOT_SERVING, saying why, when the service’s own credentials are refused', async () => {
    const broker = await PrivateMosquitto.start({ users: { service: 'right' } });
    brokers.push(broker);
    const stack = await track(
      startStack(['mqtt'], { MQTT_URL: broker.url, MQTT_USERNAME: 'service', MQTT_PASSWORD: 'wrong' }),
    );
    const client = tenantClient(stack);
    const health = await client.healthCheck();
    expect(health).toMatchObject({ healthy: false, brokerStatus: 'disconnected' });
    expect(health!.message).toMatch(/username or password.*MQTT_URL/);
    expect(stack.host.endpoint('mqtt').health.serving).toBe(false);
    await expectCode(client.registerDevice('d', 'd'), GrpcStatus.UNAVAILABLE);
  });
});

describe('broker outages', () => {
  it('starts without its broker and begins serving once the broker is there', async () => {
    const port = await freePort();
    const stack = await track(startStack(['mqtt'], { MQTT_URL: `mqtt://127.0.0.1:${port}` }));
    const client = tenantClient(stack);
    expect(await client.healthCheck()).toMatchObject({ healthy: false, brokerStatus: 'disconnected' });
    await expectCode(client.publish(null, 'x', 'y'), GrpcStatus.UNAVAILABLE);
    await expectCode(client.connect('early'), GrpcStatus.UNAVAILABLE);
    const broker = await PrivateMosquitto.start({ port });
    brokers.push(broker);
    await eventually(
      async () => (await client.healthCheck())!.healthy,
      15_000,
      'healthy once the broker runs',
    );
    expect((await client.publish(null, 'x', 'y'))!.messageId).toMatch(/\S+/);
  });

  it('fails a QoS 1 publish the broker does not acknowledge in time, and recovers', async () => {
    const broker = await PrivateMosquitto.start();
    brokers.push(broker);
    const stack = await track(
      startStack(['mqtt'], { MQTT_URL: broker.url, MQTT_PUBLISH_TIMEOUT_MS: '1000' }),
    );
    const client = tenantClient(stack);
    const session = await client.connect('frozen');
    broker.signal('SIGSTOP');
    try {
      const started = Date.now();
      const err = await client.publish(session!.sessionId, 'x', 'y', { qos: 1 }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: GrpcStatus.UNAVAILABLE });
      expect((err as Error).message).toMatch(/did not acknowledge the QoS 1 publish within 1000 ms/);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      broker.signal('SIGCONT');
    }
    expect((await client.publish(session!.sessionId, 'x', 'y', { qos: 1 }))!.messageId).toMatch(/\S+/);
    expect((await client.getStatistics())!.messagesSentToday).toBe(1);
  });

  it('keeps sessions and subscriptions through a broker restart', async () => {
    const broker = await PrivateMosquitto.start();
    brokers.push(broker);
    const stack = await track(startStack(['mqtt'], { MQTT_URL: broker.url }));
    const client = tenantClient(stack);
    await client.registerDevice('gw-1', 'Gateway');
    const session = await client.connect('gw-1');
    const stream = await client.subscribe(session!.sessionId, 'cmd/#');
    await client.publish(null, 'cmd/a', 'before');
    expect((await take(stream!, 1))[0]!.payload.toString()).toBe('before');

    await broker.stop();
    await eventually(
      async () => !(await client.getConnectionStatus(session!.sessionId))!.connected,
      15_000,
      'down',
    );
    // While the broker is away a publish fails fast instead of hanging.
    const started = Date.now();
    await expectCode(client.publish(session!.sessionId, 'cmd/b', 'during'), GrpcStatus.UNAVAILABLE);
    expect(Date.now() - started).toBeLessThan(2000);
    expect((await client.healthCheck())!.healthy).toBe(false);

    await broker.restart();
    await eventually(
      async () => (await client.getConnectionStatus(session!.sessionId))!.connected,
      15_000,
      'up',
    );
    await eventually(async () => (await client.healthCheck())!.healthy, 15_000, 'healthy');
    expect((await client.getConnectionStatus(session!.sessionId))!.reconnects).toBeGreaterThanOrEqual(1);
    // The session's subscription was renewed on the new broker, and its presence republished.
    await eventually(
      async () => {
        await client.publish(null, 'cmd/c', 'after');
        return (await collectFor(stream!, 300)).some((m) => m.payload.toString() === 'after');
      },
      10_000,
      'delivery after the restart',
    );
    // The broker lost its retained state (no persistence): the instance wrote its presence again.
    await eventually(async () => (await client.getStatistics())!.activeSessions === 1, 10_000, 'presence');
    stream!.close();
  });
});

describe('client ids in use elsewhere', () => {
  it('gives up a session whose client id another connection keeps taking over', async () => {
    const [one, two] = await Promise.all([track(MOSQUITTO.start()), track(MOSQUITTO.start())]);
    const userId = uniqueUser('dup');
    const a = one.client('mqtt', { userId, throwOnError: true });
    const b = two.client('mqtt', { userId, throwOnError: true });
    const first = await a.connect('same-id');
    const second = await b.connect('same-id');
    const alive = async (client: typeof a, sessionId: string) =>
      client.getConnectionStatus(sessionId).then(
        () => true,
        () => false,
      );
    // The broker keeps one connection per client id; the two fight over it until one gives up.
    await eventually(
      async () => (await alive(a, first!.sessionId)) !== (await alive(b, second!.sessionId)),
      20_000,
      'one session to give up',
    );
    const [survivor, sessionId] = (await alive(a, first!.sessionId))
      ? [a, first!.sessionId]
      : [b, second!.sessionId];
    await eventually(
      async () => (await survivor.getConnectionStatus(sessionId))!.connected,
      15_000,
      'connected',
    );
    await new Promise((r) => setTimeout(r, 1500));
    expect(await survivor.getConnectionStatus(sessionId)).toMatchObject({ connected: true });
    await survivor.disconnect(sessionId);
  });
});

describe('embedded broker TCP listener', () => {
  const OPS = { username: 'ops', password: 'ops-password-for-tests' };

  it('refuses listener settings that make no sense', async () => {
    await expect(
      startStack(['mqtt'], { MQTT_URL: 'mqtt://127.0.0.1:1883', MQTT_EMBEDDED_PORT: '0', ...envOf(OPS) }),
    ).rejects.toThrow(/embedded broker only/);
    await expect(
      startStack(['mqtt'], { MQTT_EMBEDDED_PORT: '0', MQTT_EMBEDDED_USERNAME: 'ops' }),
    ).rejects.toThrow(/set together/);
    await expect(startStack(['mqtt'], envOf(OPS))).rejects.toThrow(/MQTT_EMBEDDED_PORT/);
    await expect(startStack(['mqtt'], { MQTT_URL: 'http://x' })).rejects.toThrow(/MQTT_URL/);
  });

  it('gives operators with the listener’s credentials the whole broker, and nobody else', async () => {
    const port = await freePort();
    const stack = await track(EMBEDDED.start({ MQTT_EMBEDDED_PORT: String(port), ...envOf(OPS) }));
    const userId = uniqueUser('tcp');
    const client = stack.client('mqtt', { userId, throwOnError: true });
    const deep = await client.healthCheck({ deepCheck: true });
    expect(deep!.broker).toBe(`embedded (mqtt://127.0.0.1:${port})`);

    const refused = await run('mosquitto_pub', [
      ...['-h', '127.0.0.1', '-p', String(port), '-t', `${userId}/default-org/x`, '-m', 'intruder'],
      ...['-u', OPS.username, '-P', 'wrong-password'],
    ]).catch((e: { stderr?: string; code?: number }) => e);
    expect((refused as { code?: number }).code).not.toBe(0);
    expect((refused as { stderr?: string }).stderr).toMatch(/not authori[sz]ed|bad user name or password/i);
    const anonymous = await run('mosquitto_pub', [
      '-h',
      '127.0.0.1',
      '-p',
      String(port),
      '-t',
      'x',
      '-m',
      'y',
    ]).catch((e: { code?: number }) => e);
    expect((anonymous as { code?: number }).code).not.toBe(0);

    // A device on the listener publishes into the tenant's namespace; the tenant's stream gets it.
    const stream = await client.subscribe(null, 'sensors/#');
    await run('mosquitto_pub', [
      ...[
        '-h',
        '127.0.0.1',
        '-p',
        String(port),
        '-q',
        '1',
        '-t',
        `${userId}/default-org/sensors/t1`,
        '-m',
        '21.5',
      ],
      ...['-u', OPS.username, '-P', OPS.password],
    ]);
    const [m] = await take(stream!, 1);
    expect(m).toMatchObject({ topic: 'sensors/t1' });
    expect(m!.payload.toString()).toBe('21.5');
    // And sees what the tenant publishes, at its full broker topic.
    const watch = mosquittoSub({ port, ...OPS }, [`${userId}/#`]);
    await watch.ready;
    await client.publish(null, 'sensors/t2', 'from the service');
    expect(await watch.stop()).toContain(`${userId}/default-org/sensors/t2 from the service`);
    stream!.close();
  });
});

function envOf(ops: { username: string; password: string }): Record<string, string> {
  return { MQTT_EMBEDDED_USERNAME: ops.username, MQTT_EMBEDDED_PASSWORD: ops.password };
}
