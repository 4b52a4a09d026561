import { rm } from 'node:fs/promises';
import { GrpcStatus, MQTTClient } from '@isa-cloud/sdk';
import { afterAll, describe, expect, it } from 'vitest';
import { startServiceProcess } from '../support/service-process.js';
import { scratchDir, type TestStack, uniqueUser } from '../support/stack.js';
import { EMBEDDED, eventually, expectCode, MOSQUITTO, SYSTEM_MQTT_URL, take } from './support.js';

describe('embedded broker: the registry, statistics and retained messages survive a restart', () => {
  const stacks: TestStack[] = [];
  let dataDir = '';

  afterAll(async () => {
    await Promise.all(stacks.map((s) => s.stop()));
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('finds everything again after the service (and its broker) restarted', async () => {
    dataDir = await scratchDir('mqtt-durable');
    const userId = uniqueUser('durable');
    const first = await EMBEDDED.start({ ISA_DATA_DIR: dataDir });
    stacks.push(first);
    const before = first.client('mqtt', { userId, throwOnError: true });
    await before.registerDevice('dev-a', 'Device A', { deviceType: 'meter', metadata: { site: 'north' } });
    await before.registerDevice('dev-b', 'Device B', { deviceType: 'valve' });
    await before.updateDeviceStatus('dev-b', 'sleeping');
    await before.setRetainedMessage('config/interval', '30s', { qos: 1 });
    const session = await before.connect('dev-a');
    for (let i = 0; i < 3; i++) await before.publish(session!.sessionId, 'readings/a', `${i}`, { qos: 1 });
    expect((await before.getDeviceInfo('dev-a'))!.online).toBe(true);
    await first.stop();
    stacks.pop();

    const second = await EMBEDDED.start({ ISA_DATA_DIR: dataDir });
    stacks.push(second);
    const after = second.client('mqtt', { userId, throwOnError: true });
    const devices = await after.listDevices();
    expect(devices!.devices.map((d) => [d.deviceId, d.deviceType, d.status])).toEqual([
      ['dev-a', 'meter', 'offline'],
      ['dev-b', 'valve', 'sleeping'],
    ]);
    expect(devices!.devices[0]!.metadata).toEqual({ site: 'north' });
    const retained = await after.getRetainedMessage('config/interval');
    expect(retained).toMatchObject({ found: true, qos: 1 });
    expect(retained!.payload.toString()).toBe('30s');
    expect(retained!.storedAt).toBeInstanceOf(Date);
    const stats = await after.getStatistics();
    expect(stats).toMatchObject({
      totalDevices: 2,
      onlineDevices: 0,
      activeSessions: 0,
      // Three publishes and one retained message.
      messagesSentToday: 4,
      totalTopics: 2,
    });
    expect((await after.getDeviceMetrics('dev-a'))!.messagesSent).toBe(3);
    // Retained state is the broker's again: a new subscription gets it.
    const sub = await after.subscribe(null, 'config/#');
    const [m] = await take(sub!, 1);
    expect(m).toMatchObject({ topic: 'config/interval', retained: true });
    sub!.close();
    // The previous run's instance is forgotten, not counted as alive.
    expect((await after.healthCheck({ deepCheck: true }))!.details.service_instances).toBe('1');
  });
});

describe('external broker: replicas share one registry and one set of statistics', () => {
  const stacks: TestStack[] = [];

  afterAll(async () => {
    await Promise.all(stacks.map((s) => s.stop()));
  });

  it('shows every instance the same devices, sessions, retained messages and counts, and serves any session anywhere', async () => {
    const [one, two] = await Promise.all([MOSQUITTO.start(), MOSQUITTO.start()]);
    stacks.push(one!, two!);
    const userId = uniqueUser('replica');
    const a = one!.client('mqtt', { userId, throwOnError: true });
    const b = two!.client('mqtt', { userId, throwOnError: true });

    await a.registerDevice('dev-1', 'Shared device', { deviceType: 'gateway' });
    expect((await b.getDeviceInfo('dev-1'))!.deviceName).toBe('Shared device');
    await expectCode(b.registerDevice('dev-1', 'again'), GrpcStatus.ALREADY_EXISTS);

    const session = await a.connect('dev-1');
    expect(await b.getDeviceInfo('dev-1')).toMatchObject({
      online: true,
      status: 'online',
      activeSessions: 1,
    });
    expect(await b.getStatistics()).toMatchObject({ onlineDevices: 1, activeSessions: 1 });
    // A session lives where it was opened; calls reaching another instance are forwarded to it.
    expect(await b.getConnectionStatus(session!.sessionId)).toMatchObject({
      clientId: 'dev-1',
      connected: true,
    });
    const viaB = await b.subscribe(session!.sessionId, 'cmd/#');
    expect((await b.listSubscriptions(session!.sessionId))!.map((s) => s.topicFilter)).toEqual(['cmd/#']);
    await a.publish(null, 'cmd/reboot', 'now', { qos: 1 });
    expect((await take(viaB!, 1))[0]).toMatchObject({ topic: 'cmd/reboot' });
    await b.publishStream(
      session!.sessionId,
      [1, 2, 3].map((i) => ({ topic: 'cmd/seq', payload: String(i) })),
    );
    expect((await take(viaB!, 3)).map((m) => m.payload.toString())).toEqual(['1', '2', '3']);
    expect(await b.unsubscribe(session!.sessionId, 'cmd/#')).toBe(1);
    viaB!.close();
    expect((await a.getConnectionStatus(session!.sessionId))!.messagesSent).toBe(3);
    // Another tenant gets nowhere with the session id, on either instance.
    const stranger = two!.client('mqtt', { userId: uniqueUser('stranger'), throwOnError: true });
    await expectCode(stranger.publish(session!.sessionId, 'x', 'y'), GrpcStatus.NOT_FOUND);
    await expectCode(stranger.disconnect(session!.sessionId), GrpcStatus.NOT_FOUND);

    const sub = await b.subscribe(null, 'shared/#');
    for (let i = 0; i < 5; i++) await b.publish(session!.sessionId, 'shared/a', `${i}`, { qos: 1 });
    await b.publish(null, 'shared/b', 'x', { qos: 1 });
    await b.publish(null, 'shared/b', 'y', { qos: 1 });
    expect(await take(sub!, 7)).toHaveLength(7);
    sub!.close();
    // 1 + 3 earlier, 5 through A's session (forwarded by B), 2 by B itself.
    await eventually(async () => (await b.getStatistics())!.messagesSentToday === 11, 15_000, 'B sees 11');
    await eventually(async () => (await a.getStatistics())!.messagesSentToday === 11, 15_000, 'A sees 11');
    expect((await b.listTopics())!.topics.map((t) => [t.topic, t.messageCount])).toEqual([
      ['cmd/reboot', 1],
      ['cmd/seq', 3],
      ['shared/a', 5],
      ['shared/b', 2],
    ]);
    await b.setRetainedMessage('shared/config', 'v1');
    expect((await a.getRetainedMessage('shared/config'))!.payload.toString()).toBe('v1');

    await b.disconnect(session!.sessionId);
    await expectCode(a.getConnectionStatus(session!.sessionId), GrpcStatus.NOT_FOUND);
    expect(await b.getDeviceInfo('dev-1')).toMatchObject({ online: false, status: 'offline' });

    // Both instances gone, a new one finds the same state on the broker.
    await Promise.all([one!.stop(), two!.stop()]);
    stacks.length = 0;
    const three = await MOSQUITTO.start();
    stacks.push(three);
    const c = three.client('mqtt', { userId, throwOnError: true });
    expect((await c.listDevices())!.devices.map((d) => d.deviceId)).toEqual(['dev-1']);
    expect(await c.getStatistics()).toMatchObject({
      totalDevices: 1,
      // Eleven publishes and one retained message.
      messagesSentToday: 12,
      activeSessions: 0,
    });
    await c.deleteRetainedMessage('shared/config');
    await c.unregisterDevice('dev-1');
  });

  it('stops counting a crashed instance’s sessions, and the broker publishes their wills', async () => {
    const dataDir = await scratchDir('mqtt-crash');
    const process = await startServiceProcess('mqtt', {
      MQTT_URL: SYSTEM_MQTT_URL,
      ISA_DATA_DIR: dataDir,
      ISA_AUTH_MODE: 'none',
    });
    const observer = await MOSQUITTO.start();
    stacks.push(observer);
    const userId = uniqueUser('crash');
    const doomed = new MQTTClient({
      host: '127.0.0.1',
      port: process.port,
      userId,
      throwOnError: true,
      logger: null,
    });
    const watching = observer.client('mqtt', { userId, throwOnError: true });
    try {
      await doomed.registerDevice('dev-x', 'Doomed');
      await doomed.connect('dev-x', { will: { topic: 'wills/dev-x', payload: 'lost', qos: 1 } });
      const wills = await watching.subscribe(null, 'wills/#');
      expect(await watching.getDeviceInfo('dev-x')).toMatchObject({ online: true, activeSessions: 1 });
      await process.kill();
      const [will] = await take(wills!, 1, 10_000);
      expect(will!.payload.toString()).toBe('lost');
      await eventually(
        async () => {
          const d = await watching.getDeviceInfo('dev-x');
          return !d!.online && d!.activeSessions === 0;
        },
        10_000,
        'the crashed instance’s session to stop counting',
      );
      expect((await watching.getStatistics())!.activeSessions).toBe(0);
      wills!.close();
      await watching.unregisterDevice('dev-x');
    } finally {
      await doomed.close();
      await process.kill();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
