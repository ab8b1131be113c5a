-- 001: entries, their tags, full-text search, settings.
-- Shipped steps are never edited; add 002_… instead (see NOTES.md).

CREATE TABLE entries (
    id                      INTEGER PRIMARY KEY,
    date                    TEXT    NOT NULL UNIQUE
                            CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    satisfaction            INTEGER CHECK (satisfaction BETWEEN 1 AND 10),
    technical_share         INTEGER CHECK (technical_share BETWEEN 0 AND 100),
    leadership_satisfaction INTEGER CHECK (leadership_satisfaction BETWEEN 1 AND 10),
    technical_satisfaction  INTEGER CHECK (technical_satisfaction BETWEEN 1 AND 10),
    energy                  INTEGER CHECK (energy BETWEEN 1 AND 5),
    meetings                INTEGER CHECK (meetings BETWEEN 0 AND 50),
    focus_minutes           INTEGER CHECK (focus_minutes BETWEEN 0 AND 1440),
    -- Tags in the order the user gave them, space-separated (tags never contain spaces);
    -- entry_tags below indexes them for filtering.
    tags                    TEXT    NOT NULL DEFAULT '',
    text                    TEXT    NOT NULL DEFAULT '',
    created_at              TEXT    NOT NULL,
    updated_at              TEXT    NOT NULL
);

CREATE TABLE entry_tags (
    entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    tag      TEXT    NOT NULL,
    PRIMARY KEY (entry_id, tag)
) WITHOUT ROWID;
CREATE INDEX entry_tags_by_tag ON entry_tags(tag, entry_id);

-- External-content FTS5 index over the entry text and tags, kept in step by triggers.
-- It lives inside the encrypted file like every other table.
CREATE VIRTUAL TABLE entries_fts USING fts5(
    text, tags,
    content = 'entries', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries BEGIN
    INSERT INTO entries_fts(rowid, text, tags) VALUES (new.id, new.text, new.tags);
END;
CREATE TRIGGER entries_fts_delete AFTER DELETE ON entries BEGIN
    INSERT INTO entries_fts(entries_fts, rowid, text, tags) VALUES ('delete', old.id, old.text, old.tags);
END;
CREATE TRIGGER entries_fts_update AFTER UPDATE OF text, tags ON entries BEGIN
    INSERT INTO entries_fts(entries_fts, rowid, text, tags) VALUES ('delete', old.id, old.text, old.tags);
    INSERT INTO entries_fts(rowid, text, tags) VALUES (new.id, new.text, new.tags);
END;

-- One row per setting; values are JSON so a setting can be a date, number or list.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
