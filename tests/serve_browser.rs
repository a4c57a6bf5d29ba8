//! `vanban serve` in a real browser: headless Chromium driven over WebDriver
//! (Debian's `chromium` and `chromium-driver`). The analyst's path: search
//! without accents, click a facet, open a document, see a highlighted
//! reference, follow cited-by, see the budget chart; plus a hostile document
//! that must not run script, the keyboard shortcut and a phone-sized window.
//! Each step saves a screenshot under the cargo target dir
//! (`…/tmp/serve-screenshots/`); a missing element fails the test.
//!
//! Without chromedriver the test says what to install and passes, unless
//! `CI=true`, where a missing browser is a failure.

use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::serve_api::{first_id, fixture, Server};
use crate::webdriver::{Element, Session};

/// How long an expected element may take to appear.
const WAIT: Duration = Duration::from_secs(15);

/// `chromedriver` on a free port, stopped when dropped.
struct Driver {
    child: Child,
    port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The chromedriver program, if installed.
fn chromedriver() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join("chromedriver"))
        .find(|p| p.is_file())
}

fn start_driver(program: &PathBuf) -> Driver {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(program)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver");
    let deadline = Instant::now() + Duration::from_secs(30);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "chromedriver did not start on port {port}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    Driver { child, port }
}

fn screenshots() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("serve-screenshots")
}

fn shot(c: &Session, name: &str) {
    let png = c.screenshot().expect("screenshot");
    std::fs::write(screenshots().join(format!("{name}.png")), png).unwrap();
}

/// The element, waited for; its absence fails the test with the page's URL.
fn must<'a>(c: &'a Session, css: &str) -> Element<'a> {
    match c.wait_for(css, WAIT) {
        Ok(e) => e,
        Err(e) => {
            let url = c.current_url().unwrap_or_default();
            panic!("expected element {css:?} on {url}: {e}");
        }
    }
}

/// Scrolls `e` to the middle of the window (for the screenshot).
fn show(c: &Session, e: &Element) {
    c.execute(
        "arguments[0].scrollIntoView({block: 'center'})",
        vec![e.json()],
    )
    .unwrap();
}

/// Whether the page is no wider than the window (no sideways scrolling).
fn fits_the_width(c: &Session) -> bool {
    let wide = c
        .execute(
            "return document.documentElement.scrollWidth <= window.innerWidth + 1",
            vec![],
        )
        .unwrap();
    wide == serde_json::json!(true)
}

fn count(c: &Session, css: &str) -> usize {
    c.find_all(css).map_or(0, |v| v.len())
}

