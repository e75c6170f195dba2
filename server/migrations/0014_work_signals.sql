-- Work signals: a node's timers sleep while nothing is due and wake when any node records work, instead of polling.
-- Each change below notifies the channel `beside_work` with what it concerns; PostgreSQL delivers it at commit to every
-- node that listens (LISTEN/NOTIFY), the embedded database to its own node. Identical notifications within one
-- transaction are delivered once, so a statement touching many rows costs one.
--   matching   a survivor waits, or a chat started: the queue and chats have something to age (jobs/matchmaker.ts)
--   shift      a volunteer is on shift and connected: a break reminder will fall due (jobs/breakReminders.ts)
--   retention  a conversation ended or its review closed, or a visitor was seen: a transcript or an address will
--              expire (jobs/retention.ts)
CREATE FUNCTION notify_work() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('beside_work', TG_ARGV[0]);
  RETURN NULL;
END
$$;

CREATE TRIGGER queue_entries_work_signal AFTER INSERT OR UPDATE OF status ON queue_entries
  FOR EACH ROW WHEN (NEW.status = 'waiting') EXECUTE FUNCTION notify_work('matching');

CREATE TRIGGER conversations_started_signal AFTER INSERT ON conversations
  FOR EACH STATEMENT EXECUTE FUNCTION notify_work('matching');

CREATE TRIGGER conversations_retention_signal AFTER UPDATE OF status, under_review ON conversations
  FOR EACH ROW WHEN (NEW.status = 'ended' AND NOT NEW.under_review AND NEW.transcript_deleted_at IS NULL
                     AND (OLD.status IS DISTINCT FROM NEW.status OR OLD.under_review IS DISTINCT FROM NEW.under_review))
  EXECUTE FUNCTION notify_work('retention');

CREATE TRIGGER visitors_retention_signal AFTER INSERT ON visitors
  FOR EACH STATEMENT EXECUTE FUNCTION notify_work('retention');

CREATE TRIGGER presence_shift_signal_insert AFTER INSERT ON volunteer_presence
  FOR EACH ROW WHEN (NEW.on_shift AND NEW.disconnected_at IS NULL) EXECUTE FUNCTION notify_work('shift');

CREATE TRIGGER presence_shift_signal_update AFTER UPDATE ON volunteer_presence
  FOR EACH ROW WHEN (NEW.on_shift AND NEW.disconnected_at IS NULL
                     AND (NOT OLD.on_shift OR OLD.disconnected_at IS NOT NULL
                          OR OLD.shift_started_at IS DISTINCT FROM NEW.shift_started_at))
  EXECUTE FUNCTION notify_work('shift');
