import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import App from "./App.svelte";
import { fail, memoryJournal, status } from "./test/backend";

/** A journal that exists, locked, whose keyring slot does not work here. */
function lockedJournalWithBrokenKeyring() {
  const journal = memoryJournal();
  journal.backend
    .on("journal_status", () => status({ keyring_available: false, keyring_problem: "no Secret Service" }))
    .on("unlock_with_keyring", fail("key_unavailable", "the OS keyring is not available (no Secret Service); unlock with your passphrase or recovery code"))
    .on("unlock_with_secret", ({ secret }) => {
      if (secret !== "correct horse battery") throw { kind: "wrong_passphrase", message: "wrong passphrase" };
      return null;
    })
    .on("lock_journal", () => null);
  return journal;
}

describe("App session flow", () => {
  it("shows Unlock, never Setup, when the journal exists and the keyring fails", async () => {
    const { backend } = lockedJournalWithBrokenKeyring();
    render(App);
    await screen.findByTestId("unlock-view");
    expect(screen.queryByTestId("setup-view")).toBeNull();
    expect(screen.queryByTestId("setup-create")).toBeNull();
    expect(backend.count("unlock_with_keyring")).toBe(1);
    expect(backend.count("create_journal")).toBe(0);
    const problem = screen.getByTestId("unlock-keyring-problem");
    expect(problem.textContent).toMatch(/not available/);
    // The technical text sits behind Details, not in the sentence.
    expect(problem.querySelector("details")?.textContent).toMatch(/no Secret Service/);
    expect(problem.querySelector("p")?.textContent).not.toMatch(/Secret Service/);
    expect(screen.getByLabelText("Passphrase or recovery code").getAttribute("type")).toBe("password");
    expect(screen.getByTestId("unlock-keyring").textContent).toMatch(/Try the OS keyring again/);
  });

  it("explains a wrong passphrase, then opens Today with the right one", async () => {
    lockedJournalWithBrokenKeyring();
    render(App);
    const secret = await screen.findByTestId("unlock-secret");
    await fireEvent.input(secret, { target: { value: "nope" } });
    await fireEvent.click(screen.getByTestId("unlock-submit"));
    const error = await screen.findByTestId("unlock-error");
    expect(error.textContent).toMatch(/That passphrase did not work/);
    await fireEvent.input(secret, { target: { value: "correct horse battery" } });
    await fireEvent.click(screen.getByTestId("unlock-submit"));
    await screen.findByTestId("today-view");
    expect(screen.queryByTestId("unlock-view")).toBeNull();
  });

  it("locks with the button and with Ctrl+L, returning to Unlock", async () => {
    const { backend } = lockedJournalWithBrokenKeyring();
    backend.on("journal_status", () => status({ unlocked: true }));
    render(App);
    await screen.findByTestId("today-view");
    await fireEvent.click(screen.getByTestId("lock-now"));
    await screen.findByTestId("unlock-view");
    expect(backend.count("lock_journal")).toBe(1);
    // Locked by hand: the keyring is the way back in, one primary button.
    const unlock = screen.getByTestId("unlock-keyring");
    expect(unlock.textContent?.trim()).toBe("Unlock");
    expect(unlock.classList.contains("primary")).toBe(true);
    expect(screen.getByTestId("unlock-submit").classList.contains("primary")).toBe(false);

    backend.on("unlock_with_keyring", () => null);
    await fireEvent.click(unlock);
    await screen.findByTestId("today-view");
    await fireEvent.keyDown(window, { key: "l", ctrlKey: true });
    await screen.findByTestId("unlock-view");
    expect(backend.count("lock_journal")).toBe(2);
  });

  it("offers Setup when there is no journal", async () => {
    const journal = memoryJournal();
    journal.backend.on("journal_status", () => status({ exists: false, slots: [] }));
    render(App);
    await screen.findByTestId("setup-view");
    expect(journal.backend.count("unlock_with_keyring")).toBe(0);
  });

  it("shows a retry screen, not Setup, when the status cannot be read", async () => {
    const journal = memoryJournal();
    journal.backend.on("journal_status", fail("key_file_corrupt", "the key file is damaged (truncated)"));
    render(App);
    await screen.findByTestId("start-error");
    expect(screen.queryByTestId("setup-view")).toBeNull();
    journal.backend.on("journal_status", () => status({ unlocked: true }));
    await fireEvent.click(screen.getByTestId("start-retry"));
    await waitFor(() => expect(screen.getByTestId("today-view")).toBeTruthy());
  });
});
