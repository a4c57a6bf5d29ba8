//! Issuing bodies: the symbol codes of Nghị định 30/2020/NĐ-CP (Phụ lục III) and
//! of the Law on legal documents, the party's own codes, and the names a text
//! uses for those bodies.
//!
//! A document number carries its issuer in the symbol: `55/2011/NĐ-CP` (type
//! `NĐ`, issuer `CP`), `41/SNV-CCHC` (a công văn: issuer `SNV`, drafting unit
//! `CCHC`), `83/2015/QH13` (the 13th National Assembly), `18-NQ/TW` (party:
//! type `NQ`, issuer `TW`). This module is the ONE table that maps those codes
//! to bodies; rules elsewhere ask it, they never hard-code a body.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::boundary::{captures_checked, word_before};

/// One issuing body: its symbol code, the name to print, and folded key
/// phrases by which a text may name it (`của Ban Thường vụ Tỉnh ủy` names `TU`).
struct Body {
    code: &'static str,
    name: &'static str,
    keys: &'static [&'static str],
    /// Folded phrases that, when present, mean another body (Thủ tướng is not Chính phủ).
    not: &'static [&'static str],
}

const BODIES: &[Body] = &[
    Body {
        code: "CP",
        name: "Chính phủ",
        keys: &["chinh phu"],
        not: &["thu tuong", "van phong", "thanh tra"],
    },
    Body {
        code: "TTg",
        name: "Thủ tướng Chính phủ",
        keys: &["thu tuong"],
        not: &[],
    },
    Body {
        code: "VPCP",
        name: "Văn phòng Chính phủ",
        keys: &["van phong chinh phu"],
        not: &[],
    },
    Body {
        code: "TTCP",
        name: "Thanh tra Chính phủ",
        keys: &["thanh tra chinh phu"],
        not: &[],
    },
    Body {
        code: "CTN",
        name: "Chủ tịch nước",
        keys: &["chu tich nuoc"],
        not: &[],
    },
    Body {
        code: "BNV",
        name: "Bộ Nội vụ",
        keys: &["bo noi vu"],
        not: &[],
    },
    Body {
        code: "BNG",
        name: "Bộ Ngoại giao",
        keys: &["bo ngoai giao"],
        not: &[],
    },
    Body {
        code: "BTC",
        name: "Bộ Tài chính",
        keys: &["bo tai chinh"],
        not: &[],
    },
    Body {
        code: "BTP",
        name: "Bộ Tư pháp",
        keys: &["bo tu phap"],
        not: &[],
    },
    Body {
        code: "BCA",
        name: "Bộ Công an",
        keys: &["bo cong an"],
        not: &[],
    },
    Body {
        code: "BQP",
        name: "Bộ Quốc phòng",
        keys: &["bo quoc phong"],
        not: &[],
    },
    Body {
        code: "BYT",
        name: "Bộ Y tế",
        keys: &["bo y te"],
        not: &[],
    },
    Body {
        code: "BCT",
        name: "Bộ Công Thương",
        keys: &["bo cong thuong"],
        not: &[],
    },
    Body {
        code: "HĐBT",
        name: "Hội đồng Bộ trưởng",
        keys: &["hoi dong bo truong"],
        not: &[],
    },
    Body {
        code: "BXD",
        name: "Bộ Xây dựng",
        keys: &["bo xay dung"],
        not: &[],
    },
    Body {
        code: "BKHĐT",
        name: "Bộ Kế hoạch và Đầu tư",
        keys: &["bo ke hoach"],
        not: &[],
    },
    Body {
        code: "BGDĐT",
        name: "Bộ Giáo dục và Đào tạo",
        keys: &["bo giao duc"],
        not: &[],
    },
    Body {
        code: "BLĐTBXH",
        name: "Bộ Lao động - Thương binh và Xã hội",
        keys: &["bo lao dong"],
        not: &[],
    },
    Body {
        code: "BTTTT",
        name: "Bộ Thông tin và Truyền thông",
        keys: &["bo thong tin"],
        not: &[],
    },
    Body {
        code: "BGTVT",
        name: "Bộ Giao thông vận tải",
        keys: &["bo giao thong"],
        not: &[],
    },
    Body {
        code: "BTNMT",
        name: "Bộ Tài nguyên và Môi trường",
        keys: &["bo tai nguyen"],
        not: &[],
    },
    Body {
        code: "BNNPTNT",
        name: "Bộ Nông nghiệp và Phát triển nông thôn",
        keys: &["bo nong nghiep"],
        not: &[],
    },
    Body {
        code: "BVHTTDL",
        name: "Bộ Văn hóa, Thể thao và Du lịch",
        keys: &["bo van hoa"],
        not: &[],
    },
    Body {
        code: "BKHCN",
        name: "Bộ Khoa học và Công nghệ",
        keys: &["bo khoa hoc"],
        not: &[],
    },
    Body {
        code: "NHNN",
        name: "Ngân hàng Nhà nước Việt Nam",
        keys: &["ngan hang nha nuoc"],
        not: &[],
    },
    Body {
        code: "KTNN",
        name: "Kiểm toán Nhà nước",
        keys: &["kiem toan nha nuoc"],
        not: &[],
    },
    Body {
        code: "UBDT",
        name: "Ủy ban Dân tộc",
        keys: &["uy ban dan toc"],
        not: &[],
    },
    Body {
        code: "VPUBND",
        name: "Văn phòng UBND",
        keys: &["van phong uy ban nhan dan", "van phong ubnd"],
        not: &[],
    },
    Body {
        code: "UBND",
        name: "UBND",
        keys: &["uy ban nhan dan", "ubnd"],
        not: &["van phong"],
    },
    Body {
        code: "HĐND",
        name: "HĐND",
        keys: &["hoi dong nhan dan", "hdnd"],
        not: &[],
    },
    Body {
        code: "SNV",
        name: "Sở Nội vụ",
        keys: &["so noi vu"],
        not: &[],
    },
    Body {
        code: "SNgV",
        name: "Sở Ngoại vụ",
        keys: &["so ngoai vu"],
        not: &[],
    },
    Body {
        code: "STC",
        name: "Sở Tài chính",
        keys: &["so tai chinh"],
        not: &[],
    },
    Body {
        code: "STP",
        name: "Sở Tư pháp",
        keys: &["so tu phap"],
        not: &[],
    },
    Body {
        code: "SYT",
        name: "Sở Y tế",
        keys: &["so y te"],
        not: &[],
    },
    Body {
        code: "SXD",
        name: "Sở Xây dựng",
        keys: &["so xay dung"],
        not: &[],
    },
    Body {
        code: "SKHĐT",
        name: "Sở Kế hoạch và Đầu tư",
        keys: &["so ke hoach"],
        not: &[],
    },
    Body {
        code: "SGDĐT",
        name: "Sở Giáo dục và Đào tạo",
        keys: &["so giao duc"],
        not: &[],
    },
    Body {
        code: "STTTT",
        name: "Sở Thông tin và Truyền thông",
        keys: &["so thong tin"],
        not: &[],
    },
    Body {
        code: "SKHCN",
        name: "Sở Khoa học và Công nghệ",
        keys: &["so khoa hoc"],
        not: &[],
    },
    Body {
        code: "STNMT",
        name: "Sở Tài nguyên và Môi trường",
        keys: &["so tai nguyen"],
        not: &[],
    },
    Body {
        code: "SLĐTBXH",
        name: "Sở Lao động - Thương binh và Xã hội",
        keys: &["so lao dong"],
        not: &[],
    },
    // Party bodies (Hướng dẫn 36-HD/VPTW on party document symbols).
    Body {
        code: "TW",
        name: "Ban Chấp hành Trung ương",
        keys: &["trung uong", "ban bi thu", "bo chinh tri"],
        not: &[],
    },
    Body {
        code: "TU",
        name: "Tỉnh ủy",
        keys: &["tinh uy", "dang bo tinh"],
        not: &[],
    },
    Body {
        code: "ThU",
        name: "Thành ủy",
        keys: &["thanh uy", "dang bo thanh pho"],
        not: &[],
    },
    Body {
        code: "HU",
        name: "Huyện ủy",
        keys: &["huyen uy", "dang bo huyen"],
        not: &[],
    },
    Body {
        code: "QU",
        name: "Quận ủy",
        keys: &["quan uy", "dang bo quan"],
        not: &[],
    },
    Body {
        code: "ĐU",
        name: "Đảng ủy",
        keys: &["dang uy"],
        not: &[],
    },
    Body {
        code: "BCSĐ",
        name: "Ban cán sự đảng",
        keys: &["ban can su"],
        not: &[],
    },
];

