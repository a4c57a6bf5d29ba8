//! The web pages: search, a document, cited-by, budget; all rendered here,
//! every piece of index text escaped (see [`crate::html`]).

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde::Deserialize;

use crate::api::{
    self, CitedByParams, CitedByResponse, DocRef, FactKind, MentionOut, SearchResponse,
};
use crate::chart::{bar_chart, Bar};
use crate::error::ApiError;
use crate::html::{esc, marked_text, page, query_string, short_money, thousands, Mark, Section};
use crate::params::SearchParams;
use crate::AppState;

/// Largest original file served, in bytes.
const MAX_ORIGINAL_BYTES: u64 = 512 * 1024 * 1024;

/// The pages' routes.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(search_page))
        .route("/documents/{id}", get(document_page))
        .route("/documents/{id}/original", get(original))
        .route("/cited-by", get(cited_by_page))
        .route("/budget", get(budget_page))
}

/// 404 for any other path: JSON under `/api/`, a page elsewhere.
pub(crate) async fn not_found(uri: Uri) -> Response {
    let e = ApiError::not_found("no such page");
    if uri.path().starts_with("/api/") {
        e.into_response()
    } else {
        error_page(e)
    }
}

/// An error as a page, with its status.
fn error_page(e: ApiError) -> Response {
    let title = match e.status.as_u16() {
        400 => "Yêu cầu không hợp lệ",
        404 => "Không tìm thấy",
        413 | 414 => "Yêu cầu quá dài",
        503 => "Chưa sẵn sàng",
        _ => "Lỗi",
    };
    let body = format!(
        "<h1>{title}</h1><p class=\"error\" role=\"alert\">{}</p><p><a href=\"/\">Về trang tìm kiếm</a></p>",
        esc(&e.message)
    );
    (e.status, Html(page(title, Section::Other, &body))).into_response()
}

/// `2021-06-15` → `15/06/2021` (partial dates as given).
fn vn_date(iso: &str) -> String {
    match iso.split('-').collect::<Vec<_>>().as_slice() {
        [y, m, d] => format!("{d}/{m}/{y}"),
        [y, m] => format!("{m}/{y}"),
        _ => iso.to_string(),
    }
}

/// The file name of a path.
fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// A document's heading: type word and number, else its file name.
fn doc_title(kind: Option<&str>, number: Option<&str>, path: &str) -> String {
    match (kind, number) {
        (Some(k), Some(n)) => format!("{k} số {n}"),
        (None, Some(n)) => format!("Văn bản số {n}"),
        (Some(k), None) => format!("{k} ({})", file_name(path)),
        (None, None) => file_name(path).to_string(),
    }
}

fn doc_link(d: &DocRef, query: &str) -> String {
    let title = esc(&doc_title(d.kind.as_deref(), d.number.as_deref(), &d.path));
    match &d.id {
        Some(id) => format!("<a href=\"/documents/{}{query}\">{title}</a>", esc(id)),
        None => title,
    }
}

fn text_input(name: &str, label: &str, value: &Option<String>, hint: &str) -> String {
    format!(
        "<div class=\"field\"><label for=\"f-{name}\">{label}</label>\
         <input id=\"f-{name}\" name=\"{name}\" type=\"text\" value=\"{}\" placeholder=\"{}\" maxlength=\"500\"></div>",
        esc(value.as_deref().unwrap_or("")),
        esc(hint)
    )
}

