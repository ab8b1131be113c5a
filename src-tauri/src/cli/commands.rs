//! One function per subcommand: read the arguments, call the core, print the result.

use std::path::Path;

use chrono::{Local, Utc};
use dualtrack_core::entry::parse_date;
use dualtrack_core::journal::Saved;
use dualtrack_core::report::{self, Redaction, ReportFormat, ReportRequest};
use dualtrack_core::{
    Choice, DateRange, Decision, Entry, Error, Field, Journal, KdfParams, KeyringStatus,
    SearchQuery, Setup,
};
use dualtrack_core::{exchange, layout};
use secrecy::ExposeSecret;
use serde_json::json;

use super::args::{
    AddArgs, Cli, Command, DecisionChoice, ExportArgs, ExportFormat, RangeArgs, SearchArgs,
};
use super::print;
use super::unlock::{self, Secrets};

pub fn run(cli: Cli, dir: &Path) -> Result<(), Error> {
    let dir = dir.to_path_buf();
    let secrets = Secrets { passphrase_file: cli.passphrase_file, no_keyring: cli.no_keyring };
    let json = cli.json;
    let Some(command) = cli.command else {
        return Err(Error::InvalidInput("no command given".into()));
    };
    match command {
        Command::Init => init(&dir, &secrets, json),
        Command::Status => status(&dir, json),
        Command::Add(args) => add(&dir, &secrets, args, json),
        Command::Show { date } => {
            let entry = open(&dir, &secrets)?.get(parse_date(&date)?)?;
            if json {
                print::json(&entry)
            } else {
                print::line(print::entry_block(&entry).trim_end())
            }
        }
        Command::Delete { date } => {
            let date = parse_date(&date)?;
            open(&dir, &secrets)?.delete(date)?;
            report(json, json!({ "deleted": date }), &format!("Deleted the entry for {date}."))
        }
        Command::List(range) => {
            let entries = open(&dir, &secrets)?.list(range_of(&range)?)?;
            entries_out(&entries, json)
        }
        Command::Search(args) => search(&dir, &secrets, args, json),
        Command::Import { file } => import(&dir, &secrets, &file, json),
        Command::Export(args) => export(&dir, &secrets, args, json),
        Command::Insights(range) => insights(&dir, &secrets, &range, json),
        Command::Decide { choice, note, date } => {
            let decided_on = match date {
                Some(d) => parse_date(&d)?,
                None => Local::now().date_naive(),
            };
            let choice = match choice {
                DecisionChoice::Continue => Choice::Continue,
                DecisionChoice::Extend => Choice::Extend,
                DecisionChoice::BackToIc => Choice::BackToIc,
                DecisionChoice::Hybrid => Choice::Hybrid,
            };
            let decision = Decision { decided_on, choice, note };
            open(&dir, &secrets)?.record_decision(&decision, Utc::now())?;
            report(
                json,
                serde_json::to_value(&decision).unwrap_or_default(),
                &format!("Recorded your decision of {decided_on}."),
            )
        }
        Command::Backup { list, keep } => backup(&dir, &secrets, list, keep, json),
        Command::Restore { backup } => {
            let mut journal = open(&dir, &secrets)?;
            let safety = journal.restore(&backup, Utc::now())?;
            report(
                json,
                json!({ "restored": backup, "previous_content_saved_as": safety.name }),
                &format!(
                    "Restored {backup}. The content before the restore was saved as {}.",
                    safety.name
                ),
            )
        }
        Command::Verify => verify(&dir, &secrets, json),
        Command::Passwd => passwd(&dir, &secrets, json),
        Command::Rekey => rekey(&dir, &secrets, json),
    }
}

fn open(dir: &Path, secrets: &Secrets) -> Result<Journal, Error> {
    Ok(unlock::open(dir, secrets)?.journal)
}

fn report(json: bool, data: serde_json::Value, text: &str) -> Result<(), Error> {
    if json { print::json(&data) } else { print::line(text) }
}

fn range_of(args: &RangeArgs) -> Result<DateRange, Error> {
    DateRange::parse(args.from.as_deref(), args.to.as_deref())
}

fn entries_out(entries: &[Entry], json: bool) -> Result<(), Error> {
    if json {
        return print::json(entries);
    }
    if entries.is_empty() {
        return print::line("No entries.");
    }
    let lines: Vec<String> = entries.iter().map(print::entry_line).collect();
    print::line(&lines.join("\n"))
}

