use vanban_text::PreparedPage;

use crate::facts::Reference;
use crate::DocContext;

/// Finds every fact of this kind.
pub(crate) fn extract_references(_pages: &[PreparedPage], _ctx: &DocContext) -> Vec<Reference> {
    Vec::new()
}
