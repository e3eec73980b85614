-- The examples' database: what every-construct.rb.yaml queries and updates.
CREATE TABLE enrollments (id bigserial PRIMARY KEY, user_id uuid NOT NULL, status text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
INSERT INTO enrollments (user_id, status) VALUES
  ('0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f', 'active'),
  ('0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f', 'revoked');
CREATE TABLE jobs (id text PRIMARY KEY, processed boolean NOT NULL DEFAULT false);
INSERT INTO jobs (id) VALUES ('job-42');
CREATE SCHEMA supabase_migrations;
CREATE TABLE supabase_migrations.schema_migrations (version text PRIMARY KEY, statements text[], name text);
