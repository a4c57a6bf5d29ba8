//! The JSON API, `/api/v1/…`, and its OpenAPI document.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Json, Response};
use axum::routing::get;
use axum::Router;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};
use vanban_extract::{Mention, Reference};
use vanban_index::{is_document_id, DocSummary, ExportRecord, SearchResults, VanbanIndex};

use crate::error::{ApiError, ErrorBody, Failure};
use crate::params::{SearchParams, SortParam};
use crate::AppState;

/// The API's routes.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/search", get(search))
        .route("/api/v1/documents/{id}", get(document))
        .route("/api/v1/documents/{id}/pages/{page}", get(page))
        .route("/api/v1/cites/{id}", get(cites))
        .route("/api/v1/cited-by", get(cited_by))
        .route("/api/v1/stats", get(stats))
        .route("/api/v1/openapi.json", get(openapi))
}

/// The OpenAPI document of the API, generated from the handlers and types.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "vanban API",
        description = "Search Vietnamese government reports and trace their citations, read-only."
    ),
    paths(search, document, page, cites, cited_by, stats),
    components(schemas(
        SearchResponse,
        Hit,
        HitSnippet,
        TextSpan,
        Facets,
        FacetCount,
        SortParam,
        DocumentResponse,
        PageResponse,
        PageFact,
        FactKind,
        CitesResponse,
        CitedReference,
        MentionOut,
        DocRef,
        CitedByResponse,
        Citing,
        StatsResponse,
        ErrorBody,
        crate::error::ErrorDetail
    ))
)]
pub struct OpenApiDoc;

/// A character span in a page's text.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
pub struct TextSpan {
    /// Start character offset.
    pub start: usize,
    /// End character offset (exclusive).
    pub end: usize,
}

/// Where a hit's words stand.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HitSnippet {
    /// 1-based page.
    pub page: u32,
    /// Start character offset of the snippet in the page text.
    pub start: usize,
    /// End character offset (exclusive).
    pub end: usize,
    /// The snippet as in the page text.
    pub text: String,
    /// The query's words, as character offsets in the page text.
    pub hits: Vec<TextSpan>,
}

/// One matching document.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Hit {
    /// Document id (BLAKE3 of the best-matching file): `/api/v1/documents/{id}`.
    pub id: Option<String>,
    /// Path of the best-matching file.
    pub path: String,
    /// Every file of the logical document.
    pub files: Vec<String>,
    /// The document's own number.
    pub number: Option<String>,
    /// Type word.
    pub kind: Option<String>,
    /// Document date, ISO.
    pub date: Option<String>,
    /// Issuing body.
    pub agency: Option<String>,
    /// Relevance (0 when sorted by date).
    pub score: f32,
    /// Where the words stand.
    pub snippet: Option<HitSnippet>,
}

/// A facet value and its count.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FacetCount {
    /// The value.
    pub value: String,
    /// Matching documents with it.
    pub count: u64,
}

/// Counts of the matches.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Facets {
    /// By type word.
    pub kind: Vec<FacetCount>,
    /// By issuing body.
    pub agency: Vec<FacetCount>,
    /// By year.
    pub year: Vec<FacetCount>,
}

/// The answer to a search.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SearchResponse {
    /// Matching documents (not only this page's).
    pub total: usize,
    /// 1-based page.
    pub page: usize,
    /// Results per page.
    pub per_page: usize,
    /// Order.
    pub sort: SortParam,
    /// This page's hits.
    pub hits: Vec<Hit>,
    /// Counts by kind, agency and year, when `facets=true`.
    pub facets: Option<Facets>,
}

/// A document briefly, with its id.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DocRef {
    /// Document id, when the file is in the index.
    pub id: Option<String>,
    /// Path of the file.
    pub path: String,
    /// Its own number.
    pub number: Option<String>,
    /// Type word.
    pub kind: Option<String>,
    /// Document date, ISO.
    pub date: Option<String>,
    /// Every file of the logical document.
    pub files: Vec<String>,
}

/// A document, whole: the export record (see `schemas/export-record.schema.json`)
/// with the files of its logical document and where the original is served.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DocumentResponse {
    /// The record as `vanban export` writes it: `id`, `path`, `format`, `pages`,
    /// `header`, `references`, `money`, `case_counts`, `periods`, `warnings`,
    /// `needs_ocr`, `ingested_at`, `vanban_version`.
    #[serde(flatten)]
    #[schema(value_type = Object)]
    pub record: ExportRecord,
    /// Every file of the logical document.
    pub files: Vec<String>,
    /// Where the original file is served (`#page=N` opens a PDF at a page).
    pub original_url: String,
}

