//! Why a file could not be read, in words meant for the user.

use thiserror::Error;

/// Why a file could not be parsed; the message is meant for the user.
#[derive(Debug, Error)]
pub enum ParseError {
    /// Reading the file failed.
    #[error("cannot read file: {0}")]
    Io(#[from] std::io::Error),
    /// The path names a directory or another non-file.
    #[error("not a regular file")]
    NotAFile,
    /// The file has no bytes.
    #[error("file is empty (0 bytes)")]
    Empty,
    /// The content matches no supported format.
    #[error("unknown format: {0}")]
    UnknownFormat(String),
    /// A size limit was exceeded.
    #[error("{what} {actual} exceeds the limit of {limit}")]
    TooLarge {
        /// What was measured.
        what: &'static str,
        /// The measured value.
        actual: u64,
        /// The configured limit.
        limit: u64,
    },
    /// The PDF is damaged or cannot be read.
    #[error("invalid PDF: {0}")]
    Pdf(String),
    /// The PDF is encrypted and cannot be opened without a password.
    #[error("PDF is encrypted: {0}")]
    Encrypted(String),
    /// The DOCX container or its XML is damaged or hostile.
    #[error("invalid DOCX: {0}")]
    Docx(String),
    /// A DOCX part uses XML that Word never writes and attacks rely on (a DTD, extreme nesting).
    #[error("refused DOCX: {0}")]
    HostileXml(String),
    /// The zip container looks like a decompression bomb.
    #[error("refused DOCX (possible zip bomb): {0}")]
    ZipBomb(String),
    /// The Word 97–2003 `.doc` file (or its OLE2 container) is damaged, hostile or not Word.
    #[error("invalid Word .doc: {0}")]
    Doc(String),
    /// A Word binary document in a version this reader does not read (Word 6/95 and older).
    #[error("unsupported Word document: {0}")]
    DocUnsupported(String),
    /// A text file is not valid UTF-8 and does not read as UTF-16 or Windows-1258 Vietnamese.
    #[error(
        "text is not valid UTF-8 (byte offset {offset}) and does not read as UTF-16 or \
         Windows-1258 Vietnamese either; convert it to UTF-8 first"
    )]
    NotUtf8 {
        /// Byte offset of the first invalid UTF-8 sequence.
        offset: usize,
    },
    /// A text file announces an encoding (a UTF-16 byte-order mark) its bytes then break.
    #[error("text cannot be decoded: {0}")]
    BadText(String),
    /// An isolated worker took longer than its time budget.
    #[error("{format} parsing timed out after {ms} ms")]
    Timeout {
        /// The format's label (`PDF`, `DOC`, …).
        format: &'static str,
        /// The budget that ran out, in milliseconds.
        ms: u64,
    },
    /// An isolated worker died (panic, stack overflow, memory limit, signal).
    #[error("{format} parser crashed: {reason}")]
    WorkerCrashed {
        /// The format's label (`PDF`, `DOC`, …).
        format: &'static str,
        /// What is known of the death: exit status or signal, its last words.
        reason: String,
    },
    /// A reader in an isolated worker failed; the message is the reader's own, already phrased.
    #[error("{0}")]
    Failed(String),
    /// The RTF file is damaged or hostile (nesting or size past the limits).
    #[error("invalid RTF: {0}")]
    Rtf(String),
    /// The HTML or MHTML file is damaged or hostile (bad MIME, nesting past the limit).
    #[error("invalid HTML: {0}")]
    Html(String),
}
