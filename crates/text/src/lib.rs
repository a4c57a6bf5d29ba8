//! Text stage of vanban: turns the parse stage's runs into clean Vietnamese text
//! and keeps a map from repaired text back to the page text users see.

mod mapped;
mod prepare;

pub use mapped::{MappedText, MappedTextBuilder};
pub use prepare::{prepare_page, PreparedPage};
