import { SignJWT } from 'jose';
import { connectAsync, type IClientOptions, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../packages/server/src/platform/managed-process.js';
import { type TestStack, uniqueUser } from '../support/stack.js';
import { collectFor, EMBEDDED, eventually, take } from './support.js';

const OPS = { MQTT_EMBEDDED_USERNAME: 'ops', MQTT_EMBEDDED_PASSWORD: 'ops-password-for-tests' };

/** A device talking MQTT straight to the embedded broker's TCP listener. */
function device(port: number, options: IClientOptions): Promise<MqttClient> {
  return connectAsync(`mqtt://127.0.0.1:${port}`, { reconnectPeriod: 0, connectTimeout: 5000, ...options });
}

/** The CONNACK refusal code a connection attempt got (0 when it was accepted). */
async function refusal(port: number, options: IClientOptions): Promise<number> {
  try {
    const client = await device(port, options);
    await client.endAsync();
    return 0;
  } catch (err) {
    return Number((err as { code?: unknown }).code ?? -1);
  }
}

function received(client: MqttClient): Array<[string, string]> {
  const got: Array<[string, string]> = [];
  client.on('message', (topic, payload) => got.push([topic, payload.toString()]));
  return got;
}

describe('devices on the embedded broker’s listener (no platform auth)', () => {
  let stack: TestStack;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    stack = await EMBEDDED.start({ MQTT_EMBEDDED_PORT: String(port), ...OPS });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('confines a tenant’s device to the tenant’s namespace and counts it online', async () => {
    const userA = uniqueUser('deva');
    const userB = uniqueUser('devb');
    const a = stack.client('mqtt', { userId: userA, throwOnError: true });
    const b = stack.client('mqtt', { userId: userB, throwOnError: true });
    await a.registerDevice('dev-1', 'Thermostat');
    const fromDevice = await a.subscribe(null, 'sensors/#');
    const bSees = await b.subscribe(null, '#');

    const dev = await device(port, { clientId: `${userA}/default-org/dev-1`, username: userA });
    await eventually(async () => (await a.getDeviceInfo('dev-1'))!.online, 15_000, 'device online');
    expect((await a.getStatistics())!.onlineDevices).toBe(1);

    await dev.publishAsync(`${userA}/default-org/sensors/t`, '21.0', { qos: 1 });
    expect((await take(fromDevice!, 1))[0]).toMatchObject({ topic: 'sensors/t' });

    const inbox = received(dev);
    const [granted] = await dev.subscribeAsync(`${userA}/default-org/cmd/#`, { qos: 1 });
    expect(granted!.qos).toBe(1);
    await a.publish(null, 'cmd/set', '22.0', { qos: 1 });
    await eventually(() => inbox.length === 1, 15_000, 'command delivered');
    expect(inbox).toEqual([[`${userA}/default-org/cmd/set`, '22.0']]);

    // Wildcards standing for the namespace, other tenants' namespaces, the broker's and the service's
    // topics: all refused.
    for (const filter of ['#', '+/#', '+/default-org/#', `${userB}/default-org/#`, '$SYS/#', '$isa/#']) {
      await expect(dev.subscribeAsync(filter, { qos: 0 }), filter).rejects.toMatchObject({
        packet: { cmd: 'suback', granted: [128] },
      });
    }
    await dev.endAsync();
    await eventually(async () => !(await a.getDeviceInfo('dev-1'))!.online, 15_000, 'device offline');

    // A publish outside the namespace is refused, and the connection with it.
    const rogue = await device(port, { clientId: `${userA}/default-org/rogue`, username: userA });
    const closed = new Promise<void>((r) => rogue.once('close', () => r()));
    rogue.publish(`${userB}/default-org/x`, 'intrusion', { qos: 1 });
    await closed;
    rogue.end(true);
    expect(await collectFor(bSees!, 500)).toEqual([]);
    fromDevice!.close();
    bSees!.close();
  });

  it('refuses client ids and usernames outside the tenant’s namespace', async () => {
    const userA = uniqueUser('ids');
    const userB = uniqueUser('idsb');
    expect(await refusal(port, { clientId: 'dev-1', username: userA })).toBe(2);
    expect(await refusal(port, { clientId: `${userB}/default-org/dev-1`, username: userA })).toBe(2);
    expect(await refusal(port, { clientId: `${userA}/acme/dev-1`, username: userA })).toBe(2);
    expect(await refusal(port, { clientId: `${userA}/default-org/a/b`, username: userA })).toBe(2);
    expect(
      await refusal(port, { clientId: `${userA}/default-org/dev-1`, username: `${userA}/x/y` }),
    ).not.toBe(0);
    expect(await refusal(port, { clientId: `${userA}/default-org/dev-1`, username: 'a+b' })).not.toBe(0);
    expect(await refusal(port, { clientId: `${userA}/default-org/dev-1` })).not.toBe(0);
    expect(await refusal(port, { clientId: `${userA}/acme/dev-1`, username: `${userA}/acme` })).toBe(0);
  });
});

describe('devices on the embedded broker’s listener (platform auth with JWT)', () => {
  const secret = 'a-test-secret-of-at-least-32-characters!';
  let stack: TestStack;
  let port: number;
  const token = (sub: string) =>
    new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(sub)
      .sign(new TextEncoder().encode(secret));

  beforeAll(async () => {
    port = await freePort();
    stack = await EMBEDDED.start({
      MQTT_EMBEDDED_PORT: String(port),
      ...OPS,
      ISA_AUTH_MODE: 'jwt',
      ISA_JWT_SECRET: secret,
    });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('lets a device in only with a valid token for its tenant', async () => {
    const userId = uniqueUser('jwt');
    const clientId = `${userId}/default-org/dev-1`;
    const good = await token(userId);
    expect(await refusal(port, { clientId, username: userId })).not.toBe(0);
    expect(await refusal(port, { clientId, username: userId, password: 'not-a-token' })).not.toBe(0);
    expect(
      await refusal(port, { clientId, username: userId, password: await token(uniqueUser('other')) }),
    ).not.toBe(0);
    const dev = await device(port, { clientId, username: userId, password: good });
    const client = stack.client('mqtt', { token: good, throwOnError: true });
    const stream = await client.subscribe(null, 'up/#');
    await dev.publishAsync(`${userId}/default-org/up/1`, 'hello', { qos: 1 });
    expect((await take(stream!, 1))[0]).toMatchObject({ topic: 'up/1' });
    stream!.close();
    await dev.endAsync();
  });
});
