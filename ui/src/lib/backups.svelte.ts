// Encrypted snapshots of the journal: list them, take one now, restore one after a confirm step.
// A restore first snapshots the current journal, so it can itself be undone.
import { api, type BackupInfo, type RestorePreview } from "./api";
import type { Contents } from "./bindings/Contents";
import { localDate, shortDate } from "./dates";
import type { Notices } from "./notices.svelte";

/** "Thu 3 Dec 2026, 18:04" in the person's locale and time zone; the file name when the time
 * cannot be read from it. */
export function takenText(backup: BackupInfo): string {
  if (backup.taken_at === null) return backup.name;
  return new Date(backup.taken_at).toLocaleString(undefined, {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  });
}

function entries(n: number): string {
  return `${n.toLocaleString()} ${n === 1 ? "entry" : "entries"}`;
}

function holding(c: Contents, today: string): string {
  if (c.entries === 0) return "no entries";
  const last = c.last_entry === null ? "" : `, the last on ${shortDate(c.last_entry, today)}`;
  return `${entries(c.entries)}${last}`;
}

/** The restore confirmation in plain words: which backup, what it holds, what it replaces. */
export function restoreQuestion(p: RestorePreview, today: string = localDate()): string[] {
  const lines = [
    `Restore the backup from ${takenText(p.backup)}? It holds ${holding(p.in_backup, today)}.`,
    `It replaces the journal as it is now: ${holding(p.in_journal, today)}.`,
  ];
  const lost = p.in_journal.entries - p.in_backup.entries;
  const newer = p.in_journal.last_entry !== null &&
    (p.in_backup.last_entry === null || p.in_journal.last_entry > p.in_backup.last_entry);
  if (lost > 0) lines.push(`${entries(lost)} and any edits since the backup will be gone from the journal.`);
  else if (lost < 0) lines.push(`It brings back ${entries(-lost)} no longer in the journal; edits since the backup are undone.`);
  else if (newer) lines.push("Entries and edits made since the backup will be gone from the journal.");
  else lines.push("Edits made since the backup will be undone.");
  lines.push("The journal as it is now is kept as a backup first, so this can be undone.");
  return lines;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export class Backups {
  /** Newest first. */
  list = $state<BackupInfo[]>([]);
  loaded = $state(false);
  working = $state<"idle" | "backing-up" | "restoring">("idle");
  confirming = $state<string | null>(null);
  /** What the backup being confirmed holds and what it would replace, once read. */
  preview = $state<RestorePreview | null>(null);
  message = $state<string | null>(null);

  #notices: Notices;
  #onRestored: () => void;

  constructor(notices: Notices, onRestored: () => void = () => {}) {
    this.#notices = notices;
    this.#onRestored = onRestored;
  }

  async load(): Promise<void> {
    try {
      this.list = (await api.listBackups()).slice().reverse();
      this.loaded = true;
    } catch (err) {
      this.#notices.report(err, "Could not list the backups");
    }
  }

  async backupNow(): Promise<void> {
    this.working = "backing-up";
    this.message = null;
    try {
      const made = await api.backupNow();
      this.message = `Backup ${made.name} made and checked.`;
      await this.load();
    } catch (err) {
      this.#notices.report(err, "Could not make a backup");
    } finally {
      this.working = "idle";
    }
  }

  async askRestore(name: string): Promise<void> {
    this.confirming = name;
    this.preview = null;
    this.message = null;
    try {
      const preview = await api.restorePreview(name);
      if (this.confirming === name) this.preview = preview;
    } catch (err) {
      this.confirming = null;
      this.#notices.report(err, "Could not read the backup");
    }
  }

  cancelRestore(): void {
    this.confirming = null;
    this.preview = null;
  }

  async confirmRestore(): Promise<void> {
    const name = this.confirming;
    if (name === null) return;
    this.working = "restoring";
    try {
      const before = await api.restoreBackup(name);
      const restored = this.preview === null ? name : takenText(this.preview.backup);
      this.message = `Restored the backup from ${restored}. The journal as it was just before is kept as the backup from ${takenText(before)}.`;
      this.confirming = null;
      this.preview = null;
      await this.load();
      this.#onRestored();
    } catch (err) {
      this.#notices.report(err, "Could not restore the backup");
    } finally {
      this.working = "idle";
    }
  }
}
