//! The search parameters shared by the API and the search page, checked
//! once: every filter `vanban search` takes, paging and order.

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use vanban_index::{Filters, SearchRequest, SortBy};

use crate::error::ApiError;
use crate::MAX_QUERY_CHARS;

/// Most results on one page.
pub const MAX_PER_PAGE: usize = 100;
/// Results on a page unless `per_page` says otherwise.
pub const DEFAULT_PER_PAGE: usize = 20;
/// Deepest result reachable by paging (page × per_page).
pub const MAX_DEPTH: usize = 10_000;

/// Search parameters, as strings so each bad value gets its own 400 message.
/// Empty values (an empty form field) count as absent.
#[derive(Debug, Clone, Default, Deserialize, Serialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// Words, accents optional; `"quoted words"` as a phrase; empty lists what the filters select.
    pub q: Option<String>,
    /// Type word (`báo cáo`, `bao cao`).
    pub kind: Option<String>,
    /// Words of the issuing or parent body.
    pub agency: Option<String>,
    /// Earliest document date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub from: Option<String>,
    /// Latest document date; a partial date means its last day.
    pub to: Option<String>,
    /// Year of the document date.
    pub year: Option<String>,
    /// A cited number, in any spelling (`55/2011/ND-CP`).
    pub cites: Option<String>,
    /// Some money figure at least this (đồng; `1.000.000`, `1,5 tỷ`, `450 triệu`).
    pub min_amount: Option<String>,
    /// Some money figure at most this.
    pub max_amount: Option<String>,
    /// `true`: only scans waiting for OCR.
    pub needs_ocr: Option<String>,
    /// `true`: only documents with OCRed pages.
    pub ocr_only: Option<String>,
    /// `true`: count the matches by kind, agency and year.
    pub facets: Option<String>,
    /// `true`: every file, not one per logical document.
    pub all_files: Option<String>,
    /// `score` (default), `date_desc` or `date_asc`.
    pub sort: Option<String>,
    /// 1-based page of results.
    pub page: Option<String>,
    /// Results per page (1–100, default 20).
    pub per_page: Option<String>,
}

/// A checked search.
#[derive(Debug, Clone)]
pub struct CheckedSearch {
    /// The request for the index (its `limit` is the page size).
    pub request: SearchRequest,
    /// Order.
    pub sort: SortBy,
    /// 1-based page.
    pub page: usize,
    /// Results per page.
    pub per_page: usize,
}

/// The order parameter's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SortParam {
    /// Best match first.
    Score,
    /// Newest first.
    DateDesc,
    /// Oldest first.
    DateAsc,
}

impl SortParam {
    /// From the index's order.
    pub fn of(sort: SortBy) -> SortParam {
        match sort {
            SortBy::Score => SortParam::Score,
            SortBy::DateDesc => SortParam::DateDesc,
            SortBy::DateAsc => SortParam::DateAsc,
        }
    }
}

/// `Some(trimmed)` unless absent or blank.
fn given(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// A yes/no parameter.
fn flag(name: &str, v: &Option<String>) -> Result<bool, ApiError> {
    match given(v) {
        None => Ok(false),
        Some("true" | "1" | "on" | "yes") => Ok(true),
        Some("false" | "0" | "off" | "no") => Ok(false),
        Some(other) => Err(ApiError::bad(&format!(
            "{name}={other:?}: expected true or false"
        ))),
    }
}

/// A positive whole number within `1..=max`.
fn number(name: &str, v: &Option<String>, default: usize, max: usize) -> Result<usize, ApiError> {
    match given(v) {
        None => Ok(default),
        Some(s) => match s.parse::<usize>() {
            Ok(n) if (1..=max).contains(&n) => Ok(n),
            _ => Err(ApiError::bad(&format!(
                "{name}={s:?}: expected a whole number from 1 to {max}"
            ))),
        },
    }
}

/// A money bound as analysts type it.
fn amount(name: &str, v: &Option<String>) -> Result<Option<i64>, ApiError> {
    given(v)
        .map(|s| vanban_index::parse_amount(s).map_err(|e| ApiError::bad(&format!("{name}: {e}"))))
        .transpose()
}

/// An ISO date or partial date (`2021`, `2021-06`, `2021-06-15`).
fn date(name: &str, v: &Option<String>) -> Result<Option<String>, ApiError> {
    let Some(s) = given(v) else {
        return Ok(None);
    };
    let parts: Vec<&str> = s.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    let shaped = match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2),
        [y, m, d] => digits(y, 4) && digits(m, 2) && digits(d, 2),
        _ => false,
    };
    if !shaped {
        return Err(ApiError::bad(&format!(
            "{name}={s:?}: expected YYYY, YYYY-MM or YYYY-MM-DD"
        )));
    }
    Ok(Some(s.to_string()))
}

/// A free-text parameter, within the length limit (413 beyond it).
fn text(name: &str, v: &Option<String>) -> Result<Option<String>, ApiError> {
    match given(v) {
        None => Ok(None),
        Some(s) if s.chars().count() > MAX_QUERY_CHARS => Err(ApiError::new(
            axum::http::StatusCode::PAYLOAD_TOO_LARGE,
            "query_too_long",
            &format!("{name} is longer than {MAX_QUERY_CHARS} characters"),
        )),
        Some(s) => Ok(Some(s.to_string())),
    }
}

