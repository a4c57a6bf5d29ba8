//! The document's own header.

use vanban_text::PreparedPage;

use crate::facts::Header;

/// Finds the document's own header fields.
pub(crate) fn extract_header(_pages: &[PreparedPage]) -> Header {
    Header::default()
}
