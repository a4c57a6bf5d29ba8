//! The content-stream text interpreter: runs a page's operators (and those of
//! the form XObjects and annotation appearances it draws) and records every
//! glyph shown with its position, size, font and Unicode text.
//!
//! Written on lopdf instead of using pdf-extract because pdf-extract rebuilds
//! every font and re-parses its ToUnicode CMap on every page (most of its
//! time) and offers no way to keep them; here fonts are built once per
//! document, keyed by object id.

use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::font::Font;
use super::lexer::{Lexer, Token};

/// Form XObjects nested deeper than this are not drawn.
const MAX_FORM_DEPTH: usize = 32;
/// Form XObjects drawn on one page beyond this are not drawn (nested forms drawn many times each).
const MAX_FORMS_PER_PAGE: usize = 10_000;
/// Operators run on one page beyond this are not run.
const MAX_OPERATORS_PER_PAGE: usize = 20_000_000;
/// Glyphs recorded on one page beyond this are dropped.
const MAX_GLYPHS_PER_PAGE: usize = 2_000_000;
/// Graphics states saved (`q`) beyond this are not saved.
const MAX_SAVED_STATES: usize = 1_000;
/// Operands kept for one operator beyond this are dropped.
const MAX_OPERANDS: usize = 100_000;
/// Page-tree ancestry longer than this is treated as a cycle.
const MAX_PARENT_DEPTH: usize = 64;

/// An affine matrix `[a b c d e f]`.
pub(crate) type Matrix = [f64; 6];

const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `m` then `n`: the product `m × n` in PDF's row-vector convention.
fn mul(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

/// One glyph drawn on the page.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Glyph {
    /// Start of the glyph on the baseline, in page space.
    pub x: f32,
    /// Baseline height in page space (grows upwards).
    pub y: f32,
    /// Where the next glyph would start after this one's advance (character and word spacing included).
    pub end: f32,
    /// Effective font size in page space.
    pub size: f32,
    /// Index into [`PageGlyphs::fonts`].
    pub font: u16,
    /// Byte range of its text in [`PageGlyphs::text`]; empty when the font maps it to nothing.
    pub text_start: u32,
    /// Length of its text in bytes.
    pub text_len: u32,
    /// Whether this glyph begins a shown string (a `Tj`, or one string of a `TJ`).
    pub starts_string: bool,
    /// Whether its text is only whitespace.
    pub is_space: bool,
    /// Whether it was drawn by an annotation appearance, not the page content.
    pub from_annotation: bool,
}

/// Everything the interpreter recorded for one page.
#[derive(Debug, Default)]
pub(crate) struct PageGlyphs {
    /// Glyphs in drawing order.
    pub glyphs: Vec<Glyph>,
    /// Text of all glyphs.
    pub text: String,
    /// Font names, indexed by [`Glyph::font`].
    pub fonts: Vec<Rc<str>>,
    /// Whether the page (or a form it draws) draws an image.
    pub has_images: bool,
    /// Codes shown while no usable font was selected (counted as unmapped glyphs).
    pub fontless_codes: usize,
    /// Problems that cost part of the page (a stream that would not decode, a recursion cut).
    pub problems: Vec<String>,
}

impl PageGlyphs {
    /// The text of `g`.
    pub(crate) fn text_of(&self, g: &Glyph) -> &str {
        let start = g.text_start as usize;
        self.text
            .get(start..start + g.text_len as usize)
            .unwrap_or_default()
    }
}

/// Per-document caches: fonts by object id and decoded form streams.
#[derive(Default)]
pub(crate) struct DocCache {
    fonts: HashMap<FontKey, Rc<Font>>,
    forms: HashMap<ObjectId, Rc<[u8]>>,
    /// Names of every font selected anywhere in the document.
    pub font_names: BTreeSet<Rc<str>>,
}

/// A font is keyed by its object id, or by the address of a direct dictionary.
#[derive(Hash, PartialEq, Eq, Clone, Copy)]
enum FontKey {
    Id(ObjectId),
    Direct(usize),
}

#[derive(Clone)]
struct GraphicsState {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    font_index: u16,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    scale: f64,
    leading: f64,
    rise: f64,
}

impl Default for GraphicsState {
    fn default() -> Self {
        GraphicsState {
            ctm: IDENTITY,
            font: None,
            font_index: 0,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        }
    }
}

#[derive(Clone, Copy)]
enum Operand {
    Number(f64),
    Name(usize, usize),
    Str(usize, usize),
    ArrayOpen,
    ArrayClose,
    Other,
}

