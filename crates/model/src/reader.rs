//! The seam every input format plugs into: recognise the bytes, read them.

use crate::{Document, Format, Limits, ParseError};

/// One input format: how to recognise its bytes and how to read them into a [`Document`].
///
/// The parse crate keeps the one list of readers (tried in order when sniffing);
/// a new format is one implementation plus one line in that list.
pub trait Reader: Send + Sync {
    /// The format this reader produces.
    fn format(&self) -> Format;

    /// Whether `bytes` (the whole file) are this format; `source` (the file's path
    /// or name) may only break ties between content-identical formats (text vs Markdown).
    fn sniff(&self, bytes: &[u8], source: &str) -> bool;

    /// Reads the whole file. Must not panic on any input and must honour `limits`.
    fn read(&self, bytes: &[u8], limits: &Limits) -> Result<Document, ParseError>;

    /// Whether batches must run this reader in an isolated worker process: true for
    /// parsers of untrusted binary formats that could crash, loop or eat memory.
    fn isolated(&self) -> bool;
}
