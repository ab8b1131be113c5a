import { describe, expect, it, vi } from "vitest";
import { deferred, fail, FakeBackend } from "../test/backend";
import { DAYLIO, daylioReport, importCommands } from "../test/import";
import type { ImportReport } from "./api";
import { daysText, detailLines, ImportState, nothingNewText, rangeText, resultText } from "./import.svelte";
import { Notices } from "./notices.svelte";

function setup(report?: ImportReport) {
  const backend = new FakeBackend();
  const fake = importCommands(backend, report);
  const notices = new Notices();
  const onImported = vi.fn();
  const state = new ImportState(notices, onImported);
  return { backend, fake, notices, onImported, state };
}

describe("import wording", () => {
  it("says how many entries become how many days, and over which days", () => {
    const r = daylioReport();
    expect(daysText(r)).toBe("412 entries → 380 days");
    // The range is in the person's locale; both ends are there, in order.
    expect(rangeText(r)).toMatch(/2021.* – .*2026/);
    expect(rangeText(daylioReport({ first_day: "2026-11-28", last_day: "2026-11-28" }))).not.toMatch(/–/);
    expect(rangeText(daylioReport({ first_day: null, last_day: null }))).toBe("");
  });

  it("lists merges, skipped entries, media left out and renamed tags in plain words", () => {
    const lines = detailLines(daylioReport({ media_left_out: 2, already_imported: 5 }));
    expect(lines).toEqual([
      "12 days already in your journal get the imported text added below theirs",
      "5 entries imported before are left as they are",
      "3 entries skipped (empty)",
      "2 photos or videos left out: only text comes in",
      "tags renamed: 'Work Out' → 'work-out'",
    ]);
    expect(detailLines(daylioReport({ merged: 1, skipped: 1 }), true).slice(0, 2)).toEqual([
      "1 day already in your journal gets the imported text added below its own",
      "1 entry skipped (empty or unreadable)",
    ]);
  });

  it("says when a file brings nothing new, and why", () => {
    const seen = daylioReport({ days: 0, created: 0, merged: 0, skipped: 0, already_imported: 412 });
    expect(nothingNewText(seen)).toBe("Nothing new: all 412 entries were imported before.");
    expect(resultText(seen)).toBe("Nothing new: all 412 entries were imported before.");
    const empty = daylioReport({ days: 0, created: 0, merged: 0, skipped: 412 });
    expect(nothingNewText(empty)).toBe("Nothing to import: all 412 entries are empty.");
    const mixed = daylioReport({ days: 0, created: 0, merged: 0, skipped: 2, already_imported: 410 });
    expect(nothingNewText(mixed)).toBe("Nothing new: 410 entries were imported before and 2 are empty.");
    expect(nothingNewText(daylioReport())).toBeNull();
  });

  it("sums up an import as new days and days added to", () => {
    expect(resultText(daylioReport({ written: true }))).toBe("Imported 380 days: 368 new, 12 added to existing entries.");
    expect(resultText(daylioReport({ days: 1, created: 1, merged: 0 }))).toBe("Imported 1 day: 1 new.");
  });
});

