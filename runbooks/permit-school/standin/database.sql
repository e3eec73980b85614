-- The Permit School database as its runbooks see it: the tables and functions the operational document queries
-- (profiles, enrollments, billing_subscriptions, certificates, audit_logs with verify_audit_signature,
-- jurisdiction_configs), Supabase's auth schema and migration history, row-level security on every table, and
-- seed data. Faults of standin.yaml change it after this file has run.

CREATE SCHEMA auth;
CREATE TABLE auth.users (
  id uuid PRIMARY KEY,
  email text UNIQUE NOT NULL,
  email_confirmed_at timestamptz,
  banned_until timestamptz,
  last_sign_in_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
-- As Supabase defines it: the user of the request's JWT.
CREATE FUNCTION auth.uid() RETURNS uuid LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('request.jwt.claim.sub', true), '')::uuid $$;

CREATE TABLE profiles (
  id uuid PRIMARY KEY REFERENCES auth.users,
  full_name text NOT NULL,
  role text NOT NULL DEFAULT 'student' CHECK (role IN ('student', 'admin', 'instructor')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE courses (
  id text PRIMARY KEY,
  title text NOT NULL,
  jurisdiction text NOT NULL
);
CREATE TABLE enrollments (
  id bigserial PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES profiles,
  course_id text NOT NULL REFERENCES courses,
  status text NOT NULL CHECK (status IN ('active', 'completed', 'expired', 'revoked')),
  enrolled_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz
);
CREATE TABLE billing_subscriptions (
  id bigserial PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES profiles,
  stripe_subscription_id text UNIQUE NOT NULL,
  status text NOT NULL CHECK (status IN ('active', 'trialing', 'past_due', 'canceled', 'incomplete')),
  current_period_end timestamptz NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE billing_invoices (
  id text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES profiles,
  subscription_id bigint REFERENCES billing_subscriptions,
  amount_cents int NOT NULL,
  status text NOT NULL CHECK (status IN ('paid', 'open', 'uncollectible', 'void')),
  due_date date NOT NULL,
  dunning_stage int NOT NULL DEFAULT 0
);
CREATE TABLE certificates (
  id bigserial PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES profiles,
  course_id text NOT NULL REFERENCES courses,
  certificate_number text UNIQUE NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'issued', 'voided')),
  pdf_path text,
  void_reason text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE jurisdiction_configs (
  jurisdiction text PRIMARY KEY,
  certificates_enabled boolean NOT NULL,
  payments_enabled boolean NOT NULL,
  dmv_reporting_enabled boolean NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE dsar_requests (
  id bigserial PRIMARY KEY,
  user_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('export', 'delete')),
  requested_at timestamptz NOT NULL,
  completed_at timestamptz
);

-- Tamper-evident audit log: each row is signed with a key the application holds; verify_audit_signature(id)
-- recomputes the signature from the row as it is now.
CREATE SCHEMA private;
CREATE TABLE private.audit_signing_key (key text NOT NULL);
INSERT INTO private.audit_signing_key VALUES ('standin-audit-signing-key');
CREATE TABLE audit_logs (
  id bigserial PRIMARY KEY,
  actor_id uuid,
  action text NOT NULL,
  details jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  signature text
);
CREATE FUNCTION private.audit_signature(log audit_logs) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to((SELECT key FROM private.audit_signing_key) || '|' || log.id || '|'
    || coalesce(log.actor_id::text, '') || '|' || log.action || '|' || log.details::text || '|'
    || extract(epoch FROM log.created_at)::text, 'UTF8')), 'hex')
$$;
CREATE FUNCTION verify_audit_signature(log_id bigint) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(l.signature = private.audit_signature(l), false) FROM audit_logs l WHERE l.id = log_id
$$;

