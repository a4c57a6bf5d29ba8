//! PostgreSQL: the five tables loaded with `COPY`, incrementally.
//!
//! The schema is created on first use from the versioned DDL in `sql/postgres/`
//! (its version is recorded in `<schema>.schema_version`; a database holding a
//! newer version than this vanban knows is refused). Documents are keyed by
//! their BLAKE3 id: one already loaded is skipped; a path whose file changed
//! (a new id) has its old document deleted, with its facts, in the same
//! transaction that loads the new one. Rows go in batches of documents, one
//! transaction per batch: a failed batch rolls back whole (no partial
//! document) and the load goes on with the next one.
//!
//! Batches are committed on a thread of their own while the next one is read
//! from the index and encoded, so reading and the server's work overlap (one
//! batch in flight at most, so memory stays at two batches).

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::sync::mpsc::{sync_channel, SyncSender};
use std::thread::JoinHandle;

use ::postgres::{Client, NoTls};

use crate::table::{rows, TableId, Value};
use crate::{ExportError, ExportRecord, ExportSummary, RecordSink};

/// The schema migrations, in order: version and DDL. A new version is a new
/// file appended here; a file already released is never edited.
pub const MIGRATIONS: &[(i32, &str)] = &[
    (1, include_str!("../../../sql/postgres/001_init.sql")),
    (
        2,
        include_str!("../../../sql/postgres/002_ocr_provenance.sql"),
    ),
];

/// The newest schema version this vanban creates and loads into.
pub fn schema_version() -> i32 {
    MIGRATIONS.last().map_or(0, |m| m.0)
}

/// Documents per transaction, unless asked otherwise.
pub const DEFAULT_BATCH_DOCUMENTS: usize = 500;

/// How to load.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// The PostgreSQL schema receiving the tables (a plain identifier).
    pub schema: String,
    /// Documents per transaction.
    pub batch_documents: usize,
    /// Delete the documents the export did not give (what the index no longer has).
    pub prune: bool,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            schema: "vanban".into(),
            batch_documents: DEFAULT_BATCH_DOCUMENTS,
            prune: false,
        }
    }
}

/// What a load did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoadReport {
    /// Documents loaded for the first time.
    pub added: usize,
    /// Documents whose path held another file before (old one deleted).
    pub replaced: usize,
    /// Documents already loaded with the same id.
    pub unchanged: usize,
    /// Documents deleted by `--prune`.
    pub pruned: usize,
    /// Rows written per table (committed batches only), in [`TableId::ALL`] order.
    pub rows: [usize; TableId::COUNT],
    /// Batches that failed and were rolled back: documents in each and the reason.
    pub failed_batches: Vec<(usize, String)>,
    /// Why `--prune` was not done, if it was asked and skipped.
    pub prune_skipped: Option<String>,
}

impl LoadReport {
    /// Documents in failed batches.
    pub fn failed_documents(&self) -> usize {
        self.failed_batches.iter().map(|b| b.0).sum()
    }
}

/// Describes a connection string without its password: `user@host:port/db`.
pub fn describe_url(url: &str) -> String {
    let Ok(config) = url.parse::<postgres::Config>() else {
        return "(unparsable connection string)".into();
    };
    let host = config
        .get_hosts()
        .first()
        .map(|h| match h {
            postgres::config::Host::Tcp(name) => name.clone(),
            postgres::config::Host::Unix(path) => path.display().to_string(),
        })
        .unwrap_or_else(|| "localhost".into());
    let port = config.get_ports().first().copied().unwrap_or(5432);
    format!(
        "{}@{host}:{port}/{}",
        config.get_user().unwrap_or("(default user)"),
        config.get_dbname().unwrap_or("(default database)")
    )
}

/// A schema name usable unquoted: lower-case ASCII letters, digits, `_`, not starting with a digit.
fn check_schema_name(name: &str) -> Result<(), ExportError> {
    let ok = !name.is_empty()
        && name.len() <= 63
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        && !name.as_bytes()[0].is_ascii_digit();
    if ok {
        Ok(())
    } else {
        Err(ExportError::Postgres(format!(
            "schema name {name:?}: use lower-case letters, digits and _ (not starting with a digit)"
        )))
    }
}

