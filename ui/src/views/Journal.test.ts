import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import type { Entry, SearchFilters } from "../lib/api";
import { servicesContext } from "../lib/context";
import { addMonths, localDate, monthBounds, monthOf } from "../lib/dates";
import { Nav } from "../lib/nav.svelte";
import { Notices } from "../lib/notices.svelte";
import { Session } from "../lib/session.svelte";
import { SettingsState } from "../lib/settings.svelte";
import { TagList } from "../lib/tags.svelte";
import { entry, memoryJournal } from "../test/backend";
import Journal from "./Journal.svelte";

const TODAY = localDate();
const MONTH = monthOf(TODAY);
const D1 = `${MONTH}-01`;
const D2 = `${MONTH}-02`;
const LAST_YEAR = `${Number(TODAY.slice(0, 4)) - 1}${TODAY.slice(4)}`;

async function renderJournal(initial: Entry[]) {
  const journal = memoryJournal(initial);
  const notices = new Notices();
  const session = new Session(notices);
  const nav = new Nav();
  const settings = new SettingsState(notices);
  const tags = new TagList();
  render(Journal, { props: { nav, settings, tags }, context: servicesContext({ session, notices }) });
  await waitFor(() => expect(journal.backend.count("on_this_day")).toBe(1));
  return { journal, notices, nav };
}

const sample = () => [
  entry(D1, { satisfaction: 3, technical_share: 20, tags: ["incident"], text: "# Outage\nlong night" }),
  entry(D2, { satisfaction: 8, text: "Good **retro**<script>alert(1)</script>", meetings: 0 }),
  entry(LAST_YEAR, { satisfaction: 6, text: "a year ago" }),
];