-- Seed: the student the support runbooks look at, a few others, an admin.
INSERT INTO auth.users (id, email, email_confirmed_at, last_sign_in_at, created_at) VALUES
  ('5f0c8a52-3d4e-4b1a-9c7e-2a6b1d9e8f01', 'student@example.com', now() - interval '90 days', now() - interval '2 hours', now() - interval '90 days'),
  ('7b2d4e61-8a9c-4f3b-b5d2-6e1f0a3c9d02', 'learner@example.com', now() - interval '40 days', now() - interval '1 day', now() - interval '40 days'),
  ('9c4e6f73-1b2d-4a5c-8e7f-0a1b2c3d4e03', 'driver@example.com', now() - interval '20 days', now() - interval '3 days', now() - interval '20 days'),
  ('1d5f7a84-2c3e-4b6d-9f8a-1b2c3d4e5f04', 'admin@permitschool.example', now() - interval '400 days', now() - interval '1 hour', now() - interval '400 days');
INSERT INTO profiles (id, full_name, role) VALUES
  ('5f0c8a52-3d4e-4b1a-9c7e-2a6b1d9e8f01', 'Sam Student', 'student'),
  ('7b2d4e61-8a9c-4f3b-b5d2-6e1f0a3c9d02', 'Lee Learner', 'student'),
  ('9c4e6f73-1b2d-4a5c-8e7f-0a1b2c3d4e03', 'Dana Driver', 'student'),
  ('1d5f7a84-2c3e-4b6d-9f8a-1b2c3d4e5f04', 'Avery Admin', 'admin');
INSERT INTO courses VALUES ('ca-permit-prep', 'California Permit Prep', 'CA'), ('tx-permit-prep', 'Texas Permit Prep', 'TX');
INSERT INTO enrollments (user_id, course_id, status, enrolled_at, expires_at) VALUES
  ('5f0c8a52-3d4e-4b1a-9c7e-2a6b1d9e8f01', 'ca-permit-prep', 'active', now() - interval '60 days', now() + interval '305 days'),
  ('7b2d4e61-8a9c-4f3b-b5d2-6e1f0a3c9d02', 'ca-permit-prep', 'completed', now() - interval '40 days', now() + interval '325 days'),
  ('9c4e6f73-1b2d-4a5c-8e7f-0a1b2c3d4e03', 'tx-permit-prep', 'active', now() - interval '20 days', now() + interval '345 days');
INSERT INTO billing_subscriptions (user_id, stripe_subscription_id, status, current_period_end) VALUES
  ('5f0c8a52-3d4e-4b1a-9c7e-2a6b1d9e8f01', 'sub_1QStandinSam', 'active', now() + interval '20 days'),
  ('7b2d4e61-8a9c-4f3b-b5d2-6e1f0a3c9d02', 'sub_1QStandinLee', 'canceled', now() - interval '10 days'),
  ('9c4e6f73-1b2d-4a5c-8e7f-0a1b2c3d4e03', 'sub_1QStandinDana', 'active', now() + interval '5 days');
INSERT INTO billing_invoices (id, user_id, subscription_id, amount_cents, status, due_date) VALUES
  ('in_1QStandin0001', '5f0c8a52-3d4e-4b1a-9c7e-2a6b1d9e8f01', 1, 2900, 'paid', current_date - 10),
  ('in_1QStandin0002', '7b2d4e61-8a9c-4f3b-b5d2-6e1f0a3c9d02', 2, 2900, 'paid', current_date - 40),
  ('in_1QStandin0003', '9c4e6f73-1b2d-4a5c-8e7f-0a1b2c3d4e03', 3, 2900, 'open', current_date + 5);
