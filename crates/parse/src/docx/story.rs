//! One "story" (the body, a header, a footer, the footnotes or endnotes) as blocks.
//!
//! Text rules, chosen so that facts read the text a reader of the printed page sees:
//! run texts are concatenated with nothing added (Word splits words across runs);
//! `w:tab` becomes a space (`\t` is reserved for table cell separators); `w:br` and
//! `w:cr` become `\n`; `w:noBreakHyphen` becomes `-`; `w:softHyphen` becomes U+00AD
//! (in a TCVN3 `.VnTime` run that byte is the letter `ư`, so only the text stage, which
//! knows the encoding, may drop it);
//! tracked deletions and moved-away text are dropped while insertions are kept;
//! field instructions are dropped and field results kept; hidden (`w:vanish`) runs are
//! dropped; footnote and endnote reference marks are dropped so that a mark cannot glue
//! itself onto a number ("1.234 tỷ đồng¹" would otherwise read "1.234 tỷ đồng1");
//! paragraphs with no visible text are dropped because they are only spacing.
//! Text boxes become paragraphs placed right after the paragraph that anchors them; of
//! the alternatives in `mc:AlternateContent` only the first usable one is read, because
//! Word stores the same text box twice (DrawingML and a VML fallback).

use std::borrow::Cow;

use quick_xml::events::{BytesStart, Event};

use super::styles::{pick, FontSpec, Styles, Theme};
use super::xml::{attr, is_on, resolve_ref, Ns, Prefixes, XmlPart};
use crate::{Block, Cell, Paragraph, ParseError, Role, Row, Run, Table};

/// Deepest nesting of complex fields tracked; deeper `begin`s are only counted.
const MAX_FIELD_DEPTH: usize = 64;

/// Which story a part holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StoryKind {
    /// `word/document.xml`.
    Body,
    /// A `w:hdr` part.
    Header,
    /// A `w:ftr` part.
    Footer,
    /// `word/footnotes.xml`.
    Footnotes,
    /// `word/endnotes.xml`.
    Endnotes,
}

impl StoryKind {
    fn role(self) -> Role {
        match self {
            StoryKind::Body => Role::Body,
            StoryKind::Header => Role::Header,
            StoryKind::Footer => Role::Footer,
            StoryKind::Footnotes => Role::Footnote,
            StoryKind::Endnotes => Role::Endnote,
        }
    }

    fn root(self) -> &'static str {
        match self {
            StoryKind::Body => "document",
            StoryKind::Header => "hdr",
            StoryKind::Footer => "ftr",
            StoryKind::Footnotes => "footnotes",
            StoryKind::Endnotes => "endnotes",
        }
    }
}

pub(crate) use crate::flow::Item;

/// The parsed story.
#[derive(Debug, Default)]
pub(crate) struct Story {
    /// Content in document order.
    pub(crate) items: Vec<Item>,
    /// Entity references that were neither predefined nor character references.
    pub(crate) unknown_entities: usize,
}

