-- The iTutor database as its runbooks see it: profiles, bookings and WiPay payments with complete_booking_payment(),
-- notifications, tutor verification requests, row-level security with Supabase's auth.uid(), and seed data —
-- including the document's example of a payment stuck in pending (provider reference TX123456).

CREATE SCHEMA auth;
CREATE FUNCTION auth.uid() RETURNS uuid LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('request.jwt.claim.sub', true), '')::uuid $$;

CREATE TABLE profiles (
  id uuid PRIMARY KEY,
  email text UNIQUE NOT NULL,
  full_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('student', 'tutor', 'reviewer', 'admin')),
  last_sign_in_at timestamptz
);
CREATE TABLE bookings (
  id uuid PRIMARY KEY,
  student_id uuid NOT NULL REFERENCES profiles,
  tutor_id uuid NOT NULL REFERENCES profiles,
  starts_at timestamptz NOT NULL,
  price_ttd numeric(10, 2) NOT NULL,
  status text NOT NULL CHECK (status IN ('pending_payment', 'confirmed', 'completed', 'cancelled')),
  paid_at timestamptz
);
CREATE TABLE payments (
  id uuid PRIMARY KEY,
  booking_id uuid NOT NULL REFERENCES bookings,
  provider text NOT NULL DEFAULT 'wipay',
  provider_reference text UNIQUE,
  amount_ttd numeric(10, 2) NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
  created_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz
);
-- What the WiPay webhook calls when a payment succeeds; the runbook calls it by hand when the webhook was lost.
CREATE FUNCTION complete_booking_payment(p_booking_id uuid, p_payment_id uuid, p_provider_reference text)
RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  UPDATE payments SET status = 'succeeded', completed_at = now(), provider_reference = p_provider_reference
   WHERE id = p_payment_id AND booking_id = p_booking_id AND status = 'pending';
  IF NOT FOUND THEN
    RAISE EXCEPTION 'payment % of booking % is not pending', p_payment_id, p_booking_id;
  END IF;
  UPDATE bookings SET status = 'confirmed', paid_at = now() WHERE id = p_booking_id;
  RETURN 'confirmed';
END $$;
CREATE TABLE notifications (
  id bigserial PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES profiles,
  body text NOT NULL,
  read boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE notifications_archive (LIKE notifications INCLUDING ALL);
CREATE TABLE verification_requests (
  id bigserial PRIMARY KEY,
  tutor_id uuid NOT NULL REFERENCES profiles,
  document_path text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
  submitted_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO profiles VALUES
  ('b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d01', 'kai@student.example', 'Kai Student', 'student', now() - interval '1 day'),
  ('c2d3e4f5-a6b7-4c8d-9e0f-1a2b3c4d5e02', 'maya@tutor.example', 'Maya Tutor', 'tutor', now() - interval '2 days'),
  ('d3e4f5a6-b7c8-4d9e-8f1a-2b3c4d5e6f03', 'ravi@tutor.example', 'Ravi Tutor', 'tutor', now() - interval '5 days'),
  ('e4f5a6b7-c8d9-4e0f-9a2b-3c4d5e6f7a04', 'admin@itutor.example', 'Ops Admin', 'admin', now() - interval '3 hours'),
  ('f5a6b7c8-d9e0-4f1a-8b3c-4d5e6f7a8b05', 'reviewer@itutor.example', 'Rene Reviewer', 'reviewer', now() - interval '12 days');
INSERT INTO bookings VALUES
  ('a0000000-0000-4000-8000-000000000001', 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d01', 'c2d3e4f5-a6b7-4c8d-9e0f-1a2b3c4d5e02', now() + interval '2 days', 250.00, 'confirmed', now() - interval '1 day'),
  ('a0000000-0000-4000-8000-000000000002', 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d01', 'd3e4f5a6-b7c8-4d9e-8f1a-2b3c4d5e6f03', now() + interval '4 days', 300.00, 'pending_payment', NULL);
INSERT INTO payments (id, booking_id, provider_reference, amount_ttd, status, created_at, completed_at) VALUES
  ('90000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000001', 'TX123400', 250.00, 'succeeded', now() - interval '1 day', now() - interval '1 day'),
  ('90000000-0000-4000-8000-000000000002', 'a0000000-0000-4000-8000-000000000002', 'TX123456', 300.00, 'pending', now() - interval '2 hours', NULL);
INSERT INTO notifications (user_id, body, read, created_at) VALUES
  ('b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d01', 'Welcome to iTutor', true, now() - interval '200 days'),
  ('b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d01', 'Your session with Maya is confirmed', true, now() - interval '120 days'),
  ('b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d01', 'Your session with Ravi awaits payment', false, now() - interval '2 hours');
INSERT INTO verification_requests (tutor_id, document_path, status, submitted_at) VALUES
  ('c2d3e4f5-a6b7-4c8d-9e0f-1a2b3c4d5e02', 'verifications/maya/certificate.pdf', 'approved', now() - interval '40 days'),
  ('d3e4f5a6-b7c8-4d9e-8f1a-2b3c4d5e6f03', 'verifications/ravi/degree.pdf', 'pending', now() - interval '2 days');

ALTER TABLE bookings ENABLE ROW LEVEL SECURITY;
CREATE POLICY "Participants read their bookings" ON bookings FOR SELECT
  USING (student_id = auth.uid() OR tutor_id = auth.uid());
CREATE POLICY "Students create own bookings" ON bookings FOR INSERT
  WITH CHECK (student_id = auth.uid());
ALTER TABLE payments ENABLE ROW LEVEL SECURITY;
CREATE POLICY "Students read their payments" ON payments FOR SELECT
  USING (booking_id IN (SELECT id FROM bookings WHERE student_id = auth.uid()));
