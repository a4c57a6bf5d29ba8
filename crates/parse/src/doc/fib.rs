//! The File Information Block ([MS-DOC] 2.5.1): where every other structure lives.

use super::bytes::{u16_at, u32_at};
use crate::ParseError;

/// `wIdent` of a Word binary document.
const WORD_IDENT: u16 = 0xA5EC;
/// Oldest `nFib` read: Word 97 writes 0x00C1, some of its betas and Word 97 converters
/// 0x00C0; Word 6.0 and Word 95 write 0x0065–0x0068 with a different FIB layout.
const MIN_NFIB: u16 = 0x00C0;

/// Index of each `FibRgFcLcb97` pair this reader uses ([MS-DOC] 2.5.6).
pub(crate) mod slot {
    pub(crate) const STSHF: usize = 1;
    pub(crate) const PLCF_HDD: usize = 11;
    pub(crate) const PLCF_BTE_CHPX: usize = 12;
    pub(crate) const PLCF_BTE_PAPX: usize = 13;
    pub(crate) const STTBF_FFN: usize = 15;
    pub(crate) const CLX: usize = 33;
    pub(crate) const PLC_SPA_MOM: usize = 40;
    pub(crate) const DGG_INFO: usize = 50;
    pub(crate) const PLCFTXBX_TXT: usize = 56;
    pub(crate) const PLF_LST: usize = 73;
    pub(crate) const PLF_LFO: usize = 74;
}

/// The FIB fields this reader needs.
#[derive(Debug, Clone, Default)]
pub(crate) struct Fib {
    /// The table stream is `1Table` rather than `0Table`.
    pub(crate) table_1: bool,
    /// Character counts of the stories, in CP order: main text, footnotes, headers,
    /// macros (unused), annotations, endnotes, text boxes, header text boxes.
    pub(crate) ccp: [u32; 8],
    /// (offset, length) pairs into the table stream, indexed by [`slot`].
    fc_lcb: Vec<(u32, u32)>,
}

impl Fib {
    /// Parses the FIB at the start of the `WordDocument` stream, refusing what this
    /// reader cannot read (encrypted files, Word 6/95 and older) with the reason.
    pub(crate) fn parse(word: &[u8]) -> Result<Fib, ParseError> {
        let bad = |why: &str| ParseError::Doc(format!("FIB: {why}"));
        let ident = u16_at(word, 0).ok_or_else(|| bad("WordDocument stream is too short"))?;
        if ident != WORD_IDENT {
            return Err(bad(&format!(
                "wIdent is 0x{ident:04X}, not 0xA5EC (not a Word binary document)"
            )));
        }
        let n_fib = u16_at(word, 2).unwrap_or(0);
        let flags = u16_at(word, 0x0A).unwrap_or(0);
        if n_fib < MIN_NFIB {
            let version = match n_fib {
                0x0065..=0x0068 => "Word 6.0/95",
                _ => "a Word version older than 97",
            };
            return Err(ParseError::DocUnsupported(format!(
                "{version} document (nFib 0x{n_fib:04X}); only Word 97–2003 .doc is read, \
                 re-save it in a newer Word format"
            )));
        }
        if flags & 0x0100 != 0 {
            let kind = if flags & 0x8000 != 0 {
                "XOR-obfuscated"
            } else {
                "password-encrypted"
            };
            return Err(ParseError::DocUnsupported(format!(
                "the document is {kind} (a password protects it); remove the password in \
                 Word and save it again"
            )));
        }
        // FibBase is 32 bytes; then csw u16 + FibRgW97, cslw u16 + FibRgLw97,
        // cbRgFcLcb u16 + FibRgFcLcbBlob.
        let mut at = 32usize;
        let csw = usize::from(u16_at(word, at).ok_or_else(|| bad("truncated at csw"))?);
        at += 2 + csw * 2;
        let cslw = usize::from(u16_at(word, at).ok_or_else(|| bad("truncated at cslw"))?);
        let rg_lw = at + 2;
        at = rg_lw + cslw * 4;
        let lw = |i: usize| {
            if i < cslw {
                u32_at(word, rg_lw + i * 4)
            } else {
                None
            }
        };
        let mut ccp = [0u32; 8];
        // FibRgLw97: cbMac, reserved1, reserved2, then the eight story counts.
        for (i, c) in ccp.iter_mut().enumerate() {
            *c = lw(3 + i).ok_or_else(|| bad("FibRgLw97 too short"))?;
        }
        let cb_rg_fc_lcb =
            usize::from(u16_at(word, at).ok_or_else(|| bad("truncated at cbRgFcLcb"))?);
        at += 2;
        let mut fc_lcb = Vec::with_capacity(cb_rg_fc_lcb.min(256));
        for i in 0..cb_rg_fc_lcb.min(256) {
            let fc = u32_at(word, at + i * 8);
            let lcb = u32_at(word, at + i * 8 + 4);
            match (fc, lcb) {
                (Some(fc), Some(lcb)) => fc_lcb.push((fc, lcb)),
                _ => return Err(bad("FibRgFcLcb runs past the end of the stream")),
            }
        }
        Ok(Fib {
            table_1: flags & 0x0200 != 0,
            ccp,
            fc_lcb,
        })
    }

    /// The (offset, length) of a table-stream structure; `None` when absent or empty.
    pub(crate) fn fc_lcb(&self, slot: usize) -> Option<(u32, u32)> {
        self.fc_lcb.get(slot).copied().filter(|&(_, lcb)| lcb > 0)
    }

    /// The table stream's name.
    pub(crate) fn table_stream(&self) -> &'static str {
        if self.table_1 {
            "1Table"
        } else {
            "0Table"
        }
    }

    /// Where each story starts in CP space (9 entries: starts plus the end).
    pub(crate) fn story_starts(&self) -> [u64; 9] {
        let mut out = [0u64; 9];
        for i in 0..8 {
            out[i + 1] = out[i] + u64::from(self.ccp[i]);
        }
        out
    }
}
