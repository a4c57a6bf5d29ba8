//! RTF (Rich Text Format, as Word and LibreOffice write it; often named `.doc`).
//!
//! One pass over the tokens with an explicit group stack (never recursion), so memory
//! and time are linear in the input and nesting is bounded by `Limits::max_xml_depth`.
//!
//! Text rules, matching the DOCX reader so that facts read the same text:
//! - `\'hh` bytes are decoded with the code page of the run's font (`\fcharsetN`, else
//!   the document's `\ansicpgN`); a run in a legacy Vietnamese font (`.VnTime`,
//!   `VNI-Times`) keeps its bytes as the Latin-1 letters Word stores in DOCX, carrying
//!   the font name, so the text stage decodes TCVN3/VNI per run.
//! - `\uN` is a UTF-16 unit (negative values wrap, surrogate pairs are joined); the
//!   following `\ucN` fallback characters are skipped.
//! - `\tab` becomes a space (`\t` separates table cells in page text), `\line` a `\n`,
//!   `\_` a `-`, `\-` U+00AD (only the text stage may drop it: it is `ư` in TCVN3),
//!   `\~` a no-break space; hidden text (`\v`) is dropped.
//! - Destinations that are not page text are skipped: `\*` groups the reader does not
//!   know, pictures, field instructions (the field result is kept), the style sheet,
//!   font/colour/list tables, document info (its title is kept), nested-table fallbacks.
//! - Headers and footers keep their `Role` and, as in DOCX, appear once at the start
//!   (headers) and end (footers) of page 1; footnotes and endnotes go to the last page
//!   and their reference marks are dropped.
//! - Tables: `\intbl`/`\itapN` paragraphs, `\cell`/`\row` (level 1) and
//!   `\nestcell`/`\nestrow` (deeper levels) become `Block::Table` with nested tables
//!   inside their cells.
//! - Pages: `\page`, `\pagebb` and section breaks (`\sect`, unless the next section is
//!   continuous) start a new page; a break inside a table is ignored.

mod charset;
mod lexer;
#[cfg(test)]
mod tests;

use charset::{charset_code_page, code_page, is_legacy_vietnamese_font, ByteDecoding};
use lexer::{Lexer, Token};

use crate::flow::{self, Item};
use crate::{
    Block, Cell, Document, Format, Limits, Paragraph, ParseError, Role, Row, Run, Table,
    WarningKind,
};

/// Most cells kept in one row; Word allows 63 columns, so more is hostile input.
const MAX_CELLS_PER_ROW: usize = 4096;
/// Most fonts kept from the font table.
const MAX_FONTS: usize = 65_536;

/// Parses an RTF file's bytes into pages of paragraphs and tables with per-run fonts.
pub fn parse_rtf(bytes: &[u8], limits: &Limits) -> Result<Document, ParseError> {
    let head = &bytes[..bytes.len().min(64)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    if !head.trim_ascii_start().starts_with(b"{\\rtf") {
        return Err(ParseError::Rtf(
            "the file does not start with {\\rtf".into(),
        ));
    }
    let mut reader = Reader::new(limits);
    let mut lexer = Lexer::new(bytes);
    while let Some(token) = lexer.next_token() {
        reader.token(token)?;
        if reader.done {
            break;
        }
    }
    reader.end()
}

/// Which stream of text a group writes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StoryId {
    Body = 0,
    Header = 1,
    Footer = 2,
    Footnote = 3,
    Endnote = 4,
}

impl StoryId {
    fn role(self) -> Role {
        match self {
            StoryId::Body => Role::Body,
            StoryId::Header => Role::Header,
            StoryId::Footer => Role::Footer,
            StoryId::Footnote => Role::Footnote,
            StoryId::Endnote => Role::Endnote,
        }
    }
}

/// What the current group's content is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dest {
    /// Page text.
    Text,
    /// Not text: everything up to the group's end is ignored.
    Skip,
    /// The font table.
    FontTable,
    /// Document info: only the title is read.
    Info,
    /// The document title.
    Title,
}

/// Paragraph properties (group-scoped in RTF, reset by `\pard`).
#[derive(Debug, Clone, Copy, Default)]
struct ParaProps {
    intbl: bool,
    itap: Option<u32>,
}

impl ParaProps {
    /// The table nesting level of the paragraph (0 outside tables).
    fn level(self) -> usize {
        match self.itap {
            Some(n) => n as usize,
            None => usize::from(self.intbl),
        }
    }
}

