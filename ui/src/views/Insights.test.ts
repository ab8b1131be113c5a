import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Insights as InsightsData } from "../lib/api";
import { servicesContext } from "../lib/context";
import { addDays, localDate } from "../lib/dates";
import { Notices } from "../lib/notices.svelte";
import { Session } from "../lib/session.svelte";
import { fail, memoryJournal } from "../test/backend";
import { drawn, live } from "../test/chartjs";
import { insightsFixture, RELATION_VERDICT, SUMMARY_RELATION, trialFixture } from "../test/insights";
import Insights from "./Insights.svelte";

// jsdom has no canvas: Chart.js is replaced by a recorder of configurations.
vi.mock("chart.js", () => import("../test/chartjs"));

const TODAY = localDate();

async function renderInsights(answer: (from?: string, to?: string) => InsightsData) {
  const journal = memoryJournal();
  journal.insights = answer;
  const notices = new Notices();
  render(Insights, { context: servicesContext({ session: new Session(notices), notices }) });
  await waitFor(() => expect(journal.backend.count("get_insights")).toBe(1));
  return journal;
}

beforeEach(() => {
  drawn.length = 0;
  // No 2D context either (the hatch pattern asks for one); jsdom would only log "not implemented".
  vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockReturnValue(null);
});

describe("Insights view", () => {
  it("says how to get a trial review while the role start or trial length is unset", async () => {
    const onsettings = vi.fn();
    const journal = memoryJournal();
    journal.insights = () => ({ ...insightsFixture({ n: 10 }), trial: null });
    const notices = new Notices();
    render(Insights, { props: { onsettings }, context: servicesContext({ session: new Session(notices), notices }) });
    const hint = await screen.findByTestId("trial-setup-hint");
    expect(hint.textContent).toMatch(/needs the day your role began and the length of the trial/);
    await fireEvent.click(screen.getByTestId("trial-setup-link"));
    expect(onsettings).toHaveBeenCalledOnce();
  });

  it("shows every chart with its n, coverage and a text summary, and the verdict in words", async () => {
    await renderInsights(() => insightsFixture({ n: 40 }));
    const relation = await screen.findByTestId("chart-relation");
    for (const id of ["chart-satisfaction", "chart-split", "chart-relation", "chart-sweet-spot", "chart-weekday", "chart-calendar", "tag-effects", "maker", "next-day"]) {
      expect(screen.getByTestId(`${id}-n`).textContent, id).toMatch(/of 90 days logged \(44%\)/);
    }
    expect(screen.getByTestId("chart-satisfaction-n").textContent).toMatch(/^n = 40 days/);
    const verdict = within(relation).getByTestId("relation-verdict");
    expect(verdict.textContent?.trim()).toBe(RELATION_VERDICT);
    expect(verdict.dataset["evidence"]).toBe("conclusion");
    expect(within(relation).getByTestId("relation-numbers").textContent).toMatch(/\+0\.4.*\+0\.1 to \+0\.7.*\+0\.38.*40 days/s);
    expect(screen.queryByTestId("chart-relation-small")).toBeNull();
    // Five canvases, one Chart each; the satisfaction chart keeps its gaps.
    expect(live()).toHaveLength(5);
    const sat = drawn[0]?.config.data.datasets;
    expect(sat?.map((d) => d.label)).toEqual(["Daily", "7-day mean (dashed)", "30-day mean (solid)"]);
    expect(screen.getByTestId("satisfaction-markers").textContent).toMatch(/manager \(dashed line\)/);
    expect(screen.getByTestId("coverage-days").textContent).toBe("40 of 90 days logged (44%)");
  });

  it("flags tags used on fewer than 5 days and reads a clear difference only as such", async () => {
    await renderInsights(() => insightsFixture({ n: 40 }));
    expect((await screen.findByTestId("tag-effect-incident")).textContent).toMatch(/too few days/);
    expect(screen.getByTestId("tag-effect-deep-work").textContent).toMatch(/\+1\.4.*\+0\.6 to \+2\.2.*higher with this tag/s);
  });

  it("a young journal says once how many more days a first trend needs, and no card draws or prints a slope, interval or r", async () => {
    await renderInsights(() => insightsFixture({ n: 9 }));
    expect((await screen.findByTestId("insights-young")).textContent).toBe("9 days logged so far: 5 more logged days until a first trend.");
    const verdict = screen.getByTestId("relation-verdict");
    expect(verdict.textContent?.trim()).toBe("5 more logged days until a first trend.");
    expect(verdict.dataset["evidence"]).toBe("insufficient");
    expect(verdict.dataset["state"]).toBe("too_few");
    // The banner says it once: no card repeats the small-sample flag.
    expect(screen.queryByTestId("chart-relation-small")).toBeNull();
    expect(screen.queryByTestId("next-day-small")).toBeNull();
    expect(document.querySelectorAll(".conclusion")).toHaveLength(0);
    expect(screen.queryByTestId("relation-numbers")).toBeNull();
    expect(screen.queryByTestId("maker-meetings-numbers")).toBeNull();
    expect(screen.queryByTestId("next-day-numbers")).toBeNull();
    const relation = drawn.find((c) => c.config.data.datasets.some((d) => d.label === "Days"));
    expect(relation?.config.data.datasets.map((d) => d.label)).toEqual(["Days"]);
    const text = screen.getByTestId("insights-view").textContent ?? "";
    expect(text).not.toMatch(/95% CI|r = |Slope/);
  });

  it("opens with the summary; enough days without a link say no clear link, not log more", async () => {
    await renderInsights(() => insightsFixture({ n: 40 }));
    const summary = await screen.findByTestId("insights-summary");
    expect(screen.queryByTestId("insights-young")).toBeNull();
    expect(screen.getByTestId("summary-relation").textContent?.trim()).toBe(SUMMARY_RELATION);
    expect(summary.textContent).toMatch(/6\.6 out of 10 on average \(40 days\)/);
    expect(screen.getByTestId("maker-focus-verdict").textContent?.trim()).toBe("No clear link yet (40 days).");
    expect(screen.getByTestId("relation-numbers").textContent).toMatch(/95% CI|\+0\.1 to \+0\.7/);
  });

  it("shows a calm empty state and no charts when the range has no entries", async () => {
    await renderInsights(() => insightsFixture({ n: 0 }));
    expect((await screen.findByTestId("insights-empty")).textContent).toMatch(/No entries in this range yet/);
    expect(screen.queryByTestId("chart-satisfaction")).toBeNull();
    expect(drawn).toHaveLength(0);
  });

  it("asks for the chosen range and redraws", async () => {
    const journal = await renderInsights((from, to) => insightsFixture({ n: 20, ...(from ? { from } : {}), ...(to ? { to } : {}) }));
    expect(journal.backend.argsOf("get_insights")[0]).toEqual({ from: addDays(TODAY, -89), to: TODAY });
    await fireEvent.click(screen.getByTestId("range-30"));
    expect(screen.getByTestId("range-30").getAttribute("aria-pressed")).toBe("true");
    await fireEvent.click(screen.getByTestId("range-all"));
    await fireEvent.change(screen.getByTestId("range-from"), { target: { value: "2026-01-01" } });
    await waitFor(() => expect(journal.backend.count("get_insights")).toBe(4));
    expect(journal.backend.argsOf("get_insights").slice(1)).toEqual([
      { from: addDays(TODAY, -29), to: TODAY },
      { from: undefined, to: undefined },
      { from: "2026-01-01", to: undefined },
    ]);
    await waitFor(() => expect(screen.getByTestId("range-status").textContent).toMatch(/Showing 2026-01-01 to/));
  });

  it("shows a failure where the charts would be, and tries again", async () => {
    let broken = true;
    await renderInsights(() => {
      if (broken) throw { kind: "database", message: "disk I/O error" };
      return insightsFixture();
    });
    const error = await screen.findByTestId("insights-error");
    expect(error.textContent).toMatch(/Could not compute the insights.*The journal database reported a problem.*Disk I\/O error\./s);
    broken = false;
    await fireEvent.click(screen.getByTestId("insights-retry"));
    await screen.findByTestId("chart-satisfaction");
    expect(screen.queryByTestId("insights-error")).toBeNull();
  });
});