/// Runs one page and returns its glyphs.
pub(crate) fn run_page(
    doc: &Document,
    page_id: ObjectId,
    cache: &mut DocCache,
) -> Result<PageGlyphs, String> {
    let page = doc
        .get_dictionary(page_id)
        .map_err(|_| "the page object is missing or not a dictionary".to_string())?;
    let resources = inherited(doc, page, b"Resources")?
        .and_then(|o| o.as_dict().ok())
        .cloned()
        .unwrap_or_default();
    let mut out = PageGlyphs::default();
    let content = page_content(doc, page, &mut out.problems);
    let mut runner = Runner {
        doc,
        cache,
        out: &mut out,
        open_forms: Vec::new(),
        forms_drawn: 0,
        operators: 0,
        from_annotation: false,
        font_indexes: HashMap::new(),
    };
    runner.run(&content, &resources, GraphicsState::default());
    runner.annotations(page);
    Ok(out)
}

/// A page entry looked up on the page and then its ancestors; fails on a `Parent` cycle.
fn inherited<'a>(
    doc: &'a Document,
    node: &'a Dictionary,
    key: &[u8],
) -> Result<Option<&'a Object>, String> {
    let mut node = node;
    for _ in 0..MAX_PARENT_DEPTH {
        if let Ok(v) = node.get(key) {
            return Ok(resolve(doc, Some(v)));
        }
        let Some(parent) = node.get(b"Parent").ok().and_then(|p| p.as_reference().ok()) else {
            return Ok(None);
        };
        match doc.get_dictionary(parent) {
            Ok(d) => node = d,
            Err(_) => return Ok(None),
        }
    }
    Err("the page tree loops (Parent cycle)".into())
}

fn resolve<'a>(doc: &'a Document, obj: Option<&'a Object>) -> Option<&'a Object> {
    let mut obj = obj?;
    for _ in 0..8 {
        match obj {
            Object::Reference(id) => obj = doc.get_object(*id).ok()?,
            _ => return Some(obj),
        }
    }
    None
}

/// The page's content streams, each decoded on its own: one that fails costs only itself.
fn page_content(doc: &Document, page: &Dictionary, problems: &mut Vec<String>) -> Vec<u8> {
    let mut content = Vec::new();
    let streams: Vec<&Object> = match resolve(doc, page.get(b"Contents").ok()) {
        Some(Object::Array(items)) => items.iter().collect(),
        Some(other) => vec![other],
        None => Vec::new(),
    };
    for (i, item) in streams.into_iter().enumerate() {
        let Some(Object::Stream(stream)) = resolve(doc, Some(item)) else {
            continue;
        };
        match decode_stream(stream) {
            Ok(bytes) => {
                content.extend_from_slice(&bytes);
                // Streams are concatenated as if separated by whitespace.
                content.push(b'\n');
            }
            Err(why) => problems.push(format!("content stream {} skipped: {why}", i + 1)),
        }
    }
    content
}

fn decode_stream(stream: &lopdf::Stream) -> Result<Vec<u8>, String> {
    match stream.filters() {
        Ok(filters) if filters.is_empty() => Ok(stream.content.clone()),
        Ok(_) => stream
            .decompressed_content()
            .map_err(|e| format!("it does not decode ({e})")),
        // No /Filter entry at all means the bytes are plain.
        Err(_) => Ok(stream.content.clone()),
    }
}

struct Runner<'a, 'c> {
    doc: &'a Document,
    cache: &'c mut DocCache,
    out: &'c mut PageGlyphs,
    open_forms: Vec<ObjectId>,
    forms_drawn: usize,
    operators: usize,
    from_annotation: bool,
    /// Page font index of each font name.
    font_indexes: HashMap<Rc<str>, u16>,
}

