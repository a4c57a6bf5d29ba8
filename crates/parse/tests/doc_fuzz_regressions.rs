//! Replays every committed input of the `doc` fuzz target through the very check the
//! target runs, so fixed crashes stay fixed without nightly.

#[path = "../../../fuzz/src/doc.rs"]
mod doc_check;
#[path = "../../../fuzz/src/replay.rs"]
mod replay;

#[test]
fn doc_fuzz_inputs_replay_cleanly() {
    for (path, bytes) in replay::inputs("doc") {
        eprintln!("{}", path.display());
        doc_check::check(&bytes);
    }
}