/// Party issuer codes that follow the slash of a party number (`18-NQ/TW`).
pub(crate) const PARTY_ISSUERS: &[&str] = &[
    "TW", "TƯ", "TU", "ThU", "TP", "HU", "QU", "TXU", "ĐU", "ĐUK", "BCSĐ", "BTGTW", "BTCTW",
    "UBKTTW", "VPTW", "BTG", "BTC", "UBKT", "BDVTW", "BĐNTW", "BNCTW",
];

pub(crate) use crate::vocab::kind_for_code;

/// The canonical spelling of a type or issuer code, whatever its case
/// (`TTG` → `TTg`, `sngv` → `SNgV`), when the tables know it.
pub(crate) fn known_code(code: &str) -> Option<&'static str> {
    let up = code.to_uppercase();
    crate::vocab::DOC_TYPES
        .iter()
        .flat_map(|d| d.codes.iter().copied())
        .chain(BODIES.iter().map(|b| b.code))
        .chain(PARTY_ISSUERS.iter().copied())
        .find(|c| c.to_uppercase() == up)
}

/// Whether `code` is a type code (`KH`, `QĐ`, `NĐ`…), as opposed to an issuer code.
pub(crate) fn is_type_code(code: &str) -> bool {
    kind_for_code(code).is_some()
}

