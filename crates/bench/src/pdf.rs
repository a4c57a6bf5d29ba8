//! Lays a [`Report`] out on A4 pages and writes it as a PDF the way Word or
//! LibreOffice do for Vietnamese text: a subset TrueType font embedded as a
//! Type0/CIDFontType2 font with Identity-H encoding, /W widths, an identity
//! CIDToGIDMap and a ToUnicode CMap, content streams Flate-compressed.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use lopdf::{dictionary, Dictionary, Object, Stream};
use subsetter::GlyphRemapper;

use crate::content::{Block, Report, Table};
use crate::font::{fonts, Font, Fonts};
use crate::GenerateError;

const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
/// 3 cm left, 2 cm right/top/bottom: the margins Nghị định 30/2020 prescribes.
const LEFT: f32 = 85.0;
const RIGHT: f32 = 56.7;
const TOP: f32 = 56.7;
const BOTTOM: f32 = 56.7;
const TEXT_W: f32 = PAGE_W - LEFT - RIGHT;
const BODY: f32 = 13.0;
const LEADING: f32 = 1.3;

/// One line of text placed on a page.
#[derive(Debug, Clone)]
struct Run {
    x: f32,
    /// Baseline, from the top of the page.
    y: f32,
    size: f32,
    bold: bool,
    text: String,
    /// Extra space after each space glyph, in points (justification).
    word_gap: f32,
}

/// One page's drawing: text runs and ruling lines (x1, y1, x2, y2 from the top).
#[derive(Debug, Default, Clone)]
struct PageOps {
    runs: Vec<Run>,
    rules: Vec<[f32; 4]>,
}

#[derive(Clone, Copy, PartialEq)]
enum Align {
    Left,
    Center,
    Right,
    Justify,
}

/// A laid-out document: its pages, and the page each body block starts on
/// (the DOCX writer breaks pages at the same blocks).
pub struct Laid {
    pages: Vec<PageOps>,
    /// Index into the body of every block that starts a new page.
    pub body_page_starts: Vec<usize>,
}

impl Laid {
    /// Number of pages.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }
}

struct Layout<'f> {
    fonts: &'f Fonts,
    pages: Vec<PageOps>,
    /// Top of the next line, from the top of the page.
    y: f32,
}

impl<'f> Layout<'f> {
    fn new(fonts: &'f Fonts) -> Self {
        Layout {
            fonts,
            pages: vec![PageOps::default()],
            y: TOP,
        }
    }

