// Getting a recovery code off the screen safely: to the clipboard, or to a text file the person
// chooses (the core writes it readable by them only). Says what happened in words.
import { api } from "./api";
import { describeError } from "./errors";

export type KeepState = "idle" | "copied" | "copy-failed" | "saving" | "saved" | "save-failed";

export class RecoveryKeeping {
  state = $state<KeepState>("idle");
  /** The file the code went to, or why it did not. */
  detail = $state("");

  async copy(code: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(code);
      this.state = "copied";
      this.detail = "";
    } catch {
      this.state = "copy-failed";
      this.detail = "Select the code and copy it with Ctrl+C, or save it to a file.";
    }
  }

  async saveToFile(code: string): Promise<void> {
    this.state = "saving";
    try {
      const path = await api.chooseRecoverySheetPath();
      if (path === null) {
        this.state = "idle";
        return;
      }
      await api.saveRecoverySheet(path, code);
      this.state = "saved";
      this.detail = path;
    } catch (err) {
      const problem = describeError(err);
      this.state = "save-failed";
      this.detail = `${problem.summary} ${problem.next}`;
    }
  }

  /** One line for the screen, or "" when there is nothing to say. */
  get message(): string {
    switch (this.state) {
      case "copied":
        return "Copied. Paste it into your password manager, then clear the clipboard.";
      case "copy-failed":
        return `Could not copy. ${this.detail}`;
      case "saving":
        return "Saving…";
      case "saved":
        return `Saved to ${this.detail} (readable only by you). Keep a copy away from this computer too.`;
      case "save-failed":
        return `Not saved. ${this.detail}`;
      default:
        return "";
    }
  }
}
