create table if not exists payments (id bigserial primary key, course_id text, amount_cents int not null, status text not null);
