//! The piece table ([MS-DOC] 2.9.38 Clx, 2.9.177 PlcPcd): where each character
//! position's text lives in the `WordDocument` stream and whether it is stored as
//! 8-bit (compressed) or UTF-16 text.

use super::bytes::{u16_at, u32_at, u8_at};
use crate::ParseError;

/// One piece: CPs `[cp_start, cp_end)` stored from byte `fc` of the WordDocument stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Piece {
    /// First character position.
    pub(crate) cp_start: u32,
    /// One past the last character position.
    pub(crate) cp_end: u32,
    /// Byte offset of the text in the WordDocument stream.
    pub(crate) fc: u32,
    /// One byte per character (code page 1252) instead of two (UTF-16LE).
    pub(crate) compressed: bool,
    /// Properties the piece's `Prm` applies: index into [`Clx::prcs`] (a fast-saved
    /// file's grpprl) or `None`.
    pub(crate) prc: Option<usize>,
}

/// The parsed CLX: the fast-save property lists and the pieces in CP order.
#[derive(Debug, Default)]
pub(crate) struct Clx<'t> {
    /// The grpprls of the Prc entries, referenced by pieces of a fast-saved file.
    pub(crate) prcs: Vec<&'t [u8]>,
    /// Pieces in CP order.
    pub(crate) pieces: Vec<Piece>,
}

/// Parses the CLX; `word_len` is the WordDocument stream's length (pieces are checked
/// against it by the caller, which knows which parts of the text it needs).
pub(crate) fn parse_clx(clx: &[u8]) -> Result<Clx<'_>, ParseError> {
    let bad = |why: String| ParseError::Doc(format!("piece table: {why}"));
    let mut out = Clx::default();
    let mut at = 0usize;
    // Prc entries (clxt 1) come first, then exactly one Pcdt (clxt 2).
    loop {
        match u8_at(clx, at) {
            Some(1) => {
                let cb = u16_at(clx, at + 1).ok_or_else(|| bad("truncated Prc".into()))?;
                // cbGrpprl is signed; Word never writes a negative one.
                let cb = usize::from(cb);
                if cb > 0x3FA2 {
                    return Err(bad(format!("Prc of {cb} bytes (at most 16290)")));
                }
                let g = clx
                    .get(at + 3..at + 3 + cb)
                    .ok_or_else(|| bad("Prc runs past the CLX".into()))?;
                out.prcs.push(g);
                at += 3 + cb;
            }
            Some(2) => break,
            Some(t) => return Err(bad(format!("unknown CLX entry type {t} at byte {at}"))),
            None => return Err(bad("no Pcdt (the CLX ends before the piece list)".into())),
        }
    }
    let lcb = u32_at(clx, at + 1).ok_or_else(|| bad("truncated Pcdt".into()))? as usize;
    let plc = clx
        .get(at + 5..)
        .and_then(|rest| rest.get(..lcb))
        .ok_or_else(|| bad(format!("PlcPcd of {lcb} bytes runs past the CLX")))?;
    // PlcPcd: n+1 CPs (4 bytes) then n Pcds (8 bytes).
    if lcb < 4 || !(lcb - 4).is_multiple_of(12) {
        return Err(bad(format!("PlcPcd size {lcb} is not 4 + 12n")));
    }
    let n = (lcb - 4) / 12;
    out.pieces.reserve(n);
    let mut prev_end = 0u32;
    for i in 0..n {
        let cp_start = u32_at(plc, i * 4).unwrap_or(0);
        let cp_end = u32_at(plc, i * 4 + 4).unwrap_or(0);
        if cp_end < cp_start || cp_start < prev_end {
            return Err(bad(format!(
                "piece {i} has CPs {cp_start}..{cp_end} out of order"
            )));
        }
        prev_end = cp_end;
        let pcd = (n + 1) * 4 + i * 8;
        let fc_raw = u32_at(plc, pcd + 2).unwrap_or(0);
        let prm = u16_at(plc, pcd + 6).unwrap_or(0);
        let compressed = fc_raw & 0x4000_0000 != 0;
        let fc = fc_raw & 0x3FFF_FFFF;
        // A compressed piece's fc is twice its byte offset ([MS-DOC] 2.9.73 FcCompressed).
        let fc = if compressed { fc / 2 } else { fc };
        // Prm1 (fComplex set): igrpprl in the upper 15 bits indexes the Prc list.
        let prc = (prm & 1 == 1).then_some(usize::from(prm >> 1));
        out.pieces.push(Piece {
            cp_start,
            cp_end,
            fc,
            compressed,
            prc,
        });
    }
    Ok(out)
}