/// The kind of a fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FactKind {
    /// A cited document.
    Reference,
    /// A money figure.
    Money,
    /// A count of cases.
    CaseCount,
    /// A reporting period.
    Period,
}

/// A fact standing on a page.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PageFact {
    /// What it is.
    pub kind: FactKind,
    /// Its position in the document's list of that kind (0-based).
    pub index: usize,
    /// For a reference: which mention (0-based).
    pub mention: Option<usize>,
    /// Start character offset in the page text.
    pub start: usize,
    /// End character offset (exclusive).
    pub end: usize,
    /// The fact in short (`55/2011/NĐ-CP`, `1.500.000.000 đồng`).
    pub label: String,
    /// As printed.
    pub raw: String,
    /// The sentence it stands in.
    pub sentence: String,
}

/// One page of a document.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PageResponse {
    /// Document id.
    pub id: String,
    /// 1-based page.
    pub page: u32,
    /// Pages in the document.
    pub pages: usize,
    /// The page text (after repair); spans index its characters.
    pub text: String,
    /// The facts on this page, by start.
    pub facts: Vec<PageFact>,
    /// Where the words of `q` stand on this page.
    pub hits: Vec<TextSpan>,
}

/// A mention of a cited document.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MentionOut {
    /// As printed.
    pub raw: String,
    /// 1-based page.
    pub page: u32,
    /// Start character offset in the page text.
    pub start: usize,
    /// End character offset.
    pub end: usize,
    /// The sentence.
    pub sentence: String,
}

/// A document cited, with where it is ingested.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CitedReference {
    /// Type word.
    pub kind: String,
    /// Canonical number.
    pub number: String,
    /// As first printed.
    pub raw: String,
    /// Its date, ISO, when given.
    pub date: Option<String>,
    /// Its issuer, when known.
    pub issuer: Option<String>,
    /// True when the number is incomplete (no year or code).
    pub partial: bool,
    /// Every mention.
    pub mentions: Vec<MentionOut>,
    /// Ingested documents with that number.
    pub ingested: Vec<DocRef>,
}

/// What a document cites.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CitesResponse {
    /// The citing document.
    pub document: DocRef,
    /// Its references, in order of first mention.
    pub references: Vec<CitedReference>,
}

/// A document citing the number.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Citing {
    /// The citing document.
    pub document: DocRef,
    /// Its mentions of the number.
    pub mentions: Vec<MentionOut>,
}

/// Who cites a number.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CitedByResponse {
    /// The number as asked.
    pub number: String,
    /// Ingested documents with that number.
    pub ingested: Vec<DocRef>,
    /// Documents citing it, by path.
    pub citing: Vec<Citing>,
}

/// What the index holds.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StatsResponse {
    /// As `vanban stats --json`: documents, files, needs_ocr, by_kind,
    /// by_agency, by_year, by_cited_issuer, top_cited, money_by_year, undated.
    #[serde(flatten)]
    #[schema(value_type = Object)]
    pub stats: vanban_index::Stats,
    /// Money figures (amounts) by issuing body: agency, documents, totals {figures, min, max, median}.
    #[schema(value_type = Vec<Object>)]
    pub money_by_agency: Vec<vanban_index::AgencyMoney>,
}

/// `?q=` of a page.
#[derive(Debug, Clone, Default, Deserialize, Serialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// Words to locate on the page.
    pub q: Option<String>,
}

/// `?number=` of cited-by.
#[derive(Debug, Clone, Default, Deserialize, Serialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct CitedByParams {
    /// The number, in any spelling (`55/2011/NĐ-CP`, `55/2011/ND-CP`).
    pub number: Option<String>,
}

/// A query string that does not parse as the endpoint's parameters: 400.
pub(crate) fn rejected(e: QueryRejection) -> ApiError {
    ApiError::bad(&e.body_text())
}

/// Most agencies the budget view lists.
pub(crate) const BUDGET_AGENCIES: usize = 20;

fn doc_refs(index: &VanbanIndex, docs: Vec<DocSummary>) -> Result<Vec<DocRef>, Failure> {
    let paths: Vec<String> = docs.iter().map(|d| d.path.clone()).collect();
    let ids = index.ids_of_paths(&paths)?;
    Ok(docs
        .into_iter()
        .zip(ids)
        .map(|(d, id)| DocRef {
            id,
            path: d.path,
            number: d.number,
            kind: d.kind,
            date: d.date,
            files: d.files,
        })
        .collect())
}

