//! Each keyring state with and without an existing journal, and the key never in a file.

use crate::{Bus, Home, PASS, State, err, existing_journal_survives, journal_then, new_journal_in};

#[test]
fn existing_journal_with_no_bus() {
    existing_journal_survives(State::NoBus);
}
#[test]
fn existing_journal_with_no_secret_service() {
    existing_journal_survives(State::NoProvider);
}
#[test]
fn existing_journal_with_no_collection() {
    existing_journal_survives(State::NoCollection);
}
#[test]
fn existing_journal_with_locked_keyring() {
    existing_journal_survives(State::Locked);
}
#[test]
fn existing_journal_with_unlocked_keyring() {
    existing_journal_survives(State::Unlocked);
}
#[test]
fn existing_journal_with_its_entry_deleted() {
    existing_journal_survives(State::EntryDeleted);
}
#[test]
fn existing_journal_with_a_different_key_in_the_keyring() {
    existing_journal_survives(State::DifferentKey);
}

#[test]
fn new_journal_with_no_bus() {
    new_journal_in(State::NoBus);
}
#[test]
fn new_journal_with_no_secret_service() {
    new_journal_in(State::NoProvider);
}
#[test]
fn new_journal_with_no_collection() {
    new_journal_in(State::NoCollection);
}
#[test]
fn new_journal_with_locked_keyring() {
    new_journal_in(State::Locked);
}
#[test]
fn new_journal_with_unlocked_keyring() {
    new_journal_in(State::Unlocked);
}

#[test]
fn the_key_in_the_keyring_never_appears_in_journal_files() {
    let home = Home::new();
    let unlocked = Bus::Keyring { unlock: true };
    let out = home.dualtrack(unlocked, &["init"], Some(PASS));
    assert!(out.status.success(), "{}", err(&out));
    let add = home.dualtrack(unlocked, &["add", "2026-01-01", "--text", "secret words"], None);
    assert!(add.status.success(), "{}", err(&add));
    let backup = home.dualtrack(unlocked, &["backup"], None);
    assert!(backup.status.success(), "{}", err(&backup));
    let user = format!("journal-{}", home.journal_id());
    let looked = home.session(
        unlocked,
        &["secret-tool", "lookup", "service", "app.dualtrack", "username", &user],
        None,
        None,
    );
    let key_hex = String::from_utf8_lossy(&looked.stdout).trim().to_owned();
    assert_eq!(key_hex.len(), 64, "secret-tool returned the key: {}", err(&looked));
    let key_raw = hex::decode(&key_hex).expect("hex");
    let mut stack = vec![home.data.clone()];
    let mut files = 0;
    while let Some(dir) = stack.pop() {
        for item in std::fs::read_dir(&dir).expect("dir") {
            let path = item.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            files += 1;
            let bytes = std::fs::read(&path).expect("read");
            for needle in [key_hex.as_bytes(), key_hex.to_uppercase().as_bytes(), &key_raw[..]] {
                assert!(
                    !bytes.windows(needle.len()).any(|w| w == needle),
                    "key found in {}",
                    path.display()
                );
            }
        }
    }
    assert!(files >= 3, "database, key file and a backup were checked ({files})");
}

#[test]
fn a_keyring_that_lost_the_key_gets_it_back() {
    for state in [State::EntryDeleted, State::DifferentKey] {
        let home = Home::new();
        let (_code, bus) = journal_then(&home, state);
        let before = home.dualtrack(bus, &["list"], None);
        assert_eq!(before.status.code(), Some(2), "{state:?}: the keyring cannot open it yet");
        let restored = home.dualtrack(bus, &["keyring", "restore"], Some(PASS));
        assert!(restored.status.success(), "{state:?}: {}", err(&restored));
        let after = home.dualtrack(bus, &["list"], None);
        assert!(after.status.success(), "{state:?}: the keyring opens it again: {}", err(&after));
    }
}
