import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";
import type { Entry, SearchFilters } from "../lib/api";
import { servicesContext } from "../lib/context";
import { addMonths, localDate, monthBounds, monthLabel, monthOf } from "../lib/dates";
import { Nav } from "../lib/nav.svelte";
import { Notices } from "../lib/notices.svelte";
import { Session } from "../lib/session.svelte";
import { SettingsState } from "../lib/settings.svelte";
import { TagList } from "../lib/tags.svelte";
import { entry, memoryJournal } from "../test/backend";
import { UNDO_MS } from "../lib/journal.svelte";
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
    // Its name starts with what is seen (the day) and ends with the score that is seen.
    expect(day2.textContent?.replace(/\s+/g, " ").trim()).toMatch(/^\d{1,2} \w+ \d{4}, \w+, satisfaction 8$/);
    expect(screen.getByTestId(`calendar-day-${D1}`).classList.contains("sat-3")).toBe(true);
  });

  it("opens on the month of the latest entry when this month has none", async () => {
    const older = `${addMonths(MONTH, -3)}-15`;
    const { journal } = await renderJournal([entry(older, { satisfaction: 5 })]);
    await waitFor(() => expect(screen.getByTestId(`timeline-item-${older}`)).toBeTruthy());
    expect(journal.backend.argsOf("list_entries")).toEqual([monthBounds(addMonths(MONTH, -3))]);
  });

  it("is one Tab stop per calendar and list, with arrow keys inside", async () => {
    await renderJournal(sample());
    await waitFor(() => expect(screen.getByTestId(`timeline-item-${D2}`)).toBeTruthy());
    const days = screen.getByTestId("calendar").querySelectorAll<HTMLElement>("button.day");
    expect([...days].filter((d) => d.tabIndex === 0)).toHaveLength(1);
    const first = screen.getByTestId(`calendar-day-${D1}`);
    first.focus();
    await fireEvent.keyDown(first, { key: "ArrowRight" });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId(`calendar-day-${D2}`)));
    await fireEvent.keyDown(document.activeElement as HTMLElement, { key: "ArrowDown" });
    await waitFor(() => expect((document.activeElement as HTMLElement).dataset["testid"]).toBe(`calendar-day-${MONTH}-09`));
    await fireEvent.keyDown(document.activeElement as HTMLElement, { key: "ArrowUp" });
    await fireEvent.keyDown(document.activeElement as HTMLElement, { key: "ArrowLeft" });
    await fireEvent.keyDown(document.activeElement as HTMLElement, { key: "ArrowLeft" });
    // Before the 1st: the previous month, its last day focused.
    await waitFor(() => expect(screen.getByTestId("calendar-title").textContent).toBe(monthLabel(addMonths(MONTH, -1))));
    const timeline = screen.getByTestId("timeline").querySelectorAll<HTMLElement>("button.item");
    expect([...timeline].filter((b) => b.tabIndex === 0)).toHaveLength(timeline.length > 0 ? 1 : 0);
  });

  it("moves between months with prev/next and says calmly when a month is empty", async () => {
    const { journal } = await renderJournal([]);
    await waitFor(() => expect(screen.getByTestId("timeline").textContent).toMatch(/No entries yet — today is a good day to start./));
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

  it("deletes with a few seconds to undo, keeping the entry until then", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const { journal } = await renderJournal(sample());
      await fireEvent.click(await screen.findByTestId(`timeline-item-${D2}`));
      await fireEvent.click(await screen.findByTestId("delete-entry"));
      expect(screen.queryByTestId(`timeline-item-${D2}`)).toBeNull();
      expect(screen.getByTestId("undo-delete-bar").textContent).toMatch(/Deleted the entry for/);
      expect(journal.entries.has(D2)).toBe(true);
      await fireEvent.click(screen.getByTestId("undo-delete"));
      expect(screen.getByTestId(`timeline-item-${D2}`)).toBeTruthy();
      await vi.advanceTimersByTimeAsync(UNDO_MS + 100);
      expect(journal.backend.count("delete_entry")).toBe(0);

      await fireEvent.click(screen.getByTestId("delete-entry"));
      await vi.advanceTimersByTimeAsync(UNDO_MS - 1000);
      expect(journal.entries.has(D2)).toBe(true);
      await vi.advanceTimersByTimeAsync(1100);
      await waitFor(() => expect(journal.entries.has(D2)).toBe(false));
      expect(journal.backend.argsOf("delete_entry")).toEqual([{ date: D2 }]);
      expect(screen.queryByTestId("undo-delete-bar")).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it("asks Save or Discard when Done editing is pressed over unsaved changes", async () => {
    const { journal } = await renderJournal(sample());
    await fireEvent.click(await screen.findByTestId(`timeline-item-${D1}`));
    await fireEvent.click(await screen.findByTestId("edit-entry"));
    await waitFor(() => expect((screen.getByTestId("save-entry") as HTMLButtonElement).disabled).toBe(false));
    // Nothing changed: closes at once.
    await fireEvent.click(screen.getByTestId("close-editor"));
    await screen.findByTestId("edit-entry");
    await fireEvent.click(screen.getByTestId("edit-entry"));
    await waitFor(() => expect((screen.getByTestId("save-entry") as HTMLButtonElement).disabled).toBe(false));
    await fireEvent.click(screen.getByTestId("field-satisfaction-9"));
    await fireEvent.click(screen.getByTestId("close-editor"));
    expect(screen.getByTestId("close-ask").textContent).toMatch(/not saved/);
    await fireEvent.click(screen.getByTestId("close-keep"));
    expect(screen.getByTestId("field-satisfaction-9").getAttribute("aria-checked")).toBe("true");
    await fireEvent.click(screen.getByTestId("close-editor"));
    await fireEvent.click(screen.getByTestId("close-discard"));
    await waitFor(() => expect(screen.getByTestId("detail-satisfaction").textContent).toBe("3"));
    expect(journal.entries.get(D1)?.satisfaction).toBe(3);
    expect(journal.drafts.has(D1)).toBe(false);

    await fireEvent.click(screen.getByTestId("edit-entry"));
    await waitFor(() => expect((screen.getByTestId("save-entry") as HTMLButtonElement).disabled).toBe(false));
    await fireEvent.click(screen.getByTestId("field-satisfaction-6"));
    await fireEvent.click(screen.getByTestId("close-editor"));
    await fireEvent.click(screen.getByTestId("close-save"));
    await waitFor(() => expect(screen.getByTestId("detail-satisfaction").textContent).toBe("6"));
    expect(journal.entries.get(D1)?.satisfaction).toBe(6);
  });

  it("marks days whose unsaved changes were kept as a draft", async () => {
    const { journal } = await renderJournal(sample());
    journal.drafts.set(D2, entry(D2, { satisfaction: 2 }));
    await fireEvent.click(screen.getByTestId("calendar-next"));
    await fireEvent.click(screen.getByTestId("calendar-prev"));
    await waitFor(() => expect(screen.getByTestId(`calendar-day-${D2}`).classList.contains("draft")).toBe(true));
    expect(screen.getByTestId(`calendar-day-${D2}`).textContent).toMatch(/unsaved changes/);
    expect(screen.getByTestId(`timeline-item-draft-${D2}`).textContent).toBe("unsaved changes");
    await fireEvent.click(screen.getByTestId(`timeline-item-${D2}`));
    expect((await screen.findByTestId("detail-draft")).textContent).toMatch(/unsaved changes/);
  });

  it("shows the same day from earlier years", async () => {
    await renderJournal(sample());
    const otd = await screen.findByTestId("on-this-day");
    await waitFor(() => expect(within(otd).getByTestId(`on-this-day-item-${LAST_YEAR}`)).toBeTruthy());
    expect(otd.textContent).toMatch(/a year ago/);
  });
});

describe("Journal search", () => {
  it("searches as you type: a count, each result with why it matched, the words marked when opened", async () => {
    const { journal } = await renderJournal(sample());
    await fireEvent.input(screen.getByTestId("search-input"), { target: { value: "retro" } });
    const results = await screen.findByTestId("search-results");
    await waitFor(() => expect(within(results).getByTestId(`search-result-${D2}`)).toBeTruthy());
    expect(within(results).queryByTestId(`search-result-${D1}`)).toBeNull();
    expect(screen.getByTestId("search-count").textContent?.trim()).toBe("1 entry matches");
    expect(screen.getByTestId(`search-snippet-${D2}`).querySelector("mark")?.textContent).toBe("retro");
    await fireEvent.click(screen.getByTestId(`search-result-${D2}`));
    const text = await screen.findByTestId("entry-text");
    await waitFor(() => expect(text.querySelector("mark")?.textContent).toBe("retro"));
    await fireEvent.click(screen.getByTestId("back-to-results"));
    expect(screen.getByTestId("search-results")).toBeTruthy();
    expect(journal.backend.argsOf("search_entries").at(-1)).toEqual({ filters: { text: "retro", tags: [] }, limit: 100 });
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
    await waitFor(() => expect(journal.backend.argsOf("search_entries").at(-1)).toEqual({ filters: expected, limit: 100 }));
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
