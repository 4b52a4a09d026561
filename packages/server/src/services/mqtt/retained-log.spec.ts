import { appendFile, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RetainedLog } from './retained-log.js';

const dirs: string[] = [];
const file = () => {
  const dir = join(
    process.env.ISA_TEST_ROOT ?? tmpdir(),
    `retained-log-${Math.random().toString(16).slice(2)}`,
  );
  dirs.push(dir);
  return join(dir, 'retained.log');
};

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('retained message log', () => {
  it('replays what was retained and forgets what was deleted', async () => {
    const path = file();
    const first = new RetainedLog(path);
    expect(await first.load()).toEqual([]);
    await first.record('a', Buffer.from('1'), 1);
    await first.record('b', Buffer.from('2'), 2);
    await first.record('a', Buffer.from('3'), 0);
    await first.record('b', Buffer.alloc(0), 0);
    const second = new RetainedLog(path);
    const loaded = await second.load();
    expect(loaded.map((r) => [r.topic, r.payload.toString(), r.qos])).toEqual([['a', '3', 0]]);
    expect(loaded[0]!.storedAt).toBeInstanceOf(Date);
    expect(second.storedAt('a')).toEqual(loaded[0]!.storedAt);
    // Loading compacts the file to the live messages.
    expect((await readFile(path, 'utf8')).trim().split('\n')).toHaveLength(1);
  });

  it('survives a line cut short by a crash', async () => {
    const path = file();
    const log = new RetainedLog(path);
    await log.load();
    await log.record('ok', Buffer.from('kept'), 1);
    await appendFile(path, '{"t":"half","q":1,"p":"aGVs');
    const reloaded = await new RetainedLog(path).load();
    expect(reloaded.map((r) => r.topic)).toEqual(['ok']);
  });

  it('keeps binary payloads byte for byte', async () => {
    const path = file();
    const log = new RetainedLog(path);
    await log.load();
    const payload = Buffer.from([0, 255, 10, 13, 34, 92]);
    await log.record('bin', payload, 2);
    const [r] = await new RetainedLog(path).load();
    expect(r!.payload.equals(payload)).toBe(true);
  });
});
