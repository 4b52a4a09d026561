import { describe, expect, it } from 'vitest';
import { findBinary, freePort, ManagedProcess, portAccepts } from './managed-process.js';

describe('ManagedProcess', () => {
  it('starts a real server binary on a private port and stops it', async () => {
    const binary = findBinary('redis-server');
    expect(binary, 'redis-server must be installed (the test command installs it)').toBeDefined();
    const port = await freePort();
    const redis = new ManagedProcess({
      name: 'redis-server',
      binary: binary!,
      args: ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      port,
    });
    await redis.start();
    expect(redis.running).toBe(true);
    expect(await portAccepts(port)).toBe(true);
    await redis.stop();
    expect(redis.running).toBe(false);
    expect(await portAccepts(port)).toBe(false);
  });

  it('reports a binary that exits during start-up with its stderr', async () => {
    const port = await freePort();
    const broken = new ManagedProcess({
      name: 'broken',
      binary: findBinary('redis-server')!,
      args: ['--no-such-option'],
      port,
    });
    await expect(broken.start()).rejects.toThrow(/exited during start-up/);
  });

  it('finds nothing for a binary that is not installed', () => {
    expect(findBinary('definitely-not-installed-binary')).toBeUndefined();
  });
});
