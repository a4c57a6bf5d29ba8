//! The index schema and the mapping from an extract record to a tantivy document.

use tantivy::schema::Facet;
use tantivy::schema::{
    DateOptions, DateTimePrecision, FacetOptions, Field, IndexRecordOption, NumericOptions, Schema,
    TextFieldIndexing, TextOptions, FAST, INDEXED, STORED, STRING,
};
use tantivy::TantivyDocument;
use vanban_extract::ExtractRecord;
use vanban_text::{canonical_doc_number, folded_doc_number, folded_key};

use crate::analyzer::{EXACT_TOKENIZER, FOLDED_TOKENIZER};
use crate::dates;

/// Facet roots: `/kind/BÁO CÁO`, `/agency/SỞ NGOẠI VỤ`, `/year/2021`,
/// `/issuer/Chính phủ`, `/cites/55/2011/NĐ-CP`.
pub(crate) const FACET_KIND: &str = "kind";
pub(crate) const FACET_AGENCY: &str = "agency";
pub(crate) const FACET_YEAR: &str = "year";
pub(crate) const FACET_ISSUER: &str = "issuer";
pub(crate) const FACET_CITES: &str = "cites";

/// Handles of every field of the schema.
#[derive(Debug, Clone)]
pub struct Fields {
    /// Canonical absolute path: the document's identity (raw, fast, stored).
    pub path: Field,
    /// BLAKE3 of the file's bytes, hex (raw, fast, stored).
    pub hash: Field,
    /// Which vanban read the file (version and record format; raw, fast, stored):
    /// a newer engine re-reads unchanged files.
    pub engine: Field,
    /// Detected format (`pdf`, `docx`, `text`…).
    pub format: Field,
    /// Page count.
    pub pages: Field,
    /// The document's own number, canonical, as extracted (stored).
    pub number: Field,
    /// [`folded_doc_number`] of the own number, for lookups.
    pub number_key: Field,
    /// Type word as printed (stored).
    pub kind: Field,
    /// [`folded_key`] of the type word, for `--kind`.
    pub kind_key: Field,
    /// Issuing body as printed (stored).
    pub agency: Field,
    /// Issuing and parent body, folded and tokenized, for `--agency`.
    pub agency_text: Field,
    /// Document date (midnight UTC; indexed, fast, stored).
    pub date: Field,
    /// Document date as extracted (`2021-06` when the day is blank; stored).
    pub date_text: Field,
    /// Year of the document date (indexed, fast, stored).
    pub year: Field,
    /// Page texts under exact keys, with positions.
    pub body_exact: Field,
    /// Page texts under folded keys, with positions.
    pub body_folded: Field,
    /// [`folded_doc_number`] of every cited number (multi-valued, raw).
    pub cites: Field,
    /// Every money figure in đồng, signed (multi-valued, indexed, fast).
    pub money: Field,
    /// Sum of the document's plain đồng amounts (no rates, no signed changes).
    pub money_sum: Field,
    /// Scan without a text layer.
    pub needs_ocr: Field,
    /// Some page's text was read by OCR (indexed, fast, stored): for `--ocr-only`.
    pub ocr: Field,
    /// Facets: kind, agency, year, cited issuers and numbers.
    pub facets: Field,
    /// The whole extract record as JSON (stored only): page texts for
    /// snippets, references with mentions for `cites`.
    pub record: Field,
    /// When the document was last added or updated, UTC seconds (stored, fast): for export.
    pub ingested_at: Field,
    /// The logical document this file renders (indexed, fast, stored): the
    /// same report as DOCX, PDF and TXT shares one value (see `group`).
    pub group: Field,
    /// Whether the file joined another file's group (indexed, fast): the
    /// groups with several files are found from these.
    pub joined: Field,
    /// Keys shared by renderings of one document (header key, text bands;
    /// multi-valued, indexed): how a new rendering finds its group.
    pub dup_keys: Field,
    /// Hashes of the own number, date and agency (fast; 0 when absent):
    /// renderings whose headers disagree are not grouped.
    pub sig_number: Field,
    /// See `sig_number`.
    pub sig_date: Field,
    /// See `sig_number`.
    pub sig_agency: Field,
    /// Đồng amounts that are totals, budgets, sums (multi-valued, fast).
    pub money_total: Field,
    /// Đồng amounts that are prices or rates (`per` unit; multi-valued, fast).
    pub money_price: Field,
    /// Đồng amounts that are changes (signed, or after `tăng`/`giảm`; multi-valued, fast).
    pub money_change: Field,
    /// The type word as its facet shows it (fast only): facet counts by ordinal.
    pub facet_kind: Field,
    /// The issuing body as its facet shows it (fast only): facet counts by ordinal.
    pub facet_agency: Field,
    /// How many `page_text` values the file has (stored, ahead of them).
    pub text_pages: Field,
    /// The page texts, one value per page in order (stored only, ahead of
    /// the record, which is stored without them): see `stored.rs`.
    pub page_text: Field,
}

