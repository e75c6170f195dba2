-- What a chat message is, so that the server stores codes and the client speaks: 'text' someone wrote, a 'system'
-- line the service posts (its encrypted body holds JSON {code, params}), or a help 'resource' a volunteer shared
-- (its encrypted body holds the resource as JSON). Rows written before this keep 'text': a system line stored then
-- holds its sentence, which clients show as it is.
ALTER TABLE messages ADD COLUMN kind text NOT NULL DEFAULT 'text';
ALTER TABLE messages ADD CONSTRAINT messages_kind CHECK (kind IN ('text', 'system', 'resource'));
