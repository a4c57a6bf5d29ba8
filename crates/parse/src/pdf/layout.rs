//! Glyphs to lines to paragraphs, from positions.
//!
//! Lines follow drawing order (producers draw a line's text in reading order,
//! and Vietnamese marks drawn as separate glyphs stay with their letters);
//! a new line starts where a string begins well above or below the last one.
//! Inside a line, the gap before each shown string decides the separator,
//! measured against the font size and the line's own letter spacing: on a
//! letter-spaced heading every letter is its own string with a gap, so only
//! a gap clearly wider than the usual one is a word break. A gap wider than
//! an em is a column break and becomes a tab, so the two header columns and
//! table cells do not run together. Text from annotation appearances (numbers
//! and dates stamped by e-signing systems) is merged into the line it sits on.

use super::interp::{Glyph, PageGlyphs};
use crate::{Block, Page, Paragraph, Run};

/// A string starting further than this (× font size) above or below the line starts a new one.
const NEW_LINE_RISE: f32 = 0.5;
/// A vertical jump beyond this (× font size) is a paragraph gap.
const PARAGRAPH_RISE: f32 = 1.5;
/// A gap wider than the line's letter spacing by this (× font size) is a word break.
const WORD_GAP: f32 = 0.15;
/// A gap wider than the line's letter spacing by this (× font size) is a column break.
const COLUMN_GAP: f32 = 1.0;
/// Strings this short (in glyphs, median) mark a line whose letters are placed one by one.
const LETTER_PLACED_MAX: usize = 2;
/// A line needs at least this many string gaps for its own spacing to be measured.
const MIN_GAPS_FOR_SPACING: usize = 3;

/// One line: indexes into the glyph list, and whether a blank line precedes it.
#[derive(Debug)]
struct Line {
    glyphs: Vec<usize>,
    blank_before: bool,
}

/// Builds the page's paragraphs (one per line) and its quality counters.
pub(crate) fn layout(page: &PageGlyphs) -> Page {
    let glyphs = &page.glyphs;
    let mut lines = build_lines(glyphs, false);
    for stamped in build_lines(glyphs, true) {
        // Each string goes to its own blank: two widgets on one baseline (a number
        // and a day) form one annotation line but fill blanks far apart.
        for string in split_strings(glyphs, stamped) {
            merge_annotation_line(glyphs, &mut lines, string);
        }
    }
    let mut out = Page::default();
    out.quality.has_images = page.has_images;
    out.quality.unmapped_glyphs =
        glyphs.iter().filter(|g| g.text_len == 0).count() + page.fontless_codes;
    let mut gaps: Vec<f32> = Vec::new();
    let mut blank_pending = false;
    for line in &lines {
        if line.blank_before {
            blank_pending = !out.blocks.is_empty();
        }
        let runs = render_line(page, line, &mut gaps);
        if runs.is_empty() {
            continue;
        }
        if blank_pending {
            out.blocks.push(Block::Paragraph(Paragraph::default()));
            blank_pending = false;
        }
        for run in &runs {
            for c in run.text.chars() {
                if c == '\u{fffd}' {
                    out.quality.replacement_chars += 1;
                }
                if !c.is_whitespace() {
                    out.quality.chars += 1;
                }
            }
        }
        out.blocks.push(Block::Paragraph(Paragraph {
            runs,
            ..Paragraph::default()
        }));
    }
    out
}

/// Groups the page's (or the annotations') glyphs into lines in drawing order.
fn build_lines(glyphs: &[Glyph], annotations: bool) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    let mut prev: Option<&Glyph> = None;
    for (i, g) in glyphs.iter().enumerate() {
        if g.from_annotation != annotations {
            continue;
        }
        let mut new_line = prev.is_none();
        let mut blank = false;
        if let (Some(p), true) = (prev, g.starts_string) {
            let size = if g.size > 0.0 { g.size } else { p.size };
            let rise = (g.y - p.y).abs();
            let back = g.x < p.end;
            if rise > size * PARAGRAPH_RISE {
                new_line = true;
                blank = back;
            } else if back && rise > size * NEW_LINE_RISE {
                new_line = true;
            }
        }
        if new_line {
            lines.push(Line {
                glyphs: Vec::new(),
                blank_before: blank,
            });
        }
        if let Some(line) = lines.last_mut() {
            line.glyphs.push(i);
        }
        prev = Some(g);
    }
    lines
}

/// Splits a line at the start of each shown string, keeping the glyphs' order.
fn split_strings(glyphs: &[Glyph], line: Line) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    for k in line.glyphs {
        if glyphs[k].starts_string || out.is_empty() {
            out.push(Line {
                glyphs: Vec::new(),
                blank_before: false,
            });
        }
        if let Some(last) = out.last_mut() {
            last.glyphs.push(k);
        }
    }
    out
}

