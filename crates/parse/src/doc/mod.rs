//! Word 97–2003 binary documents (`.doc`, [MS-DOC]) on the `cfb` compound-file reader,
//! with the Word structures parsed here: no maintained crate reads per-run font names
//! from `.doc`, and legacy Vietnamese text (`.VnTime`, `VNI-Times`) is only decodable
//! with them.
//!
//! Layout decisions, matching the DOCX reader where the formats allow:
//! - Pages: a new page starts at a page or section break (0x0C) and at a paragraph
//!   with "page break before". Word does not store where it last laid out pages in
//!   `.doc`; when the file has no breaks but its summary records a page count, the
//!   body is split into that many pages of about equal length (an estimate, so
//!   citations still point near the right page).
//! - Headers and footers appear once at the start and end of page 1, repeated texts
//!   left out; footnotes and endnotes are appended to the last page; a text box
//!   follows the paragraph that anchors it.
//! - Bounds: every offset is checked against its stream; no stream is read past the
//!   input's size; counts are capped; all work is linear in the input.

mod bytes;
mod clx;
mod fib;
mod fkp;
mod fonts;
mod lists;
mod pictures;
mod sprm;
mod story;
mod styles;
mod summary;
mod text;

#[cfg(test)]
mod tests;

use std::collections::BTreeSet;
use std::io::{Cursor, Read};

use bytes::{fc_lcb_slice, u32_at};
use fib::{slot, Fib};
use fkp::{read_bin_table, FkpKind};
use story::{Builder, Context, Item};

use crate::{Block, Document, EmbeddedImage, Format, Limits, Page, ParseError, Role, WarningKind};

/// Story indices in CP order (see [`Fib::story_starts`]).
const MAIN: usize = 0;
const FOOTNOTES: usize = 1;
const HEADERS: usize = 2;
const ENDNOTES: usize = 5;
const TEXT_BOXES: usize = 6;
const HEADER_TEXT_BOXES: usize = 7;
/// Most header/footer stories read.
const MAX_HEADER_STORIES: usize = 6 * 64;

type Ole<'b> = cfb::CompoundFile<Cursor<&'b [u8]>>;

/// The signature every OLE2 compound file (and so every Word 97–2003 file) starts with.
pub const OLE2_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Checks that an OLE2 compound file is a Word document, naming what it is otherwise.
pub fn check_ole(bytes: &[u8]) -> Result<(), ParseError> {
    let ole = open_ole(bytes)?;
    if ole.is_stream("/WordDocument") {
        return Ok(());
    }
    Err(ParseError::Doc(format!(
        "not a Word document (an OLE2 file holding {})",
        ole_kind(&ole)
    )))
}

fn open_ole(bytes: &[u8]) -> Result<Ole<'_>, ParseError> {
    cfb::CompoundFile::open(Cursor::new(bytes))
        .map_err(|e| ParseError::Doc(format!("damaged OLE2 compound file: {e}")))
}

/// What an OLE2 file without a WordDocument stream holds, from its stream names.
fn ole_kind(ole: &Ole<'_>) -> String {
    let has = |n: &str| ole.is_stream(n);
    if has("/Workbook") || has("/Book") {
        return "an Excel workbook".into();
    }
    if has("/PowerPoint Document") {
        return "a PowerPoint presentation".into();
    }
    if has("/EncryptedPackage") {
        return "an encrypted Office 2007+ document (password-protected .docx/.xlsx)".into();
    }
    if has("/VisioDocument") {
        return "a Visio drawing".into();
    }
    if has("/__nameid_version1.0") || ole.is_storage("/__substg1.0_0037001F") {
        return "an Outlook message".into();
    }
    let names: Vec<String> = ole
        .read_root_storage()
        .take(6)
        .map(|e| e.name().to_string())
        .collect();
    if names.is_empty() {
        "no streams".into()
    } else {
        format!("the streams {}", names.join(", "))
    }
}

