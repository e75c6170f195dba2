-- Matching: hand-offs between volunteers, the way back to the front of the queue, one active chat per survivor.

-- A conversation that continues another (a transfer, or a survivor put back in the queue) points at it.
ALTER TABLE conversations ADD COLUMN previous_conversation_id uuid REFERENCES conversations(id) ON DELETE SET NULL;
CREATE INDEX conversations_previous ON conversations (previous_conversation_id) WHERE previous_conversation_id IS NOT NULL;

ALTER TABLE queue_entries
  -- the conversation this survivor was in before being put back in the queue; its hand-off notes follow them
  ADD COLUMN previous_conversation_id uuid REFERENCES conversations(id) ON DELETE SET NULL,
  -- the volunteer who handed this survivor back is not matched with them again
  ADD COLUMN avoid_volunteer_id uuid,
  -- why the survivor is back at the front ('volunteer_unavailable', 'transferred', ...); NULL for a first join
  ADD COLUMN requeue_reason text;

-- No survivor is ever in two conversations at once, whatever races happen between nodes.
CREATE UNIQUE INDEX conversations_one_active_per_visitor ON conversations (visitor_id) WHERE status = 'active';

-- Private hand-off notes: written by the volunteer who passes a chat on, read by the next one, never by the survivor.
-- conversation_id is the conversation the note was written in: retention deletes the note with its transcript.
CREATE TABLE handoff_notes (
  id uuid PRIMARY KEY,
  conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  author_id uuid REFERENCES staff(id) ON DELETE SET NULL,
  body_enc text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX handoff_notes_conversation ON handoff_notes (conversation_id);

-- The grace sweep looks for volunteers who lost their last connection while chats were open.
CREATE INDEX volunteer_presence_disconnected ON volunteer_presence (disconnected_at) WHERE disconnected_at IS NOT NULL;
-- The claim reads the waiting line per language in queue order.
CREATE INDEX queue_entries_language_order ON queue_entries (language, urgent DESC, priority_at) WHERE status = 'waiting';