/// Issuer codes a symbol carries: the segment after the type code
/// (`NĐ-CP` → `CP`; every body of a joint `TTLT-BTC-BNV`), the first segment of
/// a công văn symbol (`SNV-CCHC` → `SNV`), the code after a party slash, or the
/// legislature of a law number (`QH13`).
pub(crate) fn issuer_codes(number: &str) -> Vec<String> {
    if let Some((_, sym)) = number.split_once('-').filter(|_| is_party(number)) {
        return sym
            .split('/')
            .nth(1)
            .map(|s| vec![s.to_string()])
            .unwrap_or_default();
    }
    let sym = number.rsplit('/').next().unwrap_or("");
    if sym.starts_with("UBTVQH") {
        return vec!["UBTVQH".to_string()];
    }
    if sym.starts_with("QH") {
        return vec!["QH".to_string()];
    }
    let segs: Vec<&str> = sym.split('-').collect();
    match segs.as_slice() {
        [t, rest @ ..] if *t == "TTLT" || *t == "NQLT" => {
            rest.iter().map(|s| s.to_string()).collect()
        }
        [t, i, ..] if is_type_code(t) => vec![i.to_string()],
        [i, ..] => vec![i.to_string()],
        [] => Vec::new(),
    }
}

/// Whether a canonical number has the party shape `18-NQ/TW`.
pub(crate) fn is_party(number: &str) -> bool {
    match number.split_once('-') {
        Some((n, rest)) => n.chars().all(|c| c.is_ascii_digit()) && rest.contains('/'),
        None => false,
    }
}

/// The body a symbol's issuer code stands for, as the fallback issuer of a
/// reference whose text names none.
pub(crate) fn issuer_for_number(number: &str) -> Option<String> {
    let codes = issuer_codes(number);
    let names: Vec<&str> = codes
        .iter()
        .filter_map(|c| match c.as_str() {
            "QH" => Some("Quốc hội"),
            "UBTVQH" => Some("Ủy ban Thường vụ Quốc hội"),
            c => BODIES.iter().find(|b| b.code == c).map(|b| b.name),
        })
        .collect();
    if names.is_empty() {
        None
    } else {
        Some(names.join(", "))
    }
}

