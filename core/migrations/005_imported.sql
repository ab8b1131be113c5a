-- 005: what was imported from other journals (Day One, jrnl, Daylio), one row per source entry,
-- so importing the same file again changes nothing. `source` is the entry's identity in its
-- format: "dayone:<uuid>", else "<format>:<sha256 of timestamp and text>".

CREATE TABLE imported (
    source      TEXT PRIMARY KEY,
    date        TEXT NOT NULL,
    imported_at TEXT NOT NULL
) WITHOUT ROWID;
