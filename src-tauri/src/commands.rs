//! The commands the window may call — each takes the state, makes one core call and maps the
//! error. They are `async` so no SQL runs on the UI thread. The list here, the allowlist in
//! `build.rs` and the capability in `capabilities/main.json` must name the same commands.

use chrono::Utc;
use dualtrack_core::entry::parse_date;
use dualtrack_core::import::{self, ImportOptions, ImportReport};
use dualtrack_core::report::{self, Exported};
use dualtrack_core::{
    BackupInfo, DateRange, DayRun, Decision, Entry, Insights, Journal, KdfParams, Keyring,
    KeyringStatus, RestorePreview, Saved, SearchPage, Settings, Setup, TagCount, Unlock,
};
use secrecy::SecretString;
use tauri::State;

use crate::dto::{
    self, CreatedJournal, ExportRequest, JournalStatus, ReminderStatus, ReportPreview,
    SearchFilters,
};
use crate::ipc_error::IpcError;
use crate::state::AppState;

type Reply<T> = Result<T, IpcError>;

#[tauri::command]
pub async fn journal_status(state: State<'_, AppState>) -> Reply<JournalStatus> {
    let keyring = Keyring::platform();
    let slots = match Journal::probe(&state.dir) {
        Ok(envelope) => Some(envelope.slots()),
        Err(dualtrack_core::Error::NotInitialized(_)) => None,
        Err(e) => return Err(e.into()),
    };
    Ok(JournalStatus {
        exists: slots.is_some(),
        unlocked: state.is_unlocked(),
        slots: slots.unwrap_or_default(),
        keyring_available: keyring.is_ok(),
        keyring_problem: keyring.err().map(|e| e.detail()),
        data_dir: state.dir.display().to_string(),
    })
}

#[tauri::command]
pub async fn create_journal(
    state: State<'_, AppState>,
    passphrase: Option<String>,
) -> Reply<CreatedJournal> {
    let keyring = Keyring::platform().ok();
    let passphrase = passphrase.filter(|p| !p.is_empty()).map(SecretString::from);
    let created = Journal::create(&state.dir, Setup::new(keyring.as_ref(), passphrase.as_ref()))?;
    let reply = CreatedJournal {
        recovery_code: created.recovery_code.expose().to_owned(),
        keyring_stored: created.keyring == KeyringStatus::Stored,
        keyring_problem: match &created.keyring {
            KeyringStatus::Unavailable(why) => Some(why.clone()),
            _ => None,
        },
    };
    state.unlocked(created.journal)?;
    Ok(reply)
}

#[tauri::command]
pub async fn unlock_with_keyring(state: State<'_, AppState>) -> Reply<()> {
    let keyring = Keyring::platform()?;
    state.unlocked(Journal::open(&state.dir, Unlock::Keyring(&keyring))?)
}

/// Unlocks with a passphrase or, when it has that shape, a recovery code.
#[tauri::command]
pub async fn unlock_with_secret(state: State<'_, AppState>, secret: String) -> Reply<()> {
    let secret = SecretString::from(secret);
    let (journal, _) = Journal::open_with_secret(&state.dir, &secret)?;
    state.unlocked(journal)
}

#[tauri::command]
pub async fn lock_journal(state: State<'_, AppState>) -> Reply<()> {
    state.lock()
}

#[tauri::command]
pub async fn get_entry(state: State<'_, AppState>, date: String) -> Reply<Option<Entry>> {
    let date = parse_date(&date)?;
    state.with(|j| match j.get(date) {
        Ok(entry) => Ok(Some(entry)),
        Err(dualtrack_core::Error::EntryNotFound(_)) => Ok(None),
        Err(e) => Err(e),
    })
}

#[tauri::command]
pub async fn save_entry(state: State<'_, AppState>, entry: Entry) -> Reply<Saved> {
    state.with(|j| j.save(&entry, Utc::now()))
}

#[tauri::command]
pub async fn delete_entry(state: State<'_, AppState>, date: String) -> Reply<()> {
    let date = parse_date(&date)?;
    state.with(|j| j.delete(date))
}

#[tauri::command]
pub async fn day_run(state: State<'_, AppState>, date: String) -> Reply<DayRun> {
    let date = parse_date(&date)?;
    state.with(|j| j.run_ending(date))
}

#[tauri::command]
pub async fn list_entries(
    state: State<'_, AppState>,
    from: Option<String>,
    to: Option<String>,
) -> Reply<Vec<Entry>> {
    let range = DateRange::parse(from.as_deref(), to.as_deref())?;
    state.with(|j| j.list(range))
}

#[tauri::command]
pub async fn search_entries(
    state: State<'_, AppState>,
    filters: SearchFilters,
    limit: usize,
) -> Reply<SearchPage> {
    let query = filters.into_query()?;
    state.with(|j| j.find(&query, limit))
}