/// The state a group inherits from its parent and restores on `}`.
#[derive(Debug, Clone, Copy)]
struct GroupState {
    dest: Dest,
    story: StoryId,
    font: Option<i32>,
    uc: u32,
    hidden: bool,
    para: ParaProps,
}

/// A font table entry.
#[derive(Debug, Clone, Default)]
struct FontEntry {
    name: String,
    charset: Option<i32>,
    code_page: Option<i32>,
}

/// One table being built, with its open row and cell.
#[derive(Debug, Default)]
struct TableBuild {
    rows: Vec<Row>,
    cells: Vec<Cell>,
    blocks: Vec<Block>,
}

impl TableBuild {
    fn close_cell(&mut self) {
        let blocks = std::mem::take(&mut self.blocks);
        if self.cells.len() < MAX_CELLS_PER_ROW {
            self.cells.push(Cell { blocks });
        } else if let Some(last) = self.cells.last_mut() {
            last.blocks.extend(blocks);
        }
    }

    fn close_row(&mut self) {
        if !self.blocks.is_empty() {
            self.close_cell();
        }
        let cells = std::mem::take(&mut self.cells);
        if !cells.is_empty() {
            self.rows.push(Row { cells });
        }
    }

    fn into_block(mut self) -> Option<Block> {
        self.close_row();
        (!self.rows.is_empty()).then_some(Block::Table(Table { rows: self.rows }))
    }
}

/// One story's paragraph in progress, open tables and finished items.
#[derive(Debug, Default)]
struct Story {
    runs: Vec<Run>,
    tables: Vec<TableBuild>,
    items: Vec<Item>,
    /// A page break waits for the next content (`\pagebb`, a section break).
    break_before: bool,
}

struct Reader<'l> {
    limits: &'l Limits,
    stack: Vec<GroupState>,
    state: GroupState,
    /// The next control word names an optional destination (`\*`).
    starred: bool,
    /// Fallback characters still to skip after a `\uN`.
    skip_fallback: u32,
    /// A high surrogate waiting for its low half.
    high_surrogate: Option<u16>,
    /// `\'hh` bytes waiting to be decoded together (DBCS code pages need pairs).
    pending: Vec<u8>,
    pending_decoding: Option<ByteDecoding>,
    ansi: &'static encoding_rs::Encoding,
    default_font: Option<i32>,
    fonts: std::collections::HashMap<i32, FontEntry>,
    font_in_table: Option<i32>,
    stories: [Story; 5],
    title: String,
    /// A section break was seen; the next `\sbkN` says whether it starts a page.
    section_pending: bool,
    warnings: Vec<String>,
    /// The outermost group closed: the rest of the file is not RTF.
    done: bool,
}

impl<'l> Reader<'l> {
    fn new(limits: &'l Limits) -> Self {
        Reader {
            limits,
            stack: Vec::new(),
            state: GroupState {
                dest: Dest::Text,
                story: StoryId::Body,
                font: None,
                uc: 1,
                hidden: false,
                para: ParaProps::default(),
            },
            starred: false,
            skip_fallback: 0,
            high_surrogate: None,
            pending: Vec::new(),
            pending_decoding: None,
            ansi: encoding_rs::WINDOWS_1252,
            default_font: None,
            fonts: std::collections::HashMap::new(),
            font_in_table: None,
            stories: Default::default(),
            title: String::new(),
            section_pending: false,
            warnings: Vec::new(),
            done: false,
        }
    }

    fn token(&mut self, token: Token<'_>) -> Result<(), ParseError> {
        if !matches!(token, Token::Hex(_) | Token::Text(_)) {
            self.flush_bytes();
        }
        match token {
            Token::Open => {
                if self.stack.len() >= self.limits.max_xml_depth {
                    return Err(ParseError::Rtf(format!(
                        "groups nested deeper than {} levels",
                        self.limits.max_xml_depth
                    )));
                }
                self.stack.push(self.state);
                self.skip_fallback = 0;
                self.starred = false;
            }
            Token::Close => {
                self.skip_fallback = 0;
                self.starred = false;
                let Some(parent) = self.stack.pop() else {
                    self.warnings
                        .push("an unmatched `}` was ignored".to_string());
                    return Ok(());
                };
                if self.state.dest == Dest::FontTable && parent.dest == Dest::FontTable {
                    // A braced font entry ended.
                    self.font_in_table = None;
                }
                if self.state.story != parent.story {
                    // A header, footer or note ended: its last paragraph is complete.
                    self.end_paragraph(self.state.story, 0);
                    self.close_tables(self.state.story, 0);
                }
                self.state = parent;
                if self.stack.is_empty() {
                    self.done = true;
                }
            }
            Token::Word(word, param) => {
                let starred = std::mem::take(&mut self.starred);
                self.word(word, param, starred)?;
            }
            Token::Symbol(s) => {
                if s == b'*' {
                    self.starred = true;
                    return Ok(());
                }
                self.starred = false;
                self.symbol(s);
            }
            Token::Hex(b) => {
                if self.consume_fallback() {
                    return Ok(());
                }
                self.push_byte(b);
            }
            Token::Text(t) => self.text(t),
            Token::Bin => {
                self.consume_fallback();
            }
        }
        Ok(())
    }

