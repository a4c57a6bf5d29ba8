//! Search beyond one node: OpenSearch bulk files, the index template they
//! load into, and a Quickwit index config with the same fields.
//!
//! One search document per file, `_id` = the document id (BLAKE3 of the
//! bytes), written as `create` actions (the only bulk action Quickwit's
//! Elasticsearch-compatible endpoint accepts, so the same files load into
//! both engines; a second load of the same files into OpenSearch changes
//! nothing and reports each document as a conflict).
//!
//! **Facts are flat, multi-valued fields of the document, not nested objects
//! nor a separate index.** Cited-by (`which documents cite 55/2011/NĐ-CP`) and
//! every filter of `vanban search` (kind, agency, dates, year, cited number,
//! amount range, OCR) ask whether a document has *some* value, which a flat
//! keyword or long array answers with a term or range query — exactly how
//! vanban's own tantivy index stores them (`cites`, `money` are multi-valued
//! there too). Nested objects would add a hidden Lucene document per fact
//! (hundreds per report, against `index.mapping.nested_objects.limit` of
//! 10,000) and need nested queries; a separate fact index would need joins in
//! the client; Quickwit has no nested type at all. The facts themselves (each
//! mention's page, span and sentence, for showing *where* a document cites
//! another) travel in `facts`, kept in `_source` and not indexed.
//!
//! **Two text fields, as in vanban's index.** `body` holds the page texts as
//! repaired (diacritics exact, display text never rewritten) under an analyzer
//! that lower-cases and unifies tone placement (`hoà`/`hòa`, `uỷ`/`ủy`: the
//! mapping char filter is generated from, and tested against,
//! [`vanban_text::canonical_tones`]). `body_folded` holds the same pages
//! folded by vanban itself ([`vanban_text::folded_key`]: marks removed,
//! `đ`→`d`, lower case), so the indexed folded terms are vanban's folding
//! whatever the engine's folding filter does with unusual input; its analyzer
//! still folds (`asciifolding`, which maps `đ`/`Đ` to `d`/`D` itself, after a
//! char filter dropping combining marks so decomposed input folds too) because
//! the *query* must be folded by the engine: `cai cach` and `cải cách` both
//! find `cải cách` there, and `cải cách` also scores on `body`, as `vanban
//! search` boosts exact matches. A pre-folded field rather than a second
//! analysis of one field because Quickwit has no multi-fields: both engines
//! then read the same documents. OpenSearch keeps `body_folded` out of
//! `_source` (indexed, not stored twice); Quickwit marks it `stored: false`.
//! No analysis plugin is required (`analysis-icu` is not assumed installed).

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use serde_json::{json, Map, Value as Json};
use vanban_text::{canonical_doc_number, folded_doc_number, folded_key};

use crate::table::{parse_date, DistinctIds};
use crate::{ExportError, ExportRecord, ExportSummary, RecordSink};

/// The index (and Quickwit index id) the bulk files write to.
pub const INDEX_NAME: &str = "vanban";
/// The bound on one bulk file's size: a tenth of OpenSearch's default
/// `http.max_content_length` (100 MB), a request size bulk loads handle well.
/// A single document larger than this is written alone in its own file.
pub const MAX_BULK_BYTES: usize = 10_000_000;
/// File name of the OpenSearch composable index template.
pub const TEMPLATE_FILE: &str = "index-template.json";
/// File name of the Quickwit index config.
pub const QUICKWIT_FILE: &str = "quickwit-index.yaml";
/// Bulk files are `bulk-00001.ndjson`, `bulk-00002.ndjson`, …
pub const BULK_PREFIX: &str = "bulk-";
/// Extension of the bulk files.
pub const BULK_EXTENSION: &str = "ndjson";

/// How a search field is indexed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// One exact term per value (filters, aggregations).
    Keyword,
    /// Full text under the exact analyzer (diacritics kept).
    ExactText,
    /// Full text under the folding analyzer (the value is already folded by vanban).
    FoldedText,
    /// A calendar date, `YYYY-MM-DD`.
    Date,
    /// An instant, RFC 3339 UTC without fractions (`2026-01-31T08:00:00Z`).
    Timestamp,
    /// A signed 64-bit integer.
    Long,
    /// `true` or `false`.
    Bool,
    /// A JSON object kept with the document and not indexed.
    Stored,
}