fn search_form(p: &SearchParams) -> String {
    let sort = p.sort.as_deref().unwrap_or("score");
    let option = |value: &str, label: &str| {
        let sel = if value == sort { " selected" } else { "" };
        format!("<option value=\"{value}\"{sel}>{label}</option>")
    };
    let filtered = [
        &p.kind,
        &p.agency,
        &p.year,
        &p.from,
        &p.to,
        &p.cites,
        &p.min_amount,
        &p.max_amount,
    ]
    .iter()
    .any(|v| v.as_deref().is_some_and(|s| !s.trim().is_empty()));
    format!(
        "<form class=\"search\" role=\"search\" method=\"get\" action=\"/\">\
         <div class=\"main-field\"><label for=\"q\">Từ khóa</label>\
         <input id=\"q\" name=\"q\" type=\"search\" value=\"{q}\" maxlength=\"500\" \
         placeholder=\"ví dụ: cai cach hanh chinh (có dấu hoặc không dấu)\" \
         aria-describedby=\"q-hint\">\
         <button type=\"submit\">Tìm</button></div>\
         <p id=\"q-hint\" class=\"hint\">Mọi từ đều phải có; đặt cụm từ trong \"ngoặc kép\". Phím tắt: /</p>\
         <details class=\"filters\"{open}><summary>Lọc theo loại, cơ quan, thời gian, số tiền</summary>\
         <div class=\"grid\">{kind}{agency}{year}{from}{to}{min}{max}{cites}\
         <div class=\"field\"><label for=\"f-sort\">Sắp xếp</label><select id=\"f-sort\" name=\"sort\" data-autosubmit>\
         {o1}{o2}{o3}</select></div></div></details></form>",
        q = esc(p.q.as_deref().unwrap_or("")),
        open = if filtered { " open" } else { "" },
        kind = text_input("kind", "Loại văn bản", &p.kind, "báo cáo, quyết định…"),
        agency = text_input("agency", "Cơ quan ban hành", &p.agency, "sở tài chính…"),
        year = text_input("year", "Năm", &p.year, "2021"),
        from = text_input("from", "Từ ngày", &p.from, "2021-01-01"),
        to = text_input("to", "Đến ngày", &p.to, "2021-12"),
        min = text_input("min_amount", "Số tiền từ (đồng)", &p.min_amount, "1 tỷ"),
        max = text_input("max_amount", "Số tiền đến (đồng)", &p.max_amount, "500 triệu"),
        cites = text_input("cites", "Có trích dẫn số", &p.cites, "55/2011/NĐ-CP"),
        o1 = option("score", "Phù hợp nhất"),
        o2 = option("date_desc", "Mới nhất"),
        o3 = option("date_asc", "Cũ nhất"),
    )
}

/// The parameters with `name` set to `value` (or removed) and paging reset.
fn with(p: &SearchParams, name: &str, value: Option<&str>) -> String {
    let mut pairs: Vec<(&str, String)> = p
        .pairs()
        .into_iter()
        .filter(|(k, _)| *k != name && *k != "page")
        .collect();
    if let Some(v) = value {
        pairs.push((name, v.to_string()));
    }
    format!("/?{}", query_string(&pairs))
}

fn facet_block(p: &SearchParams, name: &str, heading: &str, counts: &[api::FacetCount]) -> String {
    let current = match name {
        "kind" => p.kind.as_deref(),
        "agency" => p.agency.as_deref(),
        _ => p.year.as_deref(),
    }
    .map(str::trim)
    .filter(|s| !s.is_empty());
    let mut out = format!(
        "<section class=\"facet\" aria-labelledby=\"facet-{name}\"><h3 id=\"facet-{name}\">{heading}</h3>"
    );
    if let Some(c) = current {
        out.push_str(&format!(
            "<p class=\"active\">Đang lọc: <strong>{}</strong> <a class=\"remove\" href=\"{}\" aria-label=\"Bỏ lọc {heading}\">✕ bỏ lọc</a></p>",
            esc(c),
            esc(&with(p, name, None))
        ));
    }
    out.push_str("<ul>");
    for c in counts.iter().take(15) {
        out.push_str(&format!(
            "<li><a class=\"facet-link\" data-facet=\"{name}\" href=\"{}\">{} <span class=\"count\">{}</span></a></li>",
            esc(&with(p, name, Some(&c.value))),
            esc(&c.value),
            c.count
        ));
    }
    if counts.is_empty() {
        out.push_str("<li class=\"none\">—</li>");
    }
    out.push_str("</ul></section>");
    out
}

