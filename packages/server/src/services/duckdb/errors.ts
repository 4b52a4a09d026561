import { GrpcStatus, ServiceError } from '../../platform/errors.js';

/** What @duckdb/node-api puts in front of some of DuckDB's own messages. */
const WRAPPERS = /^(Failed to extract statements|Failure running pending result task): /;

/** DuckDB's message without the client library's wrapper. */
function duckdbMessage(err: unknown): string | undefined {
  return err instanceof Error ? err.message.replace(WRAPPERS, '') : undefined;
}

/** DuckDB's error class: the text before " Error: " in its messages ("Parser", "Catalog", ...). */
export function duckdbErrorType(err: unknown): string | undefined {
  const message = duckdbMessage(err);
  return message ? /^([A-Za-z][A-Za-z ]*?) Error: /.exec(message)?.[1] : undefined;
}

/** True when DuckDB reports the database itself broken (it refuses further work until reopened). */
export function isFatal(err: unknown): boolean {
  const type = duckdbErrorType(err);
  return type === 'FATAL' || type === 'INTERNAL';
}

export function isInterrupt(err: unknown): boolean {
  return duckdbErrorType(err) === 'INTERRUPT';
}

/**
 * Removes server paths from a DuckDB message: callers see `<staging>/file.csv`, never where the
 * server keeps their files.
 */
export function scrubPaths(message: string, replacements: ReadonlyArray<readonly [string, string]>): string {
  let out = message;
  for (const [path, label] of replacements) out = out.split(path).join(label);
  return out;
}

/**
 * Maps a DuckDB failure to a gRPC status with DuckDB's own message. The caller's SQL is at fault for
 * almost everything (INVALID_ARGUMENT naming `field`); sandbox refusals are PERMISSION_DENIED, memory
 * limits RESOURCE_EXHAUSTED, write conflicts ABORTED. FATAL/INTERNAL errors stay INTERNAL (hidden).
 */
export function mapDuckDBError(
  err: unknown,
  field: string,
  scrub: (message: string) => string = (m) => m,
): unknown {
  if (err instanceof ServiceError || !(err instanceof Error)) return err;
  const type = duckdbErrorType(err);
  if (type === undefined) return err;
  const message = scrub(duckdbMessage(err) ?? err.message);
  const status = (code: GrpcStatus, text = message) => new ServiceError(code, text, { cause: err });
  switch (type) {
    case 'FATAL':
    case 'INTERNAL':
      return err;
    case 'Permission':
      return status(GrpcStatus.PERMISSION_DENIED);
    case 'Out of Memory':
      return status(GrpcStatus.RESOURCE_EXHAUSTED);
    case 'TransactionContext':
      return /conflict/i.test(message)
        ? status(GrpcStatus.ABORTED)
        : ServiceError.invalidArgument(field, message);
    case 'Constraint':
    case 'Dependency':
      return status(GrpcStatus.FAILED_PRECONDITION);
    case 'Missing Extension':
    case 'Autoload':
      return status(GrpcStatus.FAILED_PRECONDITION);
    case 'Invalid Input':
      if (/configuration (option .*)?has been locked|the configuration has been locked/i.test(message)) {
        return status(GrpcStatus.PERMISSION_DENIED);
      }
      return ServiceError.invalidArgument(field, message);
    case 'IO':
      if (/no space left|disk quota/i.test(message)) return status(GrpcStatus.RESOURCE_EXHAUSTED);
      return ServiceError.invalidArgument(field, message);
    default:
      return ServiceError.invalidArgument(field, message);
  }
}
