//! Start at login (opt-in): an XDG autostart entry (`~/.config/autostart/dualtrack.desktop`)
//! that starts the window binary hidden, in the tray, so the day's reminder comes without
//! opening anything. The file is the setting: present = on.

use std::path::{Path, PathBuf};

use dualtrack_core::Error;

/// Where the desktop looks for programs to start at login.
pub fn entry_path(config_dir: &Path) -> PathBuf {
    config_dir.join("autostart").join("dualtrack.desktop")
}

/// The desktop entry starting `exe` hidden on the journal in `data_dir`.
pub fn desktop_entry(exe: &Path, data_dir: &Path) -> String {
    let exec = [
        quote(&exe.to_string_lossy()),
        "--data-dir".into(),
        quote(&data_dir.to_string_lossy()),
        "--hidden".into(),
    ]
    .join(" ");
    format!(
        "[Desktop Entry]\n\
         Type=Application\n\
         Name=Dualtrack\n\
         Comment=Daily check-in reminder (starts in the tray)\n\
         Exec={exec}\n\
         Icon=dualtrack\n\
         Terminal=false\n\
         NoDisplay=true\n\
         X-GNOME-Autostart-enabled=true\n"
    )
}

/// An `Exec` argument, quoted as the Desktop Entry spec asks when it holds anything special.
fn quote(arg: &str) -> String {
    let plain =
        !arg.is_empty() && arg.chars().all(|c| c.is_ascii_alphanumeric() || "/-_.+,:@".contains(c));
    if plain {
        return arg.to_owned();
    }
    let mut out = String::from("\"");
    for c in arg.chars() {
        if matches!(c, '"' | '`' | '$' | '\\') {
            out.push('\\');
        }
        // `%` is a field code in Exec: a literal one is doubled.
        if c == '%' {
            out.push('%');
        }
        out.push(c);
    }
    out.push('"');
    out
}

pub fn is_on(config_dir: &Path) -> bool {
    entry_path(config_dir).is_file()
}

/// Turns start at login on (writing the entry for this binary) or off (removing it).
pub fn set(config_dir: &Path, on: bool, exe: &Path, data_dir: &Path) -> Result<(), Error> {
    let path = entry_path(config_dir);
    if !on {
        return match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(Error::Io { context: format!("removing {}", path.display()), source: e })
            }
            _ => Ok(()),
        };
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::Io { context: format!("creating {}", dir.display()), source: e })?;
    }
    dualtrack_core::layout::write_atomically(&path, desktop_entry(exe, data_dir).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_entry_starts_this_binary_hidden_on_this_journal() {
        let text = desktop_entry(
            Path::new("/usr/bin/dualtrack-window"),
            Path::new("/home/a b/My \"J\"$x"),
        );
        assert!(text.starts_with("[Desktop Entry]\nType=Application\nName=Dualtrack\n"), "{text}");
        assert!(
            text.contains("\nExec=/usr/bin/dualtrack-window --data-dir \"/home/a b/My \\\"J\\\"\\$x\" --hidden\n"),
            "{text}"
        );
        assert!(text.contains("\nX-GNOME-Autostart-enabled=true\n"));
        assert_eq!(quote("100%"), "\"100%%\"");
    }

    #[test]
    fn on_writes_the_entry_and_off_removes_it() {
        let config = tempfile::tempdir().expect("tempdir");
        assert!(!is_on(config.path()));
        set(config.path(), true, Path::new("/opt/dt"), Path::new("/data")).expect("on");
        assert!(is_on(config.path()));
        let text = std::fs::read_to_string(entry_path(config.path())).expect("read");
        assert!(text.contains("Exec=/opt/dt --data-dir /data --hidden"), "{text}");
        set(config.path(), false, Path::new("/opt/dt"), Path::new("/data")).expect("off");
        assert!(!is_on(config.path()));
        set(config.path(), false, Path::new("/opt/dt"), Path::new("/data")).expect("off twice");
    }
}
