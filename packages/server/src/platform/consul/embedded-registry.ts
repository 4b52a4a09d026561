import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { checkServing } from '@isa-cloud/sdk';
import type { Logger } from '../logger.js';
import { portAccepts } from '../managed-process.js';
import { parseDuration } from './duration.js';

/**
 * The dev stack's service registry: the subset of Consul's HTTP API that registration and discovery use
 * (agent service/check endpoints, health and catalog queries with blocking `index`/`wait`), so Consul's
 * own clients work against it unchanged. It runs the registered gRPC/HTTP/TCP checks itself, honours
 * TTL checks and removes services that stay critical longer than their DeregisterCriticalServiceAfter.
 * It keeps its state in memory: it is a single-node development registry, not a Consul replacement.
 */

type Status = 'passing' | 'warning' | 'critical';

interface Check {
  checkId: string;
  name: string;
  serviceId: string;
  serviceName: string;
  type: 'grpc' | 'http' | 'tcp' | 'ttl';
  target: string;
  intervalMs: number;
  timeoutMs: number;
  ttlMs: number;
  deregisterAfterMs: number;
  status: Status;
  output: string;
  notes: string;
  criticalSince: number | undefined;
  timer: NodeJS.Timeout | undefined;
  createIndex: number;
  modifyIndex: number;
}

interface Service {
  id: string;
  name: string;
  address: string;
  port: number;
  tags: string[];
  meta: Record<string, string>;
  checkIds: string[];
  createIndex: number;
  modifyIndex: number;
}

const DATACENTER = 'dc1';
const MAX_WAIT_MS = 10 * 60_000;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Case-insensitive field access: Consul decodes JSON field names without regard to case. */
function field(body: Record<string, unknown>, name: string): unknown {
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(body)) if (key.toLowerCase() === lower) return value;
  return undefined;
}