    fn page(&mut self) -> &mut PageOps {
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn new_page(&mut self) {
        self.pages.push(PageOps::default());
        self.y = TOP;
        // Page numbers sit centred in the top margin from page 2 on, as the decree asks.
        let number = self.pages.len().to_string();
        let w = self.fonts.regular.width(&number, 11.0);
        self.page().runs.push(Run {
            x: (PAGE_W + LEFT - RIGHT - w) / 2.0,
            y: TOP - 18.0,
            size: 11.0,
            bold: false,
            text: number,
            word_gap: 0.0,
        });
    }

    /// Starts a new page unless `height` more points fit on this one.
    fn ensure(&mut self, height: f32) {
        if self.y + height > PAGE_H - BOTTOM && self.y > TOP + 1.0 {
            self.new_page();
        }
    }

    /// Wraps `text` into lines no wider than `width` (the first `first_indent` narrower).
    fn wrap(
        &self,
        text: &str,
        size: f32,
        bold: bool,
        width: f32,
        first_indent: f32,
    ) -> Vec<String> {
        let font = self.fonts.get(bold);
        let space = font.width(" ", size);
        let mut lines = Vec::new();
        let mut line = String::new();
        let mut line_w = 0.0;
        let mut limit = width - first_indent;
        for word in text.split(' ').filter(|w| !w.is_empty()) {
            let ww = font.width(word, size);
            if !line.is_empty() && line_w + space + ww > limit {
                lines.push(std::mem::take(&mut line));
                line_w = 0.0;
                limit = width;
            }
            if line.is_empty() && ww > limit {
                // A word wider than the column is cut where it overflows.
                let mut piece = String::new();
                let mut pw = 0.0;
                for c in word.chars() {
                    let cw = font.width(c.encode_utf8(&mut [0; 4]), size);
                    if pw + cw > limit && !piece.is_empty() {
                        lines.push(std::mem::take(&mut piece));
                        pw = 0.0;
                        limit = width;
                    }
                    piece.push(c);
                    pw += cw;
                }
                line = piece;
                line_w = pw;
                continue;
            }
            if !line.is_empty() {
                line.push(' ');
                line_w += space;
            }
            line.push_str(word);
            line_w += ww;
        }
        if !line.is_empty() || lines.is_empty() {
            lines.push(line);
        }
        lines
    }

    /// Places one line at the cursor inside the column `x0..x0+width`.
    fn place(
        &mut self,
        text: String,
        size: f32,
        bold: bool,
        (x0, width): (f32, f32),
        align: Align,
        last: bool,
    ) {
        let font = self.fonts.get(bold);
        let w = font.width(&text, size);
        let (x, gap) = match align {
            Align::Left => (x0, 0.0),
            Align::Center => (x0 + (width - w) / 2.0, 0.0),
            Align::Right => (x0 + width - w, 0.0),
            Align::Justify => {
                let spaces = text.matches(' ').count();
                if last || spaces == 0 {
                    (x0, 0.0)
                } else {
                    (x0, ((width - w) / spaces as f32).max(0.0))
                }
            }
        };
        let baseline = self.y + size * 0.95;
        self.page().runs.push(Run {
            x,
            y: baseline,
            size,
            bold,
            text,
            word_gap: gap,
        });
        self.y += size * LEADING;
    }

    fn paragraph(
        &mut self,
        text: &str,
        size: f32,
        bold: bool,
        align: Align,
        indent: f32,
        after: f32,
    ) {
        let lines = self.wrap(text, size, bold, TEXT_W, indent);
        let n = lines.len();
        for (i, line) in lines.into_iter().enumerate() {
            self.ensure(size * LEADING);
            let x0 = if i == 0 { LEFT + indent } else { LEFT };
            let w = if i == 0 { TEXT_W - indent } else { TEXT_W };
            self.place(line, size, bold, (x0, w), align, i + 1 == n);
        }
        self.y += after;
    }

    /// Two independent columns side by side (header, signature); returns nothing,
    /// leaves the cursor under the longer one.
    fn columns(
        &mut self,
        left: &[(String, f32, bool)],
        right: &[(String, f32, bool)],
        split: f32,
        rules: (bool, bool),
    ) {
        let top = self.y;
        let left_w = TEXT_W * split;
        let right_x = LEFT + left_w;
        let right_w = TEXT_W - left_w;
        let mut bottoms = [top, top];
        for (col, lines, x0, w) in [
            (0, left, LEFT - 20.0, left_w + 10.0),
            (1, right, right_x, right_w + 10.0),
        ] {
            self.y = top;
            for (i, (text, size, bold)) in lines.iter().enumerate() {
                for part in self.wrap(text, *size, *bold, w, 0.0) {
                    self.place(part, *size, *bold, (x0, w), Align::Center, true);
                }
                // The short rule under the agency name and under the motto.
                let rule = if col == 0 { rules.0 } else { rules.1 };
                if rule && i == 1 {
                    let cx = x0 + w / 2.0;
                    let y = self.y - 2.0;
                    self.page().rules.push([cx - 40.0, y, cx + 40.0, y]);
                    self.y += 4.0;
                }
            }
            bottoms[col] = self.y;
        }
        self.y = bottoms[0].max(bottoms[1]);
    }

    fn table(&mut self, t: &Table) {
        let size = 11.0;
        let pad = 3.0;
        let xs: Vec<f32> = std::iter::once(0.0)
            .chain(t.widths.iter().scan(0.0, |acc, w| {
                *acc += w * TEXT_W;
                Some(*acc)
            }))
            .map(|x| LEFT + x)
            .collect();
        let rows = std::iter::once((&t.header, true)).chain(t.rows.iter().map(|r| (r, false)));
        for (row, header) in rows {
            let cells: Vec<Vec<String>> = row
                .iter()
                .enumerate()
                .map(|(i, cell)| self.wrap(cell, size, header, xs[i + 1] - xs[i] - 2.0 * pad, 0.0))
                .collect();
            let lines = cells.iter().map(Vec::len).max().unwrap_or(1);
            let height = lines as f32 * size * LEADING + 2.0 * pad;
            self.ensure(height);
            let top = self.y;
            for (i, cell) in cells.into_iter().enumerate() {
                self.y = top + pad;
                let align = if header {
                    Align::Center
                } else if t.numeric.get(i).copied().unwrap_or(false) {
                    Align::Right
                } else {
                    Align::Left
                };
                let (x0, w) = (xs[i] + pad, xs[i + 1] - xs[i] - 2.0 * pad);
                for line in cell {
                    self.place(line, size, header, (x0, w), align, true);
                }
            }
            let bottom = top + height;
            let page = self.page();
            page.rules.push([xs[0], top, xs[xs.len() - 1], top]);
            page.rules.push([xs[0], bottom, xs[xs.len() - 1], bottom]);
            for &x in &xs {
                page.rules.push([x, top, x, bottom]);
            }
            self.y = bottom;
        }
        self.y += 8.0;
    }
}

/// Lays `report` out; `number_split` prints the own number over two lines.
pub fn layout(report: &Report) -> Result<Laid, GenerateError> {
    let fonts = fonts()?;
    let mut l = Layout::new(fonts);

    let mut left: Vec<(String, f32, bool)> = Vec::new();
    if let Some(parent) = &report.parent_agency {
        left.push((parent.clone(), 12.0, false));
    }
    left.push((report.agency.clone(), 12.0, true));
    let number = format!("Số: {}", report.number);
    if report.truth.number_split {
        let cut = number.rfind('-').map_or(number.len(), |i| i + 1);
        left.push((number[..cut].to_string(), 13.0, false));
        left.push((number[cut..].to_string(), 13.0, false));
    } else {
        left.push((number, 13.0, false));
    }
    if report.addressee.is_some() && report.truth.kind_code == "CV" {
        for line in &report.subject_lines {
            left.push((line.clone(), 11.0, false));
        }
    }
    let right = vec![
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".to_string(), 11.0, true),
        ("Độc lập - Tự do - Hạnh phúc".to_string(), 12.0, true),
        (report.date_line.clone(), 12.0, false),
    ];
    let right = if report.truth.old_tones {
        right
            .into_iter()
            .map(|(t, s, b)| (crate::content::old_tone_style(&t), s, b))
            .collect()
    } else {
        right
    };
    let agency_rule = report.parent_agency.is_some();
    l.columns(&left, &right, 0.42, (agency_rule, true));
    l.y += 14.0;

    if report.truth.kind_code != "CV" {
        l.paragraph(&report.truth.kind, 14.0, true, Align::Center, 0.0, 0.0);
        for line in &report.subject_lines {
            l.paragraph(line, 13.0, true, Align::Center, 0.0, 0.0);
        }
        l.y += 10.0;
    }
    if let Some(authority) = &report.authority {
        l.paragraph(authority, 13.0, true, Align::Center, 0.0, 8.0);
    }
    if let Some(addressee) = &report.addressee {
        l.paragraph(addressee, BODY, false, Align::Center, 0.0, 8.0);
    }

    let mut body_page_starts = Vec::new();
    for (i, block) in report.body.iter().enumerate() {
        let before = l.pages.len();
        match block {
            Block::Heading { text, level } => {
                l.ensure(BODY * LEADING * 3.0);
                let bold = *level < 2;
                l.paragraph(text, BODY, bold, Align::Left, 28.0, 3.0);
            }
            Block::Paragraph { text } => l.paragraph(text, BODY, false, Align::Justify, 28.0, 4.0),
            Block::Centered { text } => l.paragraph(text, BODY, true, Align::Center, 0.0, 6.0),
            Block::Table(t) => l.table(t),
        }
        if l.pages.len() > before {
            body_page_starts.push(i);
        }
    }

    // Recipients and signature stay together, as Word keeps them in one table row.
    let mut rec: Vec<(String, f32, bool)> = vec![("Nơi nhận:".into(), 11.0, true)];
    rec.extend(report.recipients.iter().map(|r| (r.clone(), 10.0, false)));
    let mut sig: Vec<(String, f32, bool)> = report
        .signer_titles
        .iter()
        .map(|t| (t.clone(), 13.0, true))
        .collect();
    for _ in 0..3 {
        sig.push((String::new(), 13.0, false));
    }
    sig.push((report.signer.clone(), 13.0, true));
    let height = rec.len().max(sig.len()) as f32 * 13.0 * LEADING + 10.0;
    l.y += 10.0;
    l.ensure(height);
    l.columns(&rec, &sig, 0.5, (false, false));

    Ok(Laid {
        pages: l.pages,
        body_page_starts,
    })
}

/// Glyphs one document uses from one face, with the text they stand for.
struct FontUse {
    remapper: GlyphRemapper,
    /// CID → Unicode text, for the ToUnicode CMap.
    unicode: BTreeMap<u16, char>,
}

impl FontUse {
    fn new() -> Self {
        FontUse {
            remapper: GlyphRemapper::new(),
            unicode: BTreeMap::new(),
        }
    }

