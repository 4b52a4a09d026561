import { randomBytes } from 'node:crypto';
import { accessSync, constants } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../../platform/logger.js';
import { findBinary, freePort, ManagedProcess } from '../../platform/managed-process.js';

/**
 * A redis-server the service runs itself when no REDIS_URL is given: loopback only, its snapshot under
 * the service's data dir (saved on shutdown, so dev data survives a restart), and a random password
 * written to a private config file (so nothing else on the machine can bypass the service's tenant
 * isolation by talking to Redis directly, and the password never shows in the process list).
 * If it dies it is started again on the same port by `ensureRunning()` (the health probe calls it).
 */
export class ManagedRedisServer {
  private constructor(
    private readonly process: ManagedProcess,
    readonly url: string,
  ) {}

  /** The binary's path, or undefined when it is not installed. */
  static locate(binary: string): string | undefined {
    if (!binary.includes('/')) return findBinary(binary);
    try {
      accessSync(binary, constants.X_OK);
      return binary;
    } catch {
      return undefined;
    }
  }

  static async start(binary: string, dataDir: string, logger: Logger): Promise<ManagedRedisServer> {
    const dir = dataDir;
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const port = await freePort();
    const password = randomBytes(24).toString('hex');
    const configFile = join(dir, 'redis.conf');
    const config = [
      'bind 127.0.0.1',
      `port ${port}`,
      `dir "${dir}"`,
      `requirepass ${password}`,
      'protected-mode yes',
      'daemonize no',
      'save 60 1',
      'dbfilename dump.rdb',
      'appendonly no',
      'logfile ""',
    ].join('\n');
    await writeFile(configFile, `${config}\n`, { mode: 0o600 });
    const process = new ManagedProcess({ name: 'redis-server', binary, args: [configFile], port, logger });
    await process.start();
    return new ManagedRedisServer(process, `redis://:${password}@127.0.0.1:${port}`);
  }

  get running(): boolean {
    return this.process.running;
  }

  get port(): number {
    return this.process.port;
  }

  /** Starts the server again if it has died; resolves once it accepts connections. */
  ensureRunning(): Promise<void> {
    return this.process.ensureRunning();
  }

  /** Kills the server (tests use it to simulate a crash). */
  kill(): Promise<void> {
    return this.process.kill();
  }

  stop(): Promise<void> {
    return this.process.stop();
  }
}