    /// Counts one fallback character after `\uN`; true when it was skipped.
    fn consume_fallback(&mut self) -> bool {
        if self.skip_fallback > 0 {
            self.skip_fallback -= 1;
            true
        } else {
            false
        }
    }

    fn text(&mut self, mut t: &[u8]) {
        let skip = (self.skip_fallback as usize).min(t.len());
        self.skip_fallback -= skip as u32;
        t = &t[skip..];
        if t.is_empty() {
            return;
        }
        match self.state.dest {
            Dest::FontTable => self.font_name_bytes(t),
            Dest::Text | Dest::Title => {
                for &b in t {
                    // A literal tab in the source is a tab in the document.
                    self.push_byte(if b == b'\t' { b' ' } else { b });
                }
            }
            Dest::Skip | Dest::Info => {}
        }
    }

    fn font_name_bytes(&mut self, t: &[u8]) {
        let Some(n) = self.font_in_table else {
            return;
        };
        let Some(entry) = self.fonts.get_mut(&n) else {
            return;
        };
        for &b in t {
            if b == b';' {
                self.font_in_table = None;
                break;
            }
            if entry.name.len() < 256 {
                entry.name.push(char::from(b));
            }
        }
    }

    fn push_byte(&mut self, b: u8) {
        match self.state.dest {
            Dest::Text | Dest::Title => {}
            Dest::FontTable => {
                self.font_name_bytes(&[b]);
                return;
            }
            Dest::Skip | Dest::Info => return,
        }
        if self.state.hidden {
            return;
        }
        let decoding = self.decoding();
        if self.pending_decoding != Some(decoding) {
            self.flush_bytes();
            self.pending_decoding = Some(decoding);
        }
        self.pending.push(b);
    }

    /// How bytes of the current font are read.
    fn decoding(&self) -> ByteDecoding {
        let entry = self.state.font.and_then(|f| self.fonts.get(&f));
        if let Some(e) = entry {
            if is_legacy_vietnamese_font(&e.name) {
                return ByteDecoding::LegacyFont;
            }
            let cp = e
                .code_page
                .or_else(|| e.charset.and_then(charset_code_page));
            if let Some(enc) = cp.and_then(code_page) {
                return ByteDecoding::CodePage(enc);
            }
        }
        ByteDecoding::CodePage(self.ansi)
    }

    fn flush_bytes(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let decoding = self
            .pending_decoding
            .unwrap_or(ByteDecoding::CodePage(self.ansi));
        let text = decoding.decode(&self.pending);
        self.pending.clear();
        self.push_str(&text);
    }

    fn push_char(&mut self, c: char) {
        self.flush_bytes();
        let mut buf = [0u8; 4];
        self.push_str(c.encode_utf8(&mut buf));
    }

    /// Appends decoded text to the current destination.
    fn push_str(&mut self, text: &str) {
        if self.state.hidden {
            return;
        }
        match self.state.dest {
            Dest::Title => {
                if self.title.len() < 4096 {
                    self.title.push_str(text);
                }
                return;
            }
            Dest::Text => {}
            _ => return,
        }
        let story_id = self.state.story;
        let level = self.state.para.level();
        let font = self
            .state
            .font
            .and_then(|f| self.fonts.get(&f))
            .map(|e| e.name.trim().to_string())
            .filter(|n| !n.is_empty());
        let story = &mut self.stories[story_id as usize];
        let mut text = text;
        if story.runs.is_empty() {
            // Leading spaces are layout, not text (`{\super\chftn} Ghi chú`).
            text = text.trim_start();
            if text.is_empty() {
                // Leading spaces do not start a paragraph or take a pending break.
                return;
            }
            // Text at a shallower level than the open tables means they have ended.
            self.close_tables(story_id, level);
            if story_id == StoryId::Body {
                self.section_pending = false;
            }
            let story = &mut self.stories[story_id as usize];
            if std::mem::take(&mut story.break_before) && level == 0 {
                story.items.push(Item::Break);
            }
        }
        let story = &mut self.stories[story_id as usize];
        flow::push_run_text(&mut story.runs, text, font.as_deref());
    }

