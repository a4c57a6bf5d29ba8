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

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::{Client, ClientBuilder, Locator};

use crate::serve_api::{first_id, fixture, Server};

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

async fn shot(c: &Client, name: &str) {
    let png = c.screenshot().await.expect("screenshot");
    std::fs::write(screenshots().join(format!("{name}.png")), png).unwrap();
}

/// The element, waited for; its absence fails the test with the page's URL.
async fn must(c: &Client, css: &str) -> fantoccini::elements::Element {
    match c.wait().at_most(WAIT).for_element(Locator::Css(css)).await {
        Ok(e) => e,
        Err(e) => {
            let url = c
                .current_url()
                .await
                .map(|u| u.to_string())
                .unwrap_or_default();
            panic!("expected element {css:?} on {url}: {e}");
        }
    }
}

/// Scrolls `e` to the middle of the window (for the screenshot).
async fn show(c: &Client, e: &fantoccini::elements::Element) {
    let arg = serde_json::to_value(e).unwrap();
    c.execute("arguments[0].scrollIntoView({block: 'center'})", vec![arg])
        .await
        .unwrap();
}

async fn count(c: &Client, css: &str) -> usize {
    c.find_all(Locator::Css(css)).await.map_or(0, |v| v.len())
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
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".to_string(),
            serde_json::json!({
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                         "--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=vi"]
            }),
        );
        let c = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", driver.port))
            .await
            .expect("a WebDriver session in headless Chromium");
        let base = &server.base;

        // 1. Search without accents.
        c.goto(&format!("{base}/")).await.unwrap();
        let q = must(&c, "input#q").await;
        q.send_keys("cai cach hanh chinh").await.unwrap();
        must(&c, "form.search button[type=submit]")
            .await
            .click()
            .await
            .unwrap();
        must(&c, "li.hit").await;
        let total: usize = must(&c, "#total")
            .await
            .text()
            .await
            .unwrap()
            .parse()
            .unwrap();
        assert!(total >= 1);
        assert!(
            count(&c, "li.hit .snippet mark").await >= 1,
            "the hits are marked"
        );
        let url = c.current_url().await.unwrap();
        assert!(
            url.query().unwrap_or("").contains("q=cai+cach+hanh+chinh"),
            "the URL holds the query: {url}"
        );
        shot(&c, "01-search-without-accents").await;

        // 2. Click a facet: the URL holds the filter, the count follows it.
        let facet = must(&c, "a.facet-link[data-facet='year']").await;
        let label = facet.text().await.unwrap();
        facet.click().await.unwrap();
        must(&c, ".facet .active").await;
        let url = c.current_url().await.unwrap().to_string();
        assert!(url.contains("year="), "{url}");
        let expected: usize = label.split_whitespace().last().unwrap().parse().unwrap();
        let filtered: usize = must(&c, "#total")
            .await
            .text()
            .await
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(
            filtered, expected,
            "the facet's count is the filtered total"
        );
        shot(&c, "02-facet-clicked").await;

        // 3. Open a document; find a highlighted reference (following the
        //    reference list to its page if the page shown has none).
        must(&c, "a.hit-title").await.click().await.unwrap();
        must(&c, "#page-text").await;
        must(&c, ".card dl").await;
        if count(&c, "#page-text .fact-reference").await == 0 {
            must(&c, "#cites .where a").await.click().await.unwrap();
        }
        let reference = must(&c, "#page-text .fact-reference").await;
        assert!(!reference.text().await.unwrap().trim().is_empty());
        must(&c, "#facts .fact-list li").await;
        show(&c, &reference).await;
        shot(&c, "03-document-highlighted-facts").await;

        // 4. Follow cited-by from a reference of that document.
        must(&c, "a.cited-by-link").await.click().await.unwrap();
        must(&c, "#citing-count").await;
        let citing: usize = must(&c, "#citing-count")
            .await
            .text()
            .await
            .unwrap()
            .parse()
            .unwrap();
        assert!(citing >= 1, "the document itself cites the number");
        assert_eq!(count(&c, "li.citing-doc").await, citing);
        must(&c, "li.citing-doc q").await;
        shot(&c, "04-cited-by").await;

        // 5. The budget chart, drawn by the server, with its table.
        c.goto(&format!("{base}/budget")).await.unwrap();
        must(&c, "svg#chart-years rect.chart-bar").await;
        must(&c, "svg#chart-agencies rect.chart-bar").await;
        assert!(count(&c, "#budget-years tbody tr").await >= 1);
        shot(&c, "05-budget-chart").await;

        // 6. A hostile document shows its markup as text and runs nothing.
        c.goto(&format!("{base}/documents/{hostile_id}"))
            .await
            .unwrap();
        let text = must(&c, "#page-text").await.text().await.unwrap();
        assert!(text.contains("<script>alert(\"xss\")</script>"), "{text}");
        assert!(c.get_alert_text().await.is_err(), "no alert may open");
        assert_eq!(count(&c, "#page-text img").await, 0);
        let reference = must(&c, "#page-text .fact-reference").await;
        assert!(reference.text().await.unwrap().contains("55/2011/NĐ-CP"));
        show(&c, &reference).await;
        shot(&c, "06-hostile-document").await;

        // 7. Keyboard: "/" jumps to the search box.
        c.goto(&format!("{base}/?q=ngan+sach")).await.unwrap();
        must(&c, "input#q").await;
        c.execute(
            "document.activeElement && document.activeElement.blur()",
            vec![],
        )
        .await
        .unwrap();
        let slash = KeyActions::new("keyboard".to_string())
            .then(KeyAction::Down { value: '/' })
            .then(KeyAction::Up { value: '/' });
        c.perform_actions(slash).await.unwrap();
        let focused = c
            .execute(
                "return document.activeElement && document.activeElement.id",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(focused, serde_json::json!("q"));

        // 8. A phone-sized window: nothing wider than the screen.
        c.set_window_size(390, 844).await.unwrap();
        c.goto(&format!("{base}/?q=cai+cach")).await.unwrap();
        must(&c, "li.hit").await;
        let wide = c
            .execute(
                "return document.documentElement.scrollWidth <= window.innerWidth + 1",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(
            wide,
            serde_json::json!(true),
            "the search page fits a phone's width"
        );
        shot(&c, "07-phone-search").await;
        c.goto(&format!("{base}/documents/{hostile_id}"))
            .await
            .unwrap();
        must(&c, "#page-text").await;
        let wide = c
            .execute(
                "return document.documentElement.scrollWidth <= window.innerWidth + 1",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(
            wide,
            serde_json::json!(true),
            "the document page fits a phone's width"
        );
        shot(&c, "08-phone-document").await;

        c.close().await.unwrap();
    });
    drop(driver);
}
