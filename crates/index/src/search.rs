//! `vanban search`: Vietnamese-aware full text with structured filters.
//!
//! Every word must match under its folded key; in a query typed with marks a
//! word also scores (boosted) under its exact key. BM25 picks the best few
//! hundred candidates; a second pass reranks them by where the words stand
//! (side by side as typed, side by side folded, near, scattered: see
//! [`crate::rescore`]). Quoted text is a phrase. Filters narrow the matches
//! without changing their scores. Renderings of one report are one hit.

use std::ops::Bound;

use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;
use tantivy::collector::{DocSetCollector, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query, RangeQuery,
    TermQuery,
};
use tantivy::schema::{Facet, Field, IndexRecordOption};
use tantivy::{DocAddress, Searcher, Term};
use vanban_text::{folded_doc_number, folded_key, tokens};

use crate::analyzer::{has_marks, KeyKind};
use crate::dates;
use crate::error::IndexError;
use crate::rescore::{rescore, QueryTerm, RESCORE_DEPTH};
use crate::snippet::{best_snippet, QueryWords, Snippet};
use crate::store::VanbanIndex;
use crate::tally::Tally;

/// Extra weight of a match under the exact (diacritic-sensitive) key.
const EXACT_BOOST: f32 = 2.0;
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
    /// Some money figure is at least this many đồng (signed: a fall of 1.740 đồng is −1740).
    pub min_amount: Option<i64>,
    /// Some money figure is at most this many đồng (with `min_amount`: the same figure).
    pub max_amount: Option<i64>,
    /// Only scans without a text layer (documents waiting for OCR).
    pub needs_ocr: bool,
    /// Only documents with some page read by OCR.
    pub ocr_only: bool,
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
    /// Every file, not one per logical document (renderings of one report
    /// as DOCX, PDF, TXT are otherwise one hit listing its files).
    pub all_files: bool,
}

/// How search results are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SortBy {
    /// Best match first (BM25, then where the words stand).
    #[default]
    Score,
    /// Newest document date first; undated documents last.
    DateDesc,
    /// Oldest document date first; undated documents last.
    DateAsc,
}

/// One matching document.
#[derive(Debug, Clone, Serialize)]
pub struct SearchHit {
    /// Canonical path of the best-matching file.
    pub path: String,
    /// Every file of the logical document (renderings), sorted; `path` among them.
    pub files: Vec<String>,
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
    /// True when some page of the file was read by OCR.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub ocr: bool,
    /// When the snippet's page was read by OCR: its mean word confidence, 0–100.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ocr_confidence: Option<f32>,
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
    /// Number of matching logical documents (files with `all_files`), not only those returned.
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

/// Whether the query holds a quoted phrase of two words or more.
fn has_phrase(query: &str) -> bool {
    query
        .split('"')
        .enumerate()
        .any(|(i, part)| i % 2 == 1 && tokens(part).nth(1).is_some())
}

/// How many candidates the first ranking pass takes: the rescoring depth
/// when the query has words to place, plus extra candidates standing in
/// for the other files of shown documents.
fn first_depth(terms: &[QueryTerm], sort: SortBy, wanted: usize) -> usize {
    if terms.is_empty() || sort != SortBy::Score {
        wanted + 16
    } else {
        RESCORE_DEPTH.max(wanted + 16)
    }
}

/// A query's full-text part: what must match, and the syllables in order
/// for the rescoring pass.
struct TextQuery {
    query: Box<dyn Query>,
    terms: Vec<QueryTerm>,
}

impl VanbanIndex {
    /// Builds the full-text part of a query; `None` when it has no words.
    ///
    /// Only what must match is in the query: every word under its folded key
    /// (with a boosted alternative under its exact key when the query has
    /// marks), and quoted phrases. How close the words stand is scored
    /// afterwards on the best candidates only ([`rescore`]).
    ///
    /// With `scoring` false the query only selects: the exact-key
    /// alternatives are left out, as the exact spelling implies the folded
    /// one, so the same documents match without a second phrase or term to
    /// check on each (what counting totals and facets, and export, need).
    fn text_query(&self, query: &str, scoring: bool) -> Option<TextQuery> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let all_words: Vec<&str> = tokens(query).map(|t| t.text).collect();
        let marked = scoring && all_words.iter().any(|w| has_marks(w));
        // Text between double quotes is a phrase; the rest are single words.
        for (i, part) in query.split('"').enumerate() {
            let words: Vec<&str> = tokens(part).map(|t| t.text).collect();
            if i % 2 == 1 && words.len() > 1 {
                clauses.push((Occur::Must, self.either_keys(&words, marked)?));
            } else {
                for w in words {
                    clauses.push((Occur::Must, self.either_keys(&[w], marked)?));
                }
            }
        }
        if clauses.is_empty() {
            return None;
        }
        Some(TextQuery {
            query: Box::new(BooleanQuery::new(clauses)),
            terms: QueryTerm::all(&all_words),
        })
    }

