//! MHTML (`.mht`, Word's "Single File Web Page"): a MIME message, usually
//! `multipart/related`, whose `text/html` part is the page; parsed with `mailparse`
//! (which decodes quoted-printable and base64 and limits multipart nesting).

use crate::ParseError;

/// Most MIME parts looked at for the page.
const MAX_PARTS: usize = 10_000;

/// The page of an MHTML file: its decoded bytes and the charset its part declares.
#[derive(Debug)]
pub(crate) struct HtmlPart {
    pub(crate) body: Vec<u8>,
    pub(crate) charset: Option<String>,
}

/// Whether the bytes start with MIME headers (`MIME-Version:` among the first header
/// lines), as an MHTML file does.
pub(crate) fn is_mime(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let end = find(head, b"\r\n\r\n")
        .or_else(|| find(head, b"\n\n"))
        .unwrap_or(head.len());
    let headers = head[..end].to_ascii_lowercase();
    // Header lines only: an HTML page that mentions MIME in its text is not MIME.
    !headers.trim_ascii_start().starts_with(b"<") && find(&headers, b"mime-version:").is_some()
}

/// The first `text/html` part, decoded from its transfer encoding.
pub(crate) fn html_part(bytes: &[u8]) -> Result<HtmlPart, ParseError> {
    let mail = mailparse::parse_mail(bytes)
        .map_err(|e| ParseError::Html(format!("bad MIME (MHTML) structure: {e}")))?;
    // Breadth-first without recursion; the parts of a Word MHT are flat anyway.
    let mut queue = std::collections::VecDeque::from([&mail]);
    let mut seen = 0;
    while let Some(part) = queue.pop_front() {
        seen += 1;
        if seen > MAX_PARTS {
            break;
        }
        if part.ctype.mimetype.eq_ignore_ascii_case("text/html") {
            let body = part.get_body_raw().map_err(|e| {
                ParseError::Html(format!("the MHTML text/html part cannot be decoded: {e}"))
            })?;
            let charset = part.ctype.params.get("charset").cloned();
            return Ok(HtmlPart { body, charset });
        }
        queue.extend(part.subparts.iter());
    }
    Err(ParseError::Html(
        "MIME (MHTML) file without a text/html part".to_string(),
    ))
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    const QP_MHT: &[u8] = b"MIME-Version: 1.0\r\n\
Content-Type: multipart/related; boundary=\"----=_NextPart_01D\"\r\n\r\n\
This document is a Single File Web Page.\r\n\r\n\
------=_NextPart_01D\r\n\
Content-Location: file:///C:/x.htm\r\n\
Content-Transfer-Encoding: quoted-printable\r\n\
Content-Type: text/html; charset=\"windows-1258\"\r\n\r\n\
<html><body><p class=3DMsoNormal>Vi=EA=F2t Nam d=E0i =\r\n\
d=F2ng</p></body></html>\r\n\r\n\
------=_NextPart_01D\r\n\
Content-Location: file:///C:/x_files/image001.png\r\n\
Content-Transfer-Encoding: base64\r\n\
Content-Type: image/png\r\n\r\n\
iVBORw0KGgo=\r\n\r\n\
------=_NextPart_01D--\r\n";

    #[test]
    fn quoted_printable_part_with_its_charset() {
        assert!(is_mime(QP_MHT));
        let part = html_part(QP_MHT).expect("html part");
        assert_eq!(part.charset.as_deref(), Some("windows-1258"));
        assert_eq!(
            part.body,
            b"<html><body><p class=MsoNormal>Vi\xea\xf2t Nam d\xe0i d\xf2ng</p></body></html>\r\n"
        );
    }

    #[test]
    fn base64_part() {
        let mht = b"MIME-Version: 1.0\nContent-Type: multipart/related; boundary=b\n\n--b\n\
Content-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: base64\n\n\
PHA+SMOgIFTEqW5oPC9wPg==\n--b--\n";
        let part = html_part(mht).expect("html part");
        assert_eq!(String::from_utf8(part.body).unwrap(), "<p>Hà Tĩnh</p>");
    }

    #[test]
    fn mime_without_html_is_a_clear_error() {
        let mht = b"MIME-Version: 1.0\nContent-Type: multipart/related; boundary=b\n\n--b\n\
Content-Type: image/png\n\nxx\n--b--\n";
        let err = html_part(mht).unwrap_err().to_string();
        assert!(err.contains("without a text/html part"), "{err}");
        assert!(!is_mime(b"<html><body>MIME-Version: 1.0</body></html>"));
    }
}