describe("Trial review", () => {
  it("counts down before the review date, with no panel", async () => {
    const trial = { ...trialFixture(false), review_date: addDays(TODAY, 23) };
    await renderInsights(() => insightsFixture({ trial }));
    expect((await screen.findByTestId("trial-upcoming")).textContent).toMatch(/^\s*Trial review in 23 days \(/);
    expect(screen.queryByTestId("trial-review")).toBeNull();
    expect(screen.queryByTestId("decision-save")).toBeNull();
  });

  it("is hidden entirely when no trial is configured", async () => {
    await renderInsights(() => insightsFixture({ trial: null }));
    await screen.findByTestId("chart-satisfaction");
    expect(screen.queryByTestId("trial-upcoming")).toBeNull();
    expect(screen.queryByTestId("trial-review")).toBeNull();
  });

  it("shows the comparison, the trend and the day tags from the review date on", async () => {
    await renderInsights(() => insightsFixture({ trial: trialFixture(true) }));
    const panel = await screen.findByTestId("trial-review");
    const table = within(panel).getByTestId("trial-first-vs-last");
    expect(table.textContent).toMatch(/Satisfaction \(1–10\)6\.1 \(n = 30\)7\.2 \(n = 30\)\+1\.1\+0\.4 to \+1\.8higher later/);
    expect(table.textContent).toMatch(/Energy \(1–5\)3\.1 \(n = 28\)3\.2 \(n = 29\)\+0\.1−0\.3 to \+0\.5no clear change/);
    expect(within(panel).getByTestId("trial-trend").textContent).toMatch(/−1\.2 points per week/);
    expect(within(panel).getByTestId("trial-tags").textContent).toMatch(/20 good days.*#deep-work \(12 days, 60%\).*6 bad days.*#incident/s);
  });

  it("records the decision with today's date and lists it; all four paths are offered alike", async () => {
    const journal = await renderInsights(() => insightsFixture({ trial: trialFixture(true) }));
    const form = await screen.findByTestId("decision-choice");
    expect(within(form).getAllByRole("radio")).toHaveLength(4);
    expect(form.textContent).toMatch(/Continue.*Extend the trial.*Back to IC.*Hybrid/s);
    expect(screen.getByTestId("decisions-list").textContent).toMatch(/None yet/);
    const save = screen.getByTestId("decision-save") as HTMLButtonElement;
    expect(save.disabled).toBe(true); // nothing chosen yet
    await fireEvent.click(screen.getByTestId("decision-choice-back_to_ic"));
    await fireEvent.input(screen.getByTestId("decision-note"), { target: { value: "Back to building; revisit in a year." } });
    await fireEvent.click(save);
    await waitFor(() => expect(screen.getByTestId("decision-status").textContent?.trim()).toBe("Decision recorded"));
    expect(journal.backend.argsOf("record_decision")).toEqual([
      { decision: { decided_on: TODAY, choice: "back_to_ic", note: "Back to building; revisit in a year." }, nextReview: null },
    ]);
    expect(screen.queryByTestId("decision-next-review")).toBeNull();
    expect(screen.getByTestId("decisions-list").textContent).toMatch(new RegExp(`${TODAY}: Back to IC — Back to building`));
    expect((screen.getByTestId("decision-note") as HTMLTextAreaElement).value).toBe("");
    // Answered, the review folds into one line below the summary.
    const decided = await screen.findByTestId("trial-decided");
    expect(decided.querySelector("summary")?.textContent).toMatch(/Trial decided on .*: Back to IC\..*Back to building; revisit in a year\./s);
    expect((decided as HTMLDetailsElement).open).toBe(false);
    const summary = screen.getByTestId("insights-summary");
    expect(summary.compareDocumentPosition(decided) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it("puts an unanswered review first, above the summary", async () => {
    await renderInsights(() => insightsFixture({ trial: trialFixture(true) }));
    const review = await screen.findByTestId("trial-review");
    expect(review.compareDocumentPosition(screen.getByTestId("insights-summary")) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(screen.queryByTestId("trial-decided")).toBeNull();
  });

  it("asks when to look again for extend and hybrid, and the trial runs on to that day", async () => {
    const journal = await renderInsights(() => insightsFixture({ trial: trialFixture(true) }));
    await fireEvent.click(await screen.findByTestId("decision-choice-extend"));
    const next = screen.getByTestId("decision-next-review") as HTMLInputElement;
    expect(next.value).toBe(addDays(TODAY, 60));
    await fireEvent.input(next, { target: { value: TODAY } });
    expect((screen.getByTestId("decision-save") as HTMLButtonElement).disabled).toBe(true); // not after today
    await fireEvent.input(next, { target: { value: addDays(TODAY, 45) } });
    const asked = journal.backend.count("get_insights");
    await fireEvent.click(screen.getByTestId("decision-save"));
    await waitFor(() => expect(journal.backend.argsOf("record_decision")).toHaveLength(1));
    expect(journal.backend.argsOf("record_decision")[0]).toEqual({
      decision: { decided_on: TODAY, choice: "extend", note: "" },
      nextReview: addDays(TODAY, 45),
    });
    await waitFor(() => expect(journal.backend.count("get_insights")).toBe(asked + 1)); // the new countdown
  });

  it("keeps the decision form filled in and says why when saving fails", async () => {
    const journal = await renderInsights(() => insightsFixture({ trial: trialFixture(true) }));
    journal.backend.on("record_decision", fail("disk_full"));
    await fireEvent.click(await screen.findByTestId("decision-choice-hybrid"));
    await fireEvent.input(screen.getByTestId("decision-note"), { target: { value: "half and half" } });
    await fireEvent.click(screen.getByTestId("decision-save"));
    expect((await screen.findByTestId("decision-error")).textContent).toMatch(/The disk is full/);
    expect((screen.getByTestId("decision-note") as HTMLTextAreaElement).value).toBe("half and half");
    expect((screen.getByTestId("decision-choice-hybrid") as HTMLInputElement).checked).toBe(true);
  });
});
