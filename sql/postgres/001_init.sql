-- vanban PostgreSQL schema, version 1. Run by `vanban load postgres` inside
-- the target schema (search_path set to it) in one transaction, and recorded
-- in schema_version. A released migration is never edited: a change to the
-- tables is a new file (002_….sql) appended to MIGRATIONS in
-- crates/export/src/postgres.rs.
--
-- The columns are those of the CSV and Parquet exports (crates/export/src/table.rs);
-- the load test checks they match column for column.

CREATE TABLE documents (
    id               text PRIMARY KEY,      -- BLAKE3 of the file's bytes, hex
    path             text NOT NULL,
    format           text NOT NULL,
    pages            bigint NOT NULL,
    number           text,
    kind             text,
    agency           text,
    parent_agency    text,
    place            text,
    date             date,
    date_precision   text CHECK (date_precision IN ('day', 'month', 'year')),
    subject          text,
    signer           text,
    signer_title     text,
    recipients       text NOT NULL,
    needs_ocr        boolean NOT NULL,
    warning_count    bigint NOT NULL,
    warning_kinds    text NOT NULL,
    reference_count  bigint NOT NULL,
    mention_count    bigint NOT NULL,
    money_count      bigint NOT NULL,
    case_count_count bigint NOT NULL,
    period_count     bigint NOT NULL,
    ingested_at      timestamptz NOT NULL,
    vanban_version   text NOT NULL,
    schema_version   text NOT NULL
);

-- One row per mention of a cited document.
CREATE TABLE "references" (
    id                text PRIMARY KEY,     -- <document id>:<ordinal>
    doc_id            text NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    ordinal           bigint NOT NULL,
    reference_ordinal bigint NOT NULL,
    number            text NOT NULL,
    kind              text NOT NULL,
    date              date,
    date_precision    text CHECK (date_precision IN ('day', 'month', 'year')),
    issuer            text,
    partial           boolean NOT NULL,
    raw               text NOT NULL,
    page              bigint NOT NULL,
    start             bigint NOT NULL,
    "end"             bigint NOT NULL,
    sentence          text NOT NULL
);

CREATE TABLE money (
    id        text PRIMARY KEY,
    doc_id    text NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    ordinal   bigint NOT NULL,
    raw       text NOT NULL,
    vnd       bigint,                        -- đồng; NULL for foreign currencies
    currency  text NOT NULL,
    amount    text NOT NULL,                 -- exact decimal in the figure's currency
    per       text,
    negative  boolean NOT NULL,
    in_words  text,
    mismatch  boolean NOT NULL,
    page      bigint NOT NULL,
    start     bigint NOT NULL,
    "end"     bigint NOT NULL,
    sentence  text NOT NULL
);

CREATE TABLE case_counts (
    id        text PRIMARY KEY,
    doc_id    text NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    ordinal   bigint NOT NULL,
    raw       text NOT NULL,
    value     bigint,
    "of"      bigint,
    unit      text NOT NULL,
    page      bigint NOT NULL,
    start     bigint NOT NULL,
    "end"     bigint NOT NULL,
    sentence  text NOT NULL
);

CREATE TABLE periods (
    id         text PRIMARY KEY,
    doc_id     text NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    ordinal    bigint NOT NULL,
    raw        text NOT NULL,
    start_date date,
    end_date   date,
    page       bigint NOT NULL,
    start      bigint NOT NULL,
    "end"      bigint NOT NULL,
    sentence   text NOT NULL
);

CREATE INDEX documents_number ON documents (number);
CREATE INDEX documents_date ON documents (date);
CREATE INDEX documents_kind ON documents (kind);
CREATE INDEX documents_agency ON documents (agency);
CREATE INDEX documents_path ON documents (path);
CREATE INDEX references_number ON "references" (number);
CREATE INDEX references_doc ON "references" (doc_id);
CREATE INDEX money_doc ON money (doc_id);
CREATE INDEX case_counts_doc ON case_counts (doc_id);
CREATE INDEX periods_doc ON periods (doc_id);

-- Each mention with the loaded documents it resolves to: those whose own
-- number is the cited number (none when the cited document is not loaded).
CREATE VIEW reference_targets AS
SELECT r.id          AS mention_id,
       r.doc_id      AS citing_id,
       c.path        AS citing_path,
       r.number      AS cited_number,
       r.kind        AS cited_kind,
       r.page,
       r.sentence,
       t.id          AS cited_id,
       t.path        AS cited_path,
       t.date        AS cited_date,
       t.agency      AS cited_agency
FROM "references" r
JOIN documents c ON c.id = r.doc_id
LEFT JOIN documents t ON t.number = r.number AND t.id <> r.doc_id;
