import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkServing, GrpcStatus, MinIOClient } from '@isa-cloud/sdk';
import { describe, expect, it } from 'vitest';
import { scratchDir, startStack, uniqueUser } from '../support/stack.js';

async function* slowly(parts: number, delayMs: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < parts; i++) {
    yield Buffer.from(`part ${i};`);
    await new Promise((r) => setTimeout(r, delayMs));
  }
}

describe('graceful shutdown', () => {
  it('stops taking calls, lets running ones finish within the grace period, then closes', async () => {
    const stack = await startStack(['minio'], { ISA_SHUTDOWN_GRACE_MS: '5000' });
    const port = stack.port('minio');
    const client = stack.client('minio', { userId: uniqueUser(), throwOnError: true, enableRetry: false });
    await client.createBucket('drain');
    const upload = client.uploadObject('drain', 'slow.txt', slowly(8, 100));
    await new Promise((r) => setTimeout(r, 150));
    const stopping = stack.host.stop();
    await new Promise((r) => setTimeout(r, 50));
    expect(await checkServing('127.0.0.1', port, '')).not.toBe('SERVING');
    expect(await upload).toMatchObject({ key: 'slow.txt', size: 'part 0;'.length * 8 });
    await stopping;
    const late = new MinIOClient({
      host: '127.0.0.1',
      port,
      userId: 'x',
      throwOnError: true,
      enableRetry: false,
      timeoutMs: 1000,
    });
    await expect(late.listBuckets()).rejects.toMatchObject({ code: GrpcStatus.UNAVAILABLE });
    await late.close();
    await stack.stop();
  });

  it('cancels calls still running when the grace period is over', async () => {
    const stack = await startStack(['minio'], { ISA_SHUTDOWN_GRACE_MS: '300' });
    const client = stack.client('minio', { userId: uniqueUser(), throwOnError: true, enableRetry: false });
    await client.createBucket('endless');
    const upload = client.uploadObject('endless', 'never.txt', slowly(1000, 50));
    upload.catch(() => undefined);
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    await stack.host.stop();
    expect(Date.now() - started).toBeLessThan(3000);
    await expect(upload).rejects.toBeDefined();
    await stack.stop();
  });
});

/** A throwaway CA with a server certificate (localhost) and a client certificate, made with openssl. */
function makeCertificates(
  dir: string,
): Record<'ca' | 'serverCert' | 'serverKey' | 'clientCert' | 'clientKey', string> {
  const run = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  run([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '1',
    '-subj',
    '/CN=isa-test-ca',
  ]);
  const leaves = [
    ['server', 'localhost', 'subjectAltName=DNS:localhost,IP:127.0.0.1'],
    ['client', 'isa-client', 'extendedKeyUsage=clientAuth'],
  ] as const;
  for (const [name, cn, extension] of leaves) {
    writeFileSync(join(dir, `${name}.ext`), `${extension}\n`);
    run([
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.csr`,
      '-subj',
      `/CN=${cn}`,
    ]);
    run([
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      `${name}.pem`,
      '-days',
      '1',
      '-extfile',
      `${name}.ext`,
    ]);
  }
  return {
    ca: join(dir, 'ca.pem'),
    serverCert: join(dir, 'server.pem'),
    serverKey: join(dir, 'server.key'),
    clientCert: join(dir, 'client.pem'),
    clientKey: join(dir, 'client.key'),
  };
}

describe('TLS and mTLS are configuration', () => {
  it('serves TLS, and with a CA requires client certificates', async () => {
    const certs = makeCertificates(await scratchDir('tls'));
    const ca = readFileSync(certs.ca);

    const tls = await startStack(['minio'], { ISA_TLS_CERT: certs.serverCert, ISA_TLS_KEY: certs.serverKey });
    try {
      const secure = new MinIOClient({
        host: 'localhost',
        port: tls.port('minio'),
        tls: { ca },
        logger: null,
      });
      expect(await secure.healthCheck()).toMatchObject({ healthy: true });
      await secure.close();
      const plain = new MinIOClient({
        host: 'localhost',
        port: tls.port('minio'),
        logger: null,
        enableRetry: false,
        timeoutMs: 2000,
      });
      expect(await plain.healthCheck()).toBeNull();
      await plain.close();
    } finally {
      await tls.stop();
    }

    const mtls = await startStack(['minio'], {
      ISA_TLS_CERT: certs.serverCert,
      ISA_TLS_KEY: certs.serverKey,
      ISA_TLS_CA: certs.ca,
    });
    try {
      const withCert = new MinIOClient({
        host: 'localhost',
        port: mtls.port('minio'),
        tls: { ca, cert: readFileSync(certs.clientCert), key: readFileSync(certs.clientKey) },
        logger: null,
      });
      expect(await withCert.healthCheck()).toMatchObject({ healthy: true });
      await withCert.close();
      const noCert = new MinIOClient({
        host: 'localhost',
        port: mtls.port('minio'),
        tls: { ca },
        logger: null,
        enableRetry: false,
        timeoutMs: 2000,
      });
      expect(await noCert.healthCheck()).toBeNull();
      await noCert.close();
    } finally {
      await mtls.stop();
    }
  });
});
