//! The style sheet ([MS-DOC] 2.9.271 STSH): each style's character properties,
//! resolved through its `istdBase` chain, give runs without direct font formatting
//! their font.

use super::bytes::u16_at;
use super::sprm;

/// Longest `istdBase` chain followed (Word allows 11 levels; more means a cycle).
const MAX_BASE_DEPTH: usize = 16;
/// Most styles read.
const MAX_STYLES: usize = 4096;

/// The character properties this reader uses.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct CharProps {
    /// Font index for ASCII text (`sprmCRgFtc0`).
    pub(crate) ftc0: Option<u16>,
    /// Font index for other text (`sprmCRgFtc2`).
    pub(crate) ftc2: Option<u16>,
    /// Hidden text.
    pub(crate) vanish: Option<bool>,
    /// A special character (object anchor, note reference, field mark).
    pub(crate) special: Option<bool>,
    /// Deleted with change tracking on.
    pub(crate) deleted: Option<bool>,
    /// Character style.
    pub(crate) istd: Option<u16>,
    /// Offset of the picture in the Data stream (a U+0001 picture character).
    pub(crate) pic_location: Option<u32>,
    /// The U+0001 character stands for binary data, not a picture.
    pub(crate) data: Option<bool>,
}

impl CharProps {
    /// Applies the character modifiers of a grpprl.
    pub(crate) fn apply(&mut self, grpprl: &[u8]) {
        for s in sprm::iter(grpprl) {
            match s.op {
                sprm::C_RG_FTC0 => self.ftc0 = Some(s.word()),
                sprm::C_RG_FTC2 => self.ftc2 = Some(s.word()),
                sprm::C_F_VANISH => self.vanish = Some(toggle(s.byte(), self.vanish)),
                sprm::C_F_SPEC => self.special = Some(s.byte() != 0),
                sprm::C_F_RMARK_DEL => self.deleted = Some(s.byte() != 0),
                sprm::C_ISTD => self.istd = Some(s.word()),
                sprm::C_PIC_LOCATION => self.pic_location = Some(s.dword()),
                sprm::C_F_DATA => self.data = Some(s.byte() != 0),
                _ => {}
            }
        }
    }

    /// `self` with unset fields taken from `base`.
    pub(crate) fn over(self, base: CharProps) -> CharProps {
        CharProps {
            ftc0: self.ftc0.or(base.ftc0),
            ftc2: self.ftc2.or(base.ftc2),
            vanish: self.vanish.or(base.vanish),
            special: self.special.or(base.special),
            deleted: self.deleted.or(base.deleted),
            istd: self.istd.or(base.istd),
            pic_location: self.pic_location.or(base.pic_location),
            data: self.data.or(base.data),
        }
    }

    /// The font index to name the run by: the ASCII slot first, as DOCX does.
    pub(crate) fn font(&self) -> Option<u16> {
        self.ftc0.or(self.ftc2)
    }
}

/// Boolean character operands: 0 off, 1 on, 0x80 keep the style's value, 0x81 invert it.
fn toggle(op: u8, current: Option<bool>) -> bool {
    match op {
        0 => false,
        0x80 => current.unwrap_or(false),
        0x81 => !current.unwrap_or(false),
        _ => true,
    }
}

/// Styles with their character properties resolved through the base chain.
#[derive(Debug, Default)]
pub(crate) struct StyleSheet {
    /// Resolved character properties by istd.
    chars: Vec<CharProps>,
    /// Document default fonts (`rgftcStandardChpStsh`).
    default: CharProps,
}

impl StyleSheet {
    /// Parses an STSH; damaged styles are left without properties.
    pub(crate) fn parse(stsh: &[u8]) -> StyleSheet {
        let Some(cb_stshi) = u16_at(stsh, 0).map(usize::from) else {
            return StyleSheet::default();
        };
        let stshi = stsh.get(2..2 + cb_stshi).unwrap_or(&[]);
        let cstd = usize::from(u16_at(stshi, 0).unwrap_or(0)).min(MAX_STYLES);
        let cb_base = usize::from(u16_at(stshi, 2).unwrap_or(10));
        // Stshif is 18 bytes; rgftcStandardChpStsh[0..3] are its last three words.
        let default = CharProps {
            ftc0: u16_at(stshi, 12),
            ftc2: u16_at(stshi, 16),
            ..CharProps::default()
        };
        let mut raw: Vec<(u16, CharProps)> = Vec::with_capacity(cstd.min(stsh.len() / 2));
        let mut at = 2 + cb_stshi;
        for _ in 0..cstd {
            let Some(cb_std) = u16_at(stsh, at).map(usize::from) else {
                break;
            };
            let std = stsh.get(at + 2..at + 2 + cb_std).unwrap_or(&[]);
            raw.push(parse_std(std, cb_base));
            at += 2 + cb_std;
        }
        let chars = (0..raw.len()).map(|i| resolve(&raw, i)).collect();
        StyleSheet { chars, default }
    }

    /// The resolved character properties of style `istd` over the document defaults.
    pub(crate) fn char_props(&self, istd: u16) -> CharProps {
        self.chars
            .get(usize::from(istd))
            .copied()
            .unwrap_or_default()
            .over(self.default)
    }