impl<'a> Runner<'a, '_> {
    /// Runs `content` with `resources`, starting from `state`.
    fn run(&mut self, content: &[u8], resources: &Dictionary, state: GraphicsState) {
        let mut lexer = Lexer::new(content);
        let mut buf: Vec<u8> = Vec::new();
        let mut operands: Vec<Operand> = Vec::new();
        let mut gs = state;
        let mut saved: Vec<GraphicsState> = Vec::new();
        let mut tm = IDENTITY;
        let mut tlm = IDENTITY;
        let mut dict_depth = 0usize;
        while let Some(token) = lexer.next_token(&mut buf) {
            let op = match token {
                Token::Keyword(k) => k,
                other => {
                    if operands.len() < MAX_OPERANDS {
                        operands.push(match other {
                            Token::Number(n) => Operand::Number(n),
                            Token::Name { start, end } => Operand::Name(start, end),
                            Token::String { start, end } => Operand::Str(start, end),
                            Token::ArrayOpen => Operand::ArrayOpen,
                            Token::ArrayClose => Operand::ArrayClose,
                            Token::DictOpen => {
                                dict_depth += 1;
                                Operand::Other
                            }
                            Token::DictClose => {
                                dict_depth = dict_depth.saturating_sub(1);
                                Operand::Other
                            }
                            Token::Keyword(_) => Operand::Other,
                        });
                    }
                    continue;
                }
            };
            if matches!(op, b"true" | b"false" | b"null") || (dict_depth > 0 && op != b"ID") {
                operands.push(Operand::Other);
                continue;
            }
            self.operators += 1;
            if self.operators > MAX_OPERATORS_PER_PAGE {
                self.out.problems.push(format!(
                    "more than {MAX_OPERATORS_PER_PAGE} operators; the rest of the page is not read"
                ));
                return;
            }
            let num = |i: usize| match operands.get(i) {
                Some(Operand::Number(n)) if n.is_finite() => *n,
                _ => 0.0,
            };
            // Operands are counted from the end, where a well-formed operator's own operands are.
            let n = operands.len();
            let arg = |k: usize, count: usize| num((n + k).wrapping_sub(count));
            match op {
                b"q" if saved.len() < MAX_SAVED_STATES => saved.push(gs.clone()),
                b"Q" => {
                    if let Some(s) = saved.pop() {
                        gs = s;
                    }
                }
                b"cm" if n >= 6 => {
                    let m = [
                        arg(0, 6),
                        arg(1, 6),
                        arg(2, 6),
                        arg(3, 6),
                        arg(4, 6),
                        arg(5, 6),
                    ];
                    gs.ctm = mul(&m, &gs.ctm);
                }
                b"BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                b"Tf" if n >= 2 => {
                    gs.size = arg(1, 2);
                    if let Some(Operand::Name(s, e)) = operands.get(n - 2) {
                        self.select_font(resources, &buf[*s..*e], &mut gs);
                    }
                }
                b"Tc" if n >= 1 => gs.char_spacing = arg(0, 1),
                b"Tw" if n >= 1 => gs.word_spacing = arg(0, 1),
                b"Tz" if n >= 1 => gs.scale = arg(0, 1) / 100.0,
                b"TL" if n >= 1 => gs.leading = arg(0, 1),
                b"Ts" if n >= 1 => gs.rise = arg(0, 1),
                b"Td" if n >= 2 => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, arg(0, 2), arg(1, 2)], &tlm);
                    tm = tlm;
                }
                b"TD" if n >= 2 => {
                    gs.leading = -arg(1, 2);
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, arg(0, 2), arg(1, 2)], &tlm);
                    tm = tlm;
                }
                b"Tm" if n >= 6 => {
                    tlm = [
                        arg(0, 6),
                        arg(1, 6),
                        arg(2, 6),
                        arg(3, 6),
                        arg(4, 6),
                        arg(5, 6),
                    ];
                    tm = tlm;
                }
                b"T*" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                    tm = tlm;
                }
                b"Tj" | b"'" | b"\"" => {
                    if op == b"\"" && n >= 3 {
                        gs.word_spacing = arg(0, 3);
                        gs.char_spacing = arg(1, 3);
                    }
                    if op != b"Tj" {
                        tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                        tm = tlm;
                    }
                    if let Some(Operand::Str(s, e)) = operands.last() {
                        self.show(&buf[*s..*e], &gs, &mut tm);
                    }
                }
                b"TJ" => {
                    let start = operands
                        .iter()
                        .rposition(|o| matches!(o, Operand::ArrayOpen))
                        .unwrap_or(0);
                    for item in &operands[start..] {
                        match *item {
                            Operand::Str(s, e) => self.show(&buf[s..e], &gs, &mut tm),
                            Operand::Number(adjust) if adjust.is_finite() => {
                                let tx = -adjust / 1000.0 * gs.size * gs.scale;
                                tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                            }
                            _ => {}
                        }
                    }
                }
                b"Do" => {
                    if let Some(Operand::Name(s, e)) = operands.last() {
                        self.draw_xobject(resources, &buf[*s..*e], &gs);
                    }
                }
                b"BI" => self.out.has_images = true,
                b"ID" => {
                    lexer.skip_inline_image();
                    dict_depth = 0;
                }
                _ => {}
            }
            operands.clear();
            buf.clear();
        }
    }

    /// Makes the font named `key` in `resources` current.
    fn select_font(&mut self, resources: &Dictionary, key: &[u8], gs: &mut GraphicsState) {
        let doc = self.doc;
        let Some(entry) = resolve(doc, resources.get(b"Font").ok())
            .and_then(|o| o.as_dict().ok())
            .and_then(|fonts| fonts.get(key).ok())
        else {
            gs.font = None;
            return;
        };
        let cache_key = match entry {
            Object::Reference(id) => FontKey::Id(*id),
            direct => FontKey::Direct(direct as *const Object as usize),
        };
        let font = if let Some(f) = self.cache.fonts.get(&cache_key) {
            f.clone()
        } else {
            let Some(dict) = resolve(doc, Some(entry)).and_then(|o| o.as_dict().ok()) else {
                gs.font = None;
                return;
            };
            let font = Rc::new(Font::build(doc, dict, key));
            self.cache.font_names.insert(font.name.clone());
            self.cache.fonts.insert(cache_key, font.clone());
            font
        };
        gs.font_index = self.font_index(&font.name);
        gs.font = Some(font);
    }

    fn font_index(&mut self, name: &Rc<str>) -> u16 {
        if let Some(&i) = self.font_indexes.get(name) {
            return i;
        }
        let i = u16::try_from(self.out.fonts.len()).unwrap_or(u16::MAX);
        if i < u16::MAX {
            self.out.fonts.push(name.clone());
            self.font_indexes.insert(name.clone(), i);
        }
        i
    }

    /// Shows one string: records its glyphs and advances the text matrix.
    fn show(&mut self, bytes: &[u8], gs: &GraphicsState, tm: &mut Matrix) {
        let Some(font) = gs.font.clone() else {
            // No font selected: nothing can be decoded; each byte counts as an unmapped glyph.
            self.out.fontless_codes += bytes.len();
            return;
        };
        let mut pos = 0;
        let mut first = true;
        while let Some(code) = font.next_code(bytes, &mut pos) {
            let trm_base = mul(tm, &gs.ctm);
            let x = gs.rise * trm_base[2] + trm_base[4];
            let y = gs.rise * trm_base[3] + trm_base[5];
            let det = (trm_base[0] * trm_base[3] - trm_base[1] * trm_base[2]).abs();
            let size = gs.size.abs() * det.sqrt();
            let w0 = f64::from(code.width) * font.width_scale;
            let mut tx = w0 * gs.size + gs.char_spacing;
            if code.is_space_code {
                tx += gs.word_spacing;
            }
            tx *= gs.scale;
            let end = x + tx * trm_base[0];
            *tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], tm);
            if self.out.glyphs.len() >= MAX_GLYPHS_PER_PAGE {
                continue;
            }
            let text = font.text(code.span);
            let text_start = self.out.text.len() as u32;
            let mut is_space = true;
            for c in text.chars() {
                // Control codes are not letters (a code 0 mapping means "no letter"); tabs read as spaces.
                let c = if c == '\t' { ' ' } else { c };
                if c.is_control() {
                    continue;
                }
                is_space &= c.is_whitespace();
                self.out.text.push(c);
            }
            let text_len = self.out.text.len() as u32 - text_start;
            self.out.glyphs.push(Glyph {
                x: x as f32,
                y: y as f32,
                end: end as f32,
                size: size as f32,
                font: gs.font_index,
                text_start,
                text_len,
                starts_string: first,
                is_space: is_space && text_len > 0,
                from_annotation: self.from_annotation,
            });
            first = false;
        }
    }

    /// Draws the XObject `key`: images are noted, forms are run with their own resources.
    fn draw_xobject(&mut self, resources: &Dictionary, key: &[u8], gs: &GraphicsState) {
        let doc = self.doc;
        let Some(entry) = resolve(doc, resources.get(b"XObject").ok())
            .and_then(|o| o.as_dict().ok())
            .and_then(|x| x.get(key).ok())
        else {
            return;
        };
        let id = entry.as_reference().ok();
        let Some(Object::Stream(stream)) = resolve(doc, Some(entry)) else {
            return;
        };
        let subtype = resolve(doc, stream.dict.get(b"Subtype").ok()).and_then(|o| o.as_name().ok());
        if subtype == Some(b"Image".as_slice()) {
            self.out.has_images = true;
            return;
        }
        if subtype != Some(b"Form".as_slice()) && subtype.is_some() {
            return;
        }
        self.run_form(id, stream, resources, gs);
    }

    /// Runs a form XObject (or an appearance stream) in state `gs`.
    fn run_form(
        &mut self,
        id: Option<ObjectId>,
        stream: &lopdf::Stream,
        outer: &Dictionary,
        gs: &GraphicsState,
    ) {
        let doc = self.doc;
        if let Some(id) = id {
            if self.open_forms.contains(&id) {
                self.out.problems.push(format!(
                    "XObject {} {} draws itself (endless recursion); it is drawn once",
                    id.0, id.1
                ));
                return;
            }
        }
        if self.open_forms.len() >= MAX_FORM_DEPTH || self.forms_drawn >= MAX_FORMS_PER_PAGE {
            self.out.problems.push(format!(
                "forms nest deeper than {MAX_FORM_DEPTH} levels or more than {MAX_FORMS_PER_PAGE} are drawn; the rest are skipped"
            ));
            return;
        }
        self.forms_drawn += 1;
        let bytes: Rc<[u8]> = match id.and_then(|id| self.cache.forms.get(&id)) {
            Some(b) => b.clone(),
            None => match decode_stream(stream) {
                Ok(b) => {
                    let b: Rc<[u8]> = Rc::from(b);
                    if let Some(id) = id {
                        self.cache.forms.insert(id, b.clone());
                    }
                    b
                }
                Err(why) => {
                    self.out
                        .problems
                        .push(format!("a form XObject skipped: {why}"));
                    return;
                }
            },
        };
        let own = resolve(doc, stream.dict.get(b"Resources").ok()).and_then(|o| o.as_dict().ok());
        let mut inner = gs.clone();
        if let Some(m) = matrix(doc, stream.dict.get(b"Matrix").ok()) {
            inner.ctm = mul(&m, &gs.ctm);
        }
        if let Some(id) = id {
            self.open_forms.push(id);
        }
        self.run(&bytes, own.unwrap_or(outer), inner);
        if id.is_some() {
            self.open_forms.pop();
        }
    }

    /// Draws the normal appearances of printable text-bearing annotations (signature
    /// widgets, free text, stamps): e-signing systems stamp document numbers and dates there.
    fn annotations(&mut self, page: &Dictionary) {
        let doc = self.doc;
        let Some(annots) = resolve(doc, page.get(b"Annots").ok()).and_then(|o| o.as_array().ok())
        else {
            return;
        };
        for annot in annots {
            let Some(a) = resolve(doc, Some(annot)).and_then(|o| o.as_dict().ok()) else {
                continue;
            };
            let subtype = resolve(doc, a.get(b"Subtype").ok()).and_then(|o| o.as_name().ok());
            if !matches!(subtype, Some(b"Widget" | b"FreeText" | b"Stamp")) {
                continue;
            }
            let flags = resolve(doc, a.get(b"F").ok())
                .and_then(|o| o.as_i64().ok())
                .unwrap_or(0);
            // Bit 2 hidden, bit 3 print, bit 6 no-view: only what is printed is read.
            if flags & 2 != 0 || flags & 4 == 0 || flags & 32 != 0 {
                continue;
            }
            let Some(normal) = resolve(doc, a.get(b"AP").ok())
                .and_then(|o| o.as_dict().ok())
                .and_then(|ap| ap.get(b"N").ok())
            else {
                continue;
            };
            let (id, stream) = match normal {
                Object::Reference(id) => match doc.get_object(*id) {
                    Ok(Object::Stream(s)) => (Some(*id), s),
                    Ok(Object::Dictionary(states)) => match appearance_state(doc, a, states) {
                        Some(found) => found,
                        None => continue,
                    },
                    _ => continue,
                },
                Object::Stream(s) => (None, s),
                Object::Dictionary(states) => match appearance_state(doc, a, states) {
                    Some(found) => found,
                    None => continue,
                },
                _ => continue,
            };
            let Some(rect) = rect_of(doc, a.get(b"Rect").ok()) else {
                continue;
            };
            let form_matrix = matrix(doc, stream.dict.get(b"Matrix").ok()).unwrap_or(IDENTITY);
            let bbox = rect_of(doc, stream.dict.get(b"BBox").ok()).unwrap_or(rect);
            let placed = fit(&bbox, &form_matrix, &rect);
            let gs = GraphicsState {
                ctm: placed,
                ..GraphicsState::default()
            };
            self.from_annotation = true;
            // The appearance's own Matrix is in `placed`; run_form must not apply it again.
            let mut plain = stream.clone();
            plain.dict.remove(b"Matrix");
            let empty = Dictionary::new();
            self.run_form(id, &plain, &empty, &gs);
            self.from_annotation = false;
        }
    }
}

