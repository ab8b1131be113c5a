import { describe, expect, it } from "vitest";
import { entry, memoryJournal } from "../test/backend";
import { Notices } from "./notices.svelte";
import { addDays } from "./dates";
import { emptySearchForm, isActive, Search, SEARCH_PAGE, searchProblem, toSearchFilters } from "./search.svelte";

const form = (over: Partial<ReturnType<typeof emptySearchForm>>) => ({ ...emptySearchForm(), ...over });

describe("toSearchFilters", () => {
  it("sends only the text (trimmed) and an empty tag list when nothing else is set", () => {
    expect(toSearchFilters(form({ text: "  retro " }))).toEqual({ text: "retro", tags: [] });
  });

  it("closes a satisfaction range given only its minimum with 10, and only its maximum with 1", () => {
    expect(toSearchFilters(form({ satMin: 7 })).satisfaction).toEqual([7, 10]);
    expect(toSearchFilters(form({ satMax: 4 })).satisfaction).toEqual([1, 4]);
    expect(toSearchFilters(form({ satMin: 3, satMax: 5 })).satisfaction).toEqual([3, 5]);
  });

  it("closes a technical share range with 0 and 100", () => {
    expect(toSearchFilters(form({ techMin: 60 })).technical_share).toEqual([60, 100]);
    expect(toSearchFilters(form({ techMax: 0 })).technical_share).toEqual([0, 0]);
  });

  it("maps dates and the tag, and leaves unset filters absent rather than empty", () => {
    const f = toSearchFilters(form({ from: "2026-01-01", to: "2026-02-01", tag: " hiring " }));
    expect(f).toEqual({ text: "", from: "2026-01-01", to: "2026-02-01", tags: ["hiring"] });
    expect("satisfaction" in f).toBe(false);
    expect("technical_share" in f).toBe(false);
  });

  it("flags impossible ranges and knows when the form asks for nothing", () => {
    expect(searchProblem(form({ satMin: 8, satMax: 3 }))).toMatch(/above/);
    expect(searchProblem(form({ from: "2026-03-01", to: "2026-01-01" }))).toMatch(/after/);
    expect(searchProblem(form({ techMax: 120 }))).toMatch(/0 to 100/);
    expect(isActive(emptySearchForm())).toBe(false);
    expect(isActive(form({ techMin: 0 }))).toBe(true);
  });
});

describe("Search", () => {
  it("calls search_entries with the mapped filters and keeps the results", async () => {
    const journal = memoryJournal([entry("2026-11-02", { text: "retro went well" }), entry("2026-11-03")]);
    const search = new Search(new Notices());
    search.form.text = "retro";
    search.form.satMin = 6;
    await search.run();
    expect(journal.backend.argsOf("search_entries")).toEqual([
      { filters: { text: "retro", tags: [], satisfaction: [6, 10] }, limit: SEARCH_PAGE },
    ]);
    expect(search.results.map((f) => f.entry.date)).toEqual(["2026-11-02"]);
    expect(search.total).toBe(1);
  });

  it("asks the core for a page, then the next page with Show more; a new search starts over", async () => {
    const many = Array.from({ length: 130 }, (_, i) => entry(addDays("2026-01-01", i), { text: "retro" }));
    const journal = memoryJournal(many);
    const search = new Search(new Notices(), 0);
    search.form.text = "retro";
    await search.run();
    expect([search.results.length, search.total]).toEqual([SEARCH_PAGE, 130]);
    await search.more();
    expect(search.results.length).toBe(130);
    expect(journal.backend.argsOf("search_entries").map((a) => a["limit"])).toEqual([SEARCH_PAGE, 2 * SEARCH_PAGE]);
    search.set("text", "retr");
    await search.run();
    expect(journal.backend.argsOf("search_entries").at(-1)?.["limit"]).toBe(SEARCH_PAGE);
  });

  it("does not call the core for an empty or impossible form", async () => {
    const journal = memoryJournal();
    const search = new Search(new Notices());
    await search.run();
    search.form.satMin = 9;
    search.form.satMax = 2;
    await search.run();
    expect(journal.backend.count("search_entries")).toBe(0);
    expect(search.results).toEqual([]);
    expect(search.total).toBe(0);
  });
});
