import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import type { Entry } from "../lib/api";
import { servicesContext } from "../lib/context";
import { addDays, localDate } from "../lib/dates";
import { Notices } from "../lib/notices.svelte";
import { Session } from "../lib/session.svelte";
import { SettingsState } from "../lib/settings.svelte";
import { TagList } from "../lib/tags.svelte";
import { deferred, entry, fail, memoryJournal } from "../test/backend";
import Today from "./Today.svelte";

const TODAY = localDate();

async function renderToday(initial: Entry[] = []) {
  const journal = memoryJournal(initial, { role_start: TODAY, prompts: ["Prompt A", "Prompt B"] });
  const notices = new Notices();
  const session = new Session(notices);
  const settings = new SettingsState(notices);
  await settings.load();
  const tags = new TagList();
  render(Today, { props: { settings, tags }, context: servicesContext({ session, notices }) });
  // The form is disabled until the day's entry and draft have loaded.
  await waitFor(() => expect((screen.getByTestId("save-entry") as HTMLButtonElement).disabled).toBe(false));
  return { journal, notices };
}

const pressed = (id: string) => screen.getByTestId(id).getAttribute("aria-checked");
const sentEntries = (journal: ReturnType<typeof memoryJournal>) =>
  journal.backend.argsOf("save_entry").map((a) => a["entry"] as Entry);

