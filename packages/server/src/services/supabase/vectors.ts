import { ServiceError } from '../../platform/errors.js';
import { isEmbeddingTable, type TableModel } from './catalog-model.js';
import { qualified, quoteIdent, TENANT_COLUMN } from './names.js';
import { parseJsonObject } from './row-input.js';
import type { SchemaAdmin, VectorMetric } from './schema-admin.js';
import { Emitter } from './sql/emit.js';
import { Params } from './sql/params.js';
import { asTenant, managedTable, type TenantCall, type TenantEnvironment } from './tenant-context.js';

/** pgvector distance operators: cosine distance, Euclidean distance, negative inner product. */
const DISTANCE: Record<VectorMetric, string> = { cosine: '<=>', l2: '<->', inner_product: '<#>' };

export interface VectorEnvironment extends TenantEnvironment {
  readonly admin: SchemaAdmin;
  readonly autoCreateTables: boolean;
  /** Minimum hnsw.ef_search of a search. */
  readonly efSearch: number;
}

export interface EmbeddingInput {
  id: string;
  embedding: readonly number[];
  /** JSON object text ("" = {}). */
  metadata: string;
  content: string;
}

export interface SearchHit {
  id: string;
  similarity: number;
  distance: number;
  metadata: string;
  content: string;
  textScore: number;
  vectorScore: number;
}

/** Similarity from a distance: higher is closer for every metric. */
export function similarityOf(metric: VectorMetric, distance: number): number {
  if (metric === 'cosine') return 1 - distance;
  if (metric === 'inner_product') return -distance;
  return 1 / (1 + distance);
}

/** The largest distance whose similarity reaches `threshold`, or undefined when every distance does. */
export function distanceBound(metric: VectorMetric, threshold: number): number | undefined {
  if (metric === 'cosine') return 1 - threshold;
  if (metric === 'inner_product') return -threshold;
  return threshold <= 0 ? undefined : 1 / threshold - 1;
}

/** pgvector's text form: `[1,2.5,3]`. Values must be finite. */
export function vectorLiteral(
  field: string,
  values: readonly number[],
  dimension: number,
  table: string,
): string {
  if (values.length === 0) throw ServiceError.invalidArgument(field, 'must not be empty');
  if (dimension > 0 && values.length !== dimension) {
    throw ServiceError.invalidArgument(
      field,
      `has ${values.length} dimensions, but table "${table}" stores vectors of ${dimension} dimensions`,
    );
  }
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]))
      throw ServiceError.invalidArgument(`${field}[${i}]`, 'must be a finite number');
  }
  return `[${values.join(',')}]`;
}

function validateId(field: string, id: string): void {
  if (id === '') throw ServiceError.invalidArgument(field, 'must not be empty');
  if (id.length > 512) throw ServiceError.invalidArgument(field, 'must be at most 512 characters');
  if (id.includes('\u0000')) throw ServiceError.invalidArgument(field, 'must not contain NUL characters');
}

function requireVector(env: VectorEnvironment): void {
  if (!env.admin.vectorEnabled) {
    throw ServiceError.failedPrecondition(
      'the pgvector extension is not available in this database: install it (Debian: postgresql-<version>-pgvector) or use the embedded PGlite backend',
    );
  }
}

async function embeddingTable(env: VectorEnvironment, name: string): Promise<TableModel> {
  requireVector(env);
  const table = await managedTable(env, name);
  if (!isEmbeddingTable(table)) {
    throw ServiceError.failedPrecondition(
      `table "${name}" is not an embedding table (it needs columns id, metadata jsonb and embedding vector)`,
    );
  }
  return table;
}

/** The unique key rows of an embedding table are upserted on: (user_id, id), else (id). */
function idKey(table: TableModel): string {
  const same = (key: readonly string[], wanted: string[]) =>
    key.length === wanted.length && wanted.every((c) => key.includes(c));
  if (table.uniqueKeys.some((k) => same(k, [TENANT_COLUMN, 'id'])))
    return `(${quoteIdent(TENANT_COLUMN)}, id)`;
  if (table.uniqueKeys.some((k) => same(k, ['id']))) return '(id)';
  throw ServiceError.failedPrecondition(`table "${table.name}" has no unique key on id`);
}

