//! HTML and MHTML: Word's "Web Page" (`.htm`) and "Single File Web Page" (`.mht`) files,
//! LibreOffice's HTML export, and such files saved under any name (`.doc`, even `.pdf`).
//!
//! Parser choice: `scraper` (html5ever, the browsers' HTML5 algorithm, into an `ego_tree`
//! arena) rather than `tl`. html5ever recovers from broken markup the way browsers do
//! (Word's `<![if …]>` islands, unclosed `<p>`, stray text in tables is foster-parented),
//! decodes every named entity, and its arena tree is walked here with `traverse()` and
//! dropped without recursion, so deep nesting cannot overflow the stack; `tl` does not
//! implement the HTML5 tree-construction (recovery) rules that Word's markup needs. Speed
//! against the other readers is in BENCHMARKS.md ("RTF and HTML readers"); a head-to-head
//! with `tl` was not measured. Input size is bounded before parsing
//! (`Limits::max_uncompressed_bytes` on the decoded text) and element nesting while
//! walking (`Limits::max_xml_depth`).
//!
//! Text rules, matching the DOCX reader: whitespace collapses as a browser shows it
//! (except in `<pre>`); `<br>` is `\n`; scripts, styles, `<head>` (its `<title>` becomes
//! the title), templates, hidden elements (`display:none`, `mso-hide:all`) and every
//! comment (so Word's `<!--[if gte mso 9]>` data islands) are dropped; tables become
//! `Block::Table` (nested tables inside their cells); each run carries the font its
//! element gets from `font-family` (inline or from a `tag.class` rule) or `<font face>`,
//! so `.VnTime`/`VNI-Times` text reaches the text stage like a DOCX run; footnote
//! reference marks are dropped and Word's / LibreOffice's footnote areas get
//! `Role::Footnote`; `page-break-before/after:always` outside tables starts a new page.

mod css;
mod mime;
#[cfg(test)]
mod tests;

use std::rc::Rc;

use ego_tree::iter::Edge;
use encoding_rs::Encoding;
use scraper::{Html, Node};
use unicode_normalization::UnicodeNormalization;

use crate::flow::{self, Item};
use crate::{
    Block, Cell, Document, Format, Limits, Paragraph, ParseError, Role, Row, Run, Table,
    WarningKind,
};
use css::FontRules;

/// Most cells kept in one row (browsers render at most 1000 columns).
const MAX_CELLS_PER_ROW: usize = 4096;

/// Parses an HTML or MHTML file's bytes into pages of paragraphs and tables.
pub fn parse_html(bytes: &[u8], limits: &Limits) -> Result<Document, ParseError> {
    let mut doc = Document::new(Format::Html);
    let (html_bytes, mime_charset) = if mime::is_mime(bytes) {
        let part = mime::html_part(bytes)?;
        doc.warn(
            WarningKind::Other,
            None,
            "read the text/html part of a MIME (MHTML) file",
        );
        (std::borrow::Cow::Owned(part.body), part.charset)
    } else {
        (std::borrow::Cow::Borrowed(bytes), None)
    };
    let (text, encoding) = decode(&html_bytes, mime_charset.as_deref());
    drop(html_bytes);
    if text.len() as u64 > limits.max_uncompressed_bytes {
        return Err(ParseError::TooLarge {
            what: "decoded HTML text size",
            actual: text.len() as u64,
            limit: limits.max_uncompressed_bytes,
        });
    }
    if encoding != encoding_rs::UTF_8 {
        doc.meta
            .encodings
            .push(format!("{}: whole file", encoding.name()));
    }
    let html = Html::parse_document(&text);
    drop(text);
    let mut walker = Walker::new(limits);
    walker.walk(&html)?;
    walker.finish(doc)
}

/// The text of the HTML bytes and the encoding it was decoded from: the BOM, else the
/// MIME part's charset, else a `<meta>` charset, else UTF-8 when valid, else Windows-1252
/// (the HTML standard's default for unlabelled Western pages).
fn decode(bytes: &[u8], mime_charset: Option<&str>) -> (String, &'static Encoding) {
    let labelled = Encoding::for_bom(bytes)
        .map(|(e, _)| e)
        .or_else(|| mime_charset.and_then(|c| Encoding::for_label(c.trim().as_bytes())))
        .or_else(|| meta_charset(bytes));
    let encoding = match labelled {
        // A page that says UTF-16 in ASCII markup is not UTF-16 (HTML standard).
        Some(e)
            if (e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE)
                && Encoding::for_bom(bytes).is_none() =>
        {
            encoding_rs::UTF_8
        }
        Some(e) => e,
        None if std::str::from_utf8(bytes).is_ok() => encoding_rs::UTF_8,
        None => encoding_rs::WINDOWS_1252,
    };
    let (text, used, _) = encoding.decode(bytes);
    let text = if used == encoding_rs::WINDOWS_1258 {
        // Windows-1258 writes tones as combining marks; the rest of vanban expects NFC.
        text.nfc().collect()
    } else {
        text.into_owned()
    };
    (text, used)
}

