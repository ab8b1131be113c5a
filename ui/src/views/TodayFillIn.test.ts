import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";
import type { Entry, Settings } from "../lib/api";
import { servicesContext } from "../lib/context";
import { addDays, localDate } from "../lib/dates";
import { Notices } from "../lib/notices.svelte";
import { DAYS, dayOf } from "../lib/reminder";
import { Session } from "../lib/session.svelte";
import { SettingsState } from "../lib/settings.svelte";
import { TagList } from "../lib/tags.svelte";
import { entry, memoryJournal } from "../test/backend";
import Today from "./Today.svelte";

const TODAY = localDate();
const YESTERDAY = addDays(TODAY, -1);
/** Any test day is fine: the reminder's days are chosen around whatever yesterday was. */
const ON_YESTERDAY: Settings = { reminder_time: "18:00", reminder_days: [dayOf(YESTERDAY)] };
const NOT_YESTERDAY: Settings = { reminder_time: "18:00", reminder_days: DAYS.filter((d) => d !== dayOf(YESTERDAY)) };
/** Today has looked at yesterday and settled what to show (the offer or nothing). */
const looked = () => expect(JSON.parse(localStorage.getItem("dualtrack.prefs") ?? "{}")).toMatchObject({ fillInCheckedFor: YESTERDAY });
/** An entry before yesterday: the journal is not new. */
const EARLIER = entry(addDays(TODAY, -5), { satisfaction: 6 });

async function renderToday(initial: Entry[], stored: Settings) {
  const journal = memoryJournal(initial, stored);
  const notices = new Notices();
  const settings = new SettingsState(notices);
  await settings.load();
  const onfillin = vi.fn();
  render(Today, {
    props: { settings, tags: new TagList(), onfillin },
    context: servicesContext({ session: new Session(notices), notices }),
  });
  await waitFor(() => expect((screen.getByTestId("save-entry") as HTMLButtonElement).disabled).toBe(false));
  return { journal, onfillin };
}

describe("Fill in yesterday?", () => {
  it("is offered after a missed reminder day and opens yesterday's check-in", async () => {
    const { onfillin } = await renderToday([EARLIER], ON_YESTERDAY);
    const offer = await screen.findByTestId("fill-in-offer");
    expect(offer.textContent).toMatch(/^\s*No check-in yesterday\. Fill it in\?/);
    await fireEvent.click(screen.getByTestId("fill-in-yesterday"));
    expect(onfillin).toHaveBeenCalledWith(YESTERDAY);
    expect(screen.queryByTestId("fill-in-offer")).toBeNull();
  });

  it("is offered once: after Not now, opening Today again does not ask (or look) again", async () => {
    const first = await renderToday([EARLIER], ON_YESTERDAY);
    await screen.findByTestId("fill-in-offer");
    await fireEvent.click(screen.getByTestId("fill-in-not-now"));
    expect(screen.queryByTestId("fill-in-offer")).toBeNull();
    expect(first.onfillin).not.toHaveBeenCalled();
    cleanup();
    const again = await renderToday([EARLIER], ON_YESTERDAY);
    expect(again.journal.backend.count("missed_day")).toBe(0);
    expect(screen.queryByTestId("fill-in-offer")).toBeNull();
    // The stored date says only that yesterday was looked at, not what was found.
    looked();
  });

  it("is not offered when yesterday was not a reminder day, or there is no reminder", async () => {
    await renderToday([EARLIER], NOT_YESTERDAY);
    await waitFor(looked);
    expect(screen.queryByTestId("fill-in-offer")).toBeNull();
    cleanup();
    localStorage.clear();
    await renderToday([EARLIER], { reminder_days: [dayOf(YESTERDAY)] });
    await waitFor(looked);
    expect(screen.queryByTestId("fill-in-offer")).toBeNull();
  });

  it("is not offered when yesterday's check-in is saved", async () => {
    const { journal } = await renderToday([EARLIER, entry(YESTERDAY, { satisfaction: 7 })], ON_YESTERDAY);
    await waitFor(looked);
    expect(journal.backend.argsOf("missed_day")).toEqual([{ today: TODAY }]);
    expect(screen.queryByTestId("fill-in-offer")).toBeNull();
  });

  it("is not offered by a journal with nothing in it before today (it is new, not behind)", async () => {
    const { journal } = await renderToday([], ON_YESTERDAY);
    await waitFor(looked);
    expect(journal.backend.count("missed_day")).toBe(1);
    expect(screen.queryByTestId("fill-in-offer")).toBeNull();
  });
});
