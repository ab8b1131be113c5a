fn main() {
    // WebKitGTK and libsoup link the system sqlite3; keep our SQLCipher symbols private to the
    // binary so the webview never runs on them (and we never run on theirs).
    println!("cargo:rustc-link-arg-bins=-Wl,--exclude-libs,ALL");
    // The window exposes no commands yet: an empty allowlist means the webview can invoke nothing.
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(&[])),
    )
    .expect("tauri build configuration is valid");
}
