//! Snapshots and health: `backup` (take one, or list them), `restore` and `verify`.

use chrono::Utc;
use dualtrack_core::Error;
use dualtrack_core::backup::{DEFAULT_KEEP, VerifyReport};
use serde_json::json;

use crate::cli::context::Ctx;
use crate::cli::print;

#[derive(Debug, clap::Args)]
pub struct Backup {
    /// List the snapshots instead of taking one
    #[arg(long)]
    pub list: bool,
    /// How many snapshots to keep
    #[arg(long, default_value_t = DEFAULT_KEEP)]
    pub keep: usize,
}

impl Backup {
    pub fn run(self, ctx: &Ctx) -> Result<(), Error> {
        let journal = ctx.open()?;
        if !self.list {
            let made = journal.backup(Utc::now(), self.keep)?;
            let path = made.path.display();
            let text =
                format!("Backed up to {path} ({} bytes); checked by reopening it.", made.bytes);
            return ctx.report(&made, &text);
        }
        let all = journal.backups()?;
        if ctx.json {
            return print::json(&all);
        }
        if all.is_empty() {
            return print::line("No backups yet; `dualtrack backup` takes one.");
        }
        let lines: Vec<String> =
            all.iter().map(|b| format!("{}  {:>10} bytes", b.name, b.bytes)).collect();
        print::line(&lines.join("\n"))
    }
}

#[derive(Debug, clap::Args)]
pub struct Restore {
    /// A snapshot name from `backup --list`, or a path
    pub backup: String,
}

impl Restore {
    pub fn run(self, ctx: &Ctx) -> Result<(), Error> {
        let safety = ctx.open()?.restore(&self.backup, Utc::now())?;
        let backup = self.backup;
        ctx.report(
            &json!({ "restored": backup, "previous_content_saved_as": safety.name }),
            &format!(
                "Restored {backup}. The content before the restore was saved as {}.",
                safety.name
            ),
        )
    }
}

#[derive(Debug, clap::Args)]
pub struct Verify {}

impl Verify {
    pub fn run(self, ctx: &Ctx) -> Result<(), Error> {
        let found = ctx.open()?.verify()?;
        if ctx.json {
            print::json(&found)?
        } else {
            print::line(&described(&found))?
        }
        if found.is_ok() {
            Ok(())
        } else {
            Err(Error::Corrupt(
                "verification found problems (see above); restore a good backup".into(),
            ))
        }
    }
}

/// `verify`'s findings, a line each.
fn described(found: &VerifyReport) -> String {
    let mut text = if found.journal.is_ok() {
        format!(
            "Journal: ok ({} entries; quick_check and cipher_integrity_check passed).",
            found.entries
        )
    } else {
        format!(
            "Journal: DAMAGED. quick_check: {:?}; cipher_integrity_check: {:?}",
            found.journal.quick_check, found.journal.cipher_integrity
        )
    };
    for (name, problem) in &found.backups {
        text.push_str(&format!("\nBackup {name}: {}", problem.as_deref().unwrap_or("ok")));
    }
    for path in &found.leftovers {
        text.push_str(&format!(
            "\nLeft over from an interrupted step, not part of the journal: {} (remove it when no Dualtrack is running)",
            path.display()
        ));
    }
    if found.awaits_confirmation {
        text.push_str(
            "\nA new recovery code has not been confirmed yet: the previous secrets still open the journal.",
        );
    }
    text
}
