//! List formatting ([MS-DOC] 2.9.147 PlfLst, 2.9.150 LSTF, 2.9.150 LVL, 2.9.131 PlfLfo):
//! the automatic labels (`Điều 1.`, `a)`, `1.1.`) Word draws before list paragraphs,
//! which are not in the text but are words a reader sees and facts cite.

use std::collections::BTreeMap;

use super::bytes::{u16_at, u32_at, u8_at};
use super::styles::CharProps;

/// Most lists read.
const MAX_LISTS: usize = 4096;
/// Size of an LSTF.
const LSTF: usize = 28;
/// Size of an LVLF.
const LVLF: usize = 28;

/// One list level: how its number is written.
#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    /// Number format (`nfc`): 0 decimal, 1/2 upper/lower Roman, 3/4 upper/lower letter.
    nfc: u8,
    /// The label template: UTF-16 units, where units 0–8 stand for that level's number.
    template: Vec<u16>,
    /// Follow the label with a space (a tab or space in Word) rather than nothing.
    space_after: bool,
    /// Font of the label, from the level's character formatting.
    font: Option<u16>,
}

/// Lists of a document, by LFO index.
#[derive(Debug, Default)]
pub(crate) struct Lists {
    /// Each list's levels (1 for a simple list, else 9).
    lists: Vec<Vec<Level>>,
    /// List identifier of each list, parallel to `lists`.
    ids: Vec<u32>,
    /// The list identifier each LFO (1-based `ilfo`) refers to.
    lfos: Vec<u32>,
}

/// A generated label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Label {
    /// The label as UTF-16 units (decoded with the label's font like run text).
    pub(crate) units: Vec<u16>,
    /// The label's font index, if its level sets one.
    pub(crate) font: Option<u16>,
    /// A space separates the label from the text.
    pub(crate) space_after: bool,
}

impl Lists {
    /// Parses PlfLst and PlfLfo; damaged parts leave lists without labels.
    pub(crate) fn parse(plf_lst: &[u8], plf_lfo: &[u8]) -> Lists {
        let mut out = Lists::default();
        let count = usize::from(u16_at(plf_lst, 0).unwrap_or(0)).min(MAX_LISTS);
        let mut simple = Vec::with_capacity(count.min(plf_lst.len() / LSTF));
        for i in 0..count {
            let at = 2 + i * LSTF;
            let (Some(id), Some(flags)) = (u32_at(plf_lst, at), u8_at(plf_lst, at + 26)) else {
                break;
            };
            out.ids.push(id);
            simple.push(flags & 1 == 1);
        }
        // The LVLs follow the LSTFs, all levels of each list in order.
        let mut at = 2 + simple.len() * LSTF;
        for &is_simple in &simple {
            let n = if is_simple { 1 } else { 9 };
            let mut levels = Vec::with_capacity(n);
            for _ in 0..n {
                match parse_lvl(plf_lst, at) {
                    Some((level, next)) => {
                        levels.push(level);
                        at = next;
                    }
                    None => break,
                }
            }
            out.lists.push(levels);
        }
        let lfo_count = u32_at(plf_lfo, 0).map_or(0, |v| v as usize).min(MAX_LISTS);
        for i in 0..lfo_count {
            match u32_at(plf_lfo, 4 + i * 16) {
                Some(id) => out.lfos.push(id),
                None => break,
            }
        }
        out
    }

    /// The label of a paragraph in list `ilfo` at level `ilvl`, advancing the counters
    /// (a level's number restarts after a higher level's paragraph).
    pub(crate) fn label(
        &self,
        ilfo: u16,
        ilvl: u8,
        counters: &mut BTreeMap<(u16, u8), u32>,
    ) -> Option<Label> {
        let id = *self.lfos.get(usize::from(ilfo).checked_sub(1)?)?;
        let list = self.ids.iter().position(|&i| i == id)?;
        let levels = self.lists.get(list)?;
        let ilvl = ilvl.min(8);
        let level = levels.get(usize::from(ilvl))?;
        let key = list as u16;
        counters
            .entry((key, ilvl))
            .and_modify(|n| *n = n.saturating_add(1))
            .or_insert(level.start);
        // Deeper levels restart.
        counters.retain(|&(l, v), _| l != key || v <= ilvl);
        // Bullets (nfc 23) and unnumbered levels (255) have no words.
        if level.nfc == 23 || level.nfc == 255 {
            return None;
        }
        let mut units = Vec::with_capacity(level.template.len() + 4);
        for &u in &level.template {
            if u < 9 {
                let lv = u as u8;
                let lvl_def = levels.get(usize::from(lv));
                let value = counters
                    .get(&(key, lv))
                    .copied()
                    .or_else(|| lvl_def.map(|l| l.start))
                    .unwrap_or(1);
                let nfc = lvl_def.map_or(0, |l| l.nfc);
                units.extend(format_number(value, nfc).encode_utf16());
            } else {
                units.push(u);
            }
        }
        Some(Label {
            units,
            font: level.font,
            space_after: level.space_after,
        })
    }
}

