-- 002: bookings
create table if not exists bookings (id uuid primary key, student_id uuid not null, tutor_id uuid not null, status text not null);