fn results_html(p: &SearchParams, r: &SearchResponse) -> String {
    let q = p.q.clone().unwrap_or_default();
    let mut out = String::new();
    out.push_str("<div class=\"layout\">");
    if let Some(f) = &r.facets {
        out.push_str("<aside class=\"facets\" aria-label=\"Lọc kết quả\"><h2>Lọc kết quả</h2>");
        out.push_str(&facet_block(p, "kind", "Loại văn bản", &f.kind));
        out.push_str(&facet_block(p, "agency", "Cơ quan", &f.agency));
        out.push_str(&facet_block(p, "year", "Năm", &f.year));
        out.push_str("</aside>");
    }
    let first = (r.page - 1) * r.per_page + 1;
    out.push_str(&format!(
        "<section class=\"results\" aria-labelledby=\"results-h\"><h2 id=\"results-h\" class=\"count-line\">Tìm thấy <strong id=\"total\">{}</strong> văn bản</h2>",
        r.total
    ));
    if r.hits.is_empty() {
        out.push_str(
            "<p class=\"empty\">Không có văn bản nào khớp. Thử bỏ bớt từ hoặc bộ lọc.</p>",
        );
    }
    out.push_str(&format!("<ol class=\"hits\" start=\"{first}\">"));
    for h in &r.hits {
        let title = esc(&doc_title(h.kind.as_deref(), h.number.as_deref(), &h.path));
        let page_no = h.snippet.as_ref().map_or(1, |s| s.page);
        let link = match &h.id {
            Some(id) => {
                let qs = query_string(&[("page", page_no.to_string()), ("q", q.clone())]);
                format!(
                    "<a class=\"hit-title\" href=\"/documents/{}?{}\">{title}</a>",
                    esc(id),
                    esc(&qs)
                )
            }
            None => title,
        };
        let mut meta = Vec::new();
        if let Some(n) = &h.number {
            meta.push(format!("<span>Số: {}</span>", esc(n)));
        }
        if let Some(k) = &h.kind {
            meta.push(format!("<span>Loại: {}</span>", esc(k)));
        }
        if let Some(d) = &h.date {
            meta.push(format!(
                "<span>Ngày: <time datetime=\"{}\">{}</time></span>",
                esc(d),
                esc(&vn_date(d))
            ));
        }
        if let Some(a) = &h.agency {
            meta.push(format!("<span>Cơ quan: {}</span>", esc(a)));
        }
        let snippet = match &h.snippet {
            Some(s) => {
                let hits: Vec<(usize, usize)> = s
                    .hits
                    .iter()
                    .map(|x| {
                        (
                            x.start.saturating_sub(s.start),
                            x.end.saturating_sub(s.start),
                        )
                    })
                    .collect();
                format!(
                    "<p class=\"snippet\">…{}… <span class=\"page-no\">trang {}</span></p>",
                    marked_text(&s.text, &[], &hits),
                    s.page
                )
            }
            None => String::new(),
        };
        let files = if h.files.len() > 1 {
            format!(
                "<p class=\"files\">{} tệp: {}</p>",
                h.files.len(),
                esc(&h
                    .files
                    .iter()
                    .map(|f| file_name(f))
                    .collect::<Vec<_>>()
                    .join(", "))
            )
        } else {
            format!("<p class=\"files\">{}</p>", esc(file_name(&h.path)))
        };
        out.push_str(&format!(
            "<li class=\"hit\"><h3>{link}</h3><p class=\"meta\">{}</p>{snippet}{files}</li>",
            meta.join(" · ")
        ));
    }
    out.push_str("</ol>");
    let pages = r.total.div_ceil(r.per_page).max(1);
    if pages > 1 {
        let link = |n: usize, label: &str, rel: &str| {
            let mut pairs: Vec<(&str, String)> = p
                .pairs()
                .into_iter()
                .filter(|(k, _)| *k != "page")
                .collect();
            pairs.push(("page", n.to_string()));
            format!(
                "<a rel=\"{rel}\" href=\"/?{}\">{label}</a>",
                esc(&query_string(&pairs))
            )
        };
        out.push_str("<nav class=\"pager\" aria-label=\"Phân trang\">");
        if r.page > 1 {
            out.push_str(&link(r.page - 1, "← Trang trước", "prev"));
        }
        out.push_str(&format!(
            "<span aria-current=\"page\">Trang {} / {pages}</span>",
            r.page
        ));
        if r.page < pages {
            out.push_str(&link(r.page + 1, "Trang sau →", "next"));
        }
        out.push_str("</nav>");
    }
    out.push_str("</section></div>");
    out
}