/// The charset a `<meta charset=…>` or `<meta http-equiv content="…; charset=…">` in the
/// first 8 KiB declares.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes[..bytes.len().min(8192)].to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = find(&head[from..], b"<meta") {
        let tag_start = from + i;
        let tag_end = find(&head[tag_start..], b">").map_or(head.len(), |j| tag_start + j);
        let tag = &head[tag_start..tag_end];
        if let Some(k) = find(tag, b"charset") {
            let value = tag[k + 7..]
                .iter()
                .skip_while(|&&b| b == b' ' || b == b'=' || b == b'"' || b == b'\'')
                .take_while(|&&b| !matches!(b, b'"' | b'\'' | b' ' | b';' | b'/' | b'>'))
                .copied()
                .collect::<Vec<u8>>();
            if let Some(e) = Encoding::for_label(&value) {
                return Some(e);
            }
        }
        from = tag_end;
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Elements whose content is never page text.
fn is_skipped(tag: &str) -> bool {
    matches!(
        tag,
        "head"
            | "script"
            | "style"
            | "template"
            | "noscript"
            | "object"
            | "embed"
            | "iframe"
            | "svg"
            | "math"
            | "xml"
            | "select"
            | "button"
            | "canvas"
            | "audio"
            | "video"
    )
}

/// Elements that start and end a paragraph.
fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "div"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "pre"
            | "address"
            | "center"
            | "section"
            | "article"
            | "aside"
            | "header"
            | "footer"
            | "nav"
            | "main"
            | "figure"
            | "figcaption"
            | "form"
            | "fieldset"
            | "legend"
            | "hr"
            | "caption"
            | "body"
            | "html"
            | "details"
            | "summary"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "tbody"
            | "thead"
            | "tfoot"
    )
}

/// One table being built: finished rows, the open row's cells, the open cell's blocks.
#[derive(Debug, Default)]
struct TableBuild {
    rows: Vec<Row>,
    cells: Vec<Cell>,
    blocks: Vec<Block>,
}

/// What an element opened, so that its close undoes exactly that.
#[derive(Debug, Clone, Copy, Default)]
struct Opened {
    table: bool,
    row: bool,
    cell: bool,
    role: bool,
    pre: bool,
    break_after: bool,
    block: bool,
}

struct Walker<'l> {
    limits: &'l Limits,
    rules: FontRules,
    /// The font of each open element (inherited when it sets none).
    fonts: Vec<Option<Rc<str>>>,
    /// What each open element opened.
    opened: Vec<Opened>,
    /// Open elements whose subtree is skipped (counted while inside one).
    skip: usize,
    roles: Vec<Role>,
    pre: usize,
    runs: Vec<Run>,
    /// The last character added was a space (whitespace collapses across elements).
    space: bool,
    tables: Vec<TableBuild>,
    items: Vec<Item>,
    notes: Vec<Block>,
    headers: Vec<Block>,
    footers: Vec<Block>,
    title: Option<String>,
}

impl<'l> Walker<'l> {
    fn new(limits: &'l Limits) -> Self {
        Walker {
            limits,
            rules: FontRules::default(),
            fonts: Vec::new(),
            opened: Vec::new(),
            skip: 0,
            roles: Vec::new(),
            pre: 0,
            runs: Vec::new(),
            space: true,
            tables: Vec::new(),
            items: Vec::new(),
            notes: Vec::new(),
            headers: Vec::new(),
            footers: Vec::new(),
            title: None,
        }
    }

