//! `vanban search`: Vietnamese-aware full text with structured filters.
//!
//! Every word must match under its folded key; a word typed with marks also
//! scores (boosted) under its exact key, so documents spelling it the same
//! way rank first while unaccented spellings still match. Quoted text is a
//! phrase. Filters narrow the matches without changing their scores.

use std::ops::Bound;

use serde::Serialize;
use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query, RangeQuery,
    TermQuery,
};
use tantivy::schema::{Facet, Field, IndexRecordOption};
use tantivy::Term;
use vanban_text::{folded_doc_number, folded_key, tokens};

use crate::analyzer::{has_marks, KeyKind};
use crate::dates;
use crate::error::IndexError;
use crate::schema::{FACET_AGENCY, FACET_KIND, FACET_YEAR};
use crate::snippet::{best_snippet, QueryWords, Snippet};
use crate::store::VanbanIndex;

/// Extra weight of a match under the exact (diacritic-sensitive) key.
const EXACT_BOOST: f32 = 2.0;
/// Extra weight of the whole query found as a phrase.
const PHRASE_BOOST: f32 = 1.5;
/// Snippet length in characters.
const SNIPPET_WIDTH: usize = 200;

/// Structured filters; every one given must hold.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Document type word (`báo cáo`, `bao cao`, `BÁO CÁO` are the same).
    pub kind: Option<String>,
    /// Words of the issuing or parent body, as a phrase, accents optional.
    pub agency: Option<String>,
    /// Earliest document date, ISO (`2021`, `2021-06`, `2021-06-15`).
    pub from: Option<String>,
    /// Latest document date, ISO; a partial date means its last day.
    pub to: Option<String>,
    /// Year of the document date.
    pub year: Option<u64>,
    /// Number of a document it cites, in any spelling.
    pub cites: Option<String>,
    /// Some money figure is at least this many đồng.
    pub min_amount: Option<u64>,
    /// Some money figure is at most this many đồng (with `min_amount`: the same figure).
    pub max_amount: Option<u64>,
}

/// One search.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    /// The query text; empty matches every document (filters still apply).
    pub query: String,
    /// Most results returned.
    pub limit: usize,
    /// Filters.
    pub filters: Filters,
    /// Whether to count the matches by kind, agency and year.
    pub facets: bool,
}

/// One matching document.
#[derive(Debug, Clone, Serialize)]
pub struct SearchHit {
    /// Canonical path of the file.
    pub path: String,
    /// The document's own number.
    pub number: Option<String>,
    /// Type word as printed.
    pub kind: Option<String>,
    /// Document date, ISO.
    pub date: Option<String>,
    /// Issuing body.
    pub agency: Option<String>,
    /// Relevance score (higher is better).
    pub score: f32,
    /// Where the query's words stand, from the original page text.
    pub snippet: Option<Snippet>,
}

/// A facet value and how many matching documents carry it.
#[derive(Debug, Clone, Serialize)]
pub struct FacetCount {
    /// The value (`BÁO CÁO`, `SỞ NGOẠI VỤ`, `2021`).
    pub value: String,
    /// Matching documents with that value.
    pub count: u64,
}

/// The values under facet `root` with their document counts, most frequent first.
pub(crate) fn facet_values(
    counts: &tantivy::collector::FacetCounts,
    root: &str,
) -> Vec<FacetCount> {
    let mut v: Vec<FacetCount> = counts
        .get(Facet::from_path([root]))
        .map(|(facet, count)| FacetCount {
            value: facet
                .to_path()
                .last()
                .map(|s| s.to_string())
                .unwrap_or_default(),
            count,
        })
        .collect();
    v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    v
}

/// Counts of the matching documents by kind, agency and year.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Facets {
    /// By type word.
    pub kind: Vec<FacetCount>,
    /// By issuing body.
    pub agency: Vec<FacetCount>,
    /// By year.
    pub year: Vec<FacetCount>,
}