export async function upsertEmbeddings(
  env: VectorEnvironment,
  call: TenantCall,
  tableName: string,
  items: readonly EmbeddingInput[],
  /** The request field of item `index`'s part `name` ("id" for one embedding, "embeddings[3].id" for many). */
  fieldOf: (index: number, name: string) => string,
): Promise<number> {
  if (items.length === 0)
    throw ServiceError.invalidArgument(fieldOf(0, 'embedding'), 'needs at least one embedding');
  if (items.length > env.maxRows)
    throw ServiceError.invalidArgument('embeddings', `at most ${env.maxRows} embeddings per request`);
  requireVector(env);
  let table: TableModel;
  try {
    table = await embeddingTable(env, tableName);
  } catch (err) {
    if (
      !(
        env.autoCreateTables &&
        err instanceof ServiceError &&
        err.message === `table "${tableName}" not found`
      )
    )
      throw err;
    await env.admin.ensureEmbeddingTable(tableName, items[0]!.embedding.length);
    table = await embeddingTable(env, tableName);
  }
  const dimension = table.columns.get('embedding')!.vectorDimension;
  const hasContent = table.columns.has('content');
  const ids = new Set<string>();
  const json = items.map((item, i) => {
    validateId(fieldOf(i, 'id'), item.id);
    if (ids.has(item.id)) throw ServiceError.invalidArgument(fieldOf(i, 'id'), `"${item.id}" appears twice`);
    ids.add(item.id);
    const vector = vectorLiteral(fieldOf(i, 'embedding'), item.embedding, dimension, table.name);
    const metadata = parseJsonObject(fieldOf(i, 'metadata'), item.metadata).text;
    if (item.content !== '' && !hasContent) {
      throw ServiceError.invalidArgument(
        fieldOf(i, 'content'),
        `table "${table.name}" has no content column`,
      );
    }
    // The metadata text was parsed as a JSON object above, so splicing it keeps the JSON valid and exact.
    return `{"id":${JSON.stringify(item.id)},"embedding":"${vector}","metadata":${metadata},"content":${item.content === '' ? 'null' : JSON.stringify(item.content)}}`;
  });
  const params = new Params();
  const target = qualified(env.schema, table.name);
  const columns = ['id', 'embedding', 'metadata', ...(hasContent ? ['content'] : [])];
  const updates = ['embedding', 'metadata', ...(hasContent ? ['content'] : [])].map(
    (c) => `${c} = EXCLUDED.${c}`,
  );
  if (table.columns.has('updated_at')) updates.push('updated_at = now()');
  const sql =
    `INSERT INTO ${target} (${columns.join(', ')}) ` +
    `SELECT x.id, x.embedding::vector, coalesce(x.metadata, '{}'::jsonb)${hasContent ? ', x.content' : ''} ` +
    `FROM json_to_recordset(${params.add(`[${json.join(',')}]`)}::json) AS x(id text, embedding text, metadata jsonb, content text) ` +
    `ON CONFLICT ${idKey(table)} DO UPDATE SET ${updates.join(', ')}`;
  return asTenant(
    env,
    call,
    { readOnly: false, field: 'embedding' },
    async (session) => (await session.query(sql, params.values)).affected,
  );
}

export async function deleteEmbedding(
  env: VectorEnvironment,
  call: TenantCall,
  tableName: string,
  id: string,
): Promise<void> {
  const table = await embeddingTable(env, tableName);
  validateId('id', id);
  const deleted = await asTenant(
    env,
    call,
    { readOnly: false, field: 'id' },
    async (session) =>
      (await session.query(`DELETE FROM ${qualified(env.schema, table.name)} WHERE id = $1`, [id])).affected,
  );
  if (deleted === 0) throw ServiceError.notFound(`embedding "${id}" in table "${tableName}"`);
}