describe("Journal timeline and calendar", () => {
  it("lists the month's entries newest first and colours calendar days by satisfaction", async () => {
    const { journal } = await renderJournal(sample());
    expect(journal.backend.argsOf("list_entries")[0]).toEqual(monthBounds(MONTH));
    const timeline = await screen.findByTestId("timeline");
    await waitFor(() => expect(within(timeline).getAllByRole("button")).toHaveLength(2));
    const ids = within(timeline).getAllByRole("button").map((b) => b.dataset["testid"]);
    expect(ids).toEqual([`timeline-item-${D2}`, `timeline-item-${D1}`]);
    expect(screen.getByTestId(`timeline-item-${D1}`).textContent).toMatch(/80% leadership · 20% technical/);
    expect(screen.getByTestId(`timeline-item-${D1}`).textContent).toMatch(/#incident/);
    expect(screen.getByTestId(`timeline-item-${D1}`).textContent).toMatch(/Outage/);
    const day2 = screen.getByTestId(`calendar-day-${D2}`);
    expect(day2.classList.contains("sat-8")).toBe(true);
    expect(day2.textContent).toContain("8"); // the number too, not colour alone
    expect(screen.getByTestId(`calendar-day-${D1}`).classList.contains("sat-3")).toBe(true);
  });

  it("moves between months with prev/next and says calmly when a month is empty", async () => {
    const { journal } = await renderJournal([]);
    expect((await screen.findByTestId("timeline")).textContent).toMatch(/No entries yet — today is a good day to start./);
    await fireEvent.click(screen.getByTestId("calendar-prev"));
    await waitFor(() => expect(journal.backend.argsOf("list_entries")[1]).toEqual(monthBounds(addMonths(MONTH, -1))));
    expect(screen.getByTestId(`calendar-day-${addMonths(MONTH, -1)}-01`)).toBeTruthy();
    await fireEvent.click(screen.getByTestId("calendar-next"));
    await waitFor(() => expect(screen.getByTestId(`calendar-day-${D1}`)).toBeTruthy());
  });

  it("opens a day with its numbers and sanitised Markdown", async () => {
    await renderJournal(sample());
    await fireEvent.click(await screen.findByTestId(`calendar-day-${D2}`));
    const detail = await screen.findByTestId("day-detail");
    await waitFor(() => expect(within(detail).getByTestId("detail-satisfaction").textContent).toBe("8"));
    expect(within(detail).getByTestId("detail-meetings").textContent).toBe("0");
    expect(within(detail).getByTestId("detail-energy").textContent).toBe("not logged");
    const text = within(detail).getByTestId("entry-text");
    expect(text.querySelector("strong")?.textContent).toBe("retro");
    expect(text.querySelector("script")).toBeNull();
  });

  it("edits a day with the check-in form and shows the saved numbers", async () => {
    const { journal } = await renderJournal(sample());
    await fireEvent.click(await screen.findByTestId(`timeline-item-${D1}`));
    await fireEvent.click(await screen.findByTestId("edit-entry"));
    await waitFor(() => expect(screen.getByTestId("field-satisfaction-3").getAttribute("aria-checked")).toBe("true"));
    await waitFor(() => expect((screen.getByTestId("save-entry") as HTMLButtonElement).disabled).toBe(false));
    await fireEvent.click(screen.getByTestId("field-satisfaction-5"));
    await fireEvent.click(screen.getByTestId("save-entry"));
    await waitFor(() => expect(screen.getByTestId("save-status").textContent).toMatch(/^Saved \d/));
    expect(journal.entries.get(D1)?.satisfaction).toBe(5);
    expect(journal.entries.get(D1)?.tags).toEqual(["incident"]);
    await fireEvent.click(screen.getByTestId("close-editor"));
    await waitFor(() => expect(screen.getByTestId("detail-satisfaction").textContent).toBe("5"));
  });

  it("deletes only after the confirm step", async () => {
    const { journal } = await renderJournal(sample());
    await fireEvent.click(await screen.findByTestId(`timeline-item-${D2}`));
    await fireEvent.click(await screen.findByTestId("delete-entry"));
    expect(journal.backend.count("delete_entry")).toBe(0);
    await fireEvent.click(screen.getByTestId("cancel-delete"));
    expect(screen.queryByTestId("confirm-delete")).toBeNull();
    await fireEvent.click(screen.getByTestId("delete-entry"));
    await fireEvent.click(screen.getByTestId("confirm-delete"));
    await waitFor(() => expect(screen.queryByTestId(`timeline-item-${D2}`)).toBeNull());
    expect(journal.backend.argsOf("delete_entry")).toEqual([{ date: D2 }]);
    expect(journal.entries.has(D2)).toBe(false);
  });

  it("shows the same day from earlier years", async () => {
    await renderJournal(sample());
    const otd = await screen.findByTestId("on-this-day");
    await waitFor(() => expect(within(otd).getByTestId(`on-this-day-item-${LAST_YEAR}`)).toBeTruthy());
    expect(otd.textContent).toMatch(/a year ago/);
  });
});

describe("Journal search", () => {
  it("searches as you type and shows results instead of the timeline", async () => {
    const { journal } = await renderJournal(sample());
    await fireEvent.input(screen.getByTestId("search-input"), { target: { value: "retro" } });
    const results = await screen.findByTestId("search-results");
    await waitFor(() => expect(within(results).getByTestId(`search-result-${D2}`)).toBeTruthy());
    expect(within(results).queryByTestId(`search-result-${D1}`)).toBeNull();
    expect(screen.queryByTestId("timeline")).toBeNull();
    expect(journal.backend.argsOf("search_entries").at(-1)).toEqual({ filters: { text: "retro", tags: [] } });
  });

  it("maps every filter onto SearchFilters, closing half-open ranges", async () => {
    const { journal } = await renderJournal(sample());
    await fireEvent.change(screen.getByTestId("search-from"), { target: { value: "2026-01-01" } });
    await fireEvent.change(screen.getByTestId("search-to"), { target: { value: "2026-12-31" } });
    await fireEvent.input(screen.getByTestId("search-tag"), { target: { value: "incident" } });
    await fireEvent.change(screen.getByTestId("search-sat-min"), { target: { value: "3" } });
    await fireEvent.input(screen.getByTestId("search-tech-max"), { target: { value: "50" } });
    const expected: SearchFilters = {
      text: "",
      from: "2026-01-01",
      to: "2026-12-31",
      tags: ["incident"],
      satisfaction: [3, 10],
      technical_share: [0, 50],
    };
    await waitFor(() => expect(journal.backend.argsOf("search_entries").at(-1)).toEqual({ filters: expected }));
    await fireEvent.change(screen.getByTestId("search-sat-max"), { target: { value: "2" } });
    expect((await screen.findByTestId("search-problem")).textContent).toMatch(/above the highest/);
  });

  it("takes focus when Ctrl+K asked for it", async () => {
    const { nav } = await renderJournal([]);
    nav.focusSearch();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("search-input")));
    expect(nav.searchFocusPending).toBe(false);
  });
});