    /// Appends the 2-byte CIDs of `text` as hex digits.
    fn encode(&mut self, font: &Font, text: &str, out: &mut String) {
        for c in text.chars() {
            let (gid, _) = font.glyph(c);
            let cid = self.remapper.remap(gid);
            if gid != 0 {
                self.unicode.entry(cid).or_insert(c);
            }
            let _ = write!(out, "{cid:04X}");
        }
    }
}

fn content_stream(page: &PageOps, fonts: &Fonts, uses: &mut [FontUse; 2]) -> Vec<u8> {
    let mut s = String::with_capacity(page.runs.len() * 120);
    if !page.rules.is_empty() {
        s.push_str("0.5 w\n");
        for r in &page.rules {
            let _ = writeln!(
                s,
                "{:.2} {:.2} m {:.2} {:.2} l S",
                r[0],
                PAGE_H - r[1],
                r[2],
                PAGE_H - r[3]
            );
        }
    }
    for run in &page.runs {
        if run.text.is_empty() {
            continue;
        }
        let (name, font, use_) = if run.bold {
            ("F2", &fonts.bold, &mut uses[1])
        } else {
            ("F1", &fonts.regular, &mut uses[0])
        };
        let _ = write!(
            s,
            "BT\n/{name} {} Tf\n{:.2} {:.2} Td\n[<",
            run.size,
            run.x,
            PAGE_H - run.y
        );
        if run.word_gap > 0.01 {
            // TJ adjustments move the next glyph left by n/1000 em: negative widens.
            let adjust = -(run.word_gap * 1000.0 / run.size);
            let mut words = run.text.split(' ').peekable();
            while let Some(word) = words.next() {
                use_.encode(font, word, &mut s);
                if words.peek().is_some() {
                    use_.encode(font, " ", &mut s);
                    let _ = write!(s, "> {adjust:.0} <");
                }
            }
        } else {
            use_.encode(font, &run.text, &mut s);
        }
        s.push_str(">] TJ\nET\n");
    }
    s.into_bytes()
}

/// `ToUnicode` CMap: every CID to its UTF-16BE text, runs as bfrange.
fn to_unicode_cmap(unicode: &BTreeMap<u16, char>) -> Vec<u8> {
    let mut entries: Vec<(u16, u16, String)> = Vec::new(); // (first cid, last cid, first utf16 hex)
    let mut singles: Vec<(u16, String)> = Vec::new();
    let utf16 = |c: char| {
        let mut buf = [0u16; 2];
        c.encode_utf16(&mut buf)
            .iter()
            .map(|u| format!("{u:04X}"))
            .collect::<String>()
    };
    let items: Vec<(u16, char)> = unicode.iter().map(|(&k, &v)| (k, v)).collect();
    let mut i = 0;
    while i < items.len() {
        let (cid, c) = items[i];
        let mut j = i;
        // A range may not cross a 256-CID boundary (last byte of the code varies only).
        while j + 1 < items.len()
            && items[j + 1].0 == items[j].0 + 1
            && items[j + 1].1 as u32 == items[j].1 as u32 + 1
            && items[j + 1].0 >> 8 == cid >> 8
            && (c as u32) < 0x10000
        {
            j += 1;
        }
        if j > i {
            entries.push((cid, items[j].0, utf16(c)));
        } else {
            singles.push((cid, utf16(c)));
        }
        i = j + 1;
    }
    let mut s = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    for chunk in singles.chunks(100) {
        let _ = writeln!(s, "{} beginbfchar", chunk.len());
        for (cid, u) in chunk {
            let _ = writeln!(s, "<{cid:04X}> <{u}>");
        }
        s.push_str("endbfchar\n");
    }
    for chunk in entries.chunks(100) {
        let _ = writeln!(s, "{} beginbfrange", chunk.len());
        for (a, b, u) in chunk {
            let _ = writeln!(s, "<{a:04X}> <{b:04X}> <{u}>");
        }
        s.push_str("endbfrange\n");
    }
    s.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    s.into_bytes()
}

/// Six capital letters naming the subset, derived from the glyphs it holds.
fn subset_tag(remapper: &GlyphRemapper, salt: u64) -> String {
    let mut h: u64 = 0xCBF2_9CE4_8422_2325 ^ salt;
    for g in remapper.remapped_gids() {
        h = (h ^ u64::from(g)).wrapping_mul(0x0100_0000_01B3);
    }
    (0..6)
        .map(|i| (b'A' + ((h >> (i * 8)) % 26) as u8) as char)
        .collect()
}

fn compressed(dict: Dictionary, data: Vec<u8>) -> Result<Stream, GenerateError> {
    let mut stream = Stream::new(dict, data);
    stream
        .compress()
        .map_err(|e| GenerateError::Pdf(e.to_string()))?;
    Ok(stream)
}

fn font_objects(
    doc: &mut lopdf::Document,
    font: &Font,
    use_: &FontUse,
    salt: u64,
) -> Result<lopdf::ObjectId, GenerateError> {
    let subset = subsetter::subset(font.data, 0, &use_.remapper)
        .map_err(|e| GenerateError::Font(format!("{e:?}")))?;
    let base = format!("{}+{}", subset_tag(&use_.remapper, salt), font.name);
    let length1 = subset.len() as i64;
    let file = compressed(dictionary! { "Length1" => length1 }, subset)?;
    let file_id = doc.add_object(file);
    let (ascent, descent, cap, bbox) = font.descriptor_metrics();
    let descriptor_id = doc.add_object(dictionary! {
        "Type" => "FontDescriptor",
        "FontName" => Object::Name(base.clone().into_bytes()),
        // Serif + nonsymbolic.
        "Flags" => 34,
        "FontBBox" => bbox.iter().map(|&v| Object::Integer(i64::from(v))).collect::<Vec<_>>(),
        "ItalicAngle" => 0,
        "Ascent" => ascent,
        "Descent" => descent,
        "CapHeight" => cap,
        "StemV" => 80,
        "FontFile2" => file_id,
    });
    let widths: Vec<Object> = use_
        .remapper
        .remapped_gids()
        .map(|gid| Object::Integer(i64::from(font.glyph_width(gid))))
        .collect();
    let cid_font_id = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType2",
        "BaseFont" => Object::Name(base.clone().into_bytes()),
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("Identity"),
            "Supplement" => 0,
        },
        "FontDescriptor" => descriptor_id,
        "DW" => 1000,
        "W" => vec![Object::Integer(0), Object::Array(widths)],
        "CIDToGIDMap" => "Identity",
    });
    let cmap = compressed(dictionary! {}, to_unicode_cmap(&use_.unicode))?;
    let cmap_id = doc.add_object(cmap);
    Ok(doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => Object::Name(base.into_bytes()),
        "Encoding" => "Identity-H",
        "DescendantFonts" => vec![Object::Reference(cid_font_id)],
        "ToUnicode" => cmap_id,
    }))
}

