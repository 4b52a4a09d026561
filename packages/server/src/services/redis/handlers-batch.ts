import type { MessageInitShape } from '@bufbuild/protobuf';
import type { redis } from '@isa-cloud/api';
import { GrpcStatus, ServiceError } from '../../platform/errors.js';
import type { ServiceImpl } from '../../platform/rpc.js';
import type { Tenant } from '../../platform/tenancy.js';
import { type Compiled, compilers } from './commands.js';
import type { RedisDeps } from './context.js';

type Impl = ServiceImpl<typeof redis.RedisService>;
type CommandCase = NonNullable<redis.BatchCommand['command']['case']>;

const MAX_COMMANDS = 1000;

/** The compiler behind each batch case (the case names are the RPCs' names, except get_ttl). */
const BY_CASE: Record<CommandCase, (t: Tenant, req: never, at: string) => Compiled<unknown>> = {
  set: compilers.set,
  get: compilers.get,
  getMultiple: compilers.getMultiple,
  setMultiple: compilers.setMultiple,
  increment: compilers.increment,
  decrement: compilers.decrement,
  incrementFloat: compilers.incrementFloat,
  append: compilers.append,
  delete: compilers.delete,
  deleteMultiple: compilers.deleteMultiple,
  exists: compilers.exists,
  expire: compilers.expire,
  persist: compilers.persist,
  getTtl: compilers.getTTL,
  rename: compilers.rename,
  hSet: compilers.hSet,
  hGet: compilers.hGet,
  hGetAll: compilers.hGetAll,
  hDelete: compilers.hDelete,
  hExists: compilers.hExists,
  hIncrement: compilers.hIncrement,
  hLen: compilers.hLen,
  lPush: compilers.lPush,
  rPush: compilers.rPush,
  lPop: compilers.lPop,
  rPop: compilers.rPop,
  lRange: compilers.lRange,
  lLen: compilers.lLen,
  lTrim: compilers.lTrim,
  sAdd: compilers.sAdd,
  sRemove: compilers.sRemove,
  sMembers: compilers.sMembers,
  sIsMember: compilers.sIsMember,
  sCard: compilers.sCard,
  zAdd: compilers.zAdd,
  zRemove: compilers.zRemove,
  zRange: compilers.zRange,
  zRangeByScore: compilers.zRangeByScore,
  zScore: compilers.zScore,
  zIncrement: compilers.zIncrement,
  zCard: compilers.zCard,
  publish: compilers.publish,
};

function batchError(err: unknown): { code: number; message: string; field: string } {
  if (err instanceof ServiceError) return { code: err.code, message: err.message, field: err.field ?? '' };
  return { code: GrpcStatus.INTERNAL, message: 'internal error', field: '' };
}

type Outcome = { kind: CommandCase; command: Compiled<unknown> } | { kind: 'error'; error: ServiceError };

/**
 * ExecuteBatch: every command is compiled (validated, namespaced) before anything is sent, then all go in
 * one round trip — a pipeline, or MULTI/EXEC. Each command gets its own result or error, as Redis reports
 * it; in a transaction a failing command does not undo the others (Redis has no rollback). An invalid
 * command refuses the whole batch, except for `independent` pipelines, where it fails alone.
 */
export function createBatchHandlers(deps: RedisDeps): Pick<Impl, 'executeBatch'> {
  return {
    async executeBatch(req, ctx) {
      const tenant = ctx.tenant;
      if (req.commands.length === 0)
        throw ServiceError.invalidArgument('commands', 'must hold at least one command');
      if (req.commands.length > MAX_COMMANDS) {
        throw ServiceError.invalidArgument(
          'commands',
          `at most ${MAX_COMMANDS} per batch (got ${req.commands.length})`,
        );
      }
      if (req.independent && req.transaction) {
        throw ServiceError.invalidArgument('independent', 'applies to pipelines only, not to transactions');
      }
      const compiled = req.commands.map((c, i): Outcome => {
        const { case: kind, value } = c.command;
        if (kind === undefined) throw ServiceError.invalidArgument(`commands[${i}]`, 'names no command');
        if (!req.independent)
          return { kind, command: BY_CASE[kind](tenant, value as never, `commands[${i}].`) };
        try {
          // Unrelated commands: each is refused on its own, in the words of its own RPC.
          return { kind, command: BY_CASE[kind](tenant, value as never, '') };
        } catch (err) {
          if (err instanceof ServiceError) return { kind: 'error', error: err };
          throw err;
        }
      });
      const runnable = compiled.flatMap((c) => (c.kind === 'error' ? [] : [c.command]));
      const settled = runnable.length > 0 ? await deps.backend().batch(runnable, req.transaction) : [];
      let errorCount = 0n;
      let next = 0;
      const results = compiled.map((c) => {
        if (c.kind === 'error') {
          errorCount++;
          return { result: { case: 'error' as const, value: batchError(c.error) } };
        }
        const outcome = settled[next++]!;
        try {
          if (!outcome.ok) throw c.command.refine ? c.command.refine(outcome.error) : outcome.error;
          return { result: { case: c.kind, value: c.command.parse(outcome.reply) } };
        } catch (err) {
          errorCount++;
          if (!(err instanceof ServiceError))
            ctx.logger.error({ err, command: c.command.name }, 'batch command failed');
          return { result: { case: 'error' as const, value: batchError(err) } };
        }
      });
      // Each result's case is its command's case; TypeScript cannot pair a variable case with its value type.
      return { results: results as MessageInitShape<typeof redis.BatchResultSchema>[], errorCount };
    },
  };
}
