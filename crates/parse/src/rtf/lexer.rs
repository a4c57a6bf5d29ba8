//! RTF tokens: braces, control words, control symbols, `\'hh` bytes, text and `\bin` data.
//!
//! Written by hand: the grammar is a dozen lines, and the RTF crates on crates.io either
//! decode text without the per-font code page (which legacy Vietnamese fonts need) or
//! recurse per group (a stack overflow on hostile nesting).

/// One token of the RTF byte stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Token<'a> {
    /// `{`
    Open,
    /// `}`
    Close,
    /// `\word` or `\wordN` (the delimiting space is consumed).
    Word(&'a [u8], Option<i32>),
    /// A control symbol: `\` and one non-letter (`\~`, `\-`, `\*`, `\\`, …).
    Symbol(u8),
    /// `\'hh`: one byte in the current code page.
    Hex(u8),
    /// Literal text bytes (no `\`, braces or line ends).
    Text(&'a [u8]),
    /// The data of `\binN`, skipped.
    Bin,
}

/// Longest control word the specification allows.
const MAX_WORD: usize = 32;

/// A pull tokenizer over the file's bytes.
pub(crate) struct Lexer<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Lexer<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        Lexer { bytes, pos: 0 }
    }

    /// The next token, or `None` at the end of the input.
    pub(crate) fn next_token(&mut self) -> Option<Token<'a>> {
        loop {
            let &b = self.bytes.get(self.pos)?;
            match b {
                b'{' => {
                    self.pos += 1;
                    return Some(Token::Open);
                }
                b'}' => {
                    self.pos += 1;
                    return Some(Token::Close);
                }
                // Line ends in RTF source are formatting, not text.
                b'\r' | b'\n' | 0 => self.pos += 1,
                b'\\' => return Some(self.control()),
                _ => {
                    let start = self.pos;
                    let rest = &self.bytes[start..];
                    let len = rest
                        .iter()
                        .position(|&c| matches!(c, b'\\' | b'{' | b'}' | b'\r' | b'\n' | 0))
                        .unwrap_or(rest.len());
                    self.pos += len;
                    return Some(Token::Text(&rest[..len]));
                }
            }
        }
    }

    fn control(&mut self) -> Token<'a> {
        self.pos += 1; // the backslash
        let Some(&c) = self.bytes.get(self.pos) else {
            return Token::Symbol(b'\\');
        };
        if c == b'\'' {
            let hex = self.bytes.get(self.pos + 1..self.pos + 3);
            let value = hex
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            return match value {
                Some(v) => {
                    self.pos += 3;
                    Token::Hex(v)
                }
                // A broken escape: drop the `\'` and read on.
                None => {
                    self.pos += 1;
                    Token::Symbol(b'\'')
                }
            };
        }
        if !c.is_ascii_alphabetic() {
            self.pos += 1;
            return Token::Symbol(c);
        }
        let start = self.pos;
        while self
            .bytes
            .get(self.pos)
            .is_some_and(|b| b.is_ascii_alphabetic())
            && self.pos - start < MAX_WORD
        {
            self.pos += 1;
        }
        let word = &self.bytes[start..self.pos];
        let param = self.param();
        if self.bytes.get(self.pos) == Some(&b' ') {
            self.pos += 1;
        }
        if word == b"bin" {
            // Binary data of the given length follows; it is never text.
            let len = param.unwrap_or(0).max(0) as usize;
            self.pos = self.pos.saturating_add(len).min(self.bytes.len());
            return Token::Bin;
        }
        Token::Word(word, param)
    }

    /// An optional signed decimal parameter, clamped to `i32`.
    fn param(&mut self) -> Option<i32> {
        let start = self.pos;
        let negative = self.bytes.get(self.pos) == Some(&b'-');
        if negative {
            self.pos += 1;
        }
        let digits_start = self.pos;
        let mut value: i64 = 0;
        while let Some(&d) = self.bytes.get(self.pos) {
            if !d.is_ascii_digit() {
                break;
            }
            value = (value * 10 + i64::from(d - b'0')).min(i64::from(i32::MAX) + 1);
            self.pos += 1;
        }
        if self.pos == digits_start {
            self.pos = start;
            return None;
        }
        let signed = if negative { -value } else { value };
        Some(signed.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(src: &[u8]) -> Vec<Token<'_>> {
        let mut lx = Lexer::new(src);
        std::iter::from_fn(|| lx.next_token()).collect()
    }

    #[test]
    fn words_params_and_delimiter_space() {
        assert_eq!(
            all(b"{\\rtf1\\ansi\\ansicpg1258 Ch\\'e0o\\u7897?}"),
            vec![
                Token::Open,
                Token::Word(b"rtf", Some(1)),
                Token::Word(b"ansi", None),
                Token::Word(b"ansicpg", Some(1258)),
                Token::Text(b"Ch"),
                Token::Hex(0xe0),
                Token::Text(b"o"),
                Token::Word(b"u", Some(7897)),
                Token::Text(b"?"),
                Token::Close,
            ]
        );
    }

    #[test]
    fn negative_and_huge_params_and_symbols() {
        assert_eq!(
            all(b"\\u-3913\\li99999999999\\~\\*\\{"),
            vec![
                Token::Word(b"u", Some(-3913)),
                Token::Word(b"li", Some(i32::MAX)),
                Token::Symbol(b'~'),
                Token::Symbol(b'*'),
                Token::Symbol(b'{'),
            ]
        );
    }

    #[test]
    fn bin_data_is_skipped_even_with_braces() {
        assert_eq!(
            all(b"{\\bin3 }{x}y}"),
            vec![
                Token::Open,
                Token::Bin,
                Token::Close,
                Token::Text(b"y"),
                Token::Close
            ]
        );
        // A length past the end stops at the end instead of overflowing.
        assert_eq!(all(b"\\bin2147483647 ab"), vec![Token::Bin]);
    }

    #[test]
    fn broken_hex_and_trailing_backslash() {
        assert_eq!(
            all(b"\\'zz\\"),
            vec![
                Token::Symbol(b'\''),
                Token::Text(b"zz"),
                Token::Symbol(b'\\')
            ]
        );
    }
}
