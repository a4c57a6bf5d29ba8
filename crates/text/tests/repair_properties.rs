//! Properties of the legacy repair: Unicode Vietnamese is never changed,
//! legacy-encoded Vietnamese always comes back.

use std::sync::OnceLock;

use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;
use vanban_model::{Block, Document, Format, Page, Paragraph, Run};
use vanban_text::{
    decode_tcvn3, decode_vni, encode_tcvn3, encode_vni, is_syllable, repair_document,
    repair_unicode_str,
};
use vanban_viet::{letter, Letter, Tone};

/// Onsets in the spelling of the orthography (`đ` as its own consonant).
const ONSETS: &[&str] = &[
    "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh",
    "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
];

/// Nuclei without tone, glides included.
const NUCLEI: &[&str] = &[
    "a", "ă", "â", "e", "ê", "i", "y", "o", "ô", "ơ", "u", "ư", "ai", "ao", "au", "ay", "âu", "ây",
    "eo", "êu", "iu", "oi", "ôi", "ơi", "ui", "ưi", "ưu", "ia", "ua", "ưa", "uơ", "iê", "yê", "uô",
    "ươ", "oă", "uâ", "oo", "oa", "oe", "uê", "uy", "uyê", "oai", "oay", "oeo", "uây", "uôi",
    "ươi", "ươu", "iêu", "yêu", "uyu", "uya",
];

const CODAS: &[&str] = &["", "c", "ch", "m", "n", "ng", "nh", "p", "t"];

const TONES: [Tone; 6] = [
    Tone::Level,
    Tone::Grave,
    Tone::Acute,
    Tone::Tilde,
    Tone::Hook,
    Tone::Dot,
];

/// Every well-formed syllable, lower case, with the tone on every vowel the
/// checker accepts (so both placement conventions appear: `hòa` and `hoà`).
fn syllables() -> &'static [String] {
    static ALL: OnceLock<Vec<String>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut out = Vec::new();
        for onset in ONSETS {
            for nucleus in NUCLEI {
                for coda in CODAS {
                    let base = format!("{onset}{nucleus}{coda}");
                    let start = onset.chars().count();
                    let vowels = nucleus.chars().count();
                    for tone in TONES {
                        for at in start..start + vowels {
                            let word: Option<String> = base
                                .chars()
                                .enumerate()
                                .map(|(i, c)| {
                                    let l = letter(c)?;
                                    let l = if i == at { Letter { tone, ..l } } else { l };
                                    l.to_char()
                                })
                                .collect();
                            if let Some(w) = word.filter(|w| is_syllable(w)) {
                                out.push(w);
                            }
                        }
                    }
                }
            }
        }
        out.sort();
        out.dedup();
        out
    })
}

/// Lines of the seed reports in the corpus.
fn seed_lines() -> &'static [String] {
    static LINES: OnceLock<Vec<String>> = OnceLock::new();
    LINES.get_or_init(|| {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus");
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        paths.retain(|p: &std::path::PathBuf| p.extension().is_some_and(|x| x == "txt"));
        paths.sort();
        paths
            .iter()
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .flat_map(|t| t.lines().map(str::to_string).collect::<Vec<_>>())
            .filter(|l| !l.trim().is_empty())
            .collect()
    })
}

/// A syllable in lower case, upper case or with a capital.
fn cased(word: &str, case: u8) -> String {
    match case {
        0 => word.to_string(),
        1 => word.to_uppercase(),
        _ => {
            let mut cs = word.chars();
            cs.next()
                .map(|f| f.to_uppercase().chain(cs).collect())
                .unwrap_or_default()
        }
    }
}

/// Lines of random well-formed syllables, with punctuation and numbers between.
fn syllable_lines() -> impl Strategy<Value = Vec<String>> {
    let n = syllables().len();
    let word = (0..n, 0u8..3, 0u8..8).prop_map(|(i, case, sep)| {
        let w = cased(&syllables()[i], case);
        match sep {
            0 => format!("{w}, "),
            1 => format!("{w} 12/2024 "),
            _ => format!("{w} "),
        }
    });
    prop::collection::vec(prop::collection::vec(word, 1..14), 1..8).prop_map(|lines| {
        lines
            .into_iter()
            .map(|ws| ws.concat().trim().to_string())
            .collect()
    })
}

/// Real sentences: runs of consecutive seed lines.
fn real_lines() -> impl Strategy<Value = Vec<String>> {
    let n = seed_lines().len();
    (0..n, 1usize..12)
        .prop_map(move |(start, len)| seed_lines()[start..(start + len).min(n)].to_vec())
}

