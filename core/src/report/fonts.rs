//! The report's font, embedded in the binary so a report looks the same on every machine and
//! never depends on (or scans) the fonts installed: Inter 4.0, SIL Open Font License 1.1 (see
//! `core/assets/fonts/OFL.txt`). PDF and chart text use these bytes only.

/// The family name inside the font files.
pub const FAMILY: &str = "Inter";

pub const REGULAR: &[u8] = include_bytes!("../../assets/fonts/Inter-Regular.otf");
pub const BOLD: &[u8] = include_bytes!("../../assets/fonts/Inter-Bold.otf");
pub const ITALIC: &[u8] = include_bytes!("../../assets/fonts/Inter-Italic.otf");
pub const BOLD_ITALIC: &[u8] = include_bytes!("../../assets/fonts/Inter-BoldItalic.otf");

/// Every face, regular first.
pub const FACES: [&[u8]; 4] = [REGULAR, BOLD, ITALIC, BOLD_ITALIC];
