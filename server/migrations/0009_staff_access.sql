-- Staff access: what training was recorded (course, date, by whom), and password resets by an admin-issued link.

-- The training on record: the course, the day it was completed (training_completed_at, as before), who recorded it
-- and when. The audit log keeps every earlier record.
ALTER TABLE staff ADD COLUMN training_course text;
ALTER TABLE staff ADD COLUMN training_recorded_by uuid REFERENCES staff(id);
ALTER TABLE staff ADD COLUMN training_recorded_at timestamptz;

-- A one-time link an admin passes on to someone who forgot their password. Only the token's hash is kept; it
-- expires, works once, and a newer link for the same person revokes the older one.
CREATE TABLE password_resets (
  id uuid PRIMARY KEY,
  token_hash text NOT NULL UNIQUE,
  staff_id uuid NOT NULL REFERENCES staff(id),
  issued_by uuid NOT NULL REFERENCES staff(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX password_resets_staff ON password_resets (staff_id);
