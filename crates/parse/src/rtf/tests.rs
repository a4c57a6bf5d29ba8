//! Unit tests of the RTF reader, one per structure.

use super::*;

fn parse(src: &str) -> Document {
    parse_rtf(src.as_bytes(), &Limits::default()).expect("parses")
}
