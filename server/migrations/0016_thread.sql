-- One thread across hand-offs: every conversation carries the id of the first conversation of its chain
-- (previous_conversation_id links a transfer or a return to the queue to the part before it). The survivor
-- sees one chat; the next volunteer reads the earlier part; a review opens the whole thread; retention keeps it
-- together. A trigger fills it on insert, so no writer can forget it.
ALTER TABLE conversations ADD COLUMN thread_id uuid;

WITH RECURSIVE roots(id, root, depth) AS (
  SELECT id, id, 0 FROM conversations WHERE previous_conversation_id IS NULL
  UNION ALL
  SELECT c.id, r.root, r.depth + 1 FROM conversations c JOIN roots r ON c.previous_conversation_id = r.id
  WHERE r.depth < 1000
)
UPDATE conversations c SET thread_id = r.root FROM roots r WHERE r.id = c.id;
UPDATE conversations SET thread_id = id WHERE thread_id IS NULL;

CREATE FUNCTION conversations_fill_thread_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.thread_id IS NULL THEN
    NEW.thread_id := COALESCE(
      (SELECT thread_id FROM conversations WHERE id = NEW.previous_conversation_id),
      NEW.id);
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER conversations_thread_id BEFORE INSERT ON conversations
  FOR EACH ROW EXECUTE FUNCTION conversations_fill_thread_id();

ALTER TABLE conversations ALTER COLUMN thread_id SET NOT NULL;
CREATE INDEX conversations_thread ON conversations (thread_id, started_at);