fn mentions(mentions: Vec<Mention>) -> Vec<MentionOut> {
    mentions
        .into_iter()
        .map(|m| MentionOut {
            raw: m.raw,
            page: m.evidence.page,
            start: m.evidence.start,
            end: m.evidence.end,
            sentence: m.evidence.sentence,
        })
        .collect()
}

fn hits(index: &VanbanIndex, results: SearchResults) -> Result<Vec<Hit>, Failure> {
    let paths: Vec<String> = results.hits.iter().map(|h| h.path.clone()).collect();
    let ids = index.ids_of_paths(&paths)?;
    Ok(results
        .hits
        .into_iter()
        .zip(ids)
        .map(|(h, id)| Hit {
            id,
            path: h.path,
            files: h.files,
            number: h.number,
            kind: h.kind,
            date: h.date,
            agency: h.agency,
            score: h.score,
            snippet: h.snippet.map(|s| HitSnippet {
                page: s.page,
                start: s.start,
                end: s.end,
                text: s.text,
                hits: s
                    .hits
                    .into_iter()
                    .map(|h| TextSpan {
                        start: h.start,
                        end: h.end,
                    })
                    .collect(),
            }),
        })
        .collect())
}

fn facet_counts(v: Vec<vanban_index::FacetCount>) -> Vec<FacetCount> {
    v.into_iter()
        .map(|c| FacetCount {
            value: c.value,
            count: c.count,
        })
        .collect()
}

/// Runs a search (API and page).
pub(crate) async fn run_search(
    state: &AppState,
    params: &SearchParams,
) -> Result<SearchResponse, ApiError> {
    let checked = params.check()?;
    state
        .read(move |index| {
            let offset = (checked.page - 1) * checked.per_page;
            let results = index.search_page(&checked.request, checked.sort, offset)?;
            let total = results.total;
            let facets = results.facets.clone().map(|f| Facets {
                kind: facet_counts(f.kind),
                agency: facet_counts(f.agency),
                year: facet_counts(f.year),
            });
            Ok(SearchResponse {
                total,
                page: checked.page,
                per_page: checked.per_page,
                sort: SortParam::of(checked.sort),
                hits: hits(index, results)?,
                facets,
            })
        })
        .await
}

/// Checks the shape of an id before it reaches the index (404 otherwise).
fn checked_id(id: &str) -> Result<String, ApiError> {
    let id = id.to_ascii_lowercase();
    if is_document_id(&id) {
        Ok(id)
    } else {
        Err(ApiError::not_found(
            "no document with this id (ids are 64 hexadecimal digits)",
        ))
    }
}

/// One document whole, with its page texts (API and page).
pub(crate) async fn load_document(
    state: &AppState,
    id: &str,
) -> Result<vanban_index::DocumentView, ApiError> {
    let id = checked_id(id)?;
    state
        .read(move |index| match index.document(&id) {
            Err(vanban_index::IndexError::NotFound(_)) => {
                Err(ApiError::not_found(&format!("no document with id {id} in the index")).into())
            }
            other => Ok(other?),
        })
        .await
}

/// The facts standing on `page` (1-based), by start.
pub(crate) fn page_facts(record: &ExportRecord, page: u32) -> Vec<PageFact> {
    let facts = &record.facts;
    let mut out = Vec::new();
    for (i, r) in facts.references.iter().enumerate() {
        for (j, m) in r.mentions.iter().enumerate() {
            if m.evidence.page == page {
                out.push(PageFact {
                    kind: FactKind::Reference,
                    index: i,
                    mention: Some(j),
                    start: m.evidence.start,
                    end: m.evidence.end,
                    label: reference_label(r),
                    raw: m.raw.clone(),
                    sentence: m.evidence.sentence.clone(),
                });
            }
        }
    }
    for (i, m) in facts.money.iter().enumerate() {
        if m.evidence.page == page {
            let label = match m.vnd {
                Some(v) => format!("{} đồng", crate::html::thousands(v)),
                None => format!("{} {}", m.amount, m.currency),
            };
            out.push(fact(FactKind::Money, i, &m.evidence, label, &m.raw));
        }
    }
    for (i, c) in facts.case_counts.iter().enumerate() {
        if c.evidence.page == page {
            let label = format!("{} {}", c.value, c.unit);
            out.push(fact(FactKind::CaseCount, i, &c.evidence, label, &c.raw));
        }
    }
    for (i, p) in facts.periods.iter().enumerate() {
        if p.evidence.page == page {
            let label = format!("{} → {}", p.start, p.end);
            out.push(fact(FactKind::Period, i, &p.evidence, label, &p.raw));
        }
    }
    out.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
    out
}

