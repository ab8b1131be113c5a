//! `make bench`: the journal's performance targets (PRODUCT §11) on generated 10- and 100-year
//! journals (3,650 and 36,500 entries), through the public API as the CLI and app use it, plus
//! the SQLCipher overhead: identical SQL on an encrypted and a plaintext copy.
//!
//! Prints a Markdown table of medians (and p95 for saves) and writes it to
//! `target/bench/results-core.md`. Run it under `scripts/with-test-keyring.sh` so the keyring
//! slot can be measured against a real (throwaway) Secret Service.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate, Utc};
use dualtrack_core::report::{Redaction, ReportFormat, ReportRequest};
use dualtrack_core::{
    DateRange, Entry, InsightsRange, Journal, KdfParams, Keyring, SearchQuery, Setup, Unlock,
    exchange, insights,
};
use rusqlite::Connection;
use secrecy::SecretString;

const TAGS: [&str; 10] = [
    "1on1",
    "hiring",
    "incident",
    "deep-work",
    "planning",
    "review",
    "mentoring",
    "oncall",
    "roadmap",
    "pairing",
];
const WORDS: [&str; 24] = [
    "team",
    "review",
    "design",
    "meeting",
    "refactor",
    "roadmap",
    "feedback",
    "hiring",
    "incident",
    "pairing",
    "planning",
    "focus",
    "deploy",
    "mentoring",
    "budget",
    "architecture",
    "coaching",
    "estimate",
    "retro",
    "customer",
    "latency",
    "migration",
    "conflict",
    "delegation",
];

