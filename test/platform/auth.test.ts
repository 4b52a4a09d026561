import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GrpcStatus } from '@isa-cloud/sdk';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type TestStack } from '../support/stack.js';

const SECRET = 'a-test-secret-that-is-long-enough-for-hs256';
const key = new TextEncoder().encode(SECRET);

function token(
  sub: string,
  claims: Record<string, unknown> = {},
  expiresIn = '5m',
  secret = key,
): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(secret);
}

describe('auth mode: the tenant comes from a verified bearer token (HS256)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack(['minio'], { ISA_AUTH_MODE: 'jwt', ISA_JWT_SECRET: SECRET });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('serves the token’s tenant and keeps tenants apart', async () => {
    const alice = stack.client('minio', {
      token: await token('alice', { org_id: 'acme' }),
      throwOnError: true,
    });
    const bob = stack.client('minio', { token: await token('bob'), throwOnError: true });
    await alice.createBucket('private-data');
    expect((await alice.listBuckets())!.map((b) => b.name)).toEqual(['private-data']);
    expect((await alice.listBuckets())![0]).toMatchObject({ ownerId: 'alice', organizationId: 'acme' });
    expect(await bob.listBuckets()).toEqual([]);
    expect(await bob.bucketExists('private-data')).toBe(false);
  });

  it('refuses a request that names another tenant than its token', async () => {
    const spoof = stack.client('minio', {
      token: await token('mallory'),
      userId: 'alice',
      throwOnError: true,
    });
    await expect(spoof.listBuckets()).rejects.toMatchObject({ code: GrpcStatus.PERMISSION_DENIED });
    const orgSpoof = stack.client('minio', {
      token: await token('mallory', { org_id: 'evil' }),
      userId: 'mallory',
      organizationId: 'acme',
      throwOnError: true,
    });
    await expect(orgSpoof.listBuckets()).rejects.toMatchObject({ code: GrpcStatus.PERMISSION_DENIED });
    const same = stack.client('minio', {
      token: await token('mallory'),
      userId: 'mallory',
      throwOnError: true,
    });
    expect(await same.listBuckets()).toEqual([]);
  });

  it('refuses missing, forged, expired and malformed tokens', async () => {
    const cases: Array<[string, () => Promise<string | undefined>]> = [
      ['none, only a claimed user id', async () => undefined],
      [
        'signed with another secret',
        () => token('alice', {}, '5m', new TextEncoder().encode('x'.repeat(40))),
      ],
      ['expired', () => token('alice', {}, '-1m')],
      ['not a JWT', async () => 'not-a-token'],
      [
        'no subject',
        () => new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('5m').sign(key),
      ],
      [
        'alg none',
        async () =>
          `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"alice"}').toString('base64url')}.`,
      ],
    ];
    for (const [label, make] of cases) {
      const t = await make();
      const client = stack.client('minio', {
        userId: 'alice',
        ...(t ? { token: t } : {}),
        throwOnError: true,
      });
      await expect(client.listBuckets(), label).rejects.toMatchObject({ code: GrpcStatus.UNAUTHENTICATED });
    }
  });

  it('still answers health checks without a token', async () => {
    expect(await stack.client('minio').healthCheck()).toMatchObject({ healthy: true });
  });
});

describe('auth mode with a JWKS URL (RS256)', () => {
  let stack: TestStack;
  let jwks: Server;
  let privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    jwks = createServer((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`;
    stack = await startStack(['minio'], {
      ISA_AUTH_MODE: 'jwt',
      ISA_JWT_JWKS_URL: url,
      ISA_JWT_ISSUER: 'https://issuer.test',
    });
  });

  afterAll(async () => {
    await stack?.stop();
    await new Promise((r) => jwks?.close(r));
  });

  it('accepts tokens signed by a key from the JWKS and checks the issuer', async () => {
    const sign = (issuer: string) =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setSubject('carol')
        .setIssuer(issuer)
        .setExpirationTime('5m')
        .sign(privateKey);
    const good = stack.client('minio', { token: await sign('https://issuer.test'), throwOnError: true });
    expect(await good.createBucket('jwks-bucket')).toMatchObject({ name: 'jwks-bucket', ownerId: 'carol' });
    const wrongIssuer = stack.client('minio', { token: await sign('https://evil.test'), throwOnError: true });
    await expect(wrongIssuer.listBuckets()).rejects.toMatchObject({ code: GrpcStatus.UNAUTHENTICATED });
  });
});
