import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import type { ExportRequest } from "../lib/api";
import { servicesContext } from "../lib/context";
import { addDays, localDate } from "../lib/dates";
import { NUMBER_FIELDS } from "../lib/fields";
import { Notices } from "../lib/notices.svelte";
import { Session } from "../lib/session.svelte";
import { deferred, FakeBackend } from "../test/backend";
import { DOCUMENTS, reportCommands } from "../test/export";
import Export from "./Export.svelte";

const TODAY = localDate();
const FROM_90 = addDays(TODAY, -89);
const FULL = { no_text: false, no_tags: false, summary_only: false, omit_fields: [] };

async function renderExport() {
  const backend = new FakeBackend();
  const fake = reportCommands(backend);
  const notices = new Notices();
  render(Export, { context: servicesContext({ session: new Session(notices), notices }) });
  await screen.findByTestId("preview-entries");
  return { backend, fake };
}

const input = (id: string) => screen.getByTestId(id) as HTMLInputElement;
const lastRequest = (backend: FakeBackend) => backend.argsOf("preview_report").at(-1)?.["request"] as ExportRequest;

/** Waits for the debounced preview of the latest change (at least the n-th preview call; a slow
 *  test run may let the debounce run out between two clicks) and returns what it asked for. */
async function previewed(backend: FakeBackend, n: number): Promise<ExportRequest> {
  await waitFor(() => {
    expect(backend.count("preview_report")).toBeGreaterThanOrEqual(n);
    expect(screen.getByTestId("export-preview").getAttribute("aria-busy")).toBe("false");
  });
  return lastRequest(backend);
}