async fn search_page(
    State(state): State<AppState>,
    params: Result<Query<SearchParams>, QueryRejection>,
) -> Response {
    let mut p = match params {
        Ok(Query(p)) => p,
        Err(e) => return error_page(api::rejected(e)),
    };
    // The page always shows facets.
    p.facets = Some("true".to_string());
    let body = match api::run_search(&state, &p).await {
        Ok(r) => format!(
            "<h1>Tìm kiếm văn bản</h1>{}{}",
            search_form(&p),
            results_html(&p, &r)
        ),
        Err(e)
            if e.status == StatusCode::BAD_REQUEST || e.status == StatusCode::PAYLOAD_TOO_LARGE =>
        {
            let msg = format!("<p class=\"error\" role=\"alert\">{}</p>", esc(&e.message));
            let html = page(
                "Tìm kiếm",
                Section::Search,
                &format!("<h1>Tìm kiếm văn bản</h1>{}{msg}", search_form(&p)),
            );
            return (e.status, Html(html)).into_response();
        }
        Err(e) => return error_page(e),
    };
    let title = match p.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        Some(q) => format!("{q} – Tìm kiếm"),
        None => "Tìm kiếm".to_string(),
    };
    Html(page(&title, Section::Search, &body)).into_response()
}

/// `?page=N&q=…` of a document page.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct DocParams {
    page: Option<String>,
    q: Option<String>,
}

fn fact_class(kind: FactKind) -> (&'static str, &'static str) {
    match kind {
        FactKind::Reference => ("fact-reference", "Trích dẫn"),
        FactKind::Money => ("fact-money", "Số tiền"),
        FactKind::CaseCount => ("fact-count", "Số lượng"),
        FactKind::Period => ("fact-period", "Thời kỳ"),
    }
}

fn mention_link(id: Option<&str>, m: &MentionOut, q: &str) -> String {
    match id {
        Some(id) => format!(
            "<a href=\"/documents/{}?{}#f-{}\">trang {}</a>",
            esc(id),
            esc(&query_string(&[
                ("page", m.page.to_string()),
                ("q", q.to_string())
            ])),
            m.start,
            m.page
        ),
        None => format!("trang {}", m.page),
    }
}

