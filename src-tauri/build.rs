fn main() {
    // WebKitGTK and libsoup link the system sqlite3; keep our SQLCipher symbols private to the
    // binary so the webview never runs on them (and we never run on theirs).
    println!("cargo:rustc-link-arg-bins=-Wl,--exclude-libs,ALL");
    // The allowlist: only these app commands exist for the webview (see src/commands.rs).
    let commands = &[
        "journal_status",
        "create_journal",
        "unlock_with_keyring",
        "unlock_with_secret",
        "lock_journal",
        "get_entry",
        "save_entry",
        "delete_entry",
        "list_entries",
        "search_entries",
        "on_this_day",
        "list_tags",
        "get_draft",
        "save_draft",
        "discard_draft",
        "get_settings",
        "save_settings",
        "set_passphrase",
        "new_recovery_code",
        "list_backups",
        "backup_now",
        "restore_backup",
        "get_insights",
        "record_decision",
        "list_decisions",
    ];
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(commands)),
    )
    .expect("tauri build configuration is valid");
}
