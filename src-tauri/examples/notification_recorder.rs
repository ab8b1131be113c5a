//! A stand-in for the desktop's notification service, for the end-to-end tests: it owns
//! `org.freedesktop.Notifications` on the session bus it is started on and appends every
//! `Notify` call to FILE as one JSON line, so a test can count the reminders the app sent and
//! read every word they showed.
//!
//! Usage: notification_recorder FILE

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;

use zbus::zvariant::OwnedValue;

struct Recorder {
    out: PathBuf,
    sent: u32,
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
        self.sent += 1;
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
        self.sent
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
    let _connection = zbus::blocking::connection::Builder::session()?
        .name("org.freedesktop.Notifications")?
        .serve_at("/org/freedesktop/Notifications", Recorder { out, sent: 0 })?
        .build()?;
    println!("ready");
    loop {
        std::thread::park();
    }
}
