//! Fact extraction on arbitrary page texts: every panic is a bug, and every
//! fact's evidence must point into the page text it names.

use vanban_extract::{extract_facts, Evidence};
use vanban_text::{prepare_document, PreparedPage};

/// Splits `data` (lossy UTF-8) into pages at form feeds, extracts facts and checks their spans.
pub fn check(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let texts: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    let pages = prepare_document(&texts);
    let facts = extract_facts(&pages);

    let mut evidence: Vec<&Evidence> = facts.header.evidence.values().collect();
    for r in &facts.references {
        evidence.extend(r.mentions.iter().map(|m| &m.evidence));
    }
    evidence.extend(facts.money.iter().map(|m| &m.evidence));
    evidence.extend(facts.case_counts.iter().map(|c| &c.evidence));
    evidence.extend(facts.periods.iter().map(|p| &p.evidence));
    for e in evidence {
        check_evidence(e, &pages);
    }
}

/// The evidence names an existing page and a character span inside its display text.
fn check_evidence(e: &Evidence, pages: &[PreparedPage]) {
    let index = (e.page as usize).checked_sub(1);
    let page = index.and_then(|i| pages.get(i));
    let Some(page) = page else {
        panic!("evidence on page {} of {}", e.page, pages.len());
    };
    let chars = page.display.chars().count();
    assert!(
        e.start <= e.end && e.end <= chars,
        "span {}..{} outside page {} of {} chars",
        e.start,
        e.end,
        e.page,
        chars
    );
}
