import { describe, expect, it, vi } from "vitest";
import { deferred, fail, FakeBackend, memoryJournal } from "../test/backend";
import { insightsFixture } from "../test/insights";
import type { Insights } from "./api";
import { customRange, InsightsState, presetRange } from "./insights.svelte";
import { Notices } from "./notices.svelte";

const TODAY = "2026-03-10";

describe("range presets", () => {
  it("end today and count today as one of their days", () => {
    // 2026-03-10 − 29 days: 9 days back to Mar 1, 20 more into February (28 days) = Feb 9.
    expect(presetRange("30", TODAY)).toEqual({ from: "2026-02-09", to: TODAY });
    // − 89 days: 9 to Mar 1, 28 to Feb 1, 31 to Jan 1, the last 21 into December → 2025-12-11.
    expect(presetRange("90", TODAY)).toEqual({ from: "2025-12-11", to: TODAY });
    // − 364 days in a non-leap year is the day after the same date a year ago.
    expect(presetRange("365", TODAY)).toEqual({ from: "2025-03-11", to: TODAY });
  });

  it("cross New Year and leave both ends open for all", () => {
    expect(presetRange("30", "2026-01-15")).toEqual({ from: "2025-12-17", to: "2026-01-15" });
    expect(presetRange("all", TODAY)).toEqual({});
  });

  it("take a custom range with open ends, and refuse a backwards or broken one", () => {
    expect(customRange("2026-01-01", "")).toEqual({ from: "2026-01-01" });
    expect(customRange("", "2026-02-01")).toEqual({ to: "2026-02-01" });
    expect(customRange("2026-02-01", "2026-01-01")).toEqual({ problem: "“From” is after “To”." });
    expect(customRange("2026-02-30", "")).toHaveProperty("problem");
  });
});

describe("InsightsState", () => {
  it("loads the last 90 days by default and each preset with its own from/to", async () => {
    const { backend } = memoryJournal();
    const state = new InsightsState(new Notices(), TODAY);
    await state.load();
    await state.choose("30");
    await state.choose("all");
    await state.choose("365");
    expect(backend.argsOf("get_insights")).toEqual([
      { from: "2025-12-11", to: TODAY },
      { from: "2026-02-09", to: TODAY },
      { from: undefined, to: undefined },
      { from: "2025-03-11", to: TODAY },
    ]);
    expect([state.choice, state.from, state.to]).toEqual(["365", "2025-03-11", TODAY]);
  });

  it("turns typing in from/to into a custom range, and does not ask for a backwards one", async () => {
    const { backend } = memoryJournal();
    const state = new InsightsState(new Notices(), TODAY);
    await state.setCustom("from", "2026-01-01");
    expect(state.choice).toBe("custom");
    expect(backend.argsOf("get_insights").at(-1)).toEqual({ from: "2026-01-01", to: TODAY });
    await state.setCustom("to", "2025-12-01");
    expect(state.rangeProblem).toBe("“From” is after “To”.");
    expect(backend.count("get_insights")).toBe(1);
    await state.setCustom("from", "");
    expect(state.rangeProblem).toBeNull();
    expect(backend.argsOf("get_insights").at(-1)).toEqual({ from: undefined, to: "2025-12-01" });
  });

  it("exposes loading, data and the empty state", async () => {
    const journal = memoryJournal();
    const answer = deferred<Insights>();
    journal.backend.on("get_insights", () => answer.promise);
    const state = new InsightsState(new Notices(), TODAY);
    const loading = state.load();
    expect(state.loading).toBe(true);
    answer.resolve(insightsFixture({ n: 0 }));
    await loading;
    expect([state.loading, state.empty, state.data?.coverage.days_logged]).toEqual([false, true, 0]);
  });

  it("surfaces a failure with its kind and next step, and clears it on the next success", async () => {
    const journal = memoryJournal();
    journal.backend.on("get_insights", fail("database", "no such table: entries"));
    const notices = new Notices();
    const state = new InsightsState(notices, TODAY);
    await state.load();
    expect(state.error).toMatchObject({ kind: "database", detail: "No such table: entries." });
    expect(state.error?.next).toMatch(/restore a backup/);
    expect(notices.current).toBeNull(); // shown in the view, not the banner
    journal.backend.on("get_insights", () => insightsFixture());
    await state.load();
    expect(state.error).toBeNull();
    expect(state.data?.satisfaction.n).toBe(40);
  });

  it("hands a locked journal over to the session instead of showing an error card only", async () => {
    memoryJournal().backend.on("get_insights", fail("locked"));
    const notices = new Notices();
    const onLocked = vi.fn();
    notices.onLocked = onLocked;
    const state = new InsightsState(notices, TODAY);
    await state.load();
    expect(onLocked).toHaveBeenCalledOnce();
  });

  it("keeps only the newest range's answer when an older one arrives late", async () => {
    const slow = deferred<Insights>();
    const backend = new FakeBackend({
      get_insights: ({ from }) => (from === "2025-12-11" ? slow.promise : insightsFixture({ n: 5, from: from as string })),
    });
    const state = new InsightsState(new Notices(), TODAY);
    const first = state.load();
    await state.choose("30");
    slow.resolve(insightsFixture({ n: 40, from: "2025-12-11" }));
    await first;
    expect(backend.count("get_insights")).toBe(2);
    expect(state.data?.range.from).toBe("2026-02-09");
    expect(state.loading).toBe(false);
  });

  it("records a decision dated today with the trimmed note, then lists the decisions", async () => {
    const journal = memoryJournal();
    const state = new InsightsState(new Notices(), TODAY);
    expect(await state.recordDecision("back_to_ic", "  I miss building things.  ")).toBe(true);
    expect(journal.backend.argsOf("record_decision")).toEqual([
      { decision: { decided_on: TODAY, choice: "back_to_ic", note: "I miss building things." }, nextReview: null },
    ]);
    expect(state.decisionStatus).toBe("saved");
    expect(state.decisions).toEqual([{ decided_on: TODAY, choice: "back_to_ic", note: "I miss building things." }]);
  });

  it("says why a decision was not recorded", async () => {
    memoryJournal().backend.on("record_decision", fail("disk_full"));
    const state = new InsightsState(new Notices(), TODAY);
    expect(await state.recordDecision("continue", "")).toBe(false);
    expect(state.decisionStatus).toBe("failed");
    expect(state.decisionError?.kind).toBe("disk_full");
  });
});
