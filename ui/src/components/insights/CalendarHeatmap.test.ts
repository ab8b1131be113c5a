import { fireEvent, render, screen, within } from "@testing-library/svelte";
import axe from "axe-core";
import { tick } from "svelte";
import { describe, expect, it } from "vitest";
import { longDate } from "../../lib/dates";
import { insightsFixture } from "../../test/insights";
import CalendarHeatmap from "./CalendarHeatmap.svelte";

// Two weeks of March 2026 (Mon 2 to Sun 15): a score on the 3rd, an entry without one on the
// 4th, nothing else logged.
const insights = {
  ...insightsFixture({ n: 1, from: "2026-03-02", to: "2026-03-15" }),
  calendar: [
    { date: "2026-03-03", value: 7 },
    { date: "2026-03-04", value: null },
  ],
};
const label = (date: string, what: string) => `${longDate(date)}: ${what}`;
const line = () => screen.getByTestId("calendar-day").textContent?.trim();
const focused = () => (document.activeElement as HTMLElement | null)?.dataset["date"];
const tabStops = (grid: HTMLElement) => within(grid).getAllByRole("gridcell").filter((c) => c.tabIndex === 0).map((c) => c.dataset["date"]);

describe("calendar heatmap for assistive technology and the keyboard", () => {
  it("labels every day with its value in a grid of weeks", () => {
    render(CalendarHeatmap, { props: { insights } });
    const grid = screen.getByRole("grid", { name: "Satisfaction per day in 2026" });
    expect(within(grid).getAllByRole("row")).toHaveLength(2);
    const cells = within(grid).getAllByRole("gridcell");
    expect(cells).toHaveLength(14);
    expect(cells.slice(0, 3).map((c) => c.getAttribute("aria-label"))).toEqual([
      label("2026-03-02", "not logged"),
      label("2026-03-03", "satisfaction 7 of 10"),
      label("2026-03-04", "logged, no score"),
    ]);
    // No value hides in a hover title any more.
    expect(cells.some((c) => c.hasAttribute("title"))).toBe(false);
  });

  it("is one Tab stop; arrows move the focus and the line under the grid reads the day", async () => {
    render(CalendarHeatmap, { props: { insights } });
    const grid = screen.getByRole("grid");
    expect(tabStops(grid)).toEqual(["2026-03-15"]); // the newest day
    expect(line()).toMatch(/^Click a day, or Tab to the calendar/);

    within(grid).getAllByRole("gridcell")[1]?.focus();
    await tick();
    expect(line()).toBe(label("2026-03-03", "satisfaction 7 of 10"));
    expect(tabStops(grid)).toEqual(["2026-03-03"]);

    const press = async (key: string) => {
      await fireEvent.keyDown(document.activeElement as HTMLElement, { key });
      await tick();
    };
    await press("ArrowDown"); // a day later
    expect([focused(), line()]).toEqual(["2026-03-04", label("2026-03-04", "logged, no score")]);
    await press("ArrowRight"); // a week later
    expect([focused(), line()]).toEqual(["2026-03-11", label("2026-03-11", "not logged")]);
    await press("ArrowLeft");
    await press("ArrowUp");
    expect(focused()).toBe("2026-03-03");
    await press("End");
    expect(focused()).toBe("2026-03-15");
    await press("Home");
    expect([focused(), tabStops(grid)]).toEqual(["2026-03-02", ["2026-03-02"]]);
  });

  it("shows the day under the pointer in the same line", async () => {
    render(CalendarHeatmap, { props: { insights } });
    const cell = within(screen.getByRole("grid")).getAllByRole("gridcell")[1] as HTMLElement;
    await fireEvent.pointerOver(cell);
    expect(line()).toBe(label("2026-03-03", "satisfaction 7 of 10"));
    await fireEvent.pointerOut(cell);
    expect(line()).toMatch(/^Click a day/);
  });

  it("crosses New Year with the arrows and keeps one Tab stop over all years", async () => {
    const span = { ...insights, range: { from: "2025-12-29", to: "2026-01-04" }, calendar: [] };
    render(CalendarHeatmap, { props: { insights: span } });
    const [y2025, y2026] = screen.getAllByRole("grid");
    expect([tabStops(y2025 as HTMLElement), tabStops(y2026 as HTMLElement)]).toEqual([[], ["2026-01-04"]]);
    within(y2025 as HTMLElement).getAllByRole("gridcell")[2]?.focus(); // Wed 31 Dec
    await fireEvent.keyDown(document.activeElement as HTMLElement, { key: "ArrowDown" });
    await tick();
    expect(focused()).toBe("2026-01-01");
    expect([tabStops(y2025 as HTMLElement), tabStops(y2026 as HTMLElement)]).toEqual([[], ["2026-01-01"]]);
  });

  it("passes axe's ARIA rules", async () => {
    const { container } = render(CalendarHeatmap, { props: { insights } });
    const result = await axe.run(container, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa"] }, rules: { "color-contrast": { enabled: false } } });
    expect(result.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
});
