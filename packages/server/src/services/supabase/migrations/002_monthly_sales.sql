-- The usage guide's analytics workflow stores DuckDB's monthly aggregation here.
CREATE TABLE IF NOT EXISTS monthly_sales (
  id bigserial,
  user_id text NOT NULL DEFAULT current_setting('isa.user_id', true),
  month date NOT NULL,
  total_sales numeric,
  num_transactions bigint,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, id)
);
