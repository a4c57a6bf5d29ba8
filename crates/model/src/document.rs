//! The parsed document: pages of blocks (paragraphs, tables) of runs, each run with its font.

use serde::{Deserialize, Serialize};

/// The container format of a parsed file, detected from its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Portable Document Format.
    Pdf,
    /// Office Open XML word-processing document.
    Docx,
    /// Plain UTF-8 text.
    Text,
    /// Markdown (treated as plain text).
    Markdown,
    /// Word 97–2003 binary document.
    Doc,
    /// Rich Text Format (often named `.doc`).
    Rtf,
    /// HTML, including Word's "Web Page" and "Single File Web Page" (MHTML) files.
    Html,
}

impl Format {
    /// The upper-case name used in messages (`PDF parsing timed out …`).
    pub fn label(self) -> &'static str {
        match self {
            Format::Pdf => "PDF",
            Format::Docx => "DOCX",
            Format::Doc => "Word 97-2003",
            Format::Rtf => "RTF",
            Format::Html => "HTML",
            Format::Text => "text",
            Format::Markdown => "Markdown",
        }
    }

    /// The lower-case name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Doc => "doc",
            Format::Rtf => "rtf",
            Format::Html => "html",
        }
    }
}

/// A parsed file: ordered pages plus what was learned about the file.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Document {
    /// The path or name the file was read from.
    pub source: String,
    /// The detected format.
    pub format: Option<Format>,
    /// Pages in order; page `i` has `number == i + 1`.
    pub pages: Vec<Page>,
    /// File-level metadata.
    pub meta: Meta,
    /// Problems that did not stop parsing.
    pub warnings: Vec<Warning>,
    /// The pictures of an image-only Word document (a scan pasted into Word), in
    /// document order, for the OCR stage to read as pages; empty for every other
    /// document. The OCR stage takes them out, so they never reach any output.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub images: Vec<EmbeddedImage>,
}

/// A picture a document embeds, as its own image file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct EmbeddedImage {
    /// Where it sits in the file, for messages (`word/media/image1.jpeg`, `picture 1 (Data stream 0x1A2B)`).
    pub name: String,
    /// Its media type (`image/jpeg`, `image/png`, `image/tiff`, `image/bmp`, `image/x-emf`, …).
    pub media_type: String,
    /// The image file's bytes (base64 in JSON: it crosses the worker boundary).
    #[serde(with = "crate::base64")]
    #[schemars(with = "String")]
    pub bytes: Vec<u8>,
}

impl Document {
    /// An empty document of the given format.
    pub fn new(format: Format) -> Self {
        Document {
            format: Some(format),
            ..Document::default()
        }
    }

    /// Adds a warning.
    pub fn warn(&mut self, kind: WarningKind, page: Option<u32>, message: impl Into<String>) {
        self.warnings.push(Warning {
            kind,
            page,
            message: message.into(),
        });
    }

    /// The rendered text of every page, in order.
    pub fn page_texts(&self) -> Vec<String> {
        self.pages.iter().map(Page::text).collect()
    }
}

/// File-level metadata.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Meta {
    /// Number of pages.
    pub page_count: usize,
    /// Size of the file in bytes.
    pub bytes: u64,
    /// BLAKE3 hash of the file's bytes, hex.
    pub blake3: String,
    /// The producing application (PDF `Producer`, DOCX `Application`), if recorded.
    pub producer: Option<String>,
    /// The authoring application (PDF `Creator`), if recorded.
    pub creator: Option<String>,
    /// The document title from the file's metadata, if recorded.
    pub title: Option<String>,
    /// Font names seen in the file (subset prefixes such as `ABCDEF+` removed), sorted.
    pub fonts: Vec<String>,
    /// Whether any page has a usable text layer.
    pub has_text_layer: bool,
    /// Whether the file needs OCR before its text can be used (a scan).
    pub needs_ocr: bool,
    /// Legacy encodings found and converted, as `encoding: where` notes (filled by the text stage).
    pub encodings: Vec<String>,
    /// The OCR engine and model that read some pages, when any page was OCRed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ocr: Option<OcrEngine>,
}

/// Which OCR engine and model produced the text of a document's OCRed pages.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq, schemars::JsonSchema)]
pub struct OcrEngine {
    /// Engine name and version (`tesseract 5.3.0`).
    pub engine: String,
    /// Language model and the identity of its data file (`vie (vie.traineddata, blake3 …)`).
    pub model: String,
}

/// One page: its blocks in reading order.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Page {
    /// 1-based page number.
    pub number: u32,
    /// Blocks in reading order.
    pub blocks: Vec<Block>,
    /// Measures of how trustworthy the page's text layer is.
    pub quality: TextQuality,
    /// Set when the page's text was produced by OCR (a scan or a replaced bad text layer).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ocr: Option<OcrPage>,
}

/// How an OCRed page was read: confidences of the page and of every word.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, schemars::JsonSchema)]
pub struct OcrPage {
    /// Mean word confidence on the page, 0–100.
    pub mean_confidence: f32,
    /// Whether a text layer the file carried was replaced (it failed the quality check).
    pub replaced_text_layer: bool,
    /// Every word's place in the page text and its confidence, in reading order.
    pub words: Vec<OcrWord>,
}

