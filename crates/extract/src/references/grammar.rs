//! Grammar of a citation: document numbers in the shapes of Nghị định
//! 30/2020/NĐ-CP, the Law on legal documents and party rules, the type words
//! that name them, and the helpers that canonicalise what they match.

use std::sync::LazyLock;

use regex::Regex;

use crate::boundary::{captures_iter_checked, char_len_at, is_boundary, word_at, word_before};
use crate::issuers::issuer_for_number;

/// Space that may stand inside a number: spaces, tabs, and one line break.
pub(super) const SP: &str = r"[ \t\u{a0}]*\n?[ \t\u{a0}]*";

/// One symbol segment: starts upper case, letters/digits/`&` (with `Ư` of
/// `TƯ`, `BCĐTƯ`), ends at a word boundary.
pub(super) const SEG: &str = r"[A-ZĐÐ][A-Za-zĐđÐƯư0-9&]*\b";

/// A segment after a dot inside a symbol (`CCB.TN`, `SYT.KHTC`): upper case
/// only, so a full stop glued to the next sentence (`UBND.Trong`) is not one.
pub(super) const SEGU: &str = r"[A-ZĐÐ][A-ZĐÐƯ0-9&]*\b";

/// Any dash a producer may print for the hyphen of a symbol (an underscore is a typing slip for it).
pub(super) const DASH: &str = r"[-_\u{2010}\u{2011}\u{2012}\u{2013}\u{2014}]";

/// The number and year part of an administrative or normative number: an
/// ordinal with an optional letter (`417b`), then an optional year, which may
/// carry one stray digit (`20021`, repaired in [`super::find`]).
const NUM_YEAR: &str = r"(?P<n>\d{1,5}[a-zđ]?)[ \t\u{a0}]*\n?[ \t\u{a0}]*/[ \t\u{a0}]*\n?[ \t\u{a0}]*(?:(?P<y>(?:19|20)\d\d\d?)[ \t\u{a0}]*\n?[ \t\u{a0}]*/[ \t\u{a0}]*\n?[ \t\u{a0}]*)?";

/// Administrative and normative numbers: `41/KH-SNgV`, `55/2011/NĐ-CP`, `83/2015/QH13`.
///
/// Anchored, and only run on the short window [`ADMIN_LOOSE`] found: the
/// `\b` of [`SEG`] would otherwise make every page search run on the
/// backtracker (see [`admin_hits`]).
pub(super) static ADMIN: LazyLock<Regex> = LazyLock::new(|| {
    let re = format!(
        r"^(?:{NUM_YEAR}(?P<sym>{SEG}(?:[ \t]?{DASH}\s*{SEG}|\.{SEGU})*)(?:/(?P<joint>{SEG}(?:{DASH}{SEG})*))?(?:\((?P<unit>[A-Z][A-Z0-9]{{0,5}})\))?)"
    );
    Regex::new(&re).expect("admin number regex")
});

/// [`ADMIN`] with the boundaries of its segments left out, which a DFA can run.
/// It matches wherever `ADMIN` can start, and its match is the longest any
/// path of `ADMIN` from there could be (segments are maximal runs, and another
/// `-SEG` only follows a maximal run).
pub(super) static ADMIN_LOOSE: LazyLock<Regex> = LazyLock::new(|| {
    let seg = SEG.trim_end_matches(r"\b");
    let segu = SEGU.trim_end_matches(r"\b");
    let re = format!(
        r"{NUM_YEAR}(?P<sym>{seg}(?:[ \t]?{DASH}\s*{seg}|\.{segu})*)(?:/(?P<joint>{seg}(?:{DASH}{seg})*))?(?:\((?P<unit>[A-Z][A-Z0-9]{{0,5}})\))?"
    );
    Regex::new(&re).expect("loose admin number regex")
});

