-- 002: autosaved drafts of the day being written, kept inside the encrypted journal so no
-- plaintext temp file is ever needed. One draft per date; saving the entry removes it.

CREATE TABLE drafts (
    date       TEXT NOT NULL PRIMARY KEY,
    body       TEXT NOT NULL,  -- the draft entry as exchange-format JSON
    updated_at TEXT NOT NULL
) WITHOUT ROWID;