-- Certificate numbers run without gaps; one was voided, with its reason.
INSERT INTO certificates (user_id, course_id, certificate_number, status, pdf_path, void_reason, created_at) VALUES
  ('7b2d4e61-8a9c-4f3b-b5d2-6e1f0a3c9d02', 'ca-permit-prep', 'PERMIT-2025-000098', 'voided', NULL, 'issued with a misspelt name; reissued as PERMIT-2025-000099', date_trunc('month', now()) - interval '20 days'),
  ('7b2d4e61-8a9c-4f3b-b5d2-6e1f0a3c9d02', 'ca-permit-prep', 'PERMIT-2025-000099', 'issued', 'certificates/7b2d4e61-8a9c-4f3b-b5d2-6e1f0a3c9d02/PERMIT-2025-000099.pdf', NULL, date_trunc('month', now()) - interval '19 days'),
  ('5f0c8a52-3d4e-4b1a-9c7e-2a6b1d9e8f01', 'ca-permit-prep', 'PERMIT-2025-000100', 'issued', 'certificates/5f0c8a52-3d4e-4b1a-9c7e-2a6b1d9e8f01/PERMIT-2025-000100.pdf', NULL, date_trunc('month', now()) + interval '1 hour'),
  ('9c4e6f73-1b2d-4a5c-8e7f-0a1b2c3d4e03', 'tx-permit-prep', 'PERMIT-2025-000101', 'issued', 'certificates/9c4e6f73-1b2d-4a5c-8e7f-0a1b2c3d4e03/PERMIT-2025-000101.pdf', NULL, date_trunc('month', now()) + interval '2 hours');
INSERT INTO jurisdiction_configs (jurisdiction, certificates_enabled, payments_enabled, dmv_reporting_enabled) VALUES
  ('CA', true, true, true), ('TX', true, true, false);
INSERT INTO dsar_requests (user_id, kind, requested_at, completed_at) VALUES
  ('7b2d4e61-8a9c-4f3b-b5d2-6e1f0a3c9d02', 'export', now() - interval '50 days', now() - interval '44 days'),
  ('9c4e6f73-1b2d-4a5c-8e7f-0a1b2c3d4e03', 'export', now() - interval '5 days', NULL);
INSERT INTO audit_logs (actor_id, action, details, created_at) VALUES
  ('1d5f7a84-2c3e-4b6d-9f8a-1b2c3d4e5f04', 'certificate.voided', '{"certificate": "PERMIT-2025-000098"}', now() - interval '6 days'),
  ('1d5f7a84-2c3e-4b6d-9f8a-1b2c3d4e5f04', 'certificate.issued', '{"certificate": "PERMIT-2025-000099"}', now() - interval '6 days'),
  ('5f0c8a52-3d4e-4b1a-9c7e-2a6b1d9e8f01', 'course.completed', '{"course": "ca-permit-prep"}', now() - interval '3 days'),
  ('1d5f7a84-2c3e-4b6d-9f8a-1b2c3d4e5f04', 'certificate.issued', '{"certificate": "PERMIT-2025-000100"}', now() - interval '3 days'),
  ('1d5f7a84-2c3e-4b6d-9f8a-1b2c3d4e5f04', 'dmv.report_generated', '{"month": "previous"}', now() - interval '1 day');
UPDATE audit_logs l SET signature = private.audit_signature(l);

-- Row-level security on every table of the API, as the document's security measures require.
DO $$
DECLARE t text;
BEGIN
  FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
  END LOOP;
END $$;
CREATE POLICY "Own profile" ON profiles FOR SELECT USING (id = auth.uid());
CREATE POLICY "Own enrollments" ON enrollments FOR SELECT USING (user_id = auth.uid());
CREATE POLICY "Own certificates" ON certificates FOR SELECT USING (user_id = auth.uid());

-- The migrations the linked project has had (supabase/migrations of the project holds the same versions).
CREATE SCHEMA supabase_migrations;
CREATE TABLE supabase_migrations.schema_migrations (version text PRIMARY KEY, statements text[], name text);
INSERT INTO supabase_migrations.schema_migrations (version, name) VALUES
  ('20241102090000', 'initial_schema'), ('20241215120000', 'certificates_and_audit'), ('20250110083000', 'jurisdiction_configs');