fn pg(context: &str, e: postgres::Error) -> ExportError {
    ExportError::Postgres(format!("{context}: {e}"))
}

/// A value in COPY's text format: `\N` for no value, backslash escapes for
/// the characters that would end a field or a row.
fn copy_field(out: &mut Vec<u8>, v: &Value<'_>) {
    match v {
        Value::Null => out.extend_from_slice(b"\\N"),
        Value::Text(s) => {
            for &b in s.as_bytes() {
                match b {
                    b'\\' => out.extend_from_slice(b"\\\\"),
                    b'\t' => out.extend_from_slice(b"\\t"),
                    b'\n' => out.extend_from_slice(b"\\n"),
                    b'\r' => out.extend_from_slice(b"\\r"),
                    _ => out.push(b),
                }
            }
        }
        Value::Int(n) => {
            let _ = write!(out, "{n}");
        }
        Value::Bool(b) => out.push(if *b { b't' } else { b'f' }),
        Value::Date(d) => {
            let _ = write!(out, "{d}");
        }
        Value::Timestamp { text, .. } => out.extend_from_slice(text.as_bytes()),
    }
}

/// The documents of one transaction, encoded.
#[derive(Default)]
struct Batch {
    /// COPY text per table.
    copy: [Vec<u8>; TableId::COUNT],
    rows: [usize; TableId::COUNT],
    /// (id, path) of each document in the batch.
    documents: Vec<(String, String)>,
    /// Ids of loaded documents this batch replaces.
    replaces: Vec<String>,
    added: usize,
    replaced: usize,
}

/// Loads records into PostgreSQL; see the module documentation.
pub struct PostgresSink {
    options: LoadOptions,
    /// Documents loaded before this run or sent to be committed by it: path by id.
    loaded: HashMap<String, String>,
    /// The same, id by path.
    by_path: HashMap<String, String>,
    /// Every id the export gave (for `--prune`).
    seen: HashSet<String>,
    batch: Batch,
    /// Where finished batches go to be committed.
    to_committer: Option<SyncSender<Batch>>,
    /// The thread committing batches; it hands back the connection and what it did.
    committer: Option<JoinHandle<Committed>>,
    report: LoadReport,
    summary: ExportSummary,
}

/// What the committing thread did: the connection (for `--prune`), its share of
/// the report, and the error that stopped it when the connection died.
struct Committed {
    client: Client,
    report: LoadReport,
    fatal: Option<ExportError>,
}

impl PostgresSink {
    /// Connects, creates or upgrades the schema, and reads which documents are loaded.
    pub fn connect(url: &str, options: LoadOptions) -> Result<Self, ExportError> {
        check_schema_name(&options.schema)?;
        let mut client = Client::connect(url, NoTls)
            .map_err(|e| pg(&format!("cannot connect to {}", describe_url(url)), e))?;
        migrate(&mut client, &options.schema)?;
        let mut loaded = HashMap::new();
        let mut by_path = HashMap::new();
        let rows = client
            .query(
                &format!("SELECT id, path FROM {}.documents", options.schema),
                &[],
            )
            .map_err(|e| pg("cannot read the loaded documents", e))?;
        for row in rows {
            let id: String = row.get(0);
            let path: String = row.get(1);
            by_path.insert(path.clone(), id.clone());
            loaded.insert(id, path);
        }
        let (to_committer, batches) = sync_channel::<Batch>(1);
        let schema = options.schema.clone();
        let committer = std::thread::spawn(move || {
            let mut client = client;
            let mut report = LoadReport::default();
            let mut fatal = None;
            for batch in batches {
                match commit_batch(&mut client, &schema, &batch) {
                    Ok(()) => {
                        report.added += batch.added;
                        report.replaced += batch.replaced;
                        for t in TableId::ALL {
                            report.rows[t as usize] += batch.rows[t as usize];
                        }
                    }
                    Err(reason) => {
                        // A dead connection fails every later batch the same way: stop.
                        if client.is_closed() {
                            fatal = Some(reason);
                            break;
                        }
                        report
                            .failed_batches
                            .push((batch.documents.len(), reason.to_string()));
                    }
                }
            }
            Committed {
                client,
                report,
                fatal,
            }
        });
        Ok(PostgresSink {
            options: LoadOptions {
                batch_documents: options.batch_documents.max(1),
                ..options
            },
            loaded,
            by_path,
            seen: HashSet::new(),
            batch: Batch::default(),
            to_committer: Some(to_committer),
            committer: Some(committer),
            report: LoadReport::default(),
            summary: ExportSummary::default(),
        })
    }

