//! Replays the committed fuzz seeds and crash inputs of the `pdf_worker` and
//! `docx` fuzz targets (fuzz/corpus, fuzz/regressions) through the very same
//! checks, on the stable toolchain.

#[path = "../../../fuzz/src/docx.rs"]
mod docx;

#[path = "../../../fuzz/src/pdf_worker.rs"]
mod pdf_worker;

#[path = "../../../fuzz/src/replay.rs"]
mod replay;

use replay::inputs;

#[test]
fn pdf_worker_inputs_pass_the_fuzz_check() {
    for (path, bytes) in inputs("pdf_worker") {
        eprintln!("{}", path.display());
        pdf_worker::check(&bytes);
    }
}

#[test]
fn docx_inputs_pass_the_fuzz_check() {
    for (path, bytes) in inputs("docx") {
        eprintln!("{}", path.display());
        docx::check(&bytes);
    }
}

#[path = "../../../fuzz/src/rtf.rs"]
mod rtf;

#[path = "../../../fuzz/src/html.rs"]
mod html;

#[test]
fn rtf_inputs_pass_the_fuzz_check() {
    for (path, bytes) in inputs("rtf") {
        eprintln!("{}", path.display());
        rtf::check(&bytes);
    }
}

#[test]
fn html_inputs_pass_the_fuzz_check() {
    for (path, bytes) in inputs("html") {
        eprintln!("{}", path.display());
        html::check(&bytes);
    }
}
