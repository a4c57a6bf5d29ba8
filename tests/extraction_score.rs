//! Scores `vanban extract --json` on every rendering of every seed against the
//! gold in tests/gold (the same metrics as the shared scorer, tools/score.py),
//! per format, and asserts the thresholds the extraction issues set.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::OnceLock;

use crate::common::*;
use serde_json::Value;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

fn canon_number(s: &str) -> String {
    s.nfc()
        .map(|c| match c {
            '\u{2010}'..='\u{2014}' | '\u{2212}' | '\u{ad}' => '-',
            '\u{d0}' => '\u{110}',
            c => c,
        })
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn fold(s: &str) -> String {
    let s: String = s
        .nfc()
        .collect::<String>()
        .replace('đ', "d")
        .replace('Đ', "D");
    let stripped: String = s.nfd().filter(|c| !is_combining_mark(*c)).collect();
    stripped
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn canon_issuer(s: &str) -> String {
    fold(s)
        .split(' ')
        .map(|w| match w {
            "ubnd" => "uy ban nhan dan",
            "hdnd" => "hoi dong nhan dan",
            "bch" => "ban chap hanh",
            "vpubnd" => "van phong uy ban nhan dan",
            w => w,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[derive(Default, Debug)]
struct Tally(BTreeMap<&'static str, usize>);

impl Tally {
    fn add(&mut self, key: &'static str, n: usize) {
        *self.0.entry(key).or_default() += n;
    }
    fn get(&self, key: &str) -> usize {
        self.0.get(key).copied().unwrap_or(0)
    }
    fn f1(&self, tp: &str, pred: &str, gold: &str) -> f64 {
        let (tp, np, ng) = (
            self.get(tp) as f64,
            self.get(pred) as f64,
            self.get(gold) as f64,
        );
        let p = if np > 0.0 {
            tp / np
        } else if ng == 0.0 {
            1.0
        } else {
            0.0
        };
        let r = if ng > 0.0 { tp / ng } else { 1.0 };
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }
    fn ratio(&self, ok: &str, n: &str) -> f64 {
        if self.get(n) == 0 {
            return if self.get("ref_gold") > 0 { 0.0 } else { 1.0 };
        }
        self.get(ok) as f64 / self.get(n) as f64
    }
}

fn multiset_tp<T: std::hash::Hash + Eq + Clone>(pred: &[T], gold: &[T]) -> usize {
    let mut counts: HashMap<T, usize> = HashMap::new();
    for g in gold {
        *counts.entry(g.clone()).or_default() += 1;
    }
    let mut tp = 0;
    for p in pred {
        if let Some(n) = counts.get_mut(p) {
            if *n > 0 {
                *n -= 1;
                tp += 1;
            }
        }
    }
    tp
}

fn str_of(v: &Value) -> Option<String> {
    v.as_str().map(str::to_string)
}

fn score_doc(pred: &Value, gold: &Value, t: &mut Tally) {
    let empty = vec![];
    let gold_refs: BTreeMap<String, &Value> = gold["references"]
        .as_array()
        .unwrap_or(&empty)
        .iter()
        .map(|r| (canon_number(r["number"].as_str().unwrap_or("")), r))
        .collect();
    let mut pred_refs: BTreeMap<String, &Value> = BTreeMap::new();
    for r in pred["references"].as_array().unwrap_or(&empty) {
        if let Some(n) = r["number"].as_str() {
            pred_refs.entry(canon_number(n)).or_insert(r);
        }
    }
    let common: Vec<&String> = gold_refs
        .keys()
        .filter(|k| pred_refs.contains_key(*k))
        .collect();
    t.add("ref_tp", common.len());
    t.add("ref_pred", pred_refs.len());
    t.add("ref_gold", gold_refs.len());
    for k in common {
        let (g, p) = (gold_refs[k], pred_refs[k]);
        t.add("ref_kind_n", 1);
        t.add(
            "ref_kind_ok",
            usize::from(
                fold(p["kind"].as_str().unwrap_or("")) == fold(g["kind"].as_str().unwrap_or("")),
            ),
        );
        t.add("ref_date_n", 1);
        t.add(
            "ref_date_ok",
            usize::from(str_of(&p["date"]) == str_of(&g["date"])),
        );
        let mentions = match &p["mentions"] {
            Value::Array(a) => Some(a.len() as u64),
            v => v.as_u64(),
        };
        t.add("ref_mention_n", 1);
        t.add(
            "ref_mention_ok",
            usize::from(mentions == g["mentions"].as_u64()),
        );
        if let Some(gi) = g["issuer"].as_str().filter(|s| !s.is_empty()) {
            let gi = canon_issuer(gi);
            let pi = p["issuer"].as_str().map(canon_issuer).unwrap_or_default();
            t.add("ref_issuer_n", 1);
            t.add(
                "ref_issuer_ok",
                usize::from(!pi.is_empty() && (pi == gi || pi.contains(&gi) || gi.contains(&pi))),
            );
        }
    }

    let money = |v: &Value| -> Vec<u64> {
        v["money"]
            .as_array()
            .unwrap_or(&empty)
            .iter()
            .filter_map(|m| m["vnd"].as_u64())
            .collect()
    };
    let (mp, mg) = (money(pred), money(gold));
    t.add("money_tp", multiset_tp(&mp, &mg));
    t.add("money_pred", mp.len());
    t.add("money_gold", mg.len());

    let counts = |v: &Value| -> Vec<(Option<u64>, Option<u64>, String)> {
        v["case_counts"]
            .as_array()
            .unwrap_or(&empty)
            .iter()
            .map(|c| {
                let unit = fold(c["unit"].as_str().unwrap_or(""));
                let first = unit.split(' ').next().unwrap_or("").to_string();
                (c["value"].as_u64(), c["of"].as_u64(), first)
            })
            .collect()
    };
    let (cp, cg) = (counts(pred), counts(gold));
    t.add("count_tp", multiset_tp(&cp, &cg));
    t.add("count_pred", cp.len());
    t.add("count_gold", cg.len());

    let periods = |v: &Value| -> HashSet<(Option<String>, Option<String>)> {
        v["periods"]
            .as_array()
            .unwrap_or(&empty)
            .iter()
            .map(|p| (str_of(&p["start"]), str_of(&p["end"])))
            .collect()
    };
    let (pp, pg) = (periods(pred), periods(gold));
    t.add("period_tp", pp.intersection(&pg).count());
    t.add("period_pred", pp.len());
    t.add("period_gold", pg.len());

    for f in [
        "agency",
        "parent_agency",
        "number",
        "kind",
        "place",
        "date",
        "subject",
        "signer",
        "signer_title",
    ] {
        let g = gold["header"][f].as_str();
        let p = pred["header"][f].as_str().filter(|s| !s.is_empty());
        if g.is_none() && p.is_none() {
            continue;
        }
        t.add("header_n", 1);
        let ok = match (g, p) {
            (Some(g), Some(p)) if f == "number" => canon_number(g) == canon_number(p),
            (Some(g), Some(p)) if f == "date" => g == p,
            (Some(g), Some(p)) => fold(g) == fold(p),
            _ => false,
        };
        t.add("header_ok", usize::from(ok));
    }
}

/// Extraction records of every seed rendering, by format (txt, docx, pdf), with each file's gold.
fn scored() -> &'static BTreeMap<String, Tally> {
    static SCORES: OnceLock<BTreeMap<String, Tally>> = OnceLock::new();
    SCORES.get_or_init(|| {
        let mut by_format: BTreeMap<String, Tally> = BTreeMap::new();
        for stem in seed_stems() {
            let gold: Value = serde_json::from_str(
                &std::fs::read_to_string(repo().join(format!("tests/gold/{stem}.json"))).expect("gold"),
            )
            .expect("gold json");
            let mut files = renderings(&stem);
            files.push(corpus().join(format!("{stem}.txt")));
            for file in files {
                let out = vanban(&["extract", "--json", file.to_str().expect("utf-8")]);
                assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
                let pred = &json_lines(&out.stdout)[0];
                let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("").to_string();
                score_doc(pred, &gold, by_format.entry(ext).or_default());
            }
        }
        for (fmt, t) in &by_format {
            eprintln!(
                "{fmt}: refs_f1={:.3} ref_dates={:.3} mentions={:.3} issuers={:.3} money_f1={:.3} counts_f1={:.3} periods_f1={:.3} header={:.3}",
                t.f1("ref_tp", "ref_pred", "ref_gold"),
                t.ratio("ref_date_ok", "ref_date_n"),
                t.ratio("ref_mention_ok", "ref_mention_n"),
                t.ratio("ref_issuer_ok", "ref_issuer_n"),
                t.f1("money_tp", "money_pred", "money_gold"),
                t.f1("count_tp", "count_pred", "count_gold"),
                t.f1("period_tp", "period_pred", "period_gold"),
                t.ratio("header_ok", "header_n"),
            );
        }
        by_format
    })
}

fn assert_each_format(name: &str, min: f64, metric: impl Fn(&Tally) -> f64) {
    let scores = scored();
    for fmt in ["txt", "docx", "pdf"] {
        let t = scores
            .get(fmt)
            .unwrap_or_else(|| panic!("no {fmt} renderings in corpus/"));
        let v = metric(t);
        assert!(v >= min, "{fmt}: {name} = {v:.3}, below {min}");
    }
}

#[test]
fn references_f1_at_least_0_97() {
    assert_each_format("references F1", 0.97, |t| {
        t.f1("ref_tp", "ref_pred", "ref_gold")
    });
}

#[test]
fn reference_dates_at_least_0_95() {
    assert_each_format("reference dates", 0.95, |t| {
        t.ratio("ref_date_ok", "ref_date_n")
    });
}

#[test]
fn mention_counts_at_least_0_95() {
    assert_each_format("mention counts", 0.95, |t| {
        t.ratio("ref_mention_ok", "ref_mention_n")
    });
}

#[test]
fn header_fields_at_least_0_9() {
    assert_each_format("header fields", 0.9, |t| t.ratio("header_ok", "header_n"));
}

#[test]
fn money_f1_at_least_0_95() {
    assert_each_format("money F1", 0.95, |t| {
        t.f1("money_tp", "money_pred", "money_gold")
    });
}

#[test]
fn counts_f1_at_least_0_85() {
    assert_each_format("counts F1", 0.85, |t| {
        t.f1("count_tp", "count_pred", "count_gold")
    });
}

#[test]
fn periods_f1_at_least_0_9() {
    assert_each_format("periods F1", 0.9, |t| {
        t.f1("period_tp", "period_pred", "period_gold")
    });
}

#[test]
fn same_references_whatever_the_format() {
    for stem in seed_stems() {
        let mut sets = Vec::new();
        let mut files = renderings(&stem);
        files.push(corpus().join(format!("{stem}.txt")));
        for file in &files {
            let out = vanban(&["extract", "--json", file.to_str().expect("utf-8")]);
            let rec = &json_lines(&out.stdout)[0];
            let numbers: Vec<String> = rec["references"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|r| r["number"].as_str().map(canon_number))
                        .collect()
                })
                .unwrap_or_default();
            sets.push((file.clone(), numbers));
        }
        let (first_file, first) = &sets[0];
        for (file, numbers) in &sets[1..] {
            assert_eq!(
                numbers,
                first,
                "{} and {} cite different documents",
                first_file.display(),
                file.display()
            );
        }
    }
}
