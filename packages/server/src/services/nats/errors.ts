import { GrpcStatus, ServiceError } from '../../platform/errors.js';

/** JetStream API error codes the service tells apart (nats-server's `err_code`). */
const JS = {
  consumerNotFound: 10014,
  streamNotFound: 10059,
  notEnabledForAccount: 10039,
  wrongLastSequence: 10071,
  wrongLastSequenceUnknown: 10164,
  noMessageFound: 10037,
  streamNameInUse: 10058,
  subjectsOverlap: 10065,
  consumerExists: 10013,
  consumerAlreadyExists: 10105,
  consumerNameExists: 10148,
  replicasNotSupported: 10074,
  insufficientResources: 10023,
  maxConsumers: 10026,
  maxStreams: 10027,
  streamStoreFailed: 10077,
  expectedStreamMismatch: 10060,
  messageTooBig: 10054,
  storageResourcesExceeded: 10047,
  invalidConfig: 10052,
  streamInvalidConfig: 10025,
  consumerInvalidConfig: 10078,
  streamMaxBytesRequired: 10113,
  notSupportedInClusteredMode: 10056,
} as const;

function apiCode(err: unknown): { code: number; description: string } | undefined {
  if (!(err instanceof Error)) return undefined;
  const api = (err as { apiError?: () => { err_code?: number; description?: string } }).apiError;
  if (typeof api !== 'function') return undefined;
  const detail = api.call(err);
  return { code: detail.err_code ?? 0, description: detail.description ?? err.message };
}

function named(err: unknown, name: string): boolean {
  let current: unknown = err;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    if (current.name === name || current.constructor.name === name) return true;
    current = current.cause;
  }
  return false;
}

export const isNoResponders = (err: unknown) => named(err, 'NoRespondersError');
export const isTimeout = (err: unknown) => named(err, 'TimeoutError');
export const isWrongLastSequence = (err: unknown) => {
  const api = apiCode(err);
  return api?.code === JS.wrongLastSequence || api?.code === JS.wrongLastSequenceUnknown;
};
export const isStreamNotFound = (err: unknown) =>
  apiCode(err)?.code === JS.streamNotFound ||
  (err instanceof Error && /stream not found|object store not found/.test(err.message));
export const isConsumerNotFound = (err: unknown) => apiCode(err)?.code === JS.consumerNotFound;

/**
 * Maps what the NATS client throws to a ServiceError with the right status. `what` names the thing the
 * call was about ("stream \"orders\"") for NOT_FOUND / ALREADY_EXISTS messages, in the caller's words.
 */
export function natsError(err: unknown, what = 'resource'): ServiceError {
  if (err instanceof ServiceError) return err;
  const api = apiCode(err);
  if (api) {
    switch (api.code) {
      case JS.streamNotFound:
      case JS.consumerNotFound:
      case JS.noMessageFound:
        return ServiceError.notFound(what);
      case JS.streamNameInUse:
      case JS.consumerExists:
      case JS.consumerAlreadyExists:
      case JS.consumerNameExists:
        return new ServiceError(
          GrpcStatus.ALREADY_EXISTS,
          `${what} already exists with a different configuration`,
        );
      case JS.wrongLastSequence:
      case JS.wrongLastSequenceUnknown:
        return ServiceError.aborted(`${what} changed: ${api.description}`);
      case JS.subjectsOverlap:
        return ServiceError.failedPrecondition('subjects overlap with another of your streams');
      case JS.expectedStreamMismatch:
        return ServiceError.failedPrecondition('the subject belongs to another stream than stream_name');
      case JS.replicasNotSupported:
      case JS.notSupportedInClusteredMode:
        return ServiceError.failedPrecondition(`the NATS server cannot do this: ${api.description}`);
      case JS.insufficientResources:
      case JS.maxConsumers:
      case JS.maxStreams:
      case JS.storageResourcesExceeded:
      case JS.streamStoreFailed:
        return ServiceError.resourceExhausted(api.description);
      case JS.messageTooBig:
        return ServiceError.invalidArgument('data', api.description);
      case JS.notEnabledForAccount:
        return ServiceError.unavailable('JetStream is not enabled on the NATS server (start it with -js)');
      default:
        return new ServiceError(
          GrpcStatus.FAILED_PRECONDITION,
          `NATS refused the request: ${api.description}`,
          {
            cause: err,
          },
        );
    }
  }
  if (named(err, 'JetStreamNotEnabled')) {
    return ServiceError.unavailable('JetStream is not enabled on the NATS server (start it with -js)', err);
  }
  if (
    named(err, 'ClosedConnectionError') ||
    named(err, 'ConnectionError') ||
    named(err, 'DrainingConnectionError')
  ) {
    return ServiceError.unavailable('the connection to NATS is closed', err);
  }
  if (isNoResponders(err))
    return ServiceError.unavailable('JetStream did not answer (is the NATS server running with -js?)', err);
  if (isTimeout(err)) return ServiceError.unavailable('the NATS server did not answer in time', err);
  if (isStreamNotFound(err)) return ServiceError.notFound(what);
  if (err instanceof Error && /wrong last sequence/.test(err.message))
    return ServiceError.aborted(`${what} changed`);
  if (err instanceof Error && /key not found/.test(err.message)) return ServiceError.notFound(what);
  throw err;
}

/** Runs a backend call, mapping its failures with natsError. */
export async function mapped<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw natsError(err, what);
  }
}
