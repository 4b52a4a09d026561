import { randomBytes } from 'node:crypto';
import { accessSync, constants } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../../platform/logger.js';
import { findBinary, freePort, ManagedProcess } from '../../platform/managed-process.js';

/**
 * A nats-server with JetStream that the service runs itself when no NATS_URL is given: loopback only,
 * its store under the service's data dir, a random auth token (so nothing on the machine can bypass the
 * service's tenant isolation by talking to NATS directly), and a monitoring port for server statistics.
 * If it dies it is started again on the same port by `ensureRunning()` (the health probe calls it).
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
    const storeDir = join(dataDir, 'jetstream');
    await mkdir(storeDir, { recursive: true });
    const [port, monitorPort] = [await freePort(), await freePort()];
    const token = randomBytes(24).toString('hex');
    const process = new ManagedProcess({
      name: 'nats-server',
      binary,
      args: [
        '-a',
        '127.0.0.1',
        '-p',
        String(port),
        '-js',
        '-sd',
        storeDir,
        '-m',
        String(monitorPort),
        '--auth',
        token,
      ],
      port,
      logger,
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

  stop(): Promise<void> {
    return this.process.stop();
  }
}
