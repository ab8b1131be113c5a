// The one rule for a new passphrase, shared by setup and settings.
export const MIN_PASSPHRASE_CHARS = 8;

/** Why this passphrase pair cannot be used, or null when it can (or is optional and empty). */
export function passphraseProblem(passphrase: string, confirm: string, required: boolean): string | null {
  if (passphrase === "" && confirm === "" && !required) return null;
  if (passphrase === "") return "Enter a passphrase.";
  if ([...passphrase].length < MIN_PASSPHRASE_CHARS) {
    return `Use at least ${MIN_PASSPHRASE_CHARS} characters.`;
  }
  if (passphrase !== confirm) return "The two passphrases do not match.";
  return null;
}