    fn symbol(&mut self, s: u8) {
        if self.consume_fallback() {
            return;
        }
        match s {
            b'~' => self.push_char('\u{a0}'),
            b'_' => self.push_char('-'),
            b'-' => self.push_char('\u{ad}'),
            b'\\' | b'{' | b'}' => self.push_byte(s),
            b'\n' | b'\r' => self.paragraph_mark(),
            // `\:` (index subentry), `\|` (formula), `\'` broken escape: no text.
            _ => {}
        }
    }

    fn word(&mut self, word: &[u8], param: Option<i32>, starred: bool) -> Result<(), ParseError> {
        // Destinations change what the group holds, wherever they are.
        if let Some(dest) = destination(word, starred) {
            self.enter(dest, word);
            return Ok(());
        }
        if self.state.dest == Dest::Skip {
            return Ok(());
        }
        // Font-table words come first: `\fN` there starts an entry, not a run font.
        if self.state.dest == Dest::FontTable {
            match word {
                b"f" => {
                    if let Some(n) = param {
                        if self.fonts.len() < MAX_FONTS || self.fonts.contains_key(&n) {
                            self.fonts.insert(n, FontEntry::default());
                            self.font_in_table = Some(n);
                        }
                    }
                }
                b"fcharset" => self.set_font_field(|e| e.charset = param),
                b"cpg" => self.set_font_field(|e| e.code_page = param),
                b"u" => {
                    if let Some(c) = param.and_then(|p| char::from_u32(p as u16 as u32)) {
                        self.set_font_field(|e| e.name.push(c));
                    }
                }
                _ => {}
            }
            return Ok(());
        }
        let fallback_counted = word != b"u" && self.consume_fallback();
        if fallback_counted {
            return Ok(());
        }
        match word {
            b"ansicpg" => {
                if let Some(enc) = param.and_then(code_page) {
                    self.ansi = enc;
                }
            }
            b"mac" => self.ansi = encoding_rs::MACINTOSH,
            b"deff" => {
                self.default_font = param;
                if self.stack.len() <= 1 {
                    self.state.font = param;
                }
            }
            b"f" => self.state.font = param,
            b"plain" => {
                self.state.font = self.default_font;
                self.state.hidden = false;
            }
            b"uc" => self.state.uc = param.unwrap_or(1).clamp(0, 16) as u32,
            b"u" => self.unicode(param.unwrap_or(0)),
            b"v" => self.state.hidden = param != Some(0),
            b"pard" => self.state.para = ParaProps::default(),
            b"intbl" => self.state.para.intbl = true,
            b"itap" => self.state.para.itap = param.map(|n| n.clamp(0, 1024) as u32),
            b"par" => self.paragraph_mark(),
            b"line" | b"lbr" => self.push_char('\n'),
            b"tab" | b"emspace" | b"enspace" | b"qmspace" => self.push_char(' '),
            b"emdash" => self.push_char('—'),
            b"endash" => self.push_char('–'),
            b"lquote" => self.push_char('‘'),
            b"rquote" => self.push_char('’'),
            b"ldblquote" => self.push_char('“'),
            b"rdblquote" => self.push_char('”'),
            b"bullet" => self.push_char('•'),
            b"cell" => self.end_cell(1)?,
            b"nestcell" => self.end_cell(self.state.para.level().max(2))?,
            b"row" => self.end_row(1)?,
            b"nestrow" => self.end_row(self.state.para.level().max(2))?,
            b"page" => self.page_break(),
            b"pagebb" => {
                self.stories[self.state.story as usize].break_before = true;
            }
            b"sect" => {
                self.paragraph_mark();
                self.section_pending = true;
                self.stories[StoryId::Body as usize].break_before = true;
            }
            b"sbknone" | b"sbkcol" if self.section_pending => {
                self.stories[StoryId::Body as usize].break_before = false;
            }
            b"sbkpage" | b"sbkeven" | b"sbkodd" | b"sectd" if self.section_pending => {
                self.stories[StoryId::Body as usize].break_before = true;
            }
            b"ftnalt" if self.state.story == StoryId::Footnote => {
                self.state.story = StoryId::Endnote;
            }
            _ => {}
        }
        Ok(())
    }

