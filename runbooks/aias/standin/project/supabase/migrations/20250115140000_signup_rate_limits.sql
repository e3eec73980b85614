create table if not exists signup_rate_limits (key text primary key, attempts int not null, window_started_at timestamptz not null, blocked_until timestamptz);
