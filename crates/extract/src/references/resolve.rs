//! Resolving mentions into references: full numbers grouped by canonical
//! number, short forms onto the full number they repeat, else partial.

use std::collections::HashMap;

use vanban_text::PreparedPage;

use super::grammar::{canon_key, clean_name, split_number};
use super::Hit;
use crate::evidence::evidence_for;
use crate::facts::{Mention, Reference};
use crate::issuers::issuer_for_number;

/// Groups mentions into references: full numbers by canonical number, short
/// ones onto the full number they repeat, else a partial reference.
pub(super) fn build_references(pages: &[PreparedPage], hits: Vec<Hit>) -> Vec<Reference> {
    let full: Vec<&Hit> = hits.iter().filter(|h| !h.short).collect();
    let mut order: Vec<String> = Vec::new();
    let mut refs: HashMap<String, Reference> = HashMap::new();
    for h in &hits {
        // The full number a short mention repeats, when the text gives one.
        let mut full_number: Option<String> = None;
        let key = if h.short {
            let target = full.iter().find(|f| {
                split_number(&f.number).is_some_and(|(n, _)| n == h.number)
                    && (f.kind == h.kind
                        || f.kind
                            .as_deref()
                            .zip(h.kind.as_deref())
                            .is_some_and(|(a, b)| a.starts_with(b) || b.starts_with(a)))
            });
            match target {
                Some(f) => {
                    full_number = Some(f.number.clone());
                    canon_key(&f.number)
                }
                None => format!("short:{}:{}", h.kind.as_deref().unwrap_or(""), h.number),
            }
        } else {
            canon_key(&h.number)
        };
        let Some(page) = pages.get(h.page) else {
            continue;
        };
        let view = &page.flow;
        // `raw` is the mention as printed (the display text, not the rejoined view),
        // with line breaks and runs of spaces collapsed to one space.
        let printed = view.source_range(h.span.clone());
        let raw = clean_name(page.display.get(printed).unwrap_or(""));
        let evidence = evidence_for(page, view, h.span.clone());
        let entry = refs.entry(key.clone()).or_insert_with(|| {
            order.push(key.clone());
            Reference {
                kind: h.kind.clone().unwrap_or_else(|| "Văn bản".to_string()),
                // A short mention before the full one (`theo QĐ1457; … Quyết định
                // số 1457/QĐ-UBND`) still names the full number.
                number: full_number.clone().unwrap_or_else(|| h.number.clone()),
                raw: raw.clone(),
                date: None,
                issuer: None,
                partial: h.short && full_number.is_none(),
                mentions: Vec::new(),
            }
        });
        if entry.date.is_none() {
            entry.date = h.date.map(|d| d.to_string());
        }
        if entry.issuer.is_none() {
            entry.issuer = h.issuer.clone();
        }
        // A kind from a type word beats one inferred from the symbol.
        if h.kind_from_text
            && !h.short
            && entry.kind != *h.kind.as_ref().unwrap_or(&entry.kind)
            && entry.mentions.is_empty()
        {
            entry.kind = h.kind.clone().unwrap_or_default();
        }
        entry.mentions.push(Mention { raw, evidence });
    }
    order
        .into_iter()
        .filter_map(|k| refs.remove(&k))
        .map(|mut r| {
            if r.issuer.is_none() && !r.partial {
                r.issuer = issuer_for_number(&r.number);
            }
            r
        })
        .collect()
}