/// Parses one story part.
pub(crate) fn parse_story(
    name: &str,
    bytes: &[u8],
    kind: StoryKind,
    styles: &Styles,
    theme: &Theme,
    max_depth: usize,
) -> Result<Story, ParseError> {
    let mut part = XmlPart::new(name, bytes, max_depth);
    let mut p = StoryParser {
        styles,
        theme,
        kind,
        prefixes: Prefixes::default(),
        rooted: false,
        stack: Vec::new(),
        story: Story::default(),
        skip: 0,
        alternates: Vec::new(),
        fields: Vec::new(),
        instr_fields: 0,
        field_overflow: 0,
        in_t: false,
        in_ppr: false,
        in_rpr: false,
        in_sectpr: false,
        section_types: Vec::new(),
        section_ends: Vec::new(),
    };
    loop {
        match part.next()? {
            Event::Start(e) => {
                if !p.rooted {
                    p.root(name, &e)?;
                } else {
                    p.start(&e, false);
                }
            }
            Event::Empty(e) => {
                if !p.rooted {
                    p.root(name, &e)?;
                } else {
                    p.start(&e, true);
                }
            }
            Event::End(e) => p.end(e.name().as_ref()),
            Event::Text(t) if p.text_wanted() => p.push_text(&layout_to_space(&t.xml10_content())),
            Event::CData(t) if p.text_wanted() => p.push_text(&layout_to_space(&t.xml10_content())),
            Event::GeneralRef(r) if p.text_wanted() => match resolve_ref(&r) {
                Some(c) => p.push_text(&layout_to_space(c.encode_utf8(&mut [0; 4]))),
                None => p.story.unknown_entities += 1,
            },
            Event::Eof => break,
            _ => {}
        }
    }
    if !p.rooted {
        return Err(ParseError::Docx(format!("{name}: no XML root element")));
    }
    // Only reachable for truncated XML the reader tolerated: close what is open.
    while let Some(frame) = p.stack.last() {
        let name = match frame {
            Frame::Para(_) => "p",
            Frame::Table(_) => "tbl",
            Frame::Row(_) => "tr",
            Frame::Cell(_) => "tc",
            Frame::TextBox(_) => "txbxContent",
        };
        p.close(name);
    }
    p.place_section_breaks();
    Ok(p.story)
}

struct ParaFrame {
    role: Role,
    style: Option<String>,
    runs: Vec<Run>,
    run: Option<RunState>,
    /// Text boxes anchored in this paragraph, emitted right after it.
    anchored: Vec<Block>,
    /// The paragraph ends a section (its `w:pPr` holds a `w:sectPr`).
    ends_section: bool,
}

#[derive(Default)]
struct RunState {
    fonts: FontSpec,
    style: Option<String>,
    hidden: bool,
    /// The resolved font, computed at the run's first text (its `w:rPr` comes first).
    resolved: Option<Option<String>>,
}

#[derive(Default)]
struct RowFrame {
    cells: Vec<Cell>,
    /// For each cell, where Word rendered page boundaries in it (see [`CellFrame::breaks`]).
    cell_breaks: Vec<Vec<usize>>,
    deleted: bool,
}

#[derive(Default)]
struct CellFrame {
    blocks: Vec<Block>,
    /// Indexes into `blocks` where Word rendered a page boundary: the block at each
    /// index starts a new page. A row that spans several pages has one boundary per
    /// page in each cell whose text crosses it.
    breaks: Vec<usize>,
    /// A `w:vMerge` continuation: the merged content belongs to the cell above.
    continuation: bool,
}

enum Frame {
    Para(ParaFrame),
    Table(Vec<Row>),
    Row(RowFrame),
    Cell(CellFrame),
    TextBox(Vec<Block>),
}

struct StoryParser<'s> {
    styles: &'s Styles,
    theme: &'s Theme,
    kind: StoryKind,
    prefixes: Prefixes,
    rooted: bool,
    stack: Vec<Frame>,
    story: Story,
    /// Depth inside a subtree being skipped (0 = not skipping).
    skip: usize,
    /// One entry per open `mc:AlternateContent`: whether an alternative was already read.
    alternates: Vec<bool>,
    /// Open complex fields: `true` while in the instruction part.
    fields: Vec<bool>,
    instr_fields: usize,
    field_overflow: usize,
    in_t: bool,
    in_ppr: bool,
    in_rpr: bool,
    /// Inside a `w:sectPr` (its `w:type` says how the section starts).
    in_sectpr: bool,
    /// The start type (`w:type`) of every section, in order; `None` = next page.
    section_types: Vec<Option<String>>,
    /// Where each section but the last ends: an index into `story.items`.
    section_ends: Vec<usize>,
}

