import axe from "axe-core";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import { servicesContext } from "../lib/context";
import { Notices } from "../lib/notices.svelte";
import { Session } from "../lib/session.svelte";
import type { Settings as StoredSettings } from "../lib/api";
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

const STORED: StoredSettings = { role_start: "2026-03-01", trial_days: 90, idle_lock_minutes: 10 };

async function renderSettings(stored: StoredSettings = STORED, reach = { notifications: true, start_at_login: false }) {
  const journal = memoryJournal([], stored);
  journal.backend
    .on("reminder_status", () => reach)
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

  it("keeps the reminder in its own card: off by default, Mon–Fri offered, saved with its own Save", async () => {
    const { journal } = await renderSettings();
    const card = screen.getByTestId("reminder-settings");
    expect(card.textContent).toMatch(/never anything you wrote/);
    expect((screen.getByTestId("reminder-on") as HTMLInputElement).checked).toBe(false);
    expect(screen.queryByTestId("reminder-time")).toBeNull();
    await fireEvent.click(screen.getByTestId("reminder-on"));
    expect((screen.getByTestId("reminder-time") as HTMLInputElement).value).toBe("18:00");
    const ticked = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].filter(
      (d) => (screen.getByTestId(`reminder-day-${d}`) as HTMLInputElement).checked,
    );
    expect(ticked).toEqual(["mon", "tue", "wed", "thu", "fri"]);
    await fireEvent.change(screen.getByTestId("reminder-time"), { target: { value: "17:45" } });
    await fireEvent.click(screen.getByTestId("reminder-day-fri"));
    // An unsaved edit in the role card neither rides along nor blocks the reminder.
    await fireEvent.input(screen.getByTestId("setting-idle-lock"), { target: { value: "0" } });
    await fireEvent.click(screen.getByTestId("reminder-save"));
    await waitFor(() => expect(screen.getByTestId("reminder-status").textContent?.trim()).toBe("Reminder saved"));
    expect(screen.getByTestId("settings-status").textContent?.trim()).toBe("");
    expect(journal.backend.argsOf("save_settings")).toEqual([
      { settings: { ...STORED, reminder_time: "17:45", reminder_days: ["mon", "tue", "wed", "thu"] } },
    ]);
  });

  it("turning the reminder off stores no time but keeps it for turning it on again", async () => {
    const { journal } = await renderSettings({ ...STORED, reminder_time: "07:30", reminder_days: ["sat", "sun"] });
    expect((screen.getByTestId("reminder-time") as HTMLInputElement).value).toBe("07:30");
    await fireEvent.click(screen.getByTestId("reminder-on"));
    await fireEvent.click(screen.getByTestId("reminder-save"));
    await waitFor(() => expect(journal.backend.count("save_settings")).toBe(1));
    expect(journal.settings).toEqual({ ...STORED, reminder_days: ["sat", "sun"] });
    await fireEvent.click(screen.getByTestId("reminder-on"));
    expect((screen.getByTestId("reminder-time") as HTMLInputElement).value).toBe("07:30");
    expect((screen.getByTestId("reminder-day-sun") as HTMLInputElement).checked).toBe(true);
    expect((screen.getByTestId("reminder-day-mon") as HTMLInputElement).checked).toBe(false);
  });

  it("refuses a reminder on no day and says so in the reminder card", async () => {
    const { journal } = await renderSettings({ ...STORED, reminder_time: "09:00", reminder_days: ["wed"] });
    await fireEvent.click(screen.getByTestId("reminder-day-wed"));
    await fireEvent.click(screen.getByTestId("reminder-save"));
    expect(screen.getByTestId("reminder-problem").textContent).toMatch(/at least one day/);
    expect(screen.queryByTestId("settings-problem")).toBeNull();
    expect(journal.backend.count("save_settings")).toBe(0);
  });

  it("says nothing about notifications where the desktop shows them", async () => {
    const { journal } = await renderSettings();
    expect(journal.backend.count("reminder_status")).toBe(1);
    expect(screen.queryByTestId("reminder-no-notifications")).toBeNull();
  });

  it("says once, calmly, when the desktop shows no notifications, and shows start at login as it is", async () => {
    await renderSettings(STORED, { notifications: false, start_at_login: true });
    expect((await screen.findByTestId("reminder-no-notifications")).textContent).toBe(
      "This desktop shows no notifications, so the reminder cannot appear here.",
    );
    expect(screen.getAllByText(/shows no notifications/)).toHaveLength(1);
    expect((screen.getByTestId("start-at-login") as HTMLInputElement).checked).toBe(true);
  });

  it("the reminder card passes axe's WCAG A and AA rules, switched on and with its sentence", async () => {
    await renderSettings({ ...STORED, reminder_time: "08:00" }, { notifications: false, start_at_login: false });
    await screen.findByTestId("reminder-no-notifications");
    const result = await axe.run(screen.getByTestId("reminder-settings"), {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa"] },
      rules: { "color-contrast": { enabled: false } },
    });
    expect(result.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });

  it("turns start at login on and off at once, and shows a refusal with the box as it really is", async () => {
    const { journal } = await renderSettings();
    const box = screen.getByTestId("start-at-login") as HTMLInputElement;
    expect(box.checked).toBe(false);
    await fireEvent.click(box);
    await waitFor(() => expect(journal.backend.argsOf("set_start_at_login")).toEqual([{ on: true }]));
    expect(journal.backend.count("save_settings")).toBe(0); // not a journal setting
    await waitFor(() => expect(box.disabled).toBe(false));
    expect(box.checked).toBe(true);
    journal.backend.on("set_start_at_login", fail("io", "the autostart folder is read-only"));
    await fireEvent.click(box);
    expect((await screen.findByTestId("start-at-login-problem")).textContent).toMatch(
      /^Start at login could not be turned off\. The autostart folder is read-only\./,
    );
    expect(box.checked).toBe(true);
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
    // The restored journal's settings are read again (after the load and the read when Settings opened).
    await waitFor(() => expect(journal.backend.count("get_settings")).toBe(3));
  });
});
