//! A stand-in for the desktop's notification service, for the end-to-end tests: it owns
//! `org.freedesktop.Notifications` on the session bus it is started on and appends every
//! `Notify` call to FILE as one JSON line, so a test can count the reminders the app sent and
//! read every word they showed. Creating `FILE.choose` makes it act as if the person chose the
//! last notification (the `ActionInvoked` signal with the "default" action).
//!
//! Usage: notification_recorder FILE

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use zbus::zvariant::OwnedValue;

struct Recorder {
    out: PathBuf,
    sent: Arc<AtomicU32>,
}

#[zbus::interface(name = "org.freedesktop.Notifications")]
impl Recorder {
    #[allow(clippy::too_many_arguments)]
    fn notify(
        &mut self,
        app_name: String,
        _replaces_id: u32,
        app_icon: String,
        summary: String,
        body: String,
        actions: Vec<String>,
        _hints: HashMap<String, OwnedValue>,
        _expire_timeout: i32,
    ) -> u32 {
        let id = self.sent.fetch_add(1, Ordering::SeqCst) + 1;
        let line = serde_json::json!({
            "app_name": app_name, "app_icon": app_icon, "summary": summary, "body": body,
            "actions": actions,
        });
        let written = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.out)
            .and_then(|mut f| writeln!(f, "{line}"));
        if let Err(err) = written {
            eprintln!("notification_recorder: {err}");
        }
        id
    }

    fn get_capabilities(&self) -> Vec<String> {
        vec!["body".into(), "actions".into()]
    }

    fn get_server_information(&self) -> (String, String, String, String) {
        ("notification_recorder".into(), "dualtrack tests".into(), "1".into(), "1.2".into())
    }

    fn close_notification(&self, _id: u32) {}
}

fn main() -> zbus::Result<()> {
    let Some(out) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: notification_recorder FILE");
        std::process::exit(2);
    };
    let sent = Arc::new(AtomicU32::new(0));
    let choose = PathBuf::from(format!("{}.choose", out.display()));
    let recorder = Recorder { out, sent: Arc::clone(&sent) };
    let connection = zbus::blocking::connection::Builder::session()?
        .name("org.freedesktop.Notifications")?
        .serve_at("/org/freedesktop/Notifications", recorder)?
        .build()?;
    println!("ready");
    loop {
        std::thread::sleep(std::time::Duration::from_millis(100));
        if std::fs::remove_file(&choose).is_ok() {
            let last = sent.load(Ordering::SeqCst);
            connection.emit_signal(
                None::<()>,
                "/org/freedesktop/Notifications",
                "org.freedesktop.Notifications",
                "ActionInvoked",
                &(last, "default"),
            )?;
        }
    }
}
