import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, constants } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../../platform/logger.js';
import { findBinary, freePort, ManagedProcess, writePrivateFile } from '../../platform/managed-process.js';

/**
 * Whether this nats-server can be told how often to fsync its JetStream files (`sync_interval`, added in
 * 2.10). Older servers (Debian bookworm ships 2.9) fsync every 2 minutes, which is not configurable.
 */
export function hasSyncInterval(versionOutput: string): boolean {
  const match = /v?(\d+)\.(\d+)\.\d+/.exec(versionOutput);
  if (!match) return false;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  return major > 2 || (major === 2 && minor >= 10);
}

function serverVersion(binary: string): string {
  try {
    return execFileSync(binary, ['--version'], { encoding: 'utf8', timeout: 5000 }).trim();
  } catch {
    return '';
  }
}

export interface NatsConfig {
  readonly port: number;
  readonly monitorPort: number;
  readonly storeDir: string;
  readonly token: string;
  /** Write `sync_interval` (nats-server 2.10 and later). */
  readonly syncInterval: boolean;
}

/**
 * The server's configuration, written to a file only this user can read: the token is a secret, and a
 * command line is not (every local user sees it in ps and /proc/<pid>/cmdline). Where the server
 * supports it, JetStream fsyncs every second, the same window as the managed redis-server.
 */
export function natsConfigText(config: NatsConfig): string {
  return [
    '# Written by isa-cloud at every start of the managed nats-server; holds its secret token.',
    `listen: "127.0.0.1:${config.port}"`,
    `http: "127.0.0.1:${config.monitorPort}"`,
    'jetstream {',
    `  store_dir: ${JSON.stringify(config.storeDir)}`,
    ...(config.syncInterval ? ['  sync_interval: "1s"'] : []),
    '}',
    'authorization {',
    `  token: ${JSON.stringify(config.token)}`,
    '}',
  ].join('\n');
}

/**
 * A nats-server with JetStream (file storage) that the service runs itself when no NATS_URL is given:
 * loopback only, its store under the service's data dir, a random auth token kept in a private config
 * file (so nothing on the machine can bypass the service's tenant isolation by talking to NATS
 * directly), and a monitoring port for server statistics. It dies with the stack; a server a crashed
 * stack left behind is stopped by the next start (platform/managed-process.ts). If it dies it is started
 * again on the same port.
 */
export class ManagedNatsServer {
  private constructor(
    private readonly process: ManagedProcess,
    readonly url: string,
    readonly token: string,
    readonly monitorUrl: string,
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

  static async start(binary: string, dataDir: string, logger: Logger): Promise<ManagedNatsServer> {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    const storeDir = join(dataDir, 'jetstream');
    await mkdir(storeDir, { recursive: true });
    const [port, monitorPort] = [await freePort(), await freePort()];
    const token = randomBytes(24).toString('hex');
    const configFile = join(dataDir, 'nats.conf');
    const version = serverVersion(binary);
    const syncInterval = hasSyncInterval(version);
    if (!syncInterval) {
      logger.info(
        { version },
        'this nats-server fsyncs JetStream every 2 minutes (sync_interval needs 2.10)',
      );
    }
    const config = { port, monitorPort, storeDir, token, syncInterval };
    await writePrivateFile(configFile, `${natsConfigText(config)}\n`);
    const process = new ManagedProcess({
      name: 'nats-server',
      binary,
      args: ['-c', configFile],
      port,
      logger,
      stateDir: dataDir,
      restartOnExit: true,
    });
    await process.start();
    return new ManagedNatsServer(
      process,
      `nats://127.0.0.1:${port}`,
      token,
      `http://127.0.0.1:${monitorPort}`,
    );
  }

  get running(): boolean {
    return this.process.running;
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
