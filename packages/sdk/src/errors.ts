import { type ServiceError as GrpcServiceError, status as GrpcStatus } from '@grpc/grpc-js';

export { GrpcStatus };

/**
 * The one error the SDK throws (with `throwOnError: true`) or logs (by default, when the call then
 * resolves to null). `code` is the gRPC status code; `field` names the request field the server refused.
 */
export class IsaCloudError extends Error {
  override readonly name = 'IsaCloudError';
  readonly service: string;
  readonly operation: string;
  readonly code: GrpcStatus;
  readonly details: string;
  readonly field: string | undefined;
  readonly requestId: string | undefined;

  constructor(init: {
    service: string;
    operation: string;
    code: GrpcStatus;
    details: string;
    field?: string | undefined;
    requestId?: string | undefined;
    cause?: unknown;
  }) {
    super(
      `[${init.service}] ${init.operation} failed: ${GrpcStatus[init.code] ?? init.code}: ${init.details}`,
      {
        cause: init.cause,
      },
    );
    this.service = init.service;
    this.operation = init.operation;
    this.code = init.code;
    this.details = init.details;
    this.field = init.field;
    this.requestId = init.requestId;
  }

  /** The status code's name, e.g. "NOT_FOUND". */
  get codeName(): string {
    return GrpcStatus[this.code] ?? String(this.code);
  }

  static from(err: unknown, service: string, operation: string): IsaCloudError {
    if (err instanceof IsaCloudError) return err;
    if (isGrpcError(err)) {
      const first = (key: string) => {
        const [value] = err.metadata?.get(key) ?? [];
        return value === undefined ? undefined : String(value);
      };
      return new IsaCloudError({
        service,
        operation,
        code: err.code,
        details: err.details || err.message,
        field: first('isa-field'),
        requestId: first('isa-request-id'),
        cause: err,
      });
    }
    return new IsaCloudError({
      service,
      operation,
      code: GrpcStatus.UNKNOWN,
      details: err instanceof Error ? err.message : String(err),
      cause: err,
    });
  }
}

function isGrpcError(err: unknown): err is GrpcServiceError {
  return err instanceof Error && typeof (err as { code?: unknown }).code === 'number' && 'details' in err;
}
