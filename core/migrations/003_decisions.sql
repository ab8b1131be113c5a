-- 003: decisions recorded at the trial-period review (PRODUCT §5), kept in the journal.

CREATE TABLE decisions (
    id         INTEGER PRIMARY KEY,
    decided_on TEXT NOT NULL,
    choice     TEXT NOT NULL CHECK (choice IN ('continue', 'extend', 'back_to_ic', 'hybrid')),
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
