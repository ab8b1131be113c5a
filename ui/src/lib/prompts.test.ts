import { describe, expect, it } from "vitest";
import { aboutThatDay, BUILTIN_PROMPTS, promptFor, promptSet } from "./prompts";
import { addMonths, daysBetween, isDate, monthBounds, monthGrid } from "./dates";

describe("prompt rotation", () => {
  it("uses weeks since role_start modulo the number of prompts", () => {
    const settings = { role_start: "2026-01-01", prompts: ["a", "b", "c"] };
    expect(promptFor(settings, "2026-01-01")).toBe("a");
    expect(promptFor(settings, "2026-01-07")).toBe("a"); // day 6: still week 0
    expect(promptFor(settings, "2026-01-08")).toBe("b"); // day 7: week 1
    expect(promptFor(settings, "2026-01-22")).toBe("a"); // week 3 → 3 % 3 = 0
  });

  it("falls back to the built-in set when the user's set is empty or blank", () => {
    expect(promptSet({})).toBe(BUILTIN_PROMPTS);
    expect(promptSet({ prompts: ["  "] })).toBe(BUILTIN_PROMPTS);
    expect(BUILTIN_PROMPTS.length).toBeGreaterThanOrEqual(8);
    expect(BUILTIN_PROMPTS).toContain("What did you do today that only you could do?");
  });

  it("asks about that day, not today, when the day is not today", () => {
    const settings = { role_start: "2026-01-01", prompts: ["What did you do today?", "Today's best moment?"] };
    expect(promptFor(settings, "2026-01-02", "2026-01-02")).toBe("What did you do today?");
    expect(promptFor(settings, "2026-01-02", "2026-01-20")).toBe("What did you do that day?");
    expect(promptFor(settings, "2026-01-09", "2026-01-20")).toBe("That day's best moment?");
    for (const builtin of BUILTIN_PROMPTS) expect(aboutThatDay(builtin)).not.toMatch(/today/i);
    expect(aboutThatDay("Holiday plans, todays notes")).toBe("Holiday plans, todays notes");
  });

  it("never indexes out of range when the role starts in the future", () => {
    const p = promptFor({ role_start: "2026-12-31", prompts: ["a", "b"] }, "2026-12-01");
    expect(["a", "b"]).toContain(p);
  });
});

describe("local dates", () => {
  it("walks months across year ends and knows month lengths, leap years included", () => {
    expect(addMonths("2026-12", 1)).toBe("2027-01");
    expect(addMonths("2026-01", -1)).toBe("2025-12");
    expect(monthBounds("2024-02")).toEqual({ from: "2024-02-01", to: "2024-02-29" });
    expect(monthBounds("2026-02").to).toBe("2026-02-28");
  });

  it("lays a month out Monday first", () => {
    // 1 November 2026 is a Sunday: six empty cells before it.
    const grid = monthGrid("2026-11");
    expect(grid.slice(0, 7)).toEqual([null, null, null, null, null, null, "2026-11-01"]);
    expect(grid.filter((d) => d !== null)).toHaveLength(30);
  });

  it("counts days across a DST change exactly and validates dates", () => {
    expect(daysBetween("2026-03-28", "2026-03-30")).toBe(2);
    expect(isDate("2026-02-29")).toBe(false);
    expect(isDate("2024-02-29")).toBe(true);
  });
});