/// The Unicode character code page 1252 byte `b` stands for in a compressed piece
/// ([MS-DOC] 2.4.1 lists the 0x80–0x9F exceptions; the rest equal their byte).
pub(crate) fn cp1252(b: u8) -> char {
    const HIGH: [u16; 32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ];
    match b {
        0x80..=0x9F => char::from_u32(u32::from(HIGH[usize::from(b - 0x80)])).unwrap_or('\u{FFFD}'),
        _ => char::from(b),
    }
}

/// The byte code page 1252 maps to `c`, if any: how a legacy-font character stored
/// as Unicode is turned back into the byte its font draws.
pub(crate) fn cp1252_byte(c: char) -> Option<u8> {
    let code = c as u32;
    if code < 0x80 || (0xA0..=0xFF).contains(&code) {
        return Some(code as u8);
    }
    (0x80u8..=0x9F).find(|&b| cp1252(b) == c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plc(cps: &[u32], pcds: &[(u32, u16)]) -> Vec<u8> {
        let mut v = vec![2u8];
        let lcb = (cps.len() * 4 + pcds.len() * 8) as u32;
        v.extend(lcb.to_le_bytes());
        for cp in cps {
            v.extend(cp.to_le_bytes());
        }
        for &(fc, prm) in pcds {
            v.extend([0u8, 0]);
            v.extend(fc.to_le_bytes());
            v.extend(prm.to_le_bytes());
        }
        v
    }

    #[test]
    fn compressed_and_unicode_pieces() {
        let clx = plc(&[0, 5, 9], &[(0x4000_0000 | 2048, 0), (4096, 0)]);
        let p = parse_clx(&clx).unwrap().pieces;
        assert_eq!(p.len(), 2);
        assert!(p[0].compressed);
        assert_eq!(p[0].fc, 1024);
        assert!(!p[1].compressed);
        assert_eq!(p[1].fc, 4096);
    }

    #[test]
    fn prc_entries_are_skipped_and_indexed() {
        let mut clx = vec![1u8, 4, 0, 0x4F, 0x4A, 3, 0];
        clx.extend(plc(&[0, 4], &[(0x4000_0000, 1)]));
        let parsed = parse_clx(&clx).unwrap();
        assert_eq!(parsed.prcs, vec![&[0x4F, 0x4A, 3, 0][..]]);
        assert_eq!(parsed.pieces[0].prc, Some(0));
    }

    #[test]
    fn hostile_piece_tables_are_errors() {
        // CPs going backwards.
        assert!(parse_clx(&plc(&[5, 2], &[(0, 0)])).is_err());
        // A size that is not 4 + 12n.
        let mut bad = plc(&[0, 4], &[(0, 0)]);
        bad[1] = 15;
        assert!(parse_clx(&bad).is_err());
        // Unknown entry type, empty CLX, a Prc running past the end.
        assert!(parse_clx(&[7]).is_err());
        assert!(parse_clx(&[]).is_err());
        assert!(parse_clx(&[1, 0xFF, 0x00, 1]).is_err());
    }

    #[test]
    fn cp1252_special_range() {
        assert_eq!(cp1252(0x93), '“');
        assert_eq!(cp1252(0x80), '€');
        assert_eq!(cp1252(0xE1), 'á');
        assert_eq!(cp1252_byte('“'), Some(0x93));
        assert_eq!(cp1252_byte('ệ'), None);
        assert_eq!(cp1252_byte('\u{81}'), Some(0x81));
    }
}
