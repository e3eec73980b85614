create table if not exists tenants (id uuid primary key, name text not null);
create table if not exists profiles (id uuid primary key, email text unique not null, tenant_id uuid references tenants, created_at timestamptz not null default now());