async fn document_page(
    State(state): State<AppState>,
    Path(id): Path<String>,
    params: Result<Query<DocParams>, QueryRejection>,
) -> Response {
    let p = match params {
        Ok(Query(p)) => p,
        Err(e) => return error_page(api::rejected(e)),
    };
    let q = p.q.unwrap_or_default();
    if q.chars().count() > crate::MAX_QUERY_CHARS {
        return error_page(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "query_too_long",
            "q is too long",
        ));
    }
    let view = match api::load_document(&state, &id).await {
        Ok(v) => v,
        Err(e) => return error_page(e),
    };
    let pages = view.text.len();
    let n: usize = match p.page.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => 1,
        Some(s) => match s.parse::<usize>() {
            Ok(n) if n >= 1 && n <= pages.max(1) => n,
            _ => {
                return error_page(ApiError::not_found(&format!(
                    "page {s:?} is not in the document (it has {pages} pages)"
                )))
            }
        },
    };
    let cites = api::load_cites(&state, &id).await;
    let rec = &view.record;
    let h = &rec.facts.header;
    let cited_by = match &h.number {
        Some(number) => api::load_cited_by(&state, number).await.ok(),
        None => None,
    };
    let doc_id = rec.id.clone();
    let title = doc_title(h.kind.as_deref(), h.number.as_deref(), &rec.path);
    let mut body = String::new();
    if !q.is_empty() {
        body.push_str(&format!(
            "<nav class=\"crumbs\"><a href=\"/?{}\">← Kết quả tìm kiếm “{}”</a></nav>",
            esc(&query_string(&[("q", q.clone())])),
            esc(&q)
        ));
    }
    body.push_str(&format!("<h1 id=\"doc-title\">{}</h1>", esc(&title)));
    // The header card.
    let mut rows: Vec<(&str, String)> = Vec::new();
    let mut row = |label: &'static str, v: Option<&String>| {
        if let Some(v) = v.filter(|v| !v.trim().is_empty()) {
            rows.push((label, esc(v)));
        }
    };
    row("Số, ký hiệu", h.number.as_ref());
    row("Loại văn bản", h.kind.as_ref());
    row("Cơ quan ban hành", h.agency.as_ref());
    row("Cơ quan chủ quản", h.parent_agency.as_ref());
    row("Nơi ban hành", h.place.as_ref());
    let date = h.date.as_ref().map(|d| vn_date(d));
    row("Ngày ban hành", date.as_ref());
    row("Trích yếu", h.subject.as_ref());
    row("Người ký", h.signer.as_ref());
    row("Chức vụ người ký", h.signer_title.as_ref());
    let recipients = (!h.recipients.is_empty()).then(|| h.recipients.join("; "));
    row("Nơi nhận", recipients.as_ref());
    let format_pages = format!("{} · {} trang", rec.format.to_uppercase(), rec.pages);
    row("Định dạng", Some(&format_pages));
    let files = view
        .files
        .iter()
        .map(|f| file_name(f))
        .collect::<Vec<_>>()
        .join(", ");
    row("Tệp", Some(&files));
    let dl: String = rows
        .iter()
        .map(|(k, v)| format!("<dt>{k}</dt><dd>{v}</dd>"))
        .collect();
    let anchor = if rec.format == "pdf" {
        format!("#page={n}")
    } else {
        String::new()
    };
    body.push_str(&format!(
        "<section class=\"card\" aria-labelledby=\"doc-title\"><dl>{dl}</dl>\
         <p><a class=\"original\" href=\"/documents/{}/original{anchor}\">Mở tệp gốc{}</a></p></section>",
        esc(&doc_id),
        if rec.format == "pdf" { format!(" tại trang {n}") } else { String::new() }
    ));
    if rec.needs_ocr {
        body.push_str("<p class=\"warning\" role=\"note\">Bản quét chưa nhận dạng chữ (OCR): chưa có dữ kiện.</p>");
    }
    if !rec.warnings.is_empty() {
        body.push_str("<details class=\"warnings\"><summary>Cảnh báo khi đọc tệp (");
        body.push_str(&rec.warnings.len().to_string());
        body.push_str(")</summary><ul>");
        for w in &rec.warnings {
            let at = w.page.map(|p| format!("trang {p}: ")).unwrap_or_default();
            body.push_str(&format!("<li>{}{}</li>", at, esc(&w.message)));
        }
        body.push_str("</ul></details>");
    }
    // The page text with its facts.
    let facts = api::page_facts(rec, n as u32);
    let text = view.text.get(n - 1).cloned().unwrap_or_default();
    let hits: Vec<(usize, usize)> = vanban_index::query_hits(&text, &q)
        .into_iter()
        .map(|s| (s.start, s.end))
        .collect();
    let marks: Vec<Mark> = facts
        .iter()
        .map(|f| {
            let (class, name) = fact_class(f.kind);
            Mark {
                start: f.start,
                end: f.end,
                class: format!("fact {class}"),
                id: Some(format!("f-{}", f.start)),
                title: format!("{name}: {}", f.label),
            }
        })
        .collect();
    let page_link = |k: usize, label: String| {
        let qs = query_string(&[("page", k.to_string()), ("q", q.clone())]);
        if k == n {
            format!("<span aria-current=\"page\">{label}</span>")
        } else {
            format!(
                "<a href=\"/documents/{}?{}\">{label}</a>",
                esc(&doc_id),
                esc(&qs)
            )
        }
    };
    let mut pager = String::from("<nav class=\"pages\" aria-label=\"Các trang\"><ul>");
    for k in 1..=pages {
        // Long documents: first, last and the pages around the current one.
        if pages > 15 && k != 1 && k != pages && k.abs_diff(n) > 3 {
            if k == 2 || k == pages - 1 {
                pager.push_str("<li>…</li>");
            }
            continue;
        }
        pager.push_str(&format!("<li>{}</li>", page_link(k, k.to_string())));
    }
    pager.push_str("</ul></nav>");
    body.push_str(&format!(
        "<div class=\"doc-layout\"><section class=\"pagetext\" aria-labelledby=\"page-h\">\
         <h2 id=\"page-h\">Trang {n} / {pages}</h2>{pager}\
         <p class=\"legend\" aria-label=\"Chú giải\"><span class=\"fact fact-reference\">trích dẫn</span> \
         <span class=\"fact fact-money\">số tiền</span> <span class=\"fact fact-count\">số lượng</span> \
         <span class=\"fact fact-period\">thời kỳ</span> <mark>từ khóa</mark></p>\
         <div class=\"text\" id=\"page-text\">{}</div></section><aside class=\"doc-side\">",
        marked_text(&text, &marks, &hits)
    ));
    body.push_str("<section id=\"facts\" aria-labelledby=\"facts-h\"><h2 id=\"facts-h\">Dữ kiện trên trang này</h2>");
    if facts.is_empty() {
        body.push_str("<p class=\"none\">Không có.</p>");
    } else {
        body.push_str("<ul class=\"fact-list\">");
        for f in &facts {
            let (class, name) = fact_class(f.kind);
            body.push_str(&format!(
                "<li class=\"{class}\"><a href=\"#f-{}\"><span class=\"kind\">{name}</span> {}</a><q>{}</q></li>",
                f.start,
                esc(&f.label),
                esc(&f.sentence)
            ));
        }
        body.push_str("</ul>");
    }
    body.push_str("</section>");
    body.push_str("<section id=\"cites\" aria-labelledby=\"cites-h\">");
    match cites {
        Ok(c) => {
            body.push_str(&format!(
                "<h2 id=\"cites-h\">Văn bản được trích dẫn ({})</h2><ul class=\"refs\">",
                c.references.len()
            ));
            for r in &c.references {
                let label = if r.kind.is_empty() {
                    r.number.clone()
                } else {
                    format!("{} {}", r.kind, r.number)
                };
                let wheres: Vec<String> = r
                    .mentions
                    .iter()
                    .map(|m| mention_link(Some(&doc_id), m, &q))
                    .collect();
                let resolved: Vec<String> = r.ingested.iter().map(|d| doc_link(d, "")).collect();
                let resolved = if resolved.is_empty() {
                    String::from("<span class=\"absent\">chưa có trong kho</span>")
                } else {
                    format!("có trong kho: {}", resolved.join(", "))
                };
                let who = if r.partial {
                    String::new()
                } else {
                    format!(
                        " · <a class=\"cited-by-link\" href=\"/cited-by?{}\">văn bản khác trích dẫn</a>",
                        esc(&query_string(&[("number", r.number.clone())]))
                    )
                };
                body.push_str(&format!(
                    "<li><strong>{}</strong> <span class=\"where\">({})</span><br>{resolved}{who}</li>",
                    esc(&label),
                    wheres.join(", ")
                ));
            }
            body.push_str("</ul>");
        }
        Err(e) => body.push_str(&format!(
            "<h2 id=\"cites-h\">Văn bản được trích dẫn</h2><p class=\"error\">{}</p>",
            esc(&e.message)
        )),
    }
    body.push_str("</section><section id=\"cited-by\" aria-labelledby=\"citedby-h\"><h2 id=\"citedby-h\">Văn bản trích dẫn văn bản này</h2>");
    match cited_by {
        Some(c) if !c.citing.is_empty() => {
            body.push_str("<ul class=\"citing\">");
            for citing in &c.citing {
                let first = citing.mentions.first();
                body.push_str(&format!(
                    "<li>{}{}</li>",
                    doc_link(&citing.document, ""),
                    first
                        .map(|m| format!(
                            "<q>{}</q> ({})",
                            esc(&m.sentence),
                            mention_link(citing.document.id.as_deref(), m, "")
                        ))
                        .unwrap_or_default()
                ));
            }
            body.push_str("</ul>");
        }
        Some(_) => body
            .push_str("<p class=\"none\">Chưa có văn bản nào trong kho trích dẫn văn bản này.</p>"),
        None => body.push_str("<p class=\"none\">Văn bản không có số hiệu nên không tra được.</p>"),
    }
    body.push_str("</section></aside></div>");
    Html(page(&title, Section::Search, &body)).into_response()
}

