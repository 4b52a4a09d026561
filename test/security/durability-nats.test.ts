import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ManagedProcessRecord } from '../../packages/server/src/platform/managed-process.js';
import { commandLineOf, isRunning } from '../../packages/server/src/platform/process-identity.js';
import { connect } from '../../packages/server/src/services/nats/direct.js';
import { startStack, type TestStack, uniqueUser } from '../support/stack.js';
import { measureRecovery, readStream, WriteLoad, waitFor } from './durability-stack-process.js';

function managedNats(stack: TestStack): ManagedProcessRecord {
  const file = join(stack.dataDir, 'nats', 'nats-server.process.json');
  return JSON.parse(readFileSync(file, 'utf8')) as ManagedProcessRecord;
}

function natsToken(stack: TestStack): string {
  const config = readFileSync(join(stack.dataDir, 'nats', 'nats.conf'), 'utf8');
  return /token: "([0-9a-f]+)"/.exec(config)![1]!;
}

describe('managed nats-server', () => {
  it('keeps every acknowledged JetStream publish through a SIGKILL of nats-server (file storage)', async () => {
    const stack = await startStack(['nats']);
    try {
      const userId = uniqueUser('js');
      const c = stack.client('nats', { userId, throwOnError: true, enableRetry: false, timeoutMs: 2000 });
      expect(await c.createStream('kill', ['kill.>'], { storage: 'file' })).toMatchObject({
        config: { storage: 'file' },
      });
      const sequences = new Map<number, number>();
      const load = new WriteLoad(async (i) => {
        const ack = await c.publishToStream('kill', 'kill.m', `m${i}`);
        sequences.set(ack!.sequence, i);
      }, 16);
      await waitFor(() => load.acknowledged.size >= 3000, 30_000, '3000 acknowledged publishes');
      const before = managedNats(stack);
      process.kill(before.pid, 'SIGKILL');
      const killedAt = Date.now();
      const ackedBeforeKill = load.acknowledged.size;
      const probe = stack.client('nats', { userId, throwOnError: true, enableRetry: false, timeoutMs: 1000 });
      const { restartMs, serviceMs } = await measureRecovery(
        join(stack.dataDir, 'nats', 'nats-server.process.json'),
        before.pid,
        killedAt,
        () => probe.publishToStream('kill', 'kill.probe', 'probe'),
      );
      // Publishes still running go on against the new server for a moment, then the load stops.
      await new Promise((r) => setTimeout(r, 300));
      await load.stop();
      expect(isRunning(before)).toBe(false);
      expect(managedNats(stack).pid).not.toBe(before.pid);

      const stored = await readStream(c, 'kill');
      const found = [...sequences].filter(([seq, i]) => stored.get(seq) === `m${i}`).length;
      console.info(
        `[durability] nats-server SIGKILL: ${ackedBeforeKill} JetStream publishes acknowledged before the ` +
          `kill, ${sequences.size} in all, ${found} found (${stored.size} stored); ${load.failed} failed ` +
          `during the outage; nats-server running again ${restartMs} ms after the kill, publishes through the ` +
          `service acknowledged again after ${serviceMs} ms`,
      );
      expect(sequences.size).toBe(load.acknowledged.size);
      expect(found).toBe(sequences.size);
      expect(restartMs).toBeLessThan(5000);
    } finally {
      await stack.stop();
    }
  });

  it('keeps its token in a private config file, out of the command line anyone can read', async () => {
    const stack = await startStack(['nats']);
    try {
      const token = natsToken(stack);
      const server = managedNats(stack);
      const cmdline = commandLineOf(server.pid)!;
      expect(cmdline[0]).toMatch(/nats-server$/);
      expect(cmdline.join(' ')).toMatch(/-c \S+nats\.conf$/);
      expect(cmdline.join(' ')).not.toContain(token);
      expect(readFileSync(`/proc/${server.pid}/environ`, 'latin1')).not.toContain(token);
      expect(statSync(join(stack.dataDir, 'nats', 'nats.conf')).mode & 0o077).toBe(0);
      // The token is what the server checks: with it a client gets in, without it not.
      const url = `nats://127.0.0.1:${server.port}`;
      await expect(connect({ servers: url, reconnect: false })).rejects.toThrow(/authorization/i);
      const operator = await connect({ servers: url, token, reconnect: false });
      await operator.close();
    } finally {
      await stack.stop();
    }
  });
});
