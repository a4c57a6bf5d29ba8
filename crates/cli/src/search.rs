//! `vanban search` and `vanban stats`: reading the index.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use vanban_index::{Filters, SearchRequest, VanbanIndex};

/// The structured filters shared by `search` and `export`.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct FilterArgs {
    /// Only documents of this type (`báo cáo`, `bao cao`).
    #[arg(long)]
    pub kind: Option<String>,
    /// Only documents whose issuing or parent body contains these words.
    #[arg(long)]
    pub agency: Option<String>,
    /// Only documents dated on or after this ISO date (YYYY[-MM[-DD]]).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Only documents dated on or before this ISO date (YYYY[-MM[-DD]]).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Only documents of this year.
    #[arg(long)]
    pub year: Option<u64>,
    /// Only documents citing this number (any spelling: `55/2011/ND-CP`).
    #[arg(long, value_name = "NUMBER")]
    pub cites: Option<String>,
    /// Only documents with a money figure of at least this many đồng
    /// (`1000000`, `1.000.000`, `450 triệu`, `1,5 tỷ`).
    /// Signed changes are negative: `--max-amount=-1000` finds falls of at least 1.000 đồng.
    #[arg(long, value_name = "VND", value_parser = amount, allow_hyphen_values = true)]
    pub min_amount: Option<i64>,
    /// Only documents with a money figure of at most this many đồng (as `--min-amount`).
    #[arg(long, value_name = "VND", value_parser = amount, allow_hyphen_values = true)]
    pub max_amount: Option<i64>,
    /// Only scans without a text layer (waiting for OCR).
    #[arg(long)]
    pub needs_ocr: bool,
    /// Only documents with some page read by OCR (scans, replaced text layers).
    #[arg(long)]
    pub ocr_only: bool,
}

/// An amount in đồng with thousands grouped and its sign (`-1.740`).
fn signed_thousands(v: i64) -> String {
    let sign = if v < 0 { "-" } else { "" };
    format!(
        "{sign}{}",
        vanban_text::group_thousands(u128::from(v.unsigned_abs()))
    )
}

/// Reads an amount argument in đồng as an analyst types it.
fn amount(s: &str) -> Result<i64, vanban_index::AmountError> {
    vanban_index::parse_amount(s)
}

impl FilterArgs {
    /// The index's filters for these arguments.
    pub fn to_filters(&self) -> Filters {
        Filters {
            kind: self.kind.clone(),
            agency: self.agency.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
            year: self.year,
            cites: self.cites.clone(),
            min_amount: self.min_amount,
            max_amount: self.max_amount,
            needs_ocr: self.needs_ocr,
            ocr_only: self.ocr_only,
        }
    }
}

/// Arguments of `vanban search`.
#[derive(clap::Args, Debug)]
pub struct SearchArgs {
    /// Words to find (accents optional; "quoted words" form a phrase; empty matches all).
    pub query: String,
    /// Index folder.
    #[arg(long, default_value = vanban_index::DEFAULT_INDEX_DIR, value_name = "DIR")]
    pub index: PathBuf,
    /// Print one JSON object.
    #[arg(long)]
    pub json: bool,
    /// Most results shown.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Also count the matches by kind, agency and year.
    #[arg(long)]
    pub facets: bool,
    /// Show every file: renderings of one report (DOCX, PDF, TXT) are
    /// otherwise one result listing its files.
    #[arg(long)]
    pub all_files: bool,
    /// Order of the results: best match first, or by document date.
    #[arg(long, value_enum, default_value_t = SortArg::Score)]
    pub sort: SortArg,
    /// Skip the first N results (paging; the total still counts them).
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub offset: usize,
}

/// `--sort` values.
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortArg {
    /// Best match first.
    Score,
    /// Newest document first (undated last).
    DateDesc,
    /// Oldest document first (undated last).
    DateAsc,
}

impl From<SortArg> for vanban_index::SortBy {
    fn from(s: SortArg) -> Self {
        match s {
            SortArg::Score => vanban_index::SortBy::Score,
            SortArg::DateDesc => vanban_index::SortBy::DateDesc,
            SortArg::DateAsc => vanban_index::SortBy::DateAsc,
        }
    }
}

/// Exit status when nothing matches (as grep).
pub const EXIT_NO_MATCH: u8 = 1;