/// Puts an annotation's line into the page line on the same baseline, at its x
/// position; on its own line at its height when no page line is there.
fn merge_annotation_line(glyphs: &[Glyph], lines: &mut Vec<Line>, stamped: Line) {
    let Some(&first) = stamped.glyphs.first() else {
        return;
    };
    let a = &glyphs[first];
    let size = a.size.max(1.0);
    let target = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| {
            let y = glyphs[*l.glyphs.first()?].y;
            let d = (y - a.y).abs();
            (d <= size * NEW_LINE_RISE).then_some((i, d))
        })
        .min_by(|x, y| x.1.total_cmp(&y.1));
    match target {
        Some((i, _)) => {
            let line = &mut lines[i].glyphs;
            let at = line
                .iter()
                .position(|&k| glyphs[k].x > a.x)
                .unwrap_or(line.len());
            line.splice(at..at, stamped.glyphs);
        }
        None => {
            let at = lines
                .iter()
                .position(|l| l.glyphs.first().is_some_and(|&k| glyphs[k].y < a.y))
                .unwrap_or(lines.len());
            lines.insert(
                at,
                Line {
                    glyphs: stamped.glyphs,
                    blank_before: false,
                },
            );
        }
    }
}

/// The usual gap between strings on a letter-by-letter placed line; 0 on ordinary lines.
fn letter_spacing(glyphs: &[Glyph], line: &Line, gaps: &mut Vec<f32>) -> f32 {
    gaps.clear();
    let mut string_lengths: Vec<usize> = Vec::new();
    let mut current = 0usize;
    let mut prev: Option<&Glyph> = None;
    for &k in &line.glyphs {
        let g = &glyphs[k];
        if g.starts_string {
            if current > 0 {
                string_lengths.push(current);
            }
            current = 0;
            if let Some(p) = prev {
                if !p.is_space && !g.is_space {
                    gaps.push(g.x - p.end);
                }
            }
        }
        if !g.is_space {
            current += 1;
        }
        prev = Some(g);
    }
    if current > 0 {
        string_lengths.push(current);
    }
    if gaps.len() < MIN_GAPS_FOR_SPACING {
        return 0.0;
    }
    string_lengths.sort_unstable();
    if string_lengths[string_lengths.len() / 2] > LETTER_PLACED_MAX {
        return 0.0;
    }
    gaps.sort_unstable_by(f32::total_cmp);
    gaps[gaps.len() / 2].max(0.0)
}

/// The runs of one line: text split where the font changes, separators from the gaps.
fn render_line(page: &PageGlyphs, line: &Line, gaps: &mut Vec<f32>) -> Vec<Run> {
    let glyphs = &page.glyphs;
    let spacing = letter_spacing(glyphs, line, gaps);
    let mut runs: Vec<Run> = Vec::new();
    let mut current_font: Option<u16> = None;
    let mut prev: Option<&Glyph> = None;
    for &k in &line.glyphs {
        let g = &glyphs[k];
        let mut separator = None;
        let boundary =
            prev.is_some_and(|p| g.starts_string || p.from_annotation != g.from_annotation);
        if let (Some(p), true) = (prev, boundary) {
            let size = g.size.max(p.size);
            let gap = g.x - p.end;
            // A stamp fills a blank inside a sentence: the gaps around it are not columns.
            let stamp_edge = p.from_annotation != g.from_annotation;
            if gap > spacing + size * COLUMN_GAP && !stamp_edge {
                separator = Some('\t');
            } else if gap > spacing + size * WORD_GAP && !p.is_space && !g.is_space {
                separator = Some(' ');
            }
        }
        let text = page.text_of(g);
        if separator.is_none() && text.is_empty() {
            prev = Some(g);
            continue;
        }
        if current_font != Some(g.font) || runs.is_empty() {
            runs.push(Run {
                text: String::new(),
                font: page.fonts.get(usize::from(g.font)).map(|f| f.to_string()),
            });
            current_font = Some(g.font);
        }
        if let Some(run) = runs.last_mut() {
            if let Some(s) = separator {
                run.text.push(s);
            }
            run.text.push_str(text);
        }
        prev = Some(g);
    }
    trim_runs(runs)
}