#[test]
fn an_analyst_searches_filters_reads_and_traces_in_chromium() {
    let Some(program) = chromedriver() else {
        let msg = "chromedriver not found: install Debian's `chromium` and `chromium-driver` \
                   (apt-get install chromium chromium-driver) to run the browser tests";
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("{msg}");
        }
        eprintln!("skipped: {msg}");
        return;
    };
    // This run's screenshots only.
    let _ = std::fs::remove_dir_all(screenshots());
    std::fs::create_dir_all(screenshots()).unwrap();
    let fx = fixture();
    let server = Server::start(&fx.index, &[]);
    let hostile_id = first_id(&server, "agency=kiem+thu+an+toan");
    let driver = start_driver(&program);
    {
        let caps = serde_json::json!({
            "goog:chromeOptions": {
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                         "--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=vi"]
            }
        });
        let c =
            Session::start(driver.port, caps).expect("a WebDriver session in headless Chromium");
        let base = &server.base;

        // 1. Search without accents.
        c.goto(&format!("{base}/")).unwrap();
        let q = must(&c, "input#q");
        q.send_keys("cai cach hanh chinh").unwrap();
        must(&c, "form.search button[type=submit]").click().unwrap();
        must(&c, "li.hit");
        let total: usize = must(&c, "#total").text().unwrap().parse().unwrap();
        assert!(total >= 1);
        assert!(
            count(&c, "li.hit .snippet mark") >= 1,
            "the hits are marked"
        );
        let url = c.current_url().unwrap();
        assert!(
            url.contains("q=cai+cach+hanh+chinh"),
            "the URL holds the query: {url}"
        );
        shot(&c, "01-search-without-accents");

        // 2. Click a facet: the URL holds the filter, the count follows it.
        let facet = must(&c, "a.facet-link[data-facet='year']");
        let label = facet.text().unwrap();
        facet.click().unwrap();
        must(&c, ".facet .active");
        let url = c.current_url().unwrap();
        assert!(url.contains("year="), "{url}");
        let expected: usize = label.split_whitespace().last().unwrap().parse().unwrap();
        let filtered: usize = must(&c, "#total").text().unwrap().parse().unwrap();
        assert_eq!(
            filtered, expected,
            "the facet's count is the filtered total"
        );
        shot(&c, "02-facet-clicked");

        // 3. Open a document; find a highlighted reference (following the
        //    reference list to its page if the page shown has none).
        must(&c, "a.hit-title").click().unwrap();
        must(&c, "#page-text");
        must(&c, ".card dl");
        if count(&c, "#page-text .fact-reference") == 0 {
            must(&c, "#cites .where a").click().unwrap();
        }
        let reference = must(&c, "#page-text .fact-reference");
        assert!(!reference.text().unwrap().trim().is_empty());
        must(&c, "#facts .fact-list li");
        show(&c, &reference);
        shot(&c, "03-document-highlighted-facts");

        // 4. Follow cited-by from a reference of that document.
        must(&c, "a.cited-by-link").click().unwrap();
        must(&c, "#citing-count");
        let citing: usize = must(&c, "#citing-count").text().unwrap().parse().unwrap();
        assert!(citing >= 1, "the document itself cites the number");
        assert_eq!(count(&c, "li.citing-doc"), citing);
        must(&c, "li.citing-doc q");
        shot(&c, "04-cited-by");

        // 5. The budget chart, drawn by the server, with its table.
        c.goto(&format!("{base}/budget")).unwrap();
        must(&c, "svg#chart-years rect.chart-bar");
        must(&c, "svg#chart-agencies rect.chart-bar");
        assert!(count(&c, "#budget-years tbody tr") >= 1);
        shot(&c, "05-budget-chart");

        // 6. A hostile document shows its markup as text and runs nothing.
        c.goto(&format!("{base}/documents/{hostile_id}")).unwrap();
        let text = must(&c, "#page-text").text().unwrap();
        assert!(text.contains("<script>alert(\"xss\")</script>"), "{text}");
        assert!(c.alert_text().is_none(), "no alert may open");
        assert_eq!(count(&c, "#page-text img"), 0);
        let reference = must(&c, "#page-text .fact-reference");
        assert!(reference.text().unwrap().contains("55/2011/NĐ-CP"));
        show(&c, &reference);
        shot(&c, "06-hostile-document");

        // 7. Keyboard: "/" jumps to the search box.
        c.goto(&format!("{base}/?q=ngan+sach")).unwrap();
        must(&c, "input#q");
        c.execute(
            "document.activeElement && document.activeElement.blur()",
            vec![],
        )
        .unwrap();
        c.press_key('/').unwrap();
        let focused = c
            .execute(
                "return document.activeElement && document.activeElement.id",
                vec![],
            )
            .unwrap();
        assert_eq!(focused, serde_json::json!("q"));

        // 8. A phone-sized window: nothing wider than the screen.
        c.set_window_size(390, 844).unwrap();
        c.goto(&format!("{base}/?q=cai+cach")).unwrap();
        must(&c, "li.hit");
        assert!(fits_the_width(&c), "the search page fits a phone's width");
        shot(&c, "07-phone-search");
        c.goto(&format!("{base}/documents/{hostile_id}")).unwrap();
        must(&c, "#page-text");
        assert!(fits_the_width(&c), "the document page fits a phone's width");
        shot(&c, "08-phone-document");

        c.close().unwrap();
    }
    drop(driver);
}
