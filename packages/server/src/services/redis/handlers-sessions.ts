import { randomBytes } from 'node:crypto';
import type { MessageInitShape } from '@bufbuild/protobuf';
import { durationFromMs, timestampFromMs } from '@bufbuild/protobuf/wkt';
import type { redis } from '@isa-cloud/api';
import { ServiceError } from '../../platform/errors.js';
import type { ServiceImpl } from '../../platform/rpc.js';
import type { Tenant } from '../../platform/tenancy.js';
import type { RedisDeps } from './context.js';
import { escapeGlob, ownName, prefix, sessionKey } from './names.js';
import { CREATE_SESSION, GET_SESSION, SESSION_DATA, SESSION_META, UPDATE_SESSION } from './scripts.js';
import { duration, integer, list, text } from './values.js';

type Impl = ServiceImpl<typeof redis.RedisService>;
type SessionInit = MessageInitShape<typeof redis.SessionInfoSchema>;

const SESSION_TTL = {
  fallbackMs: 24 * 3600_000,
  minMs: 1000,
  maxMs: 30 * 24 * 3600_000,
  range: 'between 1 s and 30 days',
};
const MAX_DATA_ENTRIES = 1000;
const SESSION_ID = /^[A-Za-z0-9_-]{22}$/;
const MAX_DATA_NAME = 256;
const MAX_DATA_BYTES = 1024 * 1024;

/** Session data: at most 1000 entries, names of 1-256 characters without control characters, 1 MiB in all. */
function dataPairs(data: Record<string, string>, field: string): string[] {
  const entries = Object.entries(data);
  if (entries.length > MAX_DATA_ENTRIES) {
    throw ServiceError.invalidArgument(field, `at most ${MAX_DATA_ENTRIES} entries (got ${entries.length})`);
  }
  let total = 0;
  const pairs: string[] = [];
  for (const [name, value] of entries) {
    validateDataName(name, field);
    total += Buffer.byteLength(name) + Buffer.byteLength(value);
    pairs.push(SESSION_DATA + name, value);
  }
  if (total > MAX_DATA_BYTES) throw ServiceError.invalidArgument(field, 'must be at most 1 MiB in all');
  return pairs;
}

function validateDataName(name: string, field: string): void {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (name.length === 0 || name.length > MAX_DATA_NAME || /[\u0000-\u001f\u007f]/.test(name)) {
    throw ServiceError.invalidArgument(
      field,
      `names must be 1-${MAX_DATA_NAME} characters without control characters`,
    );
  }
}

/** A session's hash (HGETALL reply) and PTTL as the API's SessionInfo. */
function sessionInfo(tenant: Tenant, id: string, hash: unknown, pttl: bigint): SessionInit | undefined {
  const flat = list(hash);
  if (flat.length === 0) return undefined;
  const data: Record<string, string> = {};
  const meta: Record<string, number> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const name = text(flat[i]);
    const value = text(flat[i + 1]);
    if (name.startsWith(SESSION_DATA)) data[name.slice(SESSION_DATA.length)] = value;
    else meta[name] = Number(value);
  }
  const now = Date.now();
  const at = (ms: number | undefined) => (ms && Number.isFinite(ms) ? timestampFromMs(ms) : undefined);
  return {
    sessionId: id,
    userId: tenant.userId,
    organizationId: tenant.organizationId,
    data,
    createdAt: at(meta[SESSION_META.created]),
    lastAccessed: at(meta[SESSION_META.accessed]),
    expiresAt: pttl >= 0n ? timestampFromMs(now + Number(pttl)) : undefined,
    ttl: meta[SESSION_META.ttl] ? durationFromMs(meta[SESSION_META.ttl]!) : undefined,
  };
}

/**
 * Sessions: one hash per session under the tenant's prefix, keyed by a random 128-bit id — the same key
 * for create, get, update, delete and list (the tenant comes from the call, never from the request).
 */
