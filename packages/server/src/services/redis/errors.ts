import { isConnectionError, ServiceError } from '../../platform/errors.js';

/**
 * Turns whatever ioredis rejects with into what the client may see. Redis's error replies become
 * precise statuses; connection trouble becomes UNAVAILABLE; anything else becomes a plain Error that
 * carries only the command's name and Redis's error code.
 *
 * ioredis attaches the failed command — with its arguments, that is keys and VALUES — to its errors,
 * and loggers print every property of an error. No error that leaves this module carries the original
 * as its cause or any argument, so a value can never reach a log or a client.
 */
export function mapRedisError(err: unknown, command = ''): Error {
  if (err instanceof ServiceError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const name = err instanceof Error ? err.name : '';
  const code = /^[A-Z][A-Z_]+(?=\s|$)/.exec(message)?.[0] ?? '';
  const about = command ? `${command}: ` : '';

  if (code === 'WRONGTYPE') {
    return ServiceError.failedPrecondition(`${about}the key holds a different kind of value`);
  }
  if (/not an integer or out of range|hash value is not an integer/.test(message)) {
    return ServiceError.failedPrecondition(`${about}the stored value is not an integer`);
  }
  if (/is not a valid float|hash value is not a float/.test(message)) {
    return ServiceError.failedPrecondition(`${about}the stored value is not a number`);
  }
  if (/would overflow/.test(message)) {
    return ServiceError.outOfRange('delta', 'the result would overflow a 64-bit integer');
  }
  if (/NaN or Infinity|resulting score is not a number/.test(message)) {
    return ServiceError.outOfRange('delta', 'the result would not be a finite number');
  }
  if (/no such key/.test(message)) return ServiceError.notFound('key');
  if (code === 'OOM') {
    return ServiceError.resourceExhausted(
      'Redis is out of memory (maxmemory reached); the write was refused',
    );
  }
  if (['LOADING', 'BUSY', 'MASTERDOWN', 'READONLY', 'TRYAGAIN', 'CLUSTERDOWN'].includes(code)) {
    return ServiceError.unavailable(`Redis cannot serve the command right now (${code})`);
  }
  if (code === 'NOAUTH' || code === 'WRONGPASS' || code === 'NOPERM') {
    return ServiceError.unavailable(
      `the service's Redis credentials were refused (${code}); check REDIS_URL`,
    );
  }
  if (code === 'EXECABORT') {
    return ServiceError.aborted(`${about}the transaction was discarded by Redis`);
  }
  if (
    isConnectionError(err) ||
    name === 'MaxRetriesPerRequestError' ||
    name === 'AbortError' ||
    /Connection is closed|Command timed out|Stream isn't writeable|connection close/i.test(message)
  ) {
    return ServiceError.unavailable('Redis is not reachable right now');
  }
  return new Error(`redis ${command || 'command'} failed${code ? ` (${code})` : ''}`);
}