/** Index search settings: enough candidates for the limit, and (pgvector 0.8+) keep scanning past filters. */
export function indexScanSettings(
  env: Pick<VectorEnvironment, 'admin' | 'efSearch'>,
  limit: number,
): Record<string, string> {
  const settings: Record<string, string> = {
    'hnsw.ef_search': String(Math.min(1000, Math.max(env.efSearch, limit * 2))),
  };
  if (env.admin.iterativeScans) settings['hnsw.iterative_scan'] = 'relaxed_order';
  return settings;
}

function searchLimit(limit: number, env: TenantEnvironment): number {
  if (!Number.isInteger(limit) || limit < 0)
    throw ServiceError.invalidArgument('limit', 'must not be negative');
  if (limit > Math.min(env.maxRows, 1000))
    throw ServiceError.invalidArgument('limit', `must be at most ${Math.min(env.maxRows, 1000)}`);
  return limit === 0 ? 10 : limit;
}

export async function similaritySearch(
  env: VectorEnvironment,
  call: TenantCall,
  input: {
    table: string;
    query: readonly number[];
    limit: number;
    filter: string;
    metric: VectorMetric;
    threshold: number | undefined;
  },
): Promise<SearchHit[]> {
  const table = await embeddingTable(env, input.table);
  const limit = searchLimit(input.limit, env);
  if (input.threshold !== undefined && !Number.isFinite(input.threshold)) {
    throw ServiceError.invalidArgument('threshold', 'must be a finite number');
  }
  const params = new Params();
  const emitter = new Emitter(table, params, { metadataKeys: true });
  const query = `${params.add(vectorLiteral('query_embedding', input.query, table.columns.get('embedding')!.vectorDimension, table.name))}::vector`;
  const distance = `(embedding ${DISTANCE[input.metric]} ${query})`;
  const where: string[] = [];
  const filter = emitter.filter(input.filter);
  if (filter) where.push(filter);
  const bound = input.threshold === undefined ? undefined : distanceBound(input.metric, input.threshold);
  if (bound !== undefined) where.push(`${distance} <= ${params.add(String(bound))}::float8`);
  const content = table.columns.has('content') ? "coalesce(content, '')" : "''";
  const sql =
    `SELECT id::text AS id, metadata::text AS metadata, ${content} AS content, ${distance}::float8 AS distance ` +
    `FROM ${qualified(env.schema, table.name)}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ` +
    `ORDER BY ${distance} LIMIT ${params.add(String(limit))}`;
  const rows = await asTenant(
    env,
    call,
    { readOnly: true, field: 'filter', settings: indexScanSettings(env, limit) },
    async (session) => (await session.query(sql, params.values)).rows,
  );
  return rows
    .map((row) => {
      const d = Number(row.distance);
      const similarity = similarityOf(input.metric, d);
      return {
        id: String(row.id),
        distance: d,
        similarity,
        metadata: String(row.metadata),
        content: String(row.content),
        textScore: 0,
        vectorScore: similarity,
      };
    })
    .sort((a, b) => a.distance - b.distance);
}

/** The tsvector hybrid search ranks: the table's `fts` column, else one computed from content or metadata. */
function documentVector(table: TableModel): string {
  if (table.columns.get('fts')?.typeName === 'tsvector') return 'fts';
  if (table.columns.has('content')) return "to_tsvector('english'::regconfig, coalesce(content, ''))";
  return `jsonb_to_tsvector('english'::regconfig, metadata, '["string"]'::jsonb)`;
}

/**
 * Text rank and vector similarity combined with the given weights. Candidates are the best matches of each
 * kind (index scans on both sides), scored together: text_score is ts_rank_cd relative to the best text
 * match among the candidates (1 for the best, 0 for no match), vector_score the cosine similarity.
 */