/// Deterministic entries: one per day ending 2026-11-26, ~2% mention "postmortem".
fn generate(n: u64) -> Vec<Entry> {
    let last = NaiveDate::from_ymd_opt(2026, 11, 26).expect("date");
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move |m: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % m
    };
    (0..n)
        .map(|i| {
            let mut e = Entry::empty(last - Days::new(n - 1 - i));
            e.satisfaction = Some(1 + next(10) as u8);
            e.technical_share = Some(next(101) as u8);
            if next(10) != 0 {
                e.leadership_satisfaction = Some(1 + next(10) as u8);
                e.technical_satisfaction = Some(1 + next(10) as u8);
                e.energy = Some(1 + next(5) as u8);
                e.meetings = Some(next(12) as u8);
                e.focus_minutes = Some(next(240) as u16);
            }
            let mut tags: Vec<String> = Vec::new();
            for _ in 0..next(4) {
                let t = TAGS[next(TAGS.len() as u64) as usize].to_owned();
                if !tags.contains(&t) {
                    tags.push(t);
                }
            }
            e.tags = tags;
            let words: Vec<&str> =
                (0..60 + next(40)).map(|_| WORDS[next(WORDS.len() as u64) as usize]).collect();
            e.text = words.join(" ");
            if next(50) == 0 {
                e.text.push_str(" — the postmortem took the afternoon.");
            }
            e
        })
        .collect()
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn percentile(mut samples: Vec<Duration>, p: f64) -> Duration {
    samples.sort();
    let idx = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[idx]
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    black_box(f()); // warm-up
    median(
        (0..runs)
            .map(|_| {
                let start = Instant::now();
                black_box(f());
                start.elapsed()
            })
            .collect(),
    )
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

struct Table(Vec<[String; 4]>);

impl Table {
    fn row(&mut self, size: u64, what: &str, value: String, target: &str) {
        println!("{size:>6}  {what:<42} {value:>12}   {target}");
        self.0.push([size.to_string(), what.to_owned(), value, target.to_owned()]);
    }
}

fn bench_size(n: u64, table: &mut Table, keyring: Option<&Keyring>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let pw = SecretString::from("benchmark passphrase".to_owned());
    let setup = Setup {
        keyring,
        passphrase: Some(&pw),
        passphrase_kdf: KdfParams::PASSPHRASE,
        recovery_kdf: KdfParams::RECOVERY,
    };
    let created = Journal::create(dir.path(), setup).expect("create");
    let mut journal = created.journal;
    let entries = generate(n);
    let mut doc = Vec::new();
    exchange::write(&mut doc, &Default::default(), &entries).expect("doc");
    let doc = String::from_utf8(doc).expect("utf-8");

    let start = Instant::now();
    journal.import_json(&doc, Utc::now()).expect("import");
    table.row(n, "import (exchange JSON, one transaction)", ms(start.elapsed()), "");
    journal.lock().expect("lock");

    if let Some(keyring) = keyring {
        let unlock = time(9, || {
            Journal::open(dir.path(), Unlock::Keyring(keyring))
                .expect("keyring unlock")
                .lock()
                .expect("lock")
        });
        table.row(n, "unlock, keyring slot (open + first read)", ms(unlock), "≤ 50 ms");
    } else {
        table.row(n, "unlock, keyring slot", "n/a (no Secret Service)".into(), "≤ 50 ms");
    }
    let unlock = time(3, || {
        Journal::open(dir.path(), Unlock::Passphrase(&pw))
            .expect("passphrase unlock")
            .lock()
            .expect("lock")
    });
    table.row(n, "unlock, passphrase slot (Argon2id 64 MiB, t=3)", ms(unlock), "~0.5 s by design");

    let insights_json = |journal: &Journal| {
        let all = journal.list_numbers(DateRange::all()).expect("list");
        let today = all.last().map(|e| e.date).expect("entries");
        let range = InsightsRange::resolve(DateRange::all(), &all, today);
        let found = insights::compute(&all, &journal.settings().expect("settings"), range, today);
        serde_json::to_string(&found).expect("json")
    };
    if let Some(keyring) = keyring {
        let t = time(9, || {
            let journal = Journal::open(dir.path(), Unlock::Keyring(keyring)).expect("unlock");
            let json = insights_json(&journal);
            journal.lock().expect("lock");
            json
        });
        table.row(
            n,
            "insights, keyring unlock → JSON (all of it)",
            ms(t),
            if n == 3_650 { "≤ 20 ms" } else { "≤ 200 ms" },
        );
    }

    let mut journal = Journal::open(dir.path(), Unlock::Passphrase(&pw)).expect("open");
    table.row(
        n,
        "insights, load + compute + JSON (unlocked)",
        ms(time(9, || insights_json(&journal))),
        "",
    );
    let all = journal.list(DateRange::all()).expect("list");
    let today = all.last().map(|e| e.date).expect("entries");
    let range = InsightsRange::resolve(DateRange::all(), &all, today);
    let settings = journal.settings().expect("settings");
    table.row(
        n,
        "insights, compute only",
        ms(time(9, || insights::compute(&all, &settings, range, today))),
        "",
    );
    let last = entries.last().map(|e| e.date).expect("entries");
    let month = DateRange::new(Some(last - Days::new(29)), Some(last)).expect("range");
    table.row(
        n,
        "list a month (30 entries)",
        ms(time(50, || journal.list(month).expect("list"))),
        "",
    );
    table.row(
        n,
        "list everything",
        ms(time(5, || journal.list(DateRange::all()).expect("list"))),
        "",
    );
    let q = SearchQuery { text: "postmortem".into(), ..SearchQuery::default() };
    table.row(
        n,
        "search \"postmortem\"",
        ms(time(50, || journal.search(&q).expect("search"))),
        "≤ 10 ms (36,500)",
    );
    table.row(
        n,
        "find \"postmortem\": count + newest 100 with snippets",
        ms(time(50, || journal.find(&q, 100).expect("find"))),
        "≤ 10 ms (36,500)",
    );
    let common = SearchQuery { text: "the".into(), ..SearchQuery::default() };
    table.row(
        n,
        "find \"the\": count + newest 100 (nearly every entry)",
        ms(time(5, || journal.find(&common, 100).expect("find"))),
        "",
    );
    let filtered = SearchQuery {
        text: "deploy".into(),
        tags: vec!["incident".into()],
        satisfaction: Some((1, 5)),
        ..SearchQuery::default()
    };
    table.row(
        n,
        "search \"deploy\" + tag + satisfaction range",
        ms(time(20, || journal.search(&filtered).expect("search"))),
        "",
    );
    table.row(
        n,
        "export everything (exchange JSON)",
        ms(time(5, || {
            let mut out = Vec::new();
            journal.export_json(DateRange::all(), &mut out).expect("export");
            out
        })),
        "",
    );

    if n == 3_650 {
        report_rows(&journal, last, table);
    }

    let mut saves = Vec::new();
    for i in 0..200u64 {
        let mut e = entries[(i * 7 % n) as usize].clone();
        e.text.push_str(" edited");
        let start = Instant::now();
        journal.save(&e, Utc::now()).expect("save");
        saves.push(start.elapsed());
    }
    table.row(
        n,
        "save an entry, p50 (WAL, synchronous=FULL)",
        ms(percentile(saves.clone(), 0.5)),
        "",
    );
    table.row(n, "save an entry, p95", ms(percentile(saves, 0.95)), "≤ 20 ms");
    journal.lock().expect("lock");
    overhead(n, &entries, dir.path(), table);
}

/// The report from an unlocked journal: gather (read + redact + insights) and render.
fn report_rows(journal: &Journal, last: NaiveDate, table: &mut Table) {
    let year = DateRange::new(Some(last - Days::new(364)), Some(last)).expect("range");
    let cases = [
        ("PDF, one year with entries (365)", ReportFormat::Pdf, year, false, "≤ 500 ms"),
        ("PDF, ten years, summary only", ReportFormat::Pdf, DateRange::all(), true, ""),
        ("HTML, one year with entries (365)", ReportFormat::Html, year, false, ""),
    ];
    for (what, format, range, summary_only, target) in cases {
        let redaction = Redaction { summary_only, ..Redaction::default() };
        let request = ReportRequest { range, format, redaction };
        let mut size = 0;
        let took = time(5, || {
            let found = journal.report(&request, last).expect("report");
            let mut out = Vec::new();
            found.write(&mut out).expect("render");
            size = out.len();
        });
        let detail = format!("{target} ({} kB)", size / 1024);
        table.row(3_650, what, ms(took), detail.trim_start());
    }
}

/// The same SQL on an encrypted and a plaintext database with the same rows: the cost of
/// SQLCipher itself, apart from anything the journal code does.
fn overhead(n: u64, entries: &[Entry], dir: &Path, table: &mut Table) {
    let schema = include_str!("../migrations/001_init.sql");
    let make = |name: &str, key: Option<&str>| -> Connection {
        let conn = Connection::open(dir.join(name)).expect("open");
        if let Some(key) = key {
            conn.pragma_update(None, "key", key).expect("key");
        }
        conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0)).expect("wal");
        conn.pragma_update(None, "synchronous", "FULL").expect("sync");
        conn.execute_batch(schema).expect("schema");
        let tx = conn.unchecked_transaction().expect("tx");
        {
            let mut ins = tx
                .prepare("INSERT INTO entries (date, satisfaction, technical_share, tags, text, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, 'x', 'x')")
                .expect("prepare");
            for e in entries {
                ins.execute(rusqlite::params![
                    e.date.to_string(),
                    e.satisfaction,
                    e.technical_share,
                    e.tags.join(" "),
                    e.text
                ])
                .expect("insert");
            }
        }
        tx.commit().expect("commit");
        conn
    };
    let encrypted = make("overhead-encrypted.db", Some(&format!("x'{}'", "5a".repeat(32))));
    let plain = make("overhead-plain.db", None);
    let last = entries.last().map(|e| e.date.to_string()).expect("entries");
    let queries: [(&str, String); 3] = [
        ("list a month", format!("SELECT date, text FROM entries WHERE date > date('{last}', '-30 days') ORDER BY date")),
        ("search", "SELECT e.date FROM entries e WHERE e.id IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH '\"postmortem\"*')".into()),
        ("read everything", "SELECT * FROM entries ORDER BY date".into()),
    ];
    for (what, sql) in queries {
        let run = |conn: &Connection| {
            time(20, || {
                let mut stmt = conn.prepare_cached(&sql).expect("prepare");
                let rows = stmt.query_map([], |r| r.get::<_, String>(0)).expect("query");
                rows.count()
            })
        };
        let (enc, pla) = (run(&encrypted), run(&plain));
        table.row(
            n,
            &format!("SQLCipher overhead: {what}"),
            format!("{:.2}×", enc.as_secs_f64() / pla.as_secs_f64().max(1e-9)),
            &format!("{} vs {}", ms(enc), ms(pla)),
        );
    }
}

fn main() {
    // `cargo bench` passes `--bench`; a plain `cargo test --benches` run should stay quick.
    if !std::env::args().any(|a| a == "--bench") {
        println!("journal benchmark: run with `cargo bench` (make bench)");
        return;
    }
    let keyring = Keyring::platform().ok();
    let mut table = Table(Vec::new());
    println!("{:>6}  {:<42} {:>12}   target", "size", "what (median unless stated)", "value");
    for n in [3_650, 36_500] {
        bench_size(n, &mut table, keyring.as_ref());
    }
    let mut md = String::from("| entries | what | value | target / detail |\n|---|---|---|---|\n");
    for [a, b, c, d] in &table.0 {
        md.push_str(&format!("| {a} | {b} | {c} | {d} |\n"));
    }
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench");
    let _ = std::fs::create_dir_all(&out);
    let _ = std::fs::write(out.join("results-core.md"), md);
}