impl SearchParams {
    /// Checks every parameter; the first bad one is a 400 (413 for over-long text).
    pub fn check(&self) -> Result<CheckedSearch, ApiError> {
        let year = match given(&self.year) {
            None => None,
            Some(s) => match s.parse::<u64>() {
                Ok(y) if (1..=9999).contains(&y) => Some(y),
                _ => {
                    return Err(ApiError::bad(&format!(
                        "year={s:?}: expected a year such as 2021"
                    )))
                }
            },
        };
        let min_amount = amount("min_amount", &self.min_amount)?;
        let max_amount = amount("max_amount", &self.max_amount)?;
        if let (Some(lo), Some(hi)) = (min_amount, max_amount) {
            if lo > hi {
                return Err(ApiError::bad("min_amount is larger than max_amount"));
            }
        }
        let sort = match given(&self.sort) {
            None | Some("score") => SortBy::Score,
            Some("date_desc" | "date") => SortBy::DateDesc,
            Some("date_asc") => SortBy::DateAsc,
            Some(other) => {
                return Err(ApiError::bad(&format!(
                    "sort={other:?}: expected score, date_desc or date_asc"
                )))
            }
        };
        let per_page = number("per_page", &self.per_page, DEFAULT_PER_PAGE, MAX_PER_PAGE)?;
        let page = number("page", &self.page, 1, MAX_DEPTH)?;
        if (page - 1) * per_page >= MAX_DEPTH {
            return Err(ApiError::bad(&format!(
                "page {page} is past the first {MAX_DEPTH} results: narrow the search"
            )));
        }
        let filters = Filters {
            kind: text("kind", &self.kind)?,
            agency: text("agency", &self.agency)?,
            from: date("from", &self.from)?,
            to: date("to", &self.to)?,
            year,
            cites: text("cites", &self.cites)?,
            min_amount,
            max_amount,
            needs_ocr: flag("needs_ocr", &self.needs_ocr)?,
            ocr_only: flag("ocr_only", &self.ocr_only)?,
        };
        Ok(CheckedSearch {
            request: SearchRequest {
                query: text("q", &self.q)?.unwrap_or_default(),
                limit: per_page,
                filters,
                facets: flag("facets", &self.facets)?,
                all_files: flag("all_files", &self.all_files)?,
            },
            sort,
            page,
            per_page,
        })
    }

    /// The given parameters as name/value pairs, in a fixed order.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let all = [
            ("q", &self.q),
            ("kind", &self.kind),
            ("agency", &self.agency),
            ("year", &self.year),
            ("from", &self.from),
            ("to", &self.to),
            ("cites", &self.cites),
            ("min_amount", &self.min_amount),
            ("max_amount", &self.max_amount),
            ("needs_ocr", &self.needs_ocr),
            ("ocr_only", &self.ocr_only),
            ("all_files", &self.all_files),
            ("sort", &self.sort),
            ("per_page", &self.per_page),
            ("page", &self.page),
        ];
        all.into_iter()
            .filter_map(|(k, v)| given(v).map(|v| (k, v.to_string())))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &str) -> SearchParams {
        serde_urlencoded::from_str(pairs).unwrap()
    }

    #[test]
    fn good_parameters_become_a_request() {
        let c = params("q=cai+cach&kind=b%C3%A1o+c%C3%A1o&year=2021&min_amount=1%2C5+t%E1%BB%B7&sort=date_desc&page=2&per_page=10&facets=true")
            .check()
            .unwrap();
        assert_eq!(c.request.query, "cai cach");
        assert_eq!(c.request.filters.kind.as_deref(), Some("báo cáo"));
        assert_eq!(c.request.filters.year, Some(2021));
        assert_eq!(c.request.filters.min_amount, Some(1_500_000_000));
        assert_eq!((c.sort, c.page, c.per_page), (SortBy::DateDesc, 2, 10));
        assert!(c.request.facets);
        // Blank form fields are absent.
        let c = params("q=&kind=&from=&page=").check().unwrap();
        assert_eq!(c.request.query, "");
        assert!(c.request.filters.kind.is_none() && c.page == 1);
    }

    #[test]
    fn bad_parameters_are_400_and_long_text_413() {
        for bad in [
            "year=abc",
            "year=0",
            "from=2021-6",
            "to=21/06/2021",
            "min_amount=nhi%E1%BB%81u",
            "min_amount=5&max_amount=1",
            "sort=random",
            "page=0",
            "per_page=1000",
            "page=1000&per_page=100",
            "facets=maybe",
        ] {
            let e = params(bad).check().unwrap_err();
            assert_eq!(e.status.as_u16(), 400, "{bad}: {}", e.message);
        }
        let long = format!("q={}", "a".repeat(MAX_QUERY_CHARS + 1));
        assert_eq!(params(&long).check().unwrap_err().status.as_u16(), 413);
        // Unknown names are refused by the extractor (a typo is not silently ignored).
        assert!(serde_urlencoded::from_str::<SearchParams>("agnecy=x").is_err());
    }

    #[test]
    fn links_keep_the_given_parameters_only() {
        let p = params("q=ng%C3%A2n+s%C3%A1ch&kind=&year=2021");
        assert_eq!(
            serde_urlencoded::to_string(p.pairs()).unwrap(),
            "q=ng%C3%A2n+s%C3%A1ch&year=2021"
        );
    }
}
