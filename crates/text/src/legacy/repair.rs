//! Converting a document's legacy-encoded runs, decided run by run.

use std::collections::BTreeMap;

use vanban_model::{Block, Document, Paragraph, Run, WarningKind};

use super::detect::{compare_words, detect_legacy, is_unicode_only, Verdict, WordChanges};
use super::{decode, encoding_from_font, FontEncoding, LegacyEncoding};

/// What [`repair_document`] changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RepairReport {
    /// Runs decoded from a legacy encoding.
    pub runs_converted: usize,
    /// ƣ/Ƣ glyph slips replaced by ư/Ư.
    pub glyph_slips: usize,
    /// Runs left as they are although a legacy font name or the page's content
    /// pointed at an encoding, because decoding would not make them more
    /// Vietnamese (Unicode text in a legacy-named font, an OCR text layer).
    pub runs_kept: usize,
}

/// Where a conversion's decision came from, for the notes in `doc.meta.encodings`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Source {
    Font(String),
    Content,
}

/// Converts legacy-encoded runs of `doc` to Unicode in place (the converted
/// text is the document's real text, so it becomes the display text).
///
/// Each run is decided on its own, and only converted when that makes it more
/// Vietnamese: a run whose font names the encoding (`.VnTime`, `.VnTimeH`
/// capitals, `VNI-Times`) is converted unless decoding breaks more
/// well-formed syllables than it makes; a run without such a font needs the
/// page's content to show the encoding strongly ([`detect_legacy`]) and the
/// decoded run to have clearly more well-formed syllables than the original
/// (or, when both readings are syllables, a page whose other runs are
/// overwhelmingly legacy). A run with a letter only Unicode has (ơ, ư, đ, ạ…)
/// or that already reads as Unicode Vietnamese is never converted, so an OCR
/// text layer's `Lâm`, `ngày`, `tác` stay as they are.
///
/// Also replaces
/// ƣ/Ƣ glyph slips by ư/Ư, records what was found in `doc.meta.encodings`
/// (`TCVN3: font .VnTime, 412 runs`) and adds a warning so users see why the
/// text differs from the file's raw text layer.
pub fn repair_document(doc: &mut Document) -> RepairReport {
    let mut report = RepairReport::default();
    // (encoding, capitals, source) → (runs, pages)
    let mut found: BTreeMap<(LegacyEncoding, bool, Source), (usize, Vec<u32>)> = BTreeMap::new();
    for page in &mut doc.pages {
        let number = page.number;
        let mut runs: Vec<&mut Run> = Vec::new();
        for block in &mut page.blocks {
            collect_runs(block, &mut runs);
        }
        // Runs whose font names the encoding: converted unless they already
        // read as Unicode (a Unicode text given a legacy font name), which a
        // decoding that breaks more syllables than it makes shows.
        let mut undecided: Vec<&mut Run> = Vec::new();
        for run in runs {
            report.glyph_slips += fix_glyph_slips(run);
            let Some(fe) = run.font.as_deref().and_then(encoding_from_font) else {
                undecided.push(run);
                continue;
            };
            if run.text.chars().any(is_unicode_only)
                || compare_words(&run.text, fe).verdict() == Verdict::Worse
            {
                report.runs_kept += usize::from(decode(&run.text, fe) != run.text);
                continue;
            }
            let decoded = decode(&run.text, fe);
            if decoded != run.text {
                run.text = decoded;
                report.runs_converted += 1;
                let key = (
                    fe.encoding,
                    fe.capitals,
                    Source::Font(run.font.clone().unwrap_or_default()),
                );
                note(&mut found, key, number);
            }
        }
        // The rest: the page's content must show the encoding strongly, and
        // then each run is converted only if that makes it more Vietnamese.
        let candidates: Vec<&mut Run> = undecided
            .into_iter()
            .filter(|r| !r.text.is_ascii() && !r.text.chars().any(is_unicode_only))
            .collect();
        if candidates.is_empty() {
            continue;
        }
        let joined = candidates
            .iter()
            .map(|r| r.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        // Evidence for a run: its own text, or else the page's candidates together.
        let page_encoding = detect_legacy(&joined);
        let judged: Vec<Option<(LegacyEncoding, WordChanges)>> = candidates
            .iter()
            .map(|r| {
                let enc = detect_legacy(&r.text).or(page_encoding)?;
                Some((enc, compare_words(&r.text, content_font(enc))))
            })
            .collect();
        let verdicts = || judged.iter().flatten().map(|(_, c)| c.verdict());
        let better = verdicts().filter(|&v| v == Verdict::Better).count();
        let worse = verdicts().filter(|&v| v == Verdict::Worse).count();
        // A run that decoding neither clearly helps nor hurts (`Sè:` → `Số:`,
        // both syllables) follows the page when the page's decided runs are
        // overwhelmingly legacy, unless it reads as Unicode Vietnamese.
        let page_is_legacy = better >= 2 && better >= 10 * worse;
        for (run, judgement) in candidates.into_iter().zip(judged) {
            let Some((enc, change)) = judgement else {
                continue;
            };
            let convert = match change.verdict() {
                Verdict::Better => true,
                Verdict::Even => page_is_legacy && !change.reads_as_unicode(),
                Verdict::Worse => false,
            };
            let decoded = decode(&run.text, content_font(enc));
            if decoded == run.text {
                continue;
            }
            if !convert {
                report.runs_kept += 1;
                continue;
            }
            run.text = decoded;
            report.runs_converted += 1;
            note(&mut found, (enc, false, Source::Content), number);
        }
    }
    for ((enc, capitals, source), (runs, pages)) in &found {
        let kind = if *capitals {
            format!("{} (capitals)", enc.name())
        } else {
            enc.name().to_string()
        };
        let origin = match source {
            Source::Font(f) => format!("font {f}"),
            Source::Content => "detected from content".to_string(),
        };
        doc.meta.encodings.push(format!(
            "{kind}: {origin}, {runs} run{}, {}",
            if *runs == 1 { "" } else { "s" },
            page_list(pages)
        ));
    }
    if report.runs_converted > 0 {
        let mut encs: Vec<&str> = found.keys().map(|(e, _, _)| e.name()).collect();
        encs.dedup();
        doc.warn(
            WarningKind::LegacyEncoding,
            None,
            format!(
                "{} run(s) in the legacy {} encoding were converted to Unicode",
                report.runs_converted,
                encs.join("/")
            ),
        );
    }
    if report.glyph_slips > 0 {
        doc.warn(
            WarningKind::TextRepaired,
            None,
            format!(
                "{} ƣ/Ƣ characters (a glyph-map slip for ư/Ư) were replaced by ư/Ư",
                report.glyph_slips
            ),
        );
    }
    report
}

/// Content detection never sees a capitals font: runs decode as text fonts.
fn content_font(encoding: LegacyEncoding) -> FontEncoding {
    FontEncoding {
        encoding,
        capitals: false,
    }
}

fn note(
    found: &mut BTreeMap<(LegacyEncoding, bool, Source), (usize, Vec<u32>)>,
    key: (LegacyEncoding, bool, Source),
    page: u32,
) {
    let e = found.entry(key).or_default();
    e.0 += 1;
    if e.1.last() != Some(&page) {
        e.1.push(page);
    }
}

/// `page 3` or `pages 1-4, 7`.
fn page_list(pages: &[u32]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < pages.len() {
        let start = pages[i];
        let mut end = start;
        while i + 1 < pages.len() && pages[i + 1] == end + 1 {
            i += 1;
            end = pages[i];
        }
        parts.push(if start == end {
            start.to_string()
        } else {
            format!("{start}-{end}")
        });
        i += 1;
    }
    let plural = if pages.len() == 1 { "" } else { "s" };
    format!("page{plural} {}", parts.join(", "))
}

/// Replaces ƣ/Ƣ (Latin letter OI, a glyph-map slip for ư/Ư) in a run.
fn fix_glyph_slips(run: &mut Run) -> usize {
    let n = run.text.chars().filter(|&c| c == 'ƣ' || c == 'Ƣ').count();
    if n > 0 {
        run.text = run.text.replace('ƣ', "ư").replace('Ƣ', "Ư");
    }
    n
}

fn collect_runs<'a>(block: &'a mut Block, out: &mut Vec<&'a mut Run>) {
    match block {
        Block::Paragraph(Paragraph { runs, .. }) => out.extend(runs.iter_mut()),
        Block::Table(t) => {
            for row in &mut t.rows {
                for cell in &mut row.cells {
                    for b in &mut cell.blocks {
                        collect_runs(b, out);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::legacy::test_support::seeds;
    use vanban_model::{Format, Page};

    fn doc_of(runs: Vec<Run>) -> Document {
        let mut doc = Document::new(Format::Docx);
        doc.pages.push(Page {
            number: 1,
            blocks: vec![Block::Paragraph(Paragraph {
                runs,
                ..Paragraph::default()
            })],
            ..Page::default()
        });
        doc
    }

    fn run(text: &str, font: Option<&str>) -> Run {
        Run {
            text: text.into(),
            font: font.map(str::to_string),
        }
    }

    #[test]
    fn repair_document_converts_by_font_and_reports() {
        let mut doc = doc_of(vec![
            run("céng hßa x· héi", Some(".VnTimeH")),
            run(" Thùc hiÖn C«ng v¨n ", Some(".VnTime")),
            run("“Ủy ban”", Some("Times New Roman")),
        ]);
        let r = repair_document(&mut doc);
        assert_eq!(r.runs_converted, 2);
        assert_eq!(
            doc.page_texts()[0],
            "CỘNG HÒA XÃ HỘI Thực hiện Công văn “Ủy ban”\n"
        );
        assert_eq!(
            doc.meta.encodings,
            [
                "TCVN3: font .VnTime, 1 run, page 1",
                "TCVN3 (capitals): font .VnTimeH, 1 run, page 1"
            ]
        );
        assert_eq!(doc.warnings.len(), 1);
        assert_eq!(doc.warnings[0].kind, WarningKind::LegacyEncoding);
    }

    #[test]
    fn repair_document_detects_unnamed_fonts_and_leaves_unicode_alone() {
        let mut doc = doc_of(vec![run(
            "Thùc hiÖn C«ng v¨n sè 41/SNV-CCHC vÒ h\u{AD}íng dÉn x©y dùng KÕ ho¹ch",
            None,
        )]);
        repair_document(&mut doc);
        assert_eq!(
            doc.page_texts()[0],
            "Thực hiện Công văn số 41/SNV-CCHC về hướng dẫn xây dựng Kế hoạch\n"
        );
        assert_eq!(
            doc.meta.encodings,
            ["TCVN3: detected from content, 1 run, page 1"]
        );

        let seed = &seeds()[0];
        let mut doc = doc_of(vec![run(seed, None), run("Hoà Bình", Some("Arial"))]);
        let r = repair_document(&mut doc);
        assert_eq!(r, RepairReport::default());
        assert!(doc.meta.encodings.is_empty() && doc.warnings.is_empty());
    }

    #[test]
    fn glyph_slips_are_repaired_and_reported() {
        let mut doc = doc_of(vec![run("Ƣu tiên phát triển thƣơng mại", None)]);
        let r = repair_document(&mut doc);
        assert_eq!(r.glyph_slips, 2);
        assert_eq!(doc.page_texts()[0], "Ưu tiên phát triển thương mại\n");
        assert_eq!(doc.warnings[0].kind, WarningKind::TextRepaired);
    }

    /// An OCR text layer in Unicode (as a phone-scanner app writes it: the
    /// Latin-1 letters precomposed, the other tones as combining marks, `·`
    /// bullets). The page-wide detector used to fire on it and rewrite
    /// `Lâm`, `ngày`, `tháng`, `công tác`, `ma túy` as `Lõm`, `ngỔy`,
    /// `thỏng`, `cụng tỏc`, `ma tỳy`.
    fn ocr_layer() -> Vec<&'static str> {
        vec![
            "\u{b7} L\u{e2}m H\u{e0}, ng\u{e0}y 12 th\u{e1}ng 5",
            "\u{b7} C\u{f4}ng t\u{e1}c cai nghi\u{ea}\u{323}n ma t\u{fa}y",
            "\u{b7} T\u{f4}\u{309} c\u{f4}ng t\u{e1}c pho\u{300}ng ch\u{f4}\u{301}ng ma t\u{fa}y",
            "\u{b7} Ca\u{301}c hoa\u{323}t ca\u{309}nh ma t\u{fa}y",
        ]
    }

    fn doc_of_lines(lines: &[&str], font: Option<&str>) -> Document {
        let mut doc = Document::new(Format::Pdf);
        doc.pages.push(Page {
            number: 1,
            blocks: lines
                .iter()
                .map(|l| {
                    Block::Paragraph(Paragraph {
                        runs: vec![run(l, font)],
                        ..Paragraph::default()
                    })
                })
                .collect(),
            ..Page::default()
        });
        doc
    }

    #[test]
    fn a_unicode_ocr_layer_is_never_converted() {
        let mut doc = doc_of_lines(&ocr_layer(), Some("GlyphLessFont"));
        let before = doc.page_texts();
        let r = repair_document(&mut doc);
        assert_eq!(doc.page_texts(), before);
        assert_eq!(r.runs_converted, 0);
        assert!(doc.meta.encodings.is_empty() && doc.warnings.is_empty());
        // The words the misfire damaged are all still there.
        let text = before.concat();
        for w in [
            "L\u{e2}m",
            "ng\u{e0}y",
            "th\u{e1}ng",
            "c\u{f4}ng t\u{e1}c",
            "ma t\u{fa}y",
        ] {
            assert!(doc.page_texts().concat().contains(w), "{w} in {text}");
        }
    }

    #[test]
    fn unicode_in_a_legacy_named_font_is_kept() {
        // Unicode text that a template gave a .VnTime font name: decoding it
        // would break `ngày`, `tác`, `túy`.
        let mut doc = doc_of_lines(
            &["L\u{e2}m H\u{e0}, ng\u{e0}y 12 th\u{e1}ng 5, c\u{f4}ng t\u{e1}c ma t\u{fa}y"],
            Some(".VnTime"),
        );
        let before = doc.page_texts();
        let r = repair_document(&mut doc);
        assert_eq!(doc.page_texts(), before);
        assert_eq!((r.runs_converted, r.runs_kept), (0, 1));
    }

    #[test]
    fn legacy_lines_among_unicode_lines_are_converted_line_by_line() {
        // One TCVN3 line without a telling font among OCR-layer lines: only it changes.
        let mut lines = ocr_layer();
        lines.push("Thùc hiÖn C«ng v¨n sè 41/SNV-CCHC vÒ h\u{AD}íng dÉn x©y dùng KÕ ho¹ch");
        lines.push("Céng hßa x· héi chñ nghÜa ViÖt Nam");
        lines.push("Sè: 12/BC-UBND");
        let mut doc = doc_of_lines(&lines, None);
        let r = repair_document(&mut doc);
        let text = doc.page_texts().concat();
        assert!(
            text.contains("Thực hiện Công văn số 41/SNV-CCHC về hướng dẫn xây dựng Kế hoạch"),
            "{text}"
        );
        assert!(
            text.contains("Cộng hòa xã hội chủ nghĩa Việt Nam"),
            "{text}"
        );
        for l in ocr_layer() {
            assert!(text.contains(l), "{l} in {text}");
        }
        assert_eq!(r.runs_converted, 2, "{text}");
        // `Sè:` reads as a syllable both ways and the page is not overwhelmingly
        // legacy, so it is left alone rather than guessed.
        assert!(text.contains("Sè: 12/BC-UBND"), "{text}");
    }

    #[test]
    fn an_even_run_follows_an_overwhelmingly_legacy_page() {
        let mut doc = doc_of_lines(
            &[
                "Céng hßa x· héi chñ nghÜa ViÖt Nam",
                "§éc lËp - Tù do - H¹nh phóc",
                "Sè: 12/BC-UBND",
                "Thùc hiÖn C«ng v¨n sè 41/SNV-CCHC vÒ h\u{AD}íng dÉn",
            ],
            None,
        );
        let r = repair_document(&mut doc);
        assert_eq!(
            doc.page_texts()[0],
            "Cộng hòa xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc\nSố: 12/BC-UBND\nThực hiện Công văn số 41/SNV-CCHC về hướng dẫn\n"
        );
        assert_eq!(r.runs_converted, 4);
    }
}
