import { GrpcStatus, isConnectionError, ServiceError } from '../../platform/errors.js';

/** What PostgreSQL (pg or PGlite) reports with an error. */
interface DatabaseError {
  code: string;
  message: string;
  column?: string;
  constraint?: string;
}

function isDatabaseError(err: unknown): err is DatabaseError {
  return (
    err instanceof Error &&
    typeof (err as { code?: unknown }).code === 'string' &&
    /^[0-9A-Z]{5}$/.test((err as unknown as { code: string }).code)
  );
}

/**
 * Maps a PostgreSQL error to the status a client sees. Only the primary message goes out (it names the
 * column, type or constraint at fault); DETAIL lines, which can quote stored values, stay in the log.
 */
export function fromDatabaseError(err: unknown, field: string): unknown {
  if (err instanceof ServiceError) return err;
  if (!isDatabaseError(err)) {
    if (
      isConnectionError(err) ||
      /Connection terminated|connection timeout|ECONNREFUSED/i.test(String(err))
    ) {
      return ServiceError.unavailable('the database is unreachable', err);
    }
    return err;
  }
  const { code, message } = err;
  const make = (status: GrpcStatus) =>
    new ServiceError(status, `${field}: ${message} (SQLSTATE ${code})`, { field, cause: err });
  if (code === '42501') {
    return new ServiceError(GrpcStatus.PERMISSION_DENIED, `${message} (SQLSTATE ${code})`, { cause: err });
  }
  if (code === '23505')
    return new ServiceError(GrpcStatus.ALREADY_EXISTS, `${message} (SQLSTATE ${code})`, { cause: err });
  if (code === '23503') {
    return new ServiceError(GrpcStatus.FAILED_PRECONDITION, `${message} (SQLSTATE ${code})`, { cause: err });
  }
  if (code === '57014')
    return ServiceError.deadlineExceeded('the statement was cancelled or ran past its timeout');
  if (code === '40001' || code === '40P01') {
    return new ServiceError(GrpcStatus.ABORTED, `${message} (SQLSTATE ${code}); retry the request`, {
      cause: err,
    });
  }
  if (code === '25006') return make(GrpcStatus.FAILED_PRECONDITION);
  // The service writes every statement itself: a syntax error is its bug, except in migration SQL and in
  // the text of a full-text query (to_tsquery reports those with the same code).
  if (code === '42601' && field !== 'sql' && !/tsquery|tsvector/.test(message)) return err;
  if (code === '42P01')
    return new ServiceError(GrpcStatus.NOT_FOUND, `${message} (SQLSTATE ${code})`, { cause: err });
  if (
    (code.startsWith('08') && code !== '08P01') ||
    code === '57P01' ||
    code === '57P02' ||
    code === '57P03'
  ) {
    return ServiceError.unavailable('the database is unavailable', err);
  }
  if (code.startsWith('53') || code === '54000' || code === '54001') {
    return ServiceError.resourceExhausted(`${message} (SQLSTATE ${code})`);
  }
  // Data exceptions (22), integrity violations (23), and name/type errors a request can cause (42).
  if (code.startsWith('22') || code.startsWith('23') || code.startsWith('42') || code === '2201B') {
    return make(GrpcStatus.INVALID_ARGUMENT);
  }
  return err;
}

/** Runs database work, mapping its errors for `field`. */
export async function mapDatabaseErrors<T>(field: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw fromDatabaseError(err, field);
  }
}
