//! Replays the committed fuzz seeds and crash inputs of the `text_repair` fuzz
//! target (fuzz/corpus, fuzz/regressions) through the very same check, on
//! the stable toolchain.

#[path = "../../../fuzz/src/text_repair.rs"]
mod text_repair;

#[path = "../../../fuzz/src/replay.rs"]
mod replay;

use replay::inputs;

#[test]
fn text_repair_inputs_pass_the_fuzz_check() {
    for (path, bytes) in inputs("text_repair") {
        eprintln!("{}", path.display());
        text_repair::check(&bytes);
    }
}
