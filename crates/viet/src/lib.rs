//! The Vietnamese alphabet as pure functions, for every vanban crate.
//!
//! Nothing here knows about documents, files or the pipeline, and the crate
//! depends on no other vanban crate, so the parsers, the text stage, the
//! extractors and the index all ask the same questions the same way:
//!
//! * [`letter`]: a character taken apart into base letter, modifier
//!   (â ă ê ô ơ ư đ) and tone;
//! * [`is_syllable`] / [`syllable_quality`]: whether words are well-formed
//!   Vietnamese syllables (onset, glide, nucleus, coda and tone rules);
//! * [`canonical_tones`]: one tone placement for matching (`hoà` = `hòa`);
//! * [`folded_key`], [`exact_key`], [`tokens`]: search keys and words;
//! * [`repair_unicode`]: NFC and look-alike/invisible character repair, with a
//!   [`MappedText`] byte map back to the source.

#![deny(missing_docs)]

mod keys;
mod letter;
mod mapped;
mod syllable;
mod tones;
mod unicode;

pub use keys::{
    canonical_doc_number, exact_key, folded_doc_number, folded_key, tokens, Token, Tokens,
};
pub use letter::{is_combining, letter, Letter, Modifier, Tone};
pub use mapped::{MappedText, MappedTextBuilder};
pub use syllable::{is_syllable, syllable_quality, QualityStats};
pub use tones::canonical_tones;
pub use unicode::{repair_unicode, repair_unicode_str};