#[tauri::command]
pub async fn on_this_day(state: State<'_, AppState>, date: String) -> Reply<Vec<Entry>> {
    let date = parse_date(&date)?;
    state.with(|j| j.on_this_day(date))
}

#[tauri::command]
pub async fn list_tags(state: State<'_, AppState>) -> Reply<Vec<TagCount>> {
    state.with(|j| j.tags())
}

#[tauri::command]
pub async fn get_draft(state: State<'_, AppState>, date: String) -> Reply<Option<Entry>> {
    let date = parse_date(&date)?;
    state.with(|j| j.draft(date))
}

#[tauri::command]
pub async fn save_draft(state: State<'_, AppState>, entry: Entry) -> Reply<()> {
    state.with(|j| j.save_draft(&entry, Utc::now()))
}

#[tauri::command]
pub async fn draft_dates(
    state: State<'_, AppState>,
    from: Option<String>,
    to: Option<String>,
) -> Reply<Vec<chrono::NaiveDate>> {
    let range = DateRange::parse(from.as_deref(), to.as_deref())?;
    state.with(|j| j.draft_dates(range))
}

#[tauri::command]
pub async fn discard_draft(state: State<'_, AppState>, date: String) -> Reply<()> {
    let date = parse_date(&date)?;
    state.with(|j| j.discard_draft(date))
}

#[tauri::command]
pub async fn get_settings(state: State<'_, AppState>) -> Reply<Settings> {
    state.with(|j| j.settings())
}

#[tauri::command]
pub async fn save_settings(state: State<'_, AppState>, settings: Settings) -> Reply<()> {
    state.with(|j| j.set_settings(&settings))
}

#[tauri::command]
pub async fn set_passphrase(state: State<'_, AppState>, passphrase: String) -> Reply<()> {
    let passphrase = SecretString::from(passphrase);
    state.with(|j| j.set_passphrase(&passphrase, KdfParams::PASSPHRASE))
}

/// A new recovery code; the old one keeps working until `confirm_recovery_code`.
#[tauri::command]
pub async fn new_recovery_code(state: State<'_, AppState>) -> Reply<String> {
    state.with(|j| j.new_recovery_code(KdfParams::RECOVERY).map(|c| c.expose().to_owned()))
}

/// Puts the journal's key (back) into the OS keyring, e.g. after the keyring was reset, so the
/// journal opens without typing again.
#[tauri::command]
pub async fn restore_keyring(state: State<'_, AppState>) -> Reply<()> {
    let keyring = Keyring::platform()?;
    state.with(|j| j.remember_in_keyring(&keyring))
}

/// The user saved the new recovery code: the one it replaces stops working.
#[tauri::command]
pub async fn confirm_recovery_code(state: State<'_, AppState>) -> Reply<()> {
    let keyring = Keyring::platform().ok();
    state.with(|j| j.confirm_recovery_code(keyring.as_ref()))
}

/// Writes the recovery code just shown to a file the person chose (owner-only); only while the
/// journal is open, as the code is only shown then.
#[tauri::command]
pub async fn save_recovery_sheet(
    state: State<'_, AppState>,
    path: String,
    code: String,
) -> Reply<()> {
    let code = SecretString::from(code);
    state.with(|_| dualtrack_core::keys::write_recovery_sheet(std::path::Path::new(&path), &code))
}

#[tauri::command]
pub async fn list_backups(state: State<'_, AppState>) -> Reply<Vec<BackupInfo>> {
    state.with(|j| j.backups())
}

#[tauri::command]
pub async fn backup_now(state: State<'_, AppState>) -> Reply<BackupInfo> {
    state.with(|j| j.backup(Utc::now(), dualtrack_core::backup::DEFAULT_KEEP))
}

/// What restoring a backup would replace, for the confirmation.
#[tauri::command]
pub async fn restore_preview(state: State<'_, AppState>, name: String) -> Reply<RestorePreview> {
    state.with(|j| j.restore_preview(&name))
}

#[tauri::command]
pub async fn restore_backup(state: State<'_, AppState>, name: String) -> Reply<BackupInfo> {
    state.with(|j| j.restore(&name, Utc::now()))
}

/// All the statistics for a range (open ends: the journal's first/last day), with "today" from
/// the local clock; the trial review always looks at the whole journal.
#[tauri::command]
pub async fn get_insights(
    state: State<'_, AppState>,
    from: Option<String>,
    to: Option<String>,
) -> Reply<Insights> {
    let range = DateRange::parse(from.as_deref(), to.as_deref())?;
    let today = chrono::Local::now().date_naive();
    state.with(|j| j.insights(range, today))
}

