import { randomBytes } from 'node:crypto';
import { accessSync, constants, existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import type { Logger } from '../../platform/logger.js';
import { findBinary, freePort, ManagedProcess, writePrivateFile } from '../../platform/managed-process.js';

const AOF_DIR = 'appendonlydir';
const AOF_NAME = 'appendonly.aof';
const RDB_NAME = 'dump.rdb';

/**
 * What the managed server promises for acknowledged writes (docs/security.md, "What each backend
 * guarantees on a crash"):
 * - every write is appended to the append-only file before its reply is sent, so a crash or SIGKILL of
 *   redis-server (or of the stack) loses nothing that was acknowledged: the bytes are in the kernel;
 * - the file is fsynced once a second (`appendfsync everysec`), so a power loss or kernel crash may lose
 *   the last ~1 s (up to ~2 s when the disk stalls and Redis postpones a write behind a slow fsync);
 * - the RDB snapshot is kept as Redis's defaults schedule it, for backups; it is never what a restart loads.
 */
function configText(dir: string, port: number, password: string, appendonly: boolean): string {
  return [
    'bind 127.0.0.1',
    `port ${port}`,
    `dir "${dir}"`,
    `requirepass ${password}`,
    'protected-mode yes',
    'daemonize no',
    'logfile ""',
    `appendonly ${appendonly ? 'yes' : 'no'}`,
    `appendfilename "${AOF_NAME}"`,
    `appenddirname "${AOF_DIR}"`,
    'appendfsync everysec',
    'no-appendfsync-on-rewrite no',
    'aof-use-rdb-preamble yes',
    'aof-load-truncated yes',
    `dbfilename ${RDB_NAME}`,
    'save 3600 1 300 100 60 10000',
    'stop-writes-on-bgsave-error yes',
  ].join('\n');
}

/**
 * A redis-server the service runs itself when no REDIS_URL is given: loopback only, its files under the
 * service's data dir, and a random password written to a private config file (so nothing else on the
 * machine can bypass the service's tenant isolation by talking to Redis directly, and the password never
 * shows in the process list). It dies with the stack; a server a crashed stack left behind is stopped by
 * the next start (platform/managed-process.ts). If it dies it is started again on the same port.
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
    // A data dir from before the append-only file holds only dump.rdb. Started with appendonly on,
    // Redis would ignore that snapshot, start empty and save the empty set over it; so that first start
    // loads the snapshot and converts it (Redis's documented procedure), and every later start loads
    // the append-only file.
    const migrating =
      !existsSync(join(dir, AOF_DIR, `${AOF_NAME}.manifest`)) && existsSync(join(dir, RDB_NAME));
    await writePrivateFile(configFile, `${configText(dir, port, password, !migrating)}\n`);
    const process = new ManagedProcess({
      name: 'redis-server',
      binary,
      args: [configFile],
      port,
      logger,
      stateDir: dir,
      restartOnExit: true,
    });
    await process.start();
    const url = `redis://:${password}@127.0.0.1:${port}`;
    if (migrating) {
      try {
        await convertToAppendOnly(port, password, join(dir, AOF_DIR, `${AOF_NAME}.manifest`), logger);
      } catch (err) {
        await process.stop();
        throw err;
      }
      await writePrivateFile(configFile, `${configText(dir, port, password, true)}\n`);
    }
    return new ManagedRedisServer(process, url);
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

/** Turns the append-only file on in a running server and waits until its first rewrite is complete. */
async function convertToAppendOnly(
  port: number,
  password: string,
  manifest: string,
  logger: Logger,
): Promise<void> {
  const admin = new Redis({ port, host: '127.0.0.1', password, lazyConnect: true, maxRetriesPerRequest: 1 });
  admin.on('error', () => undefined);
  try {
    await admin.connect();
    logger.warn('redis data dir has only dump.rdb: converting it to the append-only file');
    await admin.config('SET', 'appendonly', 'yes');
    const deadline = Date.now() + 120_000;
    for (;;) {
      const info = await admin.info('persistence');
      const field = (name: string) => new RegExp(`^${name}:(\\S+)`, 'm').exec(info)?.[1];
      if (field('aof_last_bgrewrite_status') === 'err') throw new Error('the append-only rewrite failed');
      // The manifest is written when the rewrite completes: from then on a restart loads the new file.
      const idle = field('aof_rewrite_in_progress') === '0' && field('aof_rewrite_scheduled') === '0';
      if (idle && field('aof_enabled') === '1' && existsSync(manifest)) return;
      if (Date.now() > deadline) throw new Error('the append-only rewrite did not finish within 2 minutes');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    admin.disconnect();
  }
}
