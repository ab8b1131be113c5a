//! The embedded Inter faces handed to each font stack — parley (layout), krilla (embedding)
//! and usvg (chart text) — from the same bytes. No system font is ever scanned or used.

use std::collections::HashMap;
use std::sync::Arc;

use parley::FontContext;
use parley::fontique::{Blob, Collection, CollectionOptions, GenericFamily, SourceCache};

use super::failed;
use crate::error::Result;
use crate::report::fonts::{FACES, FAMILY};

/// The faces registered with parley, and the krilla font made from the same bytes for each,
/// so krilla hashes each font file once per document, not once per run.
pub struct LoadedFonts {
    pub font_cx: FontContext,
    /// The family name as fontique registered it.
    pub family: String,
    krilla: HashMap<(u64, u32), krilla::text::Font>,
}

impl LoadedFonts {
    pub fn new() -> Result<Self> {
        let mut font_cx = FontContext {
            collection: Collection::new(CollectionOptions { shared: false, system_fonts: false }),
            source_cache: SourceCache::default(),
        };
        let mut krilla = HashMap::new();
        let mut family_id = None;
        for bytes in FACES {
            let blob: Blob<u8> = Blob::new(Arc::new(bytes));
            let registered = font_cx.collection.register_fonts(blob.clone(), None);
            let (id, infos) =
                registered.into_iter().next().ok_or_else(|| failed("a font face did not load"))?;
            family_id.get_or_insert(id);
            for info in infos {
                let index = info.index();
                let font = krilla::text::Font::new(bytes.into(), index)
                    .ok_or_else(|| failed("krilla could not read a font face"))?;
                krilla.insert((blob.id(), index), font);
            }
        }
        let family_id = family_id.ok_or_else(|| failed("no font face"))?;
        // Whatever asks for a generic family, or falls back, lands on Inter too.
        for generic in [GenericFamily::SansSerif, GenericFamily::SystemUi] {
            font_cx.collection.set_generic_families(generic, std::iter::once(family_id));
        }
        let family = font_cx.collection.family_name(family_id).unwrap_or(FAMILY).to_owned();
        Ok(Self { font_cx, family, krilla })
    }

    /// The krilla font for a face parley chose for a run.
    pub fn krilla_font(&self, font: &parley::FontData) -> Option<krilla::text::Font> {
        self.krilla.get(&(font.data.id(), font.index)).cloned()
    }
}

/// A usvg font database holding only the embedded faces, every generic family mapped to Inter,
/// so chart labels render (and embed) in the report's font.
pub fn usvg_fontdb(family: &str) -> usvg::fontdb::Database {
    let mut db = usvg::fontdb::Database::new();
    for bytes in FACES {
        db.load_font_source(usvg::fontdb::Source::Binary(Arc::new(bytes)));
    }
    db.set_sans_serif_family(family);
    db.set_serif_family(family);
    db.set_monospace_family(family);
    db.set_cursive_family(family);
    db.set_fantasy_family(family);
    db
}
