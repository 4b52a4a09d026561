import * as grpc from '@grpc/grpc-js';
import { SERVICE_CATALOG, type ServiceEntry } from '@isa-cloud/api';
import type { ClientOptions } from './base-client.js';
import { type ClientTypes, getClient } from './factory.js';
import { Channel, type ChannelSettings, type Transport } from './transport.js';

/** One healthy instance of a service as Consul lists it. */
export interface ServiceInstance {
  id: string;
  host: string;
  port: number;
  tags: string[];
  meta: Record<string, string>;
}

export interface DiscoveryOptions {
  /** Consul agent host (default "localhost") and port (default 8500), as in the guide. */
  consulHost?: string;
  consulPort?: number;
  /** Full Consul URL instead of host/port (e.g. "https://consul:8501"). */
  consulUrl?: string;
  /** ACL token (X-Consul-Token). */
  token?: string;
  /** Only instances carrying every one of these tags. */
  tags?: string[];
  /** How long one blocking query waits for a change (default 30 s). */
  waitSeconds?: number;
  /** How to spread calls: round-robin (default) or the instance with the fewest calls in flight. */
  strategy?: 'round-robin' | 'least-outstanding';
  /** How long an instance that refused a connection is skipped before it is tried again (default 10 s). */
  ejectionMs?: number;
  /** How long the first resolution may take before calls fail with UNAVAILABLE (default 5 s). */
  resolveTimeoutMs?: number;
}

type ServiceKey = keyof ClientTypes;

/** A gRPC error in the shape grpc-js produces, so the SDK's error handling treats it like any other. */
function unavailable(details: string): Error & { code: number; details: string; metadata: grpc.Metadata } {
  return Object.assign(new Error(details), {
    code: grpc.status.UNAVAILABLE,
    details,
    metadata: new grpc.Metadata(),
  });
}

interface HealthEntry {
  Service: {
    ID: string;
    Service: string;
    Address: string;
    Port: number;
    Tags: string[] | null;
    Meta: Record<string, string> | null;
  };
  Node: { Address: string };
}

/**
 * Follows one Consul service's healthy instances with blocking queries: one long poll at a time, so
 * calls never wait on Consul, and changes (an instance dying, a new one registering) arrive within a
 * check interval.
 */
class InstanceWatch {
  instances: ServiceInstance[] = [];
  /**
   * The last non-empty list. When every instance turns critical at once (a health-check hiccup, Consul
   * overloaded) calls keep going to these rather than failing: the same "panic mode" load balancers use.
   */
  lastKnown: ServiceInstance[] = [];
  private index = '0';
  private readonly abort = new AbortController();
  private firstResult: Promise<void>;
  private resolveFirst!: () => void;
  private lastError = '';
  resolved = false;
  private listeners = new Set<() => void>();

  constructor(
    private readonly baseUrl: string,
    readonly consulName: string,
    private readonly options: DiscoveryOptions,
  ) {
    this.firstResult = new Promise((resolve) => {
      this.resolveFirst = resolve;
    });
    void this.loop();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Waits for the first answer from Consul (or the timeout); resolves to the current instances. */
  async ready(timeoutMs: number): Promise<ServiceInstance[]> {
    if (this.resolved) return this.instances;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.firstResult, new Promise<void>((r) => (timer = setTimeout(r, timeoutMs)))]);
    clearTimeout(timer);
    return this.instances;
  }

  get error(): string {
    return this.lastError;
  }

  close(): void {
    this.abort.abort();
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.abort.signal.aborted) {
      const query = new URLSearchParams({
        passing: 'true',
        index: this.index,
        wait: `${this.options.waitSeconds ?? 30}s`,
      });
      for (const tag of this.options.tags ?? []) query.append('tag', tag);
      try {
        const response = await fetch(
          `${this.baseUrl}/v1/health/service/${encodeURIComponent(this.consulName)}?${query}`,
          {
            headers: this.options.token ? { 'x-consul-token': this.options.token } : {},
            signal: this.abort.signal,
          },
        );
        if (!response.ok)
          throw new Error(`Consul answered HTTP ${response.status}: ${(await response.text()).trim()}`);
        const nextIndex = response.headers.get('x-consul-index') ?? '0';
        // An index that goes backwards (Consul restarted) resets the long poll, as Consul's docs advise.
        this.index = BigInt(nextIndex) < BigInt(this.index) ? '0' : nextIndex;
        const entries = (await response.json()) as HealthEntry[];
        this.instances = entries.map((e) => ({
          id: e.Service.ID,
          host: e.Service.Address || e.Node.Address,
          port: e.Service.Port,
          tags: e.Service.Tags ?? [],
          meta: e.Service.Meta ?? {},
        }));
        if (this.instances.length > 0) this.lastKnown = this.instances;
        this.lastError = '';
        failures = 0;
        this.resolved = true;
        this.resolveFirst();
        for (const listener of this.listeners) listener();
      } catch (err) {
        if (this.abort.signal.aborted) return;
        this.lastError = (err as Error).message;
        failures++;
        // The last known instances stay in use while Consul is unreachable.
        await new Promise((r) => setTimeout(r, Math.min(5000, 100 * 2 ** failures)));
      }
    }
  }
}

