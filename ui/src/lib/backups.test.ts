import { describe, expect, it } from "vitest";
import { restoreQuestion, takenText } from "./backups.svelte";

const backup = { name: "journal-20261101-100000-000.db", path: "/b/1", bytes: 1, taken_at: "2026-11-01T10:00:00Z" };
const held = (entries: number, last_entry: string | null) => ({ entries, last_entry });

describe("restoreQuestion", () => {
  it("names the backup's date, what it holds and what it replaces", () => {
    const lines = restoreQuestion({ backup, in_backup: held(300, "2026-10-31"), in_journal: held(305, "2026-11-04") }, "2026-11-05");
    expect(lines[0]).toMatch(/^Restore the backup from .*Nov 1.*\? It holds 300 entries, the last on .*Oct 31\.$/);
    expect(lines[1]).toMatch(/^It replaces the journal as it is now: 305 entries, the last on .*Nov 4\.$/);
    expect(lines[2]).toBe("5 entries and any edits since the backup will be gone from the journal.");
    expect(lines[3]).toMatch(/can be undone/);
  });

  it("says when the backup brings entries back, when only edits change, and when a side is empty", () => {
    const back = restoreQuestion({ backup, in_backup: held(3, "2026-10-31"), in_journal: held(1, "2026-10-31") }, "2026-11-05");
    expect(back[2]).toBe("It brings back 2 entries no longer in the journal; edits since the backup are undone.");
    const same = restoreQuestion({ backup, in_backup: held(1, "2026-10-31"), in_journal: held(1, "2026-10-31") }, "2026-11-05");
    expect(same[2]).toBe("Edits made since the backup will be undone.");
    const moved = restoreQuestion({ backup, in_backup: held(1, "2026-10-30"), in_journal: held(1, "2026-10-31") }, "2026-11-05");
    expect(moved[2]).toMatch(/Entries and edits made since the backup/);
    const empty = restoreQuestion({ backup, in_backup: held(0, null), in_journal: held(1, "2026-10-31") }, "2026-11-05");
    expect(empty[0]).toMatch(/It holds no entries\.$/);
    expect(empty[2]).toBe("1 entry and any edits since the backup will be gone from the journal.");
  });
});

describe("takenText", () => {
  it("is the date and time in words, or the file name when the name carries no time", () => {
    expect(takenText(backup)).toMatch(/Nov 1.*2026/);
    expect(takenText({ ...backup, name: "mine.db", taken_at: null })).toBe("mine.db");
  });
});
