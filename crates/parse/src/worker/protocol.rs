//! The pool ↔ worker wire format: length-prefixed frames on the worker's
//! stdin and stdout. A request is a JSON header frame (the format and the
//! limits) and a frame of file bytes; a response is one JSON frame holding
//! `Result<Document, WireError>`.

use std::io::{self, Read, Write};

use serde::{Deserialize, Serialize};

use crate::{Document, Format, Limits, ParseError};

/// Largest header frame accepted; a header is a few hundred bytes of JSON.
pub(crate) const MAX_HEADER_BYTES: u64 = 64 * 1024;
/// Largest response frame accepted; the worker's memory limit bounds real ones far lower.
pub(crate) const MAX_RESPONSE_BYTES: u64 = 4 * 1024 * 1024 * 1024;

/// What the worker needs besides the file's bytes.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Request {
    /// The format the bytes were sniffed as; the worker reads them with that format's reader.
    pub format: Format,
    /// Limits to parse with.
    pub limits: Limits,
}

/// A parse failure as it crosses the process boundary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum WireError {
    /// The file is not a readable PDF.
    Pdf(String),
    /// The file needs a password.
    Encrypted(String),
    /// Any other parse failure, already phrased for the user.
    Other(String),
}

impl WireError {
    /// The error for a reader that panicked on a file (the worker catches the panic).
    pub(crate) fn for_panic(format: Format, message: &str) -> Self {
        match format {
            Format::Pdf => {
                WireError::Pdf(format!("the PDF library failed on this file ({message})"))
            }
            other => WireError::Other(format!(
                "the {} reader failed on this file ({message})",
                other.label()
            )),
        }
    }
}

impl From<ParseError> for WireError {
    fn from(e: ParseError) -> Self {
        match e {
            ParseError::Pdf(m) => WireError::Pdf(m),
            ParseError::Encrypted(m) => WireError::Encrypted(m),
            other => WireError::Other(other.to_string()),
        }
    }
}

impl From<WireError> for ParseError {
    fn from(e: WireError) -> Self {
        match e {
            WireError::Pdf(m) => ParseError::Pdf(m),
            WireError::Other(m) => ParseError::Failed(m),
            WireError::Encrypted(m) => ParseError::Encrypted(m),
        }
    }
}

/// The worker's answer to one request.
pub(crate) type Response = Result<Document, WireError>;

/// Writes one frame: an 8-byte little-endian length, then the payload.
pub(crate) fn write_frame(w: &mut impl Write, payload: &[u8]) -> io::Result<()> {
    w.write_all(&(payload.len() as u64).to_le_bytes())?;
    w.write_all(payload)
}

/// Reads one frame; `None` on a clean end of stream before the frame starts.
pub(crate) fn read_frame(r: &mut impl Read, max: u64) -> io::Result<Option<Vec<u8>>> {
    let mut len = [0u8; 8];
    let mut got = 0;
    while got < len.len() {
        match r.read(&mut len[got..]) {
            Ok(0) if got == 0 => return Ok(None),
            Ok(0) => {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "stream ended inside a frame length",
                ))
            }
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    let len = u64::from_le_bytes(len);
    if len > max {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("frame of {len} bytes exceeds the limit of {max}"),
        ));
    }
    // Grow as data arrives rather than trusting the length with one allocation.
    let mut buf = Vec::with_capacity(len.min(1 << 20) as usize);
    r.take(len).read_to_end(&mut buf)?;
    if (buf.len() as u64) < len {
        return Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            format!("stream ended after {} of {len} frame bytes", buf.len()),
        ));
    }
    Ok(Some(buf))
}

/// Writes a request (header frame, then the file bytes frame) and flushes.
pub(crate) fn write_request(w: &mut impl Write, request: &Request, bytes: &[u8]) -> io::Result<()> {
    let header = serde_json::to_vec(request).map_err(io::Error::other)?;
    write_frame(w, &header)?;
    write_frame(w, bytes)?;
    w.flush()
}

/// Reads a request; `None` when the pool has closed the stream.
pub(crate) fn read_request(r: &mut impl Read) -> io::Result<Option<(Request, Vec<u8>)>> {
    let Some(header) = read_frame(r, MAX_HEADER_BYTES)? else {
        return Ok(None);
    };
    let request: Request = serde_json::from_slice(&header)
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
    let bytes = read_frame(r, request.limits.max_file_bytes)?.ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "request ended before its file bytes",
        )
    })?;
    Ok(Some((request, bytes)))
}

/// Writes a response frame and flushes.
pub(crate) fn write_response(w: &mut impl Write, response: &Response) -> io::Result<()> {
    let body = match serde_json::to_vec(response) {
        Ok(body) => body,
        // Serialising a Document cannot fail in practice; still answer rather than hang up.
        Err(e) => serde_json::to_vec(&Response::Err(WireError::Other(format!(
            "cannot encode the parse result: {e}"
        ))))
        .map_err(io::Error::other)?,
    };
    write_frame(w, &body)?;
    w.flush()
}

/// Decodes a response frame.
pub(crate) fn decode_response(frame: &[u8]) -> io::Result<Response> {
    serde_json::from_slice(frame).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    #[test]
    fn request_round_trips() {
        let mut buf = Vec::new();
        let limits = Limits {
            max_pages: 7,
            ..Limits::default()
        };
        write_request(
            &mut buf,
            &Request {
                format: Format::Pdf,
                limits,
            },
            b"%PDF-1.4 body",
        )
        .unwrap();
        let mut r = Cursor::new(buf);
        let (req, pdf) = read_request(&mut r).unwrap().unwrap();
        assert_eq!(req.limits.max_pages, 7);
        assert_eq!(pdf, b"%PDF-1.4 body");
        assert!(
            read_request(&mut r).unwrap().is_none(),
            "clean EOF after the request"
        );
    }

    #[test]
    fn response_round_trips_errors_and_documents() {
        let mut buf = Vec::new();
        write_response(
            &mut buf,
            &Err(WireError::Encrypted("needs a password".into())),
        )
        .unwrap();
        let mut doc = Document::new(crate::Format::Pdf);
        doc.meta.needs_ocr = true;
        write_response(&mut buf, &Ok(doc)).unwrap();
        let mut r = Cursor::new(buf);
        let first = read_frame(&mut r, MAX_RESPONSE_BYTES).unwrap().unwrap();
        assert_eq!(
            decode_response(&first).unwrap().unwrap_err(),
            WireError::Encrypted("needs a password".into())
        );
        let second = read_frame(&mut r, MAX_RESPONSE_BYTES).unwrap().unwrap();
        assert!(decode_response(&second).unwrap().unwrap().meta.needs_ocr);
    }

    #[test]
    fn truncated_and_oversized_frames_are_errors() {
        let mut buf = Vec::new();
        write_frame(&mut buf, b"0123456789").unwrap();
        let cut = buf[..12].to_vec();
        let err = read_frame(&mut Cursor::new(cut), 100).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::UnexpectedEof);
        let err = read_frame(&mut Cursor::new(buf[..3].to_vec()), 100).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::UnexpectedEof);
        let err = read_frame(&mut Cursor::new(buf), 5).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidData);
    }

    #[test]
    fn parse_errors_keep_their_kind_across_the_wire() {
        let e: ParseError = WireError::from(ParseError::Encrypted("x".into())).into();
        assert!(matches!(e, ParseError::Encrypted(_)));
        let e: ParseError = WireError::from(ParseError::Pdf("bad xref".into())).into();
        assert!(matches!(e, ParseError::Pdf(m) if m == "bad xref"));
    }
}