export function createSessionHandlers(
  deps: RedisDeps,
): Pick<Impl, 'createSession' | 'getSession' | 'updateSession' | 'deleteSession' | 'listSessions'> {
  return {
    async createSession(req, ctx) {
      const ttl = duration(req.ttl, 'ttl', SESSION_TTL);
      const pairs = dataPairs(req.data, 'data');
      const now = Date.now();
      const meta = [SESSION_META.created, now, SESSION_META.accessed, now, SESSION_META.ttl, ttl];
      for (;;) {
        const id = randomBytes(16).toString('base64url');
        const created = integer(
          await deps.backend().script(CREATE_SESSION, [sessionKey(ctx.tenant, id)], [ttl, ...meta, ...pairs]),
        );
        // 128 random bits do not collide in practice; the script refuses to overwrite if they ever do.
        if (created === 1n) return { sessionId: id, expiresAt: timestampFromMs(now + ttl) };
      }
    },

    async getSession(req, ctx) {
      const key = sessionKey(ctx.tenant, req.sessionId);
      const reply = await deps.backend().script(GET_SESSION, [key], [Date.now()]);
      if (reply === null) throw ServiceError.notFound(`session "${req.sessionId}"`);
      const [hash, pttl] = list(reply);
      const session = sessionInfo(ctx.tenant, req.sessionId, hash, integer(pttl));
      if (!session) throw ServiceError.notFound(`session "${req.sessionId}"`);
      return { session };
    },

    async updateSession(req, ctx) {
      const key = sessionKey(ctx.tenant, req.sessionId);
      const pairs = dataPairs(req.data, 'data');
      if (req.removeKeys.length > MAX_DATA_ENTRIES) {
        throw ServiceError.invalidArgument('remove_keys', `at most ${MAX_DATA_ENTRIES} names`);
      }
      const removals = req.removeKeys.map((name) => {
        validateDataName(name, 'remove_keys');
        return SESSION_DATA + name;
      });
      const pttl = integer(
        await deps
          .backend()
          .script(
            UPDATE_SESSION,
            [key],
            [Date.now(), req.extendTtl ? '1' : '0', removals.length, ...removals, ...pairs],
          ),
      );
      if (pttl === -2n) throw ServiceError.notFound(`session "${req.sessionId}"`);
      return { expiresAt: pttl >= 0n ? timestampFromMs(Date.now() + Number(pttl)) : undefined };
    },

    async deleteSession(req, ctx) {
      const key = sessionKey(ctx.tenant, req.sessionId);
      const deleted = integer(await deps.backend().call({ name: 'UNLINK', args: [key] }));
      return { deleted: deleted === 1n };
    },

    async listSessions(req, ctx) {
      const tenant = ctx.tenant;
      const cursor = req.cursor === '' ? '0' : req.cursor;
      if (!/^\d{1,20}$/.test(cursor)) {
        throw ServiceError.invalidArgument('cursor', 'must be a cursor returned by a previous page');
      }
      if (req.count < 0 || req.count > 1000)
        throw ServiceError.invalidArgument('count', 'must be between 1 and 1000');
      const backend = deps.backend();
      const reply = list(
        await backend.call({
          name: 'SCAN',
          args: [cursor, 'MATCH', `${escapeGlob(prefix(tenant, 's'))}*`, 'COUNT', req.count || 100],
        }),
      );
      const ids = list(reply[1])
        .map((k) => ownName(tenant, 's', text(k)))
        .filter((id): id is string => id !== undefined && SESSION_ID.test(id));
      if (ids.length === 0) return { sessions: [], nextCursor: text(reply[0]) };
      const results = await backend.batch(
        ids.flatMap((id) => {
          const key = sessionKey(tenant, id);
          return [
            { name: 'HGETALL', args: [key] },
            { name: 'PTTL', args: [key] },
          ];
        }),
        true,
      );
      const sessions: SessionInit[] = [];
      ids.forEach((id, i) => {
        const hash = results[2 * i]!;
        const pttl = results[2 * i + 1]!;
        if (!hash.ok || !pttl.ok) return;
        // A session that expired between SCAN and HGETALL has an empty hash: it is gone, skip it.
        const session = sessionInfo(tenant, id, hash.reply, integer(pttl.reply));
        if (session) sessions.push(session);
      });
      return { sessions, nextCursor: text(reply[0]) };
    },
  };
}
