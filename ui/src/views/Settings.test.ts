import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import { servicesContext } from "../lib/context";
import { Notices } from "../lib/notices.svelte";
import { Session } from "../lib/session.svelte";
import { SettingsState } from "../lib/settings.svelte";
import { TagList } from "../lib/tags.svelte";
import { fail, memoryJournal } from "../test/backend";
import Settings from "./Settings.svelte";

const BACKUPS = [
  { name: "journal-20261101-100000-000.db", path: "/b/1", bytes: 2048, taken_at: "2026-11-01T10:00:00Z" },
  { name: "journal-20261102-100000-000.db", path: "/b/2", bytes: 3 * 1024 * 1024, taken_at: "2026-11-02T10:00:00Z" },
];
const MADE = { name: "journal-20261103-100000-000.db", path: "/b/3", bytes: 4096, taken_at: "2026-11-03T10:00:00Z" };
const SAFETY = { name: "journal-20261103-110000-000.db", path: "/b/4", bytes: 4096, taken_at: "2026-11-03T11:00:00Z" };

async function renderSettings() {
  const journal = memoryJournal([], { role_start: "2026-03-01", trial_days: 90, idle_lock_minutes: 10 });
  journal.backend
    .on("list_backups", () => BACKUPS)
    .on("backup_now", () => MADE)
    .on("restore_preview", () => ({
      backup: BACKUPS[0],
      in_backup: { entries: 1, last_entry: "2026-10-31" },
      in_journal: { entries: 12, last_entry: "2026-11-03" },
    }))
    .on("restore_backup", () => SAFETY)
    .on("set_passphrase", () => null)
    .on("new_recovery_code", () => "NEW-CODE-0042")
    .on("confirm_recovery_code", () => null)
    .on("restore_keyring", () => null);
  const notices = new Notices();
  const session = new Session(notices);
  const settings = new SettingsState(notices);
  await settings.load();
  render(Settings, { props: { settings, tags: new TagList() }, context: servicesContext({ session, notices }) });
  await screen.findByTestId(`restore-${BACKUPS[0]?.name}`);
  return { journal, settings };
}