    /// What the load did so far (complete after `finish`).
    pub fn report(&self) -> &LoadReport {
        &self.report
    }

    /// Hands the pending batch to the committing thread (waiting while it still
    /// commits the one before). It commits in one transaction, or rolls back whole.
    fn flush(&mut self) -> Result<(), ExportError> {
        let batch = std::mem::take(&mut self.batch);
        if batch.documents.is_empty() {
            return Ok(());
        }
        // Later records are judged against this batch as if it were loaded: an id
        // repeated later in the run is skipped by `seen` whatever the outcome.
        for old in &batch.replaces {
            if let Some(path) = self.loaded.remove(old) {
                self.by_path.remove(&path);
            }
        }
        for (id, path) in batch.documents.iter().cloned() {
            self.by_path.insert(path.clone(), id.clone());
            self.loaded.insert(id, path);
        }
        let sent = match &self.to_committer {
            Some(to) => to.send(batch).is_ok(),
            None => false,
        };
        if sent {
            Ok(())
        } else {
            // The committer stopped: its connection died. Report why.
            self.join().map(drop)
        }
    }

    /// Stops the committing thread after its last batch and folds its report in;
    /// the connection, for what is left to do.
    fn join(&mut self) -> Result<Client, ExportError> {
        self.to_committer = None;
        let Some(thread) = self.committer.take() else {
            return Err(ExportError::Postgres(
                "the connection to PostgreSQL was lost".into(),
            ));
        };
        let done = thread.join().map_err(|_| {
            ExportError::Postgres("the thread committing batches stopped unexpectedly".into())
        })?;
        let r = done.report;
        self.report.added += r.added;
        self.report.replaced += r.replaced;
        for t in TableId::ALL {
            self.report.rows[t as usize] += r.rows[t as usize];
        }
        self.report.failed_batches.extend(r.failed_batches);
        match done.fatal {
            Some(e) => Err(e),
            None => Ok(done.client),
        }
    }
}

fn commit_batch(client: &mut Client, schema: &str, batch: &Batch) -> Result<(), ExportError> {
    let mut tx = client
        .transaction()
        .map_err(|e| pg("cannot begin a transaction", e))?;
    if !batch.replaces.is_empty() {
        tx.execute(
            &format!("DELETE FROM {schema}.documents WHERE id = ANY($1)"),
            &[&batch.replaces],
        )
        .map_err(|e| pg("cannot delete replaced documents", e))?;
    }
    for table in TableId::ALL {
        let data = &batch.copy[table as usize];
        if data.is_empty() {
            continue;
        }
        let columns: Vec<String> = table
            .columns()
            .iter()
            .map(|c| format!("\"{}\"", c.name))
            .collect();
        let sql = format!(
            "COPY {schema}.\"{}\" ({}) FROM STDIN",
            table.name(),
            columns.join(", ")
        );
        let context = format!("COPY into {schema}.{}", table.name());
        let mut writer = tx.copy_in(&sql).map_err(|e| pg(&context, e))?;
        writer
            .write_all(data)
            .map_err(|e| ExportError::Postgres(format!("{context}: {e}")))?;
        writer.finish().map_err(|e| pg(&context, e))?;
    }
    tx.commit().map_err(|e| pg("cannot commit", e))
}

impl RecordSink for PostgresSink {
    fn begin(&mut self) -> Result<(), ExportError> {
        Ok(())
    }

