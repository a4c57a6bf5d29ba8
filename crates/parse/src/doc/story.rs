//! Builds blocks from a story's characters: paragraphs at paragraph marks, tables from
//! cell and row marks with their in-table paragraph properties, fields reduced to
//! their results, special characters turned into the text a reader sees.
//!
//! Text rules (the same as the DOCX reader's, so facts read alike): a tab becomes a
//! space (`\t` separates table cells); a line break (0x0B) and a column break (0x0E)
//! become `\n`; a non-breaking hyphen (0x1E) becomes `-`; an optional hyphen (0x1F) is
//! dropped (in a legacy 8-bit font it is the byte 0xAD, TCVN3 `ư`, which Word took for
//! an optional hyphen when it was typed); field codes are dropped and field results kept, nested fields included;
//! object anchors (0x01, 0x08), note reference marks (0x02) and other special
//! characters are dropped, so a mark cannot glue itself onto a number; hidden and
//! tracked-deleted text is dropped; paragraphs with no visible text are dropped
//! (outside tables) because they are only spacing.

use std::collections::BTreeMap;

use super::fkp::FcRuns;
use super::lists::Lists;
use super::sprm;
use super::styles::{CharProps, StyleSheet};
use super::text::{run_text, Chars};
use crate::{Block, Cell, Paragraph, Role, Row, Run, Table};

/// Deepest field nesting tracked; deeper fields are only counted.
const MAX_FIELD_DEPTH: usize = 64;
/// Deepest table nesting built; deeper cells are read as cells of the deepest table.
const MAX_TABLE_DEPTH: usize = 32;

/// Story content in order, with page-break markers for the body.
#[derive(Debug)]
pub(crate) enum Item {
    /// A finished top-level block.
    Block(Block),
    /// A page or section break (0x0C) or a paragraph that starts a new page.
    Break,
}

/// What the builder needs besides the characters.
pub(crate) struct Context<'a> {
    /// Paragraph formatting by FC.
    pub(crate) papx: &'a FcRuns<'a>,
    /// Styles.
    pub(crate) styles: &'a StyleSheet,
    /// Font names by index.
    pub(crate) fonts: &'a [String],
    /// List definitions, for automatic numbers.
    pub(crate) lists: &'a Lists,
}

/// Paragraph properties read from the PAPX of a paragraph's mark.
#[derive(Debug, Default, Clone, Copy)]
struct ParaProps {
    istd: u16,
    in_table: bool,
    ttp: bool,
    itap: u32,
    inner_cell: bool,
    inner_ttp: bool,
    page_break_before: bool,
    ilfo: u16,
    ilvl: u8,
}

impl ParaProps {
    fn at(papx: &FcRuns<'_>, fc: u32) -> ParaProps {
        let mut p = ParaProps::default();
        let Some(run) = papx.at(u64::from(fc)) else {
            return p;
        };
        p.istd = run.istd;
        for s in sprm::iter(run.grpprl) {
            match s.op {
                sprm::P_F_IN_TABLE => p.in_table = s.byte() != 0,
                sprm::P_F_TTP => p.ttp = s.byte() != 0,
                sprm::P_ITAP => p.itap = s.dword(),
                sprm::P_F_INNER_TABLE_CELL => p.inner_cell = s.byte() != 0,
                sprm::P_F_INNER_TTP => p.inner_ttp = s.byte() != 0,
                sprm::P_F_PAGE_BREAK_BEFORE => p.page_break_before = s.byte() != 0,
                sprm::P_ILFO => p.ilfo = s.word(),
                sprm::P_ILVL => p.ilvl = s.byte(),
                _ => {}
            }
        }
        p
    }

    /// Table nesting depth of the paragraph (0 outside tables).
    fn depth(&self) -> usize {
        let d = if self.itap > 0 {
            self.itap as usize
        } else {
            usize::from(self.in_table)
        };
        d.min(MAX_TABLE_DEPTH)
    }
}

#[derive(Default)]
struct TableFrame {
    rows: Vec<Row>,
    cells: Vec<Cell>,
    blocks: Vec<Block>,
}

impl TableFrame {
    fn end_cell(&mut self) {
        self.cells.push(Cell {
            blocks: std::mem::take(&mut self.blocks),
        });
    }

    fn end_row(&mut self) {
        if !self.blocks.is_empty() {
            self.end_cell();
        }
        let cells = std::mem::take(&mut self.cells);
        if !cells.is_empty() {
            self.rows.push(Row { cells });
        }
    }