describe("Settings", () => {
  it("shows the stored settings and saves edits, then says so", async () => {
    const { journal } = await renderSettings();
    expect((screen.getByTestId("setting-role-start") as HTMLInputElement).value).toBe("2026-03-01");
    expect((screen.getByTestId("setting-trial-days") as HTMLSelectElement).value).toBe("90");
    expect((screen.getByTestId("setting-idle-lock") as HTMLInputElement).value).toBe("10");
    await fireEvent.click(screen.getByTestId("phase-add"));
    await fireEvent.input(screen.getByTestId("phase-name-0"), { target: { value: "manager" } });
    await fireEvent.change(screen.getByTestId("phase-start-0"), { target: { value: "2026-03-01" } });
    await fireEvent.click(screen.getByTestId("phase-add"));
    await fireEvent.click(screen.getByTestId("phase-remove-1"));
    await fireEvent.input(screen.getByTestId("setting-prompts"), { target: { value: "Q1\nQ2" } });
    await fireEvent.change(screen.getByTestId("setting-trial-days"), { target: { value: "180" } });
    await fireEvent.click(screen.getByTestId("settings-save"));
    await waitFor(() => expect(screen.getByTestId("settings-status").textContent?.trim()).toBe("Settings saved"));
    expect(journal.backend.argsOf("save_settings")).toEqual([
      {
        settings: {
          role_start: "2026-03-01",
          trial_days: 180,
          phases: [{ name: "manager", start: "2026-03-01" }],
          prompts: ["Q1", "Q2"],
          idle_lock_minutes: 10,
        },
      },
    ]);
  });

  it("refuses an idle lock of 0 minutes without calling the core", async () => {
    const { journal } = await renderSettings();
    await fireEvent.input(screen.getByTestId("setting-idle-lock"), { target: { value: "0" } });
    await fireEvent.click(screen.getByTestId("settings-save"));
    expect(screen.getByTestId("settings-problem").textContent).toMatch(/1 to 1440/);
    expect(journal.backend.count("save_settings")).toBe(0);
  });

  it("sets a passphrase only when it is long enough and typed twice the same", async () => {
    const { journal } = await renderSettings();
    await fireEvent.input(screen.getByTestId("passphrase-new"), { target: { value: "a long passphrase" } });
    await fireEvent.input(screen.getByTestId("passphrase-confirm"), { target: { value: "a long passphrase!" } });
    await fireEvent.click(screen.getByTestId("passphrase-save"));
    expect(screen.getByTestId("passphrase-error").textContent).toMatch(/do not match/);
    await fireEvent.input(screen.getByTestId("passphrase-confirm"), { target: { value: "a long passphrase" } });
    await fireEvent.click(screen.getByTestId("passphrase-save"));
    await waitFor(() => expect(screen.getByTestId("passphrase-status").textContent?.trim()).toBe("Passphrase set"));
    expect(journal.backend.argsOf("set_passphrase")).toEqual([{ passphrase: "a long passphrase" }]);
  });

  it("makes a new recovery code only after confirming, and shows it once", async () => {
    const { journal } = await renderSettings();
    await fireEvent.click(screen.getByTestId("new-recovery-code"));
    expect(journal.backend.count("new_recovery_code")).toBe(0);
    await fireEvent.click(screen.getByTestId("new-recovery-confirm"));
    expect((await screen.findByTestId("new-recovery-code-value")).textContent).toBe("NEW-CODE-0042");
    // Until the person says it is saved, the old code is not retired.
    expect(journal.backend.count("confirm_recovery_code")).toBe(0);
    await fireEvent.click(screen.getByTestId("new-recovery-saved"));
    await fireEvent.click(screen.getByTestId("new-recovery-done"));
    await waitFor(() => expect(screen.queryByTestId("new-recovery-code-value")).toBeNull());
    expect(journal.backend.count("confirm_recovery_code")).toBe(1);
    expect(screen.queryByText("NEW-CODE-0042")).toBeNull();
  });

  it("puts the key back into the keyring and says so", async () => {
    const { journal } = await renderSettings();
    await fireEvent.click(screen.getByTestId("keyring-restore"));
    expect((await screen.findByTestId("keyring-status")).textContent).toMatch(/opens without typing/);
    expect(journal.backend.count("restore_keyring")).toBe(1);
  });

  it("keeps the new code on screen when the old one cannot be retired yet", async () => {
    const { journal } = await renderSettings();
    journal.backend.on("confirm_recovery_code", fail("busy", "another Dualtrack process is changing the journal's key"));
    await fireEvent.click(screen.getByTestId("new-recovery-code"));
    await fireEvent.click(screen.getByTestId("new-recovery-confirm"));
    await screen.findByTestId("new-recovery-code-value");
    await fireEvent.click(screen.getByTestId("new-recovery-saved"));
    await fireEvent.click(screen.getByTestId("new-recovery-done"));
    await waitFor(() => expect(journal.backend.count("confirm_recovery_code")).toBe(1));
    expect(screen.getByTestId("new-recovery-code-value").textContent).toBe("NEW-CODE-0042");
  });

  it("lists backups newest first by date with sizes, backs up now, and restores after a confirmation that says what it replaces", async () => {
    const { journal } = await renderSettings();
    const list = screen.getByTestId("backups-list");
    expect(list.textContent).toMatch(/Nov 2.*3\.0 MB.*Nov 1.*2\.0 KB/s);
    expect(list.textContent).not.toMatch(/journal-2026/);
    await fireEvent.click(screen.getByTestId("backup-now"));
    await waitFor(() => expect(journal.backend.count("backup_now")).toBe(1));
    await fireEvent.click(screen.getByTestId(`restore-${BACKUPS[0]?.name}`));
    const question = (await screen.findByText(/It holds 1 entry/)).closest("[data-testid='restore-confirm']");
    expect(question?.textContent).toMatch(/Restore the backup from .*Nov 1.*2026/);
    expect(question?.textContent).toMatch(/the last on .*Oct 31/);
    expect(question?.textContent).toMatch(/replaces the journal as it is now: 12 entries/);
    expect(question?.textContent).toMatch(/11 entries and any edits since the backup will be gone/);
    expect(question?.textContent).toMatch(/kept as a backup first/);
    expect(journal.backend.count("restore_backup")).toBe(0);
    await fireEvent.click(screen.getByTestId("confirm-restore"));
    await waitFor(() => expect(journal.backend.argsOf("restore_backup")).toEqual([{ name: BACKUPS[0]?.name }]));
    expect((await screen.findByTestId("backup-message")).textContent).toMatch(/Restored the backup from .*Nov 1.*kept as the backup from .*Nov 3/);
    // The restored journal's settings are read again.
    await waitFor(() => expect(journal.backend.count("get_settings")).toBe(2));
  });
});