#[tauri::command]
pub async fn record_decision(
    state: State<'_, AppState>,
    decision: Decision,
    next_review: Option<String>,
) -> Reply<()> {
    let next_review = next_review.as_deref().map(parse_date).transpose()?;
    state.with(|j| j.record_decision(&decision, next_review, Utc::now()))
}

#[tauri::command]
pub async fn list_decisions(state: State<'_, AppState>) -> Reply<Vec<Decision>> {
    state.with(|j| j.decisions())
}

/// What an export would carry out of the journal, and where it would go by default.
#[tauri::command]
pub async fn preview_report(
    state: State<'_, AppState>,
    request: ExportRequest,
) -> Reply<ReportPreview> {
    let request = request.into_request()?;
    let today = chrono::Local::now().date_naive();
    let preview = state.with(|j| Ok(j.report(&request, today)?.preview()))?;
    let folder = dirs::document_dir().or_else(dirs::home_dir).unwrap_or_default();
    let suggested_path = folder.join(&preview.file_name).display().to_string();
    Ok(ReportPreview { preview, suggested_path })
}

/// Writes the report to `path` (encrypted when a passphrase is given). The journal is locked
/// only while the report is gathered, not while it is rendered and encrypted on a blocking
/// thread.
#[tauri::command]
pub async fn export_report(
    state: State<'_, AppState>,
    request: ExportRequest,
    path: String,
    overwrite: bool,
    passphrase: Option<String>,
) -> Reply<Exported> {
    let request = request.into_request()?;
    let path = dto::export_path(&path)?;
    let today = chrono::Local::now().date_naive();
    let found = state.with(|j| j.report(&request, today))?;
    let passphrase = passphrase.map(SecretString::from);
    // Rendering a PDF and age's scrypt take up to a second or two: off the async workers.
    let written = tauri::async_runtime::spawn_blocking(move || {
        report::export(&found, &path, overwrite, passphrase.as_ref())
    })
    .await
    .map_err(|_| IpcError::internal("the export stopped unexpectedly"))?;
    Ok(written?)
}

/// What importing the export at `path` would do; writes nothing. The file is read and checked
/// before the journal is touched, off the async workers.
#[tauri::command]
pub async fn import_preview(
    state: State<'_, AppState>,
    path: String,
    options: ImportOptions,
) -> Reply<ImportReport> {
    let source = read_export(&path, options).await?;
    state.with(|j| j.import(&source, true, Utc::now()))
}

/// Imports the export at `path` in one transaction (refused while a mood is unmapped).
#[tauri::command]
pub async fn import_file(
    state: State<'_, AppState>,
    path: String,
    options: ImportOptions,
) -> Reply<ImportReport> {
    let source = read_export(&path, options).await?;
    state.with(|j| j.import(&source, false, Utc::now()))
}

async fn read_export(path: &str, options: ImportOptions) -> Result<import::Source, IpcError> {
    let path = dto::import_path(path)?;
    let read = tauri::async_runtime::spawn_blocking(move || import::read(&path, &options))
        .await
        .map_err(|_| IpcError::internal("reading the export stopped unexpectedly"))?;
    Ok(read?)
}

/// Whether notifications can be shown here and whether the app starts at login. Asking the
/// desktop's notification service is a D-Bus call: off the async workers.
#[tauri::command]
pub async fn reminder_status() -> Reply<ReminderStatus> {
    let notifications = tauri::async_runtime::spawn_blocking(crate::reminders::service_available)
        .await
        .unwrap_or(false);
    let start_at_login = dirs::config_dir().is_some_and(|c| crate::autostart::is_on(&c));
    Ok(ReminderStatus { notifications, start_at_login })
}

/// The day Today offers to fill in, the morning after a missed reminder (`null`: none).
#[tauri::command]
pub async fn missed_day(state: State<'_, AppState>, today: String) -> Reply<Option<String>> {
    let today = parse_date(&today)?;
    let missed = state.with(|j| j.missed_day(today))?;
    Ok(missed.map(dualtrack_core::entry::day_text))
}

/// Starts the app hidden in the tray at login, or no longer.
#[tauri::command]
pub async fn set_start_at_login(state: State<'_, AppState>, on: bool) -> Reply<()> {
    let config = dirs::config_dir()
        .ok_or_else(|| IpcError::internal("there is no configuration folder for start at login"))?;
    let exe = std::env::current_exe()
        .map_err(|e| IpcError::internal(format!("this program's path is unknown ({e})")))?;
    Ok(crate::autostart::set(&config, on, &exe, &state.dir)?)
}

/// The allowlist: every command the window may invoke. `build.rs` reads the same list, and a
/// test checks that the capability grants exactly these.
pub const COMMANDS: &[&str] = &include!("../commands.list");
