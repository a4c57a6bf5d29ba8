//! The vocabulary of document types: ONE table, from which every rule that
//! needs a type word builds its pattern (references, the header's type line,
//! the end of an organisation's name, counted nouns).
//!
//! Sources: Nghị định 30/2020/NĐ-CP, Phụ lục III (type names and their
//! abbreviations in a symbol), the Law on legal documents (normative types:
//! luật, pháp lệnh, nghị định, thông tư…), and party rules (Hướng dẫn
//! 36-HD/VPTW: nghị quyết, chỉ thị, kết luận, chương trình hành động…).
//! Adding a type word is one row here.

/// How a type word behaves as a counted noun (`đã ban hành 3 quyết định`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Counted {
    /// Never a counted noun.
    No,
    /// A counted noun (`05 văn bản`).
    Yes,
    /// A counted noun unless a number follows it, which makes it a citation
    /// (`4 Nghị định số 42/2022/NĐ-CP`, `Kế hoạch 239`).
    UnlessNumbered,
}

/// One document type.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DocType {
    /// The type word in sentence case, as references print it (`Kế hoạch`).
    pub name: &'static str,
    /// Type codes a symbol carries for it (`KH` in `41/KH-SNgV`).
    pub codes: &'static [&'static str],
    /// Upper-case abbreviations a text may write before a number (`QĐ số 12`).
    pub abbr: &'static [&'static str],
    /// Printed (in upper case) as the type line of a document's own header.
    pub header: bool,
    /// Names a cited document before its number (`Kế hoạch số 41/KH-SNgV`).
    pub cited: bool,
    /// Cited by a short form too (`Nghị định 140`).
    pub short: bool,
    /// A capitalised occurrence ends an organisation's name (`Sở Nội vụ Kế hoạch…`).
    pub ends_name: bool,
    /// Whether it is a counted noun.
    pub counted: Counted,
}

/// Builds a row; `flags` letters: H header, C cited, S short form, E ends a name.
const fn t(
    name: &'static str,
    codes: &'static [&'static str],
    abbr: &'static [&'static str],
    flags: &'static str,
    counted: Counted,
) -> DocType {
    let f = flags.as_bytes();
    let mut i = 0;
    let (mut header, mut cited, mut short, mut ends_name) = (false, false, false, false);
    while i < f.len() {
        match f[i] {
            b'H' => header = true,
            b'C' => cited = true,
            b'S' => short = true,
            b'E' => ends_name = true,
            _ => {}
        }
        i += 1;
    }
    DocType {
        name,
        codes,
        abbr,
        header,
        cited,
        short,
        ends_name,
        counted,
    }
}

use Counted::{No, UnlessNumbered, Yes};

/// Every document type the rules know.
pub(crate) const DOC_TYPES: &[DocType] = &[
    t("Thông tư liên tịch", &["TTLT"], &["TTLT"], "HCS", No),
    t("Nghị quyết liên tịch", &["NQLT"], &[], "HC", No),
    t("Chương trình hành động", &[], &[], "HCS", No),
    t("Chương trình", &["CTr"], &["CTr"], "HCSE", UnlessNumbered),
    t("Công văn", &[], &["CV"], "HCSE", UnlessNumbered),
    t("Kế hoạch", &["KH"], &["KH"], "HCSE", UnlessNumbered),
    t("Quyết định", &["QĐ"], &["QĐ"], "HCSE", UnlessNumbered),
    t("Nghị định", &["NĐ"], &["NĐ"], "HCSE", UnlessNumbered),
    t("Nghị quyết", &["NQ"], &["NQ"], "HCSE", UnlessNumbered),
    t("Thông tư", &["TT"], &["TT"], "HCSE", UnlessNumbered),
    t("Chỉ thị", &["CT"], &["CT"], "HCSE", No),
    t("Kết luận", &["KL"], &["KL"], "HCSE", No),
    t("Bộ luật", &[], &[], "C", No),
    t("Luật", &["L"], &[], "HCSE", No),
    t("Pháp lệnh", &["PL"], &[], "HCS", No),
    t("Văn bản", &[], &[], "CSE", Yes),
    t("Văn bản hợp nhất", &["VBHN"], &[], "", No),
    t("Hướng dẫn", &["HD"], &["HD"], "HCSE", No),
    t("Báo cáo", &["BC"], &["BC"], "HCSE", UnlessNumbered),
    t("Đề án", &["ĐA"], &[], "HCSE", UnlessNumbered),
    t("Thông báo", &["TB"], &["TB"], "HCSE", No),
    t("Tờ trình", &["TTr"], &["TTr"], "HCSE", UnlessNumbered),
    t("Công điện", &["CĐ"], &[], "HCS", No),
    t("Quy chế", &["QC"], &[], "HC", Yes),
    t("Thông tri", &[], &[], "C", No),
    t("Quy định", &["QĐi", "QyĐ"], &[], "H", No),
    t("Phụ lục", &[], &[], "H", No),
    t("Thông cáo", &[], &[], "H", No),
    t("Phương án", &[], &[], "H", No),
    t("Dự án", &[], &[], "H", Yes),
    t("Biên bản", &[], &[], "H", No),
    t("Giấy mời", &[], &[], "H", No),
    t("Giấy giới thiệu", &[], &[], "H", No),
    t("Giấy ủy quyền", &[], &[], "H", No),
    t("Giấy nghỉ phép", &[], &[], "H", No),
    t("Phiếu gửi", &[], &[], "H", No),
    t("Phiếu chuyển", &[], &[], "H", No),
    t("Phiếu báo", &[], &[], "H", No),
    t("Thư công", &[], &[], "H", No),
    t("Hợp đồng", &[], &[], "H", No),
    t("Bản ghi nhớ", &[], &[], "H", No),
    t("Bản thỏa thuận", &[], &[], "H", No),
    t("Điều lệ", &[], &[], "H", No),
    t("Lệnh", &[], &[], "H", No),
];

