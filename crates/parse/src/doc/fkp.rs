//! Formatted disk pages ([MS-DOC] 2.9.35 ChpxFkp, 2.9.36 PapxFkp) found through the
//! bin tables (PlcBteChpx, PlcBtePapx): the direct character and paragraph formatting
//! of byte ranges (FCs) of the WordDocument stream.

use super::bytes::{u16_at, u32_at};

/// Size of one formatted disk page.
const PAGE: usize = 512;

/// Direct formatting of the FC range `[start, end)`: a grpprl (for paragraphs, with
/// the paragraph style index in front).
#[derive(Debug, Clone, Copy)]
pub(crate) struct FcRun<'w> {
    /// First FC.
    pub(crate) start: u32,
    /// One past the last FC.
    pub(crate) end: u32,
    /// Paragraph style index (paragraph runs only).
    pub(crate) istd: u16,
    /// The modifiers.
    pub(crate) grpprl: &'w [u8],
}

/// Runs sorted by FC, found by binary search.
#[derive(Debug, Default)]
pub(crate) struct FcRuns<'w> {
    runs: Vec<FcRun<'w>>,
}

impl<'w> FcRuns<'w> {
    /// The run holding byte `fc`, if any.
    pub(crate) fn at(&self, fc: u64) -> Option<&FcRun<'w>> {
        let i = self.runs.partition_point(|r| u64::from(r.start) <= fc);
        let r = self.runs.get(i.checked_sub(1)?)?;
        (fc < u64::from(r.end)).then_some(r)
    }

    /// The first FC after `fc` where the formatting may change (a run boundary).
    pub(crate) fn next_boundary(&self, fc: u64) -> u64 {
        let i = self.runs.partition_point(|r| u64::from(r.start) <= fc);
        let mut next = self.runs.get(i).map_or(u64::MAX, |r| u64::from(r.start));
        if let Some(r) = i.checked_sub(1).and_then(|j| self.runs.get(j)) {
            if u64::from(r.end) > fc {
                next = next.min(u64::from(r.end));
            }
        }
        next
    }
}

/// Which kind of FKP a bin table points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FkpKind {
    /// Character formatting.
    Chpx,
    /// Paragraph formatting.
    Papx,
}

/// Reads every FKP the bin table `plc` (from the table stream) names. Pages outside
/// the WordDocument stream and damaged entries are skipped; the count of skipped
/// pages is returned so the caller can warn.
pub(crate) fn read_bin_table<'w>(plc: &[u8], word: &'w [u8], kind: FkpKind) -> (FcRuns<'w>, usize) {
    let mut runs = Vec::new();
    let mut skipped = 0;
    if plc.len() < 4 {
        return (FcRuns { runs }, 0);
    }
    // PlcBte: n+1 FCs then n 4-byte PnFkp entries.
    let n = (plc.len() - 4) / 8;
    let mut seen = std::collections::BTreeSet::new();
    for i in 0..n {
        let Some(pn) = u32_at(plc, (n + 1) * 4 + i * 4) else {
            break;
        };
        // Only the low 22 bits are the page number.
        let pn = (pn & 0x003F_FFFF) as usize;
        // A page listed twice would only repeat its runs; hostile tables list one
        // page many times to multiply the work.
        if !seen.insert(pn) {
            continue;
        }
        let Some(page) = word.get(pn * PAGE..pn * PAGE + PAGE) else {
            skipped += 1;
            continue;
        };
        if !read_page(page, kind, &mut runs) {
            skipped += 1;
        }
    }
    runs.sort_by_key(|r| r.start);
    (FcRuns { runs }, skipped)
}

/// Reads one 512-byte FKP into `out`; false if its header is damaged.
fn read_page<'w>(page: &'w [u8], kind: FkpKind, out: &mut Vec<FcRun<'w>>) -> bool {
    let crun = usize::from(page[PAGE - 1]);
    let entry = match kind {
        FkpKind::Chpx => 1,
        // BxPap: a one-byte offset and a 12-byte PHE.
        FkpKind::Papx => 13,
    };
    if (crun + 1) * 4 + crun * entry > PAGE - 1 {
        return false;
    }
    for i in 0..crun {
        let (Some(start), Some(end)) = (u32_at(page, i * 4), u32_at(page, i * 4 + 4)) else {
            return false;
        };
        if end <= start {
            continue;
        }
        let offset = usize::from(page[(crun + 1) * 4 + i * entry]) * 2;
        let (istd, grpprl) = match kind {
            FkpKind::Chpx => (0, chpx_at(page, offset)),
            FkpKind::Papx => papx_at(page, offset),
        };
        out.push(FcRun {
            start,
            end,
            istd,
            grpprl,
        });
    }
    true
}