impl StoryParser<'_> {
    fn root(&mut self, name: &str, e: &BytesStart) -> Result<(), ParseError> {
        self.prefixes.learn(e);
        self.rooted = true;
        let (ns, local) = self.prefixes.classify(e.name().0);
        if ns != Ns::W || local != self.kind.root() {
            return Err(ParseError::Docx(format!(
                "{name}: root element is <{}>, not a WordprocessingML <w:{}>",
                e.name().as_ref(),
                self.kind.root()
            )));
        }
        Ok(())
    }

    fn text_wanted(&self) -> bool {
        self.in_t && self.skip == 0 && self.instr_fields == 0
    }

    fn start(&mut self, e: &BytesStart, empty: bool) {
        if self.skip > 0 {
            self.skip += usize::from(!empty);
            return;
        }
        let (ns, local) = self.prefixes.classify(e.name().0);
        match ns {
            Ns::W => self.start_w(local, e, empty),
            Ns::Mc => self.start_mc(local, empty),
            Ns::Other => {
                // `a:blip r:embed` (DrawingML) or `v:imagedata r:id` (VML); a linked
                // picture (`r:link` only) is drawn too but its bytes are not in the file.
                if matches!(local, "blip" | "imagedata") {
                    let rel = attr(e, "embed").or_else(|| attr(e, "id"));
                    self.story
                        .items
                        .push(Item::Image(rel.map(|r| r.into_owned())));
                }
            }
        }
    }

    fn start_mc(&mut self, local: &str, empty: bool) {
        match local {
            "AlternateContent" if !empty => self.alternates.push(false),
            "Choice" | "Fallback" => {
                let taken = self.alternates.last_mut();
                match taken {
                    Some(t) if !*t => *t = true,
                    _ => self.skip_subtree(empty),
                }
            }
            _ => {}
        }
    }

    fn skip_subtree(&mut self, empty: bool) {
        if !empty {
            self.skip = 1;
        }
    }

    fn start_w(&mut self, local: &str, e: &BytesStart, empty: bool) {
        match local {
            // Deleted or moved-away text, revision history, section and control properties,
            // field instructions, ruby annotations: none of it is text on the page.
            "del" if self.in_trpr() => {
                if let Some(Frame::Row(r)) = self.stack.last_mut() {
                    r.deleted = true;
                }
                self.skip_subtree(empty);
            }
            "del" | "moveFrom" | "rPrChange" | "pPrChange" | "sectPrChange" | "tblPrChange"
            | "trPrChange" | "tcPrChange" | "tblGridChange" | "numberingChange" | "sdtPr"
            | "instrText" | "delText" | "delInstrText" | "rt" => self.skip_subtree(empty),
            "footnote" | "endnote"
                if matches!(
                    attr(e, "type").as_deref(),
                    Some("separator" | "continuationSeparator" | "continuationNotice")
                ) =>
            {
                self.skip_subtree(empty)
            }
            "p" => {
                let role = if self.kind == StoryKind::Body
                    && self.stack.iter().any(|f| matches!(f, Frame::TextBox(_)))
                {
                    Role::TextBox
                } else {
                    self.kind.role()
                };
                self.stack.push(Frame::Para(ParaFrame {
                    role,
                    style: None,
                    runs: Vec::new(),
                    run: None,
                    anchored: Vec::new(),
                    ends_section: false,
                }));
            }
            "pPr" => {
                self.in_ppr = !empty;
            }
            "pStyle" if self.in_ppr => {
                let style = attr(e, "val").map(|v| v.into_owned());
                if let Some(Frame::Para(p)) = self.stack.last_mut() {
                    p.style = style;
                }
            }
            "sectPr" => self.section_start(empty),
            "type" if self.in_sectpr => {
                if let Some(t) = self.section_types.last_mut() {
                    *t = attr(e, "val").map(|v| v.into_owned());
                }
            }
            // Word and LibreOffice ignore a page break before a paragraph in a table cell.
            "pageBreakBefore" if self.in_ppr && is_on(e) && !self.in_table() => self.page_break(),
            // The paragraph mark's own run properties: not the font of any text.
            "rPr" if self.in_ppr => self.skip_subtree(empty),
            "r" => {
                if let Some(Frame::Para(p)) = self.stack.last_mut() {
                    p.run = Some(RunState::default());
                }
            }
            "rPr" => self.in_rpr = !empty,
            "rFonts" if self.in_rpr => {
                let fonts = FontSpec::from_rfonts(e, self.theme);
                if let Some(run) = self.run_mut() {
                    run.fonts = fonts;
                }
            }
            "rStyle" if self.in_rpr => {
                let style = attr(e, "val").map(|v| v.into_owned());
                if let Some(run) = self.run_mut() {
                    run.style = style;
                }
            }
            "vanish" | "specVanish" if self.in_rpr && is_on(e) => {
                if let Some(run) = self.run_mut() {
                    run.hidden = true;
                }
            }
            "t" => self.in_t = !empty,
            "tab" | "ptab" if self.in_run_content() => self.push_text(" "),
            "br" if self.in_run_content() => {
                if attr(e, "type").as_deref() != Some("page") {
                    self.push_text("\n");
                } else if self.in_table() {
                    // An explicit page break in a table cell is not laid out as one
                    // (LibreOffice draws nothing; Word keeps the row on its page).
                    self.push_text("\n");
                } else {
                    self.page_break();
                }
            }
            "cr" if self.in_run_content() => self.push_text("\n"),
            "noBreakHyphen" if self.in_run_content() => self.push_text("-"),
            "softHyphen" if self.in_run_content() => self.push_text("\u{ad}"),
            "lastRenderedPageBreak" => self.page_break(),
            "sym" if self.in_run_content() => self.push_sym(e),
            "fldChar" => self.field_char(e),
            "tbl" => self.stack.push(Frame::Table(Vec::new())),
            "tr" => self.stack.push(Frame::Row(RowFrame::default())),
            "tc" => self.stack.push(Frame::Cell(CellFrame::default())),
            "vMerge" => {
                let continuation = !matches!(attr(e, "val").as_deref(), Some("restart"));
                if let Some(Frame::Cell(c)) = self.stack.last_mut() {
                    c.continuation = continuation;
                }
            }
            "txbxContent" => self.stack.push(Frame::TextBox(Vec::new())),
            _ => {}
        }
        if empty {
            self.end_local(local);
        }
    }

    fn end(&mut self, qname: &str) {
        if self.skip > 0 {
            self.skip -= 1;
            return;
        }
        let (ns, local) = self.prefixes.classify(qname);
        match ns {
            Ns::W => self.end_local(local),
            Ns::Mc if local == "AlternateContent" => {
                self.alternates.pop();
            }
            _ => {}
        }
    }

    fn end_local(&mut self, local: &str) {
        match local {
            "t" => self.in_t = false,
            "pPr" => self.in_ppr = false,
            "sectPr" => self.in_sectpr = false,
            "rPr" => self.in_rpr = false,
            "r" => {
                if let Some(Frame::Para(p)) = self.stack.last_mut() {
                    p.run = None;
                }
                self.in_rpr = false;
            }
            "p" | "tbl" | "tr" | "tc" | "txbxContent" => self.close(local),
            _ => {}
        }
    }

    /// Closes the innermost frame if it is the one `local` ends.
    fn close(&mut self, local: &str) {
        let matches = matches!(
            (local, self.stack.last()),
            ("p", Some(Frame::Para(_)))
                | ("tbl", Some(Frame::Table(_)))
                | ("tr", Some(Frame::Row(_)))
                | ("tc", Some(Frame::Cell(_)))
                | ("txbxContent", Some(Frame::TextBox(_)))
        );
        if !matches {
            return;
        }
        let Some(frame) = self.stack.pop() else {
            return;
        };
        match frame {
            Frame::Para(p) => {
                self.in_ppr = false;
                // An instruction cannot span a paragraph mark; an unterminated one must
                // not swallow the rest of the document.
                if self.instr_fields > 0 {
                    self.fields.iter_mut().for_each(|f| *f = false);
                    self.instr_fields = 0;
                }
                if let Some(b) = paragraph_block(p.runs, p.role) {
                    self.push_block(b);
                }
                for b in p.anchored {
                    self.push_block(b);
                }
                if p.ends_section && self.stack.is_empty() {
                    self.section_ends.push(self.story.items.len());
                }
            }
            Frame::Table(rows) => {
                if !rows.is_empty() {
                    self.push_block(Block::Table(Table { rows }));
                }
            }
            Frame::Row(r) => {
                if r.deleted {
                    return;
                }
                let top_level = self.stack.len() == 1;
                let fragments = row_fragments(r.cells, &r.cell_breaks);
                if let Some(Frame::Table(rows)) = self.stack.last_mut() {
                    let last = fragments.len().saturating_sub(1);
                    for (i, fragment) in fragments.into_iter().enumerate() {
                        if let Some(fragment) = fragment {
                            rows.push(fragment);
                        }
                        if i < last && top_level {
                            // A page boundary inside the row: the rows so far end this page.
                            if !rows.is_empty() {
                                let done = std::mem::take(rows);
                                self.story
                                    .items
                                    .push(Item::Block(Block::Table(Table { rows: done })));
                            }
                            self.story.items.push(Item::Break);
                        }
                    }
                }
            }
            Frame::Cell(c) => {
                let (blocks, breaks) = if c.continuation {
                    (Vec::new(), Vec::new())
                } else {
                    (c.blocks, c.breaks)
                };
                if let Some(Frame::Row(r)) = self.stack.last_mut() {
                    r.cells.push(Cell { blocks });
                    r.cell_breaks.push(breaks);
                }
            }
            Frame::TextBox(blocks) => {
                for b in blocks {
                    self.push_block(b);
                }
            }
        }
    }

    /// Hands a finished block to the innermost container.
    fn push_block(&mut self, b: Block) {
        match self.stack.last_mut() {
            None => self.story.items.push(Item::Block(b)),
            Some(Frame::Cell(c)) => c.blocks.push(b),
            Some(Frame::TextBox(v)) => v.push(b),
            Some(Frame::Para(p)) => p.anchored.push(b),
            // Malformed nesting (a paragraph straight in a row or table): keep the text.
            Some(Frame::Row(r)) => r.cells.push(Cell { blocks: vec![b] }),
            Some(Frame::Table(rows)) => rows.push(Row {
                cells: vec![Cell { blocks: vec![b] }],
            }),
        }
    }

    fn in_trpr(&self) -> bool {
        // `w:del` directly in a row (inside `w:trPr`) marks the whole row deleted.
        matches!(self.stack.last(), Some(Frame::Row(_)))
    }

    fn run_mut(&mut self) -> Option<&mut RunState> {
        match self.stack.last_mut() {
            Some(Frame::Para(p)) => p.run.as_mut(),
            _ => None,
        }
    }

    fn in_run_content(&self) -> bool {
        !self.in_rpr
            && self.skip == 0
            && matches!(self.stack.last(), Some(Frame::Para(p)) if p.run.is_some())
    }

    fn push_text(&mut self, text: &str) {
        if self.instr_fields > 0 {
            return;
        }
        let styles = self.styles;
        let Some(Frame::Para(p)) = self.stack.last_mut() else {
            return;
        };
        let Some(run) = p.run.as_mut() else {
            return;
        };
        if run.hidden {
            return;
        }
        let font = run.resolved.get_or_insert_with(|| {
            let mut layers: Vec<&FontSpec> = vec![&run.fonts];
            layers.extend(styles.character(run.style.as_deref()));
            layers.extend(styles.paragraph(p.style.as_deref()));
            layers.push(styles.defaults());
            pick(&layers).map(str::to_string)
        });
        match p.runs.last_mut() {
            Some(last) if last.font == *font => last.text.push_str(text),
            _ => p.runs.push(Run {
                text: text.to_string(),
                font: font.clone(),
            }),
        }
    }

    /// A `w:sym` character, in its own run under the symbol font it names.
    fn push_sym(&mut self, e: &BytesStart) {
        let Some(c) = attr(e, "char")
            .and_then(|h| u32::from_str_radix(&h, 16).ok())
            .and_then(char::from_u32)
        else {
            return;
        };
        let font = attr(e, "font").map(|f| f.into_owned());
        if self.instr_fields > 0 {
            return;
        }
        if let Some(Frame::Para(p)) = self.stack.last_mut() {
            if p.run.as_ref().is_some_and(|r| r.hidden) {
                return;
            }
            p.runs.push(Run {
                text: c.to_string(),
                font,
            });
        }
    }

    fn field_char(&mut self, e: &BytesStart) {
        match attr(e, "fldCharType").as_deref() {
            Some("begin") => {
                if self.fields.len() < MAX_FIELD_DEPTH {
                    self.fields.push(true);
                    self.instr_fields += 1;
                } else {
                    self.field_overflow += 1;
                }
            }
            Some("separate") if self.field_overflow == 0 => {
                if let Some(top) = self.fields.last_mut() {
                    if *top {
                        *top = false;
                        self.instr_fields -= 1;
                    }
                }
            }
            Some("end") => {
                if self.field_overflow > 0 {
                    self.field_overflow -= 1;
                } else if let Some(true) = self.fields.pop() {
                    self.instr_fields -= 1;
                }
            }
            _ => {}
        }
    }

    fn in_table(&self) -> bool {
        self.stack.iter().any(|f| matches!(f, Frame::Table(_)))
    }

    /// A `w:sectPr`: in a paragraph's properties it ends a section there; the body's
    /// last one describes the final section. Its change history is skipped.
    fn section_start(&mut self, empty: bool) {
        if self.kind != StoryKind::Body {
            self.skip_subtree(empty);
            return;
        }
        self.section_types.push(None);
        self.in_sectpr = !empty;
        if self.in_ppr {
            if let Some(Frame::Para(p)) = self.stack.last_mut() {
                p.ends_section = true;
            }
        }
    }

    /// Puts a page boundary at the end of every section whose successor starts on a new
    /// page (`w:type` absent, `nextPage`, `oddPage`, `evenPage`; not `continuous` or
    /// `nextColumn`). A rendered break right after it collapses with it in pagination.
    fn place_section_breaks(&mut self) {
        let ends = std::mem::take(&mut self.section_ends);
        if ends.is_empty() {
            return;
        }
        let items = std::mem::take(&mut self.story.items);
        let mut out = Vec::with_capacity(items.len() + ends.len());
        let mut pending = ends.iter().enumerate().peekable();
        for (index, item) in items.into_iter().enumerate() {
            while let Some((i, _)) = pending.next_if(|&(_, &at)| at <= index) {
                if self.new_page_after_section(i) {
                    out.push(Item::Break);
                }
            }
            out.push(item);
        }
        // A section that ends after the last item opens no page: nothing follows it.
        self.story.items = out;
    }

    /// Whether the section after section `i` starts on a new page.
    fn new_page_after_section(&self, i: usize) -> bool {
        let next = self.section_types.get(i + 1).cloned().flatten();
        !matches!(next.as_deref(), Some("continuous" | "nextColumn"))
    }

    /// Records a page boundary. Only the body paginates, and only at the top level or
    /// between rows of a top-level table; boundaries inside text boxes are ignored.
    fn page_break(&mut self) {
        if self.kind != StoryKind::Body || self.skip > 0 {
            return;
        }
        match self.stack.as_mut_slice() {
            [Frame::Para(p)] => {
                // Split the paragraph: what came before the break ends the previous page.
                let runs = std::mem::take(&mut p.runs);
                let anchored = std::mem::take(&mut p.anchored);
                let role = p.role;
                if let Some(b) = paragraph_block(runs, role) {
                    self.story.items.push(Item::Block(b));
                }
                self.story
                    .items
                    .extend(anchored.into_iter().map(Item::Block));
                self.story.items.push(Item::Break);
            }
            [] => self.story.items.push(Item::Break),
            [Frame::Table(_), Frame::Row(_), Frame::Cell(c), Frame::Para(p)] => {
                // Split the cell's paragraph as at the top level.
                let runs = std::mem::take(&mut p.runs);
                let anchored = std::mem::take(&mut p.anchored);
                if let Some(b) = paragraph_block(runs, p.role) {
                    c.blocks.push(b);
                }
                c.blocks.extend(anchored);
                c.breaks.push(c.blocks.len());
            }
            // Deeper (a nested table): the boundary is placed before the outer cell's
            // next block.
            [Frame::Table(_), Frame::Row(_), Frame::Cell(c), ..] => c.breaks.push(c.blocks.len()),
            _ => {}
        }
    }
}

