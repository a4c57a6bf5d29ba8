//! Text derived from a source string, with every byte mapped back to the source.
//!
//! Repair (NFC, dropped zero-width characters, joined lines) changes lengths;
//! facts are found in the repaired text but must point into the page text the
//! user sees, so every repair step builds its output through a
//! [`MappedTextBuilder`].

use std::ops::Range;

/// A repaired string whose every byte knows the source byte range it came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MappedText {
    text: String,
    /// Per output byte: start of the source range it came from.
    src_start: Vec<u32>,
    /// Per output byte: end of the source range it came from.
    src_end: Vec<u32>,
    /// Length of the source in bytes.
    src_len: u32,
}

impl MappedText {
    /// The source itself, unchanged.
    pub fn identity(source: &str) -> Self {
        let mut b = MappedTextBuilder::new(source.len());
        b.push_copy(source, 0);
        b.finish()
    }

    /// The repaired text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Length of the source string this maps into.
    pub fn source_len(&self) -> usize {
        self.src_len as usize
    }

    /// Maps a byte range of the repaired text to the byte range of the source it came from.
    ///
    /// An empty range maps to an empty range at the corresponding source position.
    pub fn source_range(&self, range: Range<usize>) -> Range<usize> {
        let n = self.text.len();
        let start = range.start.min(n);
        let end = range.end.min(n).max(start);
        if start == end {
            let pos = if start < n {
                self.src_start[start]
            } else {
                self.src_len
            } as usize;
            return pos..pos;
        }
        let s = self.src_start[start] as usize;
        let e = self.src_end[end - 1] as usize;
        s..e.max(s)
    }

    /// Composes two steps: `self` maps into `outer`'s text, the result maps into `outer`'s source.
    pub fn compose(&self, outer: &MappedText) -> MappedText {
        let mut src_start = Vec::with_capacity(self.src_start.len());
        let mut src_end = Vec::with_capacity(self.src_end.len());
        for (&s, &e) in self.src_start.iter().zip(&self.src_end) {
            let r = outer.source_range(s as usize..e as usize);
            src_start.push(r.start as u32);
            src_end.push(r.end as u32);
        }
        MappedText {
            text: self.text.clone(),
            src_start,
            src_end,
            src_len: outer.src_len,
        }
    }
}

/// Builds a [`MappedText`] piece by piece.
#[derive(Debug, Default)]
pub struct MappedTextBuilder {
    text: String,
    src_start: Vec<u32>,
    src_end: Vec<u32>,
    src_len: u32,
}

impl MappedTextBuilder {
    /// A builder for output derived from a source of `source_len` bytes.
    pub fn new(source_len: usize) -> Self {
        MappedTextBuilder {
            text: String::with_capacity(source_len),
            src_start: Vec::with_capacity(source_len),
            src_end: Vec::with_capacity(source_len),
            src_len: source_len as u32,
        }
    }

    /// Appends `out`, all of which came from source bytes `src`.
    pub fn push_str(&mut self, out: &str, src: Range<usize>) {
        self.text.push_str(out);
        for _ in 0..out.len() {
            self.src_start.push(src.start as u32);
            self.src_end.push(src.end as u32);
        }
    }

    /// Appends `out` unchanged from source offset `src_start` on, each character
    /// mapping to its own source bytes.
    pub fn push_copy(&mut self, out: &str, src_start: usize) {
        self.text.push_str(out);
        for (i, c) in out.char_indices() {
            let s = (src_start + i) as u32;
            let e = s + c.len_utf8() as u32;
            for _ in 0..c.len_utf8() {
                self.src_start.push(s);
                self.src_end.push(e);
            }
        }
    }

    /// Appends one character that came from source bytes `src`.
    pub fn push_char(&mut self, c: char, src: Range<usize>) {
        let mut buf = [0u8; 4];
        self.push_str(c.encode_utf8(&mut buf), src);
    }

    /// The text built so far.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Finishes the mapped text.
    pub fn finish(self) -> MappedText {
        MappedText {
            text: self.text,
            src_start: self.src_start,
            src_end: self.src_end,
            src_len: self.src_len,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_maps_each_byte_to_itself() {
        let m = MappedText::identity("Hà Tĩnh");
        assert_eq!(m.as_str(), "Hà Tĩnh");
        assert_eq!(m.source_range(0..3), 0..3);
        assert_eq!(m.source_range(4..m.as_str().len()), 4.."Hà Tĩnh".len());
    }

    #[test]
    fn a_composed_character_maps_to_its_decomposed_source() {
        // Source "a\u{300}b" (NFD à) repaired to "àb".
        let src = "a\u{300}b";
        let mut b = MappedTextBuilder::new(src.len());
        b.push_char('à', 0..3);
        b.push_char('b', 3..4);
        let m = b.finish();
        assert_eq!(m.as_str(), "àb");
        assert_eq!(m.source_range(0..2), 0..3);
        assert_eq!(m.source_range(2..3), 3..4);
        assert_eq!(m.source_range(0..3), 0..4);
        assert_eq!(m.source_range(3..3), 4..4);
    }

    #[test]
    fn dropped_source_text_is_covered_by_the_surrounding_range() {
        // "513/KH-\nUBND" joined to "513/KH-UBND": the line break is dropped.
        let src = "513/KH-\nUBND";
        let mut b = MappedTextBuilder::new(src.len());
        b.push_str("513/KH-", 0..7);
        b.push_str("UBND", 8..12);
        let m = b.finish();
        assert_eq!(m.source_range(0..m.as_str().len()), 0..12);
    }

    #[test]
    fn compose_chains_two_repairs() {
        let src = "a\u{300}\u{200b}b";
        let mut first = MappedTextBuilder::new(src.len());
        first.push_char('à', 0..3);
        first.push_char('b', 6..7);
        let first = first.finish();
        let mut second = MappedTextBuilder::new(first.as_str().len());
        second.push_str("ab", 0..3);
        let second = second.finish().compose(&first);
        assert_eq!(second.source_range(0..2), 0..7);
        assert_eq!(second.source_len(), src.len());
    }
}
