//! The tray icon while a reminder is set: Check in now, Lock, Quit. It shows no journal
//! content, ever; its actions are the window's own (show the window, the `lock_journal`
//! command's lock, quit).

use tauri::menu::{Menu, MenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Manager};

use crate::state::AppState;

/// The tray menu: (id, label), in order.
pub const ITEMS: [(&str, &str); 3] =
    [("check-in", "Check in now"), ("lock", "Lock"), ("quit", "Quit Dualtrack")];

/// What a tray menu item does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    CheckIn,
    Lock,
    Quit,
}

pub fn action(id: &str) -> Option<Action> {
    match id {
        "check-in" => Some(Action::CheckIn),
        "lock" => Some(Action::Lock),
        "quit" => Some(Action::Quit),
        _ => None,
    }
}

/// Puts the icon in the tray; a desktop without a tray gets none (the app still reminds).
pub fn install(app: &AppHandle) {
    if let Err(err) = build(app) {
        eprintln!("dualtrack: no tray icon ({err}); reminders still come");
    }
}

fn build(app: &AppHandle) -> tauri::Result<()> {
    let items: Vec<MenuItem<tauri::Wry>> = ITEMS
        .iter()
        .map(|(id, label)| MenuItem::with_id(app, *id, *label, true, None::<&str>))
        .collect::<tauri::Result<_>>()?;
    let refs: Vec<&dyn tauri::menu::IsMenuItem<tauri::Wry>> =
        items.iter().map(|i| i as &dyn tauri::menu::IsMenuItem<tauri::Wry>).collect();
    let menu = Menu::with_items(app, &refs)?;
    let mut tray = TrayIconBuilder::with_id("dualtrack")
        .tooltip("Dualtrack")
        .menu(&menu)
        .on_menu_event(|app, event| run(app, event.id().as_ref()));
    if let Some(icon) = app.default_window_icon() {
        tray = tray.icon(icon.clone());
    }
    tray.build(app)?;
    Ok(())
}

fn run(app: &AppHandle, id: &str) {
    match action(id) {
        Some(Action::CheckIn) => crate::window::check_in(app),
        Some(Action::Lock) => {
            if let Err(err) = app.state::<AppState>().lock() {
                eprintln!("dualtrack: the journal could not be locked ({})", err.message);
            }
            // An open window starts again at the unlock screen.
            if let Some(window) = app.get_webview_window(crate::window::MAIN) {
                let _ = window.eval("window.location.reload()");
            }
        }
        Some(Action::Quit) => app.exit(0),
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tray_item_has_an_action_and_none_names_journal_content() {
        let actions: Vec<Option<Action>> = ITEMS.iter().map(|(id, _)| action(id)).collect();
        assert_eq!(actions, [Some(Action::CheckIn), Some(Action::Lock), Some(Action::Quit)]);
        assert_eq!(action("anything else"), None);
        let labels: Vec<&str> = ITEMS.iter().map(|(_, label)| *label).collect();
        assert_eq!(labels, ["Check in now", "Lock", "Quit Dualtrack"]);
    }
}
