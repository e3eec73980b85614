--
-- PostgreSQL database dump
--

\restrict RYK1fIzi6BVgX5vDjEWgW5NKxuZdCahpumJzwkRCIc0LZSNYlSm07LUdDofS8n9

-- Dumped from database version 15.20 (Debian 15.20-0+deb12u1)
-- Dumped by pg_dump version 15.20 (Debian 15.20-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: public; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA public;


--
-- Name: SCHEMA public; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON SCHEMA public IS 'standard public schema';


--
-- Name: complete_booking_payment(uuid, uuid, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.complete_booking_payment(p_booking_id uuid, p_payment_id uuid, p_provider_reference text) RETURNS text
    LANGUAGE plpgsql
    AS $$
BEGIN
  UPDATE payments SET status = 'succeeded', completed_at = now(), provider_reference = p_provider_reference
   WHERE id = p_payment_id AND booking_id = p_booking_id AND status = 'pending';
  IF NOT FOUND THEN
    RAISE EXCEPTION 'payment % of booking % is not pending', p_payment_id, p_booking_id;
  END IF;
  UPDATE bookings SET status = 'confirmed', paid_at = now() WHERE id = p_booking_id;
  RETURN 'confirmed';
END $$;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: bookings; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.bookings (
    id uuid NOT NULL,
    student_id uuid NOT NULL,
    tutor_id uuid NOT NULL,
    starts_at timestamp with time zone NOT NULL,
    price_ttd numeric(10,2) NOT NULL,
    status text NOT NULL,
    paid_at timestamp with time zone,
    CONSTRAINT bookings_status_check CHECK ((status = ANY (ARRAY['pending_payment'::text, 'confirmed'::text, 'completed'::text, 'cancelled'::text])))
);


--
-- Name: notifications; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.notifications (
    id bigint NOT NULL,
    user_id uuid NOT NULL,
    body text NOT NULL,
    read boolean DEFAULT false NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: notifications_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.notifications_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: notifications_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.notifications_id_seq OWNED BY public.notifications.id;


--
-- Name: notifications_archive; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.notifications_archive (
    id bigint DEFAULT nextval('public.notifications_id_seq'::regclass) NOT NULL,
    user_id uuid NOT NULL,
    body text NOT NULL,
    read boolean DEFAULT false NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: payments; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.payments (
    id uuid NOT NULL,
    booking_id uuid NOT NULL,
    provider text DEFAULT 'wipay'::text NOT NULL,
    provider_reference text,
    amount_ttd numeric(10,2) NOT NULL,
    status text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    completed_at timestamp with time zone,
    CONSTRAINT payments_status_check CHECK ((status = ANY (ARRAY['pending'::text, 'succeeded'::text, 'failed'::text])))
);


--
-- Name: profiles; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.profiles (
    id uuid NOT NULL,
    email text NOT NULL,
    full_name text NOT NULL,
    role text NOT NULL,
    last_sign_in_at timestamp with time zone,
    CONSTRAINT profiles_role_check CHECK ((role = ANY (ARRAY['student'::text, 'tutor'::text, 'reviewer'::text, 'admin'::text])))
);


--
-- Name: verification_requests; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.verification_requests (
    id bigint NOT NULL,
    tutor_id uuid NOT NULL,
    document_path text NOT NULL,
    status text NOT NULL,
    submitted_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT verification_requests_status_check CHECK ((status = ANY (ARRAY['pending'::text, 'approved'::text, 'rejected'::text])))
);


--
-- Name: verification_requests_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.verification_requests_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: verification_requests_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.verification_requests_id_seq OWNED BY public.verification_requests.id;


--
-- Name: notifications id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.notifications ALTER COLUMN id SET DEFAULT nextval('public.notifications_id_seq'::regclass);


--
-- Name: verification_requests id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.verification_requests ALTER COLUMN id SET DEFAULT nextval('public.verification_requests_id_seq'::regclass);


--
-- Data for Name: bookings; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.bookings (id, student_id, tutor_id, starts_at, price_ttd, status, paid_at) FROM stdin;
a0000000-0000-4000-8000-000000000001	b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d01	c2d3e4f5-a6b7-4c8d-9e0f-1a2b3c4d5e02	2026-11-26 15:42:22.650982+00	250.00	confirmed	2026-11-23 15:42:22.650982+00
a0000000-0000-4000-8000-000000000002	b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d01	d3e4f5a6-b7c8-4d9e-8f1a-2b3c4d5e6f03	2026-11-28 15:42:22.650982+00	300.00	pending_payment	\N
\.


--
-- Data for Name: notifications; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.notifications (id, user_id, body, read, created_at) FROM stdin;
1	b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d01	Welcome to iTutor	t	2026-05-08 15:42:22.652138+00
2	b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d01	Your session with Maya is confirmed	t	2026-07-27 15:42:22.652138+00
3	b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d01	Your session with Ravi awaits payment	f	2026-11-24 13:42:22.652138+00
\.


--
-- Data for Name: notifications_archive; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.notifications_archive (id, user_id, body, read, created_at) FROM stdin;
\.


--
-- Data for Name: payments; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.payments (id, booking_id, provider, provider_reference, amount_ttd, status, created_at, completed_at) FROM stdin;
90000000-0000-4000-8000-000000000001	a0000000-0000-4000-8000-000000000001	wipay	TX123400	250.00	succeeded	2026-11-23 15:42:22.65167+00	2026-11-23 15:42:22.65167+00
90000000-0000-4000-8000-000000000002	a0000000-0000-4000-8000-000000000002	wipay	TX123456	300.00	pending	2026-11-24 13:42:22.65167+00	\N
\.


--
-- Data for Name: profiles; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.profiles (id, email, full_name, role, last_sign_in_at) FROM stdin;
b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d01	kai@student.example	Kai Student	student	2026-11-23 15:42:22.650469+00
c2d3e4f5-a6b7-4c8d-9e0f-1a2b3c4d5e02	maya@tutor.example	Maya Tutor	tutor	2026-11-22 15:42:22.650469+00
d3e4f5a6-b7c8-4d9e-8f1a-2b3c4d5e6f03	ravi@tutor.example	Ravi Tutor	tutor	2026-11-19 15:42:22.650469+00
e4f5a6b7-c8d9-4e0f-9a2b-3c4d5e6f7a04	admin@itutor.example	Ops Admin	admin	2026-11-24 12:42:22.650469+00
f5a6b7c8-d9e0-4f1a-8b3c-4d5e6f7a8b05	reviewer@itutor.example	Rene Reviewer	reviewer	2026-11-12 15:42:22.650469+00
\.


--
-- Data for Name: verification_requests; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.verification_requests (id, tutor_id, document_path, status, submitted_at) FROM stdin;
1	c2d3e4f5-a6b7-4c8d-9e0f-1a2b3c4d5e02	verifications/maya/certificate.pdf	approved	2026-10-15 15:42:22.652521+00
2	d3e4f5a6-b7c8-4d9e-8f1a-2b3c4d5e6f03	verifications/ravi/degree.pdf	pending	2026-11-22 15:42:22.652521+00
\.


--
-- Name: notifications_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.notifications_id_seq', 3, true);


--
-- Name: verification_requests_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.verification_requests_id_seq', 2, true);


--
-- Name: bookings bookings_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.bookings
    ADD CONSTRAINT bookings_pkey PRIMARY KEY (id);


--
-- Name: notifications_archive notifications_archive_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.notifications_archive
    ADD CONSTRAINT notifications_archive_pkey PRIMARY KEY (id);


--
-- Name: notifications notifications_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.notifications
    ADD CONSTRAINT notifications_pkey PRIMARY KEY (id);


--
-- Name: payments payments_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payments
    ADD CONSTRAINT payments_pkey PRIMARY KEY (id);


--
-- Name: payments payments_provider_reference_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payments
    ADD CONSTRAINT payments_provider_reference_key UNIQUE (provider_reference);


--
-- Name: profiles profiles_email_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.profiles
    ADD CONSTRAINT profiles_email_key UNIQUE (email);


--
-- Name: profiles profiles_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.profiles
    ADD CONSTRAINT profiles_pkey PRIMARY KEY (id);


--
-- Name: verification_requests verification_requests_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.verification_requests
    ADD CONSTRAINT verification_requests_pkey PRIMARY KEY (id);


--
-- Name: bookings bookings_student_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.bookings
    ADD CONSTRAINT bookings_student_id_fkey FOREIGN KEY (student_id) REFERENCES public.profiles(id);


--
-- Name: bookings bookings_tutor_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.bookings
    ADD CONSTRAINT bookings_tutor_id_fkey FOREIGN KEY (tutor_id) REFERENCES public.profiles(id);


--
-- Name: notifications notifications_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.notifications
    ADD CONSTRAINT notifications_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.profiles(id);


--
-- Name: payments payments_booking_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payments
    ADD CONSTRAINT payments_booking_id_fkey FOREIGN KEY (booking_id) REFERENCES public.bookings(id);


--
-- Name: verification_requests verification_requests_tutor_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.verification_requests
    ADD CONSTRAINT verification_requests_tutor_id_fkey FOREIGN KEY (tutor_id) REFERENCES public.profiles(id);


--
-- Name: bookings Participants read their bookings; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Participants read their bookings" ON public.bookings FOR SELECT USING (((student_id = auth.uid()) OR (tutor_id = auth.uid())));


--
-- Name: bookings Students create own bookings; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Students create own bookings" ON public.bookings FOR INSERT WITH CHECK ((student_id = auth.uid()));


--
-- Name: payments Students read their payments; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY "Students read their payments" ON public.payments FOR SELECT USING ((booking_id IN ( SELECT bookings.id
   FROM public.bookings
  WHERE (bookings.student_id = auth.uid()))));


--
-- Name: bookings; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.bookings ENABLE ROW LEVEL SECURITY;

--
-- Name: payments; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.payments ENABLE ROW LEVEL SECURITY;

--
-- PostgreSQL database dump complete
--

\unrestrict RYK1fIzi6BVgX5vDjEWgW5NKxuZdCahpumJzwkRCIc0LZSNYlSm07LUdDofS8n9

