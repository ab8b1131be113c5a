// The only module that calls `invoke`: one small typed function per command of the shell
// (src-tauri/src/commands.rs), plus the native save dialog. Errors arrive as `IpcError`
// ({kind, message}). The native dialogs (save, and open for the one file to import) live here too.
import { invoke } from "@tauri-apps/api/core";
import { open, save } from "@tauri-apps/plugin-dialog";
import type { BackupInfo } from "./bindings/BackupInfo";
import type { CreatedJournal } from "./bindings/CreatedJournal";
import type { DayRun } from "./bindings/DayRun";
import type { Entry } from "./bindings/Entry";
import type { Found } from "./bindings/Found";
import type { IpcError } from "./bindings/IpcError";
import type { JournalStatus } from "./bindings/JournalStatus";
import type { RestorePreview } from "./bindings/RestorePreview";
import type { Saved } from "./bindings/Saved";
import type { SearchFilters } from "./bindings/SearchFilters";
import type { SearchPage } from "./bindings/SearchPage";
import type { Settings } from "./bindings/Settings";
import type { TagCount } from "./bindings/TagCount";
import type { Insights } from "./bindings/Insights";
import type { Decision } from "./bindings/Decision";
import type { Exported } from "./bindings/Exported";
import type { ExportRequest } from "./bindings/ExportRequest";
import type { Redaction } from "./bindings/Redaction";
import type { ReportFormat } from "./bindings/ReportFormat";
import type { ReportPreview } from "./bindings/ReportPreview";
import type { ImportFormat } from "./bindings/ImportFormat";
import type { ImportOptions } from "./bindings/ImportOptions";
import type { ImportReport } from "./bindings/ImportReport";
import type { MoodLabel } from "./bindings/MoodLabel";
import type { RenamedTag } from "./bindings/RenamedTag";
import type { Day } from "./bindings/Day";
import type { ReminderStatus } from "./bindings/ReminderStatus";

export type { Decision, Insights };
export type { Exported, ExportRequest, Redaction, ReportFormat, ReportPreview };
export type { ImportFormat, ImportOptions, ImportReport, MoodLabel, RenamedTag };
export type { Day, ReminderStatus };
export type { BackupInfo, CreatedJournal, DayRun, Entry, Found, IpcError, JournalStatus, RestorePreview, Saved, SearchFilters, SearchPage, Settings, TagCount };

/** Turns whatever a failed invoke threw into an IpcError the UI can branch on. */
export function asIpcError(err: unknown): IpcError {
  if (typeof err === "object" && err !== null && "kind" in err && "message" in err) {
    return err as IpcError;
  }
  return { kind: "internal", message: typeof err === "string" ? err : String(err) };
}

const FORMAT_NAMES: Record<ReportFormat, string> = {
  pdf: "PDF document",
  html: "Web page",
  md: "Markdown",
  csv: "CSV table",
  json: "Dualtrack JSON",
};

/** The save dialog, offering the format's extension (or `.age` when the file will be encrypted);
 *  null when the person cancelled. */
async function chooseExportPath(defaultPath: string, format: ReportFormat): Promise<string | null> {
  const encrypted = defaultPath.endsWith(".age");
  const filters = encrypted
    ? [{ name: `${FORMAT_NAMES[format]}, encrypted (age)`, extensions: ["age"] }]
    : [{ name: FORMAT_NAMES[format], extensions: [format] }];
  try {
    return await save({ title: "Export the report", defaultPath, filters });
  } catch (err) {
    throw asIpcError(err);
  }
}

/** The save dialog for the recovery code's text file; null when the person cancelled. */
async function chooseRecoverySheetPath(): Promise<string | null> {
  try {
    return await save({
      title: "Save the recovery code",
      defaultPath: "dualtrack-recovery-code.txt",
      filters: [{ name: "Text file", extensions: ["txt"] }],
    });
  } catch (err) {
    throw asIpcError(err);
  }
}

/** The open dialog for the export to import: one file, or (`folder`) a jrnl folder journal.
 *  Picking it is the only way the window names a path for the shell to read. Null when the
 *  person cancelled. */
