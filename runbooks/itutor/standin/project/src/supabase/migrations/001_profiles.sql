-- 001: profiles
create table if not exists profiles (id uuid primary key, email text unique not null, full_name text not null, role text not null);
