//! `vanban serve`: a JSON API (`/api/v1/…`, described by an OpenAPI document
//! generated from the Rust types) and server-rendered web pages over a
//! vanban index, read-only.
//!
//! Every answer comes from `vanban-index`'s own functions (search, cites,
//! cited-by, stats, one document by id), as the CLI's commands use them; the
//! server adds only HTTP: parameters, limits, JSON and HTML. Searches run on
//! blocking threads, bounded in number and in time. Each request takes a
//! searcher on the index's last commit, so documents an ingest commits while
//! the server runs are seen by the next request.
#![deny(missing_docs)]

mod api;
mod chart;
mod error;
mod html;
mod pages;
mod params;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::Request;
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tokio::sync::Semaphore;
use vanban_index::VanbanIndex;

pub use api::OpenApiDoc;
pub use error::ApiError;
use error::Failure;

/// Longest request target (path and query) accepted, in bytes.
pub const MAX_URI_BYTES: usize = 4096;
/// Longest query text accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 500;
/// Largest request body accepted, in bytes (the API only reads; bodies are never needed).
pub const MAX_BODY_BYTES: usize = 16 * 1024;

/// How the server runs.
#[derive(Clone)]
pub struct ServeConfig {
    /// The index folder.
    pub index_dir: PathBuf,
    /// Longest a search (or any index read) may take before the client gets 503.
    pub search_timeout: Duration,
    /// Most index reads running at once; further requests wait for a slot
    /// within `search_timeout`.
    pub max_concurrent: usize,
    /// Where internal errors are reported (they never reach the client).
    pub log: Arc<dyn Fn(&str) + Send + Sync>,
}

impl ServeConfig {
    /// The defaults for an index folder: 5 s per search, two reads per core.
    pub fn new(index_dir: PathBuf) -> ServeConfig {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        ServeConfig {
            index_dir,
            search_timeout: Duration::from_secs(5),
            max_concurrent: (cores * 2).max(2),
            log: Arc::new(|_| {}),
        }
    }
}

/// What every handler shares: the configuration and the index, opened on
/// first use (and again after a failure, so a server started before the
/// first ingest starts answering once the index exists).
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    config: ServeConfig,
    index: Mutex<Option<Arc<VanbanIndex>>>,
    slots: Arc<Semaphore>,
}

impl AppState {
    /// The state of a server with `config`.
    pub fn new(config: ServeConfig) -> AppState {
        let slots = Arc::new(Semaphore::new(config.max_concurrent.max(1)));
        AppState {
            inner: Arc::new(Inner {
                config,
                index: Mutex::new(None),
                slots,
            }),
        }
    }

    fn config(&self) -> &ServeConfig {
        &self.inner.config
    }

    /// The open index, opening it when needed; 503 while it cannot be opened.
    fn index(&self) -> Result<Arc<VanbanIndex>, ApiError> {
        let mut slot = self
            .inner
            .index
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(index) = slot.as_ref() {
            return Ok(index.clone());
        }
        match VanbanIndex::open(&self.inner.config.index_dir) {
            Ok(index) => {
                let index = Arc::new(index);
                *slot = Some(index.clone());
                Ok(index)
            }
            Err(e) => {
                (self.inner.config.log)(&format!("cannot open the index: {e}"));
                Err(ApiError::unavailable(
                    "index_unavailable",
                    "the index cannot be opened (has `vanban ingest` run?)",
                ))
            }
        }
    }