    /// The character properties style `istd` itself sets (through its base chain).
    pub(crate) fn char_props_raw(&self, istd: u16) -> CharProps {
        self.chars
            .get(usize::from(istd))
            .copied()
            .unwrap_or_default()
    }
}

/// Follows the base chain of style `i`, nearer styles overriding farther ones.
fn resolve(raw: &[(u16, CharProps)], i: usize) -> CharProps {
    let mut out = CharProps::default();
    let mut cur = i;
    for _ in 0..MAX_BASE_DEPTH {
        let Some(&(base, props)) = raw.get(cur) else {
            break;
        };
        out = out.over(props);
        // istdBase 0x0FFF: no base.
        if base == 0x0FFF || usize::from(base) == cur {
            break;
        }
        cur = usize::from(base);
    }
    out
}

/// One STD: its base style and the character properties its UPXs set.
fn parse_std(std: &[u8], cb_base: usize) -> (u16, CharProps) {
    if std.len() < 10 {
        return (0x0FFF, CharProps::default());
    }
    let stk = u16_at(std, 2).unwrap_or(0) & 0x000F;
    let base = u16_at(std, 2).unwrap_or(0) >> 4;
    let cupx = usize::from(u16_at(std, 4).unwrap_or(0) & 0x000F);
    // Name: cch (u16), cch UTF-16 units, a NUL unit.
    let name_at = cb_base;
    let Some(cch) = u16_at(std, name_at).map(usize::from) else {
        return (base, CharProps::default());
    };
    let mut at = name_at + 2 + cch * 2 + 2;
    let mut props = CharProps::default();
    for k in 0..cupx.min(3) {
        // UPXs start on even offsets from the STD start.
        at += at & 1;
        let Some(cb) = u16_at(std, at).map(usize::from) else {
            break;
        };
        let upx = std.get(at + 2..at + 2 + cb).unwrap_or(&[]);
        // stk 1 (paragraph style): UpxPapx then UpxChpx; stk 2 (character): UpxChpx.
        let is_chpx = (stk == 1 && k == 1) || (stk == 2 && k == 0);
        if is_chpx {
            props.apply(upx);
        }
        at += 2 + cb;
    }
    (base, props)
}

#[cfg(test)]
pub(crate) fn stsh_bytes(defaults: (u16, u16), styles: &[(u16, u16, &[u8])]) -> Vec<u8> {
    // styles: (stk, istdBase, chpx grpprl)
    let mut stshi = Vec::new();
    stshi.extend((styles.len() as u16).to_le_bytes());
    stshi.extend(10u16.to_le_bytes());
    stshi.extend([0u8; 8]);
    stshi.extend(defaults.0.to_le_bytes());
    stshi.extend(0u16.to_le_bytes());
    stshi.extend(defaults.1.to_le_bytes());
    let mut out = Vec::new();
    out.extend((stshi.len() as u16).to_le_bytes());
    out.extend(stshi);
    for &(stk, base, chpx) in styles {
        let mut std = Vec::new();
        std.extend(0u16.to_le_bytes());
        std.extend((stk | (base << 4)).to_le_bytes());
        let cupx: u16 = if stk == 1 { 2 } else { 1 };
        std.extend(cupx.to_le_bytes());
        std.extend([0u8; 4]);
        std.extend(1u16.to_le_bytes());
        std.extend(u16::from(b'S').to_le_bytes());
        std.extend(0u16.to_le_bytes());
        if stk == 1 {
            std.extend(2u16.to_le_bytes());
            std.extend(0u16.to_le_bytes());
        }
        std.extend((chpx.len() as u16).to_le_bytes());
        std.extend(chpx);
        if std.len() % 2 == 1 {
            std.push(0);
        }
        out.extend((std.len() as u16).to_le_bytes());
        out.extend(std);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fonts_resolve_through_base_chain() {
        let stsh = stsh_bytes(
            (0, 0),
            &[
                (1, 0x0FFF, &[0x4F, 0x4A, 1, 0]),
                (1, 0, &[]),
                (2, 0x0FFF, &[0x4F, 0x4A, 2, 0, 0x3C, 0x08, 1]),
            ],
        );
        let s = StyleSheet::parse(&stsh);
        assert_eq!(s.char_props(0).font(), Some(1));
        assert_eq!(s.char_props(1).font(), Some(1));
        assert_eq!(s.char_props(2).font(), Some(2));
        assert_eq!(s.char_props(2).vanish, Some(true));
        assert_eq!(s.char_props(99).font(), Some(0));
    }

    #[test]
    fn base_cycles_end() {
        let stsh = stsh_bytes((5, 5), &[(1, 1, &[]), (1, 0, &[])]);
        let s = StyleSheet::parse(&stsh);
        assert_eq!(s.char_props(0).font(), Some(5));
    }

    #[test]
    fn toggles() {
        assert!(!toggle(0, Some(true)));
        assert!(toggle(0x81, Some(false)));
        assert!(toggle(0x80, Some(true)));
    }
}
