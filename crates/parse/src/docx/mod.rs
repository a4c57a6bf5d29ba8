//! DOCX parsing on `zip` + `quick-xml`, bounded against hostile input.
//!
//! Layout decisions, since DOCX has no fixed pages:
//! - Pages are approximations. A new page starts at an explicit page break
//!   (`w:br w:type="page"`, `w:pageBreakBefore`) and where Word last rendered one
//!   (`w:lastRenderedPageBreak`). Consecutive boundaries collapse into one (Word writes a
//!   rendered break right after an explicit one), so blank pages are not kept, and a
//!   final break never opens an empty trailing page. A paragraph with a boundary inside
//!   it is split there; a top-level table is split before the row in which a boundary
//!   was rendered. Documents never rendered by Word (generated ones) may have breaks
//!   only where the author forced them.
//! - Header and footer paragraphs (`Role::Header`/`Role::Footer`) appear once, not per
//!   page: headers at the start of page 1 and footers at its end, in part-name order,
//!   with parts whose text repeats an earlier one left out (first-page, odd and even
//!   variants often repeat).
//! - Footnotes and endnotes (`Role::Footnote`/`Role::Endnote`) are appended to the last
//!   page; separator notes are skipped and reference marks are dropped from the text
//!   (see the story module for the text rules).

mod package;
mod story;
mod styles;
mod xml;

#[cfg(test)]
mod tests;

use std::collections::BTreeSet;

use package::{dir_of, parse_rels, rel_is, rels_name, target_of, Package};
use story::{parse_story, Item, StoryKind};
use styles::{Styles, Theme};

use crate::flow::{finish, paginate};
use crate::{Document, EmbeddedImage, Format, Limits, Page, ParseError, WarningKind};

/// Most header (and, separately, footer) parts read; Word writes at most three per section.
const MAX_SIDE_PARTS: usize = 64;

/// Parses a DOCX file's bytes into pages of paragraphs and tables with per-run fonts.
pub fn parse_docx(bytes: &[u8], limits: &Limits) -> Result<Document, ParseError> {
    let mut pkg = Package::open(bytes, limits)?;
    let mut doc = Document::new(Format::Docx);
    let depth = limits.max_xml_depth;

    let root_rels = optional_part(&mut pkg, &mut doc, "_rels/.rels", |n, b| {
        parse_rels(n, b, "", depth)
    })?
    .unwrap_or_default();
    let main = target_of(&root_rels, "officeDocument")
        .filter(|t| pkg.contains(t))
        .unwrap_or("word/document.xml")
        .to_string();
    let Some(main_bytes) = pkg.read(&main)? else {
        return Err(missing_main(&pkg));
    };
    let dir = dir_of(&main).to_string();
    let rels = optional_part(&mut pkg, &mut doc, &rels_name(&main), |n, b| {
        parse_rels(n, b, &dir, depth)
    })?
    .unwrap_or_default();
    let part_or = |suffix: &str, default: &str| {
        target_of(&rels, suffix)
            .map(str::to_string)
            .unwrap_or_else(|| format!("{dir}{default}"))
    };

    let theme = optional_part(
        &mut pkg,
        &mut doc,
        &part_or("theme", "theme/theme1.xml"),
        |n, b| Theme::parse(n, b, depth),
    )?
    .unwrap_or_default();
    let styles = optional_part(
        &mut pkg,
        &mut doc,
        &part_or("styles", "styles.xml"),
        |n, b| Styles::parse(n, b, &theme, depth),
    )?
    .unwrap_or_default();

    let body = parse_story(&main, &main_bytes, StoryKind::Body, &styles, &theme, depth)?;
    drop(main_bytes);
    let mut unknown_entities = body.unknown_entities;
    // The body's pictures in document order, in case the document turns out to be a scan.
    let picture_refs: Vec<String> = body
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Image(Some(id)) => Some(id.clone()),
            _ => None,
        })
        .collect();
    let mut pages = paginate(body.items, limits.max_pages, &mut doc);

    let mut side = |doc: &mut Document, pkg: &mut Package<'_>, name: &str, kind: StoryKind| {
        let parsed = optional_part(pkg, doc, name, |n, b| {
            parse_story(n, b, kind, &styles, &theme, depth)
        })?;
        Ok::<_, ParseError>(parsed.map_or_else(Vec::new, |s| {
            unknown_entities += s.unknown_entities;
            s.items
                .into_iter()
                .filter_map(|i| match i {
                    Item::Block(b) => Some(b),
                    Item::Break | Item::Image(_) => None,
                })
                .collect()
        }))
    };

    let mut headers = Vec::new();
    let mut footers = Vec::new();
    for (suffix, kind, out) in [
        ("header", StoryKind::Header, &mut headers),
        ("footer", StoryKind::Footer, &mut footers),
    ] {
        let mut names: Vec<&str> = rels
            .iter()
            .filter(|r| rel_is(r, suffix))
            .map(|r| r.target.as_str())
            .collect();
        names.sort_by_key(|n| natural_key(n));
        names.dedup();
        if names.len() > MAX_SIDE_PARTS {
            doc.warn(
                WarningKind::PartSkipped,
                None,
                format!(
                    "only the first {MAX_SIDE_PARTS} of {} {suffix} parts were read",
                    names.len()
                ),
            );
            names.truncate(MAX_SIDE_PARTS);
        }
        let mut seen = BTreeSet::new();
        for name in names {
            let blocks = side(&mut doc, &mut pkg, name, kind)?;
            let text = Page {
                blocks: blocks.clone(),
                ..Page::default()
            }
            .text();
            if !blocks.is_empty() && seen.insert(text) {
                out.extend(blocks);
            }
        }
    }
    let mut notes = Vec::new();
    for (suffix, kind) in [
        ("footnotes", StoryKind::Footnotes),
        ("endnotes", StoryKind::Endnotes),
    ] {
        if let Some(name) = target_of(&rels, suffix) {
            notes.extend(side(&mut doc, &mut pkg, name, kind)?);
        }
    }
    if let Some(first) = pages.first_mut() {
        first.blocks.splice(0..0, headers);
        first.blocks.extend(footers);
    }
    if let Some(last) = pages.last_mut() {
        last.blocks.extend(notes);
    }

    let app = target_of(&root_rels, "extended-properties").unwrap_or("docProps/app.xml");
    doc.meta.producer = optional_part(&mut pkg, &mut doc, app, |n, b| {
        xml::first_text(n, b, "Application", depth)
    })?
    .flatten();
    let core = target_of(&root_rels, "core-properties").unwrap_or("docProps/core.xml");
    doc.meta.title = optional_part(&mut pkg, &mut doc, core, |n, b| {
        xml::first_text(n, b, "title", depth)
    })?
    .flatten();

    if unknown_entities > 0 {
        doc.warn(
            WarningKind::Other,
            None,
            format!("{unknown_entities} undeclared entity references were left unexpanded"),
        );
    }
    finish(&mut doc, pages);
    if doc.meta.needs_ocr {
        doc.images = scanned_pages(&mut pkg, &mut doc, &rels, &picture_refs, limits)?;
    }
    Ok(doc)
}

