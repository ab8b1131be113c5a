// A fake of the shell's import commands for the UI tests, shaped like the core's contract
// (/tmp/import-api.md): `import_preview` writes nothing and applies the person's mood choices to the
// labels it lists (matched after trimming, case-insensitively), `import_file` refuses while a mood
// is unmapped and, once it has written the file, answers every later preview or import of it with
// "nothing new". The dialog plugin's `open` answers what the test says the person picked.
import type { ImportOptions, ImportReport, MoodLabel } from "../lib/api";
import { ipcError, type FakeBackend } from "./backend";

export const DAYLIO = "/home/me/Downloads/daylio_export_2026_11_28.csv";

/** A Daylio export of 412 entries over 380 days, 12 of which the journal already has. */
export function daylioReport(overrides: Partial<ImportReport> = {}): ImportReport {
  return {
    format: "daylio",
    source_entries: 412,
    days: 380,
    created: 368,
    merged: 12,
    skipped: 3,
    already_imported: 0,
    media_left_out: 0,
    renamed_tags: [{ from: "Work Out", to: "work-out" }],
    warnings: [],
    first_day: "2021-03-03",
    last_day: "2026-11-28",
    moods: [
      { label: "rad", count: 120, satisfaction: 9 },
      { label: "good", count: 200, satisfaction: 7 },
      { label: "meh-ish", count: 80, satisfaction: null },
    ],
    written: false,
    ...overrides,
  };
}

function withChoices(moods: MoodLabel[], options: ImportOptions): MoodLabel[] {
  const chosen = new Map(Object.entries(options.moods).map(([label, n]) => [label.trim().toLowerCase(), n]));
  return moods.map((m) => ({ ...m, satisfaction: chosen.get(m.label.trim().toLowerCase()) ?? m.satisfaction }));
}

/** What the same file reports once it has been imported: every entry seen before. */
function nothingNew(report: ImportReport): ImportReport {
  return { ...report, days: 0, created: 0, merged: 0, skipped: 0, already_imported: report.source_entries, first_day: null, last_day: null };
}

export interface ImportFake {
  /** What the open dialog answers (null: cancelled). */
  chosen: string | null;
  /** What the file at any path reads as, before the person's choices. */
  report: ImportReport;
  /** Paths already imported. */
  imported: Set<string>;
}

export function importCommands(backend: FakeBackend, report: ImportReport = daylioReport()): ImportFake {
  const fake: ImportFake = { chosen: DAYLIO, report, imported: new Set() };
  const read = (path: string, options: ImportOptions): ImportReport => {
    const r = { ...fake.report, moods: withChoices(fake.report.moods, options) };
    return fake.imported.has(path) ? nothingNew(r) : r;
  };
  backend
    .on("import_preview", ({ path, options }) => read(path as string, options as ImportOptions))
    .on("import_file", ({ path, options }) => {
      const r = read(path as string, options as ImportOptions);
      const unmapped = r.moods.filter((m) => m.satisfaction === null).map((m) => m.label);
      if (unmapped.length > 0) throw ipcError("invalid_import", `no satisfaction for the mood ${unmapped.join(", ")}`);
      fake.imported.add(path as string);
      return { ...r, written: true };
    })
    .on("plugin:dialog|open", () => fake.chosen);
  return fake;
}
