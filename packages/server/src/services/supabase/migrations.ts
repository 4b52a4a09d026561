import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../../platform/logger.js';
import type { SchemaAdmin } from './schema-admin.js';

/** The migrations that ship with the service: the usage guide's example tables. */
export const BUNDLED_MIGRATIONS = fileURLToPath(new URL('./migrations/', import.meta.url));

/**
 * Applies every `*.sql` file of `dir` in name order, once each (by name). A file whose first lines say
 * `-- requires: vector` is skipped, with a warning, when pgvector is not available.
 */
export async function applyMigrationsDir(admin: SchemaAdmin, dir: string, logger: Logger): Promise<string[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  const applied: string[] = [];
  for (const file of files) {
    const sql = await readFile(join(dir, file), 'utf8');
    const name = file.replace(/\.sql$/, '');
    const header = sql.split('\n').filter((line) => line.startsWith('--'));
    if (header.some((line) => /^--\s*requires:\s*vector\b/i.test(line)) && !admin.vectorEnabled) {
      logger.warn({ migration: name }, 'migration skipped: it needs pgvector, which this database lacks');
      continue;
    }
    const result = await admin.applyMigration(name, sql);
    if (result.applied) applied.push(name);
  }
  if (applied.length > 0) logger.info({ applied }, 'migrations applied');
  return applied;
}
