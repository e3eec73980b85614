-- The 7P Education database as its runbooks see it: the tables the support investigation queries
-- (user_profiles, payments, course_enrollments), pg_stat_statements as Supabase exposes it, and seed data.

CREATE TABLE courses (id text PRIMARY KEY, title text NOT NULL, price_cents int NOT NULL);
CREATE TABLE user_profiles (
  id uuid PRIMARY KEY,
  email text UNIQUE NOT NULL,
  full_name text NOT NULL,
  role text NOT NULL DEFAULT 'student',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE payments (
  id bigserial PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES user_profiles,
  course_id text REFERENCES courses,
  amount_cents int NOT NULL,
  currency text NOT NULL DEFAULT 'try',
  status text NOT NULL CHECK (status IN ('succeeded', 'pending', 'failed', 'refunded')),
  stripe_payment_intent text UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE course_enrollments (
  id bigserial PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES user_profiles,
  course_id text NOT NULL REFERENCES courses,
  status text NOT NULL CHECK (status IN ('active', 'completed', 'cancelled')),
  progress int NOT NULL DEFAULT 0,
  enrolled_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO courses VALUES ('react-101', 'React ile Web Geliştirme', 149900), ('node-201', 'Node.js Backend', 199900);
INSERT INTO user_profiles (id, email, full_name) VALUES
  ('3a7c9e1f-2b4d-4f6a-8c0e-1a3b5c7d9e01', 'ayse@example.com', 'Ayşe Yılmaz'),
  ('4b8d0f2a-3c5e-4a7b-9d1f-2b4c6d8e0f02', 'mehmet@example.com', 'Mehmet Demir');
INSERT INTO payments (user_id, course_id, amount_cents, status, stripe_payment_intent, created_at) VALUES
  ('3a7c9e1f-2b4d-4f6a-8c0e-1a3b5c7d9e01', 'react-101', 149900, 'succeeded', 'pi_3QStandinAyse1', now() - interval '12 days'),
  ('4b8d0f2a-3c5e-4a7b-9d1f-2b4c6d8e0f02', 'node-201', 199900, 'succeeded', 'pi_3QStandinMehmet1', now() - interval '3 days');
INSERT INTO course_enrollments (user_id, course_id, status, progress, enrolled_at) VALUES
  ('3a7c9e1f-2b4d-4f6a-8c0e-1a3b5c7d9e01', 'react-101', 'active', 42, now() - interval '12 days'),
  ('4b8d0f2a-3c5e-4a7b-9d1f-2b4c6d8e0f02', 'node-201', 'active', 5, now() - interval '3 days');

-- Supabase enables pg_stat_statements; a local server without it in shared_preload_libraries cannot, so the
-- stand-in has its view's columns here, with what a week of the application looks like.
CREATE TABLE pg_stat_statements (
  userid oid, dbid oid, queryid bigint, query text NOT NULL, calls bigint NOT NULL,
  total_exec_time double precision NOT NULL, mean_exec_time double precision NOT NULL, rows bigint NOT NULL
);
INSERT INTO pg_stat_statements (query, calls, total_exec_time, mean_exec_time, rows) VALUES
  ('SELECT * FROM course_enrollments WHERE user_id = $1', 48211, 40977.4, 0.85, 96422),
  ('SELECT * FROM courses ORDER BY title', 90412, 28931.8, 0.32, 180824),
  ('INSERT INTO payments (user_id, course_id, amount_cents, status, stripe_payment_intent) VALUES ($1, $2, $3, $4, $5)', 1804, 5051.2, 2.8, 1804);

CREATE SCHEMA supabase_migrations;
CREATE TABLE supabase_migrations.schema_migrations (version text PRIMARY KEY, statements text[], name text);
INSERT INTO supabase_migrations.schema_migrations (version, name) VALUES ('20241201100000', 'initial'), ('20250105090000', 'payments');
