import { describe, expect, it } from "vitest";
import { addDays, localDate } from "./dates";
import { runText, saveStatus, type SaveFacts } from "./saveStatus";

const base: SaveFacts = { saveState: "idle", dirty: false, existed: false, savedAt: null, run: null };
const at = new Date(2026, 11, 4, 18, 4);

describe("the one save status", () => {
  it("says one thing at a time", () => {
    expect(saveStatus(base)).toBe("");
    expect(saveStatus({ ...base, existed: true })).toBe("Saved");
    expect(saveStatus({ ...base, dirty: true, existed: true })).toBe("Not saved");
    expect(saveStatus({ ...base, saveState: "saving", dirty: true })).toBe("Saving…");
    expect(saveStatus({ ...base, saveState: "failed" })).toBe("Not saved");
    const saved = saveStatus({ ...base, saveState: "saved", savedAt: at, run: { days: 4, previous: null } });
    expect(saved).toMatch(/^Saved (18:04|0?6:04 PM) · 4 days in a row$/);
    // Changed again after the save: the earlier save no longer describes the form.
    expect(saveStatus({ ...base, saveState: "idle", dirty: true, savedAt: at })).toBe("Not saved");
  });

  it("names the run, or the entry before a lone day", () => {
    expect(runText(null)).toBe("");
    expect(runText({ days: 0, previous: "2026-11-01" })).toBe("");
    expect(runText({ days: 1, previous: null })).toBe("your first entry");
    const earlier = addDays(localDate(), -3);
    expect(runText({ days: 1, previous: earlier })).toMatch(/^last entry before this: \w+/);
    expect(runText({ days: 2, previous: earlier })).toBe("2 days in a row");
  });
});
