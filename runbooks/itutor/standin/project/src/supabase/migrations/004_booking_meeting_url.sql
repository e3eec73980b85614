-- =====================================================
-- Migration: Meeting link on bookings
-- Date: 2025-01-27
-- =====================================================

-- Check if change already applied (idempotency)
DO $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM information_schema.columns
    WHERE table_name = 'bookings' AND column_name = 'meeting_url'
  ) THEN
    ALTER TABLE bookings ADD COLUMN meeting_url TEXT;
  END IF;
END $$;

-- Create indexes
CREATE INDEX IF NOT EXISTS idx_bookings_tutor ON bookings(tutor_id);
