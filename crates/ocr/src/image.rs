//! The pictures of an image-only Word document as OCR pages: which kinds Tesseract
//! reads, and each picture's size in pixels read from its header, so a picture too
//! big to decode within the limits, or too small to be a page, is never handed over.

/// The image kinds Tesseract's leptonica reads directly, by media type, with the
/// file extension the scratch copy gets.
const READABLE: [(&str, &str); 5] = [
    ("image/png", "png"),
    ("image/jpeg", "jpg"),
    ("image/tiff", "tif"),
    ("image/bmp", "bmp"),
    ("image/gif", "gif"),
];

/// A picture narrower or lower than this holds no legible page of text (a logo, a
/// signature, a stamp): an A4 page at 72 dpi is 595 × 842 pixels.
pub const MIN_PAGE_SIDE: u32 = 500;
/// ... and its longer side is at least this.
pub const MIN_PAGE_LONG_SIDE: u32 = 800;

/// Why a picture is not OCRed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Skip {
    /// A kind Tesseract does not read (a metafile, WebP, …).
    #[error("{0} pictures are not read by OCR")]
    Kind(String),
    /// The header does not say the size (a damaged file).
    #[error("its {0} header is damaged (no size)")]
    Damaged(&'static str),
    /// Too many pixels to decode within the limits.
    #[error("{width} × {height} pixels exceed the limit of {limit} pixels")]
    TooLarge {
        /// Width in pixels.
        width: u32,
        /// Height in pixels.
        height: u32,
        /// The limit.
        limit: u64,
    },
    /// Too small to be a scanned page.
    #[error("{width} × {height} pixels is too small to be a scanned page")]
    TooSmall {
        /// Width in pixels.
        width: u32,
        /// Height in pixels.
        height: u32,
    },
}

/// The extension Tesseract's copy of a picture gets, when the picture is a page
/// scan it can read within `max_pixels`.
pub fn page_scan(media_type: &str, bytes: &[u8], max_pixels: u64) -> Result<&'static str, Skip> {
    let Some(&(_, ext)) = READABLE.iter().find(|(m, _)| *m == media_type) else {
        return Err(Skip::Kind(media_type.to_string()));
    };
    let (width, height) = dimensions(ext, bytes).ok_or(Skip::Damaged(ext))?;
    if u64::from(width) * u64::from(height) > max_pixels {
        return Err(Skip::TooLarge {
            width,
            height,
            limit: max_pixels,
        });
    }
    if width.min(height) < MIN_PAGE_SIDE || width.max(height) < MIN_PAGE_LONG_SIDE {
        return Err(Skip::TooSmall { width, height });
    }
    Ok(ext)
}

/// Width and height from the header of an image of kind `ext`.
pub fn dimensions(ext: &str, b: &[u8]) -> Option<(u32, u32)> {
    let be32 = |at: usize| Some(u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?));
    let le16 = |at: usize| Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?));
    let le32 = |at: usize| Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?));
    let size = match ext {
        // The IHDR chunk comes first: width and height at bytes 16 and 20.
        "png" if b.get(12..16) == Some(b"IHDR") => (be32(16)?, be32(20)?),
        "jpg" => jpeg_dimensions(b)?,
        "tif" => tiff_dimensions(b)?,
        "bmp" => {
            let header = le32(14)?;
            if header == 12 {
                (u32::from(le16(18)?), u32::from(le16(20)?))
            } else {
                // Height is negative for top-down bitmaps.
                (le32(18)?, (le32(22)? as i32).unsigned_abs())
            }
        }
        "gif" => (u32::from(le16(6)?), u32::from(le16(8)?)),
        _ => return None,
    };
    (size.0 > 0 && size.1 > 0).then_some(size)
}

/// The size in a JPEG's start-of-frame marker, walking the markers before it.
fn jpeg_dimensions(b: &[u8]) -> Option<(u32, u32)> {
    if !b.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut at = 2usize;
    loop {
        // Markers may be padded with extra 0xFF bytes.
        while *b.get(at)? == 0xFF && *b.get(at + 1)? == 0xFF {
            at += 1;
        }
        if *b.get(at)? != 0xFF {
            return None;
        }
        let marker = *b.get(at + 1)?;
        let len = usize::from(u16::from_be_bytes([*b.get(at + 2)?, *b.get(at + 3)?]));
        // SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC).
        if (0xC0..=0xCF).contains(&marker) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
            let h = u16::from_be_bytes([*b.get(at + 5)?, *b.get(at + 6)?]);
            let w = u16::from_be_bytes([*b.get(at + 7)?, *b.get(at + 8)?]);
            return Some((u32::from(w), u32::from(h)));
        }
        if marker == 0xD9 || marker == 0xDA || len < 2 {
            // End of image or start of scan before any frame header.
            return None;
        }
        at = at.checked_add(2 + len)?;
    }
}

