-- The AIAS Platform database as its runbooks see it: the tables the operator playbook queries (profiles,
-- subscription_tiers, workflows, error_logs), what its issues and user support look at (workflow executions,
-- subscriptions Stripe bills, signup rate limits, tenants and row-level security), and seed data.

CREATE SCHEMA auth;
CREATE FUNCTION auth.uid() RETURNS uuid LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('request.jwt.claim.sub', true), '')::uuid $$;

CREATE TABLE tenants (id uuid PRIMARY KEY, name text NOT NULL);
CREATE TABLE profiles (
  id uuid PRIMARY KEY,
  email text UNIQUE NOT NULL,
  tenant_id uuid REFERENCES tenants,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE tenant_members (
  tenant_id uuid NOT NULL REFERENCES tenants,
  user_id uuid NOT NULL REFERENCES profiles,
  role text NOT NULL CHECK (role IN ('owner', 'admin', 'member', 'viewer')),
  PRIMARY KEY (tenant_id, user_id)
);
CREATE TABLE subscription_tiers (
  user_id uuid PRIMARY KEY REFERENCES profiles,
  tier text NOT NULL CHECK (tier IN ('free', 'starter', 'pro', 'enterprise')),
  workflow_limit int NOT NULL,
  stripe_subscription_id text,
  stripe_status text,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE workflows (
  id bigserial PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants,
  owner_id uuid NOT NULL REFERENCES profiles,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE workflow_executions (
  id bigserial PRIMARY KEY,
  workflow_id bigint NOT NULL REFERENCES workflows,
  status text NOT NULL CHECK (status IN ('pending', 'running', 'succeeded', 'failed', 'timeout')),
  error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE TABLE error_logs (
  id bigserial PRIMARY KEY,
  level text NOT NULL,
  source text NOT NULL,
  message text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE signup_rate_limits (
  key text PRIMARY KEY,
  attempts int NOT NULL,
  window_started_at timestamptz NOT NULL,
  blocked_until timestamptz
);

INSERT INTO tenants VALUES ('6d1e2f30-4152-4637-8849-5a6b7c8d9e01', 'Maple Dental'), ('7e2f3041-5263-4748-995a-6b7c8d9e0f02', 'Northern Freight');
INSERT INTO profiles (id, email, tenant_id, created_at) VALUES
  ('8f304152-6374-4859-aa6b-7c8d9e0f1a03', 'owner@mapledental.example', '6d1e2f30-4152-4637-8849-5a6b7c8d9e01', now() - interval '10 days'),
  ('90415263-7485-496a-bb7c-8d9e0f1a2b04', 'ops@northernfreight.example', '7e2f3041-5263-4748-995a-6b7c8d9e0f02', now() - interval '45 days'),
  ('a1526374-8596-4a7b-8c8d-9e0f1a2b3c05', 'new@signup.example', NULL, now() - interval '2 days');
INSERT INTO tenant_members VALUES
  ('6d1e2f30-4152-4637-8849-5a6b7c8d9e01', '8f304152-6374-4859-aa6b-7c8d9e0f1a03', 'owner'),
  ('7e2f3041-5263-4748-995a-6b7c8d9e0f02', '90415263-7485-496a-bb7c-8d9e0f1a2b04', 'admin');
INSERT INTO subscription_tiers (user_id, tier, workflow_limit, stripe_subscription_id, stripe_status) VALUES
  ('8f304152-6374-4859-aa6b-7c8d9e0f1a03', 'pro', 50, 'sub_1QStandinMaple', 'active'),
  ('90415263-7485-496a-bb7c-8d9e0f1a2b04', 'starter', 10, 'sub_1QStandinFreight', 'active'),
  ('a1526374-8596-4a7b-8c8d-9e0f1a2b3c05', 'free', 2, NULL, NULL);
INSERT INTO workflows (tenant_id, owner_id, name, created_at) VALUES
  ('6d1e2f30-4152-4637-8849-5a6b7c8d9e01', '8f304152-6374-4859-aa6b-7c8d9e0f1a03', 'Appointment reminders', now() - interval '9 days'),
  ('6d1e2f30-4152-4637-8849-5a6b7c8d9e01', '8f304152-6374-4859-aa6b-7c8d9e0f1a03', 'Invoice follow-up', now() - interval '3 days'),
  ('7e2f3041-5263-4748-995a-6b7c8d9e0f02', '90415263-7485-496a-bb7c-8d9e0f1a2b04', 'Shipment status emails', now() - interval '30 days');
INSERT INTO workflow_executions (workflow_id, status, created_at, finished_at) VALUES
  (1, 'succeeded', now() - interval '2 hours', now() - interval '2 hours' + interval '4 seconds'),
  (2, 'succeeded', now() - interval '1 hour', now() - interval '1 hour' + interval '9 seconds'),
  (3, 'succeeded', now() - interval '30 minutes', now() - interval '30 minutes' + interval '3 seconds');
INSERT INTO error_logs (level, source, message, created_at) VALUES
  ('warn', 'api/workflows', 'Retrying OpenAI call after 429', now() - interval '3 hours'),
  ('error', 'api/stripe/webhook', 'Webhook signature verification failed (test event)', now() - interval '2 days');

-- Row-level security: a member sees the workflows of their tenants.
ALTER TABLE workflows ENABLE ROW LEVEL SECURITY;
ALTER TABLE workflow_executions ENABLE ROW LEVEL SECURITY;
ALTER TABLE profiles ENABLE ROW LEVEL SECURITY;
CREATE POLICY "Members read their tenant's workflows" ON workflows FOR SELECT
  USING (tenant_id IN (SELECT tenant_id FROM tenant_members WHERE user_id = auth.uid()));
CREATE POLICY "Members read their tenant's executions" ON workflow_executions FOR SELECT
  USING (workflow_id IN (SELECT w.id FROM workflows w JOIN tenant_members m ON m.tenant_id = w.tenant_id WHERE m.user_id = auth.uid()));
CREATE POLICY "Own profile" ON profiles FOR SELECT USING (id = auth.uid());

CREATE SCHEMA supabase_migrations;
CREATE TABLE supabase_migrations.schema_migrations (version text PRIMARY KEY, statements text[], name text);
INSERT INTO supabase_migrations.schema_migrations (version, name) VALUES
  ('20241020100000', 'tenants_and_profiles'), ('20241118090000', 'workflows'), ('20250115140000', 'signup_rate_limits');
