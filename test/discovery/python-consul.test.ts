import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedRegistry } from '../../packages/server/src/platform/consul/embedded-registry.js';
import { eventually, startRegistry } from '../support/registry.js';
import { scratchDir, startStack, type TestStack } from '../support/stack.js';

/** The usage guide's Python helper, verbatim (Debian's python3-consul2 provides `import consul`). */
const GUIDE_GET_SERVICE_ADDRESS = `
import consul

def get_service_address(service_name: str, consul_host: str = 'localhost', consul_port: int = 8500):
    """
    Find service address using Consul

    Args:
        service_name: Service name (e.g., 'minio-grpc-service')
        consul_host: Consul address
        consul_port: Consul port

    Returns:
        Tuple of (host, port) or None if not found
    """
    c = consul.Consul(host=consul_host, port=consul_port)

    # Get service instances
    index, services = c.health.service(service_name, passing=True)

    if services:
        service = services[0]
        address = service['Service']['Address']
        port = service['Service']['Port']
        return address, port

    return None, None
`;

describe("the guide's Python get_service_address, run as-is with python3-consul2", () => {
  let registry: EmbeddedRegistry;
  let stack: TestStack;

  beforeAll(async () => {
    registry = await startRegistry();
    stack = await startStack(['minio'], {
      CONSUL_HTTP_ADDR: registry.address,
      ISA_CONSUL_CHECK_INTERVAL: '200ms',
    });
  });
  afterAll(async () => {
    await stack?.stop();
    await registry?.close();
  });

  it('finds the running object storage service', async () => {
    const dir = await scratchDir('python');
    const script = join(dir, 'find.py');
    writeFileSync(
      script,
      `${GUIDE_GET_SERVICE_ADDRESS}\nimport sys\nprint(get_service_address(sys.argv[1], '127.0.0.1', int(sys.argv[2])))\n`,
    );
    // Asynchronous on purpose: the registry answers from this very process.
    const run = async (service: string) =>
      (
        await promisify(execFile)('/usr/bin/python3', [script, service, String(registry.port)], {
          encoding: 'utf8',
        })
      ).stdout.trim();
    const found = await eventually(
      () => run('minio-grpc-service'),
      (out) => out !== '(None, None)',
    );
    expect(found).toBe(`('127.0.0.1', ${stack.port('minio')})`);
    expect(await run('no-such-grpc-service')).toBe('(None, None)');
  });
});
