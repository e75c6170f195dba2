-- Availability under abuse: a quick exit ends the visitor's token for good.
ALTER TABLE visitors ADD COLUMN IF NOT EXISTS exited_at timestamptz;