fn init(dir: &Path, secrets: &Secrets, json: bool) -> Result<(), Error> {
    let keyring = secrets.keyring();
    let passphrase = match secrets.given()? {
        Some(given) => Some(given),
        None => unlock::new_passphrase(keyring.is_ok())?,
    };
    let created = Journal::create(dir, Setup::new(keyring.as_ref().ok(), passphrase.as_ref()))
        .map_err(|e| match (e, &keyring) {
            (Error::NoUnlockPath(_), Err(why)) => Error::NoUnlockPath(format!(
                "{why}; give a passphrase with DUALTRACK_PASSPHRASE or --passphrase-file (or run in a terminal)"
            )),
            (e, _) => e,
        })?;
    let code = created.recovery_code.expose().to_owned();
    let slots = created.journal.envelope().slots();
    let keyring_note = match &created.keyring {
        KeyringStatus::Stored => {
            "The key is kept in the OS keyring, so the journal opens without typing.".to_owned()
        }
        KeyringStatus::Unavailable(why) => {
            format!("The OS keyring could not be used ({why}); unlock with your passphrase.")
        }
        KeyringStatus::NotRequested => match &keyring {
            Err(why) => format!("{why}."),
            Ok(_) => "The OS keyring was not used; unlock with your passphrase.".to_owned(),
        },
    };
    let shown = if json {
        print::json(&json!({
            "data_dir": dir, "slots": slots, "recovery_code": code,
            "keyring": matches!(created.keyring, KeyringStatus::Stored),
        }))
    } else {
        print::line(&format!(
            "Created a journal in {}.\n{keyring_note}\n\n\
             Your recovery code (shown only now; write it down and keep it somewhere safe):\n\n    {code}\n\n\
             It opens the journal if the keyring and the passphrase are ever lost.",
            dir.display()
        ))
    };
    if let Err(failed) = shown {
        // A journal whose recovery code nobody saw must not stay behind.
        created.discard(keyring.as_ref().ok())?;
        return Err(Error::InvalidInput(format!(
            "the recovery code could not be shown ({}), so no journal was created; run `dualtrack init` again where its output can be written",
            print::why(&failed)
        )));
    }
    created.journal.lock()
}

fn status(dir: &Path, json: bool) -> Result<(), Error> {
    let envelope = Journal::probe(dir)?;
    let slots = envelope.slots();
    let labels: Vec<&str> = slots.iter().map(|s| s.label()).collect();
    let pending = envelope.awaits_confirmation();
    let note = if pending {
        "\nA new recovery code has not been confirmed yet: the previous secrets still open the journal."
    } else {
        ""
    };
    report(
        json,
        json!({ "data_dir": dir, "slots": slots, "awaits_confirmation": pending }),
        &format!("Journal in {}\nWays in: {}{note}", dir.display(), labels.join(", ")),
    )
}

fn add(dir: &Path, secrets: &Secrets, args: AddArgs, json: bool) -> Result<(), Error> {
    let date = match &args.date {
        Some(d) => parse_date(d)?,
        None => Local::now().date_naive(),
    };
    let mut entry = Entry::empty(date);
    for (field, value) in [
        (Field::Satisfaction, args.satisfaction),
        (Field::TechnicalShare, args.technical_share),
        (Field::LeadershipSatisfaction, args.leadership_satisfaction),
        (Field::TechnicalSatisfaction, args.technical_satisfaction),
        (Field::Energy, args.energy),
        (Field::Meetings, args.meetings),
        (Field::FocusMinutes, args.focus_minutes),
    ] {
        entry.set_number(field, value)?;
    }
    entry.tags = args.tags.iter().map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()).collect();
    entry.text = match (&args.text, &args.text_file) {
        (Some(text), _) => text.clone(),
        (None, Some(path)) => read_text(path)?,
        (None, None) => String::new(),
    };
    // Check before unlocking, so a typo costs no passphrase prompt.
    entry.validate()?;
    let mut journal = open(dir, secrets)?;
    let outcome = if args.replace {
        journal.save(&entry, Utc::now())?
    } else {
        journal.insert(&entry, Utc::now())?;
        Saved::Created
    };
    let verb = match outcome {
        Saved::Created => "Saved",
        Saved::Updated => "Replaced",
        Saved::Unchanged => "Unchanged:",
    };
    report(
        json,
        json!({ "date": date, "saved": format!("{outcome:?}").to_lowercase() }),
        &format!("{verb} the entry for {date}."),
    )?;
    crate::auto_backup(&journal);
    Ok(())
}