/// Reads a whole stream, never more than `cap` bytes (a lying size cannot make it
/// allocate more than the input could hold).
fn read_stream(ole: &mut Ole<'_>, name: &str, cap: usize) -> Result<Option<Vec<u8>>, ParseError> {
    if !ole.is_stream(name) {
        return Ok(None);
    }
    let stream = ole
        .open_stream(name)
        .map_err(|e| ParseError::Doc(format!("cannot open stream {name}: {e}")))?;
    let mut out = Vec::new();
    stream
        .take(cap as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| ParseError::Doc(format!("cannot read stream {name}: {e}")))?;
    if out.len() > cap {
        return Err(ParseError::Doc(format!(
            "stream {name} claims more bytes than the file holds"
        )));
    }
    Ok(Some(out))
}

/// Parses a Word 97–2003 document's bytes into pages of paragraphs and tables with
/// per-run fonts. Safe to call from a worker process: no global state.
pub fn parse_doc(bytes: &[u8], limits: &Limits) -> Result<Document, ParseError> {
    let mut ole = open_ole(bytes)?;
    let cap = bytes.len();
    let Some(word) = read_stream(&mut ole, "/WordDocument", cap)? else {
        return Err(ParseError::Doc(format!(
            "not a Word document (an OLE2 file holding {})",
            ole_kind(&ole)
        )));
    };
    let fib = Fib::parse(&word)?;
    let table =
        read_stream(&mut ole, &format!("/{}", fib.table_stream()), cap)?.ok_or_else(|| {
            ParseError::Doc(format!(
                "the table stream {} the FIB names is missing",
                fib.table_stream()
            ))
        })?;
    let summary = read_stream(&mut ole, "/\u{5}SummaryInformation", cap)
        .ok()
        .flatten()
        .map(|s| summary::parse_summary(&s))
        .unwrap_or_default();
    drop(ole);

    let mut doc = Document::new(Format::Doc);
    let part = |s: usize| fib.fc_lcb(s).and_then(|p| fc_lcb_slice(&table, p));
    let clx_bytes = part(slot::CLX)
        .ok_or_else(|| ParseError::Doc("no piece table (CLX) in the table stream".into()))?;
    let clx = clx::parse_clx(clx_bytes)?;
    let (chpx, bad_chpx) = read_bin_table(
        part(slot::PLCF_BTE_CHPX).unwrap_or(&[]),
        &word,
        FkpKind::Chpx,
    );
    let (papx, bad_papx) = read_bin_table(
        part(slot::PLCF_BTE_PAPX).unwrap_or(&[]),
        &word,
        FkpKind::Papx,
    );
    if bad_chpx + bad_papx > 0 {
        doc.warn(
            WarningKind::PartSkipped,
            None,
            format!(
                "{} formatting pages were outside the WordDocument stream or damaged; \
                 their text keeps default formatting",
                bad_chpx + bad_papx
            ),
        );
    }
    let styles = styles::StyleSheet::parse(part(slot::STSHF).unwrap_or(&[]));
    let fonts = fonts::parse_fonts(part(slot::STTBF_FFN).unwrap_or(&[]));
    // The LVLs follow PlfLst in the table stream but are not counted in its lcb.
    let plf_lst = part(slot::PLF_LST)
        .and_then(|_| fib.fc_lcb(slot::PLF_LST))
        .and_then(|(fc, _)| table.get(fc as usize..))
        .unwrap_or(&[]);
    let lists = lists::Lists::parse(plf_lst, part(slot::PLF_LFO).unwrap_or(&[]));
    let ctx = Context {
        papx: &papx,
        styles: &styles,
        fonts: &fonts,
        lists: &lists,
    };
    let starts = fib.story_starts();
    let mut missing = 0u64;
    let mut read = |from: u64, to: u64| {
        let chars = text::read_chars(&word, &clx, &chpx, from, to);
        missing += chars.missing;
        chars
    };

    // Text boxes first: the body places them after their anchors.
    let spa_cps = anchors(part(slot::PLC_SPA_MOM).unwrap_or(&[]));
    let mut body = Builder::new(&ctx, Role::Body);
    let mut loose_boxes = Vec::new();
    for (from, to, lid) in text_boxes(
        part(slot::PLCFTXBX_TXT).unwrap_or(&[]),
        starts[TEXT_BOXES],
        starts[TEXT_BOXES + 1],
    ) {
        let blocks = blocks_of(Builder::new(&ctx, Role::TextBox).build(&read(from, to)));
        match spa_cps.iter().find(|&&(_, l)| l == lid) {
            Some(&(cp, _)) => body.anchor(cp, blocks),
            None => loose_boxes.extend(blocks),
        }
    }
    let body_chars = read(starts[MAIN], starts[MAIN + 1]);
    if body_chars.chars.is_empty() && fib.ccp[MAIN] > 0 {
        return Err(ParseError::Doc(format!(
            "the piece table points outside the WordDocument stream (0 of {} characters \
             readable)",
            fib.ccp[MAIN]
        )));
    }
    // Where the body's inline pictures are, in case the document turns out to be a scan.
    let picture_locations = picture_locations(&body_chars);
    let mut items = body.build(&body_chars);
    drop(body_chars);
    items.extend(loose_boxes.into_iter().map(Item::Block));

    // Headers and footers.
    let mut headers = Vec::new();
    let mut footers = Vec::new();
    let mut seen = BTreeSet::new();
    let hdd = cps(part(slot::PLCF_HDD).unwrap_or(&[]));
    for (i, pair) in hdd.windows(2).enumerate().skip(6).take(MAX_HEADER_STORIES) {
        let from = starts[HEADERS] + u64::from(pair[0]);
        let to = (starts[HEADERS] + u64::from(pair[1])).min(starts[HEADERS + 1]);
        if from >= to {
            continue;
        }
        // Per section: even header, odd header, even footer, odd footer, first
        // header, first footer.
        let role = match (i - 6) % 6 {
            0 | 1 | 4 => Role::Header,
            _ => Role::Footer,
        };
        let blocks = blocks_of(Builder::new(&ctx, role).build(&read(from, to)));
        let text = Page {
            blocks: blocks.clone(),
            ..Page::default()
        }
        .text();
        if !blocks.is_empty() && seen.insert(text) {
            match role {
                Role::Header => headers.extend(blocks),
                _ => footers.extend(blocks),
            }
        }
    }
    // Header text boxes (logos, the agency name in a box) join the headers.
    let (from, to) = (starts[HEADER_TEXT_BOXES], starts[HEADER_TEXT_BOXES + 1]);
    if from < to {
        headers.extend(blocks_of(
            Builder::new(&ctx, Role::TextBox).build(&read(from, to)),
        ));
    }
    let mut notes = Vec::new();
    for (story, role) in [(FOOTNOTES, Role::Footnote), (ENDNOTES, Role::Endnote)] {
        let (from, to) = (starts[story], starts[story + 1]);
        if from < to {
            notes.extend(blocks_of(Builder::new(&ctx, role).build(&read(from, to))));
        }
    }
    if missing > 0 {
        doc.warn(
            WarningKind::PartSkipped,
            None,
            format!(
                "{missing} characters lie outside the WordDocument stream (a truncated or \
                 damaged file) and are missing"
            ),
        );
    }

    let mut pages = paginate(items, summary.pages, limits.max_pages, &mut doc);
    if let Some(first) = pages.first_mut() {
        first.blocks.splice(0..0, headers);
        first.blocks.extend(footers);
    }
    if let Some(last) = pages.last_mut() {
        last.blocks.extend(notes);
    }
    doc.meta.producer = summary.app;
    doc.meta.title = summary.title;
    finish(&mut doc, pages);
    if !doc.meta.has_text_layer {
        let dgg = part(slot::DGG_INFO).unwrap_or(&[]);
        let pictures = scanned_pages(bytes, &word, dgg, &picture_locations, limits);
        image_only(&mut doc, pictures, limits);
    }
    Ok(doc)
}