/// Party numbers `18-NQ/TW`, with the slips `920/-CTr/TU`, `05- NQ/TU` and `29 KL/TU`.
///
/// The word boundary after the issuer is checked in code: every other part of
/// the match is fixed by the text, and the issuer is a run of word characters,
/// so the old `\b` could only hold at the end of the maximal run.
pub(super) static PARTY: LazyLock<Regex> = LazyLock::new(|| {
    let re = format!(
        r"(?P<n>\d{{1,5}})(?P<sep>[ \t]*/?[ \t]*{DASH}\s*|[ \t]+)(?P<t>[A-ZĐ][A-Za-zĐđ]*){SP}/{SP}(?P<i>[A-ZĐƯ][A-Za-zĐđƯư]*)"
    );
    Regex::new(&re).expect("party number regex")
});

/// Document type words, full (any case) or abbreviated (upper case only), as
/// group `m`. Written without Unicode `\b` so it runs on a DFA: the boundary
/// before is checked in code; the one after is a consumed non-word character or
/// the end of text (every word ends with a letter), which keeps the
/// alternation's fallback to a shorter word.
pub(super) static TYPE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    let full = crate::vocab::alternation(|d| d.cited, r"\s+", str::to_lowercase);
    let abbr = crate::vocab::abbr_alternation();
    Regex::new(&format!(r"(?P<m>(?i:(?:{full}))|(?:{abbr}))(?:[^\w]|\z)")).expect("type word regex")
});

/// URLs and bare web addresses, whose numbers are not mentions. The word
/// boundary before a bare address is checked in code (group `web` needs none).
pub(super) static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?P<web>(?:https?://|www\.)\S+)|[\w.-]+\.(?:vn|com|net|org|gov)/\S*")
        .expect("url regex")
});

/// A compound lead-in `số 18, 19-NQ/TW`: the numbers before the one that carries the symbol.
pub(super) static COMPOUND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\p{L}])[Ss]ố\s+(\d{1,5}(?:\s*,\s*\d{1,5})*)\s*(?:,|và|&)\s*$")
        .expect("compound regex")
});

/// A short back-reference `Nghị định 140`, `Chương trình hành động 920, 1011`.
/// The word boundary before the type word is checked in code.
pub(super) static SHORT: LazyLock<Regex> = LazyLock::new(|| {
    let kinds = crate::vocab::alternation(|d| d.short, r"\s+", str::to_string);
    Regex::new(&format!(
        r"(?P<kind>{kinds})\s+(?:số\s+)?(?P<nums>\d{{1,5}}(?:\s*(?:,|và)\s*\d{{1,5}})*)"
    ))
    .expect("short reference regex")
});

/// Numbers printed wholly in lower case with a year (`61/2019/tt-bgtvt`).
/// The boundary after is checked in code.
pub(super) static LOWER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?P<n>\d{1,5})/(?P<y>(?:19|20)\d\d)/(?P<sym>[a-zđ]{2,5}-[a-zđ0-9]{2,}(?:-[a-zđ0-9]+)*)",
    )
    .expect("lower-case number regex")
});

/// A symbol whose hyphen was typed as an underscore (`48/2023/NĐ_CP`), which
/// [`ADMIN`] cannot see (an underscore is a word character for its `\b`).
/// The boundary after is checked in code.
pub(super) static UNDERSCORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<n>\d{1,5})/(?:(?P<y>(?:19|20)\d\d)/)?(?P<a>[A-ZĐ][A-Za-zĐđ]{1,5})_(?P<b>[A-ZĐ][A-Za-zĐđ0-9]*(?:-[A-ZĐ][A-Za-zĐđ0-9]*)*)")
        .expect("underscore number regex")
});

/// Numbers of the years before 2000 with no year, after `số`: `64-CP`,
/// `91-TC/TCT`, `37-LCT/HĐNN8`, `17-SL/L-002`. The boundary after is checked in code.
pub(super) static OLD_STYLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?P<n>\d{1,5})-(?P<sym>[A-ZĐ][A-Za-zĐđ]*(?:/[A-ZĐ][A-Za-zĐđ0-9]*(?:-[A-Z0-9]+)*)?)",
    )
    .expect("old-style number regex")
});

