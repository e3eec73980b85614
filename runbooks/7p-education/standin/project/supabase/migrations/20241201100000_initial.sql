create table if not exists courses (id text primary key, title text not null, price_cents int not null);