describe("ImportState", () => {
  it("previews the file picked in the dialog, offering journal exports first (and all files, for jrnl's)", async () => {
    const { backend, state } = setup();
    await state.choose();
    const dialog = backend.argsOf("plugin:dialog|open")[0]?.["options"];
    expect(dialog).toMatchObject({
      multiple: false,
      directory: false,
      filters: [
        { name: "Journal exports", extensions: ["zip", "json", "txt", "csv", "journal"] },
        { name: "All files", extensions: ["*"] },
      ],
    });
    expect(state.path).toBe(DAYLIO);
    expect(backend.argsOf("import_preview")).toEqual([{ path: DAYLIO, options: { moods: {}, skip_bad: false } }]);
    expect(state.preview?.days).toBe(380);
    expect(state.busy).toBeNull();
  });

  it("picks a jrnl folder journal in a folder dialog and previews it", async () => {
    const { backend, fake, state } = setup();
    fake.chosen = "/home/me/journal";
    await state.choose(true);
    const dialog = backend.argsOf("plugin:dialog|open")[0]?.["options"];
    expect(dialog).toMatchObject({ multiple: false, directory: true });
    expect(dialog).not.toHaveProperty("filters");
    expect(state.path).toBe("/home/me/journal");
    expect(backend.argsOf("import_preview")).toEqual([
      { path: "/home/me/journal", options: { moods: {}, skip_bad: false } },
    ]);
  });

  it("changes nothing when the dialog is cancelled", async () => {
    const { backend, fake, state } = setup();
    fake.chosen = null;
    await state.choose();
    expect(state.path).toBe("");
    expect(backend.count("import_preview")).toBe(0);
  });

  it("blocks Import while a mood is unmapped, naming it, and never asks the core to import", async () => {
    const { backend, state } = setup();
    state.setPath(DAYLIO);
    await state.refresh();
    expect(state.unmapped).toEqual(["meh-ish"]);
    expect(state.canImport).toBe(false);
    expect(state.blockedReason).toBe("Choose how satisfied the mood 'meh-ish' means before importing.");
    expect(await state.importNow()).toBe(false);
    expect(backend.count("import_file")).toBe(0);
  });

  it("previews again with the chosen mood, and then imports exactly that", async () => {
    const { backend, onImported, state } = setup();
    state.setPath(DAYLIO);
    await state.refresh();
    await state.chooseMood("meh-ish", 4);
    expect(backend.argsOf("import_preview")[1]).toEqual({ path: DAYLIO, options: { moods: { "meh-ish": 4 }, skip_bad: false } });
    // The satisfaction shown is the core's answer to the new map.
    expect(state.preview?.moods.find((m) => m.label === "meh-ish")?.satisfaction).toBe(4);
    expect(state.canImport).toBe(true);
    expect(await state.importNow()).toBe(true);
    expect(backend.argsOf("import_file")).toEqual([{ path: DAYLIO, options: { moods: { "meh-ish": 4 }, skip_bad: false } }]);
    expect(state.result?.written).toBe(true);
    expect(state.preview).toBeNull();
    // The rest of the app hears that the journal changed.
    expect(onImported).toHaveBeenCalledOnce();
  });

  it("overrides a built-in mood and goes back to it", async () => {
    const { state } = setup();
    state.setPath(DAYLIO);
    await state.refresh();
    const rad = () => state.preview!.moods.find((m) => m.label === "rad")!;
    await state.chooseMood("rad", 10);
    expect(state.choiceFor(rad())).toBe(10);
    await state.chooseMood("rad", null);
    expect(state.options.moods).toEqual({});
    expect(state.choiceFor(rad())).toBe(9);
  });

  it("finds nothing new in a file imported before, and does not offer to import it", async () => {
    const { backend, onImported, state } = setup(daylioReport({ moods: [] }));
    state.setPath(DAYLIO);
    await state.refresh();
    await state.importNow();
    state.reset();
    state.setPath(DAYLIO);
    await state.refresh();
    expect(nothingNewText(state.preview!)).toBe("Nothing new: all 412 entries were imported before.");
    expect(state.canImport).toBe(false);
    expect(state.blockedReason).toBe("Nothing to import.");
    expect(backend.count("import_file")).toBe(1);
    expect(onImported).toHaveBeenCalledOnce();
  });

  it("lets only the newest preview land", async () => {
    const { backend, state } = setup();
    const slow = deferred<ImportReport>();
    backend.on("import_preview", () => slow.promise);
    state.setPath("/old.csv");
    const first = state.refresh();
    importCommands(backend, daylioReport({ format: "jrnl", moods: [] }));
    state.setPath("/new.txt");
    await state.refresh();
    slow.resolve(daylioReport());
    await first;
    expect(state.preview?.format).toBe("jrnl");
    expect(state.canImport).toBe(true);
  });

  it("asks once when the same preview is asked for while it is on its way", async () => {
    const { backend, state } = setup();
    state.setPath(DAYLIO);
    await Promise.all([state.refresh(), state.refresh()]);
    expect(backend.count("import_preview")).toBe(1);
    expect(state.preview?.days).toBe(380);
  });

  it("forgets the preview, result and mood choices when another path is typed", async () => {
    const { state } = setup();
    state.setPath(DAYLIO);
    await state.refresh();
    await state.chooseMood("meh-ish", 4);
    state.setPath("/home/me/other.csv");
    expect(state.preview).toBeNull();
    expect(state.moodChoices).toEqual({});
    expect(state.canImport).toBe(false);
  });

  it("shows the core's sentence when the file cannot be imported, and offers to skip bad lines", async () => {
    const { backend, state } = setup();
    backend.on("import_preview", fail("invalid_import", "line 12 of journal.txt starts no entry jrnl can read: '[Tuesday] standup'"));
    state.setPath("/home/me/journal.txt");
    await state.refresh();
    expect(state.error?.kind).toBe("invalid_import");
    expect(state.error?.detail).toBe("Line 12 of journal.txt starts no entry jrnl can read: '[Tuesday] standup'.");
    expect(state.preview).toBeNull();
    importCommands(backend, daylioReport({ format: "jrnl", moods: [], warnings: ["line 12 skipped: '[Tuesday] standup'"] }));
    await state.setSkipBad(true);
    expect(backend.argsOf("import_preview").at(-1)).toEqual({ path: "/home/me/journal.txt", options: { moods: {}, skip_bad: true } });
    expect(state.error).toBeNull();
    expect(state.preview?.warnings).toHaveLength(1);
  });

  it("sends a jrnl journal's own date format with the preview and the import, and forgets it after", async () => {
    const { backend, state } = setup();
    importCommands(backend, daylioReport({ format: "jrnl", moods: [] }));
    state.setPath("/home/me/tagebuch.txt");
    await state.setTimeFormat(" %d.%m.%Y %H:%M ");
    const sent = { moods: {}, skip_bad: false, time_format: "%d.%m.%Y %H:%M" };
    expect(backend.argsOf("import_preview").at(-1)).toEqual({ path: "/home/me/tagebuch.txt", options: sent });
    await state.importNow();
    expect(backend.argsOf("import_file")).toEqual([{ path: "/home/me/tagebuch.txt", options: sent }]);
    state.reset();
    expect(state.options).toEqual({ moods: {}, skip_bad: false });
  });

  it("says a file that cannot be read could not be read", async () => {
    const { backend, state } = setup();
    backend.on("import_preview", fail("io", "no file at /gone.csv"));
    state.setPath("/gone.csv");
    await state.refresh();
    expect(state.error).toMatchObject({ kind: "io", summary: "The file could not be read.", detail: "No file at /gone.csv." });
  });

  it("hands a journal that locked itself to the unlock screen", async () => {
    const { backend, notices, state } = setup();
    const onLocked = vi.fn();
    notices.onLocked = onLocked;
    backend.on("import_file", fail("locked", "the journal is locked; unlock it first"));
    state.setPath(DAYLIO);
    await state.refresh();
    await state.chooseMood("meh-ish", 5);
    expect(await state.importNow()).toBe(false);
    expect(onLocked).toHaveBeenCalledOnce();
    expect(state.busy).toBeNull();
  });

  it("asks for a file before previewing nothing", async () => {
    const { backend, state } = setup();
    await state.refresh();
    expect(state.error?.summary).toMatch(/Choose the file/);
    expect(backend.count("import_preview")).toBe(0);
  });
});