/// A type abbreviation glued to its number (`QĐ1457`, `NQ05`), or set apart
/// by a space or `số` (`QĐ số 77`, `NQ 05`). The boundaries are checked in code.
pub(super) static GLUED: LazyLock<Regex> = LazyLock::new(|| {
    // Only the types a text abbreviates this way; `HD003` or `BC01` are codes.
    Regex::new(r"(?P<abbr>QĐ|NĐ|NQ|TT|CT|KH)(?P<sep>[\x20\x{A0}]+(?:số[\x20\x{A0}]+)?|[\x20\x{A0}]*số[\x20\x{A0}]*)?(?P<n>\d{1,5})")
        .expect("glued number regex")
});

/// Comparison key for numbers: no spaces, `Ð` as `Đ`.
pub(super) fn canon_key(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == 'Ð' { 'Đ' } else { c })
        .collect()
}

/// Collapses whitespace and unifies dashes inside a symbol.
pub(super) fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{2010}'..='\u{2014}' | '_' => '-',
            'Ð' => 'Đ',
            c => c,
        })
        .collect()
}

/// `NQ.HĐTP` → `NQ-HĐTP`: a dot right after a type code is a slip for the
/// hyphen; other dots belong to the issuer's code (`CCB.TN`, `SYT.KHTC`).
pub(super) fn fix_dot(sym: &str) -> String {
    match sym.split_once('.') {
        Some((head, rest))
            if crate::vocab::kind_for_code(head).is_some() && !head.contains('-') =>
        {
            format!("{head}-{rest}")
        }
        _ => sym.to_string(),
    }
}

/// Whether a symbol opens with a joint type (`TTLT`, `NQLT`), whose issuers may
/// follow a second slash (`118/2003/TTLT/BYT-BTC`).
pub(super) fn is_joint(sym: &str) -> bool {
    let head = sym.split(['-', '/']).next().unwrap_or("");
    head.len() > 2 && head.ends_with("LT") && crate::vocab::kind_for_code(head).is_some()
}

/// Upper-case every segment of a symbol printed in lower case, restoring the
/// mixed case of known codes (`tt-bgtvt` → `TT-BGTVT`, `qđ-ttg` → `QĐ-TTg`).
pub(crate) fn restore_case(sym: &str) -> String {
    let mut out = String::new();
    let mut seg = String::new();
    let flush = |seg: &mut String, out: &mut String| {
        if !seg.is_empty() {
            match crate::issuers::known_code(seg) {
                Some(c) => out.push_str(c),
                None => out.push_str(&seg.to_uppercase()),
            }
            seg.clear();
        }
    };
    for c in sym.chars() {
        if matches!(c, '-' | '/' | '.' | '(' | ')') {
            flush(&mut seg, &mut out);
            out.push(c);
        } else {
            seg.push(c);
        }
    }
    flush(&mut seg, &mut out);
    out
}

/// A symbol needs two upper-case letters (`KH-SNgV`, `QH13`); `A` alone is a sub-item.
pub(super) fn symbol_ok(sym: &str) -> bool {
    sym.chars().filter(|c| c.is_uppercase()).count() >= 2
}

/// `QĐUBND` → `QĐ-UBND`: a type code glued to a known issuer code is a typing slip.
pub(super) fn fix_glued(sym: &str) -> String {
    let mut segs: Vec<String> = sym.split('-').map(str::to_string).collect();
    if let Some(first) = segs.first().cloned() {
        for code in crate::vocab::glueable_codes() {
            if let Some(rest) = first.strip_prefix(code) {
                if issuer_for_number(&format!("1/{code}-{rest}")).is_some() && !rest.is_empty() {
                    segs[0] = rest.to_string();
                    segs.insert(0, code.to_string());
                    break;
                }
            }
        }
    }
    segs.join("-")
}

/// The number must not continue a longer token (`1.500/…`, `ISO9001/…`, `a12/…`).
pub(super) fn number_start_ok(text: &str, start: usize) -> bool {
    match text[..start].chars().next_back() {
        None => true,
        Some(c) => !(c.is_alphanumeric() || matches!(c, '/' | '.' | '-' | ',' | ':' | '_')),
    }
}