fn cited_by_html(r: &CitedByResponse) -> String {
    let mut out = format!(
        "<section class=\"cited-by\" aria-labelledby=\"cb-h\"><h2 id=\"cb-h\">Số hiệu {}</h2>",
        esc(&r.number)
    );
    if r.ingested.is_empty() {
        out.push_str("<p>Văn bản này chưa có trong kho.</p>");
    } else {
        let links: Vec<String> = r.ingested.iter().map(|d| doc_link(d, "")).collect();
        out.push_str(&format!("<p>Có trong kho: {}</p>", links.join(", ")));
    }
    out.push_str(&format!(
        "<p class=\"count-line\"><strong id=\"citing-count\">{}</strong> văn bản trích dẫn</p><ol class=\"citing\">",
        r.citing.len()
    ));
    for c in &r.citing {
        let d = &c.document;
        let mut meta = Vec::new();
        if let Some(date) = &d.date {
            meta.push(vn_date(date));
        }
        meta.push(file_name(&d.path).to_string());
        out.push_str(&format!(
            "<li class=\"citing-doc\"><h3>{}</h3><p class=\"meta\">{}</p><ul class=\"mentions\">",
            doc_link(d, ""),
            esc(&meta.join(" · "))
        ));
        for m in &c.mentions {
            out.push_str(&format!(
                "<li><q>{}</q> <span class=\"where\">({})</span></li>",
                esc(&m.sentence),
                mention_link(d.id.as_deref(), m, "")
            ));
        }
        out.push_str("</ul></li>");
    }
    out.push_str("</ol></section>");
    out
}

