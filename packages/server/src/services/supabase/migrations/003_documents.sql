-- requires: vector
-- The usage guide's `documents` embeddings (OpenAI-sized, 1536 dimensions), searched by cosine similarity
-- and, for hybrid search, by full text over content and the metadata's string values.
CREATE TABLE IF NOT EXISTS documents (
  id text NOT NULL,
  user_id text NOT NULL DEFAULT current_setting('isa.user_id', true),
  content text,
  metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
  embedding vector(1536) NOT NULL,
  fts tsvector GENERATED ALWAYS AS (
    to_tsvector('english'::regconfig, coalesce(content, ''))
      || jsonb_to_tsvector('english'::regconfig, metadata, '["string"]'::jsonb)
  ) STORED,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, id)
);
CREATE INDEX IF NOT EXISTS documents_fts_idx ON documents USING gin (fts);
CREATE INDEX IF NOT EXISTS documents_embedding_hnsw_cosine ON documents USING hnsw (embedding vector_cosine_ops);
