//! Tesseract's TSV output (one row per page, block, paragraph, line and word,
//! with boxes and confidences) turned into a page of the shared document model.
//!
//! The page looks like one the PDF reader gives: one paragraph per printed
//! line, an empty paragraph between Tesseract's paragraphs (the PDF reader's
//! blank line), so the text stage's line repair and every span work unchanged.

use unicode_normalization::UnicodeNormalization;
use vanban_model::{Block, OcrPage, OcrWord, Page, Paragraph};

/// Why a TSV could not be read.
#[derive(Debug, thiserror::Error)]
#[error("tesseract TSV line {line}: {reason}")]
pub struct TsvError {
    /// 1-based line of the TSV.
    pub line: usize,
    /// What was wrong.
    pub reason: String,
}

/// One recognised word with where it stands in Tesseract's layout.
#[derive(Debug, Clone, PartialEq)]
struct Word {
    block: u32,
    paragraph: u32,
    line: u32,
    confidence: f32,
    text: String,
}

/// Reads the word rows (level 5) of a TSV; other levels only repeat the boxes.
fn words(tsv: &str) -> Result<Vec<Word>, TsvError> {
    let mut out = Vec::new();
    for (i, row) in tsv.lines().enumerate() {
        if i == 0 && row.starts_with("level") {
            continue;
        }
        if row.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = row.split('\t').collect();
        let err = |reason: String| TsvError {
            line: i + 1,
            reason,
        };
        if cols.len() < 11 {
            return Err(err(format!("{} columns, expected 12", cols.len())));
        }
        let num = |k: usize| {
            cols[k]
                .trim()
                .parse::<u32>()
                .map_err(|_| err(format!("column {} is not a number: {:?}", k + 1, cols[k])))
        };
        if num(0)? != 5 {
            continue;
        }
        let text = cols.get(11).map_or("", |t| t.trim());
        if text.is_empty() {
            continue;
        }
        let confidence = cols[10]
            .trim()
            .parse::<f32>()
            .map_err(|_| err(format!("confidence is not a number: {:?}", cols[10])))?;
        out.push(Word {
            block: num(2)?,
            paragraph: num(3)?,
            line: num(4)?,
            confidence: confidence.clamp(0.0, 100.0),
            text: text.nfc().map(vietnamese_letter).collect(),
        });
    }
    Ok(out)
}

/// Maps letters the `vie` model confuses with Vietnamese ones: Icelandic eth `Ð`/`ð`
/// (U+00D0/U+00F0) looks exactly like `Đ`/`đ` and never occurs in Vietnamese, but a
/// document number with it (`QÐ-UBND`) matches nothing.
fn vietnamese_letter(c: char) -> char {
    match c {
        'Ð' => 'Đ',
        'ð' => 'đ',
        c => c,
    }
}

/// Builds the page from a TSV: blocks of lines, and every word's offset and confidence.
pub fn page_from_tsv(tsv: &str) -> Result<Page, TsvError> {
    let words = words(tsv)?;
    let mut page = Page::default();
    let mut ocr = OcrPage::default();
    // Character offset of the next paragraph's start in the page text.
    let mut offset = 0usize;
    let mut line_text = String::new();
    let mut line_key: Option<(u32, u32, u32)> = None;
    let mut total_confidence = 0f64;
    for word in &words {
        let key = (word.block, word.paragraph, word.line);
        if line_key != Some(key) {
            if let Some((block, paragraph, _)) = line_key {
                offset += push_line(&mut page, &mut line_text);
                if (block, paragraph) != (word.block, word.paragraph) {
                    // A new paragraph: the blank line the PDF reader gives between paragraphs.
                    page.blocks.push(Block::Paragraph(Paragraph::default()));
                    offset += 1;
                }
            }
            line_key = Some(key);
        }
        let start = offset + line_text.chars().count() + usize::from(!line_text.is_empty());
        if !line_text.is_empty() {
            line_text.push(' ');
        }
        line_text.push_str(&word.text);
        let end = start + word.text.chars().count();
        ocr.words.push(OcrWord {
            start,
            end,
            confidence: word.confidence.round() as u8,
        });
        total_confidence += f64::from(word.confidence);
    }
    if line_key.is_some() {
        push_line(&mut page, &mut line_text);
    }
    if !words.is_empty() {
        let mean = total_confidence / words.len() as f64;
        ocr.mean_confidence = ((mean * 10.0).round() / 10.0) as f32;
    }
    page.quality.chars = page.text().chars().filter(|c| !c.is_whitespace()).count();
    page.ocr = Some(ocr);
    Ok(page)
}

