import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import type { Entry } from "../lib/api";
import { servicesContext } from "../lib/context";
import { localDate } from "../lib/dates";
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

const pressed = (id: string) => screen.getByTestId(id).getAttribute("aria-pressed");
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
    expect(screen.getByTestId("split-text").textContent).toBe("not logged");
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
    expect(screen.getByTestId("split-text").textContent).toBe("40% technical · 60% leadership");
    await fireEvent.click(screen.getByTestId("field-leadership_satisfaction-3"));
    await fireEvent.click(screen.getByTestId("save-entry"));
    await screen.findByText("Saved");
    const [sent] = sentEntries(journal);
    expect(sent).toEqual({ date: TODAY, meetings: 0, technical_share: 40, leadership_satisfaction: 3, tags: [], text: "" });
  });

  it("shows a range problem next to a count and does not save it", async () => {
    const { journal } = await renderToday();
    await fireEvent.input(screen.getByTestId("field-meetings"), { target: { value: "60" } });
    expect(screen.getByText("Use a number from 0 to 50.")).toBeTruthy();
    await fireEvent.click(screen.getByTestId("save-entry"));
    expect(screen.getByTestId("entry-error").textContent).toMatch(/out of range/);
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
    expect(screen.queryByText("Saved")).toBeNull();
    commit.resolve("created");
    await waitFor(() => expect(screen.getByTestId("save-status").textContent).toBe("Saved"));
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

  it("opens today's saved entry for editing", async () => {
    await renderToday([entry(TODAY, { satisfaction: 4, tags: ["incident"], text: "rough" })]);
    await waitFor(() => expect(pressed("field-satisfaction-4")).toBe("true"));
    expect(screen.getByTestId("tag-chip-incident")).toBeTruthy();
    expect((screen.getByTestId("field-text") as HTMLTextAreaElement).value).toBe("rough");
  });
});