    /// Words (one, or a phrase) matched under the folded key, plus a boosted
    /// exact-key alternative when the query was typed with marks.
    fn either_keys(&self, words: &[&str], marked: bool) -> Option<Box<dyn Query>> {
        let f = &self.fields;
        let folded: Vec<String> = words.iter().map(|w| KeyKind::Folded.key(w)).collect();
        let folded_q = words_query(f.body_folded, &folded)?;
        let exact: Vec<String> = words.iter().map(|w| KeyKind::Exact.key(w)).collect();
        if !marked || exact == folded {
            return Some(folded_q);
        }
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
                Bound::Included(Term::from_field_i64(f.money, v))
            });
            let upper = filters.max_amount.map_or(Bound::Unbounded, |v| {
                Bound::Included(Term::from_field_i64(f.money, v))
            });
            out.push(Box::new(RangeQuery::new(lower, upper)));
        }
        if filters.needs_ocr {
            out.push(Box::new(TermQuery::new(
                Term::from_field_bool(f.needs_ocr, true),
                IndexRecordOption::Basic,
            )));
        }
        if filters.ocr_only {
            out.push(Box::new(TermQuery::new(
                Term::from_field_bool(f.ocr, true),
                IndexRecordOption::Basic,
            )));
        }
        Ok(out)
    }

    /// The documents matching `query` (words, "phrases"; empty: all) and
    /// every filter: shared by search and export so both select the same set.
    pub(crate) fn matching_query(
        &self,
        query: &str,
        filters: &Filters,
    ) -> Result<Box<dyn Query>, IndexError> {
        Ok(self.matching(query, filters, false)?.0)
    }

    /// [`Self::matching_query`] and the query's syllables in order; scored
    /// (with the exact-key boosts) when `scoring`.
    fn matching(
        &self,
        query: &str,
        filters: &Filters,
        scoring: bool,
    ) -> Result<(Box<dyn Query>, Vec<QueryTerm>), IndexError> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut terms = Vec::new();
        if let Some(t) = self.text_query(query, scoring) {
            clauses.push((Occur::Must, t.query));
            terms = t.terms;
        }
        for q in self.filter_queries(filters)? {
            clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(q, 0.0))));
        }
        let q: Box<dyn Query> = match clauses.len() {
            0 => Box::new(AllQuery),
            // A lone text query keeps its own scorer, which prunes with block-max WAND.
            1 if !terms.is_empty() => clauses.remove(0).1,
            _ => Box::new(BooleanQuery::new(clauses)),
        };
        Ok((q, terms))
    }

    /// Runs a search.
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResults, IndexError> {
        self.search_page(req, SortBy::Score, 0)
    }

    /// Runs a search ordered by `sort`, returning `req.limit` hits after
    /// skipping the first `offset` (paging); `total` and facets count them all.
    pub fn search_page(
        &self,
        req: &SearchRequest,
        sort: SortBy,
        offset: usize,
    ) -> Result<SearchResults, IndexError> {
        let searcher = self.searcher()?;
        let (query, terms) = self.matching(&req.query, &req.filters, true)?;
        let groups = if req.all_files {
            Groups::default()
        } else {
            Groups::of(&searcher, &self.fields)?
        };

        // Totals and facets without scores.
        let tally = Tally {
            multi: groups.multi.clone(),
            facets: req.facets,
        };
        let wanted = offset.saturating_add(req.limit);
        let (tallied, first) = if has_phrase(&req.query) && sort == SortBy::Score && req.limit > 0 {
            // A phrase is checked against every document holding its words,
            // and that is most of such a search: one pass counts and ranks.
            let top = TopDocs::with_limit(first_depth(&terms, sort, wanted)).order_by_score();
            let (top, tallied) = searcher.search(&query, &(top, tally))?;
            (tallied, Some(top))
        } else {
            // Counting needs no scores: the cheaper query selecting the same documents.
            let (selecting, _) = self.matching(&req.query, &req.filters, false)?;
            (searcher.search(&selecting, &tally)?, None)
        };
        let total = tallied.total();
        let hits = if req.limit == 0 {
            Vec::new()
        } else {
            self.top_hits(
                &searcher, &*query, &terms, &groups, req, sort, offset, first,
            )?
        };
        let facets = req.facets.then(|| tallied.facets());
        Ok(SearchResults {
            total,
            hits,
            facets,
        })
    }

    /// The best `req.limit` documents after the first `offset`: BM25
    /// candidates reranked by where the words stand (or ordered by date), one
    /// file per logical document unless `all_files`. `first`: the BM25
    /// candidates at [`first_depth`] when a combined pass already has them.
    #[allow(clippy::too_many_arguments)]
    fn top_hits(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
        terms: &[QueryTerm],
        groups: &Groups,
        req: &SearchRequest,
        sort: SortBy,
        offset: usize,
        mut first: Option<Vec<(f32, DocAddress)>>,
    ) -> Result<Vec<SearchHit>, IndexError> {
        let f = &self.fields;
        let wanted = offset.saturating_add(req.limit);
        let mut depth = first_depth(terms, sort, wanted);
        let ranked = loop {
            let (ranked, exhausted) = match sort {
                SortBy::Score => {
                    let candidates = match first.take() {
                        Some(c) => c,
                        None => {
                            searcher.search(query, &TopDocs::with_limit(depth).order_by_score())?
                        }
                    };
                    let exhausted = candidates.len() < depth;
                    if terms.is_empty() {
                        (candidates, exhausted)
                    } else {
                        let ranked =
                            rescore(searcher, f.body_folded, f.body_exact, terms, candidates)?;
                        (ranked, exhausted)
                    }
                }
                SortBy::DateDesc | SortBy::DateAsc => {
                    let order = if sort == SortBy::DateDesc {
                        tantivy::Order::Desc
                    } else {
                        tantivy::Order::Asc
                    };
                    let mut by_date: Vec<(Option<tantivy::DateTime>, DocAddress)> = searcher
                        .search(
                            query,
                            &TopDocs::with_limit(depth).order_by_fast_field("date", order),
                        )?;
                    let exhausted = by_date.len() < depth;
                    // Undated documents last whichever the direction.
                    by_date.sort_by_key(|(d, _)| d.is_none());
                    let ranked = by_date.into_iter().map(|(_, a)| (0.0, a)).collect();
                    (ranked, exhausted)
                }
            };
            let shown = self.one_per_group(searcher, ranked, groups, wanted)?;
            if shown.len() >= wanted || exhausted {
                break shown;
            }
            depth *= 4;
        };
        let words = QueryWords::new(&req.query);
        let mut hits = Vec::with_capacity(ranked.len().saturating_sub(offset));
        for (score, addr, group) in ranked.into_iter().skip(offset) {
            let record = self.hit_doc(searcher, addr)?;
            let path = record.path.clone();
            let files = match group.filter(|g| groups.multi.contains(g)) {
                Some(g) => self.group_files(searcher, g)?,
                None => vec![path.clone()],
            };
            let snippet = best_snippet(&record.text, &words, SNIPPET_WIDTH);
            let ocr_pages = record.ocr.as_ref().map(|o| o.pages.as_slice());
            let ocr_confidence = snippet.as_ref().and_then(|s| {
                ocr_pages?
                    .iter()
                    .find(|p| p.page == s.page)
                    .map(|p| p.mean_confidence)
            });
            hits.push(SearchHit {
                path,
                files,
                number: record.number,
                kind: record.kind,
                date: record.date,
                agency: record.agency,
                score,
                snippet,
                ocr: ocr_pages.is_some(),
                ocr_confidence,
            });
        }
        Ok(hits)
    }

    /// The first `limit` of `ranked`, keeping the best file of each logical document.
    fn one_per_group(
        &self,
        searcher: &Searcher,
        ranked: Vec<(f32, DocAddress)>,
        groups: &Groups,
        limit: usize,
    ) -> Result<Vec<(f32, DocAddress, Option<u64>)>, IndexError> {
        let mut out = Vec::with_capacity(limit);
        let mut seen: FxHashSet<u64> = FxHashSet::default();
        let mut columns: FxHashMap<u32, Option<tantivy::columnar::Column<u64>>> =
            FxHashMap::default();
        for (score, addr) in ranked {
            if out.len() >= limit {
                break;
            }
            let col = match columns.entry(addr.segment_ord) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(e) => e.insert(
                    searcher
                        .segment_reader(addr.segment_ord)
                        .fast_fields()
                        .u64("group")
                        .ok(),
                ),
            };
            let group = col.as_ref().and_then(|c| c.first(addr.doc_id));
            if let Some(g) = group.filter(|g| groups.multi.contains(g)) {
                if !seen.insert(g) {
                    continue;
                }
            }
            out.push((score, addr, group));
        }
        Ok(out)
    }

    /// Every file of the logical document `group`, sorted.
    pub(crate) fn group_files(
        &self,
        searcher: &Searcher,
        group: u64,
    ) -> Result<Vec<String>, IndexError> {
        let q = TermQuery::new(
            Term::from_field_u64(self.fields.group, group),
            IndexRecordOption::Basic,
        );
        let mut out = Vec::new();
        for addr in searcher.search(&q, &DocSetCollector)? {
            let seg = searcher.segment_reader(addr.segment_ord);
            if let Some(col) = seg.fast_fields().str("path")? {
                if let Some(ord) = col.term_ords(addr.doc_id).next() {
                    let mut s = String::new();
                    if col
                        .ord_to_str(ord, &mut s)
                        .map_err(|e| IndexError::io(&self.dir, e))?
                    {
                        out.push(s);
                    }
                }
            }
        }
        out.sort();
        Ok(out)
    }
}

