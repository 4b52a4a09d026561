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

function batchError(err: unknown): { code: number; message: string } {
  if (err instanceof ServiceError) return { code: err.code, message: err.message };
  return { code: GrpcStatus.INTERNAL, message: 'internal error' };
}

/**
 * ExecuteBatch: every command is compiled (validated, namespaced) before anything is sent, then all go in
 * one round trip — a pipeline, or MULTI/EXEC. Each command gets its own result or error, as Redis reports
 * it; in a transaction a failing command does not undo the others (Redis has no rollback).
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
      const compiled = req.commands.map((c, i) => {
        const { case: kind, value } = c.command;
        if (kind === undefined) throw ServiceError.invalidArgument(`commands[${i}]`, 'names no command');
        return { kind, command: BY_CASE[kind](tenant, value as never, `commands[${i}].`) };
      });
      const settled = await deps.backend().batch(
        compiled.map((c) => c.command),
        req.transaction,
      );
      let errorCount = 0n;
      const results = settled.map((outcome, i) => {
        const { kind, command } = compiled[i]!;
        try {
          if (!outcome.ok) throw outcome.error;
          return { result: { case: kind, value: command.parse(outcome.reply) } };
        } catch (err) {
          errorCount++;
          if (!(err instanceof ServiceError))
            ctx.logger.error({ err, command: command.name }, 'batch command failed');
          return { result: { case: 'error' as const, value: batchError(err) } };
        }
      });
      // Each result's case is its command's case; TypeScript cannot pair a variable case with its value type.
      return { results: results as MessageInitShape<typeof redis.BatchResultSchema>[], errorCount };
    },
  };
}
