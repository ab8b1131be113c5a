// The ways into the journal that the user manages from Settings: adding or changing the
// passphrase (a rewrap, not a re-encryption) and replacing the recovery code, shown once. The
// old code keeps working until the person says the new one is saved.
import { api } from "./api";
import type { Notices } from "./notices.svelte";
import { passphraseProblem } from "./passphrase";

export class KeySlots {
  passphrase = $state("");
  confirm = $state("");
  passphraseStatus = $state<"idle" | "saving" | "saved">("idle");
  passphraseError = $state<string | null>(null);
  recoveryStep = $state<"idle" | "confirm" | "working" | "shown" | "finishing">("idle");
  recoveryCode = $state<string | null>(null);
  keyringStatus = $state<"idle" | "working" | "restored">("idle");

  #notices: Notices;

  constructor(notices: Notices) {
    this.#notices = notices;
  }

  async savePassphrase(): Promise<boolean> {
    const problem = passphraseProblem(this.passphrase, this.confirm, true);
    if (problem) {
      this.passphraseError = problem;
      return false;
    }
    this.passphraseError = null;
    this.passphraseStatus = "saving";
    try {
      await api.setPassphrase(this.passphrase);
    } catch (err) {
      this.passphraseStatus = "idle";
      this.#notices.report(err, "Could not set the passphrase");
      return false;
    }
    this.passphrase = "";
    this.confirm = "";
    this.passphraseStatus = "saved";
    return true;
  }

  askRecovery(): void {
    this.recoveryStep = "confirm";
  }

  cancelRecovery(): void {
    this.recoveryStep = "idle";
  }

  async makeRecovery(): Promise<void> {
    this.recoveryStep = "working";
    try {
      this.recoveryCode = await api.newRecoveryCode();
      this.recoveryStep = "shown";
    } catch (err) {
      this.recoveryStep = "idle";
      this.#notices.report(err, "Could not make a new recovery code");
    }
  }

  /** The code was written down: retire the old one, then forget the new one here. */
  async doneRecovery(): Promise<void> {
    this.recoveryStep = "finishing";
    try {
      await api.confirmRecoveryCode();
    } catch (err) {
      // Still shown: the old code works too, so nothing is lost; the person can try again.
      this.recoveryStep = "shown";
      this.#notices.report(err, "Could not retire the old recovery code");
      return;
    }
    this.recoveryCode = null;
    this.recoveryStep = "idle";
  }

  /** Puts the key back into the OS keyring (after it was reset), so unlocking needs no typing. */
  async restoreKeyring(): Promise<void> {
    this.keyringStatus = "working";
    try {
      await api.restoreKeyring();
      this.keyringStatus = "restored";
    } catch (err) {
      this.keyringStatus = "idle";
      this.#notices.report(err, "Could not put the key into the keyring");
    }
  }
}
