import { status as GrpcStatus, Metadata } from '@grpc/grpc-js';

export { GrpcStatus };

/**
 * A failure with a precise gRPC status. Handlers and backends throw it; the gRPC adapter turns it into a
 * status for the client. Anything thrown that is not a ServiceError becomes INTERNAL without its message,
 * so backend internals never reach clients.
 */
export class ServiceError extends Error {
  override readonly name = 'ServiceError';
  readonly code: GrpcStatus;
  /** The request field (or metadata key) that is wrong, when there is one. */
  readonly field: string | undefined;

  constructor(code: GrpcStatus, message: string, options: { field?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.field = options.field;
  }

  static invalidArgument(field: string, rule: string): ServiceError {
    return new ServiceError(GrpcStatus.INVALID_ARGUMENT, `${field}: ${rule}`, { field });
  }

  static notFound(what: string): ServiceError {
    return new ServiceError(GrpcStatus.NOT_FOUND, `${what} not found`);
  }

  static alreadyExists(what: string): ServiceError {
    return new ServiceError(GrpcStatus.ALREADY_EXISTS, `${what} already exists`);
  }

  static failedPrecondition(message: string): ServiceError {
    return new ServiceError(GrpcStatus.FAILED_PRECONDITION, message);
  }

  static permissionDenied(message: string): ServiceError {
    return new ServiceError(GrpcStatus.PERMISSION_DENIED, message);
  }

  static unauthenticated(message: string): ServiceError {
    return new ServiceError(GrpcStatus.UNAUTHENTICATED, message);
  }

  static resourceExhausted(message: string): ServiceError {
    return new ServiceError(GrpcStatus.RESOURCE_EXHAUSTED, message);
  }

  static unavailable(message: string, cause?: unknown): ServiceError {
    return new ServiceError(GrpcStatus.UNAVAILABLE, message, { cause });
  }

  static deadlineExceeded(message: string): ServiceError {
    return new ServiceError(GrpcStatus.DEADLINE_EXCEEDED, message);
  }

  static unimplemented(message: string): ServiceError {
    return new ServiceError(GrpcStatus.UNIMPLEMENTED, message);
  }

  static aborted(message: string): ServiceError {
    return new ServiceError(GrpcStatus.ABORTED, message);
  }

  static outOfRange(field: string, rule: string): ServiceError {
    return new ServiceError(GrpcStatus.OUT_OF_RANGE, `${field}: ${rule}`, { field });
  }
}

const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'CONNECTION_CLOSED',
]);

/** True for the network failures that mean "the backend is not reachable right now". */
export function isConnectionError(err: unknown): boolean {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && CONNECTION_ERROR_CODES.has(code)) return true;
    if (current instanceof AggregateError && current.errors.some(isConnectionError)) return true;
    current = current.cause;
  }
  return false;
}

export interface StatusObject {
  code: GrpcStatus;
  details: string;
  metadata: Metadata;
}

/**
 * Maps any thrown value to what the client sees. `internal` is true when the error is not a deliberate
 * ServiceError: those are logged with their stack and shown to the client only as a request id.
 */
export function toStatus(err: unknown, requestId: string): StatusObject & { internal: boolean } {
  const metadata = new Metadata();
  metadata.set('isa-request-id', requestId);
  if (err instanceof ServiceError) {
    if (err.field) metadata.set('isa-field', err.field);
    return { code: err.code, details: err.message, metadata, internal: false };
  }
  if (isConnectionError(err)) {
    return { code: GrpcStatus.UNAVAILABLE, details: 'backend unavailable', metadata, internal: true };
  }
  return {
    code: GrpcStatus.INTERNAL,
    details: `internal error (request id ${requestId})`,
    metadata,
    internal: true,
  };
}
