// Whether the reminder can reach the person on this computer: does the desktop show
// notifications at all, and does Dualtrack start at login (in the tray) so the reminder comes
// without opening anything. Neither is journal data: start at login is a file the shell writes
// and applies at once, not a setting saved with the others.
import { api } from "./api";
import { describeError } from "./errors";

export class ReminderReach {
  /** The desktop has a notification service; null until asked (or when it could not be asked). */
  notifications = $state<boolean | null>(null);
  startAtLogin = $state(false);
  /** A change of start at login is on its way. */
  changing = $state(false);
  /** Why the last change of start at login did not happen. */
  problem = $state<string | null>(null);

  async load(): Promise<void> {
    try {
      const status = await api.reminderStatus();
      this.notifications = status.notifications;
      this.startAtLogin = status.start_at_login;
    } catch {
      // Only a hint is lost: no sentence about notifications, and the box shows "off"; ticking it
      // still asks the shell, which answers for itself.
    }
  }

  async setStartAtLogin(on: boolean): Promise<boolean> {
    this.changing = true;
    this.problem = null;
    try {
      await api.setStartAtLogin(on);
      this.startAtLogin = on;
      return true;
    } catch (err) {
      const why = describeError(err);
      this.problem = `Start at login could not be turned ${on ? "on" : "off"}. ${why.detail || why.summary} ${why.next}`;
      return false;
    } finally {
      this.changing = false;
    }
  }
}
