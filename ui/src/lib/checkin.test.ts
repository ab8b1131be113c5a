import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { deferred, entry, fail, memoryJournal, type MemoryJournal } from "../test/backend";
import type { Entry } from "./api";
import { CheckIn } from "./checkin.svelte";
import { Notices } from "./notices.svelte";

const DAY = "2026-11-27";

function setup(initial: Entry[] = []): { journal: MemoryJournal; notices: Notices; checkin: CheckIn } {
  const journal = memoryJournal(initial);
  const notices = new Notices();
  return { journal, notices, checkin: new CheckIn(DAY, notices) };
}

describe("not logged vs zero", () => {
  it("starts with every number not logged and sends them as absent fields", async () => {
    const { journal, checkin } = setup();
    await checkin.load();
    expect(Object.values(checkin.values).every((v) => v === undefined)).toBe(true);
    await checkin.save();
    const [{ entry: sent }] = journal.backend.argsOf("save_entry") as [{ entry: Entry }];
    expect(sent).toEqual({ date: DAY, tags: [], text: "" });
  });

  it("sends 0 meetings as 0, and a cleared field as absent", async () => {
    const { journal, checkin } = setup();
    await checkin.load();
    checkin.set("meetings", 0);
    checkin.set("satisfaction", 8);
    checkin.set("energy", 3);
    checkin.clear("energy");
    await checkin.save();
    const sent = (journal.backend.argsOf("save_entry")[0] as { entry: Entry }).entry;
    expect(sent.meetings).toBe(0);
    expect(sent.satisfaction).toBe(8);
    // A cleared field is not sent at all (JSON has no key), so the core stores NULL.
    expect(Object.keys(sent)).not.toContain("energy");
    expect(JSON.stringify(sent)).not.toContain("energy");
  });

  it("loads a saved entry's absent fields as not logged, not as 0", async () => {
    const { checkin } = setup([entry(DAY, { satisfaction: 6, meetings: 0, tags: ["1on1"], text: "hi" })]);
    await checkin.load();
    expect(checkin.values.satisfaction).toBe(6);
    expect(checkin.values.meetings).toBe(0);
    expect(checkin.values.energy).toBeUndefined();
    expect(checkin.tags).toEqual(["1on1"]);
    expect(checkin.existed).toBe(true);
  });

  it("prefers the day's draft over the saved entry (a draft only exists when it is newer)", async () => {
    const { journal, checkin } = setup([entry(DAY, { satisfaction: 6 })]);
    journal.drafts.set(DAY, entry(DAY, { satisfaction: 9, text: "unsaved" }));
    await checkin.load();
    expect(checkin.values.satisfaction).toBe(9);
    expect(checkin.text).toBe("unsaved");
    expect(checkin.restoredDraft).toBe(true);
    expect(checkin.dirty).toBe(true);
  });
});

describe("validation", () => {
  it("marks out-of-range numbers and refuses to save them without calling the core", async () => {
    const { journal, checkin } = setup();
    await checkin.load();
    checkin.set("meetings", 51);
    checkin.set("focus_minutes", -1);
    expect(checkin.errors.meetings).toMatch(/0 to 50/);
    expect(checkin.errors.focus_minutes).toMatch(/0 to 1440/);
    expect(await checkin.save()).toBe(false);
    expect(checkin.entryError).toBe("Not saved. Meetings: Use a number from 0 to 50.");
    expect(checkin.problemField).toBe("meetings");
    expect(journal.backend.count("save_entry")).toBe(0);
    checkin.set("meetings", 50);
    checkin.clear("focus_minutes");
    expect(checkin.valid).toBe(true);
  });

  it("keeps a bad tag in the box with a message and adds good ones once", () => {
    const { checkin } = setup();
    expect(checkin.addTag("  deep-work ")).toBe(true);
    expect(checkin.addTag("deep work")).toBe(false);
    expect(checkin.tagError).toMatch(/letters, digits/);
    expect(checkin.tagDraft).toBe("deep work");
    expect(checkin.addTag("deep-work")).toBe(false);
    expect(checkin.tagError).toMatch(/already/);
    expect(checkin.tags).toEqual(["deep-work"]);
  });

  it("adds a tag still typed in the box when saving, and blocks the save if it is invalid", async () => {
    const { journal, checkin } = setup();
    checkin.setTagDraft("hiring");
    await checkin.save();
    expect((journal.backend.argsOf("save_entry")[0] as { entry: Entry }).entry.tags).toEqual(["hiring"]);
    checkin.setTagDraft("no good");
    expect(await checkin.save()).toBe(false);
    expect(journal.backend.count("save_entry")).toBe(1);
  });

  it("shows the core's invalid_entry message next to the form, not in the banner", async () => {
    const { journal, notices, checkin } = setup();
    journal.backend.on("save_entry", fail("invalid_entry", "text: longer than 1 MB"));
    expect(await checkin.save()).toBe(false);
    expect(checkin.entryError).toBe("Text: longer than 1 MB.");
    expect(notices.current).toBeNull();
  });
});

