//! vanban's integration tests, compiled into one test binary: each file below runs
//! the real `vanban` binary over `corpus/` or generated inputs. A new test file is
//! one `mod` line here (a file not listed here does not run).

mod common;
#[path = "bad-inputs/generate.rs"]
mod generate;

mod bad_inputs;
mod corpus_text;
mod crash_safe_ingest;
mod doc_corpus;
mod export;
mod extraction_score;
mod fact_snapshots;
mod grouping;
mod ingest_search;
mod limits;
mod ocr;
mod opensearch;
mod parquet;
mod pdf_fidelity;
mod postgres;
mod relevance;
mod rtf_html_corpus;
mod schemas;
mod serve_api;
mod serve_browser;
mod sharded;
mod signed_money;
mod webdriver;
