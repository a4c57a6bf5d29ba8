use vanban_text::PreparedPage;

use crate::facts::CaseCount;
use crate::DocContext;

/// Finds every fact of this kind.
pub(crate) fn extract_counts(_pages: &[PreparedPage], _ctx: &DocContext) -> Vec<CaseCount> {
    Vec::new()
}
