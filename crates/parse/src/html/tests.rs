//! Unit tests of the HTML reader, one per structure.

use super::*;

fn parse(src: &str) -> Document {
    parse_html(src.as_bytes(), &Limits::default()).expect("parses")
}