/// One field of the search documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchField {
    /// Field name.
    pub name: &'static str,
    /// How it is indexed.
    pub kind: FieldKind,
    /// Whether a document carries a list of values (else at most one).
    pub many: bool,
}

const fn one(name: &'static str, kind: FieldKind) -> SearchField {
    SearchField {
        name,
        kind,
        many: false,
    }
}

const fn many(name: &'static str, kind: FieldKind) -> SearchField {
    SearchField {
        name,
        kind,
        many: true,
    }
}

use FieldKind::{Bool, Date, ExactText, FoldedText, Keyword, Long, Stored, Timestamp};

/// Every field of a search document, defined once: the template's mapping,
/// the Quickwit config and the documents are all built from this list.
pub const FIELDS: &[SearchField] = &[
    one("id", Keyword),
    one("path", Keyword),
    one("format", Keyword),
    one("pages", Long),
    // The own number as the index stores it (canonical) and as it is looked up (folded).
    one("number", Keyword),
    one("number_key", Keyword),
    one("kind", Keyword),
    one("kind_key", Keyword),
    one("agency", Keyword),
    one("parent_agency", Keyword),
    // Issuing and parent body folded, for `--agency` (every word must match).
    many("agency_folded", FoldedText),
    one("place", Keyword),
    one("date", Date),
    one("date_precision", Keyword),
    one("year", Long),
    one("subject", ExactText),
    one("signer", Keyword),
    one("signer_title", Keyword),
    many("recipients", Keyword),
    many("body", ExactText),
    many("body_folded", FoldedText),
    // Every cited number folded as `--cites` looks it up (the index's `cites`).
    many("cites", Keyword),
    // Whole cited numbers, canonical, once each (the index's `/cites/` facet).
    many("cited_numbers", Keyword),
    many("cited_issuers", Keyword),
    many("money", Long),
    one("needs_ocr", Bool),
    one("ocr", Bool),
    one("ocr_min_confidence", Long),
    many("warning_kinds", Keyword),
    one("ingested_at", Timestamp),
    one("vanban_version", Keyword),
    one("schema_version", Keyword),
    one("facts", Stored),
];