    fn write(&mut self, record: &ExportRecord) -> Result<(), ExportError> {
        self.summary.rows[TableId::Documents as usize] += 1;
        let fresh = self.seen.insert(record.id.clone());
        if !fresh || self.loaded.contains_key(&record.id) {
            self.report.unchanged += 1;
            return Ok(());
        }
        match self.by_path.get(&record.path) {
            Some(old) if old != &record.id => {
                self.batch.replaces.push(old.clone());
                self.batch.replaced += 1;
            }
            _ => self.batch.added += 1,
        }
        let batch = &mut self.batch;
        rows(record, |table, row| {
            let out = &mut batch.copy[table as usize];
            for (i, v) in row.iter().enumerate() {
                if i > 0 {
                    out.push(b'\t');
                }
                copy_field(out, v);
            }
            out.push(b'\n');
            batch.rows[table as usize] += 1;
            Ok::<(), ExportError>(())
        })?;
        batch
            .documents
            .push((record.id.clone(), record.path.clone()));
        if batch.documents.len() >= self.options.batch_documents {
            self.flush()?;
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<ExportSummary, ExportError> {
        self.flush()?;
        let mut client = self.join()?;
        if self.options.prune {
            if !self.report.failed_batches.is_empty() {
                self.report.prune_skipped = Some("some batches failed".into());
            } else {
                let keep: Vec<String> = self.seen.iter().cloned().collect();
                let schema = &self.options.schema;
                let n = client
                    .execute(
                        &format!("DELETE FROM {schema}.documents WHERE NOT (id = ANY($1))"),
                        &[&keep],
                    )
                    .map_err(|e| pg("cannot prune", e))?;
                self.report.pruned = n as usize;
            }
        }
        self.summary.rows[1..].copy_from_slice(&self.report.rows[1..]);
        Ok(self.summary)
    }
}

/// Creates the schema or brings it up to [`schema_version`], under an
/// advisory lock so two loaders do not migrate at once.
fn migrate(client: &mut Client, schema: &str) -> Result<(), ExportError> {
    let mut tx = client
        .transaction()
        .map_err(|e| pg("cannot begin a transaction", e))?;
    tx.execute("SELECT pg_advisory_xact_lock(hashtext($1))", &[&schema])
        .map_err(|e| pg("cannot lock the schema", e))?;
    tx.batch_execute(&format!(
        "CREATE SCHEMA IF NOT EXISTS {schema};
         CREATE TABLE IF NOT EXISTS {schema}.schema_version (
             version integer PRIMARY KEY,
             applied_at timestamptz NOT NULL DEFAULT now(),
             vanban_version text NOT NULL
         );"
    ))
    .map_err(|e| pg(&format!("cannot create schema {schema}"), e))?;
    let current: i32 = tx
        .query_one(
            &format!("SELECT coalesce(max(version), 0) FROM {schema}.schema_version"),
            &[],
        )
        .map_err(|e| pg("cannot read the schema version", e))?
        .get(0);
    let known = schema_version();
    if current > known {
        return Err(ExportError::Postgres(format!(
            "schema {schema} is at version {current}, newer than this vanban knows ({known}): \
             load with a newer vanban, or into another --schema"
        )));
    }
    for &(version, ddl) in MIGRATIONS.iter().filter(|m| m.0 > current) {
        tx.batch_execute(&format!(
            "SET LOCAL search_path TO {schema}, public;\n{ddl}"
        ))
        .map_err(|e| pg(&format!("schema version {version}"), e))?;
        tx.execute(
            &format!(
                "INSERT INTO {schema}.schema_version (version, vanban_version) VALUES ($1, $2)"
            ),
            &[&version, &env!("CARGO_PKG_VERSION")],
        )
        .map_err(|e| pg("cannot record the schema version", e))?;
    }
    // unaccent makes Vietnamese searchable without diacritics in SQL; where the
    // extension is not installed (or not allowed), the load goes on without it.
    tx.batch_execute("SAVEPOINT unaccent")
        .map_err(|e| pg("savepoint", e))?;
    if tx
        .batch_execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        .is_err()
    {
        tx.batch_execute("ROLLBACK TO SAVEPOINT unaccent")
            .map_err(|e| pg("savepoint", e))?;
    }
    tx.commit().map_err(|e| pg("cannot commit the schema", e))
}