    fn set_font_field(&mut self, f: impl FnOnce(&mut FontEntry)) {
        if let Some(entry) = self.font_in_table.and_then(|n| self.fonts.get_mut(&n)) {
            f(entry);
        }
    }

    /// Starts a destination in the current group.
    fn enter(&mut self, dest: Dest, word: &[u8]) {
        if self.state.dest == Dest::Skip {
            return;
        }
        let story = match word {
            b"header" | b"headerl" | b"headerr" | b"headerf" | b"headerfirst" => {
                Some(StoryId::Header)
            }
            b"footer" | b"footerl" | b"footerr" | b"footerf" | b"footerfirst" => {
                Some(StoryId::Footer)
            }
            b"footnote" => Some(StoryId::Footnote),
            _ => None,
        };
        match (dest, self.state.dest) {
            (Dest::Title, Dest::Info) => self.state.dest = Dest::Title,
            (Dest::Title, _) => self.state.dest = Dest::Skip,
            (Dest::Text, Dest::Info | Dest::Title) => self.state.dest = Dest::Skip,
            (Dest::Text, _) => {
                if let Some(s) = story {
                    // A story starts with default paragraph properties, outside any table.
                    self.state.story = s;
                    self.state.para = ParaProps::default();
                }
            }
            (d, _) => self.state.dest = d,
        }
    }

    fn unicode(&mut self, n: i32) {
        let unit = n as u16; // negative values are the UTF-16 unit plus 65536
        self.skip_fallback = self.state.uc;
        let c = match unit {
            0xD800..=0xDBFF => {
                self.high_surrogate = Some(unit);
                return;
            }
            0xDC00..=0xDFFF => {
                let Some(high) = self.high_surrogate.take() else {
                    return;
                };
                let code =
                    0x10000 + ((u32::from(high) - 0xD800) << 10) + (u32::from(unit) - 0xDC00);
                char::from_u32(code)
            }
            _ => char::from_u32(u32::from(unit)),
        };
        self.high_surrogate = None;
        if let Some(c) = c {
            self.push_char(c);
        }
    }

    /// `\par`: ends the paragraph at its table level.
    fn paragraph_mark(&mut self) {
        if self.state.dest != Dest::Text {
            return;
        }
        let story = self.state.story;
        let level = self.state.para.level();
        self.end_paragraph(story, level);
    }

    /// Finishes the paragraph in progress into the table cell at `level` (or the story).
    fn end_paragraph(&mut self, story_id: StoryId, level: usize) {
        let story = &mut self.stories[story_id as usize];
        let runs = std::mem::take(&mut story.runs);
        let block = paragraph_block(runs, story_id.role());
        // A paragraph outside a table ends every open table; inside, deeper ones end.
        self.close_tables(story_id, level);
        let story = &mut self.stories[story_id as usize];
        while story.tables.len() < level {
            story.tables.push(TableBuild::default());
        }
        if let Some(b) = block {
            match story.tables.last_mut() {
                Some(t) => t.blocks.push(b),
                None => story.items.push(Item::Block(b)),
            }
        }
    }

    /// Closes the tables nested deeper than `level`, each into its parent's cell.
    fn close_tables(&mut self, story_id: StoryId, level: usize) {
        let story = &mut self.stories[story_id as usize];
        while story.tables.len() > level {
            let Some(t) = story.tables.pop() else {
                break;
            };
            if let Some(b) = t.into_block() {
                match story.tables.last_mut() {
                    Some(parent) => parent.blocks.push(b),
                    None => story.items.push(Item::Block(b)),
                }
            }
        }
    }

    fn end_cell(&mut self, level: usize) -> Result<(), ParseError> {
        if self.state.dest != Dest::Text {
            return Ok(());
        }
        let story = self.state.story;
        self.end_paragraph(story, level.min(self.limits.max_xml_depth));
        if let Some(t) = self.stories[story as usize].tables.last_mut() {
            t.close_cell();
        }
        Ok(())
    }

    fn end_row(&mut self, level: usize) -> Result<(), ParseError> {
        if self.state.dest != Dest::Text {
            return Ok(());
        }
        let story_id = self.state.story;
        let level = level.min(self.limits.max_xml_depth);
        // Text typed after the last `\cell` of a row is not Word's; keep it in a cell.
        self.end_paragraph(story_id, level);
        if let Some(t) = self.stories[story_id as usize].tables.last_mut() {
            t.close_row();
        }
        Ok(())
    }