/// A row as Word laid it out: one fragment per page it spans, each cell's blocks cut
/// at that cell's rendered boundaries. `None` for a fragment with no text in any cell
/// (a row that starts at a page boundary has an empty first fragment).
fn row_fragments(cells: Vec<Cell>, breaks: &[Vec<usize>]) -> Vec<Option<Row>> {
    let pages = breaks.iter().map(Vec::len).max().unwrap_or(0) + 1;
    if pages == 1 {
        return vec![Some(Row { cells })];
    }
    // Word writes the rendered break only in some cells. When a cell has one before
    // its first block, the row began on the new page, and a cell without any break
    // belongs there too; otherwise a cell without a break ended before the boundary.
    let starts_on_new_page = breaks.iter().any(|cuts| cuts.first() == Some(&0));
    let at_start = vec![0];
    let none = Vec::new();
    let mut fragments: Vec<Vec<Cell>> = vec![Vec::with_capacity(cells.len()); pages];
    for (i, cell) in cells.into_iter().enumerate() {
        let cuts = match breaks.get(i) {
            Some(cuts) if !cuts.is_empty() => cuts,
            _ if starts_on_new_page => &at_start,
            _ => &none,
        };
        let mut blocks = cell.blocks.into_iter().enumerate().peekable();
        for (page, fragment) in fragments.iter_mut().enumerate() {
            let end = cuts.get(page).copied().unwrap_or(usize::MAX);
            let mut part = Vec::new();
            while let Some((_, b)) = blocks.next_if(|(i, _)| *i < end) {
                part.push(b);
            }
            fragment.push(Cell { blocks: part });
        }
    }
    fragments
        .into_iter()
        .map(|cells| {
            cells
                .iter()
                .any(|c| !c.blocks.is_empty())
                .then_some(Row { cells })
        })
        .collect()
}

/// Text of `w:t` with tabs and line ends made spaces: `\t` separates table cells in
/// page text, and Word lays out a raw line end inside `w:t` as a space.
fn layout_to_space(text: &str) -> Cow<'_, str> {
    if text.bytes().any(|b| matches!(b, b'\t' | b'\n' | b'\r')) {
        Cow::Owned(text.replace(['\t', '\n', '\r'], " "))
    } else {
        Cow::Borrowed(text)
    }
}

/// A paragraph block, or `None` when it shows no text.
fn paragraph_block(runs: Vec<Run>, role: Role) -> Option<Block> {
    if runs.iter().all(|r| r.text.trim().is_empty()) {
        return None;
    }
    Some(Block::Paragraph(Paragraph { role, runs }))
}