/// Drops the line's leading and trailing whitespace and any runs left empty.
fn trim_runs(mut runs: Vec<Run>) -> Vec<Run> {
    while let Some(first) = runs.first_mut() {
        let trimmed = first.text.trim_start();
        if trimmed.is_empty() {
            runs.remove(0);
        } else {
            if trimmed.len() != first.text.len() {
                first.text = trimmed.to_string();
            }
            break;
        }
    }
    while let Some(last) = runs.last_mut() {
        let trimmed = last.text.trim_end();
        if trimmed.is_empty() {
            runs.pop();
        } else {
            let keep = trimmed.len();
            last.text.truncate(keep);
            break;
        }
    }
    runs.retain(|r| !r.text.is_empty());
    runs
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::rc::Rc;

    /// A line of strings: `(x, text)` pairs at baseline `y`, each glyph 6 units wide at size 12.
    fn strings(page: &mut PageGlyphs, y: f32, items: &[(f32, &str)], annotation: bool) {
        for &(x, s) in items {
            let mut x = x;
            for (i, c) in s.chars().enumerate() {
                let start = page.text.len() as u32;
                page.text.push(c);
                page.glyphs.push(Glyph {
                    x,
                    y,
                    end: x + 6.0,
                    size: 12.0,
                    font: 0,
                    text_start: start,
                    text_len: c.len_utf8() as u32,
                    starts_string: i == 0,
                    is_space: c == ' ',
                    from_annotation: annotation,
                });
                x += 6.0;
            }
        }
    }

    fn page() -> PageGlyphs {
        PageGlyphs {
            fonts: vec![Rc::from("Times")],
            ..PageGlyphs::default()
        }
    }

    #[test]
    fn a_letter_spaced_title_reads_as_words() {
        // Every letter (or pair) is its own string 2.5 units apart; words are 12 units apart.
        let mut p = page();
        let mut x = 100.0;
        let mut items = Vec::new();
        for word in [
            ["củ", "a"].as_slice(),
            &["Th", "ủ"],
            &["t", "ư", "ớn", "g"],
            &["số"],
            &["1", "15/", "20", "04/", "Q", "Đ", "-T", "T", "g"],
        ] {
            for part in word {
                items.push((x, *part));
                x += 6.0 * part.chars().count() as f32 + 2.5;
            }
            x += 9.5;
        }
        strings(&mut p, 700.0, &items, false);
        let page = layout(&p);
        assert_eq!(page.text(), "của Thủ tướng số 115/2004/QĐ-TTg\n");
    }

    #[test]
    fn ordinary_word_strings_keep_their_spaces() {
        // Words as separate strings with a space-wide gap and no space glyphs.
        let mut p = page();
        strings(
            &mut p,
            700.0,
            &[(100.0, "Báo"), (121.0, "cáo"), (142.0, "số"), (157.0, "12")],
            false,
        );
        assert_eq!(layout(&p).text(), "Báo cáo số 12\n");
    }

    #[test]
    fn kerning_inside_a_word_is_not_a_break() {
        let mut p = page();
        strings(
            &mut p,
            700.0,
            &[(100.0, "Quy"), (118.5, "ết"), (130.0, " định")],
            false,
        );
        assert_eq!(layout(&p).text(), "Quyết định\n");
    }

    #[test]
    fn header_columns_that_nearly_touch_are_split_by_a_tab() {
        let mut p = page();
        strings(
            &mut p,
            780.0,
            &[(60.0, "UBND TỈNH"), (60.0 + 54.0 + 14.0, "CỘNG HÒA")],
            false,
        );
        assert_eq!(layout(&p).text(), "UBND TỈNH\tCỘNG HÒA\n");
    }

    #[test]
    fn a_stamped_number_lands_in_its_blank() {
        let mut p = page();
        strings(&mut p, 760.0, &[(60.0, "Số:      /SXD-QLXD")], false);
        strings(&mut p, 746.0, &[(60.0, "Nội dung")], false);
        strings(&mut p, 760.0, &[(84.0 + 3.0, "517")], true);
        assert_eq!(layout(&p).text(), "Số:  517    /SXD-QLXD\nNội dung\n");
    }

    #[test]
    fn two_stamps_on_one_baseline_fill_their_own_blanks() {
        let mut p = page();
        strings(
            &mut p,
            760.0,
            &[(60.0, "Số:      /BC-UBND"), (300.0, "ngày      tháng 5")],
            false,
        );
        strings(
            &mut p,
            760.0,
            &[(84.0 + 3.0, "12"), (300.0 + 33.0, "09")],
            true,
        );
        let text = layout(&p).text();
        let words: Vec<&str> = text.split_whitespace().collect();
        assert_eq!(
            words,
            ["Số:", "12", "/BC-UBND", "ngày", "09", "tháng", "5"],
            "{text:?}"
        );
    }

    #[test]
    fn a_stamp_away_from_any_line_gets_its_own_line_in_height_order() {
        let mut p = page();
        strings(&mut p, 760.0, &[(60.0, "một")], false);
        strings(&mut p, 700.0, &[(60.0, "ba")], false);
        strings(&mut p, 730.0, &[(60.0, "hai")], true);
        // The paragraph gap before "ba" stays where the page had it.
        assert_eq!(layout(&p).text(), "một\nhai\n\nba\n");
    }

    #[test]
    fn lines_paragraph_gaps_and_unmapped_glyphs() {
        let mut p = page();
        strings(&mut p, 700.0, &[(60.0, "dòng một")], false);
        strings(&mut p, 686.0, &[(60.0, "dòng hai")], false);
        strings(&mut p, 640.0, &[(60.0, "đoạn mới")], false);
        p.glyphs.push(Glyph {
            text_len: 0,
            starts_string: false,
            ..p.glyphs[0]
        });
        let out = layout(&p);
        assert_eq!(out.text(), "dòng một\ndòng hai\n\nđoạn mới\n");
        assert_eq!(out.quality.unmapped_glyphs, 1);
        assert_eq!(out.quality.chars, 21);
    }
}
