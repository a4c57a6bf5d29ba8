//! Replays the committed fuzz seeds and crash inputs of the `extract` fuzz
//! target (fuzz/corpus, fuzz/regressions) through the very same check, on
//! the stable toolchain.

#[path = "../../../fuzz/src/extract.rs"]
mod extract;

#[path = "../../../fuzz/src/replay.rs"]
mod replay;

use replay::inputs;

#[test]
fn extract_inputs_pass_the_fuzz_check() {
    for (path, bytes) in inputs("extract") {
        eprintln!("{}", path.display());
        extract::check(&bytes);
    }
}
