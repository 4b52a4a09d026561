import { GrpcStatus, type MQTTClient, type MQTTMessage } from '@isa-cloud/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStack } from '../support/stack.js';
import { collectFor, eventually, expectCode, type MqttTarget, take, tenantClient } from './support.js';

/** The MQTT conformance suite: the same behaviour through the SDK, whatever the broker. */
export function mqttConformance(target: MqttTarget): void {
  describe(`mqtt conformance: ${target.label}`, () => {
    let stack: TestStack;
    const fresh = (): MQTTClient => tenantClient(stack);

    beforeAll(async () => {
      stack = await target.start();
    });

    afterAll(async () => {
      await stack?.stop();
    });

    it('reports a healthy broker, and broker facts on a deep check', async () => {
      const client = fresh();
      const health = await client.healthCheck();
      expect(health).toMatchObject({ healthy: true, brokerStatus: 'connected', backend: target.backend });
      const deep = await client.healthCheck({ deepCheck: true });
      expect(deep!.healthy).toBe(true);
      expect(deep!.roundTripMs).toBeGreaterThan(0);
      expect(deep!.details.broker_version).toMatch(target.backend === 'embedded' ? /^aedes / : /mosquitto/);
      // Every instance on the broker counts (other test files' stacks share the machine's Mosquitto).
      const instances = Number(deep!.details.service_instances);
      if (target.backend === 'embedded') expect(instances).toBe(1);
      else expect(instances).toBeGreaterThanOrEqual(1);
    });

    it('runs the usage guide example: connect, validate, publish, statistics, disconnect', async () => {
      const client = fresh();
      const conn = await client.connect('device-001', { username: '', password: '' });
      expect(conn!.sessionId).toMatch(/\S+/);
      expect(conn!.session).toMatchObject({ clientId: 'device-001', connected: true, cleanSession: true });
      const valid = await client.validateTopic('sensors/temperature', { allowWildcards: false });
      expect(valid).toMatchObject({ valid: true, message: 'ok', violations: [] });
      expect(valid!.brokerTopic).toMatch(/^mqtt_[0-9a-f]+\/default-org\/sensors\/temperature$/);
      const published = await client.publish(conn!.sessionId, 'sensors/temperature', Buffer.from('25.5'), {
        qos: 1,
        retained: false,
      });
      expect(published!.messageId).toMatch(/\S+/);
      expect(published!.publishedAt).toBeInstanceOf(Date);
      const stats = await client.getStatistics();
      expect(stats).toMatchObject({ totalDevices: 0, onlineDevices: 0, totalTopics: 1, activeSessions: 1 });
      expect(stats!.messagesSentToday).toBe(1);
      expect(await client.disconnect(conn!.sessionId)).toBe(true);
      await expectCode(client.getConnectionStatus(conn!.sessionId), GrpcStatus.NOT_FOUND);
      expect((await client.getStatistics())!.activeSessions).toBe(0);
    });

    it('refuses bad connection settings, naming the field', async () => {
      const client = fresh();
      await expectCode(client.connect('dev/ice'), GrpcStatus.INVALID_ARGUMENT, 'client_id');
      await expectCode(client.connect('dev+1'), GrpcStatus.INVALID_ARGUMENT, 'client_id');
      await expectCode(client.connect(''), GrpcStatus.INVALID_ARGUMENT, 'client_id');
      await expectCode(client.connect('x'.repeat(129)), GrpcStatus.INVALID_ARGUMENT, 'client_id');
      await expectCode(
        client.connect('ok', { keepAliveSeconds: 70_000 }),
        GrpcStatus.INVALID_ARGUMENT,
        'keep_alive_seconds',
      );
      await expectCode(client.connect('ok', { password: 'p' }), GrpcStatus.INVALID_ARGUMENT, 'password');
      await expectCode(
        client.connect('ok', { will: { topic: 'status/#', payload: 'gone' } }),
        GrpcStatus.INVALID_ARGUMENT,
        'will.topic',
      );
      await expectCode(
        client.connect('ok', { will: { topic: 'status', payload: 'gone', qos: 3 as 1 } }),
        GrpcStatus.INVALID_ARGUMENT,
        'will.qos',
      );
      expect(await client.listSessions()).toEqual([]);
    });

    it('delivers QoS 0, 1 and 2 with the lower of the publish and subscription QoS', async () => {
      const client = fresh();
      const pub = await client.connect('pub');
      const sub2 = await client.subscribe(null, 'q/#', { qos: 2 });
      const sub1 = await client.subscribe(null, 'q/#', { qos: 1 });
      expect(sub2!.grantedQos).toEqual([2]);
      for (const qos of [0, 1, 2] as const) {
        await client.publish(pub!.sessionId, `q/${qos}`, `m${qos}`, { qos });
      }
      const at2 = await take(sub2!, 3);
      const at1 = await take(sub1!, 3);
      expect(at2.map((m) => [m.topic, m.payload.toString(), m.qos])).toEqual([
        ['q/0', 'm0', 0],
        ['q/1', 'm1', 1],
        ['q/2', 'm2', 2],
      ]);
      expect(at1.map((m) => m.qos)).toEqual([0, 1, 1]);
      expect(at2.map((m) => m.sequence)).toEqual([1, 2, 3]);
      expect(at2.every((m) => m.receivedAt instanceof Date && !m.retained && m.droppedBefore === 0)).toBe(
        true,
      );
      sub1!.close();
      sub2!.close();
    });

    it('publishes without a session on the service connection', async () => {
      const client = fresh();
      const sub = await client.subscribe(null, 'free/+');
      await client.publish(null, 'free/a', 'no session', { qos: 1 });
      const [m] = await take(sub!, 1);
      expect(m).toMatchObject({ topic: 'free/a', qos: 1 });
      expect(m!.payload.toString()).toBe('no session');
      sub!.close();
    });

    it('refuses topics that break the MQTT rules, naming the field and the rule', async () => {
      const client = fresh();
      const conn = await client.connect('validator');
      const bad: Array<[string, RegExp]> = [
        ['', /must not be empty/],
        ['a/+/b', /wildcards are only for subscription filters/],
        ['a/#', /wildcards/],
        ['$SYS/broker/version', /belong to the broker/],
        ['a\u0000b', /NUL/],
        ['a\u0007b', /control characters/],
        ['x'.repeat(65_530), /at most \d+ bytes/],
        [Array.from({ length: 99 }, () => 'l').join('/'), /at most 98 levels/],
      ];
      for (const [topic, rule] of bad) {
        const err = await client.publish(conn!.sessionId, topic, 'x').catch((e: unknown) => e);
        expect(err, JSON.stringify(topic.slice(0, 20))).toMatchObject({
          code: GrpcStatus.INVALID_ARGUMENT,
          field: 'topic',
        });
        expect((err as Error).message).toMatch(rule);
        const check = await client.validateTopic(topic);
        expect(check!.valid).toBe(false);
        expect(check!.violations.join(' ')).toMatch(rule);
        expect(check!.brokerTopic).toBe('');
      }
      const filters = await client.validateTopic('a/#/b', { allowWildcards: true });
      expect(filters!.violations).toEqual(['"#" must be a whole level and the last one (e.g. "sensors/#")']);
      expect((await client.validateTopic('a/b+/c', { allowWildcards: true }))!.valid).toBe(false);
      expect((await client.validateTopic('+/b/#', { allowWildcards: true }))!.valid).toBe(true);
      await expectCode(
        client.publish(conn!.sessionId, 'a', 'x', { qos: 3 as 1 }),
        GrpcStatus.INVALID_ARGUMENT,
        'qos',
      );
      await expectCode(
        client.publish(conn!.sessionId, 'a', Buffer.alloc(1024 * 1024 + 1)),
        GrpcStatus.INVALID_ARGUMENT,
        'payload',
      );
      await expectCode(
        client.subscribe(conn!.sessionId, 'a/#/b'),
        GrpcStatus.INVALID_ARGUMENT,
        'subscriptions[0].topic_filter',
      );
      await expectCode(
        client.subscribe(conn!.sessionId, '$SYS/#'),
        GrpcStatus.INVALID_ARGUMENT,
        'subscriptions[0].topic_filter',
      );
      await expectCode(
        client.subscribeMultiple(conn!.sessionId, []),
        GrpcStatus.INVALID_ARGUMENT,
        'subscriptions',
      );
      await expectCode(client.publish('not a session!', 'a', 'x'), GrpcStatus.INVALID_ARGUMENT, 'session_id');
      await expectCode(client.publish('abc.def', 'a', 'x'), GrpcStatus.NOT_FOUND);
    });

    it('publishes a batch in order, or nothing when one message is invalid', async () => {
      const client = fresh();
      const conn = await client.connect('batcher');
      const sub = await client.subscribe(conn!.sessionId, 'batch/#');
      const messages = Array.from({ length: 50 }, (_, i) => ({
        topic: `batch/${i % 5}`,
        payload: `b${i}`,
        qos: 1 as const,
      }));
      const result = await client.publishBatch(conn!.sessionId, messages);
      expect(result!.publishedCount).toBe(50);
      expect(new Set(result!.messageIds).size).toBe(50);
      const got = await take(sub!, 50);
      expect(got.map((m) => m.payload.toString())).toEqual(messages.map((m) => m.payload));
      const err = await client
        .publishBatch(conn!.sessionId, [
          { topic: 'batch/ok', payload: 'should not be sent' },
          { topic: 'batch/#', payload: 'bad' },
        ])
        .catch((e: unknown) => e);
      expect(err).toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT, field: 'messages[1].topic' });
      expect(await collectFor(sub!, 300)).toEqual([]);
      await expectCode(client.publishBatch(conn!.sessionId, []), GrpcStatus.INVALID_ARGUMENT, 'messages');
      sub!.close();
    });

    it('publishes JSON as its text', async () => {
      const client = fresh();
      const sub = await client.subscribe(null, 'json');
      const data = { temperature: 25.5, unit: 'C', tags: ['a', 'b'], nested: { ok: true, n: null } };
      const r = await client.publishJson(null, 'json', data, { qos: 1 });
      expect(r!.messageId).toMatch(/\S+/);
      const [m] = await take(sub!, 1);
      expect(JSON.parse(m!.payload.toString('utf8'))).toEqual(data);
      sub!.close();
    });

    it('streams a thousand QoS 1 messages in order and counts them once acknowledged', async () => {
      const client = fresh();
      const conn = await client.connect('streamer');
      const sub = await client.subscribe(null, 'stream/#', { qos: 1 });
      // Within Mosquitto's default per-subscriber queue (1000 + 20 in flight): beyond it the broker itself
      // drops QoS 1 messages for a subscriber that is momentarily behind (this process runs everything).
      const total = 1000;
      function* messages() {
        for (let i = 0; i < total; i++)
          yield { topic: `stream/${i % 3}`, payload: String(i), qos: 1 as const };
      }
      const result = await client.publishStream(conn!.sessionId, messages());
      expect(result!.publishedCount).toBe(total);
      const got = await take(sub!, total, 15_000);
      expect(got.map((m) => Number(m.payload.toString()))).toEqual(
        Array.from({ length: total }, (_, i) => i),
      );
      const status = await client.getConnectionStatus(conn!.sessionId);
      expect(status!.messagesSent).toBe(total);
      async function* withBadOne() {
        yield { topic: 'stream/ok', payload: 'fine' };
        yield { topic: 'stream/+', payload: 'bad' };
      }
      const err = await client.publishStream(conn!.sessionId, withBadOne()).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT, field: 'messages[1].topic' });
      expect((err as Error).message).toMatch(/after 1 messages were published/);
      sub!.close();
    });

    it('matches + and # only where MQTT says, across several filters on one stream', async () => {
      const client = fresh();
      const conn = await client.connect('wild');
      const sub = await client.subscribeMultiple(conn!.sessionId, [
        { topicFilter: 'home/+/temperature', qos: 1 },
        { topicFilter: 'alerts/#', qos: 0 },
      ]);
      expect(sub!.grantedQos).toEqual([1, 0]);
      const topics = [
        'home/kitchen/temperature',
        'home/kitchen/humidity',
        'home/a/b/temperature',
        'alerts',
        'alerts/fire/now',
        'other',
      ];
      for (const t of topics) await client.publish(conn!.sessionId, t, t, { qos: 1 });
      const got = await take(sub!, 3);
      expect(got.map((m) => m.topic)).toEqual(['home/kitchen/temperature', 'alerts', 'alerts/fire/now']);
      expect(await collectFor(sub!, 300)).toEqual([]);
      const subs = await client.listSubscriptions(conn!.sessionId);
      expect(subs!.map((s) => [s.topicFilter, s.qos, s.activeStreams]).sort()).toEqual([
        ['alerts/#', 0, 1],
        ['home/+/temperature', 1, 1],
      ]);
      expect(await client.unsubscribe(conn!.sessionId, ['alerts/#', 'never/subscribed'])).toBe(1);
      await client.publish(conn!.sessionId, 'alerts/again', 'x');
      await client.publish(conn!.sessionId, 'home/hall/temperature', 'y');
      const after = await take(sub!, 1);
      expect(after[0]!.topic).toBe('home/hall/temperature');
      expect(await collectFor(sub!, 300)).toEqual([]);
      sub!.close();
      await eventually(async () => (await client.listSubscriptions(conn!.sessionId))!.length === 0);
    });

    it('keeps retained messages on the broker: set, get, list, deliver on subscribe, delete', async () => {
      const client = fresh();
      expect(await client.setRetainedMessage('config/a', 'A', { qos: 1 })).toBe(true);
      expect(await client.setRetainedMessage('config/b/c', 'BC', { qos: 2 })).toBe(true);
      expect(await client.setRetainedMessage('configuration', 'other', { qos: 0 })).toBe(true);
      const a = await client.getRetainedMessage('config/a');
      expect(a).toMatchObject({ found: true, topic: 'config/a', qos: 1 });
      expect(a!.payload.toString()).toBe('A');
      expect((await client.getRetainedMessage('config/b/c'))!.qos).toBe(2);
      expect(await client.getRetainedMessage('config/none')).toMatchObject({ found: false });

      const listed = await client.listRetainedMessages({ prefix: 'config', includePayload: true });
      expect(listed!.truncated).toBe(false);
      expect(listed!.messages.map((m) => [m.topic, m.payload.toString()])).toEqual([
        ['config/a', 'A'],
        ['config/b/c', 'BC'],
      ]);
      const all = await client.listRetainedMessages();
      expect(all!.messages.map((m) => m.topic)).toEqual(['config/a', 'config/b/c', 'configuration']);
      expect(all!.messages.every((m) => m.payload.length === 0)).toBe(true);
      const filtered = await client.listRetainedMessages({ topicFilter: 'config/+' });
      expect(filtered!.messages.map((m) => m.topic)).toEqual(['config/a']);
      const limited = await client.listRetainedMessages({ limit: 2 });
      expect(limited).toMatchObject({ truncated: true });
      expect(limited!.messages).toHaveLength(2);

      const sub = await client.subscribe(null, 'config/#');
      const delivered = await take(sub!, 2);
      expect(delivered.map((m) => [m.topic, m.retained]).sort()).toEqual([
        ['config/a', true],
        ['config/b/c', true],
      ]);
      await client.publish(null, 'config/a', 'live');
      const [live] = await take(sub!, 1);
      expect(live).toMatchObject({ topic: 'config/a', retained: false });
      sub!.close();

      expect(await client.deleteRetainedMessage('config/a')).toEqual({ existed: true });
      expect(await client.deleteRetainedMessage('config/a')).toEqual({ existed: false });
      expect(await client.getRetainedMessage('config/a')).toMatchObject({ found: false });
      await expectCode(client.setRetainedMessage('config/x', ''), GrpcStatus.INVALID_ARGUMENT, 'payload');
      await expectCode(client.getRetainedMessage('config/+'), GrpcStatus.INVALID_ARGUMENT, 'topic');
      await expectCode(client.listRetainedMessages({ limit: 5000 }), GrpcStatus.INVALID_ARGUMENT, 'limit');
      // A retained publish through a session is the same broker state.
      const conn = await client.connect('retainer');
      await client.publish(conn!.sessionId, 'config/session', 'S', { retained: true });
      expect((await client.getRetainedMessage('config/session'))!.payload.toString()).toBe('S');
      await client.deleteRetainedMessage('config/session');
      await client.deleteRetainedMessage('config/b/c');
      await client.deleteRetainedMessage('configuration');
      expect((await client.listRetainedMessages())!.messages).toEqual([]);
    });

    it('registers, lists, updates and unregisters devices', async () => {
      const client = fresh();
      const created = await client.registerDevice('thermo-1', 'Kitchen thermometer', {
        deviceType: 'thermometer',
        metadata: { floor: '1', room: 'kitchen' },
      });
      expect(created).toMatchObject({
        deviceId: 'thermo-1',
        deviceName: 'Kitchen thermometer',
        deviceType: 'thermometer',
        status: 'offline',
        online: false,
        metadata: { floor: '1', room: 'kitchen' },
        organizationId: 'default-org',
      });
      expect(created!.registeredAt).toBeInstanceOf(Date);
      await expectCode(client.registerDevice('thermo-1', 'again'), GrpcStatus.ALREADY_EXISTS);
      await client.registerDevice('cam-1', 'Door camera', { deviceType: 'camera' });
      await client.registerDevice('cam-2', 'Yard camera', { deviceType: 'camera' });
      await expectCode(client.registerDevice('bad/id', 'x'), GrpcStatus.INVALID_ARGUMENT, 'device_id');

      const all = await client.listDevices();
      expect(all!.devices.map((d) => d.deviceId)).toEqual(['cam-1', 'cam-2', 'thermo-1']);
      expect(all!.totalCount).toBe(3);
      const cameras = await client.listDevices({ deviceType: 'camera', pageSize: 1, page: 2 });
      expect(cameras).toMatchObject({ totalCount: 2, page: 2, pageSize: 1 });
      expect(cameras!.devices.map((d) => d.deviceId)).toEqual(['cam-2']);

      const updated = await client.updateDeviceStatus('cam-1', 'error', {
        metadata: { reason: 'lens', room: '' },
      });
      expect(updated).toMatchObject({ status: 'error', metadata: { reason: 'lens' } });
      expect(updated!.statusUpdatedAt).toBeInstanceOf(Date);
      expect((await client.listDevices({ status: 'error' }))!.devices.map((d) => d.deviceId)).toEqual([
        'cam-1',
      ]);
      expect((await client.getDeviceInfo('cam-1'))!.status).toBe('error');

      const stats = await client.getStatistics();
      expect(stats).toMatchObject({ totalDevices: 3, deviceTypeDistribution: { camera: 2, thermometer: 1 } });

      expect(await client.unregisterDevice('cam-2')).toBe(true);
      await expectCode(client.unregisterDevice('cam-2'), GrpcStatus.NOT_FOUND);
      await expectCode(client.getDeviceInfo('cam-2'), GrpcStatus.NOT_FOUND);
      await expectCode(client.updateDeviceStatus('cam-2', 'online'), GrpcStatus.NOT_FOUND);
      expect((await client.listDevices())!.totalCount).toBe(2);
    });

    it('derives a device’s online state from its sessions and its status topic (last will)', async () => {
      const client = fresh();
      await client.registerDevice('sensor-7', 'Sensor 7');
      const conn = await client.connect('sensor-7');
      expect(await client.getDeviceInfo('sensor-7')).toMatchObject({
        online: true,
        status: 'online',
        activeSessions: 1,
      });
      expect((await client.getStatistics())!.onlineDevices).toBe(1);
      await client.disconnect(conn!.sessionId);
      expect(await client.getDeviceInfo('sensor-7')).toMatchObject({ online: false, status: 'offline' });

      // A device that talks to the broker itself reports on devices/{id}/status; its will says offline.
      const device = await client.connect('sensor-7', {
        will: { topic: 'devices/sensor-7/status', payload: 'offline', qos: 1, retain: true },
      });
      await client.publish(device!.sessionId, 'devices/sensor-7/status', 'sleeping', {
        qos: 1,
        retained: true,
      });
      await eventually(
        async () => (await client.getDeviceInfo('sensor-7'))!.status === 'sleeping',
        15_000,
        'sleeping',
      );
      await client.disconnect(device!.sessionId, { publishWill: true });
      await eventually(
        async () => {
          const d = await client.getDeviceInfo('sensor-7');
          return d!.status === 'offline' && !d!.online;
        },
        15_000,
        'offline after the will',
      );
      await client.publish(null, 'devices/sensor-7/status', JSON.stringify({ status: 'online' }), { qos: 1 });
      await eventually(
        async () => (await client.getDeviceInfo('sensor-7'))!.status === 'online',
        15_000,
        'online',
      );
      await client.deleteRetainedMessage('devices/sensor-7/status');
    });

    it('counts a device’s traffic per hour and a topic’s messages', async () => {
      const client = fresh();
      await client.registerDevice('meter-1', 'Meter');
      const conn = await client.connect('meter-1');
      const sub = await client.subscribe(conn!.sessionId, 'meter/#');
      for (let i = 0; i < 5; i++) await client.publish(conn!.sessionId, 'meter/reading', `${i}`, { qos: 1 });
      await take(sub!, 5);
      await client.setRetainedMessage('meter/reading', 'last');
      await eventually(async () => (await client.getDeviceMetrics('meter-1'))!.messagesReceived >= 6, 5000);
      const metrics = await client.getDeviceMetrics('meter-1');
      expect(metrics).toMatchObject({ deviceId: 'meter-1', messagesSent: 5, bytesSent: 5 });
      expect(metrics!.messageRate.length).toBeGreaterThan(0);
      expect(metrics!.messageRate.reduce((n, p) => n + p.value, 0)).toBe(
        metrics!.messagesSent + metrics!.messagesReceived,
      );
      const past = await client.getDeviceMetrics('meter-1', {
        startTime: new Date(Date.now() - 72 * 3600_000),
        endTime: new Date(Date.now() - 48 * 3600_000),
      });
      expect(past).toMatchObject({ messagesSent: 0, messageRate: [] });
      await expectCode(client.getDeviceMetrics('nope'), GrpcStatus.NOT_FOUND);

      const topic = await client.getTopicInfo('meter/reading');
      expect(topic).toMatchObject({
        topic: 'meter/reading',
        messageCount: 6,
        subscriberCount: 1,
        hasRetainedMessage: true,
      });
      expect(topic!.lastMessageTime).toBeInstanceOf(Date);
      const listed = await client.listTopics({ prefix: 'meter' });
      expect(listed).toMatchObject({ totalCount: 1 });
      expect(listed!.topics[0]).toMatchObject({ topic: 'meter/reading', messageCount: 6 });
      expect((await client.listTopics({ prefix: 'other' }))!.topics).toEqual([]);
      const stats = await client.getStatistics();
      expect(stats).toMatchObject({ totalTopics: 1, totalSubscriptions: 1, activeSessions: 1 });
      expect(stats!.messagesReceivedToday).toBeGreaterThanOrEqual(6);
      sub!.close();
      await client.deleteRetainedMessage('meter/reading');
    });

    it('reports each session and lets a new session take over a client id', async () => {
      const client = fresh();
      const first = await client.connect('gateway', { keepAliveSeconds: 30 });
      const sub = await client.subscribe(first!.sessionId, 'gw/#');
      await client.publish(first!.sessionId, 'gw/x', 'hello');
      await take(sub!, 1);
      const status = await client.getConnectionStatus(first!.sessionId);
      expect(status).toMatchObject({
        clientId: 'gateway',
        connected: true,
        keepAliveSeconds: 30,
        messagesSent: 1,
        messagesReceived: 1,
        bytesSent: 5,
        subscriptions: 1,
        reconnects: 0,
        hasWill: false,
      });
      expect((await client.listSessions())!.map((s) => s.sessionId)).toEqual([first!.sessionId]);

      const second = await client.connect('gateway');
      await expect(take(sub!, 1)).rejects.toMatchObject({ code: GrpcStatus.ABORTED });
      await expectCode(client.getConnectionStatus(first!.sessionId), GrpcStatus.NOT_FOUND);
      expect((await client.listSessions())!.map((s) => s.sessionId)).toEqual([second!.sessionId]);
      // The new session stays connected: the old one does not fight back over the client id.
      await new Promise((r) => setTimeout(r, 1500));
      expect(await client.getConnectionStatus(second!.sessionId)).toMatchObject({
        connected: true,
        reconnects: 0,
      });
      await client.disconnect(second!.sessionId);
    });

    it('publishes the last will only when a session vanishes', async () => {
      const client = fresh();
      const watcher = await client.subscribe(null, 'wills/#');
      const will = { topic: 'wills/w1', payload: 'w1 is gone', qos: 1 as const };
      const polite = await client.connect('w1', { will });
      await client.disconnect(polite!.sessionId);
      expect(await collectFor(watcher!, 500)).toEqual([]);
      const vanishing = await client.connect('w1', { will });
      expect((await client.getConnectionStatus(vanishing!.sessionId))!.hasWill).toBe(true);
      await client.disconnect(vanishing!.sessionId, { publishWill: true });
      const [m] = await take(watcher!, 1);
      expect(m).toMatchObject({ topic: 'wills/w1' });
      expect(m!.payload.toString()).toBe('w1 is gone');
      watcher!.close();
    });

    it('keeps a persistent session’s subscriptions and queued messages between connections', async () => {
      const client = fresh();
      const first = await client.connect('keeper', { cleanSession: false });
      expect(first!.sessionPresent).toBe(false);
      const sub = await client.subscribe(first!.sessionId, 'inbox/#', { qos: 1 });
      sub!.close();
      await eventually(
        async () => (await client.listSubscriptions(first!.sessionId))![0]?.activeStreams === 0,
      );
      expect((await client.listSubscriptions(first!.sessionId))!.map((s) => s.topicFilter)).toEqual([
        'inbox/#',
      ]);
      await client.disconnect(first!.sessionId);

      for (let i = 0; i < 3; i++) await client.publish(null, `inbox/${i}`, `queued ${i}`, { qos: 1 });
      const again = await client.connect('keeper', { cleanSession: false });
      expect(again!.sessionPresent).toBe(true);
      const resumed = await client.subscribe(again!.sessionId, 'inbox/#', { qos: 1 });
      const got = await take(resumed!, 3);
      expect(got.map((m) => m.payload.toString())).toEqual(['queued 0', 'queued 1', 'queued 2']);
      resumed!.close();
      // A clean connect ends the stored session.
      const clean = await client.connect('keeper', { cleanSession: true });
      expect(clean!.sessionPresent).toBe(false);
      await client.disconnect(clean!.sessionId);
    });

    it('counts the tenant’s traffic for the day', async () => {
      const client = fresh();
      const sub = await client.subscribe(null, 'count/#');
      await client.publishBatch(
        null,
        Array.from({ length: 10 }, (_, i) => ({ topic: `count/${i}`, payload: 'abcd' })),
      );
      await take(sub!, 10);
      const stats = await client.getStatistics();
      expect(stats).toMatchObject({
        messagesSentToday: 10,
        bytesSentToday: 40,
        messagesReceivedToday: 10,
        bytesReceivedToday: 40,
        totalTopics: 10,
        totalSubscriptions: 1,
        activeSessions: 0,
      });
      sub!.close();
    });

    it('calls a callback per message, as the reference client did, until a limit or timeout', async () => {
      const client = fresh();
      const seen: string[] = [];
      const handled = client.subscribeWithCallback(null, 'cb/#', (m) => void seen.push(m.topic), {
        maxMessages: 2,
      });
      await eventually(async () => (await client.listSubscriptions())!.length === 1, 15_000, 'subscribed');
      await client.publishBatch(null, [
        { topic: 'cb/1', payload: 'a' },
        { topic: 'cb/2', payload: 'b' },
        { topic: 'cb/3', payload: 'c' },
      ]);
      expect(await handled).toBe(2);
      expect(seen).toEqual(['cb/1', 'cb/2']);
      const started = Date.now();
      expect(
        await client.subscribeWithCallback(null, 'quiet/#', () => undefined, { timeoutSeconds: 0.5 }),
      ).toBe(0);
      expect(Date.now() - started).toBeLessThan(3000);
    });

    it('ends a subscription when the session disconnects', async () => {
      const client = fresh();
      const conn = await client.connect('ender');
      const sub = await client.subscribe(conn!.sessionId, 'end/#');
      const done: Promise<MQTTMessage[]> = take(sub!, 1, 5000);
      await client.disconnect(conn!.sessionId);
      expect(await done).toEqual([]);
    });
  });
}
