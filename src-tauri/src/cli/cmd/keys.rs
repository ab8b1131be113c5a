//! The ways in: `passwd` (a new passphrase, no re-encryption) and `rekey` (a new data key for
//! the journal and its backups, and a new recovery code, shown before the old one is retired).

use dualtrack_core::{Error, KdfParams};
use secrecy::ExposeSecret;
use serde_json::json;

use crate::cli::context::Ctx;
use crate::cli::unlock::Secrets;
use crate::cli::{print, unlock};

#[derive(Debug, clap::Args)]
pub struct Passwd {}

impl Passwd {
    pub fn run(self, ctx: &Ctx) -> Result<(), Error> {
        let mut journal = ctx.open()?;
        let new = unlock::new_passphrase(false)?.ok_or_else(|| {
            Error::NoUnlockPath(
                "no new passphrase: set DUALTRACK_NEW_PASSPHRASE or run in a terminal".into(),
            )
        })?;
        journal.set_passphrase(&new, KdfParams::PASSPHRASE)?;
        ctx.report(
            &json!({ "passphrase": "changed" }),
            "The passphrase is set. The journal itself was not re-encrypted.",
        )
    }
}

#[derive(Debug, clap::Args)]
pub struct Rekey {}

impl Rekey {
    pub fn run(self, ctx: &Ctx) -> Result<(), Error> {
        let opened = unlock::open(&ctx.dir, &ctx.secrets)?;
        let has_passphrase = opened.journal.envelope().passphrase.is_some();
        let passphrase = match unlock::new_passphrase(!has_passphrase)? {
            Some(new) => Some(new),
            None => opened.passphrase,
        };
        let keyring = ctx.secrets.keyring().ok();
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
        let shown = if ctx.json {
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
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum KeyringAction {
    /// Put the journal's key (back) into the OS keyring, so it opens without typing
    Restore,
}

#[derive(Debug, clap::Args)]
pub struct KeyringCommand {
    #[arg(value_enum)]
    pub action: KeyringAction,
}

impl KeyringCommand {
    pub fn run(self, ctx: &Ctx) -> Result<(), Error> {
        let KeyringAction::Restore = self.action;
        // The keyring is what is broken: unlock with the passphrase or the recovery code.
        let secrets = Secrets { no_keyring: true, ..ctx.secrets.clone() };
        let keyring = ctx.secrets.keyring()?;
        let mut journal = unlock::open(&ctx.dir, &secrets)?.journal;
        journal.remember_in_keyring(&keyring)?;
        ctx.report(
            &json!({ "keyring": "restored" }),
            "The journal's key is in the OS keyring again; it opens without typing.",
        )
    }
}
