// Encrypted snapshots of the journal: list them, take one now, restore one after a confirm step.
// A restore first snapshots the current journal, so it can itself be undone.
import { api, type BackupInfo } from "./api";
import type { Notices } from "./notices.svelte";

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

  askRestore(name: string): void {
    this.confirming = name;
    this.message = null;
  }

  cancelRestore(): void {
    this.confirming = null;
  }

  async confirmRestore(): Promise<void> {
    const name = this.confirming;
    if (name === null) return;
    this.working = "restoring";
    try {
      const before = await api.restoreBackup(name);
      this.message = `Restored ${name}. The journal as it was just before is kept as ${before.name}.`;
      this.confirming = null;
      await this.load();
      this.#onRestored();
    } catch (err) {
      this.#notices.report(err, "Could not restore the backup");
    } finally {
      this.working = "idle";
    }
  }
}