/// The search document of one record (without the bulk action line).
pub fn document(record: &ExportRecord) -> Map<String, Json> {
    let mut d = Map::new();
    let h = &record.facts.header;
    let text = |s: &str| Json::String(s.to_string());
    let put = |d: &mut Map<String, Json>, k: &str, v: Option<&String>| {
        if let Some(v) = v.map(|v| v.trim()).filter(|v| !v.is_empty()) {
            d.insert(k.into(), text(v));
        }
    };
    d.insert("id".into(), text(&record.id));
    d.insert("path".into(), text(&record.path));
    d.insert("format".into(), text(&record.format));
    d.insert("pages".into(), json!(record.pages));
    if let Some(n) = h.number.as_deref().filter(|n| !n.trim().is_empty()) {
        d.insert("number".into(), text(&canonical_doc_number(n)));
        d.insert("number_key".into(), text(&folded_doc_number(n)));
    }
    if let Some(k) = h.kind.as_deref().filter(|k| !k.trim().is_empty()) {
        d.insert("kind".into(), text(k.trim()));
        d.insert("kind_key".into(), text(&folded_key(k)));
    }
    put(&mut d, "agency", h.agency.as_ref());
    put(&mut d, "parent_agency", h.parent_agency.as_ref());
    let agencies: Vec<Json> = [&h.agency, &h.parent_agency]
        .into_iter()
        .flatten()
        .map(|a| folded_key(a))
        .filter(|a| !a.is_empty())
        .map(Json::String)
        .collect();
    if !agencies.is_empty() {
        d.insert("agency_folded".into(), Json::Array(agencies));
    }
    put(&mut d, "place", h.place.as_ref());
    if let Some((date, precision)) = h.date.as_deref().and_then(parse_date) {
        d.insert("date".into(), text(&date.format("%Y-%m-%d").to_string()));
        d.insert("date_precision".into(), text(precision.as_str()));
        d.insert("year".into(), json!(chrono::Datelike::year(&date)));
    }
    put(&mut d, "subject", h.subject.as_ref());
    put(&mut d, "signer", h.signer.as_ref());
    put(&mut d, "signer_title", h.signer_title.as_ref());
    let recipients: Vec<Json> = h
        .recipients
        .iter()
        .filter(|r| !r.trim().is_empty())
        .map(|r| text(r))
        .collect();
    if !recipients.is_empty() {
        d.insert("recipients".into(), Json::Array(recipients));
    }
    if !record.text.is_empty() {
        d.insert(
            "body".into(),
            Json::Array(record.text.iter().map(|p| text(p)).collect()),
        );
        d.insert(
            "body_folded".into(),
            Json::Array(record.text.iter().map(|p| text(&folded_key(p))).collect()),
        );
    }
    let mut cites: Vec<String> = Vec::new();
    let mut numbers: Vec<String> = Vec::new();
    let mut issuers: Vec<String> = Vec::new();
    for r in &record.facts.references {
        let key = folded_doc_number(&r.number);
        if key.is_empty() {
            continue;
        }
        if !cites.contains(&key) {
            cites.push(key);
        }
        if !r.partial {
            let canonical = canonical_doc_number(&r.number);
            if !numbers.contains(&canonical) {
                numbers.push(canonical);
            }
        }
        if let Some(i) = r.issuer.as_deref().map(str::trim).filter(|i| !i.is_empty()) {
            if !issuers.iter().any(|x| x == i) {
                issuers.push(i.to_string());
            }
        }
    }
    for (k, v) in [
        ("cites", cites),
        ("cited_numbers", numbers),
        ("cited_issuers", issuers),
    ] {
        if !v.is_empty() {
            d.insert(k.into(), json!(v));
        }
    }
    let money: Vec<i64> = record.facts.money.iter().filter_map(|m| m.vnd).collect();
    if !money.is_empty() {
        d.insert("money".into(), json!(money));
    }
    d.insert("needs_ocr".into(), json!(record.needs_ocr));
    d.insert("ocr".into(), json!(record.ocr.is_some()));
    if let Some(c) = record.ocr.as_ref().and_then(|o| o.min_page_confidence()) {
        d.insert("ocr_min_confidence".into(), json!(c.round() as i64));
    }
    let mut kinds: Vec<String> = Vec::new();
    for w in &record.warnings {
        if let Some(k) = serde_json::to_value(w.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
        {
            if !kinds.contains(&k) {
                kinds.push(k);
            }
        }
    }
    if !kinds.is_empty() {
        d.insert("warning_kinds".into(), json!(kinds));
    }
    // Only a well-formed instant: a date field refuses anything else.
    if crate::table::parse_utc_seconds(&record.ingested_at).is_some() {
        d.insert("ingested_at".into(), text(&record.ingested_at));
    }
    d.insert("vanban_version".into(), text(&record.vanban_version));
    d.insert("schema_version".into(), text(&record.schema_version));
    d.insert(
        "facts".into(),
        serde_json::to_value(&record.facts).unwrap_or(Json::Null),
    );
    d
}

/// Tones and the vowel each marks: grave, acute, hook above, tilde, dot below.
const TONED: &[(char, [char; 5])] = &[
    ('a', ['à', 'á', 'ả', 'ã', 'ạ']),
    ('e', ['è', 'é', 'ẻ', 'ẽ', 'ẹ']),
    ('o', ['ò', 'ó', 'ỏ', 'õ', 'ọ']),
    ('u', ['ù', 'ú', 'ủ', 'ũ', 'ụ']),
    ('y', ['ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ']),
];

fn toned(v: char, tone: usize) -> char {
    TONED
        .iter()
        .find(|(base, _)| *base == v)
        .map_or(v, |(_, t)| t[tone])
}

fn upper(c: char) -> char {
    c.to_uppercase().next().unwrap_or(c)
}

/// The mapping char filter's rules that put a tone of `oa`, `oe`, `uy` on the
/// first vowel (`oà => òa`, `uỷ => ủy`, in every letter case), the canonical
/// placement of [`vanban_text::canonical_tones`]. Applied to documents and
/// queries alike, so the two spellings meet (a closed syllable such as `hoàng`
/// is rewritten too, on both sides, which changes no match).
pub fn tone_placement_rules() -> Vec<String> {
    let mut rules = Vec::new();
    for (first, second) in [('o', 'a'), ('o', 'e'), ('u', 'y')] {
        for tone in 0..5 {
            for (f, s) in [
                (first, second),
                (upper(first), second),
                (first, upper(second)),
                (upper(first), upper(second)),
            ] {
                let tf = toned(first, tone);
                let ts = toned(second, tone);
                let tf = if f.is_uppercase() { upper(tf) } else { tf };
                let ts = if s.is_uppercase() { upper(ts) } else { ts };
                rules.push(format!("{f}{ts} => {tf}{s}"));
            }
        }
    }
    rules
}

/// The analyzer name of a text kind.
fn analyzer(kind: FieldKind) -> &'static str {
    if kind == FoldedText {
        "vanban_folded"
    } else {
        "vanban_exact"
    }
}