/// Runs `vanban search`. Exits 1 when nothing matches (as grep), saying so on stderr.
pub fn run(args: SearchArgs, out: &mut impl Write) -> Result<ExitCode> {
    let index = VanbanIndex::open(&args.index)?;
    let req = SearchRequest {
        query: args.query,
        limit: args.limit,
        facets: args.facets,
        filters: args.filters.to_filters(),
        all_files: args.all_files,
    };
    let results = index.search_page(&req, args.sort.into(), args.offset)?;
    let status = if results.total == 0 {
        eprintln!("vanban: no document matches");
        ExitCode::from(EXIT_NO_MATCH)
    } else {
        ExitCode::SUCCESS
    };
    if args.json {
        serde_json::to_writer(&mut *out, &results)?;
        writeln!(out)?;
        return Ok(status);
    }
    writeln!(
        out,
        "{} document{} match{}",
        results.total,
        if results.total == 1 { "" } else { "s" },
        if results.total == 1 { "es" } else { "" }
    )?;
    for (i, hit) in results.hits.iter().enumerate() {
        let mut fields: Vec<&str> = [&hit.number, &hit.kind, &hit.date, &hit.agency]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        if hit.ocr {
            fields.push("OCR");
        }
        writeln!(
            out,
            "{:>2}. {}  [{}]  score {:.2}",
            i + 1,
            hit.path,
            fields.join(" · "),
            hit.score
        )?;
        if let Some(s) = &hit.snippet {
            match hit.ocr_confidence {
                // Text read by OCR: say so, and how sure the engine was, before anyone quotes it.
                Some(c) => writeln!(
                    out,
                    "    p.{} (OCR, confidence {c:.0}): {}",
                    s.page, s.highlighted
                )?,
                None => writeln!(out, "    p.{}: {}", s.page, s.highlighted)?,
            }
        }
        let others: Vec<&String> = hit.files.iter().filter(|f| **f != hit.path).collect();
        if !others.is_empty() {
            let list: Vec<&str> = others.iter().map(|s| s.as_str()).collect();
            writeln!(out, "    also: {}", list.join(", "))?;
        }
    }
    if let Some(f) = &results.facets {
        for (name, counts) in [("kind", &f.kind), ("agency", &f.agency), ("year", &f.year)] {
            let list: Vec<String> = counts
                .iter()
                .map(|c| format!("{} ({})", c.value, c.count))
                .collect();
            writeln!(out, "{name}: {}", list.join(", "))?;
        }
    }
    Ok(status)
}

/// Arguments of `vanban stats`.
#[derive(clap::Args, Debug)]
pub struct StatsArgs {
    /// Index folder.
    #[arg(long, default_value = vanban_index::DEFAULT_INDEX_DIR, value_name = "DIR")]
    pub index: PathBuf,
    /// Print one JSON object.
    #[arg(long)]
    pub json: bool,
}

/// Runs `vanban stats`.
pub fn stats(args: StatsArgs, out: &mut impl Write) -> Result<ExitCode> {
    let index = VanbanIndex::open(&args.index)?;
    let s = index.stats()?;
    if args.json {
        serde_json::to_writer(&mut *out, &s)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        out,
        "{} documents in {} files ({} need OCR; {} failed files)",
        s.documents,
        s.files,
        s.needs_ocr,
        s.failed_files.len()
    )?;
    for (title, list) in [
        ("by kind", &s.by_kind),
        ("by agency", &s.by_agency),
        ("by year", &s.by_year),
        ("cited issuers (documents citing)", &s.by_cited_issuer),
        ("most cited (documents citing)", &s.top_cited),
    ] {
        writeln!(out, "{title}:")?;
        for c in list.iter() {
            writeln!(out, "  {:>6}  {}", c.count, c.value)?;
        }
    }
    writeln!(
        out,
        "money by year (đồng; figures, then min – median – max of each kind; never summed):"
    )?;
    let range = |r: &vanban_index::FigureRange| match (r.min, r.median, r.max) {
        (Some(lo), Some(mid), Some(hi)) => format!(
            "{} ({} – {} – {})",
            r.figures,
            signed_thousands(lo),
            signed_thousands(mid),
            signed_thousands(hi)
        ),
        _ => "0".to_string(),
    };
    for m in &s.money_by_year {
        writeln!(
            out,
            "  {}  {} document{}; totals {}; prices {}; changes {}",
            m.year,
            m.documents,
            if m.documents == 1 { "" } else { "s" },
            range(&m.totals),
            range(&m.prices),
            range(&m.changes)
        )?;
    }
    writeln!(out, "undated documents ({}):", s.undated.len())?;
    for p in &s.undated {
        writeln!(out, "  {p}")?;
    }
    writeln!(out, "need OCR ({}):", s.needs_ocr_files.len())?;
    for p in &s.needs_ocr_files {
        writeln!(out, "  {p}")?;
    }
    writeln!(out, "failed files, not indexed ({}):", s.failed_files.len())?;
    for f in &s.failed_files {
        writeln!(out, "  {}: {}", f.path, f.error)?;
    }
    Ok(ExitCode::SUCCESS)
}