/// The answer to a search.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    /// Number of matching documents (not only those returned).
    pub total: usize,
    /// The best `limit` matches, best first.
    pub hits: Vec<SearchHit>,
    /// Counts by kind, agency and year, when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub facets: Option<Facets>,
}

/// A boxed term query on a raw or tokenized field.
fn term(field: Field, text: &str, opt: IndexRecordOption) -> Box<dyn Query> {
    Box::new(TermQuery::new(Term::from_field_text(field, text), opt))
}

/// The words as one query on `field`: a term for one word, a phrase for several.
fn words_query(field: Field, keys: &[String]) -> Option<Box<dyn Query>> {
    match keys {
        [] => None,
        [one] => Some(term(field, one, IndexRecordOption::WithFreqs)),
        many => Some(Box::new(PhraseQuery::new(
            many.iter()
                .map(|k| Term::from_field_text(field, k))
                .collect(),
        ))),
    }
}

impl VanbanIndex {
    /// Builds the full-text part of a query; `None` when it has no words.
    fn text_query(&self, query: &str) -> Option<Box<dyn Query>> {
        let f = &self.fields;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut bare_words: Vec<&str> = Vec::new();
        // Text between double quotes is a phrase; the rest are single words.
        for (i, part) in query.split('"').enumerate() {
            let words: Vec<&str> = tokens(part).map(|t| t.text).collect();
            if i % 2 == 1 && words.len() > 1 {
                clauses.push((Occur::Must, self.either_keys(&words)?));
            } else {
                for w in words {
                    bare_words.push(w);
                    clauses.push((Occur::Must, self.either_keys(&[w])?));
                }
            }
        }
        if clauses.is_empty() {
            return None;
        }
        // Documents holding the unquoted words in order rank above scattered ones.
        if bare_words.len() > 1 {
            let folded: Vec<String> = bare_words.iter().map(|w| folded_key(w)).collect();
            if let Some(q) = words_query(f.body_folded, &folded) {
                clauses.push((Occur::Should, Box::new(BoostQuery::new(q, PHRASE_BOOST))));
            }
            if bare_words.iter().any(|w| has_marks(w)) {
                let exact: Vec<String> = bare_words.iter().map(|w| KeyKind::Exact.key(w)).collect();
                if let Some(q) = words_query(f.body_exact, &exact) {
                    clauses.push((
                        Occur::Should,
                        Box::new(BoostQuery::new(q, PHRASE_BOOST * EXACT_BOOST)),
                    ));
                }
            }
        }
        Some(Box::new(BooleanQuery::new(clauses)))
    }

    /// Words (one, or a phrase) matched under the folded key, plus a boosted
    /// exact-key alternative when they carry marks.
    fn either_keys(&self, words: &[&str]) -> Option<Box<dyn Query>> {
        let f = &self.fields;
        let folded: Vec<String> = words.iter().map(|w| KeyKind::Folded.key(w)).collect();
        let folded_q = words_query(f.body_folded, &folded)?;
        if !words.iter().any(|w| has_marks(w)) {
            return Some(folded_q);
        }
        let exact: Vec<String> = words.iter().map(|w| KeyKind::Exact.key(w)).collect();
        let exact_q = words_query(f.body_exact, &exact)?;
        // The exact spelling implies the folded one, so "at least one" is the folded match.
        Some(Box::new(BooleanQuery::new(vec![
            (Occur::Should, folded_q),
            (
                Occur::Should,
                Box::new(BoostQuery::new(exact_q, EXACT_BOOST)),
            ),
        ])))
    }