/// The pictures of an image-only document, in document order (each part once), for
/// the OCR stage. A picture that cannot be taken out is left with a warning naming it;
/// only a zip bomb fails the file.
fn scanned_pages(
    pkg: &mut Package<'_>,
    doc: &mut Document,
    rels: &[package::Rel],
    refs: &[String],
    limits: &Limits,
) -> Result<Vec<EmbeddedImage>, ParseError> {
    let mut images: Vec<EmbeddedImage> = Vec::new();
    let mut seen = BTreeSet::new();
    for id in refs {
        let Some(rel) = rels.iter().find(|r| &r.id == id && rel_is(r, "image")) else {
            doc.warn(
                WarningKind::PartSkipped,
                None,
                format!("picture {id}: no image relationship of that id in the document's rels"),
            );
            continue;
        };
        let name = rel.target.as_str();
        if !seen.insert(name.to_string()) {
            continue;
        }
        if images.len() >= limits.max_pages {
            crate::warn_pictures_dropped(doc, limits.max_pages);
            break;
        }
        match pkg.read_raw(name, limits.max_image_bytes) {
            Ok(Some(bytes)) => {
                let media_type = crate::sniff::image_media_type(&bytes)
                    .unwrap_or("application/octet-stream")
                    .to_string();
                images.push(EmbeddedImage {
                    name: name.to_string(),
                    media_type,
                    bytes,
                });
            }
            Ok(None) => doc.warn(
                WarningKind::PartSkipped,
                None,
                format!("picture {name} is missing from the package"),
            ),
            Err(e @ ParseError::ZipBomb(_)) => return Err(e),
            Err(e) => doc.warn(
                WarningKind::PartSkipped,
                None,
                format!("picture {name} skipped: {e}"),
            ),
        }
    }
    Ok(images)
}

/// Reads and parses an optional part. A missing part is `None`; a damaged one is skipped
/// with a warning; hostile content (bombs, DTDs, extreme nesting) fails the whole file.
fn optional_part<T>(
    pkg: &mut Package<'_>,
    doc: &mut Document,
    name: &str,
    parse: impl FnOnce(&str, &[u8]) -> Result<T, ParseError>,
) -> Result<Option<T>, ParseError> {
    let result = match pkg.read(name) {
        Ok(None) => return Ok(None),
        Ok(Some(bytes)) => parse(name, &bytes),
        Err(e) => Err(e),
    };
    match result {
        Ok(v) => Ok(Some(v)),
        Err(e @ (ParseError::ZipBomb(_) | ParseError::HostileXml(_))) => Err(e),
        Err(e @ ParseError::TooLarge { .. }) => Err(e),
        Err(e) => {
            doc.warn(
                WarningKind::PartSkipped,
                None,
                format!("{name} skipped: {e}"),
            );
            Ok(None)
        }
    }
}

fn missing_main(pkg: &Package) -> ParseError {
    match pkg.kind_hint() {
        Some(kind) => ParseError::Docx(format!(
            "missing word/document.xml: this zip is {kind}, not a Word document"
        )),
        None => ParseError::Docx(
            "missing word/document.xml: this zip is not a Word document".to_string(),
        ),
    }
}

/// Orders `header10.xml` after `header2.xml`.
fn natural_key(name: &str) -> (String, u64) {
    let digits: String = name.chars().filter(char::is_ascii_digit).collect();
    let letters: String = name.chars().filter(|c| !c.is_ascii_digit()).collect();
    (letters, digits.parse().unwrap_or(0))
}