describe("draft autosave", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("writes one draft, 1 s after the last change, with the values current at that moment", async () => {
    const { journal, checkin } = setup();
    await checkin.load();
    checkin.set("satisfaction", 5);
    await vi.advanceTimersByTimeAsync(600);
    checkin.set("satisfaction", 7);
    checkin.setText("first thoughts");
    await vi.advanceTimersByTimeAsync(999);
    expect(journal.backend.count("save_draft")).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(journal.backend.argsOf("save_draft")).toEqual([
      { entry: { date: DAY, satisfaction: 7, tags: [], text: "first thoughts" } },
    ]);
    expect(checkin.draftState).toBe("kept");
    await vi.advanceTimersByTimeAsync(5000);
    expect(journal.backend.count("save_draft")).toBe(1);
  });

  it("does not write a draft the core would reject (out-of-range number)", async () => {
    const { journal, checkin } = setup();
    checkin.set("energy", 9);
    await vi.advanceTimersByTimeAsync(2000);
    expect(journal.backend.count("save_draft")).toBe(0);
  });

  it("cancels a pending draft when the entry is saved, so no stale draft outlives the save", async () => {
    const { journal, checkin } = setup();
    checkin.set("satisfaction", 4);
    await checkin.save();
    await vi.advanceTimersByTimeAsync(2000);
    expect(journal.backend.count("save_draft")).toBe(0);
    expect(journal.drafts.size).toBe(0);
  });

  it("flush writes the pending draft at once (before locking)", async () => {
    const { journal, checkin } = setup();
    checkin.setText("typed just now");
    await checkin.flush();
    expect(journal.drafts.get(DAY)?.text).toBe("typed just now");
  });
});

describe("saved only after the commit", () => {
  it("says saving while the core works and saved only once it resolved", async () => {
    const { journal, checkin } = setup();
    const commit = deferred<string>();
    journal.backend.on("save_entry", () => commit.promise);
    checkin.set("satisfaction", 8);
    const saving = checkin.save();
    await vi.waitFor(() => expect(journal.backend.count("save_entry")).toBe(1));
    expect(checkin.saveState).toBe("saving");
    commit.resolve("created");
    expect(await saving).toBe(true);
    expect(checkin.saveState).toBe("saved");
    expect(checkin.dirty).toBe(false);
  });

  it("never says saved when the save fails; the banner says why", async () => {
    const { journal, notices, checkin } = setup();
    journal.backend.on("save_entry", fail("disk_full", "the disk is full; nothing was saved"));
    expect(await checkin.save()).toBe(false);
    expect(checkin.saveState).toBe("failed");
    expect(notices.current?.kind).toBe("disk_full");
    expect(notices.current?.next).toMatch(/Free some space/);
  });

  it("does not claim saved for changes made while the save was in flight", async () => {
    const { journal, checkin } = setup();
    const commit = deferred<string>();
    journal.backend.on("save_entry", () => commit.promise);
    checkin.set("satisfaction", 8);
    const saving = checkin.save();
    await vi.waitFor(() => expect(journal.backend.count("save_entry")).toBe(1));
    checkin.set("satisfaction", 9);
    commit.resolve("updated");
    await saving;
    expect(checkin.saveState).toBe("idle");
    expect(checkin.dirty).toBe(true);
  });
});
