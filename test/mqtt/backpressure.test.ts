import { GrpcStatus, type MQTTMessage, type MQTTSubscription } from '@isa-cloud/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStack } from '../support/stack.js';
import { EMBEDDED, MOSQUITTO, type MqttTarget, take, tenantClient } from './support.js';

const BUFFER = 50;
// 2000 of these (8 MB) exceed what the client's HTTP/2 receive window (4 MiB) can take off the server.
const PAYLOAD = Buffer.alloc(4096, 7);

/** Reads a stream to its end (or error), returning what came and how it ended. */
async function drain(
  stream: MQTTSubscription<MQTTMessage>,
  idleMs: number,
): Promise<{ messages: MQTTMessage[]; error: unknown }> {
  const messages: MQTTMessage[] = [];
  const iterator = stream[Symbol.asyncIterator]();
  for (;;) {
    let timer: NodeJS.Timeout | undefined;
    const next = await Promise.race([
      iterator.next(),
      new Promise<'idle'>((r) => {
        timer = setTimeout(() => r('idle'), idleMs);
      }),
    ]).catch((error: unknown) => ({ error }));
    clearTimeout(timer);
    if (next === 'idle') return { messages, error: undefined };
    if ('error' in next) return { messages, error: next.error };
    if (next.done) return { messages, error: undefined };
    messages.push(next.value);
  }
}

function backpressure(target: MqttTarget): void {
  describe(`slow subscribers: ${target.label}`, () => {
    let stack: TestStack;

    beforeAll(async () => {
      stack = await target.start({
        MQTT_SUBSCRIBE_BUFFER: String(BUFFER),
        MQTT_SUBSCRIBE_BUFFER_BYTES: '1048576',
      });
    });

    afterAll(async () => {
      await stack?.stop();
    });

    it('closes a stream that falls behind (policy CLOSE) while others on the same session get everything', async () => {
      const client = tenantClient(stack);
      const session = await client.connect('hub');
      const slow = await client.subscribe(session!.sessionId, 'load/#', { qos: 0 });
      const fast = await client.subscribe(session!.sessionId, 'load/#', { qos: 0 });
      const total = 2000;
      const chunk = 20;
      const started = Date.now();
      const got: MQTTMessage[] = [];
      // Published in chunks the fast reader keeps up with (test and server share one event loop).
      for (let from = 0; from < total; from += chunk) {
        const reading = take(fast!, chunk, 10_000);
        await client.publishStream(
          null,
          Array.from({ length: chunk }, (_, i) => ({
            topic: `load/${from + i}`,
            payload: PAYLOAD,
            qos: 0 as const,
          })),
        );
        got.push(...(await reading));
      }
      expect(got).toHaveLength(total);
      expect(got.map((m) => m.sequence)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
      expect(Date.now() - started).toBeLessThan(25_000);
      // The slow stream's reader never read: it gets what fit in its buffer and transport, then the error.
      const { messages, error } = await drain(slow!, 3000);
      expect(error).toMatchObject({ code: GrpcStatus.RESOURCE_EXHAUSTED });
      expect((error as Error).message).toMatch(/fell behind/);
      expect(messages.length).toBeLessThan(total);
      expect(messages.map((m) => m.sequence)).toEqual(
        Array.from({ length: messages.length }, (_, i) => i + 1),
      );
      fast!.close();
      // The session itself is unharmed.
      expect(await client.getConnectionStatus(session!.sessionId)).toMatchObject({ connected: true });
      await client.disconnect(session!.sessionId);
    });

    it('drops the oldest messages (policy DROP_OLDEST) and says how many were skipped', async () => {
      const client = tenantClient(stack);
      const lossy = await client.subscribe(null, 'ticks/#', { qos: 0, overflow: 'drop-oldest' });
      const total = 1500;
      await client.publishStream(
        null,
        Array.from({ length: total }, (_, i) => ({ topic: `ticks/${i}`, payload: PAYLOAD, qos: 0 as const })),
      );
      const { messages, error } = await drain(lossy!, 1500);
      expect(error).toBeUndefined();
      const dropped = messages.reduce((n, m) => n + m.droppedBefore, 0);
      expect(dropped).toBeGreaterThan(0);
      // Every message is accounted for: delivered or counted as dropped, none twice, order kept.
      expect(messages.length + dropped).toBe(total);
      const indexes = messages.map((m) => Number(m.topic.split('/')[1]));
      expect(indexes).toEqual([...indexes].sort((x, y) => x - y));
      expect(indexes.at(-1)).toBe(total - 1);
      lossy!.close();
    });

    it('bounds the buffer in bytes too: large messages overflow it long before the message limit', async () => {
      const client = tenantClient(stack);
      const slow = await client.subscribe(null, 'big/#', { qos: 0 });
      const big = Buffer.alloc(200 * 1024, 1);
      const total = 100;
      for (let i = 0; i < total; i += 10) {
        await client.publishBatch(
          null,
          Array.from({ length: 10 }, (_, j) => ({ topic: `big/${i + j}`, payload: big, qos: 1 as const })),
        );
      }
      const { messages, error } = await drain(slow!, 3000);
      expect(error).toMatchObject({ code: GrpcStatus.RESOURCE_EXHAUSTED });
      // 20 MB were published; the stream was closed long before the server held them all.
      expect(messages.length).toBeLessThan(total);
    });
  });
}

backpressure(EMBEDDED);
backpressure(MOSQUITTO);
