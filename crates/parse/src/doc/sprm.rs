//! Single property modifiers ([MS-DOC] 2.2.5): the grpprl lists every formatting
//! structure (CHPX, PAPX, styles, the piece table's Prc) is made of.

use super::bytes::{u16_at, u8_at};

/// Character: the font for ASCII text (`sprmCRgFtc0`).
pub(crate) const C_RG_FTC0: u16 = 0x4A4F;
/// Character: the font for other (high-ANSI) text (`sprmCRgFtc2`).
pub(crate) const C_RG_FTC2: u16 = 0x4A51;
/// Character: hidden text (`sprmCFVanish`).
pub(crate) const C_F_VANISH: u16 = 0x083C;
/// Character: the run is a special character (`sprmCFSpec`).
pub(crate) const C_F_SPEC: u16 = 0x0855;
/// Character: the character style (`sprmCIstd`).
pub(crate) const C_ISTD: u16 = 0x4A30;
/// Character: tracked deletion (`sprmCFRMarkDel`).
pub(crate) const C_F_RMARK_DEL: u16 = 0x0800;
/// Character: where the picture of a U+0001 character is in the Data stream (`sprmCPicLocation`).
pub(crate) const C_PIC_LOCATION: u16 = 0x6A03;
/// Character: the U+0001 character stands for binary data (a form field), not a picture (`sprmCFData`).
pub(crate) const C_F_DATA: u16 = 0x0806;
/// Paragraph: in a table (`sprmPFInTable`).
pub(crate) const P_F_IN_TABLE: u16 = 0x2416;
/// Paragraph: the table row's end mark (`sprmPFTtp`).
pub(crate) const P_F_TTP: u16 = 0x2417;
/// Paragraph: table nesting depth (`sprmPItap`).
pub(crate) const P_ITAP: u16 = 0x6649;
/// Paragraph: end of a nested table's cell (`sprmPFInnerTableCell`).
pub(crate) const P_F_INNER_TABLE_CELL: u16 = 0x244B;
/// Paragraph: end of a nested table's row (`sprmPFInnerTtp`).
pub(crate) const P_F_INNER_TTP: u16 = 0x244C;
/// Paragraph: starts a new page (`sprmPFPageBreakBefore`).
pub(crate) const P_F_PAGE_BREAK_BEFORE: u16 = 0x2407;
/// Paragraph: list level (`sprmPIlvl`).
pub(crate) const P_ILVL: u16 = 0x260A;
/// Paragraph: list format override index (`sprmPIlfo`).
pub(crate) const P_ILFO: u16 = 0x460B;
/// Table definition, whose length field is two bytes (`sprmTDefTable`).
const T_DEF_TABLE: u16 = 0xD608;
/// Paragraph tab changes, whose length byte 255 means a computed length (`sprmPChgTabs`).
const P_CHG_TABS: u16 = 0xC615;

/// One property modifier: its opcode and operand bytes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sprm<'a> {
    /// The 16-bit opcode.
    pub(crate) op: u16,
    /// The operand.
    pub(crate) arg: &'a [u8],
}

impl Sprm<'_> {
    /// The operand's first byte (booleans and small numbers).
    pub(crate) fn byte(&self) -> u8 {
        self.arg.first().copied().unwrap_or(0)
    }

    /// The operand as a little-endian `u16`.
    pub(crate) fn word(&self) -> u16 {
        u16_at(self.arg, 0).unwrap_or(0)
    }

    /// The operand as a little-endian `u32` (missing high bytes are zero).
    pub(crate) fn dword(&self) -> u32 {
        let mut b = [0u8; 4];
        for (d, s) in b.iter_mut().zip(self.arg) {
            *d = *s;
        }
        u32::from_le_bytes(b)
    }
}

/// Iterates over the modifiers of a grpprl, stopping at the first one that runs past
/// the end (a damaged tail is ignored rather than misread).
pub(crate) fn iter(grpprl: &[u8]) -> SprmIter<'_> {
    SprmIter { grpprl, at: 0 }
}

/// Iterator returned by [`iter`].
pub(crate) struct SprmIter<'a> {
    grpprl: &'a [u8],
    at: usize,
}

impl<'a> Iterator for SprmIter<'a> {
    type Item = Sprm<'a>;

    fn next(&mut self) -> Option<Sprm<'a>> {
        let g = self.grpprl;
        let op = u16_at(g, self.at)?;
        let arg_at = self.at + 2;
        // spra, the top three bits, gives the operand size ([MS-DOC] 2.2.5.1).
        let (skip, len) = match op >> 13 {
            0 | 1 => (0, 1),
            2 | 4 | 5 => (0, 2),
            3 => (0, 4),
            7 => (0, 3),
            _ => match op {
                // TDefTableOperand.cb counts the rest of the operand plus one.
                T_DEF_TABLE => (2, usize::from(u16_at(g, arg_at)?).saturating_sub(1)),
                P_CHG_TABS if u8_at(g, arg_at)? == 255 => {
                    // PChgTabsOperand with cb 255: deletions (4 bytes each) then
                    // additions (3 bytes each), each list preceded by its count.
                    let del = usize::from(u8_at(g, arg_at + 1)?);
                    let add = usize::from(u8_at(g, arg_at + 2 + del * 4)?);
                    (1, 1 + del * 4 + 1 + add * 3)
                }
                _ => (1, usize::from(u8_at(g, arg_at)?)),
            },
        };
        let start = arg_at + skip;
        let end = start.checked_add(len)?;
        let arg = g.get(start..end)?;
        self.at = end;
        Some(Sprm { op, arg })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operand_sizes_follow_spra() {
        // sprmCRgFtc0 (2-byte operand), sprmCFVanish (1 byte), a variable sprm (len 3).
        let g = [
            0x4F, 0x4A, 7, 0, 0x3C, 0x08, 1, 0x0D, 0xC6, 3, 1, 2, 3, 0x4F, 0x4A, 9, 0,
        ];
        let all: Vec<_> = iter(&g).map(|s| (s.op, s.arg.to_vec())).collect();
        assert_eq!(
            all,
            vec![
                (C_RG_FTC0, vec![7, 0]),
                (C_F_VANISH, vec![1]),
                (0xC60D, vec![1, 2, 3]),
                (C_RG_FTC0, vec![9, 0]),
            ]
        );
    }

    #[test]
    fn truncated_tail_stops_iteration() {
        // The second sprm claims a 4-byte operand but only 2 bytes remain.
        let g = [0x4F, 0x4A, 7, 0, 0x00, 0x68, 1, 2];
        assert_eq!(iter(&g).count(), 1);
        // A variable-length sprm whose length byte lies.
        let g = [0x0D, 0xC6, 200, 1, 2];
        assert_eq!(iter(&g).count(), 0);
    }

    #[test]
    fn table_definition_uses_two_byte_length() {
        let g = [0x08, 0xD6, 4, 0, 1, 2, 3, 0x16, 0x24, 1];
        let all: Vec<_> = iter(&g).map(|s| s.op).collect();
        assert_eq!(all, vec![T_DEF_TABLE, P_F_IN_TABLE]);
    }
}