describe("Today check-in", () => {
  it("loads today's local date and shows the prompt for this week of the role", async () => {
    const { journal } = await renderToday();
    expect(journal.backend.argsOf("get_entry")).toEqual([{ date: TODAY }]);
    expect(screen.getByTestId("today-prompt").textContent).toBe("Prompt A");
  });

  it("shows every number as not logged until set, with segmented buttons that report pressed", async () => {
    await renderToday();
    expect(screen.getByTestId("value-satisfaction").textContent?.trim()).toBe("not logged");
    expect(screen.getByTestId("split-text").textContent).toMatch(/^not logged/);
    expect(screen.getByTestId("field-technical_share").classList.contains("unset")).toBe(true);
    expect(screen.getAllByText("not logged").length).toBeGreaterThanOrEqual(6);
    await fireEvent.click(screen.getByTestId("field-satisfaction-7"));
    expect(pressed("field-satisfaction-7")).toBe("true");
    expect(pressed("field-satisfaction-6")).toBe("false");
    expect(screen.getByTestId("value-satisfaction").textContent?.trim()).toBe("7");
    await fireEvent.click(screen.getByTestId("clear-satisfaction"));
    expect(pressed("field-satisfaction-7")).toBe("false");
    expect(screen.getByTestId("field-energy-5")).toBeTruthy();
    expect(screen.queryByTestId("field-energy-6")).toBeNull();
  });

  it("saves 0 meetings as 0 and a cleared field as absent; the slider shows the split", async () => {
    const { journal } = await renderToday();
    await fireEvent.input(screen.getByTestId("field-meetings"), { target: { value: "0" } });
    await fireEvent.input(screen.getByTestId("field-focus_minutes"), { target: { value: "90" } });
    await fireEvent.click(screen.getByTestId("clear-focus_minutes"));
    await fireEvent.input(screen.getByTestId("field-technical_share"), { target: { value: "40" } });
    expect(screen.getByTestId("split-text").textContent).toBe("60% leadership · 40% technical");
    await fireEvent.click(screen.getByTestId("field-leadership_satisfaction-3"));
    await fireEvent.click(screen.getByTestId("save-entry"));
    await waitFor(() => expect(screen.getByTestId("save-status").textContent).toMatch(/^Saved \d/));
    const [sent] = sentEntries(journal);
    expect(sent).toEqual({ date: TODAY, meetings: 0, technical_share: 40, leadership_satisfaction: 3, tags: [], text: "" });
  });

  it("shows a range problem next to a count and does not save it", async () => {
    const { journal } = await renderToday();
    await fireEvent.input(screen.getByTestId("field-meetings"), { target: { value: "60" } });
    expect(screen.getByText("Use a number from 0 to 50.")).toBeTruthy();
    expect(screen.getByTestId("field-meetings").getAttribute("aria-invalid")).toBe("true");
    await fireEvent.click(screen.getByTestId("save-entry"));
    expect(screen.getByTestId("entry-error").textContent).toBe("Not saved. Meetings: Use a number from 0 to 50.");
    expect(journal.backend.count("save_entry")).toBe(0);
  });

  it("adds tag chips with Enter and comma, rejects bad tags with a message, removes chips", async () => {
    await renderToday();
    const input = screen.getByTestId("field-tags") as HTMLInputElement;
    await fireEvent.input(input, { target: { value: "1on1" } });
    await fireEvent.keyDown(input, { key: "Enter" });
    await fireEvent.input(input, { target: { value: "hiring," } });
    expect(screen.getByTestId("tag-chip-1on1")).toBeTruthy();
    expect(screen.getByTestId("tag-chip-hiring")).toBeTruthy();
    expect(input.value).toBe("");
    await fireEvent.input(input, { target: { value: "not ok" } });
    await fireEvent.keyDown(input, { key: "Enter" });
    expect(screen.getByTestId("tag-error").textContent).toMatch(/letters, digits, - and _/);
    expect(screen.queryByTestId("tag-chip-not ok")).toBeNull();
    await fireEvent.click(screen.getByTestId("tag-chip-1on1"));
    expect(screen.queryByTestId("tag-chip-1on1")).toBeNull();
  });

  it("shows Saving… while the core works, Saved only after it resolved, and Ctrl+Enter saves", async () => {
    const { journal } = await renderToday();
    const commit = deferred<string>();
    journal.backend.on("save_entry", () => commit.promise);
    await fireEvent.input(screen.getByTestId("field-text"), { target: { value: "A good 1:1." } });
    await fireEvent.keyDown(window, { key: "Enter", ctrlKey: true });
    await waitFor(() => expect(screen.getByTestId("save-status").textContent).toBe("Saving…"));
    expect(screen.queryByText(/^Saved/)).toBeNull();
    commit.resolve("created");
    await waitFor(() => expect(screen.getByTestId("save-status").textContent).toMatch(/^Saved \d\d?:\d\d/));
    expect(sentEntries(journal)[0]?.text).toBe("A good 1:1.");
  });

  it("never shows Saved when the save is rejected; the failure goes to the banner", async () => {
    const { journal, notices } = await renderToday();
    journal.backend.on("save_entry", fail("busy", "the journal is busy in another process"));
    await fireEvent.click(screen.getByTestId("field-energy-2"));
    await fireEvent.click(screen.getByTestId("save-entry"));
    await waitFor(() => expect(screen.getByTestId("save-status").textContent).toBe("Not saved"));
    expect(notices.current?.kind).toBe("busy");
  });

  it("says after a save how many days in a row are logged, else when the last entry was", async () => {
    const yesterday = addDays(TODAY, -1);
    const { journal } = await renderToday([entry(addDays(TODAY, -2)), entry(yesterday)]);
    await fireEvent.click(screen.getByTestId("field-satisfaction-8"));
    expect(screen.getByTestId("save-status").textContent).toBe("Not saved");
    await fireEvent.click(screen.getByTestId("save-entry"));
    await waitFor(() => expect(screen.getByTestId("save-status").textContent).toMatch(/^Saved .+ · 3 days in a row$/));
    journal.entries.delete(yesterday);
    await fireEvent.click(screen.getByTestId("field-satisfaction-9"));
    await fireEvent.click(screen.getByTestId("save-entry"));
    await waitFor(() => expect(screen.getByTestId("save-status").textContent).toMatch(/ · last entry before this: /));
  });

  it("puts satisfaction and the split first and folds the rest under a remembered More", async () => {
    await renderToday();
    const more = screen.getByTestId("checkin-more") as HTMLDetailsElement;
    expect(more.open).toBe(false);
    const form = screen.getByTestId("checkin-form");
    const order = [...form.querySelectorAll("[data-testid]")].map((el) => el.getAttribute("data-testid"));
    expect(order.indexOf("field-satisfaction-1")).toBeLessThan(order.indexOf("field-technical_share"));
    expect(order.indexOf("field-technical_share")).toBeLessThan(order.indexOf("checkin-more"));
    expect(more.contains(screen.getByTestId("field-energy-3"))).toBe(true);
    expect(more.contains(screen.getByTestId("field-meetings"))).toBe(true);
    more.open = true;
    await fireEvent(more, new Event("toggle"));
    expect(JSON.parse(localStorage.getItem("dualtrack.prefs") ?? "{}")).toMatchObject({ moreOpen: true });
    more.open = false;
    await fireEvent(more, new Event("toggle"));
    expect(JSON.parse(localStorage.getItem("dualtrack.prefs") ?? "{}")).toMatchObject({ moreOpen: false });
  });

  it("opens More by itself when a save stops at a field inside it", async () => {
    await renderToday();
    await fireEvent.input(screen.getByTestId("field-focus_minutes"), { target: { value: "2000" } });
    await fireEvent.click(screen.getByTestId("save-entry"));
    expect((screen.getByTestId("checkin-more") as HTMLDetailsElement).open).toBe(true);
    expect(screen.getByTestId("entry-error").textContent).toMatch(/^Not saved\. Longest focus block/);
  });

  it("refuses a bad tag at save with the reason beside Save", async () => {
    const { journal } = await renderToday();
    await fireEvent.input(screen.getByTestId("field-tags"), { target: { value: "not ok" } });
    await fireEvent.click(screen.getByTestId("save-entry"));
    expect(screen.getByTestId("entry-error").textContent).toMatch(/^Not saved\. Tags: .*letters, digits/);
    expect(screen.getByTestId("field-tags").getAttribute("aria-invalid")).toBe("true");
    expect(journal.backend.count("save_entry")).toBe(0);
  });

  it("sets satisfaction from the keyboard: one Tab stop, arrows and digits inside", async () => {
    await renderToday();
    const radios = screen.getAllByRole("radio").filter((r) => r.dataset["testid"]?.startsWith("field-satisfaction-"));
    expect(radios.filter((r) => r.tabIndex === 0)).toHaveLength(1);
    const stop = radios.find((r) => r.tabIndex === 0) as HTMLElement;
    await fireEvent.keyDown(stop, { key: "7" });
    expect(pressed("field-satisfaction-7")).toBe("true");
    await fireEvent.keyDown(screen.getByTestId("field-satisfaction-7"), { key: "ArrowRight" });
    expect(pressed("field-satisfaction-8")).toBe("true");
    await fireEvent.keyDown(screen.getByTestId("field-satisfaction-8"), { key: "0" });
    expect(pressed("field-satisfaction-10")).toBe("true");
    await fireEvent.keyDown(screen.getByTestId("field-satisfaction-10"), { key: "Home" });
    expect(pressed("field-satisfaction-1")).toBe("true");
    expect(screen.getByTestId("field-satisfaction-1").tabIndex).toBe(0);
    expect(screen.getByTestId("field-satisfaction-10").tabIndex).toBe(-1);
  });

  it("opens today's saved entry for editing", async () => {
    await renderToday([entry(TODAY, { satisfaction: 4, tags: ["incident"], text: "rough" })]);
    await waitFor(() => expect(pressed("field-satisfaction-4")).toBe("true"));
    expect(screen.getByTestId("tag-chip-incident")).toBeTruthy();
    expect((screen.getByTestId("field-text") as HTMLTextAreaElement).value).toBe("rough");
  });
});
