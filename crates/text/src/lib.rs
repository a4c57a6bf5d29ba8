//! Text stage of vanban: turns the parse stage's runs into clean Vietnamese text
//! and keeps a map from repaired text back to the page text users see.

mod keys;
mod legacy;
mod mapped;
mod prepare;
mod tones;
mod unicode;
mod vnchar;

pub use keys::{
    canonical_doc_number, exact_key, folded_doc_number, folded_key, group_thousands, tokens, Token,
    Tokens,
};
pub use legacy::{
    decode_tcvn3, decode_vni, detect_legacy, encode_tcvn3, encode_vni, encoding_from_font,
    repair_document, FontEncoding, LegacyEncoding, RepairReport,
};
pub use mapped::{MappedText, MappedTextBuilder};
pub use prepare::{prepare_document, prepare_page, PreparedPage};
pub use tones::canonical_tones;
pub use unicode::{repair_unicode, repair_unicode_str};
