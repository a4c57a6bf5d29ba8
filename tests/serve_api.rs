//! `vanban serve` through the real binary: every API endpoint over an
//! ingested copy of the corpus's text renderings plus a hostile document,
//! filters, paging, errors and their statuses, HTML escaping, security
//! headers, originals by id only, the time limit, a missing index (503),
//! and serving while an ingest commits.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use http_body_util::BodyExt;
use serde_json::Value;

use crate::common::{corpus, vanban};

/// A hostile report: markup in its title and body must show as text.
pub const HOSTILE: &str = "UBND TỈNH THỬ NGHIỆM\nSỞ KIỂM THỬ AN TOÀN\nSố: 9/BC-SKTAT\n\n\
Thử Nghiệm, ngày 02 tháng 3 năm 2022\n\nBÁO CÁO\n\
Về việc <script>alert(\"xss\")</script> và <img src=x onerror=alert(1)>\n\n\
Căn cứ Nghị định số 55/2011/NĐ-CP ngày 04/7/2011 của Chính phủ quy định chức năng, nhiệm vụ;\n\
Sở Kiểm thử An toàn báo cáo <b>kết quả</b> kiểm thử chữ ký số như sau:\n\
Tổng kinh phí thực hiện năm 2022 là 1.500.000.000 đồng.\n\
Đã xử lý 12 vụ việc trong quý I năm 2022.\n\nGIÁM ĐỐC\nNguyễn Văn Thử\n";

/// The shared fixture: the corpus's text renderings, one PDF and the hostile
/// report, ingested once for every test of this file and the browser tests.
pub struct Fixture {
    /// The index.
    pub index: PathBuf,
}

/// The ingested fixture (built on first use, under the cargo target dir).
pub fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("serve-fixture");
        let _ = std::fs::remove_dir_all(&root);
        let docs = root.join("docs");
        std::fs::create_dir_all(&docs).unwrap();
        for entry in std::fs::read_dir(corpus()).unwrap() {
            let p = entry.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            if name.ends_with(".txt") || name == "003_e4290625d62bc623.pdf" {
                std::fs::copy(&p, docs.join(&name)).unwrap();
            }
        }
        std::fs::write(docs.join("hostile.txt"), HOSTILE).unwrap();
        let index = root.join("index");
        let out = vanban(&[
            "ingest",
            "--quiet",
            "--index",
            index.to_str().unwrap(),
            docs.to_str().unwrap(),
        ]);
        assert!(
            out.status.success(),
            "ingest: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        Fixture { index }
    })
}

/// A running `vanban serve`, stopped when dropped.
pub struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    pub base: String,
}

impl Server {
    /// Starts the server on a free loopback port over `index`, with `extra` arguments.
    pub fn start(index: &Path, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_vanban"))
            .args([
                "serve",
                "--index",
                index.to_str().unwrap(),
                "--addr",
                "127.0.0.1:0",
            ])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start vanban serve");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let base = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .to_string();
        Server { child, base }
    }

    /// GET `path`: status, headers, body.
    pub fn get(&self, path: &str) -> Response {
        get(&format!("{}{path}", self.base))
    }

    /// GET `path` expecting JSON with `status`.
    pub fn json(&self, path: &str, status: u16) -> Value {
        let r = self.get(path);
        assert_eq!(r.status, status, "{path}: {}", r.body);
        assert!(
            r.header("content-type").starts_with("application/json"),
            "{path}: {}",
            r.header("content-type")
        );
        serde_json::from_str(&r.body).unwrap_or_else(|e| panic!("{path}: {e}: {}", r.body))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP answer.
pub struct Response {
    /// Status code.
    pub status: u16,
    /// Headers, lower-case names.
    pub headers: Vec<(String, String)>,
    /// Body as text (lossy).
    pub body: String,
    /// Body bytes.
    pub bytes: Vec<u8>,
}

impl Response {
    /// A header's value, empty when absent.
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }
}

/// GET `url` with hyper's client.
pub fn get(url: &str) -> Response {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let client =
            hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
                .build_http::<http_body_util::Empty<hyper::body::Bytes>>();
        let uri: hyper::Uri = url.parse().unwrap();
        let res = client
            .get(uri)
            .await
            .unwrap_or_else(|e| panic!("GET {url}: {e}"));
        let status = res.status().as_u16();
        let headers = res
            .headers()
            .iter()
            .map(|(k, v)| (k.as_str().to_string(), v.to_str().unwrap_or("").to_string()))
            .collect();
        let bytes = res.into_body().collect().await.unwrap().to_bytes().to_vec();
        Response {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            bytes,
        }
    })
}

