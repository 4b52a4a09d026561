import type { Logger } from '../../platform/logger.js';
import type { Tenant } from '../../platform/tenancy.js';
import type { PresenceRecord } from './registry.js';

interface State {
  tenant: Tenant;
  version: number;
  written: number;
  loop: Promise<void> | undefined;
}

/**
 * Keeps each tenant's presence record on the broker in step with this instance's sessions and streams.
 * Changes that come in while a write is in flight are folded into one more write, so a burst of
 * connects costs a couple of writes, and `sync` resolves once a write that includes the caller's change
 * is on the broker. Best effort: a failed write is logged and retried with the next change.
 */
export class PresenceWriter {
  private readonly states = new Map<string, State>();

  constructor(
    private readonly write: (tenant: Tenant, record: PresenceRecord | undefined) => Promise<void>,
    private readonly snapshot: (tenant: Tenant) => PresenceRecord | undefined,
    private readonly logger: Logger,
  ) {}

  sync(tenant: Tenant): Promise<void> {
    const key = `${tenant.userId}/${tenant.organizationId}`;
    let state = this.states.get(key);
    if (!state) {
      state = { tenant, version: 0, written: 0, loop: undefined };
      this.states.set(key, state);
    }
    state.version++;
    const s = state;
    s.loop ??= this.run(s).finally(() => {
      s.loop = undefined;
      if (s.written >= s.version) this.states.delete(key);
    });
    return s.loop;
  }

  private async run(state: State): Promise<void> {
    while (state.written < state.version) {
      const version = state.version;
      try {
        await this.write(state.tenant, this.snapshot(state.tenant));
      } catch (err) {
        this.logger.warn(
          { err: (err as Error).message, userId: state.tenant.userId },
          'presence not written',
        );
      }
      state.written = version;
    }
  }
}
