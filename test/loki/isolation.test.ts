import { create } from '@bufbuild/protobuf';
import * as grpc from '@grpc/grpc-js';
import { type AnyMessage, loki, methodDefinition } from '@isa-cloud/api';
import { GrpcStatus, type LokiClient, type MinIOClient } from '@isa-cloud/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type TestStack } from '../support/stack.js';
import { type LokiDouble, startLokiDouble } from './loki-double.js';

const HOUR = 3_600_000;

/**
 * Mallory tries to reach Alice's logs through every RPC and through crafted labels, selectors and
 * metadata. Every attempt must stay inside Mallory's own log scope (or be refused), on both backends.
 */
function isolationSuite(
  label: string,
  start: () => Promise<{ stack: TestStack; double?: LokiDouble }>,
): void {
  describe(`log isolation: ${label}`, () => {
    let stack: TestStack;
    let double: LokiDouble | undefined;
    let alice: LokiClient;
    let mallory: LokiClient;
    let aliceOtherOrg: LokiClient;
    const aliceStream = '{app="secrets", organization_id="default-org", user_id="alice"}';

    beforeAll(async () => {
      ({ stack, double } = await start());
      alice = stack.client('loki', { userId: 'alice', throwOnError: true });
      mallory = stack.client('loki', { userId: 'mallory', throwOnError: true });
      aliceOtherOrg = stack.client('loki', {
        userId: 'alice',
        organizationId: 'other-org',
        throwOnError: true,
      });
      await alice.pushLog('the launch code is 0000', {
        labels: { app: 'secrets', user_id: 'alice', organization_id: 'default-org' },
      });
      await alice.pushSimpleLog('alice only', 'vault', { level: 'ERROR' });
    });
    afterAll(async () => {
      await stack?.stop();
      await double?.stop();
    });

    it('shows Alice her own logs', async () => {
      expect((await alice.queryLogs('{app="secrets"}'))!.map((e) => e.line)).toEqual([
        'the launch code is 0000',
      ]);
    });

    it('finds nothing of Alice’s with any selector, however it is crafted', async () => {
      for (const query of [
        '{app="secrets"}',
        '{user_id="alice"}',
        '{organization_id="default-org"}',
        '{app=~".+"}',
        '{user_id=~".+"} |= "launch"',
        '{service="vault"}',
        '{app="secrets\\"} or {app=~\\".*"}',
        "{app=\"x' OR '1'='1\"}",
      ]) {
        expect(await mallory.queryLogs(query), query).toEqual([]);
      }
      expect((await mallory.query('sum(count_over_time({app=~".+"}[1h]))'))!.vector).toEqual([]);
      expect(
        (await mallory.queryRange('{user_id="alice"}', new Date(Date.now() - HOUR), new Date()))!.streams,
      ).toEqual([]);
      expect(await mallory.getLabels()).toEqual([]);
      expect(await mallory.getLabelValues('app')).toEqual([]);
      expect(await mallory.listStreams()).toMatchObject({ streams: [], totalCount: 0 });
      expect(await mallory.queryStats('{app="secrets"}')).toMatchObject({ streams: 0, entries: 0 });
      expect(await mallory.getStatistics()).toMatchObject({ totalEntries: 0, streamsCount: 0 });
      await expect(mallory.getStreamInfo(aliceStream)).rejects.toMatchObject({ code: GrpcStatus.NOT_FOUND });
    });

    it('keeps the same user id in another organisation apart', async () => {
      expect(await aliceOtherOrg.queryLogs('{app="secrets"}')).toEqual([]);
      expect(await aliceOtherOrg.getLabels()).toEqual([]);
    });

    it('keeps labels that name a tenant inside the pusher’s own scope', async () => {
      // The reference let labels override user_id; here they are ordinary labels of Mallory's streams.
      await mallory.pushLog('planted by mallory', {
        labels: { app: 'secrets', user_id: 'alice', organization_id: 'default-org' },
      });
      await mallory.pushSimpleLog('planted too', 'vault', {
        extraLabels: { user_id: 'alice', tenant: 'alice' },
      });
      expect((await alice.queryLogs('{user_id="alice"}'))!.map((e) => e.line)).toEqual([
        'the launch code is 0000',
      ]);
      expect((await alice.queryLogs('{service="vault"}'))!.map((e) => e.line)).toEqual(['alice only']);
      expect((await mallory.queryLogs('{user_id="alice"}'))!.map((e) => e.line)).toEqual([
        'planted too',
        'planted by mallory',
      ]);
    });

    it('cannot delete Alice’s logs', async () => {
      await mallory.deleteStream(aliceStream);
      await mallory.deleteLogs('{app="secrets"}');
      await mallory.deleteLogs('{user_id=~".+"} |= "launch"');
      expect((await alice.queryLogs('{app="secrets"}'))!.map((e) => e.line)).toEqual([
        'the launch code is 0000',
      ]);
    });

    it('tails only its own streams', async () => {
      const controller = new AbortController();
      const seen: string[] = [];
      const tail = (async () => {
        for await (const e of mallory.tailLogs('{app=~".+"}', { limit: 100, signal: controller.signal }))
          seen.push(e.line);
      })();
      await new Promise((r) => setTimeout(r, 300));
      await alice.pushLog('alice while mallory tails', { labels: { app: 'secrets' } });
      await mallory.pushLog('mallory marker', { labels: { app: 'marker' } });
      const deadline = Date.now() + 5000;
      while (!seen.includes('mallory marker') && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      controller.abort();
      await tail;
      expect(seen).toContain('mallory marker');
      expect(seen.some((line) => line.startsWith('alice'))).toBe(false);
      expect(seen.some((line) => line.includes('launch code'))).toBe(false);
    });

    it('exports only its own logs, only into its own buckets, and cannot read Alice’s exports', async () => {
      const aliceStorage: MinIOClient = stack.client('minio', { userId: 'alice', throwOnError: true });
      const malloryStorage: MinIOClient = stack.client('minio', { userId: 'mallory', throwOnError: true });
      await aliceStorage.createBucket('alice-exports');
      const aliceExport = await alice.exportLogs(
        '{app="secrets"}',
        new Date(Date.now() - HOUR),
        new Date(),
        'alice-exports',
        'a.ndjson',
      );
      expect(aliceExport).toMatchObject({ exportedEntries: 2 });
      // "alice-exports" for Mallory is a bucket name in Mallory's namespace: it does not exist.
      await expect(
        mallory.exportLogs(
          '{app=~".+"}',
          new Date(Date.now() - HOUR),
          new Date(),
          'alice-exports',
          'stolen.ndjson',
        ),
      ).rejects.toMatchObject({ code: GrpcStatus.NOT_FOUND });
      await malloryStorage.createBucket('mallory-exports');
      await mallory.pushLog('planted by mallory', { labels: { app: 'secrets' } });
      const own = await mallory.exportLogs(
        '{app="secrets"}',
        new Date(Date.now() - HOUR),
        new Date(),
        'mallory-exports',
        'm.ndjson',
      );
      expect(own).toMatchObject({ exportedEntries: 1 });
      expect((await malloryStorage.getObject('mallory-exports', 'm.ndjson'))!.toString()).toContain(
        'planted by mallory',
      );
      expect((await malloryStorage.getObject('mallory-exports', 'm.ndjson'))!.toString()).not.toContain(
        'launch code',
      );
      await expect(mallory.getExportStatus(aliceExport!.exportId)).rejects.toMatchObject({
        code: GrpcStatus.NOT_FOUND,
      });
      expect(await alice.getExportStatus(aliceExport!.exportId)).toMatchObject({ state: 'completed' });
    });

    it('refuses tenant ids that could name another scope', async () => {
      for (const userId of ['alice|mallory', 'default-org.alice', '../alice', 'alice*']) {
        const sneaky = stack.client('loki', { userId, throwOnError: true });
        await expect(sneaky.queryLogs('{app="secrets"}'), userId).rejects.toMatchObject({
          code: GrpcStatus.INVALID_ARGUMENT,
        });
      }
      const anonymous = stack.client('loki', { throwOnError: true });
      await expect(anonymous.queryLogs('{app="secrets"}')).rejects.toMatchObject({
        code: GrpcStatus.UNAUTHENTICATED,
      });
    });
  });
}

isolationSuite('embedded store', async () => ({ stack: await startStack(['minio', 'loki']) }));

isolationSuite('Loki adapter (X-Scope-OrgID)', async () => {
  const double = await startLokiDouble();
  const stack = await startStack(['minio', 'loki'], { LOKI_URL: double.url, LOKI_TAIL_POLL_MS: '200' });
  return { stack, double };
});

describe('Loki adapter: the scope header', () => {
  let double: LokiDouble;
  let stack: TestStack;

  beforeAll(async () => {
    double = await startLokiDouble();
    stack = await startStack(['loki'], { LOKI_URL: double.url, LOKI_TAIL_POLL_MS: '200' });
  });
  afterAll(async () => {
    await stack?.stop();
    await double?.stop();
  });

  /** A raw gRPC call carrying whatever metadata a hostile client likes. */
  function rawQuery(metadata: Record<string, string>): Promise<loki.QueryLogsResponse> {
    const client = new grpc.Client(`127.0.0.1:${stack.port('loki')}`, grpc.credentials.createInsecure());
    const def = methodDefinition(loki.LokiService.method.queryLogs);
    const md = new grpc.Metadata();
    for (const [k, v] of Object.entries(metadata)) md.set(k, v);
    const request = create(loki.QueryLogsRequestSchema, { query: '{app=~".+"}' }) as AnyMessage;
    return new Promise((resolve, reject) => {
      client.makeUnaryRequest(
        def.path,
        def.requestSerialize,
        def.responseDeserialize,
        request,
        md,
        (err, value) => {
          client.close();
          if (err) reject(err);
          else resolve(value as unknown as loki.QueryLogsResponse);
        },
      );
    });
  }

  it('is always the caller’s own scope, whatever the call carries', async () => {
    const alice = stack.client('loki', { userId: 'alice', throwOnError: true });
    const mallory = stack.client('loki', { userId: 'mallory', organizationId: 'evil', throwOnError: true });
    await alice.pushLog('alice secret', { labels: { app: 'a' } });
    const from = double.requests.length;
    await mallory.pushLog('mallory line', { labels: { app: 'm', x_scope_orgid: 'default-org.alice' } });
    await mallory.queryLogs('{app=~".+"}');
    await mallory.query('sum(count_over_time({app=~".+"}[1h]))');
    await mallory.getLabels();
    await mallory.listStreams();
    await mallory.getStatistics();
    await mallory.deleteLogs('{app="a"}');
    const crafted = await rawQuery({
      'x-user-id': 'mallory',
      'x-organization-id': 'evil',
      'x-scope-orgid': 'default-org.alice',
      'X-Scope-OrgID-Override': 'default-org.alice|evil.mallory',
    });
    expect(crafted.entries.map((e) => e.line)).toEqual(['mallory line']);
    const made = double.requests.slice(from).filter((r) => r.path !== '/ready');
    expect(made.length).toBeGreaterThan(8);
    expect(new Set(made.map((r) => r.orgId))).toEqual(new Set(['evil.mallory']));
    expect((await alice.queryLogs('{app="a"}'))!.map((e) => e.line)).toEqual(['alice secret']);
    // What the double's multi-tenancy does with a request without the header, for reference.
    const bare = await fetch(`${double.url}/loki/api/v1/labels`);
    expect(bare.status).toBe(401);
  });
});
