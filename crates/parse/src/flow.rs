//! Flowing formats (DOCX, RTF, HTML) have no fixed pages: their readers produce a stream
//! of blocks and page boundaries, which this module turns into pages and page counters.

use std::collections::BTreeSet;

use crate::{Block, Document, Page, WarningKind};

/// Story content in order, with the page-break and image markers the body needs.
#[derive(Debug)]
pub(crate) enum Item {
    /// A finished top-level block.
    Block(Block),
    /// The source puts a page boundary here (explicit break, or where a renderer put one).
    Break,
    /// An image is drawn here; a DOCX picture names its relationship id (`r:embed`).
    Image(Option<String>),
}

/// Turns the body's items into pages. Consecutive boundaries collapse into one (a
/// rendered break right after an explicit one is one boundary), a boundary before any
/// content opens no blank page, and a final boundary opens no empty trailing page.
pub(crate) fn paginate(items: Vec<Item>, max_pages: usize, doc: &mut Document) -> Vec<Page> {
    let mut pages = vec![Page::default()];
    let mut pending = false;
    for item in items {
        if let Item::Break = item {
            pending = true;
            continue;
        }
        let Some(mut page) = pages.last_mut() else {
            break;
        };
        if pending && (!page.blocks.is_empty() || page.quality.has_images) {
            if pages.len() >= max_pages {
                doc.warn(
                    WarningKind::Truncated,
                    None,
                    format!("pages after page {max_pages} were dropped (page limit)"),
                );
                break;
            }
            pages.push(Page::default());
            let Some(next) = pages.last_mut() else {
                break;
            };
            page = next;
        }
        pending = false;
        match item {
            Item::Block(b) => page.blocks.push(b),
            Item::Image(_) => page.quality.has_images = true,
            Item::Break => {}
        }
    }
    pages
}

/// Fills page quality counters and file metadata from the finished pages.
pub(crate) fn finish(doc: &mut Document, pages: Vec<Page>) {
    let mut fonts = BTreeSet::new();
    let mut any_images = false;
    for mut page in pages {
        let text = page.text();
        page.quality.chars = text.chars().filter(|c| !c.is_whitespace()).count();
        page.quality.replacement_chars = text.chars().filter(|&c| c == '\u{FFFD}').count();
        collect_fonts(&page.blocks, &mut fonts);
        any_images |= page.quality.has_images;
        doc.pages.push(page);
    }
    doc.meta.fonts = fonts.into_iter().collect();
    doc.meta.page_count = doc.pages.len();
    doc.meta.has_text_layer = doc.pages.iter().any(|p| p.quality.chars > 0);
    if !doc.meta.has_text_layer && any_images {
        doc.meta.needs_ocr = true;
        doc.warn(
            WarningKind::NeedsOcr,
            None,
            "the document holds images but no text (a scan pasted into Word?)",
        );
    }
}

fn collect_fonts(blocks: &[Block], fonts: &mut BTreeSet<String>) {
    for b in blocks {
        match b {
            Block::Paragraph(p) => {
                for r in &p.runs {
                    if let Some(f) = &r.font {
                        if !fonts.contains(f) {
                            fonts.insert(f.clone());
                        }
                    }
                }
            }
            Block::Table(t) => {
                for row in &t.rows {
                    for cell in &row.cells {
                        collect_fonts(&cell.blocks, fonts);
                    }
                }
            }
        }
    }
}

/// Places side stories the way the DOCX reader does: headers at the start of page 1,
/// footers at its end, notes at the end of the last page. A document without pages
/// gets one when there is anything to place.
pub(crate) fn place_side_stories(
    pages: &mut Vec<Page>,
    headers: Vec<Block>,
    footers: Vec<Block>,
    notes: Vec<Block>,
) {
    if pages.is_empty() && !(headers.is_empty() && footers.is_empty() && notes.is_empty()) {
        pages.push(Page::default());
    }
    if let Some(first) = pages.first_mut() {
        first.blocks.splice(0..0, headers);
        first.blocks.extend(footers);
    }
    if let Some(last) = pages.last_mut() {
        last.blocks.extend(notes);
    }
}

/// Appends `text` to the last run when it has the same font, else starts a new run.
pub(crate) fn push_run_text(runs: &mut Vec<crate::Run>, text: &str, font: Option<&str>) {
    match runs.last_mut() {
        Some(last) if last.font.as_deref() == font => last.text.push_str(text),
        _ => runs.push(crate::Run {
            text: text.to_string(),
            font: font.map(str::to_string),
        }),
    }
}
