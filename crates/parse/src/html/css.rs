//! The little CSS the reader needs: `font-family`, `display:none` and page breaks from
//! inline `style` attributes, and `font-family` per `tag.class` / `.class` / `tag` rule
//! from `<style>` sheets (Word's "Web Page" files set the body font in `p.MsoNormal`).
//!
//! Written by hand rather than with a CSS crate: only declarations of simple selectors are
//! needed, never the cascade, and a full parser (lightningcss) is a heavy dependency for
//! one property.

use std::collections::HashMap;

/// `font-family` of the simple selectors of style sheets, keyed by `tag.class`, `.class`
/// or `tag` (all lower case).
#[derive(Debug, Default)]
pub(crate) struct FontRules {
    rules: HashMap<String, String>,
}

/// Most rules kept from one document's style sheets.
const MAX_RULES: usize = 10_000;

impl FontRules {
    /// Adds the rules of one style sheet.
    pub(crate) fn add_sheet(&mut self, sheet: &str) {
        let sheet = strip_comments(sheet);
        for rule in sheet.split('}') {
            let Some((selectors, body)) = rule.split_once('{') else {
                continue;
            };
            // `@media … {` / `@page` blocks: the selector list after the at-rule still works.
            let selectors = selectors.rsplit('{').next().unwrap_or(selectors);
            let Some(font) = declaration(body, "font-family").and_then(first_family) else {
                continue;
            };
            for sel in selectors.split(',') {
                let sel = sel.trim().to_ascii_lowercase();
                let simple = !sel.is_empty()
                    && sel
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'));
                if simple && self.rules.len() < MAX_RULES {
                    self.rules.insert(sel, font.clone());
                }
            }
        }
    }

    /// The font a rule gives an element with this tag and class list.
    pub(crate) fn font_for(&self, tag: &str, classes: &str) -> Option<&str> {
        if self.rules.is_empty() {
            return None;
        }
        for class in classes.split_ascii_whitespace() {
            let class = class.to_ascii_lowercase();
            if let Some(f) = self.rules.get(&format!("{tag}.{class}")) {
                return Some(f);
            }
            if let Some(f) = self.rules.get(&format!(".{class}")) {
                return Some(f);
            }
        }
        self.rules.get(tag).map(String::as_str)
    }
}

fn strip_comments(sheet: &str) -> String {
    let mut out = String::with_capacity(sheet.len());
    let mut rest = sheet;
    while let Some(i) = rest.find("/*") {
        out.push_str(&rest[..i]);
        match rest[i + 2..].find("*/") {
            Some(j) => rest = &rest[i + 2 + j + 2..],
            None => return out,
        }
    }
    out.push_str(rest);
    // Style sheets hidden from old browsers in `<!-- … -->` keep their rules.
    out.replace("<!--", " ").replace("-->", " ")
}

/// The value of a declaration (`name: value`) in a declaration list; the last one wins.
pub(crate) fn declaration<'a>(style: &'a str, name: &str) -> Option<&'a str> {
    style
        .split(';')
        .filter_map(|d| d.split_once(':'))
        .filter(|(n, _)| n.trim().eq_ignore_ascii_case(name))
        .map(|(_, v)| v.trim())
        .next_back()
}

/// The first family of a `font-family` list, unquoted (`".VnTime", serif` → `.VnTime`).
pub(crate) fn first_family(value: &str) -> Option<String> {
    let first = value.split(',').next()?.trim();
    let unquoted = first
        .trim_matches(|c| c == '"' || c == '\'')
        .trim()
        .trim_end_matches("!important")
        .trim()
        .trim_matches(|c| c == '"' || c == '\'');
    (!unquoted.is_empty()).then(|| unquoted.to_string())
}

/// Whether an inline style hides the element (`display:none`, Word's `mso-hide:all`).
pub(crate) fn hides(style: &str) -> bool {
    declaration(style, "display").is_some_and(|v| v.eq_ignore_ascii_case("none"))
        || declaration(style, "mso-hide").is_some_and(|v| v.eq_ignore_ascii_case("all"))
}

/// Whether an inline style asks for a page break before (`page-break-before:always`,
/// `break-before:page`) or after the element.
pub(crate) fn page_break(style: &str, property: &str) -> bool {
    let legacy = format!("page-break-{property}");
    let modern = format!("break-{property}");
    declaration(style, &legacy).is_some_and(|v| v.eq_ignore_ascii_case("always"))
        || declaration(style, &modern).is_some_and(|v| v.eq_ignore_ascii_case("page"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_style_sheet_fonts_by_class_and_tag() {
        let mut rules = FontRules::default();
        rules.add_sheet(
            "<!--\n /* Style Definitions */\n p.MsoNormal, li.MsoNormal, div.MsoNormal\n\
             {mso-style-parent:\"\"; font-size:14.0pt; font-family:\".VnTime\"; \
             mso-bidi-font-family:\"Times New Roman\";}\n h1 {font-family:\"VNI-Times\", serif}\n\
             @page Section1 {size:595.3pt 841.9pt;}\n.Ghi {font-family:Arial}\n-->",
        );
        assert_eq!(rules.font_for("p", "MsoNormal"), Some(".VnTime"));
        assert_eq!(rules.font_for("li", "msonormal"), Some(".VnTime"));
        assert_eq!(rules.font_for("h1", ""), Some("VNI-Times"));
        assert_eq!(rules.font_for("span", "Ghi"), Some("Arial"));
        assert_eq!(rules.font_for("span", "Khac"), None);
    }

    #[test]
    fn inline_declarations() {
        let style = "font-size:13pt;mso-bidi-font-family:Arial;font-family:'.VnTimeH'";
        assert_eq!(
            declaration(style, "font-family").and_then(first_family),
            Some(".VnTimeH".to_string())
        );
        assert!(hides("color:red; display : none"));
        assert!(hides("mso-hide:all"));
        assert!(!hides("display:block"));
        assert!(page_break(
            "mso-special-character:line-break;page-break-before:always",
            "before"
        ));
        assert!(page_break("break-after: page", "after"));
        assert!(!page_break("page-break-before:auto", "before"));
    }
}
