import { afterEach, describe, expect, it, vi } from "vitest";
import { FakeBackend, fail, status } from "../test/backend";
import { Notices } from "./notices.svelte";
import { Session } from "./session.svelte";

function session(): Session {
  return new Session(new Notices());
}

afterEach(() => {
  vi.useRealTimers();
});

describe("first screen", () => {
  it("offers setup only when no journal exists", async () => {
    new FakeBackend({ journal_status: () => status({ exists: false, slots: [] }) });
    const s = session();
    await s.start();
    expect(s.phase).toBe("setup");
  });

  it("unlocks with the keyring automatically when the journal has a keyring slot", async () => {
    const backend = new FakeBackend({ journal_status: () => status(), unlock_with_keyring: () => null });
    const s = session();
    await s.start();
    expect(s.phase).toBe("open");
    expect(backend.count("unlock_with_keyring")).toBe(1);
    s.stopIdleWatch();
  });

  it("shows the unlock screen — never setup — when the keyring fails for an existing journal", async () => {
    for (const kind of ["key_unavailable", "key_mismatch", "no_unlock_path", "internal"] as const) {
      const backend = new FakeBackend({
        journal_status: () => status({ keyring_available: false }),
        unlock_with_keyring: fail(kind),
      });
      const s = session();
      await s.start();
      expect(s.phase).toBe("unlock");
      expect(s.keyringProblem?.kind).toBe(kind);
      expect(backend.count("create_journal")).toBe(0);
    }
  });

  it("does not try the keyring when the journal has no keyring slot", async () => {
    const backend = new FakeBackend({ journal_status: () => status({ slots: ["passphrase", "recovery_code"] }) });
    const s = session();
    await s.start();
    expect(s.phase).toBe("unlock");
    expect(backend.count("unlock_with_keyring")).toBe(0);
  });

  it("reports a status failure (e.g. damaged key file) instead of offering setup", async () => {
    new FakeBackend({ journal_status: fail("key_file_corrupt", "the key file is damaged (bad json)") });
    const s = session();
    await s.start();
    expect(s.phase).toBe("failed");
    expect(s.failure?.next).toMatch(/copy of the key file/);
  });
});

describe("unlocking and locking", () => {
  it("explains a wrong passphrase and stays on the unlock screen", async () => {
    new FakeBackend({ unlock_with_secret: fail("wrong_passphrase", "wrong passphrase") });
    const s = session();
    s.phase = "unlock";
    expect(await s.unlock("not it")).toBe(false);
    expect(s.phase).toBe("unlock");
    expect(s.unlockError?.summary).toBe("That passphrase did not work.");
  });

  it("opens with the right secret, and lock now drops back to the unlock screen", async () => {
    const backend = new FakeBackend({
      unlock_with_secret: () => null,
      lock_journal: () => null,
      journal_status: () => status(),
    });
    const s = session();
    expect(await s.unlock("correct horse")).toBe(true);
    expect(backend.argsOf("unlock_with_secret")).toEqual([{ secret: "correct horse" }]);
    expect(s.phase).toBe("open");
    const flushed = vi.fn(async () => {});
    s.beforeLock(flushed);
    let landed = () => {};
    backend.on("lock_journal", () => new Promise<null>((resolve) => (landed = () => resolve(null))));
    const locking = s.lock();
    await vi.waitFor(() => expect(s.phase).toBe("unlock"));
    // The journal is off the screen at once, but no unlock may start before the lock lands.
    expect(s.locking).toBe(true);
    landed();
    await locking;
    expect(s.locking).toBe(false);
    expect(flushed).toHaveBeenCalledOnce();
    expect(backend.count("lock_journal")).toBe(1);
    expect(s.phase).toBe("unlock");
  });

  it("locks after the idle minutes without activity, and activity postpones it", async () => {
    vi.useFakeTimers();
    const backend = new FakeBackend({
      unlock_with_secret: () => null,
      lock_journal: () => null,
      journal_status: () => status(),
    });
    const s = session();
    s.idleMinutes = 2;
    await s.unlock("secret");
    await vi.advanceTimersByTimeAsync(90_000);
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "a" }));
    await vi.advanceTimersByTimeAsync(90_000);
    expect(s.phase).toBe("open"); // only 90 s since the key press
    await vi.advanceTimersByTimeAsync(30_000);
    expect(backend.count("lock_journal")).toBe(1);
    expect(s.phase).toBe("unlock");
  });

  it("creates a journal, shows the recovery code once, then forgets it", async () => {
    const backend = new FakeBackend({
      create_journal: () => ({ recovery_code: "ABCD-EFGH", keyring_stored: true, keyring_problem: null }),
    });
    const s = session();
    await s.create(null);
    expect(backend.argsOf("create_journal")).toEqual([{ passphrase: null }]);
    expect(s.phase).toBe("recovery");
    expect(s.recoveryCode).toBe("ABCD-EFGH");
    s.finishSetup();
    expect(s.recoveryCode).toBeNull();
    expect(s.phase).toBe("open");
    s.stopIdleWatch();
  });

  it("hands a `locked` failure anywhere in the app to the session", async () => {
    new FakeBackend({ unlock_with_secret: () => null, lock_journal: () => null, journal_status: () => status() });
    const notices = new Notices();
    const s = new Session(notices);
    await s.unlock("secret");
    notices.report({ kind: "locked", message: "the journal is locked" }, "Could not save");
    await vi.waitFor(() => expect(s.phase).toBe("unlock"));
    expect(notices.current).toBeNull();
  });
});