impl Fields {
    /// Builds the schema and the handles of its fields.
    pub fn build() -> (Schema, Fields) {
        let mut b = Schema::builder();
        let body = |tokenizer: &str| {
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(tokenizer)
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            )
        };
        let fields = Fields {
            path: b.add_text_field("path", STRING | STORED | FAST),
            hash: b.add_text_field("hash", STRING | STORED | FAST),
            engine: b.add_text_field("engine", STRING | STORED | FAST),
            format: b.add_text_field("format", STRING | STORED),
            pages: b.add_u64_field("pages", STORED),
            number: b.add_text_field("number", STORED),
            number_key: b.add_text_field("number_key", STRING),
            kind: b.add_text_field("kind", STORED),
            kind_key: b.add_text_field("kind_key", STRING),
            agency: b.add_text_field("agency", STORED),
            agency_text: b.add_text_field("agency_text", body(FOLDED_TOKENIZER)),
            date: b.add_date_field(
                "date",
                DateOptions::from(INDEXED)
                    .set_stored()
                    .set_fast()
                    .set_precision(DateTimePrecision::Seconds),
            ),
            date_text: b.add_text_field("date_text", STORED),
            year: b.add_u64_field("year", INDEXED | FAST | STORED),
            body_exact: b.add_text_field("body_exact", body(EXACT_TOKENIZER)),
            body_folded: b.add_text_field("body_folded", body(FOLDED_TOKENIZER)),
            cites: b.add_text_field("cites", STRING),
            money: b.add_i64_field("money", NumericOptions::default().set_indexed().set_fast()),
            money_sum: b.add_u64_field("money_sum", FAST | STORED),
            needs_ocr: b.add_bool_field("needs_ocr", INDEXED | FAST | STORED),
            ocr: b.add_bool_field("ocr", INDEXED | FAST | STORED),
            facets: b.add_facet_field("facets", FacetOptions::default()),
            record: b.add_text_field("record", STORED),
            ingested_at: b.add_date_field(
                "ingested_at",
                DateOptions::default()
                    .set_stored()
                    .set_fast()
                    .set_precision(DateTimePrecision::Seconds),
            ),
            group: b.add_u64_field("group", INDEXED | FAST | STORED),
            joined: b.add_bool_field("joined", INDEXED | FAST),
            dup_keys: b.add_u64_field("dup_keys", INDEXED),
            sig_number: b.add_u64_field("sig_number", FAST),
            sig_date: b.add_u64_field("sig_date", FAST),
            sig_agency: b.add_u64_field("sig_agency", FAST),
            money_total: b.add_i64_field("money_total", FAST),
            money_price: b.add_i64_field("money_price", FAST),
            money_change: b.add_i64_field("money_change", FAST),
            facet_kind: b.add_text_field("facet_kind", TextOptions::default().set_fast("raw")),
            facet_agency: b.add_text_field("facet_agency", TextOptions::default().set_fast("raw")),
            text_pages: b.add_u64_field("text_pages", STORED),
            page_text: b.add_text_field("page_text", STORED),
        };
        (b.build(), fields)
    }

    /// The tantivy document for one file's record, without its group (ingest
    /// adds it once it knows which group the file joins; see [`Fields::set_group`]).
    /// Takes the record to move its page texts into their stored field.
    pub(crate) fn document(
        &self,
        path: &str,
        hash: &str,
        engine: &str,
        ingested_at: tantivy::DateTime,
        mut record: ExtractRecord,
    ) -> Result<(TantivyDocument, crate::group::GroupKeys), serde_json::Error> {
        let mut doc = TantivyDocument::default();
        doc.add_text(self.path, path);
        doc.add_text(self.hash, hash);
        doc.add_text(self.engine, engine);
        doc.add_date(self.ingested_at, ingested_at);
        doc.add_text(self.format, &record.format);
        doc.add_u64(self.pages, record.pages as u64);
        doc.add_bool(self.needs_ocr, record.needs_ocr);
        doc.add_bool(self.ocr, record.ocr.is_some());
        let h = &record.header;
        if let Some(n) = h.number.as_deref().filter(|n| !n.trim().is_empty()) {
            doc.add_text(self.number, canonical_doc_number(n));
            doc.add_text(self.number_key, folded_doc_number(n));
        }
        if let Some(k) = h.kind.as_deref().filter(|k| !k.trim().is_empty()) {
            doc.add_text(self.kind, k);
            doc.add_text(self.kind_key, folded_key(k));
            doc.add_facet(self.facets, Facet::from_path([FACET_KIND, k.trim()]));
            doc.add_text(self.facet_kind, k.trim());
        }
        if let Some(a) = h.agency.as_deref().filter(|a| !a.trim().is_empty()) {
            doc.add_text(self.agency, a);
            doc.add_facet(self.facets, Facet::from_path([FACET_AGENCY, a.trim()]));
            doc.add_text(self.facet_agency, a.trim());
        }
        for a in [&h.agency, &h.parent_agency].into_iter().flatten() {
            doc.add_text(self.agency_text, a);
        }
        if let Some(d) = h.date.as_deref() {
            doc.add_text(self.date_text, d);
            if let Some(dt) = dates::to_datetime(d) {
                doc.add_date(self.date, dt);
            }
            if let Some((y, _, _)) = dates::parse_iso(d) {
                doc.add_u64(self.year, y as u64);
                doc.add_facet(self.facets, Facet::from_path([FACET_YEAR, &y.to_string()]));
            }
        }
        for page in &record.text {
            doc.add_text(self.body_exact, page);
            doc.add_text(self.body_folded, page);
        }
        let mut issuers: Vec<&str> = Vec::new();
        let mut cited: Vec<String> = Vec::new();
        for r in &record.references {
            let key = folded_doc_number(&r.number);
            if key.is_empty() {
                continue;
            }
            doc.add_text(self.cites, &key);
            if !r.partial {
                let canonical = canonical_doc_number(&r.number);
                if !cited.contains(&canonical) {
                    doc.add_facet(self.facets, Facet::from_path([FACET_CITES, &canonical]));
                    cited.push(canonical);
                }
            }
            if let Some(i) = r.issuer.as_deref().filter(|i| !i.trim().is_empty()) {
                if !issuers.contains(&i) {
                    doc.add_facet(self.facets, Facet::from_path([FACET_ISSUER, i.trim()]));
                    issuers.push(i);
                }
            }
        }
        let mut sum: u64 = 0;
        for m in &record.money {
            if let Some(v) = m.vnd {
                doc.add_i64(self.money, v);
                let kind = crate::money::kind_of(m, &record.text);
                // Rates and changes are not amounts spent or received.
                if kind == crate::money::MoneyKind::Total {
                    sum = sum.saturating_add(v.unsigned_abs());
                }
                let field = match kind {
                    crate::money::MoneyKind::Total => self.money_total,
                    crate::money::MoneyKind::Price => self.money_price,
                    crate::money::MoneyKind::Change => self.money_change,
                };
                doc.add_i64(field, v);
            }
        }
        doc.add_u64(self.money_sum, sum);
        let keys = crate::group::group_keys(&record.header, &record.text);
        for k in &keys.keys {
            doc.add_u64(self.dup_keys, *k);
        }
        doc.add_u64(self.sig_number, keys.number);
        doc.add_u64(self.sig_date, keys.date);
        doc.add_u64(self.sig_agency, keys.agency);
        // Stored order matters: a search hit stops reading after the pages,
        // which go in values of their own, so the stored record has none.
        let pages = std::mem::take(&mut record.text);
        doc.add_u64(self.text_pages, pages.len() as u64);
        for page in pages {
            doc.add_text(self.page_text, page);
        }
        doc.add_text(self.record, serde_json::to_string(&record)?);
        Ok((doc, keys))
    }

    /// Puts a file in group `group`; `joined` when that is another file's group.
    pub(crate) fn set_group(&self, doc: &mut TantivyDocument, group: u64, joined: bool) {
        doc.add_u64(self.group, group);
        doc.add_bool(self.joined, joined);
    }
}
