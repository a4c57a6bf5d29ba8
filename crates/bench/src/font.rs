//! The vendored DejaVu Serif faces and their metrics (glyph ids, advances),
//! parsed once per process.

use std::sync::OnceLock;

use ttf_parser::{Face, GlyphId};

use crate::GenerateError;

/// DejaVu Serif (Bitstream Vera licence, see fonts/LICENSE).
pub const REGULAR_TTF: &[u8] = include_bytes!("../fonts/DejaVuSerif.ttf");
/// DejaVu Serif Bold.
pub const BOLD_TTF: &[u8] = include_bytes!("../fonts/DejaVuSerif-Bold.ttf");

/// Character ranges whose metrics are precomputed: Latin, Latin-1, Latin
/// Extended-A/B (ă, đ, ơ, ư) and Latin Extended Additional (ạ … ỹ).
const CACHED: [(u32, u32); 3] = [(0x20, 0x250), (0x1E00, 0x1F00), (0x2010, 0x2030)];

/// One face: its bytes, metrics and a lookup table for Vietnamese text.
pub struct Font {
    /// The TrueType file.
    pub data: &'static [u8],
    /// PostScript-style name written as /BaseFont.
    pub name: &'static str,
    face: Face<'static>,
    /// Font units → 1/1000 em.
    scale: f32,
    cache: Vec<Vec<(u16, u16)>>,
}

impl Font {
    fn load(data: &'static [u8], name: &'static str) -> Result<Font, GenerateError> {
        let face = Face::parse(data, 0).map_err(|e| GenerateError::Font(e.to_string()))?;
        let scale = 1000.0 / f32::from(face.units_per_em());
        let mut font = Font {
            data,
            name,
            face,
            scale,
            cache: Vec::new(),
        };
        font.cache = CACHED
            .iter()
            .map(|&(lo, hi)| {
                (lo..hi)
                    .map(|u| char::from_u32(u).map_or((0, 0), |c| font.lookup(c)))
                    .collect()
            })
            .collect();
        Ok(font)
    }

    fn lookup(&self, c: char) -> (u16, u16) {
        let gid = self.face.glyph_index(c).unwrap_or(GlyphId(0));
        let adv = self.face.glyph_hor_advance(gid).unwrap_or(0);
        (gid.0, (f32::from(adv) * self.scale).round() as u16)
    }

    /// Glyph id and advance (1/1000 em) of `c`; glyph 0 when the font lacks it.
    pub fn glyph(&self, c: char) -> (u16, u16) {
        let u = c as u32;
        for (table, &(lo, hi)) in self.cache.iter().zip(CACHED.iter()) {
            if (lo..hi).contains(&u) {
                return table[(u - lo) as usize];
            }
        }
        self.lookup(c)
    }

    /// Width of `text` at `size` points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text.chars().map(|c| u32::from(self.glyph(c).1)).sum();
        units as f32 * size / 1000.0
    }

    /// Advance of glyph `gid` in 1/1000 em.
    pub fn glyph_width(&self, gid: u16) -> u16 {
        let adv = self.face.glyph_hor_advance(GlyphId(gid)).unwrap_or(0);
        (f32::from(adv) * self.scale).round() as u16
    }

    /// Ascent, descent, cap height and bounding box in 1/1000 em, for the font descriptor.
    pub fn descriptor_metrics(&self) -> (i32, i32, i32, [i32; 4]) {
        let s = |v: i16| (f32::from(v) * self.scale).round() as i32;
        let b = self.face.global_bounding_box();
        (
            s(self.face.ascender()),
            s(self.face.descender()),
            s(self.face.capital_height().unwrap_or(self.face.ascender())),
            [s(b.x_min), s(b.y_min), s(b.x_max), s(b.y_max)],
        )
    }
}

/// The regular and bold faces.
pub struct Fonts {
    /// DejaVu Serif.
    pub regular: Font,
    /// DejaVu Serif Bold.
    pub bold: Font,
}

impl Fonts {
    /// The face for bold or regular text.
    pub fn get(&self, bold: bool) -> &Font {
        if bold {
            &self.bold
        } else {
            &self.regular
        }
    }
}

/// The process-wide parsed fonts.
pub fn fonts() -> Result<&'static Fonts, GenerateError> {
    static FONTS: OnceLock<Result<Fonts, GenerateError>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            Ok(Fonts {
                regular: Font::load(REGULAR_TTF, "DejaVuSerif")?,
                bold: Font::load(BOLD_TTF, "DejaVuSerif-Bold")?,
            })
        })
        .as_ref()
        .map_err(Clone::clone)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_vietnamese_letter_has_a_glyph() {
        let fonts = fonts().expect("vendored fonts parse");
        let letters = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ";
        for c in letters.chars().chain(letters.to_uppercase().chars()) {
            for font in [&fonts.regular, &fonts.bold] {
                let (gid, adv) = font.glyph(c);
                assert!(gid != 0 && adv > 0, "{} lacks {c}", font.name);
            }
        }
    }
}
