//! `vanban load postgres` against a real PostgreSQL server: a throwaway
//! cluster started here from the installed binaries (initdb/pg_ctl under
//! /usr/lib/postgresql/*/bin, 127.0.0.1 on a free port, stopped at the end),
//! or the server at $VANBAN_TEST_PG_URL. Without either the test is skipped
//! with a message, except in CI (CI=true) where that is a failure.
//!
//! Cases: load the corpus (counts and a join equal the JSON Lines export),
//! load again (nothing changes), change a file (one document replaced),
//! SIGKILL the loader mid-load (no duplicate, no partial document, a second
//! load completes), --prune, and a database with a newer schema refused.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use vanban_export::TableId;

use crate::common::{corpus_documents, json_lines, ok, vanban};

/// A PostgreSQL cluster in a temporary folder, stopped when dropped.
struct Cluster {
    bin: PathBuf,
    data: PathBuf,
    /// OS user running the server (root may not): `None` for the current one.
    user: Option<&'static str>,
    _dir: tempfile::TempDir,
}

impl Cluster {
    /// Runs a PostgreSQL program as the cluster's user.
    fn run(&self, program: &str, args: &[&str]) -> Output {
        run_as(self.user, &self.bin.join(program), args)
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let data = self.data.to_string_lossy().into_owned();
        let _ = self.run("pg_ctl", &["-D", &data, "-m", "immediate", "-w", "stop"]);
    }
}

fn run_as(user: Option<&str>, program: &Path, args: &[&str]) -> Output {
    let mut cmd = match user {
        Some(user) => {
            let mut c = Command::new("runuser");
            c.args(["-u", user, "--"]).arg(program);
            c
        }
        None => Command::new(program),
    };
    cmd.args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("run {}: {e}", program.display()))
}

/// The newest installed server binaries.
fn pg_bin() -> Option<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
        .filter(|b| b.join("initdb").exists() && b.join("pg_ctl").exists())
        .collect();
    found.sort_by_key(|b| {
        b.parent()
            .and_then(|v| v.file_name())
            .and_then(|v| v.to_str())
            .and_then(|v| v.parse::<u32>().ok())
            .unwrap_or(0)
    });
    found.pop()
}