/// The OpenSearch mapping of one field.
fn opensearch_mapping(f: &SearchField) -> Json {
    match f.kind {
        // Longer values stay in `_source` but are not indexed, rather than failing the document.
        Keyword => json!({"type": "keyword", "ignore_above": 1024}),
        ExactText | FoldedText => json!({"type": "text", "analyzer": analyzer(f.kind)}),
        Date => json!({"type": "date", "format": "strict_date"}),
        Timestamp => json!({"type": "date", "format": "strict_date_time_no_millis"}),
        Long => json!({"type": "long"}),
        Bool => json!({"type": "boolean"}),
        Stored => json!({"type": "object", "enabled": false}),
    }
}

/// The OpenSearch composable index template (`PUT _index_template/vanban`).
pub fn index_template(vanban_version: &str) -> Json {
    let properties: Map<String, Json> = FIELDS
        .iter()
        .map(|f| (f.name.to_string(), opensearch_mapping(f)))
        .collect();
    json!({
        "index_patterns": [INDEX_NAME, format!("{INDEX_NAME}-*")],
        "priority": 100,
        "_meta": {
            "generated_by": format!("vanban {vanban_version}"),
            "description": "Vietnamese reports: exact-diacritic text (body) and vanban's folding (body_folded); keyword, date and long fields for the filters of `vanban search`; facts kept in _source only."
        },
        "template": {
            "settings": {
                "analysis": {
                    "char_filter": {
                        "vanban_tone_placement": {
                            "type": "mapping",
                            "mappings": tone_placement_rules()
                        },
                        "vanban_drop_combining_marks": {
                            "type": "pattern_replace",
                            "pattern": "[\\u0300-\\u036F]",
                            "replacement": ""
                        }
                    },
                    "filter": {
                        "vanban_fold": {"type": "asciifolding", "preserve_original": false}
                    },
                    "analyzer": {
                        "vanban_exact": {
                            "type": "custom",
                            "char_filter": ["vanban_tone_placement"],
                            "tokenizer": "standard",
                            "filter": ["lowercase"]
                        },
                        "vanban_folded": {
                            "type": "custom",
                            "char_filter": ["vanban_drop_combining_marks"],
                            "tokenizer": "standard",
                            "filter": ["lowercase", "vanban_fold"]
                        }
                    }
                }
            },
            "mappings": {
                "dynamic": "strict",
                "_source": {"excludes": ["body_folded"]},
                "properties": properties
            }
        }
    })
}

/// The Quickwit field mapping of one field, as YAML lines (two-space indented list item).
fn quickwit_field(f: &SearchField) -> String {
    let ty = |t: &str| {
        if f.many {
            format!("array<{t}>")
        } else {
            t.to_string()
        }
    };
    let mut lines = vec![format!("    - name: {}", f.name)];
    let mut put = |k: &str, v: String| lines.push(format!("      {k}: {v}"));
    match f.kind {
        Keyword => {
            put("type", ty("text"));
            put("tokenizer", "raw".into());
            put("fast", "true".into());
        }
        ExactText => {
            put("type", ty("text"));
            put("tokenizer", "default".into());
            put("record", "position".into());
            put("fieldnorms", "true".into());
        }
        FoldedText => {
            put("type", ty("text"));
            put("tokenizer", "vanban_folded".into());
            put("record", "position".into());
            put("fieldnorms", "true".into());
            // Folded text is for matching; the exact field is what is shown.
            put("stored", "false".into());
        }
        Date => {
            put("type", ty("datetime"));
            put("input_formats", "[\"%Y-%m-%d\"]".into());
            put("fast", "true".into());
            put("fast_precision", "seconds".into());
        }
        Timestamp => {
            put("type", ty("datetime"));
            put("input_formats", "[rfc3339]".into());
            put("fast", "true".into());
            put("fast_precision", "seconds".into());
        }
        Long => {
            put("type", ty("i64"));
            put("fast", "true".into());
        }
        Bool => {
            put("type", ty("bool"));
            put("fast", "true".into());
        }
        Stored => {
            put("type", "json".into());
            put("indexed", "false".into());
            put("stored", "true".into());
        }
    }
    lines.join("\n")
}

