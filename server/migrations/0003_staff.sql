-- Staff accounts, sign-in and shifts: invitations, two-factor, refresh-token families, the shift schedule.

-- Two-factor: the TOTP secret is encrypted with the field cipher; a pending one waits for its first code.
-- totp_last_counter is the last time step accepted, so a code is never accepted twice.
ALTER TABLE staff ADD COLUMN totp_secret_enc text;
ALTER TABLE staff ADD COLUMN totp_pending_secret_enc text;
ALTER TABLE staff ADD COLUMN totp_enabled_at timestamptz;
ALTER TABLE staff ADD COLUMN totp_last_counter bigint;
ALTER TABLE staff ADD COLUMN invited_by uuid REFERENCES staff(id);

-- One-time recovery codes; only a hash of each is kept.
CREATE TABLE recovery_codes (
  id uuid PRIMARY KEY,
  staff_id uuid NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
  code_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  used_at timestamptz
);
CREATE INDEX recovery_codes_staff ON recovery_codes (staff_id);

-- Invitations: the only way in. Only the token's hash is kept; it expires and works once.
CREATE TABLE staff_invites (
  id uuid PRIMARY KEY,
  token_hash text NOT NULL UNIQUE,
  email text NOT NULL,
  role text NOT NULL CHECK (role IN ('volunteer', 'moderator', 'admin')),
  invited_by uuid NOT NULL REFERENCES staff(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  revoked_at timestamptz,
  staff_id uuid REFERENCES staff(id)
);
CREATE INDEX staff_invites_email ON staff_invites (email);

-- A session is one sign-in: a family of refresh tokens, each used once to get the next.
CREATE TABLE staff_sessions (
  id uuid PRIMARY KEY,
  staff_id uuid NOT NULL REFERENCES staff(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  -- the family's absolute end, however often it is refreshed
  expires_at timestamptz NOT NULL,
  last_used_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  revoke_reason text
);
CREATE INDEX staff_sessions_live ON staff_sessions (staff_id) WHERE revoked_at IS NULL;

CREATE TABLE refresh_tokens (
  token_hash text PRIMARY KEY,
  session_id uuid NOT NULL REFERENCES staff_sessions(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  -- set when rotated: presenting a used token again is reuse, and revokes the whole session
  used_at timestamptz
);
CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);

-- The published shift schedule, and who signed up for what. Being scheduled is not being on shift.
CREATE TABLE shift_slots (
  id uuid PRIMARY KEY,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  created_by uuid REFERENCES staff(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at)
);
CREATE INDEX shift_slots_starts ON shift_slots (starts_at);

CREATE TABLE shift_signups (
  slot_id uuid NOT NULL REFERENCES shift_slots(id) ON DELETE CASCADE,
  staff_id uuid NOT NULL REFERENCES staff(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (slot_id, staff_id)
);
CREATE INDEX shift_signups_staff ON shift_signups (staff_id);

-- The last break reminder per volunteer and the shift it belonged to; the claim makes one node send it, once.
CREATE TABLE break_reminders (
  staff_id uuid PRIMARY KEY REFERENCES staff(id),
  shift_started_at timestamptz NOT NULL,
  reminded_at timestamptz NOT NULL
);
