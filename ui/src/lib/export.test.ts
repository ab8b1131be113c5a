import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { deferred, fail, FakeBackend } from "../test/backend";
import { DOCUMENTS, previewFor, reportCommands } from "../test/export";
import type { ExportRequest, ReportPreview } from "./api";
import { ExportState, exportPassphraseProblem, hasSummary, withAge, withFormat, withoutAge } from "./export.svelte";
import { Notices } from "./notices.svelte";

const TODAY = "2026-03-10";
const FULL = { no_text: false, no_tags: false, summary_only: false, omit_fields: [] };

function setup() {
  const backend = new FakeBackend();
  const fake = reportCommands(backend);
  const state = new ExportState(new Notices(), { today: TODAY });
  return { backend, fake, state };
}

/** Lets the debounce run out and the preview it asked for land. */
async function settle(): Promise<void> {
  await vi.advanceTimersByTimeAsync(150);
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe("paths", () => {
  it("change the extension of a known report format and keep directory and name", () => {
    expect(withFormat("/home/me/q3 review.pdf", "md")).toBe("/home/me/q3 review.md");
    expect(withFormat("C:\\Users\\me\\report.csv", "json")).toBe("C:\\Users\\me\\report.json");
    // A dot in a directory is not an extension.
    expect(withFormat("/home/me.d/report", "html")).toBe("/home/me.d/report.html");
    // An unknown extension is the person's name: kept, with the format's added.
    expect(withFormat("/tmp/notes.2026", "pdf")).toBe("/tmp/notes.2026.pdf");
    // Encryption's suffix stays last.
    expect(withFormat("/tmp/r.pdf.age", "csv")).toBe("/tmp/r.csv.age");
    expect(withFormat("", "csv")).toBe("");
  });

  it("add .age once and take it off again", () => {
    expect(withAge("/tmp/r.pdf")).toBe("/tmp/r.pdf.age");
    expect(withAge("/tmp/r.pdf.age")).toBe("/tmp/r.pdf.age");
    expect(withAge("")).toBe("");
    expect(withoutAge("/tmp/r.pdf.age")).toBe("/tmp/r.pdf");
  });

  it("have a summary only in PDF, HTML and Markdown", () => {
    expect((["pdf", "html", "md", "csv", "json"] as const).map(hasSummary)).toEqual([true, true, true, false, false]);
  });

  it("refuse an empty or mismatched passphrase, saying why", () => {
    expect(exportPassphraseProblem("", "")).toMatch(/Enter a passphrase/);
    expect(exportPassphraseProblem("   ", "   ")).toMatch(/Enter a passphrase/);
    expect(exportPassphraseProblem("correct horse", "")).toMatch(/again/);
    expect(exportPassphraseProblem("correct horse", "correct hose")).toBe("The two passphrases do not match.");
    expect(exportPassphraseProblem("x", "x")).toBeNull();
  });
});

describe("ExportState preview", () => {
  it("asks for the last 90 days as a full PDF first, and fills in the suggested path", async () => {
    const { backend, state } = setup();
    await state.refresh();
    // 2026-03-10 − 89 days = 2025-12-11 (see the range tests of insights).
    expect(backend.argsOf("preview_report")).toEqual([
      { request: { from: "2025-12-11", to: TODAY, format: "pdf", redaction: FULL } },
    ]);
    expect(state.path).toBe(`${DOCUMENTS}/dualtrack-report-2025-12-11-${TODAY}.pdf`);
    expect(state.preview?.entries).toBe(12);
  });

  it("previews a moment after the last change, once for a burst of changes", async () => {
    const { backend, state } = setup();
    state.choose("30");
    state.setFormat("md");
    state.setIncludeTags(false);
    expect(state.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(100);
    expect(backend.count("preview_report")).toBe(0);
    await settle();
    expect(backend.argsOf("preview_report")).toEqual([
      { request: { from: "2026-02-09", to: TODAY, format: "md", redaction: { ...FULL, no_tags: true } } },
    ]);
    expect(state.settled).toBe(true);
  });

  it("sends each range: presets from today, all with both ends open, custom as typed", async () => {
    const { backend, state } = setup();
    const ranges = async () => {
      await settle();
      const r = backend.argsOf("preview_report").at(-1)?.["request"] as ExportRequest;
      return [r.from, r.to];
    };
    state.choose("365");
    expect(await ranges()).toEqual(["2025-03-11", TODAY]);
    state.choose("all");
    expect(await ranges()).toEqual([undefined, undefined]);
    // "all" leaves the request without from/to keys, not with empty strings.
    expect(Object.keys(backend.argsOf("preview_report").at(-1)?.["request"] as object)).toEqual(["format", "redaction"]);
    state.setCustom("from", "2026-01-01");
    expect(state.choice).toBe("custom");
    expect(await ranges()).toEqual(["2026-01-01", undefined]);
    state.choose("30");
    state.useCustom();
    expect(await ranges()).toEqual(["2026-02-09", TODAY]);
  });

  it("does not ask for a backwards range and names the problem", async () => {
    const { backend, state } = setup();
    state.setCustom("from", "2026-03-01");
    state.setCustom("to", "2026-02-01");
    await settle();
    expect(state.rangeProblem).toBe("“From” is after “To”.");
    expect(backend.count("preview_report")).toBe(0);
    expect(await state.export()).toBe(false);
    expect(state.error?.summary).toBe("“From” is after “To”.");
    expect(backend.count("export_report")).toBe(0);
  });

  it("turns unticked fields into omit_fields, in the form's order", async () => {
    const { backend, state } = setup();
    state.setField("energy", false);
    state.setField("satisfaction", false);
    state.setField("focus_minutes", false);
    state.setField("energy", true);
    state.setIncludeText(false);
    await settle();
    const request = backend.argsOf("preview_report").at(-1)?.["request"] as ExportRequest;
    expect(request.redaction).toEqual({ no_text: true, no_tags: false, summary_only: false, omit_fields: ["satisfaction", "focus_minutes"] });
    expect(state.preview?.fields).not.toContain("satisfaction");
    expect(state.preview?.text_samples).toEqual([]);
  });

  it("applies summary only to PDF, HTML and Markdown, never to CSV or JSON", async () => {
    const { backend, state } = setup();
    state.setSummaryOnly(true);
    await settle();
    const last = () => (backend.argsOf("preview_report").at(-1)?.["request"] as ExportRequest).redaction.summary_only;
    expect(last()).toBe(true);
    state.setFormat("csv");
    await settle();
    expect([state.summaryApplies, last()]).toEqual([false, false]);
    state.setFormat("json");
    await settle();
    expect(last()).toBe(false);
    // Back to a format with a summary: the person's choice still stands.
    state.setFormat("html");
    await settle();
    expect(last()).toBe(true);
  });

  it("sends JSON unredacted, whatever was chosen for the other formats, and keeps the choice", async () => {
    const { backend, state } = setup();
    state.setIncludeText(false);
    state.setField("energy", false);
    state.setFormat("json");
    await settle();
    const last = () => (backend.argsOf("preview_report").at(-1)?.["request"] as ExportRequest).redaction;
    expect([state.redactionApplies, last()]).toEqual([false, FULL]);
    state.setFormat("csv");
    await settle();
    expect(last()).toMatchObject({ no_text: true, omit_fields: ["energy"] });
  });

  it("lets only the newest preview land", async () => {
    const { backend, state } = setup();
    const slow = deferred<ReportPreview>();
    backend.on("preview_report", () => slow.promise);
    const first = state.refresh();
    backend.on("preview_report", ({ request }) => previewFor(request as ExportRequest, 3));
    state.setFormat("csv");
    await settle();
    slow.resolve(previewFor({ format: "pdf", redaction: FULL }, 99));
    await first;
    expect([state.preview?.format, state.preview?.entries]).toEqual(["csv", 3]);
  });

  it("shows a failed preview, and hands a locked journal to the session", async () => {
    const backend = new FakeBackend();
    backend.on("preview_report", fail("locked"));
    const notices = new Notices();
    let locked = 0;
    notices.onLocked = () => locked++;
    const state = new ExportState(notices, { today: TODAY });
    await state.refresh();
    expect([state.previewError?.kind, locked]).toEqual(["locked", 1]);
  });
});

describe("ExportState path", () => {
  it("follows the suggestion until edited, then keeps the person's directory and name", async () => {
    const { state } = setup();
    await state.refresh();
    state.setFormat("csv");
    // At once, before the new preview lands.
    expect(state.path).toBe(`${DOCUMENTS}/dualtrack-report-2025-12-11-${TODAY}.csv`);
    state.setPath("/mnt/usb/for-mentor.csv");
    state.choose("30");
    state.setFormat("json");
    await settle();
    expect(state.path).toBe("/mnt/usb/for-mentor.json");
    // Emptied: back to the suggestion at the next preview.
    state.setPath("");
    state.setFormat("md");
    await settle();
    expect(state.path).toBe(`${DOCUMENTS}/dualtrack-report-2026-02-09-${TODAY}.md`);
  });

  it("ends in .age while encryption is on, and drops it when turned off", async () => {
    const { state } = setup();
    await state.refresh();
    state.setEncrypt(true);
    expect(state.path).toMatch(/\.pdf\.age$/);
    state.setFormat("html");
    expect(state.path).toMatch(/\.html\.age$/);
    state.setPath("/tmp/plain.html");
    expect(state.target).toBe("/tmp/plain.html.age");
    state.setEncrypt(false);
    expect(state.path).toBe("/tmp/plain.html");
  });

  it("takes the save dialog's path (with .age when encrypting), and ignores a cancel", async () => {
    const { backend, fake, state } = setup();
    await state.refresh();
    state.setEncrypt(true);
    fake.chosen = "/home/me/Desktop/mine.pdf";
    await state.choosePath();
    const dialog = backend.argsOf("plugin:dialog|save")[0]?.["options"] as { defaultPath: string; filters: { extensions: string[] }[] };
    expect(dialog.defaultPath).toBe(`${DOCUMENTS}/dualtrack-report-2025-12-11-${TODAY}.pdf.age`);
    expect(dialog.filters[0]?.extensions).toEqual(["age"]);
    expect([state.path, state.pathEdited]).toEqual(["/home/me/Desktop/mine.pdf.age", true]);
    fake.chosen = null;
    await state.choosePath();
    expect(state.path).toBe("/home/me/Desktop/mine.pdf.age");
  });
});

describe("ExportState export", () => {
  it("blocks a mismatched passphrase with a reason and sends nothing", async () => {
    const { backend, state } = setup();
    await state.refresh();
    state.setEncrypt(true);
    state.setPassphrase("correct horse");
    state.setConfirm("correct hose");
    expect(await state.export()).toBe(false);
    expect(state.error?.summary).toBe("The two passphrases do not match.");
    expect(state.passphraseHint).toBe("The two passphrases do not match.");
    expect(backend.count("export_report")).toBe(0);
  });

  it("hints at a mismatch only once the confirmation is no longer a prefix", () => {
    const { state } = setup();
    state.setEncrypt(true);
    state.setPassphrase("battery staple");
    state.setConfirm("batt");
    expect(state.passphraseHint).toBeNull();
    state.setConfirm("batx");
    expect(state.passphraseHint).toBe("The two passphrases do not match.");
  });

  it("exports with the passphrase to a .age path, then forgets the passphrase", async () => {
    const { backend, state } = setup();
    await state.refresh();
    state.setEncrypt(true);
    state.setPassphrase("correct horse");
    state.setConfirm("correct horse");
    state.setPath("/tmp/report.pdf");
    expect(await state.export()).toBe(true);
    expect(backend.argsOf("export_report")).toEqual([
      { request: { from: "2025-12-11", to: TODAY, format: "pdf", redaction: FULL }, path: "/tmp/report.pdf.age", overwrite: false, passphrase: "correct horse" },
    ]);
    expect(state.result).toMatchObject({ path: "/tmp/report.pdf.age", encrypted: true });
    expect([state.path, state.passphrase, state.confirm]).toEqual(["/tmp/report.pdf.age", "", ""]);
  });

  it("sends a null passphrase when not encrypting", async () => {
    const { backend, state } = setup();
    await state.refresh();
    await state.export();
    expect(backend.argsOf("export_report")[0]?.["passphrase"]).toBeNull();
  });

  it("asks before replacing an existing file and retries with overwrite", async () => {
    const { backend, fake, state } = setup();
    await state.refresh();
    fake.existing.add(state.path);
    expect(await state.export()).toBe(false);
    expect(state.replacing).toBe(state.path);
    expect(state.error).toBeNull();
    expect(await state.replace()).toBe(true);
    expect(backend.argsOf("export_report").map((a) => a["overwrite"])).toEqual([false, true]);
    expect([state.replacing, state.result?.path]).toEqual([null, state.path]);
  });

  it("drops the question when the person keeps the file or changes the path", async () => {
    const { fake, state } = setup();
    await state.refresh();
    fake.existing.add(state.path);
    await state.export();
    state.keepExisting();
    expect(state.replacing).toBeNull();
    await state.export();
    state.setPath("/tmp/other.pdf");
    expect(state.replacing).toBeNull();
  });

  it("is exporting while the write is pending", async () => {
    const { backend, state } = setup();
    await state.refresh();
    const write = deferred<unknown>();
    backend.on("export_report", () => write.promise);
    const exporting = state.export();
    await vi.advanceTimersByTimeAsync(0);
    expect(state.exporting).toBe(true);
    // A second press while writing does nothing.
    expect(await state.export()).toBe(false);
    write.resolve({ path: "/x.pdf", bytes: 1, entries: 1, format: "pdf", encrypted: false });
    await exporting;
    expect(state.exporting).toBe(false);
    expect(backend.count("export_report")).toBe(1);
  });

  it("waits for a pending preview so the suggested name matches what is exported", async () => {
    const { backend, state } = setup();
    await state.refresh();
    state.choose("30");
    state.setFormat("json");
    await state.export();
    expect(backend.argsOf("export_report")[0]?.["path"]).toBe(`${DOCUMENTS}/dualtrack-report-2026-02-09-${TODAY}.json`);
  });

  it("says a write failure is about the file, not the journal", async () => {
    const { backend, state } = setup();
    await state.refresh();
    backend.on("export_report", fail("io", "permission denied: /root/r.pdf"));
    await state.export();
    expect(state.error).toMatchObject({ kind: "io", summary: "The file could not be written.", detail: "Permission denied: /root/r.pdf." });
  });
});
