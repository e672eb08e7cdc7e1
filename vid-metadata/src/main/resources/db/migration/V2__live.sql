-- Live channels (issue 17, docs/live.md): an entry the origin registers for each channel it runs.
ALTER TABLE videos ADD COLUMN live BOOLEAN DEFAULT FALSE NOT NULL;