/// The appearance stream an annotation's `/AS` state selects among several.
fn appearance_state<'a>(
    doc: &'a Document,
    annot: &'a Dictionary,
    states: &'a Dictionary,
) -> Option<(Option<ObjectId>, &'a lopdf::Stream)> {
    let state = resolve(doc, annot.get(b"AS").ok()).and_then(|o| o.as_name().ok())?;
    let entry = states.get(state).ok()?;
    let id = entry.as_reference().ok();
    match resolve(doc, Some(entry))? {
        Object::Stream(s) => Some((id, s)),
        _ => None,
    }
}

fn matrix(doc: &Document, obj: Option<&Object>) -> Option<Matrix> {
    let items = resolve(doc, obj)?.as_array().ok()?;
    if items.len() != 6 {
        return None;
    }
    let mut m = IDENTITY;
    for (slot, item) in m.iter_mut().zip(items) {
        *slot = match resolve(doc, Some(item))? {
            Object::Integer(i) => *i as f64,
            Object::Real(r) => f64::from(*r),
            _ => return None,
        };
        if !slot.is_finite() {
            return None;
        }
    }
    Some(m)
}

/// A rectangle `[x0 y0 x1 y1]`, normalised so x0 ≤ x1 and y0 ≤ y1.
fn rect_of(doc: &Document, obj: Option<&Object>) -> Option<[f64; 4]> {
    let items = resolve(doc, obj)?.as_array().ok()?;
    if items.len() != 4 {
        return None;
    }
    let mut r = [0.0; 4];
    for (slot, item) in r.iter_mut().zip(items) {
        *slot = match resolve(doc, Some(item))? {
            Object::Integer(i) => *i as f64,
            Object::Real(r) => f64::from(*r),
            _ => return None,
        };
        if !slot.is_finite() {
            return None;
        }
    }
    Some([
        r[0].min(r[2]),
        r[1].min(r[3]),
        r[0].max(r[2]),
        r[1].max(r[3]),
    ])
}