/// The Quickwit index config (`quickwit index create --index-config …`): the
/// same fields; `default` (lower-casing, diacritics kept) for the exact text
/// and a custom tokenizer with `ascii_folding` for the folded text. Quickwit
/// has no char filters, so its exact field does not unify tone placement
/// (`hoà` and `hòa` meet only through the folded field).
pub fn quickwit_config(vanban_version: &str) -> String {
    let fields: Vec<String> = FIELDS.iter().map(quickwit_field).collect();
    format!(
        "# Quickwit index config generated by vanban {vanban_version}: the fields of the\n\
         # OpenSearch bulk files beside it (load them through Quickwit's `_elastic/_bulk`).\n\
         version: 0.8\n\
         index_id: {INDEX_NAME}\n\
         doc_mapping:\n  \
           mode: strict\n  \
           store_source: false\n  \
           tokenizers:\n    \
             - name: vanban_folded\n      \
               type: simple\n      \
               filters: [remove_long, lower_caser, ascii_folding]\n  \
           field_mappings:\n\
         {}\n\
         search_settings:\n  \
           default_search_fields: [body_folded]\n",
        fields.join("\n")
    )
}

/// Writes bulk NDJSON files of at most [`MAX_BULK_BYTES`] each, plus the
/// index template and the Quickwit config, into one folder.
pub struct OpenSearchSink {
    dir: PathBuf,
    max_bytes: usize,
    vanban_version: String,
    /// The open bulk file, its path and the bytes written to it.
    current: Option<(BufWriter<File>, PathBuf, usize)>,
    files: usize,
    ids: DistinctIds,
    summary: ExportSummary,
}

impl OpenSearchSink {
    /// A sink writing into `dir` (created if missing; a non-empty folder needs
    /// `force`, and then its old bulk files are removed first).
    pub fn create(dir: &Path, force: bool, vanban_version: &str) -> Result<Self, ExportError> {
        crate::folder::prepare(dir, force)?;
        let io = |source| ExportError::Io {
            path: dir.to_path_buf(),
            source,
        };
        // A smaller export must not leave an earlier export's later parts behind.
        for entry in std::fs::read_dir(dir).map_err(io)? {
            let path = entry.map_err(io)?.path();
            if is_bulk_file(&path) {
                std::fs::remove_file(&path).map_err(|source| ExportError::Io {
                    path: path.clone(),
                    source,
                })?;
            }
        }
        Ok(OpenSearchSink {
            dir: dir.to_path_buf(),
            max_bytes: MAX_BULK_BYTES,
            vanban_version: vanban_version.to_string(),
            current: None,
            files: 0,
            ids: DistinctIds::default(),
            summary: ExportSummary::default(),
        })
    }

    /// The same with another bound on a bulk file's size (for tests).
    pub fn with_max_bytes(mut self, max_bytes: usize) -> Self {
        self.max_bytes = max_bytes.max(1);
        self
    }

    /// Number of bulk files written so far.
    pub fn files(&self) -> usize {
        self.files
    }

    fn write_file(&self, name: &str, bytes: &[u8]) -> Result<(), ExportError> {
        let path = self.dir.join(name);
        std::fs::write(&path, bytes).map_err(|source| ExportError::Io { path, source })
    }

    fn close_current(&mut self) -> Result<(), ExportError> {
        if let Some((mut out, path, _)) = self.current.take() {
            out.flush()
                .map_err(|source| ExportError::Io { path, source })?;
        }
        Ok(())
    }
}

/// Whether `path` names a bulk file of this export (`bulk-NNNNN.ndjson`).
pub fn is_bulk_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.strip_prefix(BULK_PREFIX))
        .and_then(|n| n.strip_suffix(BULK_EXTENSION))
        .and_then(|n| n.strip_suffix('.'))
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

impl RecordSink for OpenSearchSink {
    fn begin(&mut self) -> Result<(), ExportError> {
        let template = index_template(&self.vanban_version);
        let path = self.dir.join(TEMPLATE_FILE);
        let bytes = serde_json::to_vec_pretty(&template)
            .map_err(|source| ExportError::Json { path, source })?;
        self.write_file(TEMPLATE_FILE, &bytes)?;
        self.write_file(
            QUICKWIT_FILE,
            quickwit_config(&self.vanban_version).as_bytes(),
        )
    }

