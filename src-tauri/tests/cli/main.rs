//! The CLI end to end, as a user runs it: the real binary, a real journal in a temporary
//! directory, no OS keyring (a session bus that does not exist), secrets from the environment.

#[path = "../common/mod.rs"]
mod common;
mod imports;
mod journal;
mod output;
mod reminders;
mod reports;

pub fn fixture() -> String {
    serde_json::json!({
        "format": "dualtrack", "version": 1,
        "settings": {"role_start": "2024-03-01", "trial_days": 90, "phases": [{"name": "manager", "start": "2024-03-01"}]},
        "entries": [
            {"date": "2024-03-01", "satisfaction": 7, "technical_share": 40, "leadership_satisfaction": 6,
             "technical_satisfaction": 8, "energy": 3, "meetings": 5, "focus_minutes": 90,
             "tags": ["1on1"], "text": "Kick-off with the team; the retro went well."},
            {"date": "2024-03-02", "tags": [], "text": ""},
            {"date": "2024-03-03", "satisfaction": 3, "technical_share": 0, "meetings": 0,
             "tags": ["incident", "oncall"], "text": "Postmortem day — no code at all. Ünïcödé ✓"}
        ]
    })
    .to_string()
}
