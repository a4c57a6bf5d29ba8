//! Load generator for `vanban serve`: C concurrent clients (default 8), each
//! on its own keep-alive connection, send API searches from a fixed query set
//! for a number of rounds and record every request's latency. Prints
//! p50/p90/p99/max, throughput, errors, and the CPU time the server process
//! and this generator used (from `/proc`), so wall time on a shared machine
//! can be read against the work done.
//!
//! `cargo run --release -p vanban-serve --example serve_load -- \
//!     --url http://127.0.0.1:7700 --clients 8 --rounds 5 --server-pid PID`
//!
//! Written here rather than with an HTTP benchmarking tool because the
//! machine has none installed and the query set must be the genre's own.

use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;

/// Genre terms (with and without marks), as the analysts type them.
const TERMS: [&str; 20] = [
    "cải cách hành chính",
    "cai cach hanh chinh",
    "ngân sách nhà nước",
    "ngan sach",
    "\"dự toán ngân sách\"",
    "phòng, chống tham nhũng",
    "thanh tra",
    "chuyển đổi số",
    "chuyen doi so",
    "thủ tục hành chính",
    "kinh phí",
    "Ủy ban nhân dân",
    "kế hoạch đầu tư công",
    "nông thôn mới",
    "khiếu nại, tố cáo",
    "tài sản công",
    "thi đua khen thưởng",
    "bảo vệ môi trường",
    "thiên tai",
    "kết quả thực hiện",
];

/// The request set: each term plain, with facets, with a year, with a kind,
/// sorted by date, on page 2; plus filters alone.
fn requests() -> Vec<String> {
    let enc = |s: &str| serde_urlencoded::to_string([("q", s)]).unwrap_or_default();
    let mut out = Vec::new();
    for (i, t) in TERMS.iter().enumerate() {
        let q = enc(t);
        out.push(format!("/api/v1/search?{q}"));
        out.push(format!("/api/v1/search?{q}&facets=true"));
        out.push(format!("/api/v1/search?{q}&year={}", 2010 + i % 16));
        out.push(format!("/api/v1/search?{q}&kind=bao+cao"));
        out.push(format!("/api/v1/search?{q}&sort=date_desc"));
        out.push(format!("/api/v1/search?{q}&page=2"));
    }
    for y in 2010..2026 {
        out.push(format!("/api/v1/search?kind=bao+cao&year={y}&facets=true"));
    }
    out
}

/// CPU seconds (user + system) of process `pid`, from `/proc/PID/stat`.
fn cpu_seconds(pid: &str) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name (which may hold spaces) in parentheses.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    // Clock ticks are 100 per second on Linux.
    Some((utime + stime) / 100.0)
}

fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * q).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

struct Args {
    url: String,
    clients: usize,
    rounds: usize,
    /// Requests per client instead of whole rounds (a shorter run).
    per_client: Option<usize>,
    server_pid: Option<String>,
}

fn args() -> Result<Args, String> {
    let mut a = Args {
        url: "http://127.0.0.1:7700".into(),
        clients: 8,
        rounds: 5,
        per_client: None,
        server_pid: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--url" => a.url = value()?,
            "--clients" => a.clients = value()?.parse().map_err(|e| format!("--clients: {e}"))?,
            "--rounds" => a.rounds = value()?.parse().map_err(|e| format!("--rounds: {e}"))?,
            "--server-pid" => a.server_pid = Some(value()?),
            "--per-client" => {
                a.per_client = Some(value()?.parse().map_err(|e| format!("--per-client: {e}"))?)
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(a)
}

fn main() {
    let a = match args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("serve_load: {e}");
            std::process::exit(2);
        }
    };
    let set = requests();
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("serve_load: {e}");
            std::process::exit(2);
        }
    };
    // Warm-up: every request once, serially (page cache, first opening of the index).
    let warm = rt.block_on(run(&a.url, &set, 1, set.len(), 0));
    if warm.1 > 0 {
        eprintln!("serve_load: {} warm-up requests failed", warm.1);
    }
    let server_cpu = a.server_pid.as_deref().and_then(cpu_seconds);
    let self_cpu = cpu_seconds("self");
    let t = Instant::now();
    let per_client = a.per_client.unwrap_or(a.rounds * set.len());
    let (mut lat, errors) = rt.block_on(run(&a.url, &set, a.clients, per_client, 1));
    let wall = t.elapsed();
    let server_cpu = a
        .server_pid
        .as_deref()
        .and_then(cpu_seconds)
        .zip(server_cpu)
        .map(|(after, before)| after - before);
    let self_cpu = cpu_seconds("self").zip(self_cpu).map(|(a, b)| a - b);
    lat.sort_by(f64::total_cmp);
    println!(
        "serve_load: {} requests ({} distinct) from {} clients, {} errors, {:.2} s wall, {:.0} req/s",
        lat.len(),
        set.len(),
        a.clients,
        errors,
        wall.as_secs_f64(),
        lat.len() as f64 / wall.as_secs_f64()
    );
    println!(
        "latency ms: p50 {:.2}  p90 {:.2}  p99 {:.2}  max {:.2}  mean {:.2}",
        quantile(&lat, 0.5),
        quantile(&lat, 0.9),
        quantile(&lat, 0.99),
        lat.last().copied().unwrap_or(f64::NAN),
        lat.iter().sum::<f64>() / lat.len().max(1) as f64
    );
    match server_cpu {
        Some(c) => println!(
            "server CPU: {c:.2} s ({:.2} ms per request, {:.0}% of one core over the run)",
            c * 1e3 / lat.len().max(1) as f64,
            c * 100.0 / wall.as_secs_f64()
        ),
        None => println!("server CPU: not measured (give --server-pid)"),
    }
    if let Some(c) = self_cpu {
        println!("load generator CPU: {c:.2} s");
    }
    if errors > 0 {
        std::process::exit(1);
    }
}

/// `clients` tasks, each sending `per_client` requests of the set in turn
/// from its own starting point; returns every latency (ms) and the failures.
async fn run(
    base: &str,
    set: &[String],
    clients: usize,
    per_client: usize,
    stagger: usize,
) -> (Vec<f64>, usize) {
    let mut tasks = Vec::new();
    for c in 0..clients {
        let base = base.to_string();
        let set = set.to_vec();
        tasks.push(tokio::spawn(async move {
            let client =
                hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
                    .pool_idle_timeout(Duration::from_secs(60))
                    .build_http::<Empty<Bytes>>();
            let mut lat = Vec::with_capacity(per_client);
            let mut errors = 0usize;
            let offset = c * stagger * set.len() / clients.max(1);
            for i in 0..per_client {
                {
                    let path = &set[(i + offset) % set.len()];
                    let Ok(uri) = format!("{base}{path}").parse::<hyper::Uri>() else {
                        errors += 1;
                        continue;
                    };
                    let t = Instant::now();
                    let ok = match client.get(uri).await {
                        Ok(res) => {
                            let status = res.status();
                            res.into_body().collect().await.is_ok() && status.is_success()
                        }
                        Err(_) => false,
                    };
                    lat.push(t.elapsed().as_secs_f64() * 1e3);
                    if !ok {
                        errors += 1;
                    }
                }
            }
            (lat, errors)
        }));
    }
    let mut all = Vec::new();
    let mut errors = 0;
    for t in tasks {
        match t.await {
            Ok((lat, e)) => {
                all.extend(lat);
                errors += e;
            }
            Err(_) => errors += 1,
        }
    }
    (all, errors)
}
