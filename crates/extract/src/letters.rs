//! Vietnamese letter knowledge extract needs, kept in this ONE module so it
//! can be swapped for the shared `vanban-viet` crate when that lands.

/// Lower case without diacritics, `đ` as `d`, single spaces: for comparing names.
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        let b = base_letter(c);
        if b != '\u{0}' {
            out.push(b);
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The base Latin letter of a Vietnamese letter (`ệ` → `e`).
fn base_letter(c: char) -> char {
    const GROUPS: &[(&str, char)] = &[
        ("àáảãạăằắẳẵặâầấẩẫậ", 'a'),
        ("èéẻẽẹêềếểễệ", 'e'),
        ("ìíỉĩị", 'i'),
        ("òóỏõọôồốổỗộơờớởỡợ", 'o'),
        ("ùúủũụưừứửữự", 'u'),
        ("ỳýỷỹỵ", 'y'),
        ("đ", 'd'),
    ];
    if c.is_ascii() {
        return c;
    }
    for (set, b) in GROUPS {
        if set.contains(c) {
            return *b;
        }
    }
    // Decomposed input: drop combining marks by mapping them to nothing visible.
    if ('\u{300}'..='\u{36f}').contains(&c) {
        return '\u{0}';
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_drops_marks_and_spacing() {
        assert_eq!(fold("Tỉnh uỷ"), fold("Tỉnh ủy"));
        assert_eq!(fold("Ủy ban  nhân dân"), "uy ban nhan dan");
        assert_eq!(fold("Đắk Nông"), "dak nong");
        assert_ne!(fold("Sở Y tế"), fold("Sở Tư pháp"));
    }
}