/// One OCRed word: where it stands in the page's text and how sure the engine was.
#[derive(
    Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq, schemars::JsonSchema,
)]
pub struct OcrWord {
    /// Start character offset into the page's text.
    pub start: usize,
    /// End character offset (exclusive).
    pub end: usize,
    /// Engine confidence, 0–100.
    pub confidence: u8,
}

impl Page {
    /// The page's text: paragraphs end with `\n`; a table row's cells are separated
    /// by `\t` (a cell's own paragraphs by `\n`) and each row ends with `\n`.
    ///
    /// Every fact's character offsets point into exactly this string.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for block in &self.blocks {
            block.render(&mut out);
        }
        out
    }
}

/// Text-layer quality counters for one page.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq, schemars::JsonSchema)]
pub struct TextQuality {
    /// Characters of text on the page (excluding whitespace).
    pub chars: usize,
    /// U+FFFD replacement characters (glyphs the producer could not map).
    pub replacement_chars: usize,
    /// Glyphs drawn whose font had no usable Unicode mapping, so no letter came out.
    pub unmapped_glyphs: usize,
    /// Whether the page draws images (a scan when it has no text).
    pub has_images: bool,
}

/// A unit of page content in reading order.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Block {
    /// A paragraph (or one line of a PDF).
    Paragraph(Paragraph),
    /// A table.
    Table(Table),
}

impl Block {
    fn render(&self, out: &mut String) {
        match self {
            Block::Paragraph(p) => {
                p.render(out);
                out.push('\n');
            }
            Block::Table(t) => t.render(out),
        }
    }
}

/// Where a paragraph stands in the document's structure.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Main body text.
    #[default]
    Body,
    /// Running header.
    Header,
    /// Running footer.
    Footer,
    /// Footnote text.
    Footnote,
    /// Endnote text.
    Endnote,
    /// Text box or shape text.
    TextBox,
}

/// A paragraph: runs of text, each with its own font.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Paragraph {
    /// Structural role.
    pub role: Role,
    /// Text runs in order; their texts concatenate to the paragraph's text.
    pub runs: Vec<Run>,
}

impl Paragraph {
    /// A body paragraph of one run.
    pub fn plain(text: impl Into<String>, font: Option<String>) -> Self {
        Paragraph {
            role: Role::Body,
            runs: vec![Run {
                text: text.into(),
                font,
            }],
        }
    }

    /// The paragraph's text.
    pub fn text(&self) -> String {
        let mut s = String::new();
        self.render(&mut s);
        s
    }

    fn render(&self, out: &mut String) {
        for r in &self.runs {
            out.push_str(&r.text);
        }
    }
}

/// A stretch of text in one font.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq, schemars::JsonSchema)]
pub struct Run {
    /// The text as the file gives it (legacy-font bytes appear as Latin-1 letters).
    pub text: String,
    /// Font name, if the source names one (DOCX `w:rFonts`, PDF base font without subset prefix).
    pub font: Option<String>,
}

/// A table: rows of cells.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Table {
    /// Rows in order.
    pub rows: Vec<Row>,
}

impl Table {
    fn render(&self, out: &mut String) {
        for row in &self.rows {
            for (i, cell) in row.cells.iter().enumerate() {
                if i > 0 {
                    out.push('\t');
                }
                cell.render(out);
            }
            out.push('\n');
        }
    }
}

/// A table row.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Row {
    /// Cells in order.
    pub cells: Vec<Cell>,
}

/// A table cell: its own blocks (paragraphs, nested tables).
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Cell {
    /// Blocks in the cell.
    pub blocks: Vec<Block>,
}

impl Cell {
    fn render(&self, out: &mut String) {
        let mut inner = String::new();
        for b in &self.blocks {
            b.render(&mut inner);
        }
        // A cell's last line break would end the row early; keep inner breaks only.
        let trimmed = inner.strip_suffix('\n').unwrap_or(&inner);
        out.push_str(&trimmed.replace('\t', " "));
    }
}

/// A problem that did not stop parsing.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, schemars::JsonSchema)]
pub struct Warning {
    /// Machine-readable kind.
    pub kind: WarningKind,
    /// Page concerned, if any.
    pub page: Option<u32>,
    /// Human-readable detail.
    pub message: String,
}

/// Kinds of warnings.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum WarningKind {
    /// The file has no usable text layer and needs OCR.
    NeedsOcr,
    /// A page's text is unreliable (replacement characters, unmapped glyphs).
    PoorTextQuality,
    /// A page could not be extracted; its text is empty.
    PageFailed,
    /// Pages past the page limit were dropped.
    Truncated,
    /// A part of the container was missing or unreadable and was skipped.
    PartSkipped,
    /// Text in a legacy Vietnamese encoding was converted to Unicode.
    LegacyEncoding,
    /// Text was repaired in another way worth telling the user.
    TextRepaired,
    /// Anything else.
    Other,
}