/// The matrix that draws an appearance with `bbox` and `form` matrix into `rect` (PDF 12.5.5).
fn fit(bbox: &[f64; 4], form: &Matrix, rect: &[f64; 4]) -> Matrix {
    let corners = [
        (bbox[0], bbox[1]),
        (bbox[2], bbox[1]),
        (bbox[0], bbox[3]),
        (bbox[2], bbox[3]),
    ];
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for (x, y) in corners {
        let tx = x * form[0] + y * form[2] + form[4];
        let ty = x * form[1] + y * form[3] + form[5];
        x0 = x0.min(tx);
        y0 = y0.min(ty);
        x1 = x1.max(tx);
        y1 = y1.max(ty);
    }
    let sx = if x1 - x0 > 1e-9 {
        (rect[2] - rect[0]) / (x1 - x0)
    } else {
        1.0
    };
    let sy = if y1 - y0 > 1e-9 {
        (rect[3] - rect[1]) / (y1 - y0)
    } else {
        1.0
    };
    let a = [sx, 0.0, 0.0, sy, rect[0] - x0 * sx, rect[1] - y0 * sy];
    mul(form, &a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrices_compose_in_pdf_order() {
        let scale = [2.0, 0.0, 0.0, 2.0, 0.0, 0.0];
        let shift = [1.0, 0.0, 0.0, 1.0, 10.0, 20.0];
        // Scale then shift: a point at 1,1 lands at 12,22.
        let m = mul(&scale, &shift);
        assert_eq!((m[0] + m[2] + m[4], m[1] + m[3] + m[5]), (12.0, 22.0));
    }

    #[test]
    fn an_appearance_is_fitted_into_its_rectangle() {
        let m = fit(
            &[0.0, 0.0, 50.0, 10.0],
            &IDENTITY,
            &[100.0, 700.0, 200.0, 720.0],
        );
        assert_eq!(m, [2.0, 0.0, 0.0, 2.0, 100.0, 700.0]);
    }
}
