import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findBinary, freePort, ManagedProcess } from '../../packages/server/src/platform/managed-process.js';
import { scratchDir } from '../support/stack.js';

/**
 * A Mosquitto of the test's own (never the machine's shared one), for tests that stop the broker or
 * need authentication. Users are written to a password file with mosquitto_passwd.
 */
export class PrivateMosquitto {
  private constructor(
    private readonly process: ManagedProcess,
    readonly port: number,
    readonly dir: string,
  ) {}

  get url(): string {
    return `mqtt://127.0.0.1:${this.port}`;
  }

  static async start(
    options: { users?: Record<string, string>; port?: number } = {},
  ): Promise<PrivateMosquitto> {
    const binary = findBinary('mosquitto');
    if (!binary) throw new Error('mosquitto is not installed (Debian: apt-get install mosquitto)');
    const dir = await scratchDir('mosquitto');
    const port = options.port ?? (await freePort());
    const lines = [`listener ${port} 127.0.0.1`, 'persistence false', `log_dest file ${join(dir, 'log')}`];
    const users = Object.entries(options.users ?? {});
    if (users.length > 0) {
      const passwords = join(dir, 'passwords');
      await writeFile(passwords, '');
      for (const [user, password] of users) {
        execFileSync('mosquitto_passwd', ['-b', passwords, user, password]);
      }
      lines.push('allow_anonymous false', `password_file ${passwords}`);
    } else {
      lines.push('allow_anonymous true');
    }
    await mkdir(dir, { recursive: true });
    const config = join(dir, 'mosquitto.conf');
    await writeFile(config, `${lines.join('\n')}\n`);
    const process = new ManagedProcess({ name: 'mosquitto', binary, args: ['-c', config], port });
    await process.start();
    return new PrivateMosquitto(process, port, dir);
  }

  /** Freezes (SIGSTOP) or thaws (SIGCONT) the broker: connections stay up but nothing is answered. */
  signal(signal: 'SIGSTOP' | 'SIGCONT'): void {
    const config = join(this.dir, 'mosquitto.conf');
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      let cmdline = '';
      try {
        cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      } catch {
        continue;
      }
      if (cmdline.includes(config)) process.kill(Number(entry), signal);
    }
  }

  /** Stops the broker (clients see the connection drop). */
  stop(): Promise<void> {
    return this.process.stop();
  }

  /** Starts it again on the same port (with no state: persistence is off). */
  restart(): Promise<void> {
    return this.process.start();
  }
}
