fn main() {
    // WebKitGTK and libsoup link the system sqlite3; keep our SQLCipher symbols private to the
    // binary so the webview never runs on them (and we never run on theirs).
    println!("cargo:rustc-link-arg-bins=-Wl,--exclude-libs,ALL");
    // The allowlist: only these app commands exist for the webview (see src/commands.rs).
    let commands: &[&str] = &include!("commands.list");
    println!("cargo:rerun-if-changed=commands.list");
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(commands)),
    )
    .expect("tauri build configuration is valid");
}
