import { randomUUID } from 'node:crypto';
import { IsaCloudError, MinIOClient } from '@isa-cloud/sdk';
import { GrpcStatus, ServiceError } from '../../platform/errors.js';
import { actAsCaller } from '../../platform/identity.js';
import type { CallContext } from '../../platform/rpc.js';
import type { Direction, LogRecord, LogStore } from './store.js';
import { formatNs } from './time.js';

export type ExportState = 'running' | 'completed' | 'failed';

export interface ExportRecord {
  readonly id: string;
  readonly scope: string;
  readonly query: string;
  readonly bucket: string;
  readonly key: string;
  readonly createdAt: Date;
  state: ExportState;
  entries: number;
  bytes: number;
  completedAt?: Date;
  error?: string;
  etag?: string;
}

const KEEP_RECORDS = 1000;

/** Exports of this process, newest kept; a tenant only ever sees its own. */
export class ExportRegistry {
  private readonly records = new Map<string, ExportRecord>();

  start(scope: string, query: string, bucket: string, key: string): ExportRecord {
    const record: ExportRecord = {
      id: randomUUID(),
      scope,
      query,
      bucket,
      key,
      createdAt: new Date(),
      state: 'running',
      entries: 0,
      bytes: 0,
    };
    this.records.set(record.id, record);
    if (this.records.size > KEEP_RECORDS) {
      const oldest = this.records.keys().next().value;
      if (oldest !== undefined) this.records.delete(oldest);
    }
    return record;
  }

  /** The export, when it exists and belongs to the scope (another tenant's export is "not found"). */
  get(scope: string, id: string): ExportRecord | undefined {
    const record = this.records.get(id);
    return record && record.scope === scope ? record : undefined;
  }
}

/** One NDJSON line: {"timestamp": RFC 3339 with ns, "timestamp_ns": "…", "labels": {...}, "line": "..."}. */
export function ndjsonLine(record: LogRecord): string {
  return `${JSON.stringify({
    timestamp: formatNs(record.tsNs),
    timestamp_ns: record.tsNs.toString(),
    labels: record.labels,
    line: record.line,
  })}\n`;
}

function hostPort(address: string): { host: string; port: number } {
  const at = address.lastIndexOf(':');
  return { host: address.slice(0, at).replace(/^\[|\]$/g, ''), port: Number(address.slice(at + 1)) };
}

/** Maps the object storage service's refusal to the same status, saying where it came from. */
function fromObjectStorage(err: unknown): unknown {
  if (err instanceof IsaCloudError) {
    const field =
      err.field === 'header.bucket_name'
        ? 'bucket_name'
        : err.field === 'header.object_key'
          ? 'object_key'
          : undefined;
    const code = err.code === GrpcStatus.UNKNOWN ? GrpcStatus.UNAVAILABLE : err.code;
    return new ServiceError(code, `object storage: ${err.details}`, {
      cause: err,
      ...(field ? { field } : {}),
    });
  }
  return err;
}

export interface ExportProgress {
  readonly entries: number;
  readonly bytes: number;
  readonly done: boolean;
  readonly etag?: string;
}

/**
 * Runs one export: the query's entries, as NDJSON, streamed into an object of the caller's own bucket
 * through the object storage service, acting as the caller (so its own rights and namespace apply).
 * Yields progress now and then and a final message once the object is stored; a failure (or a cancelled
 * call) aborts the upload, which the object storage service then never commits.
 */
export async function* runExport(
  ctx: CallContext,
  store: LogStore,
  record: ExportRecord,
  options: { startNs: bigint; endNs: bigint; direction: Direction; objectStorageAddress: string },
): AsyncGenerator<ExportProgress> {
  const client = new MinIOClient({
    ...hostPort(options.objectStorageAddress),
    ...actAsCaller(ctx),
    throwOnError: true,
    logger: null,
    enableRetry: false,
  });
  let notify: (() => void) | undefined;
  const encoder = new TextEncoder();
  async function* body(): AsyncGenerator<Uint8Array> {
    let buffered: string[] = [];
    let size = 0;
    for await (const page of store.scan(record.scope, record.query, {
      startNs: options.startNs,
      endNs: options.endNs,
      direction: options.direction,
      signal: ctx.signal,
    })) {
      for (const entry of page) {
        const line = ndjsonLine(entry);
        buffered.push(line);
        size += line.length;
        record.entries++;
        if (size >= 256 * 1024) {
          const chunk = encoder.encode(buffered.join(''));
          record.bytes += chunk.byteLength;
          yield chunk;
          buffered = [];
          size = 0;
        }
      }
      notify?.();
    }
    if (buffered.length > 0) {
      const chunk = encoder.encode(buffered.join(''));
      record.bytes += chunk.byteLength;
      yield chunk;
    }
  }
  let finished = false;
  const upload = client
    .uploadObject(record.bucket, record.key, body(), {
      contentType: 'application/x-ndjson',
      signal: ctx.signal,
    })
    .then(
      (result) => {
        record.etag = result?.etag ?? '';
      },
      (err: unknown) => {
        throw fromObjectStorage(err);
      },
    )
    .finally(() => {
      finished = true;
      notify?.();
    });
  upload.catch(() => undefined);
  try {
    let lastReport = performance.now();
    while (!finished) {
      await new Promise<void>((resolve) => {
        notify = resolve;
        if (finished) resolve();
      });
      const now = performance.now();
      if (!finished && now - lastReport >= 500) {
        lastReport = now;
        yield { entries: record.entries, bytes: record.bytes, done: false };
      }
    }
    await upload;
    record.state = 'completed';
    record.completedAt = new Date();
    yield { entries: record.entries, bytes: record.bytes, done: true, etag: record.etag ?? '' };
  } catch (err) {
    record.state = 'failed';
    record.completedAt = new Date();
    record.error = err instanceof ServiceError ? err.message : 'internal error';
    throw err;
  } finally {
    if (record.state === 'running') {
      record.state = 'failed';
      record.completedAt = new Date();
      record.error = 'the export call ended before the object was stored';
    }
    await client.close();
  }
}
