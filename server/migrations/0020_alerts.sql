-- Alerts: every sign of danger (intake danger answer, crisis words, the volunteer's mark, a help request, an urgent
-- survivor waiting too long) raises the same kind of alert, one live alert per conversation thread, or per waiting
-- queue entry before a match. A supervisor acknowledges it with a reason; it closes when the thread ends.
CREATE TABLE alerts (
  id uuid PRIMARY KEY,
  thread_id uuid,
  conversation_id uuid,
  queue_entry_id uuid,
  kinds text[] NOT NULL,
  crisis_kinds text[] NOT NULL DEFAULT '{}',
  imminent boolean NOT NULL DEFAULT false,
  status text NOT NULL,
  raised_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  acknowledged_by uuid,
  acknowledged_at timestamptz,
  ack_reason text,
  closed_at timestamptz,
  end_reason text
);
CREATE UNIQUE INDEX alerts_live_thread ON alerts (thread_id) WHERE status <> 'closed' AND thread_id IS NOT NULL;
CREATE UNIQUE INDEX alerts_live_entry ON alerts (queue_entry_id) WHERE status <> 'closed' AND thread_id IS NULL;
CREATE INDEX alerts_live ON alerts (raised_at) WHERE status <> 'closed';
