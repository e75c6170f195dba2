-- Moderation and live supervision: flags and their decisions, bans, help requests, observers, whispers, warnings.

-- A flag asks a moderator to review one conversation. Raised by the survivor (about the volunteer), by the
-- volunteer (about the conversation) or by the detector. The queue shows no content until a moderator opens it.
CREATE TABLE flags (
  id uuid PRIMARY KEY,
  conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  source text NOT NULL CHECK (source IN ('survivor', 'volunteer', 'auto')),
  -- the visitor id (survivor) or staff id (volunteer) who raised it; null for the detector
  raised_by_id uuid,
  reason text NOT NULL,
  -- 4 critical, 3 high, 2 medium, 1 low: the review queue takes the most severe, then the oldest
  severity integer NOT NULL CHECK (severity BETWEEN 1 AND 4),
  -- the reporter's own words, encrypted like message bodies; removed with the transcript
  note_enc text,
  -- the messages to highlight when the transcript is opened
  message_ids uuid[] NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  created_at timestamptz NOT NULL DEFAULT now(),
  first_opened_at timestamptz,
  first_opened_by uuid REFERENCES staff(id),
  decided_at timestamptz,
  decided_by uuid REFERENCES staff(id),
  decision text CHECK (decision IN ('dismissed', 'volunteer_warned', 'volunteer_suspended', 'survivor_banned')),
  decision_note_enc text,
  CHECK ((status = 'closed') = (decision IS NOT NULL))
);
CREATE INDEX flags_queue ON flags (severity DESC, created_at) WHERE status = 'open';
CREATE INDEX flags_conversation ON flags (conversation_id);
CREATE INDEX flags_raiser ON flags (raised_by_id, created_at DESC);
-- The detector keeps one open flag per conversation and reason; a repeat adds its message to it.
CREATE UNIQUE INDEX flags_one_open_auto ON flags (conversation_id, reason) WHERE status = 'open' AND source = 'auto';
-- One open report per person per conversation; reporting again returns the same flag.
CREATE UNIQUE INDEX flags_one_open_per_raiser ON flags (conversation_id, raised_by_id)
  WHERE status = 'open' AND raised_by_id IS NOT NULL;

-- Bans keep no identity: the visitor id and the keyed hash (HMAC) of the IP, never the IP. A 'block' is the
-- short hold a volunteer's end-and-block puts on a visitor until a moderator decides.
CREATE TABLE bans (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('ban', 'block')),
  -- no foreign key: a ban outlives the visitor row it was keyed on
  visitor_id uuid,
  ip_hash text,
  flag_id uuid REFERENCES flags(id) ON DELETE SET NULL,
  created_by uuid REFERENCES staff(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  lifted_at timestamptz,
  lifted_by uuid REFERENCES staff(id),
  CHECK (visitor_id IS NOT NULL OR ip_hash IS NOT NULL),
  CHECK (expires_at > created_at)
);
CREATE INDEX bans_visitor ON bans (visitor_id, expires_at) WHERE lifted_at IS NULL;
CREATE INDEX bans_ip_hash ON bans (ip_hash, expires_at) WHERE lifted_at IS NULL;

-- A volunteer's "ask for help"; a moderator answers it by joining as an observer.
CREATE TABLE help_requests (
  id uuid PRIMARY KEY,
  conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  volunteer_id uuid NOT NULL REFERENCES staff(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered')),
  answered_by uuid REFERENCES staff(id),
  answered_at timestamptz
);
CREATE UNIQUE INDEX help_requests_one_open ON help_requests (conversation_id) WHERE status = 'open';
CREATE INDEX help_requests_conversation ON help_requests (conversation_id);

-- Moderators observing a live conversation (a moderator who reconnects rejoins the rooms listed here).
CREATE TABLE conversation_observers (
  conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  moderator_id uuid NOT NULL REFERENCES staff(id),
  joined_at timestamptz NOT NULL,
  left_at timestamptz,
  PRIMARY KEY (conversation_id, moderator_id)
);
CREATE INDEX conversation_observers_moderator ON conversation_observers (moderator_id) WHERE left_at IS NULL;

-- A moderator who takes a chat over speaks to the survivor from then on; the volunteer can still read and whisper.
ALTER TABLE conversations
  ADD COLUMN taken_over_by uuid REFERENCES staff(id),
  ADD COLUMN taken_over_at timestamptz;

-- Whispers between the observing moderators and the volunteer: never part of the survivor's transcript.
CREATE TABLE whispers (
  id uuid PRIMARY KEY,
  conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  client_id uuid NOT NULL,
  sender_id uuid NOT NULL REFERENCES staff(id),
  sender_role text NOT NULL CHECK (sender_role IN ('volunteer', 'moderator', 'admin')),
  body_enc text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (conversation_id, client_id)
);

-- A warning a moderator gave a volunteer after a review.
CREATE TABLE volunteer_warnings (
  id uuid PRIMARY KEY,
  staff_id uuid NOT NULL REFERENCES staff(id),
  flag_id uuid REFERENCES flags(id) ON DELETE SET NULL,
  note_enc text NOT NULL,
  created_by uuid NOT NULL REFERENCES staff(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX volunteer_warnings_staff ON volunteer_warnings (staff_id, created_at DESC);

-- When a transcript is deleted (retention, or the survivor), the text moderation added about it goes too:
-- whispers and the reporters' own words. Decisions and their notes are the moderation record and stay.
CREATE FUNCTION moderation_forget_transcript_text() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM whispers WHERE conversation_id = NEW.id;
  UPDATE flags SET note_enc = NULL WHERE conversation_id = NEW.id AND note_enc IS NOT NULL;
  RETURN NEW;
END;
$$;
CREATE TRIGGER conversations_transcript_deleted AFTER UPDATE OF transcript_deleted_at ON conversations
  FOR EACH ROW WHEN (NEW.transcript_deleted_at IS NOT NULL AND OLD.transcript_deleted_at IS NULL)
  EXECUTE FUNCTION moderation_forget_transcript_text();