    fn write(&mut self, record: &ExportRecord) -> Result<(), ExportError> {
        if !self.ids.first(&record.id) {
            self.summary.repeated += 1;
            return Ok(());
        }
        let json_err = |source| ExportError::Json {
            path: self.dir.clone(),
            source,
        };
        let action = json!({"create": {"_index": INDEX_NAME, "_id": record.id}});
        let mut pair = serde_json::to_vec(&action).map_err(json_err)?;
        pair.push(b'\n');
        serde_json::to_writer(&mut pair, &document(record)).map_err(json_err)?;
        pair.push(b'\n');
        let full = self
            .current
            .as_ref()
            .is_some_and(|(_, _, n)| *n > 0 && n + pair.len() > self.max_bytes);
        if full {
            self.close_current()?;
        }
        if self.current.is_none() {
            self.files += 1;
            let path = self
                .dir
                .join(format!("{BULK_PREFIX}{:05}.{BULK_EXTENSION}", self.files));
            let file = File::create(&path).map_err(|source| ExportError::Io {
                path: path.clone(),
                source,
            })?;
            self.current = Some((BufWriter::new(file), path, 0));
        }
        if let Some((out, path, n)) = self.current.as_mut() {
            out.write_all(&pair).map_err(|source| ExportError::Io {
                path: path.clone(),
                source,
            })?;
            *n += pair.len();
        }
        self.summary.count(record)
    }