async function chooseImportFile(folder = false): Promise<string | null> {
  try {
    if (folder) {
      return await open({ title: "Choose the jrnl journal folder", multiple: false, directory: true });
    }
    return await open({
      title: "Choose the export to bring in",
      multiple: false,
      directory: false,
      // jrnl journals often have no extension (".journal", or none at all): "All files" too.
      filters: [
        { name: "Journal exports", extensions: ["zip", "json", "txt", "csv", "journal"] },
        { name: "All files", extensions: ["*"] },
      ],
    });
  } catch (err) {
    throw asIpcError(err);
  }
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (err) {
    throw asIpcError(err);
  }
}

export const api = {
  journalStatus: () => call<JournalStatus>("journal_status"),
  createJournal: (passphrase: string | null) => call<CreatedJournal>("create_journal", { passphrase }),
  unlockWithKeyring: () => call<void>("unlock_with_keyring"),
  unlockWithSecret: (secret: string) => call<void>("unlock_with_secret", { secret }),
  lockJournal: () => call<void>("lock_journal"),
  getEntry: (date: string) => call<Entry | null>("get_entry", { date }),
  saveEntry: (entry: Entry) => call<Saved>("save_entry", { entry }),
  deleteEntry: (date: string) => call<void>("delete_entry", { date }),
  chooseRecoverySheetPath,
  saveRecoverySheet: (path: string, code: string) => call<void>("save_recovery_sheet", { path, code }),
  dayRun: (date: string) => call<DayRun>("day_run", { date }),
  listEntries: (from?: string, to?: string) => call<Entry[]>("list_entries", { from, to }),
  searchEntries: (filters: SearchFilters, limit: number) => call<SearchPage>("search_entries", { filters, limit }),
  onThisDay: (date: string) => call<Entry[]>("on_this_day", { date }),
  listTags: () => call<TagCount[]>("list_tags"),
  getDraft: (date: string) => call<Entry | null>("get_draft", { date }),
  saveDraft: (entry: Entry) => call<void>("save_draft", { entry }),
  discardDraft: (date: string) => call<void>("discard_draft", { date }),
  draftDates: (from?: string, to?: string) => call<string[]>("draft_dates", { from, to }),
  getSettings: () => call<Settings>("get_settings"),
  saveSettings: (settings: Settings) => call<void>("save_settings", { settings }),
  setPassphrase: (passphrase: string) => call<void>("set_passphrase", { passphrase }),
  newRecoveryCode: () => call<string>("new_recovery_code"),
  confirmRecoveryCode: () => call<void>("confirm_recovery_code"),
  restoreKeyring: () => call<void>("restore_keyring"),
  listBackups: () => call<BackupInfo[]>("list_backups"),
  backupNow: () => call<BackupInfo>("backup_now"),
  restorePreview: (name: string) => call<RestorePreview>("restore_preview", { name }),
  restoreBackup: (name: string) => call<BackupInfo>("restore_backup", { name }),
  getInsights: (from?: string, to?: string) => call<Insights>("get_insights", { from, to }),
  recordDecision: (decision: Decision, nextReview?: string) =>
    call<void>("record_decision", { decision, nextReview: nextReview ?? null }),
  listDecisions: () => call<Decision[]>("list_decisions"),
  previewReport: (request: ExportRequest) => call<ReportPreview>("preview_report", { request }),
  exportReport: (request: ExportRequest, path: string, overwrite: boolean, passphrase: string | null) =>
    call<Exported>("export_report", { request, path, overwrite, passphrase }),
  chooseExportPath,
  chooseImportFile,
  previewImport: (path: string, options: ImportOptions) => call<ImportReport>("import_preview", { path, options }),
  importFile: (path: string, options: ImportOptions) => call<ImportReport>("import_file", { path, options }),
  reminderStatus: () => call<ReminderStatus>("reminder_status"),
  missedDay: (today: string) => call<string | null>("missed_day", { today }),
  setStartAtLogin: (on: boolean) => call<void>("set_start_at_login", { on }),
};