    fn walk(&mut self, html: &Html) -> Result<(), ParseError> {
        // Style sheets first: a rule applies to elements before and after it.
        for node in html.tree.nodes() {
            if let Node::Element(e) = node.value() {
                if e.name() == "style" {
                    let sheet: String = node
                        .children()
                        .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
                        .collect();
                    self.rules.add_sheet(&sheet);
                } else if e.name() == "title" && self.title.is_none() {
                    let title: String = node
                        .children()
                        .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
                        .collect();
                    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
                    if !title.is_empty() {
                        self.title = Some(title);
                    }
                }
            }
        }
        for edge in html.tree.root().traverse() {
            match edge {
                Edge::Open(node) => match node.value() {
                    Node::Element(e) => self.open(e)?,
                    Node::Text(t) if self.skip == 0 => self.text(t),
                    _ => {}
                },
                Edge::Close(node) => {
                    if let Node::Element(e) = node.value() {
                        self.close(e.name());
                    }
                }
            }
        }
        self.end_paragraph();
        while !self.tables.is_empty() {
            self.close_table();
        }
        Ok(())
    }

    fn open(&mut self, e: &scraper::node::Element) -> Result<(), ParseError> {
        if self.opened.len() >= self.limits.max_xml_depth {
            return Err(ParseError::Html(format!(
                "elements nested deeper than {} levels",
                self.limits.max_xml_depth
            )));
        }
        let tag = e.name();
        if self.skip > 0 {
            self.skip += 1;
            self.opened.push(Opened::default());
            self.fonts.push(None);
            return Ok(());
        }
        let style = e.attr("style").unwrap_or("");
        let footnote_mark = e.attr("style").is_some_and(|s| {
            css::declaration(s, "mso-footnote-id").is_some()
                || css::declaration(s, "mso-endnote-id").is_some()
        }) || e.attr("class").is_some_and(|c| {
            c.split_ascii_whitespace().any(|c| {
                matches!(
                    c.to_ascii_lowercase().as_str(),
                    "sdfootnoteanc" | "sdfootnotesym" | "sdendnoteanc" | "sdendnotesym"
                )
            })
        });
        if is_skipped(tag) || css::hides(style) || (tag == "a" && footnote_mark) {
            self.skip = 1;
            self.opened.push(Opened::default());
            self.fonts.push(None);
            return Ok(());
        }
        let mut opened = Opened::default();
        let in_table = !self.tables.is_empty();
        if is_block(tag) {
            self.end_paragraph();
            opened.block = true;
            if !in_table && css::page_break(style, "before") {
                self.items.push(Item::Break);
            }
            opened.break_after = !in_table && css::page_break(style, "after");
        }
        match tag {
            "table" => {
                self.tables.push(TableBuild::default());
                opened.table = true;
            }
            "tr" if !self.tables.is_empty() => opened.row = true,
            "td" | "th" if !self.tables.is_empty() => opened.cell = true,
            "br" => {
                if !in_table && css::page_break(style, "before") {
                    self.end_paragraph();
                    self.items.push(Item::Break);
                } else {
                    self.push_text("\n");
                    self.space = true;
                }
            }
            "img" if self.tables.is_empty() && self.roles.is_empty() => {
                self.end_paragraph();
                self.items.push(Item::Image(None));
            }
            "pre" => {
                self.pre += 1;
                opened.pre = true;
            }
            _ => {}
        }
        if let Some(role) = element_role(e) {
            self.end_paragraph();
            self.roles.push(role);
            opened.role = true;
        }
        let font = self
            .element_font(e)
            .map(Rc::from)
            .or_else(|| self.fonts.last().cloned().flatten());
        self.fonts.push(font);
        self.opened.push(opened);
        Ok(())
    }

    fn element_font(&self, e: &scraper::node::Element) -> Option<String> {
        if let Some(f) = e
            .attr("style")
            .and_then(|s| css::declaration(s, "font-family"))
            .and_then(css::first_family)
        {
            return Some(f);
        }
        if e.name() == "font" {
            if let Some(f) = e.attr("face").and_then(css::first_family) {
                return Some(f);
            }
        }
        self.rules
            .font_for(e.name(), e.attr("class").unwrap_or(""))
            .map(str::to_string)
    }

    fn close(&mut self, tag: &str) {
        self.fonts.pop();
        let Some(opened) = self.opened.pop() else {
            return;
        };
        if self.skip > 0 {
            self.skip -= 1;
            return;
        }
        if opened.block {
            self.end_paragraph();
        }
        if opened.pre {
            self.pre = self.pre.saturating_sub(1);
        }
        if opened.cell {
            if let Some(t) = self.tables.last_mut() {
                let blocks = std::mem::take(&mut t.blocks);
                if t.cells.len() < MAX_CELLS_PER_ROW {
                    t.cells.push(Cell { blocks });
                } else if let Some(last) = t.cells.last_mut() {
                    last.blocks.extend(blocks);
                }
            }
        }
        if opened.row {
            if let Some(t) = self.tables.last_mut() {
                let cells = std::mem::take(&mut t.cells);
                if !cells.is_empty() {
                    t.rows.push(Row { cells });
                }
            }
        }
        if opened.table {
            self.close_table();
        }
        if opened.role {
            self.roles.pop();
        }
        if opened.break_after {
            self.items.push(Item::Break);
        }
        let _ = tag;
    }

