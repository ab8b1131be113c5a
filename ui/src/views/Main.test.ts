import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import { servicesContext } from "../lib/context";
import { CHECK_IN_EVENT } from "../lib/nav.svelte";
import { Notices } from "../lib/notices.svelte";
import { Session } from "../lib/session.svelte";
import { addDays, localDate } from "../lib/dates";
import { dayOf } from "../lib/reminder";
import { entry, fail, memoryJournal, status } from "../test/backend";
import { reportCommands } from "../test/export";
import Main from "./Main.svelte";

async function renderMain() {
  const journal = memoryJournal([], { idle_lock_minutes: 5 });
  journal.backend.on("journal_status", () => status({ unlocked: true })).on("lock_journal", () => null);
  const notices = new Notices();
  const session = new Session(notices);
  await session.start();
  render(Main, { context: servicesContext({ session, notices }) });
  await screen.findByTestId("today-view");
  return { journal, session };
}

describe("first run", () => {
  it("asks for the role start, the trial (90 days offered) and a reminder, then opens Today", async () => {
    const journal = memoryJournal();
    journal.backend.on("journal_status", () => status({ unlocked: true }));
    const notices = new Notices();
    const session = new Session(notices);
    await session.start();
    session.welcome = true;
    render(Main, { context: servicesContext({ session, notices }) });
    await screen.findByTestId("welcome-view");
    await waitFor(() => expect((screen.getByTestId("welcome-trial-90") as HTMLInputElement).checked).toBe(true));
    await fireEvent.change(screen.getByTestId("welcome-role-start"), { target: { value: "2026-09-01" } });
    expect(screen.getByTestId("welcome-reminder-hint").textContent).toMatch(/weekdays/);
    await fireEvent.change(screen.getByTestId("welcome-reminder"), { target: { value: "18:00" } });
    await fireEvent.click(screen.getByTestId("welcome-save"));
    await screen.findByTestId("today-view");
    // Weekdays are the default: stored as no days chosen.
    expect(journal.settings).toEqual({ role_start: "2026-09-01", trial_days: 90, idle_lock_minutes: 15, reminder_time: "18:00" });
    session.stopIdleWatch();
  });

  it("can be skipped, storing nothing; choosing no trial sticks", async () => {
    const journal = memoryJournal();
    journal.backend.on("journal_status", () => status({ unlocked: true }));
    const notices = new Notices();
    const session = new Session(notices);
    await session.start();
    session.welcome = true;
    render(Main, { context: servicesContext({ session, notices }) });
    await waitFor(() => expect((screen.getByTestId("welcome-trial-90") as HTMLInputElement).checked).toBe(true));
    await fireEvent.click(screen.getByTestId("welcome-trial-none"));
    expect((screen.getByTestId("welcome-trial-none") as HTMLInputElement).checked).toBe(true);
    await fireEvent.click(screen.getByTestId("welcome-skip"));
    await screen.findByTestId("today-view");
    expect(journal.backend.count("save_settings")).toBe(0);
    session.stopIdleWatch();
  });
});

describe("after a missed reminder day", () => {
  it("Today's Fill in yesterday opens yesterday in the Journal's editor", async () => {
    const yesterday = addDays(localDate(), -1);
    const journal = memoryJournal([entry(addDays(yesterday, -3), { satisfaction: 5 })], {
      reminder_time: "18:00",
      reminder_days: [dayOf(yesterday)],
    });
    journal.backend.on("journal_status", () => status({ unlocked: true }));
    const notices = new Notices();
    const session = new Session(notices);
    await session.start();
    render(Main, { context: servicesContext({ session, notices }) });
    await fireEvent.click(await screen.findByTestId("fill-in-yesterday"));
    await screen.findByTestId("journal-view");
    expect(screen.getByTestId("nav-journal").getAttribute("aria-current")).toBe("page");
    // The Journal's own editor, on yesterday: writing and saving it is the usual check-in.
    await waitFor(() => expect(journal.backend.argsOf("get_draft")).toContainEqual({ date: yesterday }));
    await waitFor(() => expect((screen.getByTestId("save-entry") as HTMLButtonElement).disabled).toBe(false));
    expect(screen.getByTestId("day-detail").contains(screen.getByTestId("checkin-form"))).toBe(true);
    await fireEvent.click(screen.getByTestId("field-satisfaction-6"));
    await fireEvent.click(screen.getByTestId("save-entry"));
    await waitFor(() => expect(journal.entries.get(yesterday)?.satisfaction).toBe(6));
    session.stopIdleWatch();
  });
});

