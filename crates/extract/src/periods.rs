use vanban_text::PreparedPage;

use crate::facts::Period;
use crate::DocContext;

/// Finds every fact of this kind.
pub(crate) fn extract_periods(_pages: &[PreparedPage], _ctx: &DocContext) -> Vec<Period> {
    Vec::new()
}
