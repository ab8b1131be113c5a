//! `init` (create a journal and show its recovery code once) and `status` (where the journal
//! is and its ways in, without unlocking).

use dualtrack_core::{Error, Journal, KeyringStatus, Setup};
use serde_json::json;

use crate::cli::context::Ctx;
use crate::cli::{print, unlock};

#[derive(Debug, clap::Args)]
pub struct Init {}

impl Init {
    pub fn run(self, ctx: &Ctx) -> Result<(), Error> {
        let keyring = ctx.secrets.keyring();
        let passphrase = match ctx.secrets.given()? {
            Some(given) => Some(given),
            None => unlock::new_passphrase(keyring.is_ok())?,
        };
        let setup = Setup::new(keyring.as_ref().ok(), passphrase.as_ref());
        let created = Journal::create(&ctx.dir, setup).map_err(|e| match (e, &keyring) {
            (Error::NoUnlockPath(_), Err(why)) => Error::NoUnlockPath(format!(
                "the OS keyring is not available, so the journal needs a passphrase: give one with \
                 DUALTRACK_PASSPHRASE or --passphrase-file (or run in a terminal)\n  details: {}",
                why.detail()
            )),
            (e, _) => e,
        })?;
        let code = created.recovery_code.expose().to_owned();
        let slots = created.journal.envelope().slots();
        let keyring_note = match &created.keyring {
            KeyringStatus::Stored => {
                "The key is kept in the OS keyring, so the journal opens without typing.".to_owned()
            }
            KeyringStatus::Unavailable(why) => format!(
                "The OS keyring could not keep the key; unlock with your passphrase.\n  details: {why}"
            ),
            KeyringStatus::NotRequested => match &keyring {
                Err(why) => format!(
                    "The OS keyring is not available; unlock with your passphrase.\n  details: {}",
                    why.detail()
                ),
                Ok(_) => "The OS keyring was not used; unlock with your passphrase.".to_owned(),
            },
        };
        let shown = if ctx.json {
            print::json(&json!({
                "data_dir": ctx.dir, "slots": slots, "recovery_code": code,
                "keyring": matches!(created.keyring, KeyringStatus::Stored),
            }))
        } else {
            print::line(&format!(
                "Created a journal in {}.\n{keyring_note}\n\n\
                 Your recovery code (shown only now; write it down and keep it somewhere safe):\n\n    {code}\n\n\
                 It opens the journal if the keyring and the passphrase are ever lost.",
                ctx.dir.display()
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
}

#[derive(Debug, clap::Args)]
pub struct Status {}

impl Status {
    pub fn run(self, ctx: &Ctx) -> Result<(), Error> {
        let envelope = Journal::probe(&ctx.dir)?;
        let slots = envelope.slots();
        let labels: Vec<&str> = slots.iter().map(|s| s.label()).collect();
        let pending = envelope.awaits_confirmation();
        let note = if pending {
            "\nA new recovery code has not been confirmed yet: the previous secrets still open the journal."
        } else {
            ""
        };
        ctx.report(
            &json!({ "data_dir": ctx.dir, "slots": slots, "awaits_confirmation": pending }),
            &format!("Journal in {}\nWays in: {}{note}", ctx.dir.display(), labels.join(", ")),
        )
    }
}
