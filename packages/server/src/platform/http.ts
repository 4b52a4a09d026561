import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';

export type HttpHandler = (req: IncomingMessage, res: ServerResponse, path: string) => Promise<void>;

/**
 * The process's one HTTP listener: Prometheus metrics at /metrics, liveness at /healthz, and routes that
 * services mount under their own prefix (object storage serves presigned URLs under /s3/).
 */
export class HttpGateway {
  private readonly routes: Array<{ prefix: string; handler: HttpHandler }> = [];
  private server: Server | undefined;

  constructor(
    private readonly metrics: Metrics,
    private readonly logger: Logger,
    private readonly readiness: () => boolean,
  ) {}

  mount(prefix: string, handler: HttpHandler): void {
    if (!prefix.startsWith('/') || !prefix.endsWith('/'))
      throw new Error(`route prefix ${prefix} must be /.../`);
    this.routes.push({ prefix, handler });
  }

  async listen(host: string, port: number): Promise<number> {
    const server = createServer((req, res) => {
      void this.handle(req, res);
    });
    this.server = server;
    server.listen(port, host);
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    return (server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    try {
      if (path === '/metrics' && req.method === 'GET') {
        res.writeHead(200, { 'content-type': this.metrics.registry.contentType });
        res.end(await this.metrics.registry.metrics());
        return;
      }
      if (path === '/healthz') {
        const ready = this.readiness();
        res.writeHead(ready ? 200 : 503, { 'content-type': 'text/plain' });
        res.end(ready ? 'ok\n' : 'not serving\n');
        return;
      }
      const route = this.routes.find((r) => path.startsWith(r.prefix));
      if (!route) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not found\n');
        return;
      }
      await route.handler(req, res, path.slice(route.prefix.length));
    } catch (err) {
      this.logger.error({ err, path }, 'http request failed');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('internal error\n');
    }
  }
}
