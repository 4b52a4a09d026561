import type { LuaScript } from './backend.js';

/**
 * The service's own Lua scripts: each runs atomically on Redis, which is what makes lock ownership and
 * session updates safe under concurrency. Clients can never send scripts.
 */

/** KEYS: lock, fencing counter. ARGV: owner token, TTL ms. Returns the fencing token, or 0 when held. */
export const ACQUIRE_LOCK: LuaScript = {
  name: 'acquire_lock',
  keys: 2,
  source: `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return redis.call('INCR', KEYS[2])
end
return 0`,
};

/** KEYS: lock. ARGV: owner token. Returns 1 when the caller owned and released it, else 0. */
export const RELEASE_LOCK: LuaScript = {
  name: 'release_lock',
  keys: 1,
  source: `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`,
};

/** KEYS: lock. ARGV: owner token, TTL ms. Returns 1 when the caller owns it and it was extended. */
export const RENEW_LOCK: LuaScript = {
  name: 'renew_lock',
  keys: 1,
  source: `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0`,
};

/**
 * Session hashes hold metadata under "m:" (created, accessed, ttl; epoch/duration ms) and the caller's
 * data under "d:" + name, so no data name can overwrite metadata.
 */
export const SESSION_META = { created: 'm:created', accessed: 'm:accessed', ttl: 'm:ttl' } as const;
export const SESSION_DATA = 'd:';

/** KEYS: session. ARGV: TTL ms, then field/value pairs. Returns 1, or 0 if the id is taken. */
export const CREATE_SESSION: LuaScript = {
  name: 'create_session',
  keys: 1,
  source: `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV, 2))
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1`,
};

/** KEYS: session. ARGV: now ms. Returns nil when missing, else { HGETALL, PTTL } (recording the access). */
export const GET_SESSION: LuaScript = {
  name: 'get_session',
  keys: 1,
  source: `
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
redis.call('HSET', KEYS[1], 'm:accessed', ARGV[1])
return { redis.call('HGETALL', KEYS[1]), redis.call('PTTL', KEYS[1]) }`,
};

/**
 * KEYS: session. ARGV: now ms, extend ("1"/"0"), n, n field names to delete, then field/value pairs.
 * Returns -2 when missing, else the session's PTTL after the update. An extension restarts the
 * session's own TTL (stored at creation), not a fixed one.
 */
export const UPDATE_SESSION: LuaScript = {
  name: 'update_session',
  keys: 1,
  source: `
if redis.call('EXISTS', KEYS[1]) == 0 then return -2 end
local n = tonumber(ARGV[3])
if n > 0 then redis.call('HDEL', KEYS[1], unpack(ARGV, 4, 3 + n)) end
if #ARGV > 3 + n then redis.call('HSET', KEYS[1], unpack(ARGV, 4 + n)) end
redis.call('HSET', KEYS[1], 'm:accessed', ARGV[1])
if ARGV[2] == '1' then
  redis.call('PEXPIRE', KEYS[1], redis.call('HGET', KEYS[1], 'm:ttl'))
end
return redis.call('PTTL', KEYS[1])`,
};

/**
 * KEYS: key. Returns { "none" } or { type, length, pttl, memory, encoding, idle }; memory and idle are
 * -1 where Redis cannot say (idle time is not tracked under an LFU eviction policy). The idle time is
 * read first: the length commands count as an access.
 */
export const KEY_INFO: LuaScript = {
  name: 'key_info',
  keys: 1,
  source: `
local k = KEYS[1]
local idle = redis.pcall('OBJECT', 'IDLETIME', k)
local t = redis.call('TYPE', k)['ok']
if t == 'none' then return { 'none' } end
local len = 0
if t == 'string' then len = redis.call('STRLEN', k)
elseif t == 'hash' then len = redis.call('HLEN', k)
elseif t == 'list' then len = redis.call('LLEN', k)
elseif t == 'set' then len = redis.call('SCARD', k)
elseif t == 'zset' then len = redis.call('ZCARD', k)
elseif t == 'stream' then len = redis.call('XLEN', k)
end
local mem = redis.pcall('MEMORY', 'USAGE', k)
if type(idle) ~= 'number' then idle = -1 end
if type(mem) ~= 'number' then mem = -1 end
return { t, len, redis.call('PTTL', k), mem, redis.call('OBJECT', 'ENCODING', k), idle }`,
};
