//! `vanban serve`: the HTTP API and web pages of `vanban-serve`, on a tokio runtime.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use clap::Args;

/// Arguments of `vanban serve`.
#[derive(Args)]
pub struct ServeArgs {
    /// The index folder.
    #[arg(long, default_value = vanban_index::DEFAULT_INDEX_DIR)]
    index: PathBuf,
    /// Address to listen on; anything but a loopback address is reachable from other machines.
    #[arg(long, default_value = "127.0.0.1:7700")]
    addr: SocketAddr,
    /// Longest a search may take (milliseconds) before the client gets 503.
    #[arg(long, default_value_t = 5000)]
    search_timeout_ms: u64,
}

/// Runs the server until Ctrl-C (or SIGTERM).
pub fn run(args: ServeArgs) -> Result<ExitCode> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .with_context(|| format!("cannot listen on {}", args.addr))?;
        let local = listener.local_addr()?;
        let mut config = vanban_serve::ServeConfig::new(args.index.clone());
        config.search_timeout = Duration::from_millis(args.search_timeout_ms);
        config.log = Arc::new(|msg: &str| eprintln!("vanban serve: {msg}"));
        if !args.index.join("meta.json").is_file() {
            eprintln!(
                "vanban serve: warning: no index at {} yet: requests get 503 until `vanban ingest` creates it",
                args.index.display()
            );
        }
        if vanban_serve::is_public(&local) {
            eprintln!(
                "vanban serve: warning: listening on {local}, reachable from other machines \
                 (there is no authentication; the default is 127.0.0.1)"
            );
        }
        // The test harness and scripts read this line for the port (with --addr …:0).
        println!("vanban serve: listening on http://{local} (index {})", args.index.display());
        let state = vanban_serve::AppState::new(config);
        vanban_serve::serve(listener, state, shutdown_signal())
            .await
            .context("server stopped")?;
        Ok(ExitCode::SUCCESS)
    })
}

/// Resolves on Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
