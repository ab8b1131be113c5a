import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import { servicesContext } from "../lib/context";
import type { ImportReport } from "../lib/api";
import { Nav } from "../lib/nav.svelte";
import { Notices } from "../lib/notices.svelte";
import { Session } from "../lib/session.svelte";
import { SettingsState } from "../lib/settings.svelte";
import { TagList } from "../lib/tags.svelte";
import { deferred, fail, memoryJournal } from "../test/backend";
import { DAYLIO, daylioReport, importCommands } from "../test/import";
import Settings from "./Settings.svelte";

async function renderSettings(report?: ImportReport) {
  const journal = memoryJournal([], { role_start: "2026-03-01" });
  journal.backend.on("list_backups", () => []);
  const fake = importCommands(journal.backend, report);
  const notices = new Notices();
  const session = new Session(notices);
  const settings = new SettingsState(notices);
  await settings.load();
  const nav = new Nav();
  nav.go("settings");
  render(Settings, { props: { settings, tags: new TagList(), nav }, context: servicesContext({ session, notices }) });
  return { journal, fake, nav };
}

/** Types the path and asks for the preview, as a person pasting it would. */
async function previewTyped(path = DAYLIO): Promise<HTMLElement> {
  await fireEvent.input(screen.getByTestId("import-path"), { target: { value: path } });
  await fireEvent.click(screen.getByTestId("import-preview-button"));
  return screen.findByTestId("import-preview");
}

describe("Settings → Bring your history", () => {
  it("previews the picked file: format, entries → days, range, merges, skipped and renamed tags", async () => {
    const { journal } = await renderSettings();
    expect(screen.getByText(/Bring your history from Day One, jrnl or Daylio/)).toBeTruthy();
    await fireEvent.click(screen.getByTestId("import-choose"));
    const preview = await screen.findByTestId("import-preview");
    expect(journal.backend.count("plugin:dialog|open")).toBe(1);
    expect((screen.getByTestId("import-path") as HTMLInputElement).value).toBe(DAYLIO);
    expect(screen.getByTestId("import-format").textContent).toBe("Daylio export");
    expect(screen.getByTestId("import-days").textContent).toBe("412 entries → 380 days");
    expect(screen.getByTestId("import-range").textContent).toMatch(/2021.* – .*2026/);
    const details = within(preview).getByTestId("import-details").textContent;
    expect(details).toMatch(/12 days already in your journal get the imported text added below theirs/);
    expect(details).toMatch(/3 entries skipped \(empty\)/);
    expect(details).toMatch(/tags renamed: 'Work Out' → 'work-out'/);
  });

  it("pre-fills the moods it knows, asks for the rest, and blocks Import with the reason", async () => {
    await renderSettings();
    await previewTyped();
    expect((screen.getByTestId("import-mood-rad") as HTMLSelectElement).value).toBe("9");
    const meh = screen.getByTestId("import-mood-meh-ish") as HTMLSelectElement;
    expect(meh.value).toBe("");
    expect(meh.dataset["label"]).toBe("meh-ish");
    expect(meh.selectedOptions[0]?.textContent).toBe("choose…");
    expect(screen.getByTestId("import-moods").textContent).toMatch(/Daylio moods have names you chose/);
    const submit = screen.getByTestId("import-submit") as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    const reason = screen.getByTestId("import-blocked");
    expect(reason.textContent).toBe("Choose how satisfied the mood 'meh-ish' means before importing.");
    expect(submit.getAttribute("aria-describedby")).toBe(reason.id);
  });

  it("previews again with the chosen mood in the options, then imports with progress and says what came in", async () => {
    const { journal, nav } = await renderSettings();
    await previewTyped();
    await fireEvent.change(screen.getByTestId("import-mood-meh-ish"), { target: { value: "4" } });
    await waitFor(() => expect(journal.backend.count("import_preview")).toBe(2));
    expect(journal.backend.argsOf("import_preview")[1]).toEqual({ path: DAYLIO, options: { moods: { "meh-ish": 4 }, skip_bad: false } });
    const submit = screen.getByTestId("import-submit") as HTMLButtonElement;
    await waitFor(() => expect(submit.disabled).toBe(false));
    expect(screen.queryByTestId("import-blocked")).toBeNull();

    const slow = deferred<unknown>();
    const importFile = journal.backend.handlers["import_file"]!;
    journal.backend.on("import_file", async (args) => {
      await slow.promise;
      return importFile(args);
    });
    await fireEvent.click(submit);
    const progress = await screen.findByTestId("import-progress");
    expect(progress.getAttribute("role")).toBe("progressbar");
    expect(progress.parentElement?.getAttribute("aria-busy")).toBe("true");
    expect(screen.getByText("Importing…")).toBeTruthy();
    slow.resolve(null);

    const success = await screen.findByTestId("import-success");
    expect(success.textContent).toBe("Imported 380 days: 368 new, 12 added to existing entries.");
    expect(journal.backend.argsOf("import_file")).toEqual([{ path: DAYLIO, options: { moods: { "meh-ish": 4 }, skip_bad: false } }]);
    // The new days' tags are read again for completion.
    expect(journal.backend.count("list_tags")).toBe(1);
    await fireEvent.click(screen.getByTestId("import-open-journal"));
    expect(nav.view).toBe("journal");
  });

  it("says so when the same file brings nothing new", async () => {
    await renderSettings(daylioReport({ moods: [] }));
    await previewTyped();
    await fireEvent.click(screen.getByTestId("import-submit"));
    await screen.findByTestId("import-success");
    await fireEvent.click(screen.getByTestId("import-again"));
    await previewTyped();
    expect(screen.getByTestId("import-nothing-new").textContent).toBe("Nothing new: all 412 entries were imported before.");
    expect((screen.getByTestId("import-submit") as HTMLButtonElement).disabled).toBe(true);
  });

  it("previews a typed path once it is committed (Enter or leaving the field)", async () => {
    const { journal } = await renderSettings();
    const input = screen.getByTestId("import-path");
    await fireEvent.input(input, { target: { value: DAYLIO } });
    expect(journal.backend.count("import_preview")).toBe(0);
    await fireEvent.change(input);
    await screen.findByTestId("import-preview");
    expect(journal.backend.argsOf("import_preview")).toEqual([{ path: DAYLIO, options: { moods: {}, skip_bad: false } }]);
  });

  it("shows the core's one sentence when the file cannot be imported", async () => {
    const { journal } = await renderSettings();
    journal.backend.on("import_preview", fail("invalid_import", "line 12 of journal.txt starts no entry jrnl can read"));
    await fireEvent.input(screen.getByTestId("import-path"), { target: { value: "/home/me/journal.txt" } });
    await fireEvent.click(screen.getByTestId("import-preview-button"));
    const error = await screen.findByTestId("import-error");
    expect(error.getAttribute("role")).toBe("alert");
    expect(error.textContent).toMatch(/That file cannot be imported\. Line 12 of journal\.txt starts no entry jrnl can read\./);
    expect(error.textContent).toMatch(/Nothing was imported/);
    expect(screen.queryByTestId("import-preview")).toBeNull();
    expect(screen.getByTestId("import-skip-bad")).toBeTruthy();
  });
});
