// PGlite (PostgreSQL compiled to WebAssembly) runs synchronously on the thread that calls it: an HNSW
// index build or a large scan would stop the gRPC server's event loop for seconds, long enough for
// keepalives to drop connections. This worker thread owns the database so the service thread never
// blocks on it. Plain JavaScript so worker_threads can load it under any TypeScript runner.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';

/**
 * Parameters go to PostgreSQL as text, as `pg` sends them, so PostgreSQL itself parses (and rejects) them
 * by the inferred type. PGlite looks serializers up by type id on this object: one answer fits every id.
 */
const AS_TEXT = new Proxy({}, { get: () => (value) => String(value) });

const db = await PGlite.create({ dataDir: workerData.dataDir, extensions: { vector } });

/** Open transactions by id: the PGlite transaction object and how to end it. */
const open = new Map();
let nextId = 1;
const ROLLBACK = Symbol('rollback');

function describe(err) {
  const fields = {};
  for (const key of ['code', 'detail', 'hint', 'position', 'severity', 'column', 'constraint', 'table']) {
    if (err && err[key] !== undefined) fields[key] = err[key];
  }
  return { message: err instanceof Error ? err.message : String(err), ...fields };
}

/**
 * Opens a transaction, runs its prelude (role, tenant, timeouts) and keeps it open until "commit" or
 * "rollback" names it. A failing prelude rolls the transaction back and fails the begin.
 */
function begin(prelude) {
  return new Promise((resolveBegin, rejectBegin) => {
    const id = nextId++;
    const entry = {};
    entry.ended = db
      .transaction(
        (tx) =>
          new Promise((resolve, reject) => {
            Object.assign(entry, { tx, resolve, reject });
            tx.exec(prelude).then(
              () => {
                open.set(id, entry);
                resolveBegin(id);
              },
              (err) => {
                reject(ROLLBACK);
                rejectBegin(err);
              },
            );
          }),
      )
      .catch((err) => {
        if (err !== ROLLBACK) throw err;
      });
    // A BEGIN that fails never reaches the callback.
    entry.ended.catch(rejectBegin);
  });
}

function transaction(id) {
  const entry = open.get(id);
  if (!entry) throw new Error(`no open transaction ${id}`);
  return entry;
}

async function handle(message) {
  switch (message.op) {
    case 'begin': {
      // The first statement rides along with the begin: one message instead of two.
      const tx = await begin(message.prelude);
      if (!message.first) return { tx, result: null };
      try {
        const result = await transaction(tx).tx.query(message.first.text, message.first.params, {
          serializers: AS_TEXT,
        });
        return { tx, result: { rows: result.rows, affected: result.affectedRows ?? 0 } };
      } catch (err) {
        const entry = transaction(tx);
        open.delete(tx);
        entry.reject(ROLLBACK);
        await entry.ended;
        throw err;
      }
    }
    case 'query': {
      const { tx } = transaction(message.tx);
      const result = await tx.query(message.text, message.params, { serializers: AS_TEXT });
      return { rows: result.rows, affected: result.affectedRows ?? 0 };
    }
    case 'exec': {
      await transaction(message.tx).tx.exec(message.text);
      return null;
    }
    case 'commit':
    case 'rollback': {
      const entry = transaction(message.tx);
      open.delete(message.tx);
      if (message.op === 'commit') entry.resolve();
      else entry.reject(ROLLBACK);
      await entry.ended;
      return null;
    }
    case 'close':
      await db.close();
      return null;
    default:
      throw new Error(`unknown operation ${message.op}`);
  }
}

parentPort.on('message', (message) => {
  handle(message).then(
    (result) => parentPort.postMessage({ id: message.id, result }),
    (err) => parentPort.postMessage({ id: message.id, error: describe(err) }),
  );
});
parentPort.postMessage({ ready: true });