/// The Data-stream offsets of the inline pictures of a story, in CP order (each once).
fn picture_locations(chars: &text::Chars) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::new();
    for ch in chars.chars.iter().filter(|c| c.unit == 0x01) {
        let props = chars
            .props
            .get(ch.run as usize)
            .copied()
            .unwrap_or_default();
        if let (Some(at), None | Some(false)) = (props.pic_location, props.data) {
            if !out.contains(&at) {
                out.push(at);
            }
        }
    }
    out
}

/// Every picture of the document, named for messages: the inline ones in text order,
/// then those of the drawing layer's BLIP store that are not the same image again.
fn scanned_pages(
    bytes: &[u8],
    word: &[u8],
    dgg: &[u8],
    locations: &[u32],
    limits: &Limits,
) -> Vec<(String, pictures::Picture)> {
    let mut found = Vec::new();
    if !locations.is_empty() {
        let data = open_ole(bytes).and_then(|mut ole| read_stream(&mut ole, "/Data", bytes.len()));
        match data {
            Ok(Some(data)) => {
                for &at in locations.iter().take(limits.max_pages) {
                    for p in pictures::inline_picture(&data, at as usize, word) {
                        found.push((format!("inline picture at byte {at} of the Data stream"), p));
                    }
                }
            }
            Ok(None) => found.push((
                "the inline pictures".to_string(),
                pictures::Picture::Unreadable("the Data stream that holds them is missing".into()),
            )),
            Err(e) => found.push((
                "the inline pictures".to_string(),
                pictures::Picture::Unreadable(e.to_string()),
            )),
        }
    }
    for (i, p) in pictures::pictures_in(dgg, 0, dgg.len(), word)
        .into_iter()
        .enumerate()
    {
        let again = found.iter().any(|(_, q)| *q == p);
        if !again {
            found.push((format!("picture {} of the drawing layer", i + 1), p));
        }
    }
    found
}

