use super::*;
use base64::Engine as _;
use std::fs;

const ID: &str = "00112233445566778899aabbccddeeff";

fn slot() -> WrappedSlot {
    WrappedSlot {
        kdf: KdfParams::TEST_ONLY,
        salt: vec![1; SALT_BYTES],
        nonce: vec![2; NONCE_BYTES],
        ciphertext: vec![3; WRAPPED_BYTES],
    }
}

fn sample() -> Envelope {
    let mut env = Envelope::new(ID.into(), vec![7; 16]);
    env.passphrase = Some(slot());
    env
}

fn corrupt_reason(path: &Path) -> String {
    match Envelope::read(path) {
        Err(Error::KeyFileCorrupt(why)) => why,
        other => panic!("expected key_file_corrupt, got {other:?}"),
    }
}

#[test]
fn round_trips_with_a_checksum_and_rejects_other_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("journal.keys");
    sample().write(&path).expect("write");
    let back = Envelope::read(&path).expect("read");
    assert_eq!(back.journal_id, ID);
    assert_eq!(back.check_value, vec![7; 16]);
    assert!(back.same_as(&sample()));
    assert!(!dir.path().join(".journal.keys.tmp").exists(), "temp file renamed away");

    fs::write(&path, b"{\"format\":\"other\"}").expect("write");
    corrupt_reason(&path);
    fs::write(&path, b"\x00\x01garbage").expect("write");
    corrupt_reason(&path);
}

#[test]
fn any_damage_is_a_damaged_key_file_not_a_wrong_secret() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("journal.keys");
    sample().write(&path).expect("write");
    let good = fs::read_to_string(&path).expect("read");
    // A flipped byte of the wrapped key still parses, but the checksum catches it.
    let ciphertext = B64.encode(vec![3u8; WRAPPED_BYTES]);
    let mut flipped = B64.encode(vec![3u8; WRAPPED_BYTES]).into_bytes();
    flipped[0] = if flipped[0] == b'A' { b'B' } else { b'A' };
    let damaged = good.replace(&ciphertext, std::str::from_utf8(&flipped).expect("ascii"));
    assert_ne!(damaged, good);
    fs::write(&path, &damaged).expect("write");
    assert!(corrupt_reason(&path).contains("checksum"));
}

#[test]
fn absurd_argon2_costs_are_refused_before_use() {
    for kdf in [
        KdfParams { memory_kib: u32::MAX, iterations: 3, parallelism: 1 },
        KdfParams { memory_kib: 65536, iterations: u32::MAX, parallelism: 1 },
        KdfParams { memory_kib: 65536, iterations: 3, parallelism: 0 },
        KdfParams { memory_kib: 1, iterations: 1, parallelism: 1 },
    ] {
        let mut env = sample();
        env.passphrase = Some(WrappedSlot { kdf, ..slot() });
        let bytes = env.to_bytes().expect("bytes");
        let err = Envelope::parse(&bytes).expect_err("refused");
        assert!(err.contains("passphrase slot is damaged"), "{kdf:?}: {err}");
    }
}

#[test]
fn duplicate_keys_unknown_fields_and_huge_files_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("journal.keys");
    let good = String::from_utf8(sample().to_bytes().expect("bytes")).expect("utf-8");
    let twice = good.replacen('{', &format!("{{\"journal_id\": \"{ID}\",\n"), 1);
    fs::write(&path, twice).expect("write");
    assert!(corrupt_reason(&path).contains("duplicate field"));
    let extra = good.replacen('{', "{\"spare\": 1,\n", 1);
    fs::write(&path, extra).expect("write");
    assert!(corrupt_reason(&path).contains("unknown field"));
    fs::write(&path, vec![b' '; MAX_KEY_FILE_BYTES as usize + 1]).expect("write");
    assert!(corrupt_reason(&path).contains("larger than 64 KiB"));
}

#[test]
fn version_1_files_still_read() {
    let v1 = format!(
        r#"{{"format":"dualtrack-keys","version":1,"journal_id":"{ID}","check_value":"{}"}}"#,
        B64.encode([7u8; 16])
    );
    let env = Envelope::parse(v1.as_bytes()).expect("v1");
    assert_eq!(env.check_value, vec![7; 16]);
    let again = Envelope::parse(&env.to_bytes().expect("bytes")).expect("written as v2");
    assert_eq!(again.version, VERSION);
}

#[test]
fn slots_have_their_stable_json_spelling_and_labels() {
    let all = [Slot::Keyring, Slot::Passphrase, Slot::RecoveryCode];
    assert_eq!(
        serde_json::to_value(all).expect("json"),
        serde_json::json!(["keyring", "passphrase", "recovery_code"]),
        "the UI and `status --json` match these names"
    );
    let labels: Vec<&str> = all.iter().map(|s| s.label()).collect();
    assert_eq!(labels, ["keyring", "passphrase", "recovery code"]);
}
