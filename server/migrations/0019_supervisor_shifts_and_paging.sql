-- Supervisor shifts and paging (issue 13). Slots get a role: 'volunteer' slots are the chat shifts as before,
-- 'supervisor' slots are moderators' on-call hours. `pages` holds one page per alert: pending until it is due
-- (at once when no supervisor is connected, else after PAGE_AFTER_SECONDS), claimed by one node, retried with
-- back-off; it outlives a restart because it is a row, not a timer. No chat content or survivor data is stored.
ALTER TABLE shift_slots ADD COLUMN role text NOT NULL DEFAULT 'volunteer'
  CHECK (role IN ('volunteer', 'supervisor'));

CREATE TABLE pages (
  alert_id text PRIMARY KEY,
  kind text NOT NULL,
  raised_at timestamptz NOT NULL,
  due_at timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'not_configured', 'cancelled')),
  attempts integer NOT NULL DEFAULT 0,
  -- A node that claimed the page holds it until then; past it (the node died mid-send) any node may take it again.
  claimed_until timestamptz,
  last_http_status integer,
  sent_at timestamptz,
  created_at timestamptz NOT NULL
);
CREATE INDEX pages_pending_due ON pages (due_at) WHERE status IN ('pending', 'sending');

-- Wakes every node's pager (jobs/pager.ts) when a page is scheduled or rescheduled for a retry.
CREATE TRIGGER pages_work_signal AFTER INSERT OR UPDATE OF due_at, status ON pages
  FOR EACH ROW WHEN (NEW.status = 'pending') EXECUTE FUNCTION notify_work('paging');