/// One LVL at `at`: the level and where the next one starts.
fn parse_lvl(b: &[u8], at: usize) -> Option<(Level, usize)> {
    let start = u32_at(b, at)?;
    let nfc = u8_at(b, at + 4)?;
    let follow = u8_at(b, at + 15)?;
    let cb_chpx = usize::from(u8_at(b, at + 24)?);
    let cb_papx = usize::from(u8_at(b, at + 25)?);
    let papx_at = at + LVLF;
    let chpx_at = papx_at + cb_papx;
    let chpx = b.get(chpx_at..chpx_at + cb_chpx)?;
    let mut props = CharProps::default();
    props.apply(chpx);
    let xst_at = chpx_at + cb_chpx;
    let cch = usize::from(u16_at(b, xst_at)?);
    let template: Vec<u16> = (0..cch)
        .map(|i| u16_at(b, xst_at + 2 + i * 2))
        .collect::<Option<_>>()?;
    let level = Level {
        // iStartAt is at most 0x7FFF in valid files.
        start: start.min(0x7FFF),
        nfc,
        template,
        space_after: follow != 2,
        font: props.font(),
    };
    Some((level, xst_at + 2 + cch * 2))
}

/// Writes `n` in number format `nfc`.
fn format_number(n: u32, nfc: u8) -> String {
    match nfc {
        1 => roman(n).to_uppercase(),
        2 => roman(n),
        3 => letters(n).to_uppercase(),
        4 => letters(n),
        22 if n < 10 => format!("0{n}"),
        _ => n.to_string(),
    }
}

/// Lower-case Roman numerals (numbers above 3999 are written in digits).
fn roman(mut n: u32) -> String {
    if n == 0 || n > 3999 {
        return n.to_string();
    }
    let table = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for (v, s) in table {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// Word's letter numbering: a…z, then aa…zz, aaa… (the letter repeated).
fn letters(n: u32) -> String {
    if n == 0 {
        return String::new();
    }
    let letter = char::from(b'a' + ((n - 1) % 26) as u8);
    let times = ((n - 1) / 26 + 1).min(8) as usize;
    std::iter::repeat_n(letter, times).collect()
}

#[cfg(test)]
pub(crate) fn lists_bytes(id: u32, levels: &[(u32, u8, &str)]) -> (Vec<u8>, Vec<u8>) {
    // One non-simple list with the given (start, nfc, template) levels (rest empty);
    // templates use '%N' for "level N's number" (N = 1..9).
    let mut lst = Vec::new();
    lst.extend(1u16.to_le_bytes());
    let mut lstf = vec![0u8; LSTF];
    lstf[0..4].copy_from_slice(&id.to_le_bytes());
    lst.extend(lstf);
    for i in 0..9 {
        let (start, nfc, tpl) = levels.get(i).copied().unwrap_or((1, 0, ""));
        let mut lvlf = vec![0u8; LVLF];
        lvlf[0..4].copy_from_slice(&start.to_le_bytes());
        lvlf[4] = nfc;
        lvlf[15] = 1;
        lst.extend(lvlf);
        let mut units: Vec<u16> = Vec::new();
        let mut chars = tpl.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%' {
                if let Some(d) = chars.next().and_then(|d| d.to_digit(10)) {
                    units.push(d as u16 - 1);
                }
            } else {
                units.extend(c.to_string().encode_utf16());
            }
        }
        lst.extend((units.len() as u16).to_le_bytes());
        for u in units {
            lst.extend(u.to_le_bytes());
        }
    }
    let mut lfo = Vec::new();
    lfo.extend(1u32.to_le_bytes());
    let mut entry = vec![0u8; 16];
    entry[0..4].copy_from_slice(&id.to_le_bytes());
    lfo.extend(entry);
    (lst, lfo)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_and_point_labels_count_and_restart() {
        let (lst, lfo) = lists_bytes(77, &[(1, 0, "Điều %1."), (1, 4, "%2)")]);
        let lists = Lists::parse(&lst, &lfo);
        let mut c = BTreeMap::new();
        let text = |l: Option<Label>| l.map(|l| String::from_utf16_lossy(&l.units));
        assert_eq!(text(lists.label(1, 0, &mut c)).as_deref(), Some("Điều 1."));
        assert_eq!(text(lists.label(1, 1, &mut c)).as_deref(), Some("a)"));
        assert_eq!(text(lists.label(1, 1, &mut c)).as_deref(), Some("b)"));
        assert_eq!(text(lists.label(1, 0, &mut c)).as_deref(), Some("Điều 2."));
        assert_eq!(text(lists.label(1, 1, &mut c)).as_deref(), Some("a)"));
        // An unknown LFO has no label.
        assert_eq!(lists.label(9, 0, &mut c), None);
        assert_eq!(lists.label(0, 0, &mut c), None);
    }

    #[test]
    fn number_formats() {
        assert_eq!(format_number(4, 1), "IV");
        assert_eq!(format_number(14, 2), "xiv");
        assert_eq!(format_number(27, 4), "aa");
        assert_eq!(format_number(3, 3), "C");
        assert_eq!(format_number(7, 22), "07");
    }

    #[test]
    fn damaged_lists_have_no_labels() {
        let (mut lst, lfo) = lists_bytes(5, &[(1, 0, "%1.")]);
        lst.truncate(40);
        let lists = Lists::parse(&lst, &lfo);
        assert_eq!(lists.label(1, 0, &mut BTreeMap::new()), None);
    }
}