/// Ends a line as a paragraph; returns the characters it adds to the page text.
fn push_line(page: &mut Page, line: &mut String) -> usize {
    let text = std::mem::take(line);
    let added = text.chars().count() + 1;
    page.blocks
        .push(Block::Paragraph(Paragraph::plain(text, None)));
    added
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str =
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n";

    fn row(level: u32, b: u32, p: u32, l: u32, w: u32, conf: &str, text: &str) -> String {
        format!("{level}\t1\t{b}\t{p}\t{l}\t{w}\t0\t0\t10\t10\t{conf}\t{text}\n")
    }

    fn sample() -> String {
        let mut s = HEADER.to_string();
        s += &row(1, 0, 0, 0, 0, "-1", "");
        s += &row(2, 1, 0, 0, 0, "-1", "");
        s += &row(5, 1, 1, 1, 1, "96.5", "Căn");
        s += &row(5, 1, 1, 1, 2, "91.2", "cứ");
        s += &row(5, 1, 1, 2, 1, "88", "Nghị");
        s += &row(5, 1, 1, 2, 2, "60.4", "định");
        s += &row(5, 1, 1, 2, 3, "95", " ");
        s += &row(5, 2, 1, 1, 1, "90", "số");
        s += &row(5, 2, 1, 1, 2, "42", "12/2015/NĐ-CP");
        s
    }

    #[test]
    fn lines_become_paragraphs_and_paragraphs_are_separated_by_a_blank_line() {
        let page = page_from_tsv(&sample()).unwrap();
        assert_eq!(page.text(), "Căn cứ\nNghị định\n\nsố 12/2015/NĐ-CP\n");
        assert_eq!(page.quality.chars, 28);
    }

    #[test]
    fn every_word_maps_to_its_characters_in_the_page_text() {
        let page = page_from_tsv(&sample()).unwrap();
        let text: Vec<char> = page.text().chars().collect();
        let ocr = page.ocr.unwrap();
        let words: Vec<String> = ocr
            .words
            .iter()
            .map(|w| text[w.start..w.end].iter().collect())
            .collect();
        assert_eq!(words, ["Căn", "cứ", "Nghị", "định", "số", "12/2015/NĐ-CP"]);
        assert_eq!(ocr.words[5].confidence, 42);
        assert!(
            (ocr.mean_confidence - 78.0).abs() < 0.05,
            "{}",
            ocr.mean_confidence
        );
    }

    #[test]
    fn decomposed_output_is_composed() {
        let mut s = HEADER.to_string();
        s += &row(5, 1, 1, 1, 1, "90", "Nghi\u{323}");
        let page = page_from_tsv(&s).unwrap();
        assert_eq!(page.text(), "Nghị\n");
        assert_eq!(page.ocr.unwrap().words[0].end, 4);
    }

    #[test]
    fn eth_becomes_the_vietnamese_d_with_stroke() {
        let mut s = HEADER.to_string();
        s += &row(5, 1, 1, 1, 1, "90", "430/QÐ-SNgV");
        s += &row(5, 1, 1, 1, 2, "90", "ðồng");
        let page = page_from_tsv(&s).unwrap();
        assert_eq!(page.text(), "430/QĐ-SNgV đồng\n");
    }

    #[test]
    fn an_empty_page_has_no_blocks() {
        let page = page_from_tsv(HEADER).unwrap();
        assert!(page.blocks.is_empty());
        assert_eq!(page.ocr.unwrap().mean_confidence, 0.0);
    }

    #[test]
    fn a_malformed_row_is_an_error_naming_the_line() {
        let s = format!("{HEADER}5\t1\tx\t1\t1\t1\t0\t0\t1\t1\t90\tword\n");
        let e = page_from_tsv(&s).unwrap_err();
        assert_eq!(e.line, 2);
        let s = format!("{HEADER}5\t1\t1\n");
        assert!(page_from_tsv(&s).is_err());
    }
}
