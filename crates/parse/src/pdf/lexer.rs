//! A tokenizer for content streams and CMaps that allocates nothing per token.
//!
//! lopdf's `Content::decode` builds an `Object` (with its own `Vec`s and
//! `String`s) for every operand and operator; on text-heavy pages that was
//! half of the remaining parse time, so the interpreter reads tokens itself:
//! keywords borrow the source, and names and strings are decoded into one
//! buffer the caller reuses.

/// One token; names and strings live in the caller's buffer at `start..end`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Token<'a> {
    /// A number (integers and reals alike).
    Number(f64),
    /// A name without its slash, `#xx` escapes decoded.
    Name { start: usize, end: usize },
    /// A literal or hexadecimal string, decoded.
    String { start: usize, end: usize },
    /// `[`
    ArrayOpen,
    /// `]`
    ArrayClose,
    /// `<<`
    DictOpen,
    /// `>>`
    DictClose,
    /// An operator or another bare word (`true`, `null`, `Tj`, `beginbfchar`).
    Keyword(&'a [u8]),
}

/// Reads tokens from `src`, skipping whitespace and `%` comments.
pub(crate) struct Lexer<'a> {
    src: &'a [u8],
    pos: usize,
}

fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'\0')
}

fn is_delimiter(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn is_regular(b: u8) -> bool {
    !is_white(b) && !is_delimiter(b)
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Nesting of parentheses inside a literal string deeper than this ends the string.
const MAX_PAREN_DEPTH: usize = 10_000;

impl<'a> Lexer<'a> {
    /// A lexer at the start of `src`.
    pub(crate) fn new(src: &'a [u8]) -> Self {
        Lexer { src, pos: 0 }
    }

    /// The next token, its name or string bytes appended to `buf`; `None` at the end.
    pub(crate) fn next_token(&mut self, buf: &mut Vec<u8>) -> Option<Token<'a>> {
        let src = self.src;
        loop {
            let &b = src.get(self.pos)?;
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                // A comment runs to the end of the line; it is not an operator.
                while let Some(&c) = src.get(self.pos) {
                    if c == b'\n' || c == b'\r' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
        let b = src[self.pos];
        match b {
            b'/' => {
                self.pos += 1;
                let start = buf.len();
                while let Some(&c) = src.get(self.pos) {
                    if !is_regular(c) {
                        break;
                    }
                    if c == b'#' {
                        if let (Some(h), Some(l)) = (
                            src.get(self.pos + 1).copied().and_then(hex_value),
                            src.get(self.pos + 2).copied().and_then(hex_value),
                        ) {
                            buf.push(h << 4 | l);
                            self.pos += 3;
                            continue;
                        }
                    }
                    buf.push(c);
                    self.pos += 1;
                }
                Some(Token::Name {
                    start,
                    end: buf.len(),
                })
            }
            b'(' => {
                self.pos += 1;
                let start = buf.len();
                self.literal(buf);
                Some(Token::String {
                    start,
                    end: buf.len(),
                })
            }
            b'<' => {
                if src.get(self.pos + 1) == Some(&b'<') {
                    self.pos += 2;
                    return Some(Token::DictOpen);
                }
                self.pos += 1;
                let start = buf.len();
                let mut high: Option<u8> = None;
                while let Some(&c) = src.get(self.pos) {
                    self.pos += 1;
                    if c == b'>' {
                        break;
                    }
                    if let Some(v) = hex_value(c) {
                        match high.take() {
                            Some(h) => buf.push(h << 4 | v),
                            None => high = Some(v),
                        }
                    }
                }
                // An odd final digit is followed by an implied 0.
                if let Some(h) = high {
                    buf.push(h << 4);
                }
                Some(Token::String {
                    start,
                    end: buf.len(),
                })
            }
            b'>' => {
                self.pos += 1;
                if src.get(self.pos) == Some(&b'>') {
                    self.pos += 1;
                    Some(Token::DictClose)
                } else {
                    // A stray `>` carries nothing; read on.
                    self.next_token(buf)
                }
            }
            b'[' => {
                self.pos += 1;
                Some(Token::ArrayOpen)
            }
            b']' => {
                self.pos += 1;
                Some(Token::ArrayClose)
            }
            b'{' | b'}' | b')' => {
                // PostScript braces (type 4 functions) and stray parentheses mean nothing to text.
                self.pos += 1;
                Some(Token::Keyword(&src[self.pos - 1..self.pos]))
            }
            _ => {
                let start = self.pos;
                while self.pos < src.len() && is_regular(src[self.pos]) {
                    self.pos += 1;
                }
                let word = &src[start..self.pos];
                if matches!(word[0], b'0'..=b'9' | b'+' | b'-' | b'.') {
                    Some(Token::Number(parse_number(word)))
                } else {
                    Some(Token::Keyword(word))
                }
            }
        }
    }

    /// Decodes a literal string body (the opening parenthesis already read).
    fn literal(&mut self, buf: &mut Vec<u8>) {
        let src = self.src;
        let mut depth = 0usize;
        while let Some(&c) = src.get(self.pos) {
            self.pos += 1;
            match c {
                b'(' => {
                    depth += 1;
                    if depth > MAX_PAREN_DEPTH {
                        return;
                    }
                    buf.push(c);
                }
                b')' => {
                    if depth == 0 {
                        return;
                    }
                    depth -= 1;
                    buf.push(c);
                }
                b'\\' => {
                    let Some(&e) = src.get(self.pos) else {
                        return;
                    };
                    self.pos += 1;
                    match e {
                        b'n' => buf.push(b'\n'),
                        b'r' => buf.push(b'\r'),
                        b't' => buf.push(b'\t'),
                        b'b' => buf.push(8),
                        b'f' => buf.push(12),
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match src.get(self.pos) {
                                    Some(&d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            buf.push((v & 0xff) as u8);
                        }
                        // A backslash before an end of line continues the string.
                        b'\r' => {
                            if src.get(self.pos) == Some(&b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        other => buf.push(other),
                    }
                }
                // An end of line inside a string reads as a single newline.
                b'\r' => {
                    if src.get(self.pos) == Some(&b'\n') {
                        self.pos += 1;
                    }
                    buf.push(b'\n');
                }
                _ => buf.push(c),
            }
        }
    }

    /// Skips inline image data after `ID`: up to an `EI` that stands between whitespace.
    pub(crate) fn skip_inline_image(&mut self) {
        let src = self.src;
        // One whitespace byte separates ID from the data.
        self.pos = (self.pos + 1).min(src.len());
        let mut i = self.pos;
        while i + 1 < src.len() {
            if src[i] == b'E'
                && src[i + 1] == b'I'
                && i > 0
                && is_white(src[i - 1])
                && src
                    .get(i + 2)
                    .is_none_or(|&c| is_white(c) || is_delimiter(c))
            {
                self.pos = i + 2;
                return;
            }
            i += 1;
        }
        self.pos = src.len();
    }
}

/// Parses a PDF number leniently (`--5`, `5.`, `.5`, `1.2.3` read as far as they make sense).
fn parse_number(word: &[u8]) -> f64 {
    let mut negative = false;
    let mut i = 0;
    while i < word.len() && matches!(word[i], b'+' | b'-') {
        negative ^= word[i] == b'-';
        i += 1;
    }
    let mut value = 0f64;
    while i < word.len() && word[i].is_ascii_digit() {
        value = value * 10.0 + f64::from(word[i] - b'0');
        i += 1;
    }
    if i < word.len() && word[i] == b'.' {
        i += 1;
        let mut scale = 0.1;
        while i < word.len() && word[i].is_ascii_digit() {
            value += f64::from(word[i] - b'0') * scale;
            scale *= 0.1;
            i += 1;
        }
    }
    if !value.is_finite() {
        value = 0.0;
    }
    if negative {
        -value
    } else {
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(src: &[u8]) -> Vec<String> {
        let mut lexer = Lexer::new(src);
        let mut buf = Vec::new();
        let mut out = Vec::new();
        while let Some(t) = lexer.next_token(&mut buf) {
            out.push(match t {
                Token::Number(n) => format!("{n}"),
                Token::Name { start, end } => {
                    format!("/{}", String::from_utf8_lossy(&buf[start..end]))
                }
                Token::String { start, end } => format!("({:?})", &buf[start..end]),
                Token::ArrayOpen => "[".into(),
                Token::ArrayClose => "]".into(),
                Token::DictOpen => "<<".into(),
                Token::DictClose => ">>".into(),
                Token::Keyword(k) => String::from_utf8_lossy(k).into_owned(),
            });
        }
        out
    }

    #[test]
    fn operators_operands_and_comments() {
        assert_eq!(
            tokens(b"BT /F1 12 Tf % a comment Tj\n-1.5 .5 Td [(a)-20<0102>] TJ ET"),
            [
                "BT", "/F1", "12", "Tf", "-1.5", "0.5", "Td", "[", "([97])", "-20", "([1, 2])",
                "]", "TJ", "ET"
            ]
        );
    }

    #[test]
    fn a_comment_only_stream_has_no_tokens() {
        assert!(tokens(b"% only a comment, no operators\n%second").is_empty());
    }

    #[test]
    fn string_escapes_and_nesting() {
        assert_eq!(
            tokens(b"(a\\(b\\)\\101\\\nc(d)e\\\\)"),
            ["([97, 40, 98, 41, 65, 99, 40, 100, 41, 101, 92])"]
        );
        assert_eq!(tokens(b"<4 1 4>"), ["([65, 64])"]);
        assert_eq!(tokens(b"/A#20B"), ["/A B"]);
        assert_eq!(tokens(b"<< /K 1 >>"), ["<<", "/K", "1", ">>"]);
    }

    #[test]
    fn unterminated_input_ends_without_panicking() {
        for src in [
            &b"(abc"[..],
            b"<41",
            b"/",
            b"(\\",
            b"(\\1",
            b"--",
            b"<<",
            b"%",
        ] {
            let _ = tokens(src);
        }
        assert_eq!(parse_number(b"--5"), 5.0);
        assert_eq!(parse_number(b"5."), 5.0);
        assert_eq!(parse_number(b"-"), 0.0);
    }

    #[test]
    fn inline_image_data_is_skipped() {
        let src = b"BI /W 1 ID \x01EI\xff EI Q";
        let mut lexer = Lexer::new(src);
        let mut buf = Vec::new();
        while let Some(t) = lexer.next_token(&mut buf) {
            if t == Token::Keyword(b"ID") {
                lexer.skip_inline_image();
                break;
            }
        }
        assert_eq!(lexer.next_token(&mut buf), Some(Token::Keyword(b"Q")));
    }
}
