import { Aedes } from 'aedes';
import { MqttClient } from 'mqtt';
import { describe, expect, it } from 'vitest';
import { duplexPair } from './duplex-pair.js';

describe('in-memory connection', () => {
  it('carries a publisher’s flood into aedes intact (the broker reads in batches)', async () => {
    const broker = await Aedes.createBroker();
    const errors: string[] = [];
    broker.on('clientError', (_client, err) => errors.push(err.message));
    try {
      const client = await new Promise<MqttClient>((resolve, reject) => {
        const c = new MqttClient(
          () => {
            const [clientEnd, brokerEnd] = duplexPair();
            broker.handle(brokerEnd);
            return clientEnd;
          },
          { protocolVersion: 4, reconnectPeriod: 0, clientId: 'flood' },
        );
        c.once('connect', () => resolve(c));
        c.once('error', reject);
      });
      const payload = Buffer.alloc(2048, 1);
      await Promise.all(
        Array.from({ length: 2000 }, (_, i) => client.publishAsync(`load/${i}`, payload, { qos: 0 })),
      );
      await client.publishAsync('done', 'x', { qos: 1 });
      expect(errors).toEqual([]);
      await client.endAsync();
    } finally {
      await new Promise<void>((r) => broker.close(() => r()));
    }
  });

  it('holds a client’s writes until the broker reads, but never holds the broker’s', async () => {
    const [client, broker] = duplexPair();
    const big = Buffer.alloc(2 * 1024 * 1024);
    expect(client.write(big)).toBe(false);
    expect(broker.write(big)).toBe(true);
    let brokerWrote = false;
    broker.write(Buffer.from('x'), () => {
      brokerWrote = true;
    });
    let clientWrote = false;
    client.write(Buffer.from('y'), () => {
      clientWrote = true;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(brokerWrote).toBe(true);
    expect(clientWrote).toBe(false);
    broker.resume();
    await new Promise((r) => setTimeout(r, 20));
    expect(clientWrote).toBe(true);
  });

  it('closes both ends when one side ends, freeing a writer that waits', async () => {
    const [client, broker] = duplexPair();
    client.write(Buffer.alloc(2 * 1024 * 1024));
    const blocked = new Promise<Error | null | undefined>((resolve) =>
      client.write(Buffer.from('z'), resolve),
    );
    client.on('error', () => undefined);
    broker.on('error', () => undefined);
    broker.end();
    expect(await blocked).toBeInstanceOf(Error);
    await new Promise((r) => setImmediate(r));
    expect(client.destroyed && broker.destroyed).toBe(true);
  });
});