/// Makes a document without text whose pictures are its pages what the OCR stage
/// reads: `needs_ocr`, the pictures as images (bounded by the limits), and a
/// warning for each picture that cannot be read.
fn image_only(doc: &mut Document, pictures: Vec<(String, pictures::Picture)>, limits: &Limits) {
    if pictures.is_empty() {
        return;
    }
    for (name, picture) in pictures {
        match picture {
            pictures::Picture::Image { media_type, bytes } => {
                if bytes.len() as u64 > limits.max_image_bytes {
                    doc.warn(
                        WarningKind::PartSkipped,
                        None,
                        format!(
                            "{name} skipped: {} bytes exceed the picture limit of {}",
                            bytes.len(),
                            limits.max_image_bytes
                        ),
                    );
                } else if doc.images.len() >= limits.max_pages {
                    crate::warn_pictures_dropped(doc, limits.max_pages);
                    break;
                } else {
                    doc.images.push(EmbeddedImage {
                        name,
                        media_type: media_type.to_string(),
                        bytes,
                    });
                }
            }
            pictures::Picture::Unreadable(why) => doc.warn(
                WarningKind::PartSkipped,
                None,
                format!("{name} cannot be read for OCR: {why}"),
            ),
        }
    }
    for page in &mut doc.pages {
        page.quality.has_images = true;
    }
    doc.meta.needs_ocr = true;
    doc.warn(
        WarningKind::NeedsOcr,
        None,
        "the document holds pictures but no text (a scan pasted into Word?)",
    );
}

/// The blocks of a side story (breaks mean nothing there).
fn blocks_of(items: Vec<Item>) -> Vec<Block> {
    items
        .into_iter()
        .filter_map(|i| match i {
            Item::Block(b) => Some(b),
            Item::Break => None,
        })
        .collect()
}

/// The CPs of a PLC whose data entries are `entry` bytes each.
fn plc_cps(plc: &[u8], entry: usize) -> Vec<u32> {
    if plc.len() < 4 {
        return Vec::new();
    }
    let n = (plc.len() - 4) / (4 + entry);
    (0..=n).filter_map(|i| u32_at(plc, i * 4)).collect()
}

/// The CPs of a PLC without data (PlcfHdd).
fn cps(plc: &[u8]) -> Vec<u32> {
    plc_cps(plc, 0)
}

/// Drawn-object anchors of the main text: (CP, shape id) from PlcSpaMom.
fn anchors(plc: &[u8]) -> Vec<(u32, u32)> {
    const SPA: usize = 26;
    let cps = plc_cps(plc, SPA);
    let n = cps.len().saturating_sub(1);
    (0..n)
        .filter_map(|i| Some((cps[i], u32_at(plc, (n + 1) * 4 + i * SPA)?)))
        .collect()
}