    fn close_table(&mut self) {
        let Some(mut t) = self.tables.pop() else {
            return;
        };
        if !t.blocks.is_empty() {
            // Content outside any cell (malformed): keep it as a row of its own.
            t.rows.push(Row {
                cells: vec![Cell {
                    blocks: std::mem::take(&mut t.blocks),
                }],
            });
        }
        if !t.rows.is_empty() {
            self.push_block(Block::Table(Table { rows: t.rows }));
        }
    }

    fn text(&mut self, t: &str) {
        if self.pre > 0 {
            // Preformatted: keep line breaks, tabs become spaces (`\t` separates cells).
            let text = t
                .replace('\t', " ")
                .replace("\r\n", "\n")
                .replace('\r', "\n");
            self.push_text(&text);
            self.space = text.ends_with([' ', '\n']);
            return;
        }
        let mut out = String::with_capacity(t.len());
        for c in t.chars() {
            if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{0c}') {
                if !self.space {
                    out.push(' ');
                    self.space = true;
                }
            } else {
                out.push(c);
                self.space = false;
            }
        }
        if !out.is_empty() {
            self.push_text(&out);
        }
    }

    fn push_text(&mut self, text: &str) {
        if self.runs.is_empty() && text.trim().is_empty() {
            return;
        }
        let font = self.fonts.last().cloned().flatten();
        flow::push_run_text(&mut self.runs, text, font.as_deref());
    }

    fn end_paragraph(&mut self) {
        self.space = true;
        let mut runs = std::mem::take(&mut self.runs);
        if runs.iter().all(|r| r.text.trim().is_empty()) {
            return;
        }
        // Trailing collapsed whitespace is not text.
        while let Some(last) = runs.last_mut() {
            let kept = last.text.trim_end_matches(' ').len();
            last.text.truncate(kept);
            if last.text.is_empty() {
                runs.pop();
            } else {
                break;
            }
        }
        let role = self.roles.last().copied().unwrap_or(Role::Body);
        self.push_block(Block::Paragraph(Paragraph { role, runs }));
    }

    fn push_block(&mut self, b: Block) {
        if let Some(t) = self.tables.last_mut() {
            t.blocks.push(b);
            return;
        }
        match self.roles.last() {
            Some(Role::Footnote | Role::Endnote) => self.notes.push(b),
            Some(Role::Header) => self.headers.push(b),
            Some(Role::Footer) => self.footers.push(b),
            _ => self.items.push(Item::Block(b)),
        }
    }

    fn finish(self, mut doc: Document) -> Result<Document, ParseError> {
        let mut pages = flow::paginate(self.items, self.limits.max_pages, &mut doc);
        flow::place_side_stories(&mut pages, self.headers, self.footers, self.notes);
        doc.meta.title = self.title;
        flow::finish(&mut doc, pages);
        Ok(doc)
    }
}

/// The role of the text inside an element that marks a Word or LibreOffice note,
/// header or footer area.
fn element_role(e: &scraper::node::Element) -> Option<Role> {
    if let Some(kind) = e
        .attr("style")
        .and_then(|s| css::declaration(s, "mso-element"))
    {
        return match kind.to_ascii_lowercase().as_str() {
            "footnote" | "footnote-list" => Some(Role::Footnote),
            "endnote" | "endnote-list" => Some(Role::Endnote),
            "header" => Some(Role::Header),
            "footer" => Some(Role::Footer),
            _ => None,
        };
    }
    let id = e.attr("id").unwrap_or("").to_ascii_lowercase();
    if e.name() == "div" && id.starts_with("sdfootnote") {
        return Some(Role::Footnote);
    }
    if e.name() == "div" && id.starts_with("sdendnote") {
        return Some(Role::Endnote);
    }
    match e.attr("title").map(str::to_ascii_lowercase).as_deref() {
        Some("header") if e.name() == "div" => Some(Role::Header),
        Some("footer") if e.name() == "div" => Some(Role::Footer),
        _ => None,
    }
}
