-- vanban PostgreSQL schema, version 2: OCR provenance. Appended columns, in
-- the order of crates/export/src/table.rs. Rows loaded before version 2 did not
-- record OCR, so these columns stay NULL there ("not recorded"); every row
-- loaded from version 2 on has ocr_pages and ocr set.

ALTER TABLE documents
    ADD COLUMN ocr_pages          bigint,   -- pages whose text was read by OCR (0: none)
    ADD COLUMN ocr_min_confidence bigint,   -- lowest page mean confidence, 0–100
    ADD COLUMN ocr_engine         text;     -- engine and model (`tesseract 5.3.0; vie (…)`)

-- On each fact: whether it stands on an OCRed page, and the lowest engine
-- confidence (0–100) of the words it spans (digits are what auditors check).
ALTER TABLE "references"
    ADD COLUMN ocr            boolean,
    ADD COLUMN ocr_confidence bigint;
ALTER TABLE money
    ADD COLUMN ocr            boolean,
    ADD COLUMN ocr_confidence bigint;
ALTER TABLE case_counts
    ADD COLUMN ocr            boolean,
    ADD COLUMN ocr_confidence bigint;
ALTER TABLE periods
    ADD COLUMN ocr            boolean,
    ADD COLUMN ocr_confidence bigint;

CREATE INDEX documents_ocr ON documents (ocr_pages) WHERE ocr_pages > 0;
