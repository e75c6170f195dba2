-- The volunteer console and the dashboard: canned responses, wrap-ups (and their private notes), the survivor's
-- survey, and the time a queue entry stopped waiting without a match (for the dashboard's queue length).

-- Ready-made replies admins write, per language; volunteers search them and insert one (then edit) before sending.
CREATE TABLE canned_responses (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  language text NOT NULL CHECK (language IN ('en', 'es')),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 80),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 1000),
  tags text[] NOT NULL DEFAULT '{}',
  -- typed after a slash in the composer ("/glad"); unique per language
  shortcut text CHECK (shortcut ~ '^[a-z0-9][a-z0-9-]{0,23}$'),
  sort_order integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES staff(id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX canned_responses_shortcut ON canned_responses (language, shortcut) WHERE shortcut IS NOT NULL;
CREATE INDEX canned_responses_language ON canned_responses (language, sort_order);

INSERT INTO canned_responses (language, title, body, tags, shortcut, sort_order) VALUES
  ('en', 'Glad you reached out',
   'I''m really glad you reached out. Thank you for trusting me with this. We can go at whatever pace feels right for you.',
   '{welcome,opening}', 'glad', 10),
  ('en', 'Take your time',
   'There''s no rush at all. Take all the time you need; I''m here and I''m listening.',
   '{pace,listening}', 'time', 20),
  ('en', 'You are not to blame',
   'What happened is not your fault. You are not to blame for what someone else chose to do.',
   '{blame,validation}', 'blame', 30),
  ('en', 'Your feelings make sense',
   'What you''re feeling makes a lot of sense after what you''ve been through. There is no right or wrong way to feel.',
   '{validation,feelings}', 'feelings', 40),
  ('en', 'Options for next steps',
   'Would you like some options for what you could do next? There''s no pressure: we can also just keep talking.',
   '{options,next-steps}', 'options', 50),
  ('en', 'Are you safe right now?',
   'Before we go on, I want to check: are you somewhere safe right now?',
   '{safety,check-in}', 'safe', 60),
  ('en', 'Closing the chat',
   'Thank you for talking with me today. You can come back whenever you need to, and someone will be here to listen.',
   '{closing,goodbye}', 'bye', 70),

  ('es', 'Me alegra que escribieras',
   'Me alegra mucho que te hayas comunicado. Gracias por confiarme esto. Podemos ir al ritmo que te resulte mejor.',
   '{bienvenida,inicio}', 'alegra', 10),
  ('es', 'Tómate tu tiempo',
   'No hay ninguna prisa. Tómate todo el tiempo que necesites; estoy aquí y te escucho.',
   '{ritmo,escucha}', 'tiempo', 20),
  ('es', 'No es tu culpa',
   'Lo que pasó no es tu culpa. No eres responsable de lo que otra persona decidió hacer.',
   '{culpa,validacion}', 'culpa', 30),
  ('es', 'Lo que sientes tiene sentido',
   'Lo que sientes tiene mucho sentido después de lo que has vivido. No hay una forma correcta o incorrecta de sentirse.',
   '{validacion,sentimientos}', 'sientes', 40),
  ('es', 'Opciones para los próximos pasos',
   '¿Te gustaría conocer algunas opciones sobre lo que podrías hacer ahora? Sin ninguna presión: también podemos seguir hablando.',
   '{opciones,proximos-pasos}', 'opciones', 50),
  ('es', '¿Estás a salvo ahora?',
   'Antes de seguir, quiero preguntarte: ¿estás en un lugar seguro en este momento?',
   '{seguridad}', 'salvo', 60),
  ('es', 'Cerrar la conversación',
   'Gracias por hablar conmigo hoy. Puedes volver cuando lo necesites; siempre habrá alguien aquí para escucharte.',
   '{cierre,despedida}', 'adios', 70);

-- The volunteer's wrap-up at the end of a chat: what it was about and how risky it seemed. No text here, so it is
-- kept as a statistic after the transcript is deleted.
CREATE TABLE wrap_ups (
  conversation_id uuid PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
  volunteer_id uuid NOT NULL REFERENCES staff(id),
  topics text[] NOT NULL CHECK (cardinality(topics) >= 1),
  risk text NOT NULL CHECK (risk IN ('low', 'medium', 'high')),
  -- whether this wrap-up turned a normal conversation into a high-risk one
  marked_high_risk boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX wrap_ups_volunteer ON wrap_ups (volunteer_id, created_at DESC);

-- The wrap-up's private note, encrypted like message bodies. A table with conversation_id and a *_enc column is
-- content of the conversation: the retention sweep and the survivor's delete remove it with the transcript.
CREATE TABLE wrap_up_notes (
  conversation_id uuid PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
  author_id uuid REFERENCES staff(id) ON DELETE SET NULL,
  note_for text NOT NULL CHECK (note_for IN ('next_volunteer', 'supervisor')),
  note_enc text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- The survivor's optional two-question survey: keyed on the conversation only, no free text.
CREATE TABLE surveys (
  conversation_id uuid PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
  felt_heard integer CHECK (felt_heard BETWEEN 1 AND 5),
  reach_again text CHECK (reach_again IN ('yes', 'no', 'unsure')),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (felt_heard IS NOT NULL OR reach_again IS NOT NULL)
);
CREATE INDEX surveys_created ON surveys (created_at);

-- When a queue entry stopped waiting without a match ('left' or 'expired'), so the dashboard can tell how many
-- were waiting at any moment. Set by the database as the status changes, so the queue code needs no change;
-- the time is the database's clock, which is the application's in production.
ALTER TABLE queue_entries ADD COLUMN left_at timestamptz;
CREATE FUNCTION queue_entries_stamp_left_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status IN ('left', 'expired') AND OLD.status = 'waiting' AND NEW.left_at IS NULL THEN
    NEW.left_at := now();
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER queue_entries_left_at BEFORE UPDATE OF status ON queue_entries
  FOR EACH ROW EXECUTE FUNCTION queue_entries_stamp_left_at();

-- The dashboard reads the last day of the queue and the last weeks of chats and flags by time.
CREATE INDEX queue_entries_queued_at ON queue_entries (queued_at);
CREATE INDEX conversations_started_at ON conversations (started_at);
CREATE INDEX flags_created_at ON flags (created_at);
