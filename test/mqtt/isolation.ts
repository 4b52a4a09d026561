import { GrpcStatus, type MQTTClient } from '@isa-cloud/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestStack, uniqueUser } from '../support/stack.js';
import { type BrokerObserver, collectFor, eventually, expectCode, mosquittoSub, take } from './support.js';

export interface IsolationTarget {
  label: string;
  start(): Promise<{ stack: TestStack; observer: BrokerObserver }>;
}

/**
 * Tenant isolation: every way a tenant could reach another tenant's messages, retained state, devices or
 * sessions, tried through the SDK — and mosquitto_sub on the broker itself showing where messages land.
 */
export function mqttIsolation(target: IsolationTarget): void {
  describe(`mqtt tenant isolation: ${target.label}`, () => {
    let stack: TestStack;
    let observer: BrokerObserver;
    let userA: string;
    let userB: string;
    let a: MQTTClient;
    let b: MQTTClient;

    beforeAll(async () => {
      ({ stack, observer } = await target.start());
    });

    afterAll(async () => {
      await stack?.stop();
    });

    const pair = () => {
      userA = uniqueUser('alice');
      userB = uniqueUser('bob');
      a = stack.client('mqtt', { userId: userA, throwOnError: true });
      b = stack.client('mqtt', { userId: userB, throwOnError: true });
    };

    it('places each tenant’s messages under its own namespace on the broker', async () => {
      pair();
      const acme = stack.client('mqtt', { userId: userA, organizationId: 'acme', throwOnError: true });
      const watch = mosquittoSub(observer, [`${userA}/#`, `${userB}/#`]);
      await watch.ready;
      await a.publish(null, 'sensors/temperature', 'from A', { qos: 1 });
      await acme.publish(null, 'sensors/temperature', 'from A at acme', { qos: 1 });
      await b.publish(null, 'sensors/temperature', 'from B', { qos: 1 });
      // A topic that spells out another tenant's namespace is just more levels inside the caller's own.
      await b.publish(null, `${userA}/default-org/sensors/temperature`, 'B pretending', { qos: 1 });
      const lines = await watch.stop();
      expect(lines.sort()).toEqual(
        [
          `${userA}/default-org/sensors/temperature from A`,
          `${userA}/acme/sensors/temperature from A at acme`,
          `${userB}/default-org/sensors/temperature from B`,
          `${userB}/default-org/${userA}/default-org/sensors/temperature B pretending`,
        ].sort(),
      );
    });

    it('keeps two tenants’ device-001 on the broker side by side', async () => {
      pair();
      const sessionA = await a.connect('device-001');
      const sessionB = await b.connect('device-001');
      // Were the broker-side client ids the same, each connection would keep kicking the other off.
      await new Promise((r) => setTimeout(r, 1500));
      for (const [client, session] of [
        [a, sessionA],
        [b, sessionB],
      ] as const) {
        expect(await client.getConnectionStatus(session!.sessionId)).toMatchObject({
          connected: true,
          reconnects: 0,
        });
      }
      const watch = mosquittoSub(observer, [`${userA}/#`, `${userB}/#`]);
      await watch.ready;
      await a.publish(sessionA!.sessionId, 'hello', 'A', { qos: 1 });
      await b.publish(sessionB!.sessionId, 'hello', 'B', { qos: 1 });
      expect((await watch.stop()).sort()).toEqual([
        `${userA}/default-org/hello A`,
        `${userB}/default-org/hello B`,
      ]);
      await a.disconnect(sessionA!.sessionId);
      await b.disconnect(sessionB!.sessionId);
    });

    it('lets no wildcard filter reach past the tenant’s namespace', async () => {
      pair();
      const streams = await Promise.all(
        ['#', '+/#', '+/+/#', '+/+/+/#', '+'].map((f) => a.subscribe(null, f, { qos: 1 })),
      );
      await b.publish(null, 'x', 'b1', { qos: 1 });
      await b.publish(null, 'default-org/x', 'b2', { qos: 1 });
      await b.publish(null, `${userA}/default-org/x`, 'b3', { qos: 1 });
      await b.registerDevice('dev-b', 'B device');
      await b.setRetainedMessage('cfg', 'b retained');
      for (const s of streams) expect(await collectFor(s!, 300)).toEqual([]);
      await a.publish(null, 'own', 'mine', { qos: 1 });
      const [first] = await take(streams[0]!, 1);
      expect(first).toMatchObject({ topic: 'own' });
      for (const s of streams) s!.close();
      await b.deleteRetainedMessage('cfg');
    });

    it('refuses $SYS and the service’s reserved topics outright', async () => {
      pair();
      for (const filter of [
        '$SYS/#',
        '$SYS/broker/version',
        '$isa/#',
        '$isa/mqtt/v1/tenants/+/+/devices/#',
      ]) {
        await expectCode(
          a.subscribe(null, filter),
          GrpcStatus.INVALID_ARGUMENT,
          'subscriptions[0].topic_filter',
        );
      }
      await expectCode(
        a.publish(null, '$isa/mqtt/v1/instances/x', 'forged'),
        GrpcStatus.INVALID_ARGUMENT,
        'topic',
      );
      await expectCode(a.setRetainedMessage('$SYS/x', 'forged'), GrpcStatus.INVALID_ARGUMENT, 'topic');
      await expectCode(a.getRetainedMessage('$SYS/broker/version'), GrpcStatus.INVALID_ARGUMENT, 'topic');
      await expectCode(
        a.listRetainedMessages({ topicFilter: '$isa/#' }),
        GrpcStatus.INVALID_ARGUMENT,
        'topic_filter',
      );
      await expectCode(a.listRetainedMessages({ prefix: '$isa' }), GrpcStatus.INVALID_ARGUMENT, 'prefix');
    });

    it('keeps retained messages private to their tenant', async () => {
      pair();
      await a.setRetainedMessage('config/secret', 'A only');
      expect(await b.getRetainedMessage('config/secret')).toMatchObject({ found: false });
      expect((await b.listRetainedMessages())!.messages).toEqual([]);
      expect((await b.listRetainedMessages({ topicFilter: '#' }))!.messages).toEqual([]);
      expect(await b.deleteRetainedMessage('config/secret')).toEqual({ existed: false });
      const subB = await b.subscribe(null, '#');
      expect(await collectFor(subB!, 300)).toEqual([]);
      subB!.close();
      expect((await a.getRetainedMessage('config/secret'))!.payload.toString()).toBe('A only');
      await a.deleteRetainedMessage('config/secret');
    });

    it('keeps devices, statistics and device status topics per tenant', async () => {
      pair();
      await a.registerDevice('dev-1', 'A’s device', { deviceType: 'a-type' });
      await expectCode(b.getDeviceInfo('dev-1'), GrpcStatus.NOT_FOUND);
      await expectCode(b.unregisterDevice('dev-1'), GrpcStatus.NOT_FOUND);
      await expectCode(b.updateDeviceStatus('dev-1', 'error'), GrpcStatus.NOT_FOUND);
      await expectCode(b.getDeviceMetrics('dev-1'), GrpcStatus.NOT_FOUND);
      expect((await b.listDevices())!.devices).toEqual([]);
      // The same device id is B's own, separate device.
      await b.registerDevice('dev-1', 'B’s device', { deviceType: 'b-type' });
      // B's session and status messages for "dev-1" are B's device's, not A's.
      const sessionB = await b.connect('dev-1');
      await b.publish(sessionB!.sessionId, 'devices/dev-1/status', 'error', { qos: 1 });
      await eventually(async () => (await b.getDeviceInfo('dev-1'))!.status === 'error', 15_000, 'B error');
      expect(await a.getDeviceInfo('dev-1')).toMatchObject({
        deviceName: 'A’s device',
        status: 'offline',
        online: false,
        activeSessions: 0,
      });
      expect(await a.getStatistics()).toMatchObject({
        totalDevices: 1,
        onlineDevices: 0,
        activeSessions: 0,
        messagesSentToday: 0,
        deviceTypeDistribution: { 'a-type': 1 },
      });
      expect(await b.getStatistics()).toMatchObject({
        totalDevices: 1,
        activeSessions: 1,
        messagesSentToday: 1,
      });
      expect((await a.listTopics())!.topics).toEqual([]);
      await b.disconnect(sessionB!.sessionId);
    });

    it('never lets a tenant use another tenant’s session', async () => {
      pair();
      const session = await a.connect('a-session');
      const id = session!.sessionId;
      await expectCode(b.publish(id, 'x', 'hijack'), GrpcStatus.NOT_FOUND);
      await expectCode(b.subscribe(id, '#'), GrpcStatus.NOT_FOUND);
      await expectCode(b.getConnectionStatus(id), GrpcStatus.NOT_FOUND);
      await expectCode(b.unsubscribe(id, '#'), GrpcStatus.NOT_FOUND);
      await expectCode(b.listSubscriptions(id), GrpcStatus.NOT_FOUND);
      await expectCode(b.disconnect(id), GrpcStatus.NOT_FOUND);
      expect(await b.listSessions()).toEqual([]);
      expect(await a.getConnectionStatus(id)).toMatchObject({ connected: true, messagesSent: 0 });
      await a.disconnect(id);
    });

    it('refuses tenant ids that could reach into another namespace', async () => {
      const watch = mosquittoSub(observer, ['#']);
      await watch.ready;
      for (const userId of ['a+b', 'a#', 'a/b', '$SYS', '+', '#', 'a b', 'x'.repeat(65), '-lead']) {
        const client = stack.client('mqtt', { userId, throwOnError: true });
        const err = await client.publish(null, 'probe', 'escape').catch((e: unknown) => e);
        expect(err, userId).toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT, field: 'user_id' });
      }
      for (const organizationId of ['org/x', 'o+', 'o#']) {
        const client = stack.client('mqtt', {
          userId: uniqueUser('org'),
          organizationId,
          throwOnError: true,
        });
        await expectCode(
          client.publish(null, 'probe', 'escape'),
          GrpcStatus.INVALID_ARGUMENT,
          'organization_id',
        );
      }
      // NUL cannot even travel in gRPC metadata: the call fails before it leaves the client.
      const nul = stack.client('mqtt', { userId: 'a\u0000b', throwOnError: true });
      await expect(nul.publish(null, 'probe', 'escape')).rejects.toBeInstanceOf(Error);
      const lines = (await watch.stop()).filter((l) => l.includes('escape'));
      expect(lines).toEqual([]);
    });
  });
}
