import { fireEvent, render, screen } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";
import { FakeBackend, status } from "../test/backend";
import { servicesContext } from "../lib/context";
import { Notices } from "../lib/notices.svelte";
import { Session } from "../lib/session.svelte";
import Setup from "./Setup.svelte";

async function renderSetup(keyring: boolean) {
  const backend = new FakeBackend({
    journal_status: () =>
      status({ exists: false, slots: [], keyring_available: keyring, keyring_problem: keyring ? null : "no Secret Service running" }),
    create_journal: () => ({ recovery_code: "RC-1234-5678", keyring_stored: keyring, keyring_problem: null }),
  });
  const notices = new Notices();
  const session = new Session(notices);
  await session.start();
  render(Setup, { props: { session }, context: servicesContext({ session, notices }) });
  return { backend, session };
}

describe("Setup", () => {
  it("with a keyring: the passphrase is optional and explained as a second way in", async () => {
    const { backend } = await renderSetup(true);
    expect(screen.getByTestId("setup-keyring-note").textContent).toMatch(/OS keyring.*optional/s);
    await fireEvent.click(screen.getByTestId("setup-create"));
    await screen.findByTestId("recovery-code");
    expect(backend.argsOf("create_journal")).toEqual([{ passphrase: null }]);
  });

  it("without a keyring: says why and requires a passphrase of 8+ characters typed twice", async () => {
    const { backend } = await renderSetup(false);
    const note = screen.getByTestId("setup-keyring-note");
    expect(note.querySelector("p")?.textContent).toMatch(/^\s*The OS keyring is not available on this computer/);
    expect(note.querySelector("p")?.textContent).not.toMatch(/Secret Service/);
    expect(note.querySelector("details")?.textContent).toMatch(/no Secret Service running/);
    await fireEvent.click(screen.getByTestId("setup-create"));
    expect(screen.getByTestId("setup-problem").textContent).toMatch(/Enter a passphrase/);
    await fireEvent.input(screen.getByTestId("setup-passphrase"), { target: { value: "short" } });
    expect(screen.getByTestId("setup-problem").textContent).toMatch(/at least 8/);
    await fireEvent.input(screen.getByTestId("setup-passphrase"), { target: { value: "long enough" } });
    await fireEvent.input(screen.getByTestId("setup-passphrase-confirm"), { target: { value: "long enougH" } });
    await fireEvent.click(screen.getByTestId("setup-create"));
    expect(screen.getByTestId("setup-problem").textContent).toMatch(/do not match/);
    expect(backend.count("create_journal")).toBe(0);
    await fireEvent.input(screen.getByTestId("setup-passphrase-confirm"), { target: { value: "long enough" } });
    await fireEvent.click(screen.getByTestId("setup-create"));
    await screen.findByTestId("recovery-code");
    expect(backend.argsOf("create_journal")).toEqual([{ passphrase: "long enough" }]);
  });

  it("copies the recovery code, or saves it to a chosen file, and says so", async () => {
    const { backend } = await renderSetup(true);
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    backend
      .on("plugin:dialog|save", () => "/home/me/dualtrack-recovery-code.txt")
      .on("save_recovery_sheet", () => null);
    await fireEvent.click(screen.getByTestId("setup-create"));
    await fireEvent.click(await screen.findByTestId("recovery-code-copy"));
    expect(writeText).toHaveBeenCalledWith("RC-1234-5678");
    expect(screen.getByTestId("recovery-code-kept").textContent).toMatch(/^Copied/);
    await fireEvent.click(screen.getByTestId("recovery-code-save"));
    await vi.waitFor(() => expect(screen.getByTestId("recovery-code-kept").textContent).toMatch(/readable only by you/));
    expect(backend.argsOf("save_recovery_sheet")).toEqual([{ path: "/home/me/dualtrack-recovery-code.txt", code: "RC-1234-5678" }]);
    writeText.mockRejectedValueOnce(new Error("denied"));
    await fireEvent.click(screen.getByTestId("recovery-code-copy"));
    await vi.waitFor(() => expect(screen.getByTestId("recovery-code-kept").textContent).toMatch(/^Could not copy/));
  });

  it("shows the recovery code once and continues only after the saved box is ticked", async () => {
    const { session } = await renderSetup(true);
    await fireEvent.click(screen.getByTestId("setup-create"));
    expect((await screen.findByTestId("recovery-code")).textContent).toBe("RC-1234-5678");
    const next = screen.getByTestId("recovery-continue") as HTMLButtonElement;
    expect(next.disabled).toBe(true);
    await fireEvent.click(screen.getByTestId("recovery-saved"));
    expect(next.disabled).toBe(false);
    await fireEvent.click(next);
    expect(session.phase).toBe("open");
    expect(session.recoveryCode).toBeNull();
    session.stopIdleWatch();
  });
});
