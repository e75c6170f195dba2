-- Privacy: transcript retention (and the review state it respects), and the directory of help resources.

-- Moderation maintains the review state; retention and the survivor's own delete read it.
ALTER TABLE conversations
  ADD COLUMN under_review boolean NOT NULL DEFAULT false,
  ADD COLUMN review_closed_at timestamptz,
  -- when the messages (and private notes) of this conversation were deleted, and by whom;
  -- the row itself stays, without any text, so counts and flags keep their references
  ADD COLUMN transcript_deleted_at timestamptz,
  ADD COLUMN transcript_deleted_by text CHECK (transcript_deleted_by IN ('visitor', 'retention'));

-- What the retention sweep scans: ended conversations that still have a transcript.
CREATE INDEX conversations_retention ON conversations (ended_at)
  WHERE status = 'ended' AND transcript_deleted_at IS NULL;

-- Help resources shown to survivors before, during and after a chat; one row per resource and language.
CREATE TABLE resources (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- the same slug in each language names the same service
  slug text NOT NULL CHECK (slug ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
  language text NOT NULL CHECK (language IN ('en', 'es')),
  category text NOT NULL CHECK (category IN ('sexual_assault', 'crisis', 'domestic_violence', 'workplace', 'emergency', 'other')),
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  phone text,
  sms_number text,
  sms_keyword text,
  url text,
  chat_url text,
  hours text,
  sort_order integer NOT NULL DEFAULT 0,
  active boolean NOT NULL DEFAULT true,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES staff(id) ON DELETE SET NULL,
  UNIQUE (slug, language),
  CHECK (phone IS NOT NULL OR sms_number IS NOT NULL OR url IS NOT NULL OR chat_url IS NOT NULL)
);

INSERT INTO resources (slug, language, category, name, description, phone, sms_number, sms_keyword, url, chat_url, hours, sort_order) VALUES
  ('emergency', 'en', 'emergency', 'Emergency services: 911',
   'If you are in immediate danger, call 911.',
   '911', NULL, NULL, NULL, NULL, '24/7', 10),
  ('rainn', 'en', 'sexual_assault', 'RAINN National Sexual Assault Hotline',
   'Free, confidential support from trained staff. Call, or chat online.',
   '800-656-4673', NULL, NULL, 'https://www.rainn.org', 'https://hotline.rainn.org/online', '24/7', 20),
  ('988', 'en', 'crisis', '988 Suicide & Crisis Lifeline',
   'If you are thinking about suicide or are in emotional distress. Call, text or chat.',
   '988', '988', NULL, 'https://988lifeline.org', 'https://988lifeline.org/chat', '24/7', 30),
  ('crisis-text-line', 'en', 'crisis', 'Crisis Text Line',
   'Text HOME to 741741 to reach a trained crisis counselor.',
   NULL, '741741', 'HOME', 'https://www.crisistextline.org', NULL, '24/7', 40),
  ('ndvh', 'en', 'domestic_violence', 'National Domestic Violence Hotline',
   'Support for abuse by a partner or family member. Call, text START to 88788, or chat online.',
   '800-799-7233', '88788', 'START', 'https://www.thehotline.org', 'https://www.thehotline.org', '24/7', 50),
  ('eeoc', 'en', 'workplace', 'EEOC (U.S. Equal Employment Opportunity Commission)',
   'For harassment at work: learn your rights and how to file a charge of discrimination.',
   '800-669-4000', NULL, NULL, 'https://www.eeoc.gov', NULL, NULL, 60),

  ('emergency', 'es', 'emergency', 'Emergencias: 911',
   'Si estás en peligro inmediato, llama al 911.',
   '911', NULL, NULL, NULL, NULL, 'Las 24 horas', 10),
  ('rainn', 'es', 'sexual_assault', 'RAINN: Línea Nacional de Ayuda contra la Agresión Sexual',
   'Apoyo gratuito y confidencial de personal capacitado, también en español. Llama o chatea en línea.',
   '800-656-4673', NULL, NULL, 'https://www.rainn.org', 'https://hotline.rainn.org/online', 'Las 24 horas', 20),
  ('988', 'es', 'crisis', '988 Línea de Prevención del Suicidio y Crisis',
   'Si piensas en el suicidio o estás pasando por una crisis emocional. Llama al 988 y marca 2 para español, o envía AYUDA por texto al 988.',
   '988', '988', 'AYUDA', 'https://988lineadevida.org', NULL, 'Las 24 horas', 30),
  ('crisis-text-line', 'es', 'crisis', 'Crisis Text Line',
   'Envía AYUDA por texto al 741741 para hablar con un consejero capacitado en español.',
   NULL, '741741', 'AYUDA', 'https://www.crisistextline.org', NULL, 'Las 24 horas', 40),
  ('ndvh', 'es', 'domestic_violence', 'Línea Nacional sobre la Violencia Doméstica',
   'Apoyo si tu pareja o un familiar te hace daño, con atención en español. Llama o chatea en línea.',
   '800-799-7233', NULL, NULL, 'https://www.thehotline.org', 'https://www.thehotline.org', 'Las 24 horas', 50),
  ('eeoc', 'es', 'workplace', 'EEOC (Comisión para la Igualdad de Oportunidades en el Empleo)',
   'Si sufres acoso en el trabajo: conoce tus derechos y cómo presentar un cargo por discriminación.',
   '800-669-4000', NULL, NULL, 'https://www.eeoc.gov', NULL, NULL, 60);