/// A one-page document, one paragraph per line, each line cut into runs of
/// `words_per_run` words (as PDF text layers and DOCX formatting cut them).
fn doc_of(lines: &[String], words_per_run: usize, font: Option<&str>) -> Document {
    let mut doc = Document::new(Format::Pdf);
    let blocks = lines
        .iter()
        .map(|line| {
            let words: Vec<&str> = line.split_inclusive(' ').collect();
            let runs = words
                .chunks(words_per_run.max(1))
                .map(|c| Run {
                    text: c.concat(),
                    font: font.map(str::to_string),
                })
                .collect();
            Block::Paragraph(Paragraph {
                runs,
                ..Paragraph::default()
            })
        })
        .collect();
    doc.pages.push(Page {
        number: 1,
        blocks,
        ..Page::default()
    });
    doc
}

fn assert_unchanged(
    lines: &[String],
    words_per_run: usize,
    font: Option<&str>,
) -> Result<(), TestCaseError> {
    let mut doc = doc_of(lines, words_per_run, font);
    let before = doc.page_texts();
    let report = repair_document(&mut doc);
    prop_assert_eq!(&doc.page_texts(), &before);
    prop_assert_eq!(report.runs_converted, 0);
    prop_assert!(doc.meta.encodings.is_empty());
    // What the text stage does after it, NFC and one tone placement for keys,
    // is the only normalisation Unicode text sees.
    let repaired = repair_unicode_str(&before.concat());
    prop_assert_eq!(repaired, before.concat().nfc().collect::<String>());
    Ok(())
}

const UNNAMED_FONTS: [Option<&str>; 3] = [None, Some("GlyphLessFont"), Some("TimesNewRomanPSMT")];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_unicode_syllables_pass_unchanged(lines in syllable_lines(), per_run in 1usize..6, font in 0usize..3, nfd in any::<bool>()) {
        let lines: Vec<String> = if nfd { lines.iter().map(|l| l.nfd().collect()).collect() } else { lines };
        assert_unchanged(&lines, per_run, UNNAMED_FONTS[font])?;
    }

    #[test]
    fn real_sentences_pass_unchanged(lines in real_lines(), per_run in 1usize..20, font in 0usize..3, nfd in any::<bool>(), upper in any::<bool>()) {
        let lines: Vec<String> = lines
            .iter()
            .map(|l| if upper { l.to_uppercase() } else { l.clone() })
            .map(|l| if nfd { l.nfd().collect() } else { l })
            .collect();
        assert_unchanged(&lines, per_run, UNNAMED_FONTS[font])?;
    }

    #[test]
    fn legacy_fonts_always_convert(lines in syllable_lines(), per_run in 1usize..6) {
        let original = doc_of(&lines, per_run, None).page_texts();
        for (font, encode) in [(".VnTime", encode_tcvn3 as fn(&str) -> String), ("VNI-Times", encode_vni)] {
            let encoded: Vec<String> = lines.iter().map(|l| encode(l)).collect();
            let mut doc = doc_of(&encoded, per_run, Some(font));
            repair_document(&mut doc);
            prop_assert_eq!(&doc.page_texts(), &original, "{}", font);
        }
    }

    #[test]
    fn legacy_without_font_names_converts_from_content(lines in real_lines().prop_filter("a page of text", |l| l.concat().split_whitespace().count() >= 40)) {
        let original = doc_of(&lines, 100, None).page_texts();
        let tcvn3 = |s: &str| decode_tcvn3(s, false);
        for (encode, decode) in [
            (encode_tcvn3 as fn(&str) -> String, &tcvn3 as &dyn Fn(&str) -> String),
            (encode_vni, &decode_vni),
        ] {
            let encoded: Vec<String> = lines.iter().map(|l| encode(l)).collect();
            // Characters the encoding has no byte for of their own (`·` is
            // TCVN3's `ã`) cannot come back; such pages are not legacy text.
            if encoded.iter().zip(&lines).any(|(e, l)| decode(e) != *l) {
                continue;
            }
            let mut doc = doc_of(&encoded, 100, None);
            repair_document(&mut doc);
            prop_assert_eq!(&doc.page_texts(), &original);
        }
    }
}

#[test]
fn the_syllable_table_covers_both_tone_conventions() {
    let all = syllables();
    assert!(all.len() > 10_000, "{}", all.len());
    for w in [
        "hòa", "hoà", "thủy", "thuỷ", "khỏe", "khoẻ", "người", "nghiêng", "quốc", "giữa",
    ] {
        assert!(all.iter().any(|s| s == w), "{w}");
    }
}