export async function hybridSearch(
  env: VectorEnvironment,
  call: TenantCall,
  input: {
    table: string;
    text: string;
    vector: readonly number[];
    limit: number;
    textWeight: number;
    vectorWeight: number;
    filter: string;
  },
): Promise<SearchHit[]> {
  const table = await embeddingTable(env, input.table);
  const limit = searchLimit(input.limit, env);
  if (input.text.trim() === '' && input.vector.length === 0) {
    throw ServiceError.invalidArgument('text_query', 'give a text query, a vector query, or both');
  }
  if (input.text.length > 10_000)
    throw ServiceError.invalidArgument('text_query', 'must be at most 10000 characters');
  for (const [field, weight] of [
    ['text_weight', input.textWeight],
    ['vector_weight', input.vectorWeight],
  ] as const) {
    if (!Number.isFinite(weight) || weight < 0)
      throw ServiceError.invalidArgument(field, 'must be a finite number ≥ 0');
  }
  const both = input.textWeight === 0 && input.vectorWeight === 0;
  const textWeight = both ? 0.5 : input.textWeight;
  const vectorWeight = both ? 0.5 : input.vectorWeight;
  const params = new Params();
  const emitter = new Emitter(table, params, { metadataKeys: true });
  const filter = emitter.filter(input.filter);
  const and = filter ? ` AND ${filter}` : '';
  const target = qualified(env.schema, table.name);
  const candidates = params.add(String(Math.max(limit * 4, 40)));
  const doc = documentVector(table);
  const hasText = input.text.trim() !== '';
  const hasVector = input.vector.length > 0;
  const tsq = `websearch_to_tsquery('english'::regconfig, ${params.add(input.text)})`;
  const vector = hasVector
    ? `${params.add(vectorLiteral('vector_query', input.vector, table.columns.get('embedding')!.vectorDimension, table.name))}::vector`
    : '';
  const sources: string[] = [];
  if (hasVector)
    sources.push(
      `(SELECT id FROM ${target} WHERE true${and} ORDER BY embedding <=> ${vector} LIMIT ${candidates})`,
    );
  if (hasText) {
    sources.push(
      `(SELECT id FROM ${target}, q WHERE ${doc} @@ q.tsq${and} ORDER BY ts_rank_cd(${doc}, q.tsq) DESC LIMIT ${candidates})`,
    );
  }
  const content = table.columns.has('content') ? "coalesce(t.content, '')" : "''";
  const sql =
    `WITH q AS (SELECT ${tsq} AS tsq), c AS (${sources.join(' UNION ')}) ` +
    `SELECT t.id::text AS id, t.metadata::text AS metadata, ${content} AS content, ` +
    `${hasVector ? `(t.embedding <=> ${vector})::float8` : 'NULL::float8'} AS distance, ` +
    `${hasText ? `ts_rank_cd(${doc}, q.tsq)::float8` : '0::float8'} AS text_score ` +
    `FROM ${target} AS t JOIN c ON c.id = t.id CROSS JOIN q`;
  const rows = await asTenant(
    env,
    call,
    {
      readOnly: true,
      field: 'filter',
      ...(hasVector ? { settings: indexScanSettings(env, Math.max(limit * 4, 40)) } : {}),
    },
    async (session) => (await session.query(sql, params.values)).rows,
  );
  // Text ranks have no fixed scale: the best text match among the candidates scores 1.
  const bestRank = Math.max(0, ...rows.map((row) => Number(row.text_score)));
  return rows
    .map((row) => {
      const distance = row.distance === null ? Number.NaN : Number(row.distance);
      const vectorScore = hasVector ? similarityOf('cosine', distance) : 0;
      const textScore = bestRank > 0 ? Number(row.text_score) / bestRank : 0;
      return {
        id: String(row.id),
        distance: hasVector ? distance : 0,
        similarity: textWeight * textScore + vectorWeight * vectorScore,
        metadata: String(row.metadata),
        content: String(row.content),
        textScore,
        vectorScore,
      };
    })
    .sort((a, b) => b.similarity - a.similarity || a.id.localeCompare(b.id))
    .slice(0, limit);
}