/// Whether the body a text names (`Ban Thường vụ Tỉnh uỷ`) fits the issuer code
/// of `number` (`05-KL/TU`): used to spread a `của X` that closes a list to
/// the items it covers.
pub(crate) fn issuer_fits(number: &str, named: &str) -> bool {
    let f = fold(named);
    issuer_codes(number).iter().any(|code| match code.as_str() {
        "QH" => f.contains("quoc hoi") && !f.contains("thuong vu"),
        "UBTVQH" => f.contains("thuong vu quoc hoi"),
        c => BODIES.iter().any(|b| {
            b.code == c
                && b.keys.iter().any(|k| f.contains(k))
                && !b.not.iter().any(|k| f.contains(k))
        }),
    })
}

pub(crate) use crate::letters::fold;

/// The head words that open the name of an issuing body.
///
/// Written without Unicode `\b` so it runs on a DFA: the boundary before is
/// checked in code ([`org_head_at`]); the one after becomes a consumed
/// non-word character or the end of text (every head ends with a letter), and
/// the head itself is group `m`. Consuming keeps the alternation's fallback
/// (`Ban cán sựx` still yields `Ban`), which a check after the match would not.
static ORG_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?P<m>{ORG_HEADS})(?:[^\w]|\z)")).expect("org head regex")
});

/// The heads of bodies' names, longest (and most specific) first: the state
/// and party bodies of the symbol table, office-holders who sign in their own
/// name (`Bộ trưởng`, `Chánh án`), and the schools, companies, associations,
/// funds, hospitals, centres and banks that issue documents too. Heads that
/// are also common words (`Trường hợp`, `Hội nghị`) need a capitalised word after them.
pub(crate) const ORG_HEADS: &str = r"Tổng công ty|Công ty|Tập đoàn|Trường \p{Lu}\w*|Đại học|Học viện|Hiệp hội|Hội \p{Lu}\w*|Quỹ \p{Lu}\w*|Bệnh viện|Trung tâm \p{Lu}\w*|Viện trưởng|Viện kiểm sát|Viện \p{Lu}\w*|Tòa án|Toà án|Hợp tác xã|Liên đoàn|Chi cục|Phòng \p{Lu}\w*|Chánh án|Hiệu trưởng|Tổng Giám đốc|Cục trưởng|Vụ trưởng|Chủ nhiệm|Bộ trưởng|Thứ trưởng|Thống đốc|Tổng Kiểm toán Nhà nước|Giám đốc|Ngân hàng|Thủ tướng Chính phủ|Thủ tướng|Văn phòng Chính phủ|Thanh tra Chính phủ|Chính phủ|Ủy ban Thường vụ Quốc hội|Uỷ ban Thường vụ Quốc hội|Quốc hội|Chủ tịch nước|Ban Bí thư|Bộ Chính trị|Ban [Cc]hấp hành|BCH|Ban Thường vụ|Ban cán sự|Ban|Tỉnh ủy|Tỉnh uỷ|Thành ủy|Thành uỷ|Huyện ủy|Huyện uỷ|Đảng ủy|Đảng uỷ|Văn phòng|Ủy ban nhân dân|Uỷ ban nhân dân|UBND|HĐND|Hội đồng nhân dân|Chủ tịch|Sở|Bộ|Tổng cục|Cục|Thanh tra|Kiểm toán Nhà nước|Ngân hàng Nhà nước|Ủy ban|Uỷ ban";