    fn finish(&mut self) -> Result<ExportSummary, ExportError> {
        self.close_current()?;
        Ok(self.summary)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn export(records: &[ExportRecord], max: usize) -> (tempfile::TempDir, OpenSearchSink) {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut sink = OpenSearchSink::create(dir.path(), false, "0.1.0")
            .expect("sink")
            .with_max_bytes(max);
        sink.begin().expect("begin");
        for r in records {
            sink.write(r).expect("write");
        }
        sink.finish().expect("finish");
        (dir, sink)
    }

    fn lines(path: &Path) -> Vec<Json> {
        std::fs::read_to_string(path)
            .expect("read")
            .lines()
            .map(|l| serde_json::from_str(l).expect("json line"))
            .collect()
    }

    #[test]
    fn a_record_gives_an_action_and_a_document_with_exact_and_folded_text() {
        let (dir, sink) = export(&[crate::testing::record()], MAX_BULK_BYTES);
        assert_eq!(sink.files(), 1);
        let l = lines(&dir.path().join("bulk-00001.ndjson"));
        assert_eq!(l.len(), 2);
        assert_eq!(l[0]["create"]["_id"], "abc");
        assert_eq!(l[0]["create"]["_index"], INDEX_NAME);
        let d = &l[1];
        assert_eq!(
            d["body"][0],
            "Theo Kế hoạch số 12/KH-UBND, Ủy ban nhân dân tỉnh cải cách hành chính."
        );
        assert_eq!(
            d["body_folded"][0],
            "theo ke hoach so 12/kh-ubnd, uy ban nhan dan tinh cai cach hanh chinh."
        );
        assert_eq!(d["cites"], json!(["12/kh-ubnd"]));
        assert_eq!(d["cited_numbers"], json!(["12/KH-UBND"]));
        assert_eq!(d["money"], json!([5_000_000]));
        assert_eq!(d["kind_key"], "bao cao");
        assert_eq!(d["agency_folded"], json!(["ubnd tinh ha tinh"]));
        assert_eq!(d["date"], "2021-06-15");
        assert_eq!(d["year"], 2021);
        assert_eq!(d["facts"]["references"][0]["number"], "12/KH-UBND");
        assert!(dir.path().join(TEMPLATE_FILE).exists());
        assert!(dir.path().join(QUICKWIT_FILE).exists());
    }

    #[test]
    fn every_document_field_is_mapped_and_nothing_else_is() {
        let d = document(&crate::testing::record());
        let names: Vec<&str> = FIELDS.iter().map(|f| f.name).collect();
        for k in d.keys() {
            assert!(names.contains(&k.as_str()), "{k} not in FIELDS");
        }
        let t = index_template("0.1.0");
        let props = t["template"]["mappings"]["properties"]
            .as_object()
            .expect("properties");
        assert_eq!(props.len(), FIELDS.len());
        assert_eq!(props["money"]["type"], "long");
        assert_eq!(props["cites"]["type"], "keyword");
        assert_eq!(props["body_folded"]["analyzer"], "vanban_folded");
        assert_eq!(t["template"]["mappings"]["dynamic"], "strict");
    }

    #[test]
    fn bulk_files_split_at_the_bound_and_never_split_a_pair() {
        let mut records = Vec::new();
        for i in 0..5 {
            let mut r = crate::testing::record();
            r.id = format!("doc-{i}");
            records.push(r);
        }
        let one_pair = {
            let (dir, _) = export(&records[..1], MAX_BULK_BYTES);
            std::fs::metadata(dir.path().join("bulk-00001.ndjson"))
                .expect("meta")
                .len() as usize
        };
        // Room for two pairs a file: five documents give three files.
        let (dir, sink) = export(&records, 2 * one_pair + 10);
        assert_eq!(sink.files(), 3);
        let mut ids = Vec::new();
        for n in 1..=3 {
            let path = dir.path().join(format!("bulk-{n:05}.ndjson"));
            assert!(std::fs::metadata(&path).expect("meta").len() as usize <= 2 * one_pair + 10);
            let l = lines(&path);
            assert_eq!(l.len() % 2, 0);
            for pair in l.chunks(2) {
                assert_eq!(pair[0]["create"]["_id"], pair[1]["id"]);
                ids.push(pair[1]["id"].as_str().expect("id").to_string());
            }
        }
        assert_eq!(ids, ["doc-0", "doc-1", "doc-2", "doc-3", "doc-4"]);
        // A bound smaller than one document: each document alone in its file.
        let (_, sink) = export(&records[..2], 10);
        assert_eq!(sink.files(), 2);
    }

    #[test]
    fn the_same_bytes_at_two_paths_are_one_document() {
        let a = crate::testing::record();
        let mut b = crate::testing::record();
        b.path = "/c/copy.txt".into();
        let dir = tempfile::tempdir().expect("tempdir");
        let mut sink = OpenSearchSink::create(dir.path(), false, "0.1.0").expect("sink");
        let summary = crate::run_export([Ok::<_, ()>(a), Ok(b)], &mut sink, |_| panic!("no error"))
            .expect("export");
        assert_eq!(summary.documents(), 1);
        assert_eq!(summary.repeated, 1);
        assert_eq!(lines(&dir.path().join("bulk-00001.ndjson")).len(), 2);
    }

    #[test]
    fn force_removes_old_bulk_files_only() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("bulk-00007.ndjson"), "old").expect("write");
        std::fs::write(dir.path().join("notes.txt"), "keep").expect("write");
        assert!(OpenSearchSink::create(dir.path(), false, "0.1.0").is_err());
        OpenSearchSink::create(dir.path(), true, "0.1.0").expect("sink");
        assert!(!dir.path().join("bulk-00007.ndjson").exists());
        assert!(dir.path().join("notes.txt").exists());
        assert!(is_bulk_file(Path::new("x/bulk-00001.ndjson")));
        assert!(!is_bulk_file(Path::new("bulk-.ndjson")));
        assert!(!is_bulk_file(Path::new("bulk-0001.json")));
    }

    #[test]
    fn tone_rules_agree_with_canonical_tones() {
        let rules = tone_placement_rules();
        assert_eq!(rules.len(), 60);
        for rule in &rules {
            let (from, to) = rule.split_once(" => ").expect("rule");
            // An onset makes each pair a real open syllable (`hoà`, `khoẻ`, `thuỷ`).
            assert_eq!(
                vanban_text::canonical_tones(&format!("h{from}")),
                format!("h{to}"),
                "{rule}"
            );
        }
        assert!(rules.contains(&"uỷ => ủy".to_string()));
        assert!(rules.contains(&"OÀ => ÒA".to_string()));
    }

    #[test]
    fn the_quickwit_config_names_every_field() {
        let y = quickwit_config("0.1.0");
        for f in FIELDS {
            assert!(
                y.contains(&format!("    - name: {}\n", f.name)),
                "{}",
                f.name
            );
        }
        assert!(y.contains("filters: [remove_long, lower_caser, ascii_folding]"));
        assert!(y.contains("      type: array<i64>"));
    }
}