/// The Chpx at `offset` of a page (offset 0: no direct formatting).
fn chpx_at(page: &[u8], offset: usize) -> &[u8] {
    if offset == 0 || offset >= PAGE - 1 {
        return &[];
    }
    let cb = usize::from(page[offset]);
    page.get(offset + 1..(offset + 1 + cb).min(PAGE - 1))
        .unwrap_or(&[])
}

/// The PapxInFkp at `offset`: its style index and grpprl.
fn papx_at(page: &[u8], offset: usize) -> (u16, &[u8]) {
    if offset == 0 || offset >= PAGE - 1 {
        return (0, &[]);
    }
    // cb != 0: 2*cb - 1 bytes follow; cb == 0: the next byte cb' gives 2*cb' bytes.
    let (start, len) = match page[offset] {
        0 => match page.get(offset + 1) {
            Some(&c) => (offset + 2, usize::from(c) * 2),
            None => return (0, &[]),
        },
        c => (offset + 1, usize::from(c) * 2 - 1),
    };
    let data = page.get(start..(start + len).min(PAGE - 1)).unwrap_or(&[]);
    let istd = u16_at(data, 0).unwrap_or(0);
    (istd, data.get(2..).unwrap_or(&[]))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A CHPX FKP with the given runs (start FC, end FC, grpprl).
    pub(crate) fn chpx_page(runs: &[(u32, u32, &[u8])]) -> Vec<u8> {
        let mut page = vec![0u8; PAGE];
        let crun = runs.len();
        let mut free = PAGE - 1;
        for (i, (start, end, g)) in runs.iter().enumerate() {
            page[i * 4..i * 4 + 4].copy_from_slice(&start.to_le_bytes());
            page[i * 4 + 4..i * 4 + 8].copy_from_slice(&end.to_le_bytes());
            if !g.is_empty() {
                free = (free - g.len() - 1) & !1;
                page[free] = g.len() as u8;
                page[free + 1..free + 1 + g.len()].copy_from_slice(g);
                page[(crun + 1) * 4 + i] = (free / 2) as u8;
            }
        }
        page[PAGE - 1] = crun as u8;
        page
    }

    #[test]
    fn chpx_runs_are_found_by_fc() {
        let mut word = vec![0u8; PAGE];
        word.extend(chpx_page(&[
            (100, 110, &[0x4F, 0x4A, 2, 0]),
            (110, 120, &[]),
        ]));
        let mut plc = Vec::new();
        for v in [100u32, 120, 1] {
            plc.extend(v.to_le_bytes());
        }
        let (runs, skipped) = read_bin_table(&plc, &word, FkpKind::Chpx);
        assert_eq!(skipped, 0);
        assert_eq!(
            runs.at(105).map(|r| r.grpprl),
            Some(&[0x4F, 0x4A, 2, 0][..])
        );
        assert_eq!(runs.at(115).map(|r| r.grpprl.len()), Some(0));
        assert!(runs.at(120).is_none());
        assert_eq!(runs.next_boundary(100), 110);
        assert_eq!(runs.next_boundary(50), 100);
    }

    #[test]
    fn pages_outside_the_stream_and_bad_headers_are_skipped() {
        let word = vec![0xFFu8; PAGE];
        let mut plc = Vec::new();
        for v in [0u32, 10, 20, 0, 7] {
            plc.extend(v.to_le_bytes());
        }
        // Page 0 claims 255 runs (too many for a page); page 7 is past the end.
        let (runs, skipped) = read_bin_table(&plc, &word, FkpKind::Papx);
        assert!(runs.at(5).is_none());
        assert_eq!(skipped, 2);
    }

    #[test]
    fn papx_reads_style_and_grpprl() {
        let mut page = vec![0u8; PAGE];
        page[0..4].copy_from_slice(&0u32.to_le_bytes());
        page[4..8].copy_from_slice(&50u32.to_le_bytes());
        page[8] = 100; // bOffset → byte 200
                       // cb = 3 → 5 bytes: istd 4, sprmPFInTable 1.
        page[200..206].copy_from_slice(&[3, 4, 0, 0x16, 0x24, 1]);
        page[PAGE - 1] = 1;
        let mut out = Vec::new();
        assert!(read_page(&page, FkpKind::Papx, &mut out));
        assert_eq!(out[0].istd, 4);
        assert_eq!(out[0].grpprl, &[0x16, 0x24, 1]);
    }
}
