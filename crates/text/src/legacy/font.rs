//! Legacy encodings announced by font names (`.VnTime`, `.VnTimeH`, `VNI-Times`).

use super::{FontEncoding, LegacyEncoding};

/// The encoding a font name announces: `.VnTime`/`VnTimeH,Bold` (TCVN3, `H` =
/// capitals), `VNI-Times` (VNI); `None` for every other font.
pub fn encoding_from_font(font: &str) -> Option<FontEncoding> {
    let name = font.trim();
    // PDF names may escape the leading dot (`#2EVnTime`) or drop it.
    let name = name
        .strip_prefix("#2E")
        .or_else(|| name.strip_prefix('.'))
        .or_else(|| name.strip_prefix('_'))
        .unwrap_or(name);
    let lower = name.to_ascii_lowercase();
    if lower.starts_with("vni-") || lower.starts_with("vni ") || lower.starts_with("vni_") {
        return Some(FontEncoding {
            encoding: LegacyEncoding::Vni,
            capitals: false,
        });
    }
    let b = name.as_bytes();
    let tcvn = b.len() > 2
        && b[0] == b'V'
        && b[1] == b'n'
        && (b[2].is_ascii_uppercase() || (font.trim_start().starts_with('.') && b[2] != b'I'));
    if !tcvn {
        return None;
    }
    Some(FontEncoding {
        encoding: LegacyEncoding::Tcvn3,
        capitals: strip_style(name).ends_with('H'),
    })
}

/// The font family without a style suffix (`VnTimeH,Bold`, `VnTimeHBold` → `VnTimeH`).
fn strip_style(name: &str) -> &str {
    let mut n = name.split(',').next().unwrap_or(name).trim_end();
    loop {
        let before = n;
        for suffix in [
            "BoldItalic",
            "BoldOblique",
            "Bold",
            "Italic",
            "Oblique",
            "Regular",
            "MT",
        ] {
            // The style may be glued on (`VnTimeHBold`, `VnArialHItalic`) or
            // separated by a dash or a space (`VnTimeH-Bold`, `.VnTimeH Bold`).
            if let Some(rest) = n.strip_suffix(suffix) {
                let rest = rest.strip_suffix(['-', ' ']).unwrap_or(rest);
                if rest.len() > 2 {
                    n = rest.trim_end();
                }
            }
        }
        if n == before {
            return n;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fonts_name_their_encodings() {
        let t = |caps| {
            Some(FontEncoding {
                encoding: LegacyEncoding::Tcvn3,
                capitals: caps,
            })
        };
        assert_eq!(encoding_from_font(".VnTime"), t(false));
        assert_eq!(encoding_from_font("VnTime"), t(false));
        assert_eq!(encoding_from_font(".VnTimeH"), t(true));
        assert_eq!(encoding_from_font("VnTimeH,Bold"), t(true));
        assert_eq!(encoding_from_font("VnArialH-BoldItalic"), t(true));
        assert_eq!(encoding_from_font("#2EVnArial"), t(false));
        assert_eq!(encoding_from_font(".VnArial NarrowH"), t(true));
        // Styles glued on or after a space: still the capitals font.
        assert_eq!(encoding_from_font("VnTimeHBold"), t(true));
        assert_eq!(encoding_from_font("VnArialHItalic"), t(true));
        assert_eq!(encoding_from_font(".VnTimeH Bold"), t(true));
        assert_eq!(encoding_from_font("VnTimeHBoldItalic"), t(true));
        assert_eq!(encoding_from_font("VnTimeH,BoldItalic"), t(true));
        // A style glued on a text font does not make it a capitals font.
        assert_eq!(encoding_from_font("VnTimeBold"), t(false));
        assert_eq!(encoding_from_font(".VnTime Italic"), t(false));
        assert_eq!(encoding_from_font("VnArialNarrowItalic"), t(false));
        assert_eq!(
            encoding_from_font("VNI-Times"),
            Some(FontEncoding {
                encoding: LegacyEncoding::Vni,
                capitals: false
            })
        );
        for f in [
            "Times New Roman",
            "TimesNewRomanPSMT",
            "Arial",
            "Vnexpress",
            "LiberationSerif-Bold",
        ] {
            assert_eq!(encoding_from_font(f), None, "{f}");
        }
    }
}