async fn cited_by_page(
    State(state): State<AppState>,
    params: Result<Query<CitedByParams>, QueryRejection>,
) -> Response {
    let p = match params {
        Ok(Query(p)) => p,
        Err(e) => return error_page(api::rejected(e)),
    };
    let number = p.number.unwrap_or_default();
    let form = format!(
        "<h1>Tra cứu trích dẫn</h1><form class=\"search\" role=\"search\" method=\"get\" action=\"/cited-by\">\
         <div class=\"main-field\"><label for=\"number\">Số hiệu văn bản</label>\
         <input id=\"number\" name=\"number\" type=\"search\" value=\"{}\" maxlength=\"500\" \
         placeholder=\"55/2011/NĐ-CP (viết thế nào cũng được)\"><button type=\"submit\">Tra cứu</button></div></form>",
        esc(&number)
    );
    let results = if number.trim().is_empty() {
        "<p class=\"hint\">Nhập số hiệu để xem những văn bản nào trích dẫn nó, kèm câu trích dẫn.</p>".to_string()
    } else {
        match api::load_cited_by(&state, &number).await {
            Ok(r) => cited_by_html(&r),
            Err(e) => return error_page(e),
        }
    };
    Html(page(
        "Tra cứu trích dẫn",
        Section::CitedBy,
        &format!("{form}{results}"),
    ))
    .into_response()
}

fn money_cells(r: &vanban_index::FigureRange) -> String {
    let cell = |v: Option<i64>| match v {
        Some(v) => format!(
            "<td class=\"num\" title=\"{} đồng\">{}</td>",
            thousands(v),
            esc(&short_money(v))
        ),
        None => "<td class=\"num\">—</td>".to_string(),
    };
    format!(
        "<td class=\"num\">{}</td>{}{}{}",
        r.figures,
        cell(r.min),
        cell(r.median),
        cell(r.max)
    )
}