fn reference_label(r: &Reference) -> String {
    if r.kind.is_empty() {
        r.number.clone()
    } else {
        format!("{} {}", r.kind, r.number)
    }
}

fn fact(
    kind: FactKind,
    index: usize,
    e: &vanban_extract::Evidence,
    label: String,
    raw: &str,
) -> PageFact {
    PageFact {
        kind,
        index,
        mention: None,
        start: e.start,
        end: e.end,
        label,
        raw: raw.to_string(),
        sentence: e.sentence.clone(),
    }
}

/// What a document cites, each cited number resolved to ingested documents.
pub(crate) async fn load_cites(state: &AppState, id: &str) -> Result<CitesResponse, ApiError> {
    let doc = load_document(state, id).await?;
    let path = doc.record.path.clone();
    state
        .read(move |index| {
            let report = index.cites(&path)?.into_iter().next().ok_or_else(|| {
                Failure::Api(ApiError::not_found(
                    "the document is no longer in the index",
                ))
            })?;
            let mut references = Vec::with_capacity(report.references.len());
            for r in report.references {
                references.push(CitedReference {
                    kind: r.reference.kind,
                    number: r.reference.number,
                    raw: r.reference.raw,
                    date: r.reference.date,
                    issuer: r.reference.issuer,
                    partial: r.reference.partial,
                    mentions: mentions(r.reference.mentions),
                    ingested: doc_refs(index, r.ingested)?,
                });
            }
            let document = doc_refs(index, vec![report.document])?
                .pop()
                .ok_or_else(|| Failure::Api(ApiError::internal()))?;
            Ok(CitesResponse {
                document,
                references,
            })
        })
        .await
}

/// Who cites `number`.
pub(crate) async fn load_cited_by(
    state: &AppState,
    number: &str,
) -> Result<CitedByResponse, ApiError> {
    let number = number.trim().to_string();
    if number.is_empty() {
        return Err(ApiError::bad("number is required (e.g. 55/2011/NĐ-CP)"));
    }
    if number.chars().count() > crate::MAX_QUERY_CHARS {
        return Err(ApiError::new(
            axum::http::StatusCode::PAYLOAD_TOO_LARGE,
            "query_too_long",
            "number is too long",
        ));
    }
    state
        .read(move |index| {
            let report = index.cited_by(&number)?;
            let mut citing = Vec::with_capacity(report.citing.len());
            for c in report.citing {
                let document = doc_refs(index, vec![c.document])?
                    .pop()
                    .ok_or_else(|| Failure::Api(ApiError::internal()))?;
                citing.push(Citing {
                    document,
                    mentions: c
                        .references
                        .into_iter()
                        .flat_map(|r| mentions(r.mentions))
                        .collect(),
                });
            }
            Ok(CitedByResponse {
                number: report.number,
                ingested: doc_refs(index, report.ingested)?,
                citing,
            })
        })
        .await
}

/// Stats and money by agency.
pub(crate) async fn load_stats(state: &AppState) -> Result<StatsResponse, ApiError> {
    state
        .read(|index| {
            Ok(StatsResponse {
                stats: index.stats()?,
                money_by_agency: index.money_by_agency(BUDGET_AGENCIES)?,
            })
        })
        .await
}

/// Search the index.
#[utoipa::path(
    get,
    path = "/api/v1/search",
    params(SearchParams),
    responses(
        (status = 200, description = "Matching documents", body = SearchResponse),
        (status = 400, description = "A bad parameter", body = ErrorBody),
        (status = 413, description = "Query text too long", body = ErrorBody),
        (status = 503, description = "Index unavailable or search too slow", body = ErrorBody)
    )
)]
async fn search(
    State(state): State<AppState>,
    params: Result<Query<SearchParams>, QueryRejection>,
) -> Result<Json<SearchResponse>, ApiError> {
    let Query(params) = params.map_err(rejected)?;
    Ok(Json(run_search(&state, &params).await?))
}

