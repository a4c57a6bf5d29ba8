//! HTML building blocks: escaping (every piece of document text goes
//! through [`esc`]), the page frame, marked page text, money in words.
//!
//! The pages are small and fixed, so they are written with `format!` and
//! one escaping function rather than a template engine: what is escaped is
//! visible at each call, and the test of a hostile document checks it.

use std::fmt::Write;

/// `s` safe as HTML text and as a double-quoted attribute value.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A query string from name/value pairs (percent-encoded).
pub fn query_string(pairs: &[(&str, String)]) -> String {
    serde_urlencoded::to_string(pairs).unwrap_or_default()
}

/// Which part of the site a page belongs to (marked in the menu).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// Search and documents.
    Search,
    /// Cited-by.
    CitedBy,
    /// Budget.
    Budget,
    /// Anything else.
    Other,
}

/// A whole page: head, menu, `body` (already HTML) in `<main>`.
pub fn page(title: &str, section: Section, body: &str) -> String {
    let item = |s: Section, href: &str, label: &str| {
        let current = if s == section {
            " aria-current=\"page\""
        } else {
            ""
        };
        format!("<li><a href=\"{href}\"{current}>{label}</a></li>")
    };
    format!(
        "<!doctype html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} · vanban</title>\
         <link rel=\"stylesheet\" href=\"/assets/style.css\">\
         <script src=\"/assets/app.js\" defer></script></head>\n\
         <body><a class=\"skip\" href=\"#main\">Bỏ qua, đến nội dung chính</a>\
         <header class=\"top\"><a class=\"brand\" href=\"/\">vanban</a>\
         <nav aria-label=\"Chuyên mục\"><ul>{}{}{}</ul></nav></header>\n\
         <main id=\"main\" tabindex=\"-1\">{body}</main>\n\
         <footer><a href=\"/api/v1/openapi.json\">API (OpenAPI)</a></footer></body></html>\n",
        item(Section::Search, "/", "Tìm kiếm"),
        item(Section::CitedBy, "/cited-by", "Tra cứu trích dẫn"),
        item(Section::Budget, "/budget", "Ngân sách"),
        title = esc(title),
    )
}

/// A marked stretch of page text: `class` names the kind; `id` anchors it; `href` links it.
#[derive(Debug, Clone)]
pub struct Mark {
    /// Start character offset.
    pub start: usize,
    /// End character offset (exclusive).
    pub end: usize,
    /// CSS class (`fact fact-reference`, …).
    pub class: String,
    /// Anchor id given to the mark's first piece.
    pub id: Option<String>,
    /// Tooltip.
    pub title: String,
}