    /// The filter clauses; they do not score.
    fn filter_queries(&self, filters: &Filters) -> Result<Vec<Box<dyn Query>>, IndexError> {
        let f = &self.fields;
        let mut out: Vec<Box<dyn Query>> = Vec::new();
        if let Some(k) = &filters.kind {
            out.push(term(f.kind_key, &folded_key(k), IndexRecordOption::Basic));
        }
        if let Some(a) = &filters.agency {
            let keys = crate::analyzer::query_keys(KeyKind::Folded, a);
            match words_query(f.agency_text, &keys) {
                Some(q) => out.push(q),
                // No words: nothing can match an empty agency filter.
                None => out.push(Box::new(tantivy::query::EmptyQuery)),
            }
        }
        if filters.from.is_some() || filters.to.is_some() {
            let lower = match &filters.from {
                Some(s) => {
                    Bound::Included(Term::from_field_date(f.date, dates::parse_arg(s, false)?))
                }
                None => Bound::Unbounded,
            };
            let upper = match &filters.to {
                Some(s) => {
                    Bound::Included(Term::from_field_date(f.date, dates::parse_arg(s, true)?))
                }
                None => Bound::Unbounded,
            };
            out.push(Box::new(RangeQuery::new(lower, upper)));
        }
        if let Some(y) = filters.year {
            out.push(Box::new(TermQuery::new(
                Term::from_field_u64(f.year, y),
                IndexRecordOption::Basic,
            )));
        }
        if let Some(n) = &filters.cites {
            out.push(term(
                f.cites,
                &folded_doc_number(n),
                IndexRecordOption::Basic,
            ));
        }
        if filters.min_amount.is_some() || filters.max_amount.is_some() {
            let lower = filters.min_amount.map_or(Bound::Unbounded, |v| {
                Bound::Included(Term::from_field_u64(f.money, v))
            });
            let upper = filters.max_amount.map_or(Bound::Unbounded, |v| {
                Bound::Included(Term::from_field_u64(f.money, v))
            });
            out.push(Box::new(RangeQuery::new(lower, upper)));
        }
        Ok(out)
    }

    /// The query a request stands for.
    fn request_query(&self, req: &SearchRequest) -> Result<Box<dyn Query>, IndexError> {
        self.matching_query(&req.query, &req.filters)
    }

    /// The documents matching `query` (words, "phrases"; empty: all) and
    /// every filter: shared by search and export so both select the same set.
    pub(crate) fn matching_query(
        &self,
        query: &str,
        filters: &Filters,
    ) -> Result<Box<dyn Query>, IndexError> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if let Some(q) = self.text_query(query) {
            clauses.push((Occur::Must, q));
        }
        for q in self.filter_queries(filters)? {
            clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(q, 0.0))));
        }
        Ok(if clauses.is_empty() {
            Box::new(AllQuery)
        } else {
            Box::new(BooleanQuery::new(clauses))
        })
    }

    /// Runs a search.
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResults, IndexError> {
        let searcher = self.searcher()?;
        let query = self.request_query(req)?;
        let mut facet_collector = FacetCollector::for_field("facets");
        for root in [FACET_KIND, FACET_AGENCY, FACET_YEAR] {
            facet_collector.add_facet(Facet::from_path([root]));
        }
        let top = TopDocs::with_limit(req.limit.max(1)).order_by_score();
        let (top_docs, total, facet_counts) = if req.facets {
            let (t, c, fc) = searcher.search(&query, &(top, Count, facet_collector))?;
            (t, c, Some(fc))
        } else {
            let (t, c) = searcher.search(&query, &(top, Count))?;
            (t, c, None)
        };
        let words = QueryWords::new(&req.query);
        let mut hits = Vec::new();
        for (score, addr) in top_docs.into_iter().take(req.limit) {
            let doc = self.doc(&searcher, addr)?;
            let record = self.record(&doc)?;
            let f = &self.fields;
            hits.push(SearchHit {
                path: self.text(&doc, f.path).unwrap_or_default(),
                number: self.text(&doc, f.number),
                kind: self.text(&doc, f.kind),
                date: self.text(&doc, f.date_text),
                agency: self.text(&doc, f.agency),
                score,
                snippet: best_snippet(&record.text, &words, SNIPPET_WIDTH),
            });
        }
        let facets = facet_counts.map(|fc| {
            let get = |root: &str| facet_values(&fc, root);
            Facets {
                kind: get(FACET_KIND),
                agency: get(FACET_AGENCY),
                year: get(FACET_YEAR),
            }
        });
        Ok(SearchResults {
            total,
            hits,
            facets,
        })
    }
}
