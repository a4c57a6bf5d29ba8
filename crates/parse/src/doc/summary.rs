//! The `\u{5}SummaryInformation` property set ([MS-OLEPS]): page count, application
//! name and title as Word last saved them.

use super::bytes::{u16_at, u32_at};

/// `PIDSI_TITLE`.
const PID_TITLE: u32 = 0x02;
/// `PIDSI_PAGECOUNT`.
const PID_PAGECOUNT: u32 = 0x0E;
/// `PIDSI_APPNAME`.
const PID_APPNAME: u32 = 0x12;
/// The code page property.
const PID_CODEPAGE: u32 = 0x01;
/// Most properties read from one set.
const MAX_PROPS: usize = 256;

/// What the summary says about the document.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Summary {
    /// Pages when Word last saved the file.
    pub(crate) pages: Option<u32>,
    /// The application that saved it.
    pub(crate) app: Option<String>,
    /// The document title.
    pub(crate) title: Option<String>,
}

/// Reads the first property set of a SummaryInformation stream; damaged parts are
/// left out.
pub(crate) fn parse_summary(s: &[u8]) -> Summary {
    let mut out = Summary::default();
    // Header: byte order, version, system id, CLSID, set count; then FMTID + offset.
    if u16_at(s, 0) != Some(0xFFFE) {
        return out;
    }
    let Some(set) = u32_at(s, 44).map(|v| v as usize) else {
        return out;
    };
    let Some(sec) = s.get(set..) else {
        return out;
    };
    let count = u32_at(sec, 4).map_or(0, |v| v as usize).min(MAX_PROPS);
    let mut codepage = 1252u16;
    let mut strings = Vec::new();
    for i in 0..count {
        let (Some(id), Some(off)) = (u32_at(sec, 8 + i * 8), u32_at(sec, 12 + i * 8)) else {
            break;
        };
        let off = off as usize;
        let Some(vt) = u32_at(sec, off) else {
            continue;
        };
        match (id, vt & 0xFFFF) {
            (PID_CODEPAGE, 2) => codepage = u16_at(sec, off + 4).unwrap_or(1252),
            (PID_PAGECOUNT, 3) => out.pages = u32_at(sec, off + 4),
            (PID_TITLE | PID_APPNAME, 0x1E) => {
                let len = u32_at(sec, off + 4).map_or(0, |v| v as usize);
                if let Some(b) = sec.get(off + 8..).and_then(|r| r.get(..len)) {
                    strings.push((id, b));
                }
            }
            _ => {}
        }
    }
    for (id, b) in strings {
        let text = decode(b, codepage);
        let text = text.trim_end_matches('\0').trim().to_string();
        if text.is_empty() {
            continue;
        }
        if id == PID_TITLE {
            out.title = Some(text);
        } else {
            out.app = Some(text);
        }
    }
    out
}

/// Decodes a `VT_LPSTR` in the set's code page (1200 means UTF-16LE).
fn decode(b: &[u8], codepage: u16) -> String {
    if codepage == 1200 {
        let units: Vec<u16> = b
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    let enc = match codepage {
        65001 => encoding_rs::UTF_8,
        1258 => encoding_rs::WINDOWS_1258,
        1250 => encoding_rs::WINDOWS_1250,
        1251 => encoding_rs::WINDOWS_1251,
        _ => encoding_rs::WINDOWS_1252,
    };
    enc.decode_without_bom_handling(b).0.into_owned()
}

#[cfg(test)]
pub(crate) fn summary_bytes(pages: u32, app: &str) -> Vec<u8> {
    let mut sec = Vec::new();
    let app_bytes: Vec<u8> = app.bytes().chain([0]).collect();
    let n = 3u32;
    let props_at = 8 + n as usize * 8;
    let mut values = Vec::new();
    let mut table = Vec::new();
    for (id, val) in [
        (
            PID_CODEPAGE,
            [2u32.to_le_bytes(), 1252u32.to_le_bytes()].concat(),
        ),
        (
            PID_PAGECOUNT,
            [3u32.to_le_bytes(), pages.to_le_bytes()].concat(),
        ),
        (
            PID_APPNAME,
            [
                0x1Eu32.to_le_bytes().to_vec(),
                (app_bytes.len() as u32).to_le_bytes().to_vec(),
                app_bytes.clone(),
                vec![0; (4 - app_bytes.len() % 4) % 4],
            ]
            .concat(),
        ),
    ] {
        table.extend(id.to_le_bytes());
        table.extend(((props_at + values.len()) as u32).to_le_bytes());
        values.extend(val);
    }
    sec.extend(((props_at + values.len()) as u32).to_le_bytes());
    sec.extend(n.to_le_bytes());
    sec.extend(table);
    sec.extend(values);
    let mut out = vec![0xFE, 0xFF, 0, 0, 0, 0, 0, 0];
    out.extend([0u8; 16]);
    out.extend(1u32.to_le_bytes());
    out.extend([0u8; 16]);
    out.extend(48u32.to_le_bytes());
    out.extend(sec);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_and_app() {
        let s = parse_summary(&summary_bytes(7, "Microsoft Word 10.0"));
        assert_eq!(s.pages, Some(7));
        assert_eq!(s.app.as_deref(), Some("Microsoft Word 10.0"));
        assert_eq!(parse_summary(b"junk"), Summary::default());
    }
}