/// Lower-case words that continue an organisation's name (`Sở Nội vụ`,
/// `Bộ Ngoại giao`, `Ủy ban nhân dân tỉnh`, `Ban Chấp hành Đảng bộ tỉnh khóa XII`).
const NAME_WORDS: &[&str] = &[
    "vụ",
    "giao",
    "chính",
    "pháp",
    "tế",
    "tư",
    "hoạch",
    "thông",
    "nghiệp",
    "triển",
    "thôn",
    "trường",
    "xã",
    "hội",
    "dục",
    "tạo",
    "binh",
    "lịch",
    "thao",
    "hóa",
    "hoá",
    "học",
    "nghệ",
    "truyền",
    "dựng",
    "vận",
    "tải",
    "nguyên",
    "an",
    "phòng",
    "tịch",
    "nhân",
    "dân",
    "tỉnh",
    "thành",
    "phố",
    "huyện",
    "quận",
    "thị",
    "trấn",
    "phường",
    "đoàn",
    "ương",
    "khóa",
    "khoá",
    "bộ",
    "chấp",
    "hành",
    "thường",
    "bí",
    "thư",
    "trị",
    "nước",
    "ủy",
    "uỷ",
    "cán",
    "sự",
    "đảng",
    "đồng",
    "tướng",
    "phủ",
    "tác",
    "thương",
    "động",
    "chức",
    "tra",
    "toán",
    "hàng",
    "án",
    "tối",
    "cao",
    "kiểm",
    "sát",
    "trưởng",
    "đốc",
    "cổ",
    "phần",
    "trách",
    "hữu",
    "hạn",
    "viện",
    "đẳng",
    "phạm",
    // Hospitals, centres and schools: `Bệnh viện Đa khoa tỉnh`, `Trung tâm Y tế huyện`,
    // `Trường Trung học phổ thông`, `Trung tâm Kiểm soát bệnh tật`.
    "khoa",
    "mại",
    "chi",
    "nhánh",
    "phổ",
    "sở",
    "cơ",
    "bệnh",
    "tật",
    "lao",
    "sinh",
];

/// Lower-case words after which no name continues even if allowed above.
const NAME_STOP_AFTER: &[&str] = &["tỉnh", "huyện", "quận", "phường", "xã"];

/// The organisation names in `text`, as byte ranges, in order.
pub(crate) fn find_orgs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(m) = org_head_at(text, from) {
        // An office-holder's title then the body they head (`Tổng Giám đốc
        // Tổng công ty Điện lực`, `Hiệu trưởng Trường Đại học Cần Thơ`): the
        // name runs on over the body's whole name.
        let head_end = match text[m.end..].strip_prefix(' ') {
            Some(rest) if OFFICE_HEADS.contains(&&text[m.clone()]) => {
                match org_head_at(rest, 0).filter(|b| b.start == 0) {
                    Some(b) => m.end + 1 + b.end,
                    None => m.end,
                }
            }
            _ => m.end,
        };
        let end = if COMPLETE_NAMES.contains(&&text[m.start..head_end]) {
            extend_term(text, head_end)
        } else {
            extend_name(text, head_end)
        };
        out.push(m.start..end);
        from = end.max(m.end);
    }
    out
}

/// The first organisation head at or after `from`, as `ORG_HEAD` with its
/// leading `\b` would have found it.
pub(crate) fn org_head_at(text: &str, from: usize) -> Option<Range<usize>> {
    let c = captures_checked(&ORG_HEAD, text, from, &|c| {
        c.get(0).is_some_and(|m| !word_before(text, m.start()))
    })?;
    c.name("m").map(|m| m.range())
}

/// Office-holders' titles, which a body's name may follow.
const OFFICE_HEADS: &[&str] = &[
    "Bộ trưởng",
    "Thứ trưởng",
    "Chủ tịch",
    "Giám đốc",
    "Tổng Giám đốc",
    "Hiệu trưởng",
    "Cục trưởng",
    "Vụ trưởng",
    "Chủ nhiệm",
    "Chánh án",
    "Viện trưởng",
    "Thống đốc",
];