/// One document: header, facts with their spans, warnings.
#[utoipa::path(
    get,
    path = "/api/v1/documents/{id}",
    params(("id" = String, Path, description = "Document id (BLAKE3 of the file, 64 hex digits)")),
    responses(
        (status = 200, description = "The document", body = DocumentResponse),
        (status = 404, description = "No such document", body = ErrorBody),
        (status = 503, description = "Index unavailable", body = ErrorBody)
    )
)]
async fn document(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<DocumentResponse>, ApiError> {
    let view = load_document(&state, &id).await?;
    let original_url = format!("/documents/{}/original", view.record.id);
    Ok(Json(DocumentResponse {
        record: view.record,
        files: view.files,
        original_url,
    }))
}

/// One page's text, with the spans of its facts and of the query's words.
#[utoipa::path(
    get,
    path = "/api/v1/documents/{id}/pages/{page}",
    params(
        ("id" = String, Path, description = "Document id"),
        ("page" = u32, Path, description = "1-based page"),
        PageParams
    ),
    responses(
        (status = 200, description = "The page", body = PageResponse),
        (status = 400, description = "A bad parameter", body = ErrorBody),
        (status = 404, description = "No such document or page", body = ErrorBody)
    )
)]
async fn page(
    State(state): State<AppState>,
    Path((id, page)): Path<(String, String)>,
    params: Result<Query<PageParams>, QueryRejection>,
) -> Result<Json<PageResponse>, ApiError> {
    let Query(params) = params.map_err(rejected)?;
    let q = params.q.unwrap_or_default();
    if q.chars().count() > crate::MAX_QUERY_CHARS {
        return Err(ApiError::new(
            axum::http::StatusCode::PAYLOAD_TOO_LARGE,
            "query_too_long",
            "q is too long",
        ));
    }
    let view = load_document(&state, &id).await?;
    let n: u32 = page
        .parse()
        .map_err(|_| ApiError::bad(&format!("page {page:?} is not a page number")))?;
    let text = n
        .checked_sub(1)
        .and_then(|i| view.text.get(i as usize))
        .ok_or_else(|| {
            ApiError::not_found(&format!(
                "page {n} is not in the document (it has {} pages)",
                view.text.len()
            ))
        })?
        .clone();
    let hits = vanban_index::query_hits(&text, &q)
        .into_iter()
        .map(|s| TextSpan {
            start: s.start,
            end: s.end,
        })
        .collect();
    Ok(Json(PageResponse {
        id: view.record.id.clone(),
        page: n,
        pages: view.text.len(),
        facts: page_facts(&view.record, n),
        text,
        hits,
    }))
}

/// What a document cites, with every mention and the ingested documents it resolves to.
#[utoipa::path(
    get,
    path = "/api/v1/cites/{id}",
    params(("id" = String, Path, description = "Document id")),
    responses(
        (status = 200, description = "The references", body = CitesResponse),
        (status = 404, description = "No such document", body = ErrorBody)
    )
)]
async fn cites(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<CitesResponse>, ApiError> {
    Ok(Json(load_cites(&state, &id).await?))
}

/// Every ingested document citing a number, with each mention's page and sentence.
#[utoipa::path(
    get,
    path = "/api/v1/cited-by",
    params(CitedByParams),
    responses(
        (status = 200, description = "The citing documents", body = CitedByResponse),
        (status = 400, description = "No number given", body = ErrorBody)
    )
)]
async fn cited_by(
    State(state): State<AppState>,
    params: Result<Query<CitedByParams>, QueryRejection>,
) -> Result<Json<CitedByResponse>, ApiError> {
    let Query(params) = params.map_err(rejected)?;
    let number = params.number.unwrap_or_default();
    Ok(Json(load_cited_by(&state, &number).await?))
}

/// Counts by kind, agency and year; most cited; money by year and by agency.
#[utoipa::path(
    get,
    path = "/api/v1/stats",
    responses(
        (status = 200, description = "What the index holds", body = StatsResponse),
        (status = 503, description = "Index unavailable", body = ErrorBody)
    )
)]
async fn stats(State(state): State<AppState>) -> Result<Json<StatsResponse>, ApiError> {
    Ok(Json(load_stats(&state).await?))
}

async fn openapi() -> Response {
    match OpenApiDoc::openapi().to_pretty_json() {
        Ok(json) => ([(header::CONTENT_TYPE, "application/json")], json).into_response(),
        Err(_) => ApiError::internal().into_response(),
    }
}
