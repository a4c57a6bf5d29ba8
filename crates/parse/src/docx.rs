//! DOCX parsing on zip + quick-xml.

use crate::{Document, Limits, ParseError};

/// Parses a DOCX file.
pub fn parse_docx(_bytes: &[u8], _limits: &Limits) -> Result<Document, ParseError> {
    Err(ParseError::Docx("DOCX parsing not built yet".into()))
}