/// Writes a laid-out report as PDF bytes; `salt` varies the subset tags between documents.
pub fn write_pdf(laid: &Laid, title: &str, salt: u64) -> Result<Vec<u8>, GenerateError> {
    let fonts = fonts()?;
    let mut uses = [FontUse::new(), FontUse::new()];
    let streams: Vec<Vec<u8>> = laid
        .pages
        .iter()
        .map(|p| content_stream(p, fonts, &mut uses))
        .collect();

    let mut doc = lopdf::Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let f1 = font_objects(&mut doc, &fonts.regular, &uses[0], salt)?;
    let f2 = font_objects(&mut doc, &fonts.bold, &uses[1], salt)?;
    let resources_id = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => f1, "F2" => f2 },
    });
    let mut kids = Vec::with_capacity(streams.len());
    for data in streams {
        let content_id = doc.add_object(compressed(dictionary! {}, data)?);
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "Contents" => content_id,
            "Resources" => resources_id,
            "MediaBox" => vec![0.into(), 0.into(), Object::Real(PAGE_W), Object::Real(PAGE_H)],
        });
        kids.push(Object::Reference(page_id));
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    let info_id = doc.add_object(dictionary! {
        "Producer" => Object::string_literal("vanban-bench"),
        "Title" => Object::String(utf16be_with_bom(title), lopdf::StringFormat::Hexadecimal),
    });
    doc.trailer.set("Root", catalog_id);
    doc.trailer.set("Info", info_id);
    let mut out = Vec::new();
    doc.save_to(&mut out)
        .map_err(|e| GenerateError::Pdf(e.to_string()))?;
    Ok(out)
}

fn utf16be_with_bom(s: &str) -> Vec<u8> {
    let mut out = vec![0xFE, 0xFF];
    for u in s.encode_utf16() {
        out.extend_from_slice(&u.to_be_bytes());
    }
    out
}