/// The id of the first hit of an API search.
pub fn first_id(server: &Server, query: &str) -> String {
    let v = server.json(&format!("/api/v1/search?{query}"), 200);
    v["hits"][0]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("no hit for {query}: {v}"))
        .to_string()
}

fn chars(s: &str, start: usize, end: usize) -> String {
    s.chars().skip(start).take(end - start).collect()
}

#[test]
fn search_without_accents_with_filters_facets_paging_and_order() {
    let fx = fixture();
    let s = Server::start(&fx.index, &[]);
    let v = s.json("/api/v1/search?q=cai+cach+hanh+chinh&facets=true", 200);
    let total = v["total"].as_u64().unwrap();
    assert!(total >= 1, "{v}");
    let hit = &v["hits"][0];
    assert_eq!(hit["id"].as_str().unwrap().len(), 64);
    let snippet = &hit["snippet"];
    let text = snippet["text"].as_str().unwrap();
    let start = snippet["start"].as_u64().unwrap() as usize;
    let first = &snippet["hits"][0];
    let word = chars(
        text,
        first["start"].as_u64().unwrap() as usize - start,
        first["end"].as_u64().unwrap() as usize - start,
    );
    assert_eq!(vanban_text::folded_key(&word), "cai", "{snippet}");
    assert!(!v["facets"]["kind"].as_array().unwrap().is_empty(), "{v}");
    assert!(!v["facets"]["year"].as_array().unwrap().is_empty(), "{v}");

    // Accents typed or not: the same documents.
    let marked = s.json(
        "/api/v1/search?q=c%E1%BA%A3i+c%C3%A1ch+h%C3%A0nh+ch%C3%ADnh",
        200,
    );
    assert_eq!(marked["total"], v["total"]);

    // Every filter `search` takes narrows as it says.
    let v = s.json("/api/v1/search?q=&year=2021&per_page=100", 200);
    assert!(v["total"].as_u64().unwrap() >= 1);
    for h in v["hits"].as_array().unwrap() {
        assert!(h["date"].as_str().unwrap().starts_with("2021"), "{h}");
    }
    let v = s.json("/api/v1/search?kind=bao+cao&per_page=100", 200);
    for h in v["hits"].as_array().unwrap() {
        assert_eq!(
            vanban_text::folded_key(h["kind"].as_str().unwrap()),
            "bao cao",
            "{h}"
        );
    }
    // The hostile report and report 000 cite it; any spelling of the number.
    let v = s.json("/api/v1/search?cites=55%2F2011%2FND-CP", 200);
    let numbers: std::collections::BTreeSet<&str> = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|h| h["number"].as_str())
        .collect();
    assert_eq!(
        numbers,
        ["77/BC-SNgV", "9/BC-SKTAT"].into_iter().collect(),
        "{v}"
    );
    let v = s.json("/api/v1/search?cites=55%2F2011%2Fn%C4%91-+cp", 200);
    assert_eq!(v["total"], 2, "{v}");
    let v = s.json(
        "/api/v1/search?min_amount=1%2C5+t%E1%BB%B7&max_amount=1500000000",
        200,
    );
    assert!(
        v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h["number"] == "9/BC-SKTAT"),
        "{v}"
    );
    let v = s.json("/api/v1/search?from=2022-03&to=2022-03", 200);
    assert_eq!(v["total"], 1, "{v}");
    let v = s.json("/api/v1/search?agency=kiem+thu+an+toan", 200);
    assert_eq!(v["total"], 1, "{v}");
    let v = s.json("/api/v1/search?q=cai+cach&year=1999", 200);
    assert_eq!(
        (v["total"].as_u64(), v["hits"].as_array().unwrap().len()),
        (Some(0), 0)
    );

    // Paging walks every document once; date order is ordered.
    let all = s.json("/api/v1/search?per_page=100&sort=date_asc", 200);
    let n = all["total"].as_u64().unwrap() as usize;
    assert!(n >= 3, "{all}");
    let mut paged = Vec::new();
    for page in 1..=n {
        let v = s.json(
            &format!("/api/v1/search?per_page=1&page={page}&sort=date_asc"),
            200,
        );
        assert_eq!(v["page"], page);
        paged.push(v["hits"][0]["path"].as_str().unwrap().to_string());
    }
    let listed: Vec<String> = all["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(paged, listed);
    let dates: Vec<&str> = all["hits"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|h| h["date"].as_str())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
    let desc = s.json("/api/v1/search?per_page=100&sort=date_desc", 200);
    let rdates: Vec<&str> = desc["hits"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|h| h["date"].as_str())
        .collect();
    assert!(rdates.windows(2).all(|w| w[0] >= w[1]), "{rdates:?}");
    assert_eq!(desc["sort"], "date_desc");
    // Past the last page: no hits, same total.
    let v = s.json("/api/v1/search?per_page=100&page=2", 200);
    assert_eq!(v["hits"].as_array().unwrap().len(), 0);
    assert_eq!(v["total"].as_u64().unwrap() as usize, n);
}

