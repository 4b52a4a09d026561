/** Guide § Supabase Client — vector operations (pgvector): upsert, similarity, hybrid, batch. */
import { SupabaseClient } from '@isa-cloud/sdk';
import type { ExampleEnv } from './support/env.js';

/** A seeded stand-in for `random.random()`, so runs are repeatable. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

export async function run(env: ExampleEnv) {
  await using client = new SupabaseClient({
    host: env.host,
    port: env.port('supabase'),
    userId: 'user_123',
    enableCompression: false,
  });
  const random = seeded(42);

  // Generate a fake embedding (1536 dimensions, as OpenAI's)
  const embedding = Array.from({ length: 1536 }, () => random());

  // Upsert embedding
  const docId = await client.upsertEmbedding('documents', 'doc_001', embedding, {
    metadata: { title: 'Test Document', category: 'tech' },
    content: 'An introduction to machine learning',
  });
  env.print(`upserted: ${docId}`);

  // Batch upsert
  const embeddingsData = Array.from({ length: 100 }, (_, i) => ({
    id: `doc_${String(i + 2).padStart(3, '0')}`,
    embedding: Array.from({ length: 1536 }, () => random()),
    metadata: { title: `Document ${i + 2}`, index: i + 2, category: i % 2 === 0 ? 'tech' : 'life' },
  }));
  const count = await client.batchUpsertEmbeddings('documents', embeddingsData);
  env.print(`Batch inserted ${count} embeddings`);

  // Similarity search: a query close to doc_001
  const queryEmbedding = embedding.map((v) => v + (random() - 0.5) * 0.01);
  const results =
    (await client.similaritySearch('documents', queryEmbedding, {
      limit: 10,
      filter: 'category=eq.tech',
      threshold: 0.7,
    })) ?? [];
  for (const result of results.slice(0, 3)) {
    env.print(`  ID: ${result.id}, Similarity: ${result.similarity.toFixed(3)}`);
    env.print(`  Metadata: ${JSON.stringify(result.metadata)}`);
  }

  // Hybrid search (text + vector)
  const hybrid =
    (await client.hybridSearch('documents', 'machine learning', queryEmbedding, {
      limit: 10,
      textWeight: 0.5,
      vectorWeight: 0.5,
    })) ?? [];
  env.print(`hybrid top: ${hybrid[0]?.id}`);
  return { docId, count, results, hybrid };
}