describe("Export view", () => {
  it("shows exactly what will leave the journal for the last 90 days", async () => {
    const { backend } = await renderExport();
    expect(backend.argsOf("preview_report")).toEqual([{ request: { from: FROM_90, to: TODAY, format: "pdf", redaction: FULL } }]);
    expect(screen.getByTestId("preview-entries").textContent).toBe("12");
    expect(screen.getByTestId("preview-range").textContent).toBe(`${FROM_90} to ${TODAY}`);
    expect(screen.getByTestId("preview-sections").textContent).toMatch(/Summary figures.*Charts.*Entries/s);
    expect(screen.getByTestId("preview-fields").textContent).toMatch(/date.*satisfaction.*energy.*tags.*text/s);
    expect(screen.getByTestId("preview-samples").textContent).toMatch(/2026-11-02 Retro went well.*2026-11-03 Hiring loop/s);
    // 7 entries carry text and 2 samples are shown: the rest is counted, not hidden.
    expect(screen.getByTestId("preview-samples").textContent).toMatch(/5 more entries/);
    expect(screen.getByTestId("preview-tags").textContent).toMatch(/#deep-work.*#hiring/s);
    expect(input("export-path").value).toBe(`${DOCUMENTS}/dualtrack-report-${FROM_90}-${TODAY}.pdf`);
    expect(screen.getByTestId("export-range-90").getAttribute("aria-pressed")).toBe("true");
  });

  it("asks for a new preview when the range, format or redaction changes", async () => {
    const { backend } = await renderExport();
    await fireEvent.click(screen.getByTestId("export-range-30"));
    expect(await previewed(backend, 2)).toMatchObject({ from: addDays(TODAY, -29), to: TODAY });
    await fireEvent.click(screen.getByTestId("export-range-all"));
    const all = await previewed(backend, 3);
    expect([all.from, all.to]).toEqual([undefined, undefined]);
    await fireEvent.click(screen.getByTestId("export-range-custom"));
    await fireEvent.input(screen.getByTestId("export-from"), { target: { value: "2026-01-01" } });
    await fireEvent.input(screen.getByTestId("export-to"), { target: { value: "2026-02-01" } });
    expect(await previewed(backend, 4)).toMatchObject({ from: "2026-01-01", to: "2026-02-01" });
    await fireEvent.click(screen.getByTestId("export-format-md"));
    expect((await previewed(backend, 5)).format).toBe("md");
    await fireEvent.click(screen.getByTestId("export-include-text"));
    await fireEvent.click(screen.getByTestId("export-include-tags"));
    expect((await previewed(backend, 6)).redaction).toEqual({ ...FULL, no_text: true, no_tags: true });
    await waitFor(() => expect(screen.getByTestId("preview-tags").textContent).toMatch(/none/));
    expect(screen.getByTestId("preview-samples").textContent).toMatch(/no entry text leaves the journal/);
    expect(screen.getByTestId("preview-fields").textContent).not.toMatch(/text/);
  });

  it("turns unticked number fields into omit_fields and drops them from the preview", async () => {
    const { backend } = await renderExport();
    for (const field of NUMBER_FIELDS) expect(input(`export-field-${field}`).checked, field).toBe(true);
    await fireEvent.click(screen.getByTestId("export-field-energy"));
    await fireEvent.click(screen.getByTestId("export-field-meetings"));
    expect((await previewed(backend, 2)).redaction.omit_fields).toEqual(["energy", "meetings"]);
    await waitFor(() => expect(screen.getByTestId("preview-fields").textContent).not.toMatch(/energy/));
    expect(screen.getByTestId("preview-fields").textContent).not.toMatch(/meetings/);
  });

  it("offers summary only for PDF, HTML and Markdown but not CSV or JSON, and says why", async () => {
    const { backend } = await renderExport();
    await fireEvent.click(screen.getByTestId("export-summary-only"));
    expect((await previewed(backend, 2)).redaction.summary_only).toBe(true);
    await waitFor(() => expect(screen.getByTestId("preview-entries").textContent).toBe("0"));
    for (const [format, why] of [["csv", /one row per entry/], ["json", /exchange format/]] as const) {
      await fireEvent.click(screen.getByTestId(`export-format-${format}`));
      expect(input("export-summary-only").disabled, format).toBe(true);
      expect(input("export-summary-only").checked, format).toBe(false);
      const hint = document.getElementById(input("export-summary-only").getAttribute("aria-describedby") ?? "");
      expect(hint?.textContent, format).toMatch(why);
    }
    expect((await previewed(backend, 3)).redaction.summary_only).toBe(false);
    await fireEvent.click(screen.getByTestId("export-format-html"));
    expect(input("export-summary-only").disabled).toBe(false);
  });

  it("blocks a mismatched passphrase with a message and writes nothing", async () => {
    const { backend } = await renderExport();
    await fireEvent.click(screen.getByTestId("export-encrypt"));
    await fireEvent.input(screen.getByTestId("export-passphrase"), { target: { value: "correct horse" } });
    await fireEvent.input(screen.getByTestId("export-passphrase-confirm"), { target: { value: "correct hose" } });
    expect(screen.getByTestId("export-passphrase-problem").textContent).toBe("The two passphrases do not match.");
    await fireEvent.click(screen.getByTestId("export-submit"));
    expect((await screen.findByTestId("export-error")).textContent).toMatch(/Not exported\. The two passphrases do not match\./);
    expect(backend.count("export_report")).toBe(0);
  });

  it("exports encrypted with the passphrase to a .age path and shows where", async () => {
    const { backend } = await renderExport();
    await fireEvent.click(screen.getByTestId("export-encrypt"));
    expect(input("export-path").value).toMatch(/\.pdf\.age$/);
    await fireEvent.input(screen.getByTestId("export-path"), { target: { value: "/tmp/for-mentor.pdf" } });
    await fireEvent.input(screen.getByTestId("export-passphrase"), { target: { value: "correct horse" } });
    await fireEvent.input(screen.getByTestId("export-passphrase-confirm"), { target: { value: "correct horse" } });
    await fireEvent.click(screen.getByTestId("export-submit"));
    const success = await screen.findByTestId("export-success");
    expect(backend.argsOf("export_report")).toEqual([
      { request: { from: FROM_90, to: TODAY, format: "pdf", redaction: FULL }, path: "/tmp/for-mentor.pdf.age", overwrite: false, passphrase: "correct horse" },
    ]);
    expect(success.textContent).toMatch(/Exported 12 entries \(2\.0 KB, encrypted\) to\s*\/tmp\/for-mentor\.pdf\.age/);
    expect(input("export-passphrase").value).toBe("");
  });

  it("asks before replacing a file that is already there, then retries with overwrite", async () => {
    const { backend, fake } = await renderExport();
    fake.existing.add(input("export-path").value);
    await fireEvent.click(screen.getByTestId("export-submit"));
    const ask = await screen.findByTestId("export-exists");
    expect(ask.textContent).toMatch(/A file is already there\. Replace it\?/);
    expect(screen.queryByTestId("export-success")).toBeNull();
    await fireEvent.click(within(ask).getByTestId("export-replace"));
    expect((await screen.findByTestId("export-success")).textContent).toContain(`${DOCUMENTS}/dualtrack-report-${FROM_90}-${TODAY}.pdf`);
    expect(backend.argsOf("export_report").map((a) => a["overwrite"])).toEqual([false, true]);
    expect(screen.queryByTestId("export-exists")).toBeNull();
  });

  it("shows an indeterminate progress bar while the file is written", async () => {
    const { backend } = await renderExport();
    const write = deferred<unknown>();
    backend.on("export_report", () => write.promise);
    await fireEvent.click(screen.getByTestId("export-submit"));
    const progress = await screen.findByRole("progressbar");
    expect(progress.dataset["testid"]).toBe("export-progress");
    expect([progress.getAttribute("aria-busy"), progress.hasAttribute("aria-valuenow")]).toEqual(["true", false]);
    expect((screen.getByTestId("export-submit") as HTMLButtonElement).disabled).toBe(true);
    write.resolve({ path: "/tmp/r.pdf", bytes: 512, entries: 12, format: "pdf", encrypted: false });
    expect((await screen.findByTestId("export-success")).textContent).toMatch(/512 bytes.*\/tmp\/r\.pdf/s);
    expect(screen.queryByTestId("export-progress")).toBeNull();
  });

  it("shows a write failure clearly, by kind", async () => {
    const { backend } = await renderExport();
    backend.on("export_report", () => {
      throw { kind: "invalid_input", message: "the folder /nope does not exist" };
    });
    await fireEvent.click(screen.getByTestId("export-submit"));
    const error = await screen.findByTestId("export-error");
    expect(error.dataset["kind"]).toBe("invalid_input");
    expect(error.textContent).toMatch(/Not exported\..*The folder \/nope does not exist\./s);
  });

  it("fills the path from the save dialog", async () => {
    const { backend, fake } = await renderExport();
    fake.chosen = "/home/me/Desktop/q3.pdf";
    await fireEvent.click(screen.getByTestId("export-choose"));
    await waitFor(() => expect(input("export-path").value).toBe("/home/me/Desktop/q3.pdf"));
    expect(backend.argsOf("plugin:dialog|save")[0]?.["options"]).toMatchObject({
      defaultPath: `${DOCUMENTS}/dualtrack-report-${FROM_90}-${TODAY}.pdf`,
      filters: [{ extensions: ["pdf"] }],
    });
  });

  it("labels every input and gives every control a test id", async () => {
    await renderExport();
    await fireEvent.click(screen.getByTestId("export-encrypt"));
    const view = screen.getByTestId("export-view");
    for (const el of view.querySelectorAll("input")) {
      expect(el.labels?.length ?? 0, el.dataset["testid"]).toBeGreaterThan(0);
      expect(el.labels?.[0]?.textContent?.trim(), el.dataset["testid"]).not.toBe("");
    }
    for (const el of view.querySelectorAll("input, button")) {
      expect((el as HTMLElement).dataset["testid"], el.outerHTML).toBeTruthy();
    }
  });
});
