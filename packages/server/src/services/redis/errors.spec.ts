import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { GrpcStatus, ServiceError } from '../../platform/errors.js';
import { createLogger } from '../../platform/logger.js';
import { mapRedisError } from './errors.js';

/** An error shaped like ioredis's: the failed command, with its arguments, attached. */
function replyError(message: string, args: string[]): Error {
  return Object.assign(new Error(message), { name: 'ReplyError', command: { name: 'set', args } });
}

describe('redis error mapping', () => {
  it.each([
    ['WRONGTYPE Operation against a key holding the wrong kind of value', GrpcStatus.FAILED_PRECONDITION],
    ['ERR value is not an integer or out of range', GrpcStatus.FAILED_PRECONDITION],
    ['ERR hash value is not an integer', GrpcStatus.FAILED_PRECONDITION],
    ['ERR value is not a valid float', GrpcStatus.FAILED_PRECONDITION],
    ['ERR increment or decrement would overflow', GrpcStatus.OUT_OF_RANGE],
    ['ERR increment would produce NaN or Infinity', GrpcStatus.OUT_OF_RANGE],
    ['ERR no such key', GrpcStatus.NOT_FOUND],
    ["OOM command not allowed when used memory > 'maxmemory'.", GrpcStatus.RESOURCE_EXHAUSTED],
    ['LOADING Redis is loading the dataset in memory', GrpcStatus.UNAVAILABLE],
    ["READONLY You can't write against a read only replica.", GrpcStatus.UNAVAILABLE],
    ['NOAUTH Authentication required.', GrpcStatus.UNAVAILABLE],
    ['EXECABORT Transaction discarded because of previous errors.', GrpcStatus.ABORTED],
    ['Connection is closed.', GrpcStatus.UNAVAILABLE],
    ['Command timed out', GrpcStatus.UNAVAILABLE],
  ])('%s → %s', (message, code) => {
    const mapped = mapRedisError(replyError(message, ['k', 'v']), 'SET');
    expect(mapped).toBeInstanceOf(ServiceError);
    expect((mapped as ServiceError).code).toBe(code);
  });

  it('treats connection failures as UNAVAILABLE', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(mapRedisError(refused)).toMatchObject({ code: GrpcStatus.UNAVAILABLE });
    const retries = Object.assign(new Error('Reached the max retries per request limit'), {
      name: 'MaxRetriesPerRequestError',
    });
    expect(mapRedisError(retries)).toMatchObject({ code: GrpcStatus.UNAVAILABLE });
  });

  it('keeps command arguments (values) out of every mapped error and its log line', () => {
    const secret = 'sup3r-s3cret-value';
    const lines: string[] = [];
    const logger = createLogger(
      'trace',
      new Writable({
        write(chunk, _e, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    for (const message of [
      'WRONGTYPE Operation against a key holding the wrong kind of value',
      `ERR unknown command 'FOO', with args beginning with: '${secret}'`,
      'Connection is closed.',
    ]) {
      const mapped = mapRedisError(replyError(message, ['key', secret]), 'SET');
      expect(mapped.message).not.toContain(secret);
      expect(mapped.cause).toBeUndefined();
      logger.error({ err: mapped }, 'rpc failed');
    }
    expect(lines).toHaveLength(3);
    expect(lines.join('\n')).not.toContain(secret);
  });

  it('gives unknown errors only the command name and Redis error code', () => {
    const mapped = mapRedisError(
      replyError("ERR unknown command 'FOO', with args beginning with: 'x'", []),
      'FOO',
    );
    expect(mapped).not.toBeInstanceOf(ServiceError);
    expect(mapped.message).toBe('redis FOO failed (ERR)');
  });
});
