// Which screen the app is on and how it got there: set up a new journal, unlock an existing one,
// or use an open one. An existing journal is never offered "create": a keyring that fails means
// "unlock another way". Also owns the idle lock.
import { api, type JournalStatus } from "./api";
import { describeError, type Problem } from "./errors";
import type { Notices } from "./notices.svelte";

export type Phase = "loading" | "failed" | "setup" | "recovery" | "unlock" | "open";

export const DEFAULT_IDLE_MINUTES = 15;
const ACTIVITY_EVENTS = ["keydown", "mousedown", "mousemove", "wheel", "touchstart"] as const;

export class Session {
  phase = $state<Phase>("loading");
  status = $state<JournalStatus | null>(null);
  /** Why the status could not be read (the screen offers a retry). */
  failure = $state<Problem | null>(null);
  /** Unlocking or creating is under way (Argon2id takes about half a second). */
  busy = $state(false);
  unlockError = $state<Problem | null>(null);
  /** Why the OS keyring did not unlock the journal, when it was tried. */
  keyringProblem = $state<Problem | null>(null);
  /** Shown once after setup, then forgotten. */
  recoveryCode = $state<string | null>(null);
  createdKeyringProblem = $state<string | null>(null);
  /** The journal was just created: the role and trial questions come before the first entry. */
  welcome = $state(false);
  /** Locking is under way: the unlock form waits until the key is really gone, so an unlock
   * cannot overtake the lock. */
  locking = $state(false);
  idleMinutes = $state(DEFAULT_IDLE_MINUTES);

  readonly hasKeyringSlot = $derived(this.status?.slots.includes("keyring") ?? false);

  #beforeLock = new Set<() => Promise<void>>();
  #lastActivity = 0;
  #idleTimer: ReturnType<typeof setTimeout> | null = null;
  #onActivity = (): void => {
    this.#lastActivity = Date.now();
  };

  constructor(notices: Notices) {
    notices.onLocked = () => void this.lock();
  }

  async start(): Promise<void> {
    this.phase = "loading";
    this.failure = null;
    try {
      this.status = await api.journalStatus();
    } catch (err) {
      this.failure = describeError(err);
      this.phase = "failed";
      return;
    }
    if (!this.status.exists) {
      this.phase = "setup";
    } else if (this.status.unlocked) {
      this.open();
    } else if (!(this.hasKeyringSlot && (await this.tryKeyring()))) {
      this.phase = "unlock";
    }
  }

  /** Tries the OS keyring; on failure stays on (or moves to) the unlock screen. */
  async tryKeyring(): Promise<boolean> {
    this.busy = true;
    this.unlockError = null;
    try {
      await api.unlockWithKeyring();
      this.keyringProblem = null;
      this.open();
      return true;
    } catch (err) {
      this.keyringProblem = describeError(err);
      this.phase = "unlock";
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** Unlocks with a passphrase or a recovery code (the core tells them apart). */
  async unlock(secret: string): Promise<boolean> {
    if (secret === "") {
      this.unlockError = {
        kind: "invalid_input",
        summary: "Enter your passphrase or recovery code.",
        detail: "",
        next: "",
      };
      return false;
    }
    this.busy = true;
    this.unlockError = null;
    try {
      await api.unlockWithSecret(secret);
      this.open();
      return true;
    } catch (err) {
      this.unlockError = describeError(err);
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** Creates the journal; the recovery code is then shown once before the journal opens. */
  async create(passphrase: string | null): Promise<boolean> {
    this.busy = true;
    this.unlockError = null;
    try {
      const created = await api.createJournal(passphrase);
      this.recoveryCode = created.recovery_code;
      this.createdKeyringProblem = created.keyring_stored ? null : created.keyring_problem;
      this.phase = "recovery";
      return true;
    } catch (err) {
      this.unlockError = describeError(err);
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** The recovery code was saved: forget it and open the journal. */
  finishSetup(): void {
    this.recoveryCode = null;
    this.welcome = true;
    this.open();
  }

  /** Registers work to finish before locking (e.g. writing a pending draft); returns an undo. */
  beforeLock(task: () => Promise<void>): () => void {
    this.#beforeLock.add(task);
    return () => this.#beforeLock.delete(task);
  }

  async lock(): Promise<void> {
    if (this.phase !== "open" || this.locking) return;
    this.locking = true;
    this.stopIdleWatch();
    await Promise.allSettled([...this.#beforeLock].map((task) => task()));
    // The journal leaves the screen at once; `locking` stays until the lock has landed.
    this.phase = "unlock";
    this.keyringProblem = null;
    this.unlockError = null;
    try {
      await api.lockJournal();
    } catch (err) {
      this.unlockError = describeError(err);
    }
    try {
      this.status = await api.journalStatus();
    } catch {
      // The slots shown on the unlock screen may be stale; unlocking still works.
    } finally {
      this.locking = false;
    }
  }

  private open(): void {
    this.phase = "open";
    this.startIdleWatch();
  }

  private startIdleWatch(): void {
    this.stopIdleWatch();
    this.#lastActivity = Date.now();
    for (const type of ACTIVITY_EVENTS) {
      window.addEventListener(type, this.#onActivity, { passive: true, capture: true });
    }
    this.#armIdle(this.idleMinutes * 60_000);
  }

  #armIdle(delay: number): void {
    this.#idleTimer = setTimeout(() => {
      const limit = this.idleMinutes * 60_000;
      const idle = Date.now() - this.#lastActivity;
      if (idle >= limit) void this.lock();
      else this.#armIdle(limit - idle);
    }, delay);
  }

  stopIdleWatch(): void {
    if (this.#idleTimer !== null) clearTimeout(this.#idleTimer);
    this.#idleTimer = null;
    for (const type of ACTIVITY_EVENTS) {
      window.removeEventListener(type, this.#onActivity, { capture: true });
    }
  }

  /** A new idle limit takes effect now, counted from the last activity. */
  setIdleMinutes(minutes: number): void {
    this.idleMinutes = minutes;
    if (this.phase === "open" && this.#idleTimer !== null) {
      clearTimeout(this.#idleTimer);
      this.#armIdle(Math.max(0, minutes * 60_000 - (Date.now() - this.#lastActivity)));
    }
  }
}