/// The text of `--text-file` (`-` for stdin), read no further than an entry can hold.
fn read_text(path: &Path) -> Result<String, Error> {
    let limit = dualtrack_core::entry::MAX_TEXT_BYTES as u64;
    let what = if path == Path::new("-") {
        "standard input".to_owned()
    } else {
        path.display().to_string()
    };
    let bytes = if path == Path::new("-") {
        layout::read_all_bounded(std::io::stdin().lock(), limit, &what)
    } else {
        layout::read_bounded(path, limit, &what)
    };
    let bytes = bytes.map_err(|e| match e {
        Error::InvalidInput(why) => Error::InvalidEntry { field: "text".into(), reason: why },
        other => other,
    })?;
    String::from_utf8(bytes).map_err(|_| Error::InvalidEntry {
        field: "text".into(),
        reason: format!("{what} is not UTF-8 text"),
    })
}

fn search(dir: &Path, secrets: &Secrets, args: SearchArgs, json: bool) -> Result<(), Error> {
    // An open end of a filter is the field's own bound.
    let pair = |min: Option<u8>, max: Option<u8>, field: Field| {
        let (lo, hi) = field.range();
        let bound = |v: i64| u8::try_from(v).unwrap_or(u8::MAX);
        (min.is_some() || max.is_some())
            .then(|| (min.unwrap_or(bound(lo)), max.unwrap_or(bound(hi))))
    };
    let query = SearchQuery {
        text: args.query,
        range: range_of(&args.range)?,
        tags: args.tags,
        satisfaction: pair(args.min_satisfaction, args.max_satisfaction, Field::Satisfaction),
        technical_share: pair(
            args.min_technical_share,
            args.max_technical_share,
            Field::TechnicalShare,
        ),
    };
    let found = open(dir, secrets)?.search(&query)?;
    entries_out(&found, json)
}

fn import(dir: &Path, secrets: &Secrets, file: &Path, json: bool) -> Result<(), Error> {
    let what = file.display().to_string();
    let bytes =
        layout::read_bounded(file, exchange::MAX_IMPORT_BYTES, &what).map_err(|e| match e {
            Error::InvalidInput(why) => Error::InvalidImport(why),
            other => other,
        })?;
    let text = String::from_utf8(bytes)
        .map_err(|_| Error::InvalidImport(format!("{what} is not UTF-8 text")))?;
    let mut journal = open(dir, secrets)?;
    let summary = journal.import_json(&text, Utc::now())?;
    report(
        json,
        serde_json::to_value(summary).unwrap_or_default(),
        &format!(
            "Imported {}: {} added, {} replaced, {} unchanged.",
            file.display(),
            summary.added,
            summary.replaced,
            summary.unchanged
        ),
    )?;
    crate::auto_backup(&journal);
    Ok(())
}

fn export(dir: &Path, secrets: &Secrets, args: ExportArgs, json: bool) -> Result<(), Error> {
    let request = ReportRequest {
        range: range_of(&args.range)?,
        format: match args.format {
            ExportFormat::Json => ReportFormat::Json,
            ExportFormat::Md => ReportFormat::Md,
            ExportFormat::Csv => ReportFormat::Csv,
            ExportFormat::Pdf => ReportFormat::Pdf,
            ExportFormat::Html => ReportFormat::Html,
        },
        redaction: Redaction {
            no_text: args.no_text,
            no_tags: args.no_tags,
            summary_only: args.summary_only,
            omit_fields: args.omit,
        },
    };
    let to_stdout = args.out == Path::new("-");
    let target = report::final_path(&args.out, args.encrypt);
    if !to_stdout && !args.force && target.exists() {
        return Err(Error::FileExists(target));
    }
    if !to_stdout {
        report::check_replaceable(&target)?;
    }
    let passphrase = if args.encrypt { Some(unlock::export_passphrase()?) } else { None };
    let journal = open(dir, secrets)?;
    let found = journal.report(&request, Local::now().date_naive())?;
    if to_stdout {
        return print::stream(|out| report::write_to(&found, out, passphrase.as_ref()));
    }
    let done = report::export(&found, &args.out, args.force, passphrase.as_ref())?;
    let sealed = if done.encrypted { ", encrypted" } else { "" };
    report(
        json,
        serde_json::to_value(&done).unwrap_or_default(),
        &format!("Exported {} entries to {}{sealed}.", done.entries, done.path),
    )
}

fn insights(dir: &Path, secrets: &Secrets, range: &RangeArgs, json: bool) -> Result<(), Error> {
    let journal = open(dir, secrets)?;
    let found = journal.insights(range_of(range)?, Local::now().date_naive())?;
    let decisions = journal.decisions()?;
    if !json {
        return print::line(&super::summary::insights(&found, &decisions));
    }
    // The stored trial decisions travel with the statistics they were made on.
    let mut value = serde_json::to_value(&found)
        .map_err(|e| Error::InvalidInput(format!("insights could not be encoded: {e}")))?;
    if let Some(map) = value.as_object_mut() {
        map.insert("decisions".into(), serde_json::to_value(&decisions).unwrap_or_default());
    }
    print::json(&value)
}