function str(body: Record<string, unknown>, name: string): string | undefined {
  const value = field(body, name);
  return typeof value === 'string' ? value : undefined;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

export interface EmbeddedRegistryOptions {
  logger: Logger;
  /** When set, every request must carry it (X-Consul-Token header or ?token=), like a Consul ACL token. */
  token?: string;
  /** How often expired critical services are removed (default 1 s). */
  reapIntervalMs?: number;
}

export class EmbeddedRegistry {
  private server: Server | undefined;
  private readonly services = new Map<string, Service>();
  private readonly checks = new Map<string, Check>();
  private index = 1;
  private waiters: Array<() => void> = [];
  private reaper: NodeJS.Timeout | undefined;
  private readonly node = hostname() || 'isa-dev';
  port = 0;

  constructor(private readonly options: EmbeddedRegistryOptions) {}

  get address(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async listen(port: number, host = '127.0.0.1'): Promise<number> {
    const server = createServer((req, res) => {
      void this.handle(req, res);
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.reaper = setInterval(() => this.reap(), this.options.reapIntervalMs ?? 1000);
    this.reaper.unref();
    return this.port;
  }

  async close(): Promise<void> {
    clearInterval(this.reaper);
    for (const check of this.checks.values()) clearTimeout(check.timer);
    for (const wake of this.waiters.splice(0)) wake();
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  // ---- state ----

  private bump(): number {
    this.index++;
    for (const wake of this.waiters.splice(0)) wake();
    return this.index;
  }

  private async blockUntilChange(query: URLSearchParams): Promise<void> {
    const wanted = query.get('index');
    if (wanted === null) return;
    const since = Number(wanted);
    if (!Number.isFinite(since) || since < this.index) return;
    const waitMs = Math.min(parseDuration(query.get('wait') ?? undefined, 5 * 60_000), MAX_WAIT_MS);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, waitMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.waiters.push(done);
    });
  }

  private registerService(body: Record<string, unknown>): void {
    const name = str(body, 'Name');
    if (!name) throw new HttpError(400, 'Missing service name');
    const id = str(body, 'ID') || name;
    const port = field(body, 'Port');
    if (port !== undefined && (typeof port !== 'number' || port < 0 || port > 65535)) {
      throw new HttpError(400, 'Invalid service port');
    }
    this.removeService(id, false);
    const service: Service = {
      id,
      name,
      address: str(body, 'Address') ?? '',
      port: typeof port === 'number' ? port : 0,
      tags: (field(body, 'Tags') as string[] | undefined)?.filter((t) => typeof t === 'string') ?? [],
      meta: Object.fromEntries(Object.entries(record(field(body, 'Meta'))).map(([k, v]) => [k, String(v)])),
      checkIds: [],
      createIndex: this.index + 1,
      modifyIndex: this.index + 1,
    };
    const single = field(body, 'Check');
    const many = field(body, 'Checks');
    const definitions = [
      ...(single ? [record(single)] : []),
      ...(Array.isArray(many) ? many.map(record) : []),
    ];
    definitions.forEach((definition, i) => {
      const checkId =
        str(definition, 'CheckID') || (definitions.length > 1 ? `service:${id}:${i + 1}` : `service:${id}`);
      this.addCheck(definition, checkId, service);
    });
    this.services.set(id, service);
    this.bump();
    this.options.logger.debug(
      { id, name, address: service.address, port: service.port },
      'registry: service registered',
    );
  }

  private addCheck(definition: Record<string, unknown>, checkId: string, service: Service): void {
    const grpc = str(definition, 'GRPC');
    const http = str(definition, 'HTTP');
    const tcp = str(definition, 'TCP');
    const ttl = str(definition, 'TTL');
    const type = grpc ? 'grpc' : http ? 'http' : tcp ? 'tcp' : ttl ? 'ttl' : undefined;
    if (!type)
      throw new HttpError(
        400,
        'Check must have one of GRPC, HTTP, TCP or TTL (other types are not supported here)',
      );
    let intervalMs = 0;
    let timeoutMs = 0;
    let ttlMs = 0;
    let deregisterAfterMs = 0;
    try {
      intervalMs = parseDuration(str(definition, 'Interval'), 10_000);
      timeoutMs = parseDuration(str(definition, 'Timeout'), 5000);
      ttlMs = ttl ? parseDuration(ttl, 0) : 0;
      deregisterAfterMs = parseDuration(str(definition, 'DeregisterCriticalServiceAfter'), 0);
    } catch (err) {
      throw new HttpError(400, (err as Error).message);
    }
    const initial = str(definition, 'Status');
    const check: Check = {
      checkId,
      name: str(definition, 'Name') || `Service '${service.name}' check`,
      serviceId: service.id,
      serviceName: service.name,
      type,
      target: grpc ?? http ?? tcp ?? '',
      intervalMs,
      timeoutMs,
      ttlMs,
      deregisterAfterMs,
      status: initial === 'passing' || initial === 'warning' ? initial : 'critical',
      output: '',
      notes: str(definition, 'Notes') ?? '',
      criticalSince: undefined,
      timer: undefined,
      createIndex: this.index + 1,
      modifyIndex: this.index + 1,
    };
    if (check.status === 'critical') check.criticalSince = Date.now();
    this.checks.set(checkId, check);
    service.checkIds.push(checkId);
    if (type === 'ttl') this.armTtl(check);
    else this.scheduleCheck(check, 0);
  }

  private removeService(id: string, bump = true): boolean {
    const service = this.services.get(id);
    if (!service) return false;
    for (const checkId of service.checkIds) {
      clearTimeout(this.checks.get(checkId)?.timer);
      this.checks.delete(checkId);
    }
    this.services.delete(id);
    if (bump) this.bump();
    return true;
  }

  private setStatus(check: Check, status: Status, output: string): void {
    if (check.status === status && check.output === output) return;
    const changed = check.status !== status;
    check.status = status;
    check.output = output;
    if (status === 'critical') check.criticalSince ??= Date.now();
    else check.criticalSince = undefined;
    if (changed) {
      check.modifyIndex = this.bump();
      this.options.logger.debug({ check: check.checkId, status }, 'registry: check status changed');
    }
  }

  private armTtl(check: Check): void {
    clearTimeout(check.timer);
    check.timer = setTimeout(() => this.setStatus(check, 'critical', 'TTL expired'), check.ttlMs);
    check.timer.unref();
  }

  private scheduleCheck(check: Check, delayMs: number): void {
    check.timer = setTimeout(() => {
      void this.runCheck(check).finally(() => {
        if (this.checks.get(check.checkId) === check) this.scheduleCheck(check, check.intervalMs);
      });
    }, delayMs);
    check.timer.unref();
  }

  private async runCheck(check: Check): Promise<void> {
    try {
      if (check.type === 'grpc') {
        const [target, serviceName = ''] = check.target.split(/\/(.*)/s);
        const colon = target!.lastIndexOf(':');
        const state = await checkServing(
          target!.slice(0, colon),
          Number(target!.slice(colon + 1)),
          serviceName,
          check.timeoutMs,
        );
        this.setStatus(check, state === 'SERVING' ? 'passing' : 'critical', `gRPC health check: ${state}`);
      } else if (check.type === 'http') {
        const response = await fetch(check.target, { signal: AbortSignal.timeout(check.timeoutMs) });
        const status = response.ok ? 'passing' : response.status === 429 ? 'warning' : 'critical';
        this.setStatus(check, status, `HTTP GET ${check.target}: ${response.status}`);
      } else if (check.type === 'tcp') {
        const colon = check.target.lastIndexOf(':');
        const open = await portAccepts(
          Number(check.target.slice(colon + 1)),
          check.target.slice(0, colon),
          check.timeoutMs,
        );
        this.setStatus(
          check,
          open ? 'passing' : 'critical',
          `TCP connect ${check.target}: ${open ? 'Success' : 'failed'}`,
        );
      }
    } catch (err) {
      this.setStatus(check, 'critical', `check failed: ${(err as Error).message}`);
    }
  }

  /** Removes services whose checks have been critical longer than their DeregisterCriticalServiceAfter. */
  private reap(): void {
    const now = Date.now();
    const expired = new Set<string>();
    for (const check of this.checks.values()) {
      const since = check.criticalSince;
      if (check.deregisterAfterMs > 0 && since !== undefined && now - since >= check.deregisterAfterMs) {
        expired.add(check.serviceId);
      }
    }
    for (const id of expired) {
      this.options.logger.info({ service: id }, 'registry: critical too long, deregistered');
      this.removeService(id);
    }
  }

  // ---- views in Consul's JSON shapes ----

  private nodeView() {
    return {
      ID: '00000000-0000-0000-0000-000000000001',
      Node: this.node,
      Address: '127.0.0.1',
      Datacenter: DATACENTER,
      TaggedAddresses: { lan: '127.0.0.1', wan: '127.0.0.1' },
      Meta: { 'consul-network-segment': '' },
    };
  }

  private serviceView(s: Service) {
    return {
      ID: s.id,
      Service: s.name,
      Tags: s.tags,
      Address: s.address,
      Meta: s.meta,
      Port: s.port,
      Weights: { Passing: 1, Warning: 1 },
      EnableTagOverride: false,
      Datacenter: DATACENTER,
      CreateIndex: s.createIndex,
      ModifyIndex: s.modifyIndex,
    };
  }

  private checkView(c: Check) {
    return {
      Node: this.node,
      CheckID: c.checkId,
      Name: c.name,
      Status: c.status,
      Notes: c.notes,
      Output: c.output,
      ServiceID: c.serviceId,
      ServiceName: c.serviceName,
      ServiceTags: this.services.get(c.serviceId)?.tags ?? [],
      Type: c.type,
      Definition: {},
      CreateIndex: c.createIndex,
      ModifyIndex: c.modifyIndex,
    };
  }

  private serfCheck() {
    return {
      Node: this.node,
      CheckID: 'serfHealth',
      Name: 'Serf Health Status',
      Status: 'passing',
      Notes: '',
      Output: 'Agent alive and reachable',
      ServiceID: '',
      ServiceName: '',
      ServiceTags: [],
      Type: '',
      CreateIndex: 1,
      ModifyIndex: 1,
    };
  }

  private servicesNamed(name: string, tags: string[]): Service[] {
    return [...this.services.values()]
      .filter((s) => s.name === name && tags.every((t) => s.tags.includes(t)))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  private aggregate(s: Service): Status {
    const statuses = s.checkIds.map((id) => this.checks.get(id)?.status ?? 'critical');
    return statuses.includes('critical') ? 'critical' : statuses.includes('warning') ? 'warning' : 'passing';
  }

  // ---- HTTP ----

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://registry');
    try {
      if (this.options.token) {
        const given =
          (req.headers['x-consul-token'] as string | undefined) ?? url.searchParams.get('token') ?? '';
        if (given !== this.options.token) throw new HttpError(403, 'ACL not found');
      }
      const body = req.method === 'PUT' || req.method === 'POST' ? await readJson(req) : {};
      const result = await this.route(req.method ?? 'GET', url, body);
      res.writeHead(200, {
        'content-type': 'application/json',
        'x-consul-index': String(this.index),
        'x-consul-knownleader': 'true',
        'x-consul-lastcontact': '0',
      });
      res.end(JSON.stringify(result ?? true));
    } catch (err) {
      const status = err instanceof HttpError ? err.status : 500;
      if (status === 500) this.options.logger.error({ err, path: url.pathname }, 'registry request failed');
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(err instanceof Error ? err.message : 'internal error');
    }
  }

  private async route(method: string, url: URL, body: Record<string, unknown>): Promise<unknown> {
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const path = parts.join('/');
    const q = url.searchParams;
    const tags = q.getAll('tag');
    const put = method === 'PUT' || method === 'POST';

    if (method === 'GET' && path === 'v1/status/leader') return '127.0.0.1:8300';
    if (method === 'GET' && path === 'v1/status/peers') return ['127.0.0.1:8300'];
    if (method === 'GET' && path === 'v1/agent/self') {
      return {
        Config: { Datacenter: DATACENTER, NodeName: this.node, Server: true, Version: '1.17.0-isa-embedded' },
        Member: { Name: this.node, Addr: '127.0.0.1', Status: 1 },
      };
    }
    if (put && path === 'v1/agent/service/register') return this.registerService(body);
    if (
      put &&
      parts[0] === 'v1' &&
      parts[1] === 'agent' &&
      parts[2] === 'service' &&
      parts[3] === 'deregister' &&
      parts[4]
    ) {
      if (!this.removeService(parts[4])) throw new HttpError(404, `Unknown service ID "${parts[4]}"`);
      return null;
    }
    if (method === 'GET' && path === 'v1/agent/services') {
      return Object.fromEntries([...this.services.values()].map((s) => [s.id, this.serviceView(s)]));
    }
    if (method === 'GET' && parts[1] === 'agent' && parts[2] === 'service' && parts[3]) {
      const s = this.services.get(parts[3]);
      if (!s) throw new HttpError(404, `unknown service ID: ${parts[3]}`);
      return this.serviceView(s);
    }
    if (method === 'GET' && path === 'v1/agent/checks') {
      return Object.fromEntries([...this.checks.values()].map((c) => [c.checkId, this.checkView(c)]));
    }
    if (put && path === 'v1/agent/check/register') {
      const serviceId = str(body, 'ServiceID');
      const service = serviceId ? this.services.get(serviceId) : undefined;
      if (!service) throw new HttpError(400, 'checks must belong to a registered service (ServiceID) here');
      this.addCheck(
        body,
        str(body, 'CheckID') || str(body, 'Name') || `service:${service.id}:${service.checkIds.length + 1}`,
        service,
      );
      this.bump();
      return null;
    }
    if (put && parts[1] === 'agent' && parts[2] === 'check' && parts[4]) {
      const check = this.checks.get(parts[4]);
      const action = parts[3];
      if (action === 'deregister') {
        if (!check) throw new HttpError(404, `Unknown check ID "${parts[4]}"`);
        clearTimeout(check.timer);
        this.checks.delete(check.checkId);
        const service = this.services.get(check.serviceId);
        if (service) service.checkIds = service.checkIds.filter((id) => id !== check.checkId);
        this.bump();
        return null;
      }
      if (!check) throw new HttpError(404, `Unknown check ID "${parts[4]}"`);
      const note = q.get('note') ?? '';
      if (action === 'pass' || action === 'warn' || action === 'fail') {
        this.setStatus(
          check,
          action === 'pass' ? 'passing' : action === 'warn' ? 'warning' : 'critical',
          note,
        );
      } else if (action === 'update') {
        const status = str(body, 'Status');
        if (status !== 'passing' && status !== 'warning' && status !== 'critical')
          throw new HttpError(400, 'Status must be passing, warning or critical');
        this.setStatus(check, status, str(body, 'Output') ?? '');
      } else {
        throw new HttpError(404, `unsupported check action "${action}"`);
      }
      if (check.type === 'ttl') this.armTtl(check);
      return null;
    }
    if (method === 'GET' && parts[1] === 'health' && parts[2] === 'service' && parts[3]) {
      await this.blockUntilChange(q);
      const passingOnly = q.has('passing') && q.get('passing') !== 'false' && q.get('passing') !== '0';
      return this.servicesNamed(parts[3], tags)
        .filter((s) => !passingOnly || this.aggregate(s) === 'passing')
        .map((s) => ({
          Node: this.nodeView(),
          Service: this.serviceView(s),
          Checks: [
            this.serfCheck(),
            ...s.checkIds
              .map((id) => this.checks.get(id))
              .filter((c): c is Check => !!c)
              .map((c) => this.checkView(c)),
          ],
        }));
    }
    if (method === 'GET' && parts[1] === 'health' && parts[2] === 'checks' && parts[3]) {
      await this.blockUntilChange(q);
      return [...this.checks.values()]
        .filter((c) => c.serviceName === parts[3])
        .map((c) => this.checkView(c));
    }
    if (method === 'GET' && path === 'v1/catalog/services') {
      await this.blockUntilChange(q);
      const out: Record<string, string[]> = {};
      for (const s of this.services.values()) out[s.name] = [...new Set([...(out[s.name] ?? []), ...s.tags])];
      return out;
    }
    if (method === 'GET' && parts[1] === 'catalog' && parts[2] === 'service' && parts[3]) {
      await this.blockUntilChange(q);
      const node = this.nodeView();
      return this.servicesNamed(parts[3], tags).map((s) => ({
        ID: node.ID,
        Node: node.Node,
        Address: node.Address,
        Datacenter: DATACENTER,
        TaggedAddresses: node.TaggedAddresses,
        NodeMeta: node.Meta,
        ServiceID: s.id,
        ServiceName: s.name,
        ServiceTags: s.tags,
        ServiceAddress: s.address,
        ServicePort: s.port,
        ServiceMeta: s.meta,
        ServiceWeights: { Passing: 1, Warning: 1 },
        ServiceEnableTagOverride: false,
        CreateIndex: s.createIndex,
        ModifyIndex: s.modifyIndex,
      }));
    }
    if (method === 'GET' && path === 'v1/catalog/nodes') return [{ ...this.nodeView() }];
    throw new HttpError(404, `${method} ${url.pathname} is not supported by the isa-cloud embedded registry`);
  }
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 1024 * 1024) throw new HttpError(413, 'Request body too large');
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  try {
    return record(JSON.parse(Buffer.concat(chunks).toString('utf8')));
  } catch {
    throw new HttpError(400, 'Request decode failed: invalid JSON');
  }
}
