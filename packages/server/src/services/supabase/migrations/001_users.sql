-- The usage guide's `users` table: query('users', { select: 'id, name, email', filter: 'age>25', ... }).
-- user_id, row-level security and the tenant policies are added by the service after every migration.
CREATE TABLE IF NOT EXISTS users (
  id bigserial,
  user_id text NOT NULL DEFAULT current_setting('isa.user_id', true),
  name text,
  email text,
  age integer,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, id)
);
