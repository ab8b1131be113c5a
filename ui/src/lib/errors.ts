// Turns a failed command into words a person can act on: what happened and what to do next.
// The kinds are the core's `ErrorKind` (generated), so this table names every kind or the
// TypeScript compiler says which one is missing; the UI branches on kinds, never on message text.
import { asIpcError } from "./api";
import type { ErrorKind } from "./bindings/ErrorKind";

export interface Problem {
  kind: ErrorKind;
  /** One calm sentence saying what went wrong. */
  summary: string;
  /** The core's own message, which often names the file or field. */
  detail: string;
  /** What the person can do now. */
  next: string;
}

const KINDS: Record<ErrorKind, { summary: string; next: string }> = {
  wrong_passphrase: {
    summary: "That passphrase did not work.",
    next: "Check Caps Lock and try again, or use your recovery code.",
  },
  wrong_recovery_code: {
    summary: "That recovery code did not work.",
    next: "Check it character by character, or use your passphrase.",
  },
  slot_missing: {
    summary: "This journal cannot be opened that way.",
    next: "Use your passphrase or recovery code.",
  },
  key_unavailable: {
    summary: "The OS keyring is not available right now.",
    next: "Unlock with your passphrase or recovery code.",
  },
  key_mismatch: {
    summary: "The key in the OS keyring belongs to a different journal.",
    next: "Unlock with your passphrase or recovery code; your journal is untouched.",
  },
  no_unlock_path: {
    summary: "There is no automatic way to unlock this journal here.",
    next: "Enter your passphrase or recovery code.",
  },
  corrupt: {
    summary: "The journal file looks damaged.",
    next: "Restore a recent backup from Settings → Backups.",
  },
  key_file_corrupt: {
    summary: "The key file beside the journal is damaged.",
    next: "Put back a copy of the key file; the journal itself was not changed.",
  },
  key_file_missing: {
    summary: "The key file beside the journal is missing.",
    next: "Put back a copy of the key file; the journal itself was not changed.",
  },
  database_missing: {
    summary: "The journal file is missing.",
    next: "Restore it from a backup.",
  },
  too_new: {
    summary: "This journal was written by a newer Dualtrack.",
    next: "Update Dualtrack to open it.",
  },
  invalid_entry: {
    summary: "Part of this entry is not valid.",
    next: "Fix the field named here and save again.",
  },
  entry_not_found: {
    summary: "That entry no longer exists.",
    next: "It may have been deleted; pick another day.",
  },
  disk_full: {
    summary: "The disk is full.",
    next: "Free some space and save again; nothing already saved was lost.",
  },
  busy: {
    summary: "The journal is busy in another Dualtrack process.",
    next: "Wait a moment and try again.",
  },
  in_use: {
    summary: "The journal is open in another Dualtrack process.",
    next: "Close or lock it there (or let its command finish), then try again; nothing was changed.",
  },
  interrupted_change: {
    summary: "A key change was interrupted and could not be finished safely.",
    next: "Nothing was deleted. The message names the folder to look at; keep it until you have a working journal.",
  },
  read_only: {
    summary: "The journal could only be opened for reading.",
    next: "Free some disk space, then lock and unlock it; nothing was lost.",
  },
  locked: {
    summary: "The journal is locked.",
    next: "Unlock it to continue.",
  },
  invalid_input: {
    summary: "That was not accepted.",
    next: "Check the values and try again.",
  },
  invalid_import: {
    summary: "That file cannot be imported.",
    next: "Nothing was imported; the message says which entry and field to fix.",
  },
  entry_exists: {
    summary: "That day already has an entry.",
    next: "Open it to edit it, or choose to replace it.",
  },
  render: {
    summary: "The report could not be drawn.",
    next: "Try another format or a shorter range; your journal is unchanged.",
  },
  not_initialized: {
    summary: "There is no journal here yet.",
    next: "Create one to begin.",
  },
  already_exists: {
    summary: "A journal already exists here and was left untouched.",
    next: "Unlock it instead.",
  },
  exists: {
    summary: "A file is already there.",
    next: "Replace it, or choose another name.",
  },
  io: {
    summary: "The journal could not be read or written.",
    next: "Check that its folder is reachable and try again.",
  },
  database: {
    summary: "The journal database reported a problem.",
    next: "Try again; if it keeps happening, restore a backup.",
  },
  internal: {
    summary: "Something unexpected went wrong.",
    next: "Try again; if it keeps happening, restart Dualtrack.",
  },
};

function sentence(text: string): string {
  const t = text.trim();
  if (!t) return "";
  const first = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?…]$/.test(first) ? first : `${first}.`;
}

export function describeError(err: unknown): Problem {
  const e = asIpcError(err);
  // A kind this build does not know (a newer core) reads as internal.
  const kind: ErrorKind = e.kind in KINDS ? e.kind : "internal";
  const known = KINDS[kind];
  return { kind, summary: known.summary, detail: sentence(e.message), next: known.next };
}
