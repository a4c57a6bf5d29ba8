//! Text stage of vanban: turns the parse stage's runs into clean Vietnamese text
//! and keeps a map from repaired text back to the page text users see.
//!
//! The alphabet itself (letters, tones, syllables, folding, keys, Unicode
//! repair with offset maps) lives in `vanban-viet` and is re-exported here so
//! that callers keep their `vanban_text::` paths; this crate adds what is
//! repair of documents: legacy font encodings and page preparation.

#![deny(missing_docs)]

mod legacy;
mod numbers;
mod prepare;

pub use legacy::{
    decode_tcvn3, decode_vni, detect_legacy, encode_tcvn3, encode_vni, encoding_from_font,
    repair_document, FontEncoding, LegacyEncoding, RepairReport,
};
pub use numbers::group_thousands;
pub use prepare::{prepare_document, prepare_page, PreparedPage};
pub use vanban_viet::{
    canonical_doc_number, canonical_tones, exact_key, folded_doc_number, folded_key, is_syllable,
    repair_unicode, repair_unicode_str, syllable_quality, tokens, MappedText, MappedTextBuilder,
    QualityStats, Token, Tokens,
};