/// Every [`URL`] match, as the pattern with its `\b` would find them.
pub(crate) fn url_matches(text: &str) -> impl Iterator<Item = regex::Captures<'_>> {
    captures_iter_checked(&URL, text, move |c| {
        c.name("web").is_some() || c.get(0).is_some_and(|m| is_boundary(text, m.start()))
    })
}

/// Every [`PARTY`] match, as the pattern with its trailing `\b` would find them.
pub(crate) fn party_matches(text: &str) -> impl Iterator<Item = regex::Captures<'_>> {
    captures_iter_checked(&PARTY, text, move |c| {
        c.get(0).is_some_and(|m| !word_at(text, m.end()))
    })
}

/// Every [`TYPE_WORD`] match (the word is group `m`), as with its `\b`s.
pub(crate) fn type_word_matches(text: &str) -> impl Iterator<Item = regex::Captures<'_>> {
    captures_iter_checked(&TYPE_WORD, text, move |c| {
        c.get(0).is_some_and(|m| !word_before(text, m.start()))
    })
}

/// Every [`SHORT`] match, as the pattern with its leading `\b` would find them.
pub(crate) fn short_matches(text: &str) -> impl Iterator<Item = regex::Captures<'_>> {
    captures_iter_checked(&SHORT, text, move |c| {
        c.get(0).is_some_and(|m| !word_before(text, m.start()))
    })
}

/// Every [`ADMIN`] match in `text`, as `captures_iter` would give them, each
/// with the byte offset its captures are relative to.
///
/// [`ADMIN_LOOSE`] finds each start `p` the exact pattern could match at and
/// the end `e` no path of it can pass; the exact pattern then runs anchored on
/// `p..e` plus one character, so every `\b` it tests sees the same neighbours
/// as in the whole text. Where it fails, no match starts at `p`.
pub(crate) fn admin_hits(text: &str) -> Vec<(usize, regex::Captures<'_>)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(loose) = ADMIN_LOOSE.find_at(text, from) {
        let (p, e) = (loose.start(), loose.end());
        let next = text[e..].chars().next().map_or(0, char::len_utf8);
        let Some(window) = text.get(p..e + next) else {
            break;
        };
        match ADMIN
            .captures(window)
            .and_then(|c| Some((c.get(0)?.end(), c)))
        {
            Some((end, c)) if end > 0 => {
                from = p + end;
                out.push((p, c));
            }
            _ => from = p + char_len_at(text, p),
        }
    }
    out
}

/// Standards (`TCVN ISO 9001:2015`, `ISO 9001/2008`) are not documents.
pub(super) fn is_standard(before: &str) -> bool {
    let tail: String = before
        .chars()
        .rev()
        .take(12)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    tail.contains("ISO") || tail.contains("TCVN")
}

/// Splits a canonical number into its leading digits and the rest (`/KH-SNgV`, `-NQ/TW`).
pub(super) fn split_number(number: &str) -> Option<(&str, &str)> {
    let i = number.find(|c: char| !c.is_ascii_digit())?;
    (i > 0).then(|| number.split_at(i))
}

/// `KẾ HOẠCH`, `kế hoạch` → `Kế hoạch` (line breaks inside joined).
pub(super) fn sentence_case(s: &str) -> String {
    let lower = clean_name(s).to_lowercase();
    let mut cs = lower.chars();
    match cs.next() {
        Some(f) => f.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}

/// Largest char boundary at or below `i`.
pub(super) fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Joins a name's line breaks with one space.
pub(super) fn clean_name(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A full stop or semicolon that ends a sentence (not the dots of `25.10.2017`).
pub(super) fn has_sentence_break(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter().enumerate().any(|(i, &c)| {
        c == b';' || (c == b'.' && b.get(i + 1).is_none_or(|n| n.is_ascii_whitespace()))
    })
}
