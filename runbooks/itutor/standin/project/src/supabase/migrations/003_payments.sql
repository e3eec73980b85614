-- 003: payments
create table if not exists payments (id uuid primary key, booking_id uuid not null, provider_reference text unique, status text not null);