/// Text boxes of the main document: (from CP, to CP, shape id) from PlcftxbxTxt,
/// without the final dummy entry.
fn text_boxes(plc: &[u8], story_start: u64, story_end: u64) -> Vec<(u64, u64, u32)> {
    const FTXBXS: usize = 22;
    let cps = plc_cps(plc, FTXBXS);
    let n = cps.len().saturating_sub(1);
    (0..n.saturating_sub(1))
        .filter_map(|i| {
            let from = story_start + u64::from(cps[i]);
            let to = (story_start + u64::from(cps[i + 1])).min(story_end);
            let lid = u32_at(plc, (n + 1) * 4 + i * FTXBXS + 14)?;
            (from < to).then_some((from, to, lid))
        })
        .collect()
}

/// Turns the body's items into pages: a page per break, consecutive breaks collapsed;
/// with no break at all and a page count in the summary, that many pages of about
/// equal length.
fn paginate(
    items: Vec<Item>,
    stated: Option<u32>,
    max_pages: usize,
    doc: &mut Document,
) -> Vec<Page> {
    let breaks = items.iter().any(|i| matches!(i, Item::Break));
    let stated = stated.map_or(1, |s| s as usize).clamp(1, max_pages.max(1));
    let mut pages = vec![Page::default()];
    if !breaks && stated > 1 {
        let blocks: Vec<Block> = blocks_of(items);
        let len = |b: &Block| {
            let mut p = Page::default();
            p.blocks.push(b.clone());
            p.text().chars().count()
        };
        let lens: Vec<usize> = blocks.iter().map(len).collect();
        let total: usize = lens.iter().sum();
        let per_page = total.div_ceil(stated).max(1);
        let mut filled = 0usize;
        for (b, l) in blocks.into_iter().zip(lens) {
            if filled >= per_page && pages.len() < stated {
                pages.push(Page::default());
                filled = 0;
            }
            filled += l;
            if let Some(p) = pages.last_mut() {
                p.blocks.push(b);
            }
        }
        return pages;
    }
    let mut pending = false;
    for item in items {
        match item {
            Item::Break => pending = true,
            Item::Block(b) => {
                let need_new = pending && pages.last().is_some_and(|p| !p.blocks.is_empty());
                pending = false;
                if need_new {
                    if pages.len() >= max_pages {
                        doc.warn(
                            WarningKind::Truncated,
                            None,
                            format!("pages after page {max_pages} were dropped (page limit)"),
                        );
                        break;
                    }
                    pages.push(Page::default());
                }
                if let Some(p) = pages.last_mut() {
                    p.blocks.push(b);
                }
            }
        }
    }
    pages
}

/// Fills page quality counters and file metadata from the finished pages.
fn finish(doc: &mut Document, pages: Vec<Page>) {
    let mut fonts = BTreeSet::new();
    for mut page in pages {
        let text = page.text();
        page.quality.chars = text.chars().filter(|c| !c.is_whitespace()).count();
        page.quality.replacement_chars = text.chars().filter(|&c| c == '\u{FFFD}').count();
        collect_fonts(&page.blocks, &mut fonts);
        doc.pages.push(page);
    }
    doc.meta.fonts = fonts.into_iter().collect();
    doc.meta.page_count = doc.pages.len();
    doc.meta.has_text_layer = doc.pages.iter().any(|p| p.quality.chars > 0);
}

fn collect_fonts(blocks: &[Block], fonts: &mut BTreeSet<String>) {
    for b in blocks {
        match b {
            Block::Paragraph(p) => {
                for f in p.runs.iter().filter_map(|r| r.font.as_ref()) {
                    if !fonts.contains(f) {
                        fonts.insert(f.clone());
                    }
                }
            }
            Block::Table(t) => {
                for cell in t.rows.iter().flat_map(|r| &r.cells) {
                    collect_fonts(&cell.blocks, fonts);
                }
            }
        }
    }
}