/// Heads that are a whole name by themselves: no word after them belongs to
/// the name (`của Chính phủ Quy định chi tiết…` is the government, then the
/// cited document's title), except a term (`Quốc hội khóa XIV`).
const COMPLETE_NAMES: &[&str] = &[
    "Chính phủ",
    "Thủ tướng Chính phủ",
    "Quốc hội",
    "Bộ Chính trị",
    "Ban Bí thư",
    "Chủ tịch nước",
    "Văn phòng Chính phủ",
    "Thanh tra Chính phủ",
    "Ủy ban Thường vụ Quốc hội",
    "Uỷ ban Thường vụ Quốc hội",
    "Kiểm toán Nhà nước",
    "Tổng Kiểm toán Nhà nước",
];

/// Extends a complete name over a term that follows it (`khóa XIV`, `khoá 15`).
fn extend_term(text: &str, end: usize) -> usize {
    let rest = &text[end..];
    let t = rest.trim_start_matches([' ', '\u{a0}']);
    let Some(after) = t.strip_prefix("khóa").or_else(|| t.strip_prefix("khoá")) else {
        return end;
    };
    let a = after.trim_start_matches([' ', '\u{a0}']);
    let term: &str = a.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    let roman = !term.is_empty() && term.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'));
    let digits = !term.is_empty() && term.chars().all(|c| c.is_ascii_digit());
    if roman || digits {
        end + (rest.len() - a.len()) + term.len()
    } else {
        end
    }
}

/// Extends an organisation head over the words of its name.
fn extend_name(text: &str, mut end: usize) -> usize {
    let mut words = 0;
    let mut after_place = false;
    loop {
        let rest = &text[end..];
        // A dash or an enumeration inside a name: `Bộ Lao động - Thương binh
        // và Xã hội`, `Bộ Văn hóa, Thể thao và Du lịch`. After a dash the next
        // word must be capitalised; after a comma the rest of the phrase must
        // close the enumeration with `và` + a capitalised word. Either way no
        // other body or document may open there (`Sở Nội vụ, Sở Tài chính`).
        if words > 0 && words < 6 {
            let inner = [" - ", " – ", ", "]
                .iter()
                .find_map(|sep| rest.strip_prefix(sep).map(|after| (*sep, after)));
            if let Some((sep, after)) = inner {
                let phrase_end = after
                    .find([',', ';', '.', '\n', '(', ':'])
                    .unwrap_or(after.len());
                // At most 80 bytes, cut on a character boundary.
                let mut cut = phrase_end.min(80);
                while !after.is_char_boundary(cut) {
                    cut -= 1;
                }
                let phrase = &after[..cut];
                let opens_other = is_type_word_start(after)
                    || org_head_at(phrase, 0).is_some()
                    || phrase
                        .split_whitespace()
                        .any(crate::vocab::starts_with_type_word);
                let capital = after.starts_with(|c: char| c.is_uppercase());
                let enumerated = sep != ", "
                    || phrase
                        .split_once(" và ")
                        .is_some_and(|(_, last)| last.starts_with(|c: char| c.is_uppercase()));
                if capital && enumerated && !opens_other {
                    end += sep.len() - 1;
                    continue;
                }
            }
        }
        let ws = rest.len() - rest.trim_start_matches([' ', '\t', '\n', '\u{a0}']).len();
        let breaks = rest[..ws].matches('\n').count();
        // PDF text often puts a blank line after every line; three breaks end the name.
        if ws == 0 || breaks > 2 {
            return end;
        }
        let word_start = end + ws;
        let word: &str = text[word_start..]
            .split(|c: char| !(c.is_alphanumeric()))
            .next()
            .unwrap_or("");
        // `về` opens what the document is about, in any case (`… CỦA UBND TỈNH VỀ VIỆC …`).
        // Up to twelve words: `Ngân hàng Thương mại cổ phần Công thương Việt Nam chi nhánh …`.
        if word.is_empty() || words >= 12 || word.to_lowercase() == "về" {
            return end;
        }
        let first = word.chars().next().unwrap_or(' ');
        let capital = first.is_uppercase();
        let prev_word = text[..end].rsplit(char::is_whitespace).next().unwrap_or("");
        // After a line break an upper-case word is a heading, unless it is a term number (`khóa XII`).
        if breaks > 0
            && word.chars().count() > 1
            && !word.chars().any(char::is_lowercase)
            && !matches!(prev_word, "khóa" | "khoá")
        {
            return end;
        }
        let ok = if after_place {
            capital
        } else if word == "và" {
            // `Bộ Giáo dục và Đào tạo`: only when a capitalised word follows.
            let next = text[word_start + word.len()..].trim_start();
            next.starts_with(|c: char| c.is_uppercase())
                && !is_type_word_start(next)
                && org_head_at(next, 0).is_none_or(|m| m.start > 0)
        } else {
            // The second syllable of a capitalised name's word (`Cao đẳng Sư phạm`):
            // lower case, between two capitalised words.
            let sandwiched = prev_word.starts_with(|c: char| c.is_uppercase()) && {
                let next = text[word_start + word.len()..].trim_start_matches([' ', '\u{a0}']);
                next.starts_with(|c: char| c.is_uppercase()) && !is_type_word_start(next)
            };
            capital || NAME_WORDS.contains(&word) || sandwiched && breaks == 0
        };
        if !ok || (capital && is_type_word_start(&text[word_start..])) {
            return end;
        }
        // After a place (`UBND tỉnh`, `Ủy ban nhân dân huyện Lắk`) a body's head
        // opens the next clause's subject (`của UBND tỉnh Sở Tài chính đã…`),
        // it does not name the place.
        if after_place && org_head_at(text, word_start).is_some_and(|m| m.start == word_start) {
            return end;
        }
        after_place = after_place || NAME_STOP_AFTER.contains(&word);
        end = word_start + word.len();
        words += 1;
    }
}