#[test]
fn errors_are_json_with_a_fitting_status() {
    let fx = fixture();
    let s = Server::start(&fx.index, &[]);
    for (path, status, code) in [
        ("/api/v1/search?year=abc", 400, "bad_parameter"),
        ("/api/v1/search?from=2021-6", 400, "bad_parameter"),
        ("/api/v1/search?to=15%2F06%2F2021", 400, "bad_parameter"),
        ("/api/v1/search?min_amount=nhieu", 400, "bad_parameter"),
        ("/api/v1/search?sort=random", 400, "bad_parameter"),
        ("/api/v1/search?per_page=0", 400, "bad_parameter"),
        ("/api/v1/search?agnecy=x", 400, "bad_parameter"),
        ("/api/v1/cited-by", 400, "bad_parameter"),
        (
            "/api/v1/documents/0000000000000000000000000000000000000000000000000000000000000000",
            404,
            "not_found",
        ),
        ("/api/v1/documents/..%2F..%2Fetc%2Fpasswd", 404, "not_found"),
        ("/api/v1/cites/abc", 404, "not_found"),
        ("/api/v1/nothing-here", 404, "not_found"),
    ] {
        let v = s.json(path, status);
        assert_eq!(v["error"]["code"], code, "{path}: {v}");
        assert_eq!(v["error"]["status"], status, "{path}");
        assert!(!v["error"]["message"].as_str().unwrap().is_empty());
    }
    let long = format!("/api/v1/search?q={}", "a".repeat(600));
    assert_eq!(s.json(&long, 413)["error"]["code"], "query_too_long");
    let huge = format!("/api/v1/search?q={}", "a".repeat(5000));
    assert_eq!(s.json(&huge, 414)["error"]["code"], "uri_too_long");
    let id = first_id(&s, "agency=kiem+thu+an+toan");
    let v = s.json(&format!("/api/v1/documents/{id}/pages/99"), 404);
    assert!(
        v["error"]["message"].as_str().unwrap().contains("page 99"),
        "{v}"
    );
    s.json(&format!("/api/v1/documents/{id}/pages/x"), 400);
    s.json(&format!("/api/v1/documents/{id}/pages/0"), 404);
    // Pages are HTML errors, with the same statuses.
    let r = s.get("/documents/0000000000000000000000000000000000000000000000000000000000000000");
    assert_eq!(r.status, 404);
    assert!(r.header("content-type").starts_with("text/html"));
    assert_eq!(s.get("/?year=abc").status, 400);
    assert_eq!(s.get("/no-such-page").status, 404);
}