    fn finish(mut self) -> Option<Table> {
        if !self.blocks.is_empty() || !self.cells.is_empty() {
            self.end_row();
        }
        (!self.rows.is_empty()).then_some(Table { rows: self.rows })
    }
}

/// Builds one story's blocks.
pub(crate) struct Builder<'a> {
    ctx: &'a Context<'a>,
    role: Role,
    items: Vec<Item>,
    tables: Vec<TableFrame>,
    /// Text boxes to place after the paragraph that anchors them, by anchor CP.
    anchored: BTreeMap<u32, Vec<Block>>,
    /// List counters: (list id, level) → current number.
    counters: BTreeMap<(u16, u8), u32>,
}

/// The paragraph being collected: runs of code units with their direct formatting.
#[derive(Default)]
struct Pending {
    runs: Vec<(CharProps, Vec<(u16, bool)>)>,
}

impl<'a> Builder<'a> {
    /// A builder for a story whose paragraphs get `role`.
    pub(crate) fn new(ctx: &'a Context<'a>, role: Role) -> Self {
        Builder {
            ctx,
            role,
            items: Vec::new(),
            tables: Vec::new(),
            anchored: BTreeMap::new(),
            counters: BTreeMap::new(),
        }
    }

    /// Places `blocks` (a text box) after the paragraph holding CP `cp`.
    pub(crate) fn anchor(&mut self, cp: u32, blocks: Vec<Block>) {
        self.anchored.entry(cp).or_default().extend(blocks);
    }

    /// Reads the characters and returns the story's items.
    pub(crate) fn build(mut self, chars: &Chars) -> Vec<Item> {
        let mut pending = Pending::default();
        // Each open field: true while in its code (before the separator).
        let mut fields: Vec<bool> = Vec::new();
        let mut field_overflow = 0usize;
        for ch in &chars.chars {
            let props = chars
                .props
                .get(ch.run as usize)
                .copied()
                .unwrap_or_default();
            match ch.unit {
                0x13 => {
                    if fields.len() < MAX_FIELD_DEPTH {
                        fields.push(true);
                    } else {
                        field_overflow += 1;
                    }
                    continue;
                }
                0x14 => {
                    if field_overflow == 0 {
                        if let Some(top) = fields.last_mut() {
                            *top = false;
                        }
                    }
                    continue;
                }
                0x15 => {
                    if field_overflow > 0 {
                        field_overflow -= 1;
                    } else {
                        fields.pop();
                    }
                    continue;
                }
                _ => {}
            }
            match ch.unit {
                0x0D | 0x07 => {
                    self.end_paragraph(&mut pending, ch.unit, ch.fc, ch.cp);
                    continue;
                }
                0x0C => {
                    self.end_paragraph(&mut pending, 0x0D, ch.fc, ch.cp);
                    if self.tables.is_empty() {
                        self.items.push(Item::Break);
                    }
                    continue;
                }
                _ => {}
            }
            let in_code = field_overflow > 0 || fields.iter().any(|&code| code);
            if in_code
                || props.vanish == Some(true)
                || props.deleted == Some(true)
                || props.special == Some(true)
            {
                continue;
            }
            let unit = match ch.unit {
                0x09 => u16::from(b' '),
                0x0B | 0x0E => u16::from(b'\n'),
                0x1E => u16::from(b'-'),
                // Resolved with the run's font (see `run_text`).
                0x1F => 0x1F,
                u if u < 0x20 => continue,
                u => u,
            };
            // Control replacements are ASCII and read the same in every encoding.
            let compressed = ch.compressed || unit < 0x80 && ch.unit < 0x20;
            match pending.runs.last_mut() {
                Some((run, units)) if *run == props => units.push((unit, compressed)),
                _ => pending.runs.push((props, vec![(unit, compressed)])),
            }
        }
        // A story that does not end with a mark (damaged or cut) keeps its last text.
        if !pending.runs.is_empty() {
            let fc = chars.chars.last().map_or(0, |c| c.fc);
            let cp = chars.chars.last().map_or(0, |c| c.cp);
            self.end_paragraph_with(&mut pending, 0x0D, ParaProps::at(self.ctx.papx, fc), cp);
        }
        while let Some(t) = self.tables.pop() {
            if let Some(table) = t.finish() {
                self.emit(Block::Table(table));
            }
        }
        let rest: Vec<Block> = std::mem::take(&mut self.anchored)
            .into_values()
            .flatten()
            .collect();
        for b in rest {
            self.emit(b);
        }
        self.items
    }