/// Whether a capitalised word opens a document type (`Kế hoạch số…`), which ends a name.
fn is_type_word_start(s: &str) -> bool {
    crate::vocab::starts_with_type_word(s)
}

/// `Sở`, `Bộ`, `Ban` alone stand for the document's own agency (`Sở đã ban hành…`).
pub(crate) fn is_bare_head(name: &str) -> bool {
    matches!(
        name,
        "Sở" | "Bộ" | "Ban" | "Cục" | "Ủy ban" | "Uỷ ban" | "Văn phòng"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issuer_codes_of_each_number_shape() {
        assert_eq!(issuer_codes("55/2011/NĐ-CP"), ["CP"]);
        assert_eq!(issuer_codes("41/SNV-CCHC&VTLT"), ["SNV"]);
        assert_eq!(issuer_codes("1207/UBND-PC"), ["UBND"]);
        assert_eq!(issuer_codes("18-NQ/TW"), ["TW"]);
        assert_eq!(issuer_codes("83/2015/QH13"), ["QH"]);
        assert_eq!(issuer_codes("35/2019/UBTVQH14"), ["UBTVQH"]);
        assert_eq!(issuer_codes("02/2014/TTLT-BTC-BNV"), ["BTC", "BNV"]);
    }

    #[test]
    fn fallback_issuer_from_the_table() {
        assert_eq!(
            issuer_for_number("55/2011/NĐ-CP").as_deref(),
            Some("Chính phủ")
        );
        assert_eq!(
            issuer_for_number("225/QĐ-TTg").as_deref(),
            Some("Thủ tướng Chính phủ")
        );
        assert_eq!(
            issuer_for_number("04/2020/TT-BNG").as_deref(),
            Some("Bộ Ngoại giao")
        );
        assert_eq!(issuer_for_number("920-CTr/TU").as_deref(), Some("Tỉnh ủy"));
        assert_eq!(
            issuer_for_number("83/2015/QH13").as_deref(),
            Some("Quốc hội")
        );
        assert_eq!(
            issuer_for_number("02/2014/TTLT-BTC-BNV").as_deref(),
            Some("Bộ Tài chính, Bộ Nội vụ")
        );
        assert_eq!(issuer_for_number("887/SNg-VPTTr"), None);
    }

    #[test]
    fn named_bodies_fit_symbols() {
        assert!(issuer_fits("05-KL/TU", "Ban Thường vụ Tỉnh uỷ"));
        assert!(issuer_fits("107/2020/NĐ-CP", "Chính phủ"));
        assert!(!issuer_fits("225/QĐ-TTg", "Chính phủ"));
        assert!(!issuer_fits("107/2020/NĐ-CP", "Thủ tướng Chính phủ"));
        assert!(issuer_fits(
            "52/2017/QĐ-UBND",
            "Uỷ ban nhân dân tỉnh Quảng Nam"
        ));
        assert!(!issuer_fits("52/2017/QĐ-UBND", "Bộ Tài chính"));
        assert!(issuer_fits("343/2016/TT-BTC", "Bộ Tài chính"));
        assert!(issuer_fits(
            "18-NQ/TW",
            "Ban Chấp hành Trung ương Đảng khóa XII"
        ));
    }

    #[test]
    fn organisation_names_end_where_the_name_ends() {
        let t = "Sở Nội vụ về hướng dẫn; Bộ Giáo dục và Đào tạo đã ban hành; của Ủy ban nhân dân tỉnh Lào Cai về";
        let names: Vec<&str> = find_orgs(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(
            names,
            [
                "Sở Nội vụ",
                "Bộ Giáo dục và Đào tạo",
                "Ủy ban nhân dân tỉnh Lào Cai"
            ]
        );
        let t = "Ban Chấp hành Đảng bộ tỉnh khóa XIX và Thủ tướng Chính phủ phê duyệt";
        let names: Vec<&str> = find_orgs(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(names, ["Ban Chấp hành Đảng bộ tỉnh", "Thủ tướng Chính phủ"]);
    }

    #[test]
    fn names_with_a_dash_or_an_enumeration_inside() {
        let t =
            "của Bộ Lao động - Thương binh và Xã hội về; của Bộ Văn hóa, Thể thao và Du lịch về";
        let names: Vec<&str> = find_orgs(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(
            names,
            [
                "Bộ Lao động - Thương binh và Xã hội",
                "Bộ Văn hóa, Thể thao và Du lịch"
            ]
        );
        // A list of bodies is not one name.
        let t = "của Sở Nội vụ, Sở Tài chính và Sở Tư pháp; UBND tỉnh - Kế hoạch số 5";
        let names: Vec<&str> = find_orgs(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(
            names,
            ["Sở Nội vụ", "Sở Tài chính", "Sở Tư pháp", "UBND tỉnh"]
        );
        // Multi-byte letters around the 80-byte cut of the phrase do not break it.
        let t = "của Bộ Văn hóa, Thể thao và Du lịch ở địa phương ở đây ở đó ở đâu ở đấy ở đời ở ẩn ở đỉnh";
        assert_eq!(
            &t[find_orgs(t)[0].clone()],
            "Bộ Văn hóa, Thể thao và Du lịch"
        );
        let t = "của UBND tỉnh Sở Tài chính đã tham mưu; của Ủy ban nhân dân huyện Krông Pắc Phòng Nội vụ";
        let names: Vec<&str> = find_orgs(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(names[0], "UBND tỉnh");
        assert_eq!(names[1], "Sở Tài chính");
        assert_eq!(names[2], "Ủy ban nhân dân huyện Krông Pắc");
        assert_eq!(names[3], "Phòng Nội vụ");
        let t = "của Chính phủ Quy định chi tiết; của Quốc hội khóa XIV; của Thủ tướng Chính phủ Phê duyệt";
        let names: Vec<&str> = find_orgs(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(
            names,
            ["Chính phủ", "Quốc hội khóa XIV", "Thủ tướng Chính phủ"]
        );
        let t = "của Sở Y tế, Công an tỉnh và các huyện";
        assert_eq!(&t[find_orgs(t)[0].clone()], "Sở Y tế");
    }

    #[test]
    fn folding_ignores_tone_placement() {
        assert_eq!(fold("Tỉnh uỷ"), fold("Tỉnh ủy"));
        assert_eq!(fold("Ủy ban  nhân dân"), "uy ban nhan dan");
    }
}