    fn page_break(&mut self) {
        if self.state.dest != Dest::Text || self.state.story != StoryId::Body {
            return;
        }
        if self.state.para.level() > 0 {
            // Word moves a break typed in a cell out of the table; the rows stay whole.
            return;
        }
        // What came before the break ends the previous page.
        self.end_paragraph(StoryId::Body, 0);
        self.stories[StoryId::Body as usize].items.push(Item::Break);
    }

    fn end(mut self) -> Result<Document, ParseError> {
        self.flush_bytes();
        if !self.done {
            self.warnings.push(format!(
                "the file ends inside {} open groups (truncated?)",
                self.stack.len()
            ));
        }
        for story in [
            StoryId::Body,
            StoryId::Header,
            StoryId::Footer,
            StoryId::Footnote,
            StoryId::Endnote,
        ] {
            self.end_paragraph(story, 0);
        }
        let mut doc = Document::new(Format::Rtf);
        for w in std::mem::take(&mut self.warnings) {
            doc.warn(WarningKind::Other, None, w);
        }
        let [body, header, footer, footnote, endnote] = std::mem::take(&mut self.stories);
        let blocks = |s: Story| -> Vec<Block> {
            s.items
                .into_iter()
                .filter_map(|i| match i {
                    Item::Block(b) => Some(b),
                    Item::Break | Item::Image(_) => None,
                })
                .collect()
        };
        let mut pages = flow::paginate(body.items, self.limits.max_pages, &mut doc);
        let mut notes = blocks(footnote);
        notes.extend(blocks(endnote));
        flow::place_side_stories(&mut pages, blocks(header), blocks(footer), notes);
        let title = self.title.trim();
        if !title.is_empty() {
            doc.meta.title = Some(title.to_string());
        }
        flow::finish(&mut doc, pages);
        Ok(doc)
    }
}

/// The destination a control word starts, if it starts one.
fn destination(word: &[u8], starred: bool) -> Option<Dest> {
    Some(match word {
        b"fonttbl" => Dest::FontTable,
        b"info" => Dest::Info,
        b"title" => Dest::Title,
        // Content that is page text (or holds it).
        b"header" | b"headerl" | b"headerr" | b"headerf" | b"headerfirst" | b"footer"
        | b"footerl" | b"footerr" | b"footerf" | b"footerfirst" | b"footnote" | b"fldrslt"
        | b"nesttableprops" | b"shptxt" => Dest::Text,
        b"colortbl"
        | b"stylesheet"
        | b"pict"
        | b"upr"
        | b"fldinst"
        | b"nonesttables"
        | b"nonshppict"
        | b"listtable"
        | b"listoverridetable"
        | b"revtbl"
        | b"rsidtbl"
        | b"xmlnstbl"
        | b"author"
        | b"operator"
        | b"subject"
        | b"keywords"
        | b"comment"
        | b"doccomm"
        | b"company"
        | b"manager"
        | b"category"
        | b"hlinkbase"
        | b"objdata"
        | b"objclass"
        | b"themedata"
        | b"colorschememapping"
        | b"latentstyles"
        | b"datastore"
        | b"generator"
        | b"filetbl"
        | b"pgdsctbl"
        | b"tc"
        | b"tcn"
        | b"xe"
        | b"txe"
        | b"annotation"
        | b"atnid"
        | b"atnauthor"
        | b"atrfstart"
        | b"atrfend"
        | b"bkmkstart"
        | b"bkmkend"
        | b"userprops"
        | b"template"
        | b"private"
        | b"pn"
        | b"falt"
        | b"panose"
        | b"sp"
        | b"shpinst"
        | b"macpict"
        | b"wmetafile"
        | b"dibitmap"
        | b"wbitmap"
        | b"pnseclvl"
        | b"buptim"
        | b"creatim"
        | b"revtim"
        | b"printim"
        | b"docvar" => Dest::Skip,
        // An optional destination this reader does not know is not text.
        _ if starred => Dest::Skip,
        _ => return None,
    })
}

/// A paragraph block, or `None` when it shows no text.
fn paragraph_block(runs: Vec<Run>, role: Role) -> Option<Block> {
    if runs.iter().all(|r| r.text.trim().is_empty()) {
        return None;
    }
    Some(Block::Paragraph(Paragraph { role, runs }))
}
