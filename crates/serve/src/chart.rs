//! Bar charts drawn as SVG by the server (no script, no third-party code):
//! one bar per label, the value written at its end, a `<title>` per bar for
//! screen readers and tooltips. Colours come from the style sheet (classes),
//! so the page's Content-Security-Policy needs no inline styles.

use crate::html::{esc, short_money_abs};

/// One bar.
#[derive(Debug, Clone)]
pub struct Bar {
    /// Its label (a year, an agency).
    pub label: String,
    /// Its value in đồng.
    pub value: u64,
}

/// A horizontal bar chart of `bars`, titled `title` (also its accessible name).
pub fn bar_chart(id: &str, title: &str, bars: &[Bar]) -> String {
    const ROW: u32 = 28;
    const LABEL_W: u32 = 260;
    const BAR_W: u32 = 420;
    const VALUE_W: u32 = 120;
    let width = LABEL_W + BAR_W + VALUE_W;
    let height = ROW * bars.len().max(1) as u32 + 8;
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1);
    let mut svg = format!(
        "<svg class=\"chart\" id=\"{id}\" role=\"img\" aria-labelledby=\"{id}-t\" \
         viewBox=\"0 0 {width} {height}\" xmlns=\"http://www.w3.org/2000/svg\">\
         <title id=\"{id}-t\">{}</title>",
        esc(title),
        id = esc(id)
    );
    if bars.is_empty() {
        svg.push_str("<text x=\"8\" y=\"20\" class=\"chart-label\">Không có số liệu</text>");
    }
    for (i, b) in bars.iter().enumerate() {
        let y = 4 + ROW * i as u32;
        // Scaled in integers: u64 đồng can exceed f64's exact range, the pixels cannot.
        let w = ((b.value as u128 * BAR_W as u128) / max as u128) as u32;
        let w = w.max(u32::from(b.value > 0));
        let label: String = if b.label.chars().count() > 34 {
            b.label.chars().take(33).chain(['…']).collect()
        } else {
            b.label.clone()
        };
        svg.push_str(&format!(
            "<g class=\"bar\"><title>{full}: {money} đồng</title>\
             <text x=\"{lx}\" y=\"{ty}\" class=\"chart-label\" text-anchor=\"end\">{label}</text>\
             <rect x=\"{LABEL_W}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" class=\"chart-bar\"></rect>\
             <text x=\"{vx}\" y=\"{ty}\" class=\"chart-value\">{short}</text></g>",
            full = esc(&b.label),
            money = crate::html::thousands_abs(b.value),
            lx = LABEL_W - 8,
            ty = y + 17,
            label = esc(&label),
            h = ROW - 8,
            vx = LABEL_W + w + 6,
            short = esc(&short_money_abs(b.value)),
        ));
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_and_labels_are_escaped() {
        let bars = vec![
            Bar {
                label: "2021".into(),
                value: 2_000_000_000,
            },
            Bar {
                label: "<b>Sở</b>".into(),
                value: 1_000_000_000,
            },
            Bar {
                label: "2023".into(),
                value: 0,
            },
        ];
        let svg = bar_chart("c", "Ngân sách", &bars);
        assert!(svg.contains("width=\"420\""));
        assert!(svg.contains("width=\"210\""));
        assert!(svg.contains("width=\"0\""));
        assert!(svg.contains("&lt;b&gt;Sở&lt;/b&gt;") && !svg.contains("<b>"));
        assert!(svg.contains(">2 tỷ<"));
        assert!(bar_chart("e", "x", &[]).contains("Không có số liệu"));
        // The largest u64 does not overflow the scaling.
        let huge = [Bar {
            label: "x".into(),
            value: u64::MAX,
        }];
        assert!(bar_chart("h", "x", &huge).contains("width=\"420\""));
    }
}