async fn budget_page(State(state): State<AppState>) -> Response {
    let stats = match api::load_stats(&state).await {
        Ok(s) => s,
        Err(e) => return error_page(e),
    };
    let years: Vec<Bar> = stats
        .stats
        .money_by_year
        .iter()
        .map(|y| Bar {
            label: y.year.to_string(),
            value: y
                .totals
                .max
                .and_then(|v| u64::try_from(v).ok())
                .unwrap_or(0),
        })
        .collect();
    let agencies: Vec<Bar> = stats
        .money_by_agency
        .iter()
        .map(|a| Bar {
            label: a.agency.clone(),
            value: a
                .totals
                .max
                .and_then(|v| u64::try_from(v).ok())
                .unwrap_or(0),
        })
        .collect();
    let head = "<thead><tr><th scope=\"col\">{}</th><th scope=\"col\" class=\"num\">Văn bản</th>\
                <th scope=\"col\" class=\"num\">Số khoản</th><th scope=\"col\" class=\"num\">Nhỏ nhất</th>\
                <th scope=\"col\" class=\"num\">Trung vị</th><th scope=\"col\" class=\"num\">Lớn nhất</th></tr></thead>";
    let mut by_year = format!(
        "<table id=\"budget-years\"><caption>Khoản tiền theo năm</caption>{}<tbody>",
        head.replace("{}", "Năm")
    );
    for y in &stats.stats.money_by_year {
        by_year.push_str(&format!(
            "<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td>{}</tr>",
            y.year,
            y.documents,
            money_cells(&y.totals)
        ));
    }
    by_year.push_str("</tbody></table>");
    let mut by_agency = format!(
        "<table id=\"budget-agencies\"><caption>Khoản tiền theo cơ quan</caption>{}<tbody>",
        head.replace("{}", "Cơ quan")
    );
    for a in &stats.money_by_agency {
        let link = format!("/?{}", query_string(&[("agency", a.agency.clone())]));
        by_agency.push_str(&format!(
            "<tr><th scope=\"row\"><a href=\"{}\">{}</a></th><td class=\"num\">{}</td>{}</tr>",
            esc(&link),
            esc(&a.agency),
            a.documents,
            money_cells(&a.totals)
        ));
    }
    by_agency.push_str("</tbody></table>");
    let body = format!(
        "<h1>Ngân sách theo năm và theo cơ quan</h1>\
         <p class=\"hint\">Chỉ tính các khoản tiền là số tổng (dự toán, tổng chi, số thu…), không gồm đơn giá và mức tăng, giảm. \
         Biểu đồ vẽ khoản lớn nhất nêu trong các văn bản của từng năm, từng cơ quan; bảng bên cạnh cho số khoản, \
         khoản nhỏ nhất, trung vị và lớn nhất. Các khoản không được cộng dồn vì một khoản thường được nhắc lại trong nhiều văn bản.</p>\
         <section class=\"budget\" aria-labelledby=\"by-year-h\"><h2 id=\"by-year-h\">Theo năm</h2>\
         <div class=\"chart-table\"><figure>{}</figure>{by_year}</div></section>\
         <section class=\"budget\" aria-labelledby=\"by-agency-h\"><h2 id=\"by-agency-h\">Theo cơ quan</h2>\
         <div class=\"chart-table\"><figure>{}</figure>{by_agency}</div></section>",
        bar_chart("chart-years", "Khoản tiền lớn nhất theo năm", &years),
        bar_chart("chart-agencies", "Khoản tiền lớn nhất theo cơ quan", &agencies),
    );
    Html(page("Ngân sách", Section::Budget, &body)).into_response()
}

/// The original file of a document: only files in the index, looked up by
/// id, and only while their content is still what was ingested.
async fn original(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let view = match api::load_document(&state, &id).await {
        Ok(v) => v,
        Err(e) => return error_page(e),
    };
    let path = std::path::PathBuf::from(&view.record.path);
    let want = view.record.id.clone();
    let read = tokio::task::spawn_blocking(move || -> Result<Vec<u8>, ApiError> {
        let gone = || ApiError::not_found("the original file is no longer where it was ingested");
        let meta = std::fs::metadata(&path).map_err(|_| gone())?;
        if !meta.is_file() {
            return Err(gone());
        }
        if meta.len() > MAX_ORIGINAL_BYTES {
            return Err(ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too_large",
                "the original file is too large to serve",
            ));
        }
        let bytes = std::fs::read(&path).map_err(|_| gone())?;
        if blake3::hash(&bytes).to_hex().as_str() != want {
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                "changed",
                "the file has changed since it was ingested: run `vanban ingest` again",
            ));
        }
        Ok(bytes)
    })
    .await;
    let bytes = match read {
        Ok(Ok(b)) => b,
        Ok(Err(e)) => return error_page(e),
        Err(_) => return error_page(ApiError::internal()),
    };
    let ascii_name: String = file_name(&view.record.path)
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let (content_type, inline) = match view.record.format.as_str() {
        "pdf" => ("application/pdf", true),
        "text" | "markdown" => ("text/plain; charset=utf-8", true),
        "docx" => (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            false,
        ),
        "doc" => ("application/msword", false),
        "rtf" => ("application/rtf", false),
        // HTML and anything else: downloaded, never rendered in this site's origin.
        _ => ("application/octet-stream", false),
    };
    let disposition = format!(
        "{}; filename=\"{ascii_name}\"",
        if inline { "inline" } else { "attachment" }
    );
    let mut response = (StatusCode::OK, bytes).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    if content_type != "application/pdf" {
        // Served text can never run script here.
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("sandbox; default-src 'none'"),
        );
    }
    response
}