    /// Runs `job` on the index on a blocking thread, within the search time limit.
    async fn read<T, F>(&self, job: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&VanbanIndex) -> Result<T, Failure> + Send + 'static,
    {
        let limit = self.config().search_timeout;
        let work = async {
            let permit = self
                .inner
                .slots
                .clone()
                .acquire_owned()
                .await
                .map_err(|_| ApiError::unavailable("shutting_down", "the server is stopping"))?;
            let state = self.clone();
            let task = tokio::task::spawn_blocking(move || {
                // The slot is held by the thread, not by the request: a search that
                // outlives its client's time limit keeps its slot until it ends, so
                // runaway searches never exceed `max_concurrent` threads.
                let _permit = permit;
                let index = state.index()?;
                job(&index).map_err(|f| match f {
                    Failure::Api(e) => e,
                    Failure::Index(e) => {
                        ApiError::from_index(&e).unwrap_or_else(|| state.internal(&e))
                    }
                })
            });
            match task.await {
                Ok(result) => result,
                Err(e) => {
                    (self.config().log)(&format!("index read failed: {e}"));
                    Err(ApiError::internal())
                }
            }
        };
        match tokio::time::timeout(limit, work).await {
            Ok(result) => result,
            // The client is answered now; the blocking thread finishes on its own,
            // still holding its slot (see above).
            Err(_) => Err(ApiError::unavailable(
                "timeout",
                &format!("the search took longer than {} ms", limit.as_millis()),
            )),
        }
    }

    /// Reports an internal error to the log and turns it into a bare 500.
    fn internal(&self, e: &dyn std::fmt::Display) -> ApiError {
        (self.config().log)(&format!("internal error: {e}"));
        ApiError::internal()
    }
}

/// The whole application: API, pages, assets, limits and security headers.
pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(api::routes())
        .merge(pages::routes())
        .route("/assets/style.css", get(style))
        .route("/assets/app.js", get(script))
        .fallback(pages::not_found)
        .with_state(state)
        .layer(axum::middleware::from_fn(guard))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(
            MAX_BODY_BYTES,
        ))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(
            |_: Box<dyn std::any::Any + Send>| ApiError::internal().into_response(),
        ))
}

/// Serves `router(state)` on `listener` until `shutdown` resolves.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown)
        .await
}

/// Whether serving on `addr` exposes the server beyond this machine.
pub fn is_public(addr: &SocketAddr) -> bool {
    !addr.ip().is_loopback()
}

const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
                   form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// Refuses over-long request targets and adds the security headers to every answer.
async fn guard(req: Request, next: Next) -> Response {
    let target = req.uri().path_and_query().map_or(0, |p| p.as_str().len());
    let mut response = if target > MAX_URI_BYTES {
        ApiError::new(
            StatusCode::URI_TOO_LONG,
            "uri_too_long",
            &format!("the request target is longer than {MAX_URI_BYTES} bytes"),
        )
        .into_response()
    } else {
        next.run(req).await
    };
    let headers = response.headers_mut();
    let fixed: [(HeaderName, &str); 7] = [
        (header::CONTENT_SECURITY_POLICY, CSP),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
        (
            HeaderName::from_static("cross-origin-resource-policy"),
            "same-origin",
        ),
        (
            HeaderName::from_static("permissions-policy"),
            "camera=(), microphone=(), geolocation=()",
        ),
    ];
    for (name, value) in fixed {
        if !headers.contains_key(&name) {
            headers.insert(name, HeaderValue::from_static(value));
        }
    }
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

async fn style() -> Response {
    asset(
        "text/css; charset=utf-8",
        include_str!("../assets/style.css"),
    )
}

async fn script() -> Response {
    asset(
        "text/javascript; charset=utf-8",
        include_str!("../assets/app.js"),
    )
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(dir: &std::path::Path) -> AppState {
        VanbanIndex::open_or_create(dir).expect("a new index in a temporary folder");
        let mut config = ServeConfig::new(dir.to_path_buf());
        config.max_concurrent = 1;
        config.search_timeout = Duration::from_millis(150);
        AppState::new(config)
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_timed_out_search_keeps_its_slot_until_it_ends() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let state = state(dir.path());
        let slow = state
            .read(|_| {
                std::thread::sleep(Duration::from_millis(900));
                Ok(())
            })
            .await;
        assert_eq!(slow.err().map(|e| e.code), Some("timeout"));
        // The slow search still runs and holds the only slot: the next one waits
        // for it and times out too, instead of starting a second thread.
        let next = state.read(|_| Ok(1)).await;
        assert_eq!(next.err().map(|e| e.code), Some("timeout"));
        tokio::time::sleep(Duration::from_millis(1200)).await;
        let later = state.read(|_| Ok(2)).await;
        assert_eq!(later.ok(), Some(2));
    }
}
