-- The tables of `vanban export --format csv|parquet`, with their types.
-- Generated from crates/export/src/table.rs (a test keeps this file equal to it):
-- regenerate with UPDATE_SCHEMAS=1 cargo test -p vanban --test tests schemas.
-- Text columns may be NULL because CSV cannot tell an empty field from no value.
-- Load order: documents first (the fact tables reference it).

CREATE TABLE "documents" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "path" TEXT NOT NULL,
    "format" TEXT,
    "pages" BIGINT NOT NULL,
    "number" TEXT,
    "kind" TEXT,
    "agency" TEXT,
    "parent_agency" TEXT,
    "place" TEXT,
    "date" DATE,
    "date_precision" TEXT,
    "subject" TEXT,
    "signer" TEXT,
    "signer_title" TEXT,
    "recipients" TEXT,
    "needs_ocr" BOOLEAN NOT NULL,
    "warning_count" BIGINT NOT NULL,
    "warning_kinds" TEXT,
    "reference_count" BIGINT NOT NULL,
    "mention_count" BIGINT NOT NULL,
    "money_count" BIGINT NOT NULL,
    "case_count_count" BIGINT NOT NULL,
    "period_count" BIGINT NOT NULL,
    "ingested_at" TIMESTAMPTZ NOT NULL,
    "vanban_version" TEXT,
    "schema_version" TEXT,
    "ocr_pages" BIGINT NOT NULL,
    "ocr_min_confidence" BIGINT,
    "ocr_engine" TEXT
);

CREATE TABLE "references" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "doc_id" TEXT NOT NULL REFERENCES "documents" ("id"),
    "ordinal" BIGINT NOT NULL,
    "reference_ordinal" BIGINT NOT NULL,
    "number" TEXT,
    "kind" TEXT,
    "date" DATE,
    "date_precision" TEXT,
    "issuer" TEXT,
    "partial" BOOLEAN NOT NULL,
    "raw" TEXT,
    "page" BIGINT NOT NULL,
    "start" BIGINT NOT NULL,
    "end" BIGINT NOT NULL,
    "sentence" TEXT,
    "ocr" BOOLEAN NOT NULL,
    "ocr_confidence" BIGINT
);

CREATE TABLE "money" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "doc_id" TEXT NOT NULL REFERENCES "documents" ("id"),
    "ordinal" BIGINT NOT NULL,
    "raw" TEXT,
    "vnd" BIGINT,
    "currency" TEXT,
    "amount" TEXT,
    "per" TEXT,
    "negative" BOOLEAN NOT NULL,
    "in_words" TEXT,
    "mismatch" BOOLEAN NOT NULL,
    "page" BIGINT NOT NULL,
    "start" BIGINT NOT NULL,
    "end" BIGINT NOT NULL,
    "sentence" TEXT,
    "ocr" BOOLEAN NOT NULL,
    "ocr_confidence" BIGINT
);

CREATE TABLE "case_counts" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "doc_id" TEXT NOT NULL REFERENCES "documents" ("id"),
    "ordinal" BIGINT NOT NULL,
    "raw" TEXT,
    "value" BIGINT,
    "of" BIGINT,
    "unit" TEXT,
    "page" BIGINT NOT NULL,
    "start" BIGINT NOT NULL,
    "end" BIGINT NOT NULL,
    "sentence" TEXT,
    "ocr" BOOLEAN NOT NULL,
    "ocr_confidence" BIGINT
);

CREATE TABLE "periods" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "doc_id" TEXT NOT NULL REFERENCES "documents" ("id"),
    "ordinal" BIGINT NOT NULL,
    "raw" TEXT,
    "start_date" DATE,
    "end_date" DATE,
    "page" BIGINT NOT NULL,
    "start" BIGINT NOT NULL,
    "end" BIGINT NOT NULL,
    "sentence" TEXT,
    "ocr" BOOLEAN NOT NULL,
    "ocr_confidence" BIGINT
);
