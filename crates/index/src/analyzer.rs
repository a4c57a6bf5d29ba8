//! tantivy tokenizers on top of `vanban-text`: words from [`vanban_text::tokens`],
//! each mapped through one key function, byte offsets kept.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use vanban_text::{exact_key, folded_key, tokens};

/// Name under which the exact-key tokenizer is registered.
pub const EXACT_TOKENIZER: &str = "vanban_exact";
/// Name under which the folded-key tokenizer is registered.
pub const FOLDED_TOKENIZER: &str = "vanban_folded";

/// Which search key a field stores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    /// Diacritics kept, tone placement canonical, lower case ([`exact_key`]).
    Exact,
    /// No diacritics, `đ`→`d`, lower case ([`folded_key`]).
    Folded,
}

impl KeyKind {
    /// The key of one word.
    pub fn key(self, word: &str) -> String {
        match self {
            KeyKind::Exact => exact_key(word),
            KeyKind::Folded => folded_key(word),
        }
    }
}

/// Splits text into Vietnamese words and numbers and maps each through a key.
///
/// A compound token (`55/2011/NĐ-CP`, `11/01/2021`) is indexed whole and, at
/// the same position, piece by piece, so both `55/2011/nd-cp` and `2011` find
/// it without breaking phrase positions.
#[derive(Debug, Clone)]
pub struct VnTokenizer {
    kind: KeyKind,
}

impl VnTokenizer {
    /// A tokenizer producing `kind` keys.
    pub fn new(kind: KeyKind) -> Self {
        VnTokenizer { kind }
    }
}

/// The tokens of one text, computed up front.
pub struct VnTokenStream {
    tokens: Vec<Token>,
    /// Index of the current token plus one; 0 before the first `advance`.
    next: usize,
    /// Returned by `token()` before the first `advance`, so no call can panic.
    empty: Token,
}

impl TokenStream for VnTokenStream {
    fn advance(&mut self) -> bool {
        if self.next < self.tokens.len() {
            self.next += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &Token {
        self.next
            .checked_sub(1)
            .and_then(|i| self.tokens.get(i))
            .unwrap_or(&self.empty)
    }

    fn token_mut(&mut self) -> &mut Token {
        match self.next.checked_sub(1) {
            Some(i) if i < self.tokens.len() => &mut self.tokens[i],
            _ => &mut self.empty,
        }
    }
}

impl Tokenizer for VnTokenizer {
    type TokenStream<'a> = VnTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VnTokenStream {
        VnTokenStream {
            tokens: analyze(self.kind, text),
            next: 0,
            empty: Token::default(),
        }
    }
}

/// The tantivy tokens of `text` for `kind`: what the index stores.
pub(crate) fn analyze(kind: KeyKind, text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    for (position, tok) in tokens(text).enumerate() {
        let key = kind.key(tok.text);
        if key.is_empty() {
            continue;
        }
        let push = |out: &mut Vec<Token>, text: String, from: usize, to: usize| {
            out.push(Token {
                offset_from: from,
                offset_to: to,
                position,
                text,
                position_length: 1,
            });
        };
        if tok.is_compound() {
            let whole = key.clone();
            push(&mut out, key, tok.start, tok.end);
            for part in tok.parts() {
                let k = kind.key(part.text);
                if !k.is_empty() && k != whole {
                    push(&mut out, k, part.start, part.end);
                }
            }
        } else {
            push(&mut out, key, tok.start, tok.end);
        }
    }
    out
}

/// The keys of the words of a query, one per word (compound tokens whole).
pub(crate) fn query_keys(kind: KeyKind, text: &str) -> Vec<String> {
    tokens(text)
        .map(|t| kind.key(t.text))
        .filter(|k| !k.is_empty())
        .collect()
}

/// Whether a word carries Vietnamese marks (tones, hats, horns, `đ`): then an
/// exact match is better evidence than a folded one.
pub(crate) fn has_marks(word: &str) -> bool {
    exact_key(word) != folded_key(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(kind: KeyKind, s: &str) -> Vec<(String, usize)> {
        let mut t = VnTokenizer::new(kind);
        let mut stream = t.token_stream(s);
        let mut out = Vec::new();
        while stream.advance() {
            let tok = stream.token();
            assert!(!s[tok.offset_from..tok.offset_to].is_empty());
            out.push((tok.text.clone(), tok.position));
        }
        out
    }

    #[test]
    fn folded_and_exact_keys_with_positions() {
        let s = "Uỷ ban theo Nghị định 55/2011/NĐ-CP";
        let folded = texts(KeyKind::Folded, s);
        assert_eq!(folded[0], ("uy".to_string(), 0));
        assert!(folded.contains(&("55/2011/nd-cp".to_string(), 5)));
        assert!(folded.contains(&("2011".to_string(), 5)));
        assert!(folded.contains(&("nd".to_string(), 5)));
        let exact = texts(KeyKind::Exact, s);
        assert_eq!(exact[0], ("ủy".to_string(), 0));
        assert_eq!(exact[3], ("nghị".to_string(), 3));
    }

    #[test]
    fn token_before_advance_does_not_panic() {
        let mut t = VnTokenizer::new(KeyKind::Folded);
        let mut stream = t.token_stream("");
        assert_eq!(stream.token().text, "");
        assert!(!stream.advance());
        assert_eq!(stream.token_mut().text, "");
    }

    #[test]
    fn marks_are_detected() {
        assert!(has_marks("cải"));
        assert!(has_marks("đi"));
        assert!(!has_marks("cai"));
        assert!(!has_marks("2021"));
    }
}
