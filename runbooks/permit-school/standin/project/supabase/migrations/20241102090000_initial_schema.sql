create table if not exists profiles (id uuid primary key, full_name text not null, role text not null default 'student', created_at timestamptz not null default now());
create table if not exists courses (id text primary key, title text not null, jurisdiction text not null);
create table if not exists enrollments (id bigserial primary key, user_id uuid not null references profiles, course_id text not null references courses, status text not null, enrolled_at timestamptz not null default now(), expires_at timestamptz);
create table if not exists billing_subscriptions (id bigserial primary key, user_id uuid not null references profiles, stripe_subscription_id text unique not null, status text not null, current_period_end timestamptz not null, updated_at timestamptz not null default now());