/** Spreads calls over the healthy instances of one service and steps around ones that fail. */
export class DiscoveryTransport implements Transport {
  private readonly channels = new Map<string, Channel>();
  private readonly ejectedUntil = new Map<string, number>();
  private next = 0;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly watch: InstanceWatch,
    private readonly settings: ChannelSettings,
    private readonly options: DiscoveryOptions,
  ) {
    this.unsubscribe = watch.onChange(() => this.prune());
  }

  private usable(): ServiceInstance[] {
    return this.watch.instances.length > 0 ? this.watch.instances : this.watch.lastKnown;
  }

  private prune(): void {
    if (this.watch.instances.length === 0) return;
    const live = new Set(this.watch.instances.map((i) => `${i.host}:${i.port}`));
    for (const [address, channel] of this.channels) {
      if (!live.has(address)) {
        channel.close();
        this.channels.delete(address);
      }
    }
  }

  private candidates(): ServiceInstance[] {
    const all = this.usable();
    if (this.ejectedUntil.size === 0) return all;
    const now = Date.now();
    for (const [address, until] of this.ejectedUntil) if (until <= now) this.ejectedUntil.delete(address);
    const usable = all.filter((i) => !this.ejectedUntil.has(`${i.host}:${i.port}`));
    // When every instance is ejected, trying one beats failing outright.
    return usable.length > 0 ? usable : all;
  }

  private channelFor(instance: ServiceInstance): Channel {
    const address = `${instance.host}:${instance.port}`;
    let channel = this.channels.get(address);
    if (!channel) {
      channel = new Channel(address, this.settings);
      this.channels.set(address, channel);
    }
    return channel;
  }

  /** Synchronous once Consul has answered, so a call pays nothing for discovery but a pick. */
  channel(): Channel | Promise<Channel> {
    if (this.watch.resolved) return this.pick();
    return this.watch.ready(this.options.resolveTimeoutMs ?? 5000).then(() => this.pick());
  }

  private pick(): Channel {
    if (this.usable().length === 0) {
      const reason = this.watch.error ? ` (Consul: ${this.watch.error})` : '';
      throw unavailable(`no healthy instance of ${this.watch.consulName} in Consul${reason}`);
    }
    const candidates = this.candidates();
    if (this.options.strategy === 'least-outstanding') {
      let best = this.channelFor(candidates[0]!);
      for (const c of candidates) {
        const channel = this.channelFor(c);
        if (channel.outstanding < best.outstanding) best = channel;
      }
      return best;
    }
    return this.channelFor(candidates[this.next++ % candidates.length]!);
  }

  /** A call on `channel` failed as unavailable: skip that instance for a while; true if others remain. */
  reportUnavailable(channel: Channel): boolean {
    this.ejectedUntil.set(channel.address, Date.now() + (this.options.ejectionMs ?? 10_000));
    return this.candidates().some((i) => `${i.host}:${i.port}` !== channel.address);
  }

  close(): void {
    this.unsubscribe();
    for (const channel of this.channels.values()) channel.close();
    this.channels.clear();
  }
}

/**
 * The guide's ServiceDiscovery: clients for Consul-registered services. Beyond the guide's
 * `services[0]`, calls are spread over every healthy instance, instances are followed with blocking
 * queries (no Consul round trip per call), and a call that hits a dead instance is retried on another.
 */
export class ServiceDiscovery {
  private readonly baseUrl: string;
  private readonly watches = new Map<string, InstanceWatch>();

  constructor(private readonly options: DiscoveryOptions = {}) {
    this.baseUrl = (
      options.consulUrl ?? `http://${options.consulHost ?? 'localhost'}:${options.consulPort ?? 8500}`
    ).replace(/\/+$/, '');
  }

  /** Accepts the SDK name ("minio") or the Consul name ("minio-grpc-service"). */
  static entry(type: string): ServiceEntry {
    const key = type.toLowerCase();
    for (const entry of SERVICE_CATALOG.values())
      if (entry.name === key || entry.consulName === key) return entry;
    throw new TypeError(
      `unknown service "${type}": expected one of ${[...SERVICE_CATALOG.values()].map((e) => e.name).join(', ')}`,
    );
  }

  private watch(consulName: string): InstanceWatch {
    let watch = this.watches.get(consulName);
    if (!watch) {
      watch = new InstanceWatch(this.baseUrl, consulName, this.options);
      this.watches.set(consulName, watch);
    }
    return watch;
  }

  /** The healthy instances of a service right now. */
  async instances(type: string): Promise<ServiceInstance[]> {
    return this.watch(ServiceDiscovery.entry(type).consulName).ready(this.options.resolveTimeoutMs ?? 5000);
  }

  /** One healthy instance's address (like the guide's get_service_address), or null. */
  async getServiceAddress(type: string): Promise<{ host: string; port: number } | null> {
    const [first] = await this.instances(type);
    return first ? { host: first.host, port: first.port } : null;
  }

  /** A client whose calls go to the service's healthy instances. */
  getClient<K extends ServiceKey>(
    type: K,
    options?: Omit<ClientOptions, 'host' | 'port' | 'transport'>,
  ): ClientTypes[K];
  getClient(
    type: string,
    options?: Omit<ClientOptions, 'host' | 'port' | 'transport'>,
  ): ClientTypes[ServiceKey];
  getClient(
    type: string,
    options: Omit<ClientOptions, 'host' | 'port' | 'transport'> = {},
  ): ClientTypes[ServiceKey] {
    const entry = ServiceDiscovery.entry(type);
    const transport = new DiscoveryTransport(
      this.watch(entry.consulName),
      {
        enableCompression: options.enableCompression ?? true,
        tls: options.tls,
        maxMessageBytes: options.maxMessageBytes ?? 64 * 1024 * 1024,
        channelOptions: options.channelOptions,
      },
      this.options,
    );
    return getClient(entry.name, { ...options, transport });
  }

  close(): void {
    for (const watch of this.watches.values()) watch.close();
    this.watches.clear();
  }

  [Symbol.dispose](): void {
    this.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.close();
  }
}