/// A server to test against: $VANBAN_TEST_PG_URL, or a fresh cluster.
fn server() -> Option<(Option<Cluster>, String)> {
    if let Ok(url) = std::env::var("VANBAN_TEST_PG_URL") {
        return Some((None, url));
    }
    let Some(bin) = pg_bin() else {
        let msg = "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb) and \
                   VANBAN_TEST_PG_URL is not set";
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("{msg}: CI must run this test (apt-get install -y postgresql)");
        }
        eprintln!("SKIPPED postgres tests: {msg}");
        return None;
    };
    // PostgreSQL refuses to run as root: run it as the `postgres` user the
    // Debian package creates.
    let user = (unsafe { libc::geteuid() } == 0).then_some("postgres");
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    if let Some(user) = user {
        let chown = Command::new("chown")
            .args([user, dir.path().to_str().expect("utf-8")])
            .status()
            .expect("chown");
        assert!(chown.success(), "chown {user} {}", dir.path().display());
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let data_s = data.to_str().expect("utf-8").to_string();
    let sock = dir.path().to_str().expect("utf-8").to_string();
    let log = dir.path().join("log").to_str().expect("utf-8").to_string();
    let cluster = Cluster {
        bin,
        data,
        user,
        _dir: dir,
    };
    let init = cluster.run(
        "initdb",
        &[
            "-D",
            &data_s,
            "-A",
            "trust",
            "-U",
            "vanban",
            "-E",
            "UTF8",
            "--locale=C",
        ],
    );
    assert!(
        init.status.success(),
        "initdb: {}",
        String::from_utf8_lossy(&init.stderr)
    );
    let opts = format!("-p {port} -k {sock} -c listen_addresses=127.0.0.1 -c fsync=off");
    let start = cluster.run(
        "pg_ctl",
        &["-D", &data_s, "-o", &opts, "-l", &log, "-w", "start"],
    );
    assert!(
        start.status.success(),
        "pg_ctl start: {} {}",
        String::from_utf8_lossy(&start.stderr),
        std::fs::read_to_string(&log).unwrap_or_default()
    );
    let url = format!("postgres://vanban:not-a-secret-pw@127.0.0.1:{port}/postgres");
    Some((Some(cluster), url))
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A unique schema per run, so a shared $VANBAN_TEST_PG_URL server can be reused.
fn schema(name: &str) -> String {
    format!("t{}_{name}", std::process::id())
}

/// Documents and rows per table in `schema`, and per document the facts' row counts.
fn db_counts(client: &mut ::postgres::Client, schema: &str) -> ([i64; 5], Vec<(String, [i64; 4])>) {
    let mut totals = [0i64; 5];
    for t in TableId::ALL {
        totals[t as usize] = client
            .query_one(
                &format!("SELECT count(*) FROM {schema}.\"{}\"", t.name()),
                &[],
            )
            .expect("count")
            .get(0);
    }
    let per_doc = client
        .query(
            &format!(
                "SELECT d.id,
                    (SELECT count(*) FROM {schema}.\"references\" r WHERE r.doc_id = d.id),
                    (SELECT count(*) FROM {schema}.money m WHERE m.doc_id = d.id),
                    (SELECT count(*) FROM {schema}.case_counts c WHERE c.doc_id = d.id),
                    (SELECT count(*) FROM {schema}.periods p WHERE p.doc_id = d.id)
                 FROM {schema}.documents d ORDER BY d.id"
            ),
            &[],
        )
        .expect("per-document counts")
        .iter()
        .map(|r| (r.get(0), [r.get(1), r.get(2), r.get(3), r.get(4)]))
        .collect();
    (totals, per_doc)
}

/// What the JSON Lines export says the tables must hold.
fn json_counts(records: &[Value]) -> ([i64; 5], Vec<(String, [i64; 4])>) {
    let len = |r: &Value, k: &str| r[k].as_array().expect(k).len() as i64;
    let mentions = |r: &Value| -> i64 {
        r["references"]
            .as_array()
            .expect("refs")
            .iter()
            .map(|x| x["mentions"].as_array().expect("mentions").len() as i64)
            .sum()
    };
    let mut per_doc: Vec<(String, [i64; 4])> = records
        .iter()
        .map(|r| {
            (
                r["id"].as_str().expect("id").to_string(),
                [
                    mentions(r),
                    len(r, "money"),
                    len(r, "case_counts"),
                    len(r, "periods"),
                ],
            )
        })
        .collect();
    per_doc.sort();
    per_doc.dedup_by(|a, b| a.0 == b.0);
    let mut totals = [per_doc.len() as i64, 0, 0, 0, 0];
    for (_, c) in &per_doc {
        for i in 0..4 {
            totals[i + 1] += c[i];
        }
    }
    (totals, per_doc)
}

fn load(url: &str, index: &str, schema: &str, extra: &[&str]) -> Output {
    let mut args = vec![
        "load", "postgres", "--url", url, "--index", index, "--schema", schema,
    ];
    args.extend_from_slice(extra);
    vanban(&args)
}

#[test]
fn load_postgres_against_a_real_server() {
    let Some((_cluster, url)) = server() else {
        return;
    };
    let mut client = ::postgres::Client::connect(&url, ::postgres::NoTls).expect("connect");
    let scratch = tempfile::tempdir().expect("tempdir");
    // A copy of the corpus, so a file can change and disappear.
    let docs = scratch.path().join("docs");
    std::fs::create_dir_all(&docs).expect("docs folder");
    for f in corpus_documents() {
        std::fs::copy(&f, docs.join(f.file_name().expect("name"))).expect("copy");
    }
    let index_dir = scratch.path().join("index");
    let index = index_dir.to_str().expect("utf-8");
    let docs_s = docs.to_str().expect("utf-8");
    ok(&["ingest", "--quiet", "--index", index, docs_s]);
    let records = json_lines(&ok(&["export", "--index", index]).stdout);

    // --- First load: the tables hold the JSON's facts. ---
    let s = schema("main");
    let out = load(&url, index, &s, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        !stderr(&out).contains("not-a-secret-pw"),
        "password printed: {}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("vanban@127.0.0.1"),
        "{}",
        stderr(&out)
    );
    let want = json_counts(&records);
    assert_eq!(db_counts(&mut client, &s), want);
    assert!(want.0[1] > 0 && want.0[2] > 0);
    // The columns are the export tables' columns, in order.
    for t in TableId::ALL {
        let got: Vec<String> = client
            .query(
                "SELECT column_name::text FROM information_schema.columns
                 WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position",
                &[&s, &t.name()],
            )
            .expect("columns")
            .iter()
            .map(|r| r.get(0))
            .collect();
        let declared: Vec<&str> = t.columns().iter().map(|c| c.name).collect();
        assert_eq!(got, declared, "{}", t.name());
    }
    // Values byte for byte, and a join: each mention's sentence and the citing path.
    for rec in &records {
        let id = rec["id"].as_str().expect("id");
        let row = client
            .query_one(
                &format!("SELECT path, agency, date::text, date_precision FROM {s}.documents WHERE id = $1"),
                &[&id],
            )
            .expect("document row");
        assert_eq!(row.get::<_, String>(0), rec["path"].as_str().expect("path"));
        assert_eq!(
            row.get::<_, Option<String>>(1).as_deref(),
            rec["header"]["agency"].as_str()
        );
        let want_sentences: Vec<String> = rec["references"]
            .as_array()
            .expect("refs")
            .iter()
            .flat_map(|x| x["mentions"].as_array().expect("m").iter())
            .map(|m| m["sentence"].as_str().expect("sentence").to_string())
            .collect();
        let got_sentences: Vec<String> = client
            .query(
                &format!(
                    "SELECT r.sentence FROM {s}.\"references\" r JOIN {s}.documents d ON d.id = r.doc_id
                     WHERE d.path = $1 ORDER BY r.ordinal"
                ),
                &[&rec["path"].as_str().expect("path")],
            )
            .expect("join")
            .iter()
            .map(|r| r.get(0))
            .collect();
        assert_eq!(got_sentences, want_sentences, "{id}");
    }
    // The view resolves a citation to a loaded document when one has the cited number.
    let resolved: i64 = client
        .query_one(
            &format!("SELECT count(*) FROM {s}.reference_targets WHERE cited_id IS NOT NULL"),
            &[],
        )
        .expect("view")
        .get(0);
    let numbers: std::collections::BTreeSet<&str> = records
        .iter()
        .filter_map(|r| r["header"]["number"].as_str())
        .collect();
    let cited_loaded = records
        .iter()
        .flat_map(|r| r["references"].as_array().expect("refs").iter())
        .any(|x| numbers.contains(x["number"].as_str().unwrap_or("")));
    assert_eq!(resolved > 0, cited_loaded);

    // --- Load again: nothing changes. ---
    let out = load(&url, index, &s, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(" 0 added, 0 replaced"),
        "{}",
        stderr(&out)
    );
    assert_eq!(db_counts(&mut client, &s), want);

    // --- A changed file: its document is replaced, with its facts. ---
    let changed = corpus_documents()
        .into_iter()
        .find(|f| f.extension().is_some_and(|e| e == "txt"))
        .expect("a .txt document");
    let changed = docs.join(changed.file_name().expect("name"));
    let mut text = std::fs::read_to_string(&changed).expect("read");
    text.push_str("\nTheo Nghị định số 99/2099/NĐ-CP của Chính phủ.\n");
    std::fs::write(&changed, text).expect("change the file");
    ok(&["ingest", "--quiet", "--index", index, docs_s]);
    let records2 = json_lines(&ok(&["export", "--index", index]).stdout);
    let out = load(&url, index, &s, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(" 0 added, 1 replaced"),
        "{}",
        stderr(&out)
    );
    assert_eq!(db_counts(&mut client, &s), json_counts(&records2));
    let cited: i64 = client
        .query_one(
            &format!("SELECT count(*) FROM {s}.\"references\" WHERE number = '99/2099/NĐ-CP'"),
            &[],
        )
        .expect("new citation")
        .get(0);
    assert_eq!(cited, 1);

    // --- --prune: a document the index no longer has goes from the database
    // (a fresh index of the folder without the file). ---
    std::fs::remove_file(&changed).expect("remove");
    let index_dir = scratch.path().join("index2");
    let index = index_dir.to_str().expect("utf-8");
    ok(&["ingest", "--quiet", "--index", index, docs_s]);
    let records3 = json_lines(&ok(&["export", "--index", index]).stdout);
    assert_eq!(records3.len() + 1, records2.len());
    let out = load(&url, index, &s, &["--prune"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("1 pruned"), "{}", stderr(&out));
    assert_eq!(db_counts(&mut client, &s), json_counts(&records3));

    // --- SIGKILL mid-load: no duplicate, no partial document; loading again completes. ---
    let k = schema("killed");
    let mut child = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args([
            "load", "postgres", "--url", &url, "--index", index, "--schema", &k, "--batch", "1",
        ])
        .stderr(Stdio::null())
        .spawn()
        .expect("start the loader");
    let started = Instant::now();
    loop {
        let n: i64 = client
            .query_one(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'documents'",
                &[&k],
            )
            .map(|r| r.get(0))
            .unwrap_or(0);
        let loaded: i64 = if n > 0 {
            client
                .query_one(&format!("SELECT count(*) FROM {k}.documents"), &[])
                .map(|r| r.get(0))
                .unwrap_or(0)
        } else {
            0
        };
        if loaded >= 2 || started.elapsed() > Duration::from_secs(60) {
            break;
        }
        if child.try_wait().expect("poll").is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let _ = child.kill(); // SIGKILL on Unix
    let _ = child.wait();
    let (_, partial) = db_counts(&mut client, &k);
    let complete = json_counts(&records3).1;
    for (id, counts) in &partial {
        let want = complete
            .iter()
            .find(|(i, _)| i == id)
            .expect("a known document");
        assert_eq!(counts, &want.1, "{id}: partial document after SIGKILL");
    }
    let out = load(&url, index, &k, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(db_counts(&mut client, &k), json_counts(&records3));

    // --- A database holding a newer schema version is refused. ---
    client
        .execute(
            &format!(
                "INSERT INTO {s}.schema_version (version, vanban_version) VALUES (999, 'future')"
            ),
            &[],
        )
        .expect("bump the version");
    let out = load(&url, index, &s, &[]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("version 999"), "{}", stderr(&out));
    assert!(stderr(&out).contains("newer"), "{}", stderr(&out));

    // --- No URL at all is a clear error. ---
    let out = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["load", "postgres", "--index", index])
        .env_remove("DATABASE_URL")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("DATABASE_URL"), "{}", stderr(&out));
}