/// `text` as HTML with `facts` wrapped in `<span>`s and `hits` in `<mark>`s.
/// Facts that overlap an earlier one are left unmarked in the text (they
/// are still listed beside it); hits may cross facts: the text is cut at
/// every boundary so the elements always nest.
pub fn marked_text(text: &str, facts: &[Mark], hits: &[(usize, usize)]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    // Keep facts that do not overlap an earlier kept one.
    let mut kept: Vec<&Mark> = Vec::new();
    let mut sorted: Vec<&Mark> = facts
        .iter()
        .filter(|f| f.start < f.end && f.end <= n)
        .collect();
    sorted.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
    for f in sorted {
        if kept.last().is_none_or(|k| f.start >= k.end) {
            kept.push(f);
        }
    }
    let mut cuts: Vec<usize> = vec![0, n];
    for f in &kept {
        cuts.extend([f.start, f.end]);
    }
    for &(s, e) in hits {
        if s < e && e <= n {
            cuts.extend([s, e]);
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = String::with_capacity(text.len() * 2);
    let mut opened: Option<usize> = None;
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let piece: String = chars[a..b].iter().collect();
        let fact = kept.iter().position(|f| f.start <= a && b <= f.end);
        let hit = hits.iter().any(|&(s, e)| s <= a && b <= e);
        let mut html = esc(&piece);
        if hit {
            html = format!("<mark>{html}</mark>");
        }
        if let Some(i) = fact {
            let f = kept[i];
            let id = match (&f.id, opened == Some(i)) {
                (Some(id), false) => format!(" id=\"{}\"", esc(id)),
                _ => String::new(),
            };
            opened = Some(i);
            html = format!(
                "<span class=\"{}\"{id} title=\"{}\">{html}</span>",
                esc(&f.class),
                esc(&f.title)
            );
        }
        out.push_str(&html);
    }
    out
}

/// `1500000000` → `1.500.000.000` (Vietnamese thousands separator).
pub fn thousands(v: i64) -> String {
    if v < 0 {
        return format!("−{}", thousands_abs(v.unsigned_abs()));
    }
    thousands_abs(v.unsigned_abs())
}

/// Digits of `v` grouped by dots (the text crate's one rule for it).
pub fn thousands_abs(v: u64) -> String {
    vanban_text::group_thousands(u128::from(v))
}

/// An amount in đồng, short: `1,5 tỷ`, `450 triệu`, `12.000`.
pub fn short_money(v: i64) -> String {
    if v < 0 {
        return format!("−{}", short_money_abs(v.unsigned_abs()));
    }
    short_money_abs(v.unsigned_abs())
}

/// [`short_money`] of a magnitude.
pub fn short_money_abs(v: u64) -> String {
    let (unit, name) = if v >= 1_000_000_000 {
        (1_000_000_000f64, "tỷ")
    } else if v >= 1_000_000 {
        (1_000_000f64, "triệu")
    } else {
        return thousands_abs(v);
    };
    let x = v as f64 / unit;
    let mut s = String::new();
    let _ = if x >= 100.0 {
        write!(s, "{x:.0}")
    } else if x >= 10.0 {
        write!(s, "{x:.1}")
    } else {
        write!(s, "{x:.2}")
    };
    let trimmed = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    format!("{} {name}", trimmed.replace('.', ","))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(esc("Công văn số 12/UBND"), "Công văn số 12/UBND");
    }

    #[test]
    fn marks_nest_across_facts_and_hits() {
        let text = "Theo Nghị định 55/2011/NĐ-CP <b>về</b> ngân sách.";
        let facts = vec![Mark {
            start: 5,
            end: 28,
            class: "fact fact-reference".into(),
            id: Some("f-r0-0".into()),
            title: "Nghị định 55/2011/NĐ-CP".into(),
        }];
        let html = marked_text(text, &facts, &[(10, 14), (39, 48)]);
        assert!(
            html.starts_with("Theo <span class=\"fact fact-reference\" id=\"f-r0-0\""),
            "{html}"
        );
        assert!(html.contains("<mark>định</mark>"), "{html}");
        assert!(html.contains("&lt;b&gt;về&lt;/b&gt;"), "{html}");
        assert!(html.ends_with(" <mark>ngân sách</mark>."), "{html}");
        // The id is given once even when the fact is cut by a hit.
        assert_eq!(html.matches("id=\"f-r0-0\"").count(), 1);
        assert_eq!(
            html.matches("<span").count(),
            html.matches("</span>").count()
        );
    }

    #[test]
    fn overlapping_facts_and_bad_spans_do_not_break_the_text() {
        let text = "abc def";
        let facts = vec![
            Mark {
                start: 0,
                end: 5,
                class: "a".into(),
                id: None,
                title: String::new(),
            },
            Mark {
                start: 2,
                end: 7,
                class: "b".into(),
                id: None,
                title: String::new(),
            },
            Mark {
                start: 3,
                end: 99,
                class: "c".into(),
                id: None,
                title: String::new(),
            },
        ];
        let html = marked_text(text, &facts, &[(6, 2)]);
        assert_eq!(html, "<span class=\"a\" title=\"\">abc d</span>ef");
    }

    #[test]
    fn money_reads_as_vietnamese() {
        assert_eq!(thousands(-1_740), "−1.740");
        assert_eq!(short_money(-450_000_000), "−450 triệu");
        assert_eq!(thousands(1_500_000_000), "1.500.000.000");
        assert_eq!(thousands(999), "999");
        assert_eq!(short_money(1_500_000_000), "1,5 tỷ");
        assert_eq!(short_money(450_000_000), "450 triệu");
        assert_eq!(short_money(12_000), "12.000");
        assert_eq!(short_money(125_300_000_000), "125 tỷ");
    }
}