fn backup(dir: &Path, secrets: &Secrets, list: bool, keep: usize, json: bool) -> Result<(), Error> {
    let journal = open(dir, secrets)?;
    if list {
        let all = journal.backups()?;
        if json {
            return print::json(&all);
        }
        if all.is_empty() {
            return print::line("No backups yet; `dualtrack backup` takes one.");
        }
        let lines: Vec<String> =
            all.iter().map(|b| format!("{}  {:>10} bytes", b.name, b.bytes)).collect();
        return print::line(&lines.join("\n"));
    }
    let made = journal.backup(Utc::now(), keep)?;
    report(
        json,
        serde_json::to_value(&made).unwrap_or_default(),
        &format!(
            "Backed up to {} ({} bytes); checked by reopening it.",
            made.path.display(),
            made.bytes
        ),
    )
}

fn verify(dir: &Path, secrets: &Secrets, json: bool) -> Result<(), Error> {
    let report_ = open(dir, secrets)?.verify()?;
    if json {
        print::json(&report_)?;
    } else {
        let mut text = if report_.journal.is_ok() {
            format!(
                "Journal: ok ({} entries; quick_check and cipher_integrity_check passed).",
                report_.entries
            )
        } else {
            format!(
                "Journal: DAMAGED. quick_check: {:?}; cipher_integrity_check: {:?}",
                report_.journal.quick_check, report_.journal.cipher_integrity
            )
        };
        for (name, problem) in &report_.backups {
            text.push_str(&format!("\nBackup {name}: {}", problem.as_deref().unwrap_or("ok")));
        }
        for path in &report_.leftovers {
            text.push_str(&format!(
                "\nLeft over from an interrupted step, not part of the journal: {} (remove it when no Dualtrack is running)",
                path.display()
            ));
        }
        if report_.awaits_confirmation {
            text.push_str(
                "\nA new recovery code has not been confirmed yet: the previous secrets still open the journal.",
            );
        }
        print::line(&text)?;
    }
    if report_.is_ok() {
        Ok(())
    } else {
        Err(Error::Corrupt("verification found problems (see above); restore a good backup".into()))
    }
}

fn passwd(dir: &Path, secrets: &Secrets, json: bool) -> Result<(), Error> {
    let mut journal = open(dir, secrets)?;
    let new = unlock::new_passphrase(false)?.ok_or_else(|| {
        Error::NoUnlockPath(
            "no new passphrase: set DUALTRACK_NEW_PASSPHRASE or run in a terminal".into(),
        )
    })?;
    journal.set_passphrase(&new, KdfParams::PASSPHRASE)?;
    report(
        json,
        json!({ "passphrase": "changed" }),
        "The passphrase is set. The journal itself was not re-encrypted.",
    )
}

fn rekey(dir: &Path, secrets: &Secrets, json: bool) -> Result<(), Error> {
    let opened = unlock::open(dir, secrets)?;
    let has_passphrase = opened.journal.envelope().passphrase.is_some();
    let passphrase = match unlock::new_passphrase(!has_passphrase)? {
        Some(new) => Some(new),
        None => opened.passphrase,
    };
    let keyring = secrets.keyring().ok();
    let rekeyed = opened.journal.rekey(
        keyring.as_ref(),
        passphrase.as_ref(),
        KdfParams::PASSPHRASE,
        KdfParams::RECOVERY,
    )?;
    let code = rekeyed.recovery_code.expose().to_owned();
    let mut journal = rekeyed.journal;
    let kept = if passphrase.as_ref().is_some_and(|p| !p.expose_secret().is_empty()) {
        "Your passphrase still works."
    } else {
        ""
    };
    let shown = if json {
        print::json(&json!({ "rekeyed": true, "recovery_code": code }))
    } else {
        print::line(&format!(
            "The journal and its backups are re-encrypted under a new key. {kept}\n\
             Your NEW recovery code (the old one no longer works):\n\n    {code}\n"
        ))
    };
    if let Err(failed) = shown {
        // Not confirmed: the old passphrase and recovery code keep opening the journal.
        return Err(Error::InvalidInput(format!(
            "the journal was re-keyed, but the new recovery code could not be shown ({}); your previous passphrase and recovery code keep working — run `dualtrack rekey` again for a code you can see",
            print::why(&failed)
        )));
    }
    // Shown (written and flushed): now the old secrets may stop working.
    journal.confirm_recovery_code(keyring.as_ref()).map_err(|e| {
        Error::InvalidInput(format!(
            "the new recovery code above works, but the previous passphrase and recovery code could not be retired yet ({e}); they keep working until the next key change"
        ))
    })?;
    journal.lock()
}
