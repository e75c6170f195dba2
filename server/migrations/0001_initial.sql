-- Beside: the walking skeleton's tables. Applied once, inside a transaction, under an advisory lock.

CREATE TABLE visitors (
  id uuid PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  -- HMAC of the IP with a server secret, for bans and limits; never the IP itself.
  ip_hash text
);

CREATE TABLE staff (
  id uuid PRIMARY KEY,
  email text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('volunteer', 'moderator', 'admin')),
  display_name text NOT NULL,
  languages text[] NOT NULL DEFAULT '{en}',
  topics text[] NOT NULL DEFAULT '{}',
  capacity integer NOT NULL DEFAULT 1 CHECK (capacity BETWEEN 1 AND 3),
  gender text NOT NULL DEFAULT 'unspecified',
  training_completed_at timestamptz,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'disabled')),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE volunteer_presence (
  staff_id uuid PRIMARY KEY REFERENCES staff(id),
  on_shift boolean NOT NULL DEFAULT false,
  accepting boolean NOT NULL DEFAULT true,
  shift_started_at timestamptz,
  -- when the volunteer last became free (shift start or end of a chat): longest idle is matched first
  idle_since timestamptz,
  cooldown_until timestamptz,
  -- set when the volunteer's last connection closed; a volunteer who is not connected is never routed chats
  disconnected_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE queue_entries (
  id uuid PRIMARY KEY,
  visitor_id uuid NOT NULL REFERENCES visitors(id) ON DELETE CASCADE,
  topic text NOT NULL,
  language text NOT NULL,
  want text NOT NULL,
  preference text NOT NULL DEFAULT 'none',
  urgent boolean NOT NULL DEFAULT false,
  status text NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'matched', 'left', 'expired')),
  queued_at timestamptz NOT NULL DEFAULT now(),
  -- the ordering key within an urgency class; a survivor put back "at the front" gets an early one
  priority_at timestamptz NOT NULL DEFAULT now(),
  preference_relaxed boolean NOT NULL DEFAULT false,
  keep_preference boolean NOT NULL DEFAULT false,
  disconnected_at timestamptz,
  matched_at timestamptz,
  conversation_id uuid
);
CREATE UNIQUE INDEX queue_entries_one_waiting ON queue_entries (visitor_id) WHERE status = 'waiting';
CREATE INDEX queue_entries_order ON queue_entries (urgent DESC, priority_at) WHERE status = 'waiting';

CREATE TABLE conversations (
  id uuid PRIMARY KEY,
  visitor_id uuid NOT NULL REFERENCES visitors(id) ON DELETE CASCADE,
  volunteer_id uuid NOT NULL REFERENCES staff(id),
  queue_entry_id uuid REFERENCES queue_entries(id) ON DELETE SET NULL,
  topic text NOT NULL,
  language text NOT NULL,
  want text NOT NULL,
  urgent boolean NOT NULL DEFAULT false,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'ended')),
  started_at timestamptz NOT NULL DEFAULT now(),
  ended_at timestamptz,
  ended_by text,
  end_reason text,
  last_seq integer NOT NULL DEFAULT 0,
  risk text NOT NULL DEFAULT 'normal' CHECK (risk IN ('normal', 'high'))
);
CREATE INDEX conversations_active_volunteer ON conversations (volunteer_id) WHERE status = 'active';
CREATE INDEX conversations_visitor ON conversations (visitor_id);

CREATE TABLE messages (
  id uuid PRIMARY KEY,
  conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  seq integer NOT NULL,
  client_id uuid NOT NULL,
  sender_role text NOT NULL CHECK (sender_role IN ('visitor', 'volunteer', 'moderator', 'system')),
  sender_id uuid,
  -- AES-256-GCM ciphertext with its key id: v1:<keyId>:<iv>:<tag>:<ct>
  body_enc text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (conversation_id, seq),
  UNIQUE (conversation_id, client_id)
);

CREATE TABLE setup_tokens (
  token_hash text PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now(),
  used_at timestamptz
);
