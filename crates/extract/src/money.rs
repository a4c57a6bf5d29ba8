use vanban_text::PreparedPage;

use crate::facts::Money;
use crate::DocContext;

/// Finds every fact of this kind.
pub(crate) fn extract_money(_pages: &[PreparedPage], _ctx: &DocContext) -> Vec<Money> {
    Vec::new()
}