/// The logical documents with several files in a searcher's index.
#[derive(Debug, Default)]
pub(crate) struct Groups {
    /// Their group values; every other file is a document of its own.
    /// Shared with each segment's counter rather than copied.
    pub multi: std::sync::Arc<FxHashSet<u64>>,
}

impl Groups {
    /// The groups some file joined (few: only duplicates), read from `joined`.
    pub(crate) fn of(
        searcher: &Searcher,
        fields: &crate::schema::Fields,
    ) -> Result<Groups, IndexError> {
        let q = TermQuery::new(
            Term::from_field_bool(fields.joined, true),
            IndexRecordOption::Basic,
        );
        let mut multi = FxHashSet::default();
        let mut columns: FxHashMap<u32, Option<tantivy::columnar::Column<u64>>> =
            FxHashMap::default();
        for addr in searcher.search(&q, &DocSetCollector)? {
            let col = columns.entry(addr.segment_ord).or_insert_with(|| {
                searcher
                    .segment_reader(addr.segment_ord)
                    .fast_fields()
                    .u64("group")
                    .ok()
            });
            if let Some(g) = col.as_ref().and_then(|c| c.first(addr.doc_id)) {
                multi.insert(g);
            }
        }
        Ok(Groups {
            multi: std::sync::Arc::new(multi),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::has_phrase;

    #[test]
    fn a_phrase_is_two_quoted_words_or_more() {
        assert!(has_phrase("\"cải cách hành chính\""));
        assert!(has_phrase("báo cáo \"dự toán ngân sách\" 2021"));
        assert!(has_phrase("\"cai cach\""));
        assert!(!has_phrase("cải cách hành chính"));
        // One quoted word is a word, and an unclosed quote still quotes.
        assert!(!has_phrase("\"thanh\" tra"));
        assert!(has_phrase("\"thanh tra"));
        assert!(!has_phrase(""));
    }
}