    fn end_paragraph(&mut self, pending: &mut Pending, mark: u16, fc: u32, cp: u32) {
        let props = ParaProps::at(self.ctx.papx, fc);
        self.end_paragraph_with(pending, mark, props, cp);
    }

    fn end_paragraph_with(&mut self, pending: &mut Pending, mark: u16, pp: ParaProps, cp: u32) {
        let depth = if mark == 0x07 && pp.depth() == 0 {
            // A cell mark without in-table properties (damaged PAPX): still a cell.
            1
        } else {
            pp.depth()
        };
        // Leaving tables deeper than this paragraph.
        while self.tables.len() > depth {
            if let Some(t) = self.tables.pop().and_then(TableFrame::finish) {
                self.emit(Block::Table(t));
            }
        }
        while self.tables.len() < depth {
            self.tables.push(TableFrame::default());
        }
        if pp.page_break_before && self.tables.is_empty() {
            self.items.push(Item::Break);
        }
        let row_end = if depth > 1 {
            pp.inner_ttp
        } else {
            pp.ttp && mark == 0x07
        };
        if row_end {
            // The row-end mark's paragraph holds no text, only the row's properties.
            pending.runs.clear();
            if let Some(t) = self.tables.last_mut() {
                t.end_row();
            }
            self.release_anchors(cp);
            return;
        }
        let cell_end = if depth > 1 {
            pp.inner_cell || mark == 0x07
        } else {
            depth == 1 && mark == 0x07
        };
        let para = self.paragraph(pending, &pp);
        if let Some(p) = para {
            self.emit(Block::Paragraph(p));
        }
        if cell_end {
            if let Some(t) = self.tables.last_mut() {
                t.end_cell();
            }
        }
        self.release_anchors(cp);
    }

    /// Emits the text boxes anchored at or before `cp`.
    fn release_anchors(&mut self, cp: u32) {
        while let Some(entry) = self.anchored.first_entry() {
            if *entry.key() > cp {
                break;
            }
            for b in entry.remove() {
                self.emit(b);
            }
        }
    }

    /// Builds the paragraph (fonts resolved now that its style is known).
    fn paragraph(&mut self, pending: &mut Pending, pp: &ParaProps) -> Option<Paragraph> {
        let runs = std::mem::take(&mut pending.runs);
        let para_style = self.ctx.styles.char_props(pp.istd);
        let mut out: Vec<Run> = Vec::with_capacity(runs.len());
        for (direct, units) in runs {
            let char_style = direct
                .istd
                .map(|i| self.ctx.styles.char_props_raw(i))
                .unwrap_or_default();
            let props = direct.over(char_style).over(para_style);
            let font = props
                .font()
                .and_then(|f| self.ctx.fonts.get(usize::from(f)))
                .filter(|n| !n.is_empty())
                .cloned();
            let text = run_text(&units, font.as_deref());
            match out.last_mut() {
                Some(last) if last.font == font => last.text.push_str(&text),
                _ => out.push(Run { text, font }),
            }
        }
        let visible = out
            .iter()
            .any(|r| r.text.chars().any(|c| !c.is_whitespace()));
        if !visible {
            return None;
        }
        if pp.ilfo > 0 {
            if let Some(label) = self.ctx.lists.label(pp.ilfo, pp.ilvl, &mut self.counters) {
                let font = label
                    .font
                    .and_then(|f| self.ctx.fonts.get(usize::from(f)))
                    .filter(|n| !n.is_empty())
                    .cloned()
                    .or_else(|| out.first().and_then(|r| r.font.clone()));
                let units: Vec<(u16, bool)> = label.units.iter().map(|&u| (u, false)).collect();
                let mut text = run_text(&units, font.as_deref());
                if !text.trim().is_empty() {
                    if label.space_after {
                        text.push(' ');
                    }
                    match out.first_mut() {
                        Some(first) if first.font == font => first.text.insert_str(0, &text),
                        _ => out.insert(0, Run { text, font }),
                    }
                }
            }
        }
        Some(Paragraph {
            role: self.role,
            runs: out,
        })
    }

    fn emit(&mut self, block: Block) {
        match self.tables.last_mut() {
            Some(t) => t.blocks.push(block),
            None => self.items.push(Item::Block(block)),
        }
    }
}
