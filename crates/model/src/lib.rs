//! vanban's shared model, light enough for every crate to depend on: a parsed
//! [`Document`] of pages, blocks and runs with their fonts, the [`Warning`]s
//! readers raise, the [`Limits`] they honour, the [`ParseError`] they return,
//! the [`Reader`] seam each input format implements, and the [`Engine`] identity
//! stored with indexed records.
//!
//! Nothing here parses a file format: the readers (and their heavy dependencies)
//! live in `vanban-parse`, so search, export and the server never link them.
#![deny(missing_docs)]

mod base64;
mod document;
mod engine;
mod error;
mod limits;
mod reader;

pub use document::{
    Block, Cell, Document, EmbeddedImage, Format, Meta, OcrEngine, OcrPage, OcrWord, Page,
    Paragraph, Role, Row, Run, Table, TextQuality, Warning, WarningKind,
};
pub use engine::{BadEngine, Engine};
pub use error::ParseError;
pub use limits::Limits;
pub use reader::Reader;