/// Words that open an event rather than a body, which also end a name (`Hội nghị`).
pub(crate) const EVENT_WORDS: &[&str] = &["Hội nghị"];

/// The names of the rows `keep` selects, longest first (so an alternation
/// prefers `Thông tư liên tịch` over `Thông tư`).
fn names_longest_first(keep: impl Fn(&DocType) -> bool) -> Vec<&'static str> {
    let mut v: Vec<&'static str> = DOC_TYPES
        .iter()
        .filter(|d| keep(d))
        .map(|d| d.name)
        .collect();
    v.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    v
}

/// Regex alternation of the selected names, words joined by `sep`, each
/// transformed by `case` (lower, upper or as is).
pub(crate) fn alternation(
    keep: impl Fn(&DocType) -> bool,
    sep: &str,
    case: impl Fn(&str) -> String,
) -> String {
    names_longest_first(keep)
        .into_iter()
        .map(|n| {
            case(n)
                .split(' ')
                .map(regex::escape)
                .collect::<Vec<_>>()
                .join(sep)
        })
        .collect::<Vec<_>>()
        .join("|")
}

/// Regex alternation of the text abbreviations, longest first.
pub(crate) fn abbr_alternation() -> String {
    let mut v: Vec<&str> = DOC_TYPES
        .iter()
        .flat_map(|d| d.abbr.iter().copied())
        .collect();
    v.sort_by_key(|a| std::cmp::Reverse(a.chars().count()));
    v.join("|")
}

/// The type a symbol's type code stands for (`KH` → `Kế hoạch`).
pub(crate) fn kind_for_code(code: &str) -> Option<&'static str> {
    DOC_TYPES
        .iter()
        .find(|d| d.codes.contains(&code))
        .map(|d| d.name)
}

/// The type a text abbreviation stands for (`CV` → `Công văn`).
pub(crate) fn kind_for_abbr(abbr: &str) -> Option<&'static str> {
    DOC_TYPES
        .iter()
        .find(|d| d.abbr.contains(&abbr))
        .map(|d| d.name)
}

/// Type codes of two letters or more, longest first: the codes a typist may
/// glue to an issuer code (`QĐUBND`).
pub(crate) fn glueable_codes() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = DOC_TYPES
        .iter()
        .flat_map(|d| d.codes.iter().copied())
        .filter(|c| c.chars().count() >= 2)
        .collect();
    v.sort_by_key(|c| std::cmp::Reverse(c.chars().count()));
    v
}

/// Whether `s` opens with a capitalised type word or event word that ends an
/// organisation's name.
pub(crate) fn starts_with_type_word(s: &str) -> bool {
    DOC_TYPES
        .iter()
        .filter(|d| d.ends_name)
        .map(|d| d.name)
        .chain(EVENT_WORDS.iter().copied())
        .any(|p| s.starts_with(p))
}

/// Whether `s` ends with a type word that cites a document (`Nghị định`, `thông tư`),
/// any case: the word before a number with no `số` (`Nghị định 64-CP`).
pub(crate) fn ends_with_cited_type_word(s: &str) -> bool {
    let lower = s.to_lowercase();
    DOC_TYPES.iter().filter(|d| d.cited).any(|d| {
        let name = d.name.to_lowercase();
        lower
            .strip_suffix(name.as_str())
            .is_some_and(|before| before.is_empty() || before.ends_with(char::is_whitespace))
    })
}

/// Whether a counted noun (lower case) is a type that a following number makes a citation.
pub(crate) fn is_numbered_doc_noun(lower: &str) -> bool {
    DOC_TYPES
        .iter()
        .filter(|d| d.counted == Counted::UnlessNumbered)
        .any(|d| lower.starts_with(&d.name.to_lowercase()))
}

/// The type words that are counted nouns, in lower case.
pub(crate) fn counted_type_nouns() -> impl Iterator<Item = String> {
    DOC_TYPES
        .iter()
        .filter(|d| d.counted != Counted::No)
        .map(|d| d.name.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_abbreviations_name_their_type() {
        assert_eq!(kind_for_code("KH"), Some("Kế hoạch"));
        assert_eq!(kind_for_code("QyĐ"), Some("Quy định"));
        assert_eq!(kind_for_code("UBND"), None);
        assert_eq!(kind_for_abbr("CV"), Some("Công văn"));
        assert_eq!(kind_for_abbr("L"), None);
    }

    #[test]
    fn longer_names_come_first_in_an_alternation() {
        let alt = alternation(|d| d.cited, " ", str::to_string);
        let long = alt.find("Thông tư liên tịch").unwrap();
        let short = alt.find("|Thông tư|").unwrap();
        assert!(long < short);
        assert!(glueable_codes()[0].chars().count() == 4);
    }

    #[test]
    fn type_words_end_names_and_count() {
        assert!(starts_with_type_word("Kế hoạch số 5"));
        assert!(starts_with_type_word("Hội nghị tổng kết"));
        assert!(!starts_with_type_word("Đào tạo"));
        assert!(is_numbered_doc_noun("quyết định"));
        assert!(!is_numbered_doc_noun("văn bản"));
        assert!(counted_type_nouns().any(|n| n == "quy chế"));
    }
}