describe("Main layout", () => {
  it("navigates between the views with labelled buttons", async () => {
    const { session } = await renderMain();
    expect(screen.getByTestId("nav-today").getAttribute("aria-current")).toBe("page");
    await fireEvent.click(screen.getByTestId("nav-journal"));
    await screen.findByTestId("journal-view");
    await fireEvent.click(screen.getByTestId("nav-settings"));
    await screen.findByTestId("settings-view");
    expect(screen.queryByTestId("today-view")).toBeNull();
    session.stopIdleWatch();
  });

  it("brings the window to Today's check-in when the shell says so (the reminder or the tray)", async () => {
    const { session } = await renderMain();
    await fireEvent.click(screen.getByTestId("nav-settings"));
    await screen.findByTestId("settings-view");
    window.dispatchEvent(new Event(CHECK_IN_EVENT));
    await screen.findByTestId("today-view");
    expect(screen.getByTestId("nav-today").getAttribute("aria-current")).toBe("page");
    session.stopIdleWatch();
  });

  it("loads the Insights view on demand from its nav item", async () => {
    const { journal, session } = await renderMain();
    expect(screen.getByTestId("nav-insights").textContent).toBe("Insights");
    await fireEvent.click(screen.getByTestId("nav-insights"));
    await screen.findByTestId("insights-view");
    expect(screen.getByTestId("nav-insights").getAttribute("aria-current")).toBe("page");
    // An empty journal: the calm empty state, not a row of blank charts.
    expect((await screen.findByTestId("insights-empty")).textContent).toMatch(/No entries in this range yet/);
    expect(journal.backend.count("get_insights")).toBe(1);
    session.stopIdleWatch();
  });

  it("loads the Export view on demand from its nav item, after Insights", async () => {
    const { journal, session } = await renderMain();
    reportCommands(journal.backend);
    const labels = [...screen.getByRole("navigation", { name: "Main" }).querySelectorAll("button")].map((b) => b.textContent);
    expect(labels).toEqual(["Today", "Journal", "Insights", "Export", "Settings"]);
    await fireEvent.click(screen.getByTestId("nav-export"));
    await screen.findByTestId("export-view");
    expect(screen.getByTestId("nav-export").getAttribute("aria-current")).toBe("page");
    await waitFor(() => expect(journal.backend.count("preview_report")).toBe(1));
    session.stopIdleWatch();
  });

  it("Ctrl+K opens the journal and focuses the search box", async () => {
    const { session } = await renderMain();
    await fireEvent.keyDown(window, { key: "k", ctrlKey: true });
    await screen.findByTestId("journal-view");
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("search-input")));
    session.stopIdleWatch();
  });

  it("takes the idle lock minutes from the settings", async () => {
    const { session } = await renderMain();
    await waitFor(() => expect(session.idleMinutes).toBe(5));
    session.stopIdleWatch();
  });

  it("shows a failure in the error banner by kind, with a next step, and dismisses it", async () => {
    const { journal, session } = await renderMain();
    journal.backend.on("save_entry", fail("disk_full", "the disk is full; nothing was saved and earlier entries are intact"));
    await waitFor(() => expect((screen.getByTestId("save-entry") as HTMLButtonElement).disabled).toBe(false));
    await fireEvent.click(screen.getByTestId("save-entry"));
    const banner = await screen.findByTestId("error-banner");
    expect(banner.dataset["kind"]).toBe("disk_full");
    expect(banner.textContent).toMatch(/Could not save the entry/);
    expect(screen.getByTestId("error-next").textContent).toMatch(/Free some space/);
    await fireEvent.click(screen.getByTestId("error-dismiss"));
    expect(screen.queryByTestId("error-banner")).toBeNull();
    session.stopIdleWatch();
  });
});