#[test]
fn document_page_cites_and_cited_by_carry_spans_and_sentences() {
    let fx = fixture();
    let s = Server::start(&fx.index, &[]);
    let id = first_id(&s, "agency=kiem+thu+an+toan");
    let doc = s.json(&format!("/api/v1/documents/{id}"), 200);
    assert_eq!(doc["id"], id.as_str());
    assert_eq!(doc["header"]["number"], "9/BC-SKTAT");
    assert!(doc["path"].as_str().unwrap().ends_with("hostile.txt"));
    assert_eq!(doc["original_url"], format!("/documents/{id}/original"));
    let refs = doc["references"].as_array().unwrap();
    assert!(refs.iter().any(|r| r["number"] == "55/2011/NĐ-CP"), "{doc}");
    assert!(
        doc["money"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["vnd"] == 1_500_000_000u64),
        "{doc}"
    );

    // The page: every fact's span is its text; the query's words are located.
    let page = s.json(&format!("/api/v1/documents/{id}/pages/1?q=kinh+phi"), 200);
    let text = page["text"].as_str().unwrap();
    let facts = page["facts"].as_array().unwrap();
    let reference = facts
        .iter()
        .find(|f| f["kind"] == "reference")
        .expect("a reference on page 1");
    let span = chars(
        text,
        reference["start"].as_u64().unwrap() as usize,
        reference["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(span, reference["raw"].as_str().unwrap());
    assert!(span.contains("55/2011"), "{span}");
    assert!(
        reference["sentence"].as_str().unwrap().contains("Căn cứ"),
        "{reference}"
    );
    let money = facts
        .iter()
        .find(|f| f["kind"] == "money")
        .expect("money on page 1");
    assert!(chars(
        text,
        money["start"].as_u64().unwrap() as usize,
        money["end"].as_u64().unwrap() as usize
    )
    .contains("1.500.000.000"));
    let hits: Vec<String> = page["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            chars(
                text,
                h["start"].as_u64().unwrap() as usize,
                h["end"].as_u64().unwrap() as usize,
            )
        })
        .collect();
    assert_eq!(hits, ["kinh", "phí"]);
    assert_eq!(page["pages"], 1);

    // What it cites, resolved; who cites the number, in another spelling.
    let cites = s.json(&format!("/api/v1/cites/{id}"), 200);
    assert_eq!(cites["document"]["id"], id.as_str());
    let r = cites["references"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["number"] == "55/2011/NĐ-CP")
        .unwrap();
    assert_eq!(r["mentions"][0]["page"], 1);
    assert!(r["ingested"].as_array().unwrap().is_empty());
    let by = s.json("/api/v1/cited-by?number=55%2F2011%2FND-%20CP", 200);
    let citing = by["citing"].as_array().unwrap();
    assert_eq!(citing.len(), 2, "the hostile report and report 000: {by}");
    let mine = citing
        .iter()
        .find(|c| c["document"]["id"] == id.as_str())
        .unwrap_or_else(|| panic!("{by}"));
    assert!(mine["mentions"][0]["sentence"]
        .as_str()
        .unwrap()
        .contains("55/2011/NĐ-CP"));
    for c in citing {
        assert_eq!(c["document"]["id"].as_str().unwrap().len(), 64);
        assert!(!c["mentions"].as_array().unwrap().is_empty(), "{c}");
    }

    // A corpus report citing another ingested number resolves it to its id.
    let all = s.json("/api/v1/search?per_page=100", 200);
    let mut resolved = 0;
    for h in all["hits"].as_array().unwrap() {
        let c = s.json(&format!("/api/v1/cites/{}", h["id"].as_str().unwrap()), 200);
        for r in c["references"].as_array().unwrap() {
            for d in r["ingested"].as_array().unwrap() {
                assert_eq!(d["id"].as_str().unwrap().len(), 64, "{d}");
                resolved += 1;
            }
        }
    }
    let _ = resolved; // the corpus may or may not cite its own reports
}

