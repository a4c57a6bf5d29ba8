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
    /// The PDF worker took longer than its time budget.
    #[error("PDF parsing timed out after {0} ms")]
    Timeout(u64),
    /// The PDF worker died (panic, stack overflow, memory limit, signal).
    #[error("PDF parser crashed: {0}")]
    WorkerCrashed(String),
    /// The RTF file is damaged or hostile (nesting or size past the limits).
    #[error("invalid RTF: {0}")]
    Rtf(String),
    /// The HTML or MHTML file is damaged or hostile (bad MIME, nesting past the limit).
    #[error("invalid HTML: {0}")]
    Html(String),
}
