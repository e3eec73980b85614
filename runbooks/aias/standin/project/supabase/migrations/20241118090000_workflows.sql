create table if not exists workflows (id bigserial primary key, tenant_id uuid not null references tenants, name text not null, created_at timestamptz not null default now());