#[test]
fn stats_and_the_openapi_document() {
    let fx = fixture();
    let s = Server::start(&fx.index, &[]);
    let stats = s.json("/api/v1/stats", 200);
    let search = s.json("/api/v1/search?per_page=1", 200);
    assert_eq!(stats["documents"], search["total"]);
    assert!(
        stats["files"].as_u64().unwrap() > stats["documents"].as_u64().unwrap(),
        "the PDF and TXT of report 003 are one document"
    );
    let agencies = stats["money_by_agency"].as_array().unwrap();
    let sktat = agencies
        .iter()
        .find(|a| a["agency"].as_str().unwrap().contains("KIỂM THỬ"))
        .unwrap_or_else(|| panic!("{stats}"));
    assert_eq!(sktat["totals"]["max"], 1_500_000_000u64);
    assert!(stats["money_by_year"]
        .as_array()
        .unwrap()
        .iter()
        .any(|y| y["year"] == 2022));

    let api = s.json("/api/v1/openapi.json", 200);
    assert!(api["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/api/v1/search",
        "/api/v1/documents/{id}",
        "/api/v1/documents/{id}/pages/{page}",
        "/api/v1/cites/{id}",
        "/api/v1/cited-by",
        "/api/v1/stats",
    ] {
        assert!(
            api["paths"][path]["get"].is_object(),
            "{path} missing from the OpenAPI document"
        );
    }
    let params: Vec<&str> = api["paths"]["/api/v1/search"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    for p in [
        "q",
        "kind",
        "agency",
        "from",
        "to",
        "year",
        "cites",
        "min_amount",
        "max_amount",
        "facets",
        "sort",
        "page",
        "per_page",
    ] {
        assert!(params.contains(&p), "{p} not documented: {params:?}");
    }
    assert!(api["components"]["schemas"]["SearchResponse"]["properties"]["hits"].is_object());
}

#[test]
fn hostile_text_is_escaped_and_headers_are_set() {
    let fx = fixture();
    let s = Server::start(&fx.index, &[]);
    let id = first_id(&s, "agency=kiem+thu+an+toan");
    for path in [
        format!("/documents/{id}"),
        format!("/documents/{id}?q=script"),
        "/?q=script+alert".to_string(),
        "/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E".to_string(),
        "/cited-by?number=55%2F2011%2FND-CP".to_string(),
        "/cited-by?number=%3Cscript%3E".to_string(),
        "/budget".to_string(),
    ] {
        let r = s.get(&path);
        assert_eq!(r.status, 200, "{path}");
        assert!(r.header("content-type").starts_with("text/html"), "{path}");
        let lower = r.body.to_lowercase();
        // The only script element is the site's own.
        assert_eq!(lower.matches("<script").count(), 1, "{path}: {}", r.body);
        assert!(!lower.contains("<img src=x"), "{path}");
        assert!(!lower.contains("<b>kết quả"), "{path}");
        let csp = r.header("content-security-policy");
        assert!(
            csp.contains("default-src 'none'") && csp.contains("script-src 'self'"),
            "{path}: {csp}"
        );
        assert_eq!(r.header("x-content-type-options"), "nosniff");
        assert_eq!(r.header("x-frame-options"), "DENY");
        assert_eq!(r.header("referrer-policy"), "no-referrer");
    }
    let doc = s.get(&format!("/documents/{id}"));
    assert!(
        doc.body
            .contains("&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;"),
        "{}",
        doc.body
    );
    assert!(doc.body.contains("&lt;img src=x onerror=alert(1)&gt;"));
    // The API gives the text as it is (JSON strings cannot run).
    let page = s.json(&format!("/api/v1/documents/{id}/pages/1"), 200);
    assert!(page["text"]
        .as_str()
        .unwrap()
        .contains("<script>alert(\"xss\")</script>"));
    // Assets are embedded and typed.
    let css = s.get("/assets/style.css");
    assert_eq!(
        (css.status, css.header("content-type")),
        (200, "text/css; charset=utf-8")
    );
    assert!(s
        .get("/assets/app.js")
        .header("content-type")
        .starts_with("text/javascript"));
}

#[test]
fn originals_are_served_by_id_only_and_only_unchanged() {
    let root = tempfile::tempdir().unwrap();
    let docs = root.path().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    let pdf = docs.join("report.pdf");
    std::fs::copy(corpus().join("003_e4290625d62bc623.pdf"), &pdf).unwrap();
    let txt = docs.join("note.txt");
    std::fs::write(&txt, HOSTILE).unwrap();
    let index = root.path().join("index");
    let out = vanban(&[
        "ingest",
        "--quiet",
        "--index",
        index.to_str().unwrap(),
        docs.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let s = Server::start(&index, &[]);
    let all = s.json("/api/v1/search?all_files=true", 200);
    let id_of = |suffix: &str| {
        all["hits"]
            .as_array()
            .unwrap()
            .iter()
            .find(|h| h["path"].as_str().unwrap().ends_with(suffix))
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let pdf_id = id_of("report.pdf");
    let r = s.get(&format!("/documents/{pdf_id}/original"));
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), "application/pdf");
    assert_eq!(r.bytes, std::fs::read(&pdf).unwrap());
    // The document page links the original at the page shown.
    let page = s.get(&format!("/documents/{pdf_id}?page=1"));
    assert!(
        page.body
            .contains(&format!("/documents/{pdf_id}/original#page=1")),
        "{}",
        page.body
    );
    // Text originals are plain text in a sandbox.
    let txt_id = id_of("note.txt");
    let r = s.get(&format!("/documents/{txt_id}/original"));
    assert_eq!(r.header("content-type"), "text/plain; charset=utf-8");
    assert!(r.header("content-security-policy").contains("sandbox"));
    // Paths never reach the file system.
    assert_eq!(
        s.get("/documents/..%2F..%2Fetc%2Fpasswd/original").status,
        404
    );
    assert_eq!(s.get("/documents/%2Fetc%2Fpasswd/original").status, 404);
    // A file changed since ingest, then removed: refused.
    std::fs::write(&txt, "đã sửa").unwrap();
    assert_eq!(s.get(&format!("/documents/{txt_id}/original")).status, 409);
    std::fs::remove_file(&txt).unwrap();
    assert_eq!(s.get(&format!("/documents/{txt_id}/original")).status, 404);
}

#[test]
fn missing_index_is_503_until_an_ingest_creates_it_and_commits_are_seen() {
    let root = tempfile::tempdir().unwrap();
    let index = root.path().join("index");
    let s = Server::start(&index, &[]);
    let v = s.json("/api/v1/search?q=ngan+sach", 503);
    assert_eq!(v["error"]["code"], "index_unavailable");
    assert_eq!(s.get("/").status, 503);

    let first = root.path().join("a.txt");
    std::fs::write(&first, HOSTILE).unwrap();
    assert!(vanban(&[
        "ingest",
        "--quiet",
        "--index",
        index.to_str().unwrap(),
        first.to_str().unwrap()
    ])
    .status
    .success());
    assert_eq!(s.json("/api/v1/search?q=kiem+thu", 200)["total"], 1);
    assert_eq!(s.json("/api/v1/search?q=thuy+san", 200)["total"], 0);

    // A second ingest commits while searches keep running; the new document is then found.
    let second = root.path().join("b.txt");
    std::fs::write(
        &second,
        "SỞ NÔNG NGHIỆP\nSố: 5/BC-SNN\n\nBÁO CÁO\nTình hình nuôi trồng thủy sản năm 2023.\n",
    )
    .unwrap();
    let mut ingest = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args([
            "ingest",
            "--quiet",
            "--index",
            index.to_str().unwrap(),
            second.to_str().unwrap(),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    let mut during = 0;
    while ingest.try_wait().unwrap().is_none() {
        assert!(Instant::now() < deadline, "ingest did not finish");
        let v = s.json("/api/v1/search?q=kiem+thu", 200);
        assert_eq!(v["total"], 1);
        during += 1;
    }
    assert!(ingest.wait().unwrap().success());
    assert!(during >= 1);
    let v = s.json("/api/v1/search?q=thuy+san", 200);
    assert_eq!(
        v["total"], 1,
        "the committed document is seen without a restart"
    );
    assert_eq!(v["hits"][0]["number"], "5/BC-SNN");
}

#[test]
fn a_search_over_its_time_limit_is_503() {
    let fx = fixture();
    let s = Server::start(&fx.index, &["--search-timeout-ms", "0"]);
    let v = s.json("/api/v1/search?q=cai+cach", 503);
    assert_eq!(v["error"]["code"], "timeout");
}

#[test]
fn loopback_by_default_and_a_warning_for_other_addresses() {
    let out = vanban(&["serve", "--help"]);
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("127.0.0.1:7700"), "{help}");
    let root = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args([
            "serve",
            "--index",
            root.path().join("i").to_str().unwrap(),
            "--addr",
            "0.0.0.0:0",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert!(line.contains("listening on http://0.0.0.0:"), "{line}");
    child.kill().unwrap();
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("reachable from other machines"), "{err}");
}

#[test]
fn the_cli_orders_and_pages_as_the_api() {
    let fx = fixture();
    let s = Server::start(&fx.index, &[]);
    let api = s.json("/api/v1/search?per_page=2&page=2&sort=date_asc", 200);
    let out = vanban(&[
        "search",
        "",
        "--index",
        fx.index.to_str().unwrap(),
        "--json",
        "--limit",
        "2",
        "--offset",
        "2",
        "--sort",
        "date-asc",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cli: Value = serde_json::from_slice(&out.stdout).unwrap();
    let paths = |v: &Value| -> Vec<String> {
        v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["path"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(paths(&cli), paths(&api));
    assert_eq!(cli["total"], api["total"]);
    assert_eq!(paths(&api).len(), 2);
}