/// ImageWidth (256) and ImageLength (257) of a TIFF's first image directory.
fn tiff_dimensions(b: &[u8]) -> Option<(u32, u32)> {
    let le = match b.get(..4)? {
        b"II*\0" => true,
        b"MM\0*" => false,
        _ => return None,
    };
    let u16_at = |at: usize| {
        let s: [u8; 2] = b.get(at..at.checked_add(2)?)?.try_into().ok()?;
        Some(if le {
            u16::from_le_bytes(s)
        } else {
            u16::from_be_bytes(s)
        })
    };
    let u32_at = |at: usize| {
        let s: [u8; 4] = b.get(at..at.checked_add(4)?)?.try_into().ok()?;
        Some(if le {
            u32::from_le_bytes(s)
        } else {
            u32::from_be_bytes(s)
        })
    };
    let ifd = u32_at(4)? as usize;
    let entries = usize::from(u16_at(ifd)?);
    let (mut width, mut height) = (None, None);
    for i in 0..entries.min(1024) {
        let e = ifd + 2 + i * 12;
        let tag = u16_at(e)?;
        // SHORT (3) or LONG (4) values sit in the entry itself.
        let value = match u16_at(e + 2)? {
            3 => u32::from(u16_at(e + 8)?),
            4 => u32_at(e + 8)?,
            _ => continue,
        };
        match tag {
            256 => width = Some(value),
            257 => height = Some(value),
            _ => {}
        }
    }
    Some((width?, height?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        b.extend_from_slice(&w.to_be_bytes());
        b.extend_from_slice(&h.to_be_bytes());
        b.extend_from_slice(&[8, 0, 0, 0, 0]);
        b
    }

    fn jpeg(w: u16, h: u16) -> Vec<u8> {
        let mut b = vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 16];
        b.extend_from_slice(b"JFIF\0\x01\x01\x01\0\x96\0\x96\0\0");
        b.extend_from_slice(&[0xFF, 0xC0, 0, 11, 8]);
        b.extend_from_slice(&h.to_be_bytes());
        b.extend_from_slice(&w.to_be_bytes());
        b.extend_from_slice(&[1, 1, 0x11, 0]);
        b
    }

    #[test]
    fn sizes_come_from_the_headers() {
        assert_eq!(dimensions("png", &png(1240, 1754)), Some((1240, 1754)));
        assert_eq!(dimensions("jpg", &jpeg(1240, 1754)), Some((1240, 1754)));
        let mut tiff = b"II*\0\x08\0\0\0".to_vec();
        tiff.extend_from_slice(&2u16.to_le_bytes());
        for (tag, kind, value) in [(256u16, 3u16, 2480u32), (257, 4, 3508)] {
            tiff.extend_from_slice(&tag.to_le_bytes());
            tiff.extend_from_slice(&kind.to_le_bytes());
            tiff.extend_from_slice(&1u32.to_le_bytes());
            tiff.extend_from_slice(&value.to_le_bytes());
        }
        assert_eq!(dimensions("tif", &tiff), Some((2480, 3508)));
        let mut bmp = b"BM".to_vec();
        bmp.extend_from_slice(&[0; 12]);
        bmp.extend_from_slice(&40u32.to_le_bytes());
        bmp.extend_from_slice(&827u32.to_le_bytes());
        bmp.extend_from_slice(&(-1169i32).to_le_bytes());
        assert_eq!(dimensions("bmp", &bmp), Some((827, 1169)));
        assert_eq!(
            dimensions("gif", b"GIF89a\x58\x02\x20\x03"),
            Some((600, 800))
        );
    }

    #[test]
    fn damaged_headers_give_no_size() {
        let good = jpeg(1240, 1754);
        // The frame header ends 4 bytes before the end; any shorter cut loses the size.
        for n in 0..good.len() - 4 {
            assert_eq!(dimensions("jpg", &good[..n]), None, "{n} bytes");
        }
        assert_eq!(dimensions("png", &png(0, 10)), None);
        assert_eq!(dimensions("png", b"\x89PNG\r\n\x1a\n"), None);
        assert_eq!(dimensions("tif", b"II*\0\xFF\xFF\xFF\xFF"), None);
        // A marker chain that loops on itself or lies about lengths ends.
        assert_eq!(dimensions("jpg", &[0xFF, 0xD8, 0xFF, 0xE1, 0, 0]), None);
        assert_eq!(
            dimensions("jpg", &[0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF]),
            None
        );
    }

    #[test]
    fn only_readable_page_sized_pictures_within_the_limit_are_ocred() {
        assert_eq!(
            page_scan("image/png", &png(1240, 1754), 100_000_000),
            Ok("png")
        );
        assert_eq!(
            page_scan("image/jpeg", &jpeg(1754, 1240), 100_000_000),
            Ok("jpg")
        );
        assert!(matches!(
            page_scan("image/png", &png(10_000, 14_000), 100_000_000),
            Err(Skip::TooLarge { .. })
        ));
        assert!(matches!(
            page_scan("image/png", &png(300, 120), 100_000_000),
            Err(Skip::TooSmall { .. })
        ));
        let emf = page_scan("image/x-emf", b"\x01\0\0\0", 100_000_000).unwrap_err();
        assert!(emf.to_string().contains("image/x-emf"), "{emf}");
        assert_eq!(
            page_scan("image/jpeg", b"\xFF\xD8\xFF", 100_000_000),
            Err(Skip::Damaged("jpg"))
        );
    }
}
