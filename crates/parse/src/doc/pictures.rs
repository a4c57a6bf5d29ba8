//! Pictures of a Word 97–2003 document, taken out for the OCR stage when the
//! document is a scan pasted into Word (pictures, no text).
//!
//! Where they live ([MS-DOC], [MS-ODRAW]):
//! - An inline picture is the character U+0001 whose `sprmCPicLocation` gives an
//!   offset in the `Data` stream; there a `PICFAndOfficeArtData` (2.9.192) holds a
//!   68-byte PICF, for `mm` 0x0066 a name, then OfficeArt records: the shape
//!   (`OfficeArtSpContainer`) and the picture's `OfficeArtFBSE`, whose BLIP is
//!   embedded in it.
//! - Floating pictures are shapes of the drawing layer; their BLIPs are in the
//!   table stream's `OfficeArtContent` (FIB `fcDggInfo`): `OfficeArtDggContainer` →
//!   `OfficeArtBStoreContainer` → one `OfficeArtFBSE` each, whose BLIP is embedded or,
//!   usually, stored in the WordDocument stream (the "delay stream") at `foDelay`.
//!
//! A BLIP record is the image file behind a small header: JPEG, PNG and TIFF are
//! kept as they are; a DIB gets the 14-byte BMP file header it lacks, so Tesseract
//! can read it; metafiles (EMF, WMF, PICT) are reported, not read.
//!
//! Every length is checked against the bytes it claims; nesting is bounded; a
//! damaged record ends the walk of its container and is reported, never a panic.

use super::bytes::{u16_at, u32_at, u8_at};

/// `OfficeArtDggContainer`.
const DGG_CONTAINER: u16 = 0xF000;
/// `OfficeArtBStoreContainer`.
const BSTORE_CONTAINER: u16 = 0xF001;
/// `OfficeArtFBSE`: one BLIP store entry.
const FBSE: u16 = 0xF007;
/// The range of BLIP record types ([MS-ODRAW] 2.2.23).
const BLIP_FIRST: u16 = 0xF018;
const BLIP_LAST: u16 = 0xF117;
/// Size of an `OfficeArtFBSE` before its name and embedded BLIP.
const FBSE_FIXED: usize = 36;
/// Size of a PICF (`cbHeader` MUST be 0x44).
const PICF_SIZE: usize = 0x44;
/// `mm` of a picture stored as OfficeArt shape data, without and with a name.
const MM_SHAPE: u16 = 0x0064;
const MM_SHAPEFILE: u16 = 0x0066;
/// Containers walked into; records nest two deep where pictures are.
const MAX_DEPTH: usize = 4;
/// Most records looked at in one walk, whatever the input claims.
const MAX_RECORDS: usize = 100_000;

/// One picture found: its image file, or why it cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Picture {
    /// An image file Tesseract reads.
    Image {
        /// `image/jpeg`, `image/png`, `image/tiff`, `image/bmp`.
        media_type: &'static str,
        /// The file's bytes.
        bytes: Vec<u8>,
    },
    /// A picture of a kind not read (a metafile), or a damaged one.
    Unreadable(String),
}

/// An OfficeArt record header ([MS-ODRAW] 2.2.1).
#[derive(Debug, Clone, Copy)]
struct Header {
    instance: u16,
    kind: u16,
    /// Where the record's body starts.
    body: usize,
    /// Where it ends (checked to lie inside the walked bytes).
    end: usize,
}

/// The record at `at`, if its header and its whole body lie before `limit`.
fn header(b: &[u8], at: usize, limit: usize) -> Option<Header> {
    let ver_inst = u16_at(b, at)?;
    let kind = u16_at(b, at + 2)?;
    let len = u32_at(b, at + 4)? as usize;
    let body = at.checked_add(8)?;
    let end = body.checked_add(len)?;
    (end <= limit.min(b.len())).then_some(Header {
        instance: ver_inst >> 4,
        kind,
        body,
        end,
    })
}

/// The pictures in the OfficeArt records of `b[from..to]`, in order: BLIPs, the BLIPs
/// of BLIP store entries (embedded, or in `delay` at `foDelay`), and those inside the
/// drawing group and BLIP store containers. Shapes and drawings are skipped.
pub(crate) fn pictures_in(b: &[u8], from: usize, to: usize, delay: &[u8]) -> Vec<Picture> {
    let mut out = Vec::new();
    let mut budget = MAX_RECORDS;
    walk(b, from, to.min(b.len()), delay, 0, &mut budget, &mut out);
    out
}

fn walk(
    b: &[u8],
    from: usize,
    to: usize,
    delay: &[u8],
    depth: usize,
    budget: &mut usize,
    out: &mut Vec<Picture>,
) {
    let mut at = from;
    while at < to && *budget > 0 {
        *budget -= 1;
        let Some(h) = header(b, at, to) else {
            if to - at >= 8 {
                out.push(Picture::Unreadable(format!(
                    "a drawing record at byte {at} runs past the end of its container"
                )));
            }
            return;
        };
        match h.kind {
            DGG_CONTAINER | BSTORE_CONTAINER if depth < MAX_DEPTH => {
                walk(b, h.body, h.end, delay, depth + 1, budget, out)
            }
            FBSE => {
                if let Some(p) = store_entry(b, h, delay) {
                    out.push(p);
                }
            }
            BLIP_FIRST..=BLIP_LAST => out.push(blip(b, h)),
            _ => {}
        }
        at = h.end;
    }
}

/// The picture of a BLIP store entry; `None` for an empty slot.
fn store_entry(b: &[u8], h: Header, delay: &[u8]) -> Option<Picture> {
    let fbse = &b[h.body..h.end];
    let (Some(size), Some(refs), Some(fo_delay), Some(cb_name)) = (
        u32_at(fbse, 20),
        u32_at(fbse, 24),
        u32_at(fbse, 28),
        u8_at(fbse, 33),
    ) else {
        return Some(Picture::Unreadable(
            "a picture store entry is shorter than its fixed part".into(),
        ));
    };
    if refs == 0 {
        // No shape uses the slot (a deleted picture).
        return None;
    }
    let embedded = h.body + FBSE_FIXED + usize::from(cb_name);
    if embedded < h.end {
        return Some(match header(b, embedded, h.end) {
            Some(inner) if (BLIP_FIRST..=BLIP_LAST).contains(&inner.kind) => blip(b, inner),
            _ => Picture::Unreadable("a picture store entry holds no readable picture".into()),
        });
    }
    // The BLIP is in the delay stream, `size` bytes at `foDelay`.
    let at = fo_delay as usize;
    let limit = at.saturating_add(size as usize);
    Some(match header(delay, at, limit) {
        Some(inner) if (BLIP_FIRST..=BLIP_LAST).contains(&inner.kind) => blip(delay, inner),
        _ => Picture::Unreadable(format!(
            "a picture stored at byte {fo_delay} of the WordDocument stream is outside it or damaged"
        )),
    })
}

/// The image file of one BLIP record.
fn blip(b: &[u8], h: Header) -> Picture {
    // Per type: the media type and the instance that has a second 16-byte UID.
    let (media_type, two_uids) = match h.kind {
        0xF01D | 0xF02A => ("image/jpeg", matches!(h.instance, 0x46B | 0x6E3)),
        0xF01E => ("image/png", h.instance == 0x6E1),
        0xF01F => ("image/bmp", h.instance == 0x7A9),
        0xF029 => ("image/tiff", h.instance == 0x6E5),
        0xF01A => return Picture::Unreadable("an EMF metafile picture".into()),
        0xF01B => return Picture::Unreadable("a WMF metafile picture".into()),
        0xF01C => return Picture::Unreadable("a Macintosh PICT picture".into()),
        other => return Picture::Unreadable(format!("a picture of unknown type 0x{other:04X}")),
    };
    // rgbUid1, perhaps rgbUid2, then the one-byte tag.
    let skip = 16 + if two_uids { 16 } else { 0 } + 1;
    let Some(data) = b.get(h.body + skip..h.end).filter(|d| !d.is_empty()) else {
        return Picture::Unreadable(format!("a {media_type} picture record without data"));
    };
    if media_type == "image/bmp" {
        return match bmp_from_dib(data) {
            Some(bytes) => Picture::Image { media_type, bytes },
            None => Picture::Unreadable("a bitmap (DIB) picture with a damaged header".into()),
        };
    }
    Picture::Image {
        media_type,
        bytes: data.to_vec(),
    }
}

/// A BMP file from a device-independent bitmap: the 14-byte file header names where
/// the pixels start, after the DIB header, its colour masks and its palette.
pub(crate) fn bmp_from_dib(dib: &[u8]) -> Option<Vec<u8>> {
    let header_size = u32_at(dib, 0)? as usize;
    let (bit_count, entry, colours, masks) = if header_size == 12 {
        // BITMAPCOREHEADER: a palette of 3-byte entries for up to 8 bits per pixel.
        let bits = u16_at(dib, 10)?;
        (bits, 3usize, if bits <= 8 { 1usize << bits } else { 0 }, 0)
    } else if header_size >= 40 {
        let bits = u16_at(dib, 14)?;
        let compression = u32_at(dib, 16)?;
        let used = u32_at(dib, 32)? as usize;
        let colours = if used > 0 {
            used
        } else if bits <= 8 {
            1usize << bits
        } else {
            0
        };
        // BI_BITFIELDS (3) and BI_ALPHABITFIELDS (6) put masks after a 40-byte header.
        let masks = match (header_size, compression) {
            (40, 3) => 12,
            (40, 6) => 16,
            _ => 0,
        };
        (bits, 4, colours, masks)
    } else {
        return None;
    };
    if !matches!(bit_count, 1 | 4 | 8 | 16 | 24 | 32) || colours > 1 << 16 {
        return None;
    }
    let pixels_at = 14 + header_size + masks + colours * entry;
    let file_size = 14 + dib.len();
    if pixels_at >= file_size {
        return None;
    }
    let mut out = Vec::with_capacity(file_size);
    out.extend_from_slice(b"BM");
    out.extend_from_slice(&u32::try_from(file_size).ok()?.to_le_bytes());
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&u32::try_from(pixels_at).ok()?.to_le_bytes());
    out.extend_from_slice(dib);
    Some(out)
}

/// The pictures of the inline picture whose `PICFAndOfficeArtData` starts at `at` in
/// the Data stream.
pub(crate) fn inline_picture(data: &[u8], at: usize, delay: &[u8]) -> Vec<Picture> {
    let damaged = |why: &str| {
        vec![Picture::Unreadable(format!(
            "the picture at byte {at} of the Data stream {why}"
        ))]
    };
    let (Some(lcb), Some(cb_header), Some(mm)) =
        (u32_at(data, at), u16_at(data, at + 4), u16_at(data, at + 6))
    else {
        return damaged("is outside the stream");
    };
    if usize::from(cb_header) != PICF_SIZE {
        return damaged("has no valid picture header");
    }
    let Some(end) = at.checked_add(lcb as usize).filter(|&e| e <= data.len()) else {
        return damaged("runs past the end of the stream");
    };
    let records = match mm {
        MM_SHAPE => at + PICF_SIZE,
        MM_SHAPEFILE => match u8_at(data, at + PICF_SIZE) {
            Some(cch) => at + PICF_SIZE + 1 + usize::from(cch),
            None => return damaged("is cut short"),
        },
        other => {
            return vec![Picture::Unreadable(format!(
            "an old-style picture (mm 0x{other:04X}: a metafile or bitmap without drawing records)"
        ))]
        }
    };
    if records >= end {
        return damaged("holds no drawing records");
    }
    pictures_in(data, records, end, delay)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An OfficeArt record.
    fn record(ver: u16, instance: u16, kind: u16, body: &[u8]) -> Vec<u8> {
        let mut r = Vec::new();
        r.extend_from_slice(&(ver | (instance << 4)).to_le_bytes());
        r.extend_from_slice(&kind.to_le_bytes());
        r.extend_from_slice(&(body.len() as u32).to_le_bytes());
        r.extend_from_slice(body);
        r
    }

    const JPEG: &[u8] = b"\xFF\xD8\xFF\xE0\0\x10JFIF\0rest of a jpeg";
    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR....";

    fn jpeg_blip() -> Vec<u8> {
        let mut body = vec![0xAA; 16];
        body.push(0xFF);
        body.extend_from_slice(JPEG);
        record(0, 0x46A, 0xF01D, &body)
    }

    fn png_blip_two_uids() -> Vec<u8> {
        let mut body = vec![0xAA; 32];
        body.push(0xFF);
        body.extend_from_slice(PNG);
        record(0, 0x6E1, 0xF01E, &body)
    }

    fn fbse(size: u32, refs: u32, fo_delay: u32, embedded: &[u8]) -> Vec<u8> {
        let mut body = vec![5, 5];
        body.extend_from_slice(&[0x11; 16]);
        body.extend_from_slice(&0xFFu16.to_le_bytes());
        body.extend_from_slice(&size.to_le_bytes());
        body.extend_from_slice(&refs.to_le_bytes());
        body.extend_from_slice(&fo_delay.to_le_bytes());
        body.extend_from_slice(&[0, 0, 0, 0]);
        body.extend_from_slice(embedded);
        record(2, 5, FBSE, &body)
    }

    fn image(media_type: &'static str, bytes: &[u8]) -> Picture {
        Picture::Image {
            media_type,
            bytes: bytes.to_vec(),
        }
    }

    #[test]
    fn blips_give_their_image_files() {
        let mut b = jpeg_blip();
        b.extend(png_blip_two_uids());
        assert_eq!(
            pictures_in(&b, 0, b.len(), &[]),
            [image("image/jpeg", JPEG), image("image/png", PNG)]
        );
    }

    #[test]
    fn store_entries_embedded_and_in_the_delay_stream() {
        let blip = jpeg_blip();
        // The delay stream: some bytes, then the BLIP at offset 7.
        let mut delay = vec![0u8; 7];
        delay.extend_from_slice(&blip);
        let mut store = fbse(0, 1, 0, &png_blip_two_uids());
        store.extend(fbse(blip.len() as u32, 1, 7, &[]));
        // An empty slot (no references) is skipped.
        store.extend(fbse(blip.len() as u32, 0, 7, &[]));
        let bstore = record(0xF, 3, BSTORE_CONTAINER, &store);
        let mut dgg_body = record(0, 0, 0xF006, &[0; 16]);
        dgg_body.extend(bstore);
        let dgg = record(0xF, 0, DGG_CONTAINER, &dgg_body);
        assert_eq!(
            pictures_in(&dgg, 0, dgg.len(), &delay),
            [image("image/png", PNG), image("image/jpeg", JPEG)]
        );
    }

    #[test]
    fn a_store_entry_pointing_outside_the_delay_stream_is_reported() {
        let store = fbse(500, 1, 1_000_000, &[]);
        let found = pictures_in(&store, 0, store.len(), &[0; 100]);
        assert!(
            matches!(&found[..], [Picture::Unreadable(m)] if m.contains("1000000")),
            "{found:?}"
        );
    }

    #[test]
    fn metafiles_are_reported_not_read() {
        let emf = record(0, 0x3D4, 0xF01A, &[0; 60]);
        let found = pictures_in(&emf, 0, emf.len(), &[]);
        assert!(matches!(&found[..], [Picture::Unreadable(m)] if m.contains("EMF")));
    }

    #[test]
    fn lying_lengths_stop_the_walk() {
        let mut b = jpeg_blip();
        // Claim a longer body than there is.
        b[4..8].copy_from_slice(&10_000u32.to_le_bytes());
        let found = pictures_in(&b, 0, b.len(), &[]);
        assert!(matches!(&found[..], [Picture::Unreadable(_)]), "{found:?}");
        // A BLIP whose header eats its data; a container nested past any sane depth.
        let empty = record(0, 0x46A, 0xF01D, &[0; 17]);
        assert!(matches!(
            &pictures_in(&empty, 0, empty.len(), &[])[..],
            [Picture::Unreadable(_)]
        ));
        let mut nested = jpeg_blip();
        for _ in 0..50 {
            nested = record(0xF, 0, DGG_CONTAINER, &nested);
        }
        assert!(pictures_in(&nested, 0, nested.len(), &[]).is_empty());
        // Garbage and truncation never panic.
        for n in 0..b.len() {
            let _ = pictures_in(&b[..n], 0, n, &[]);
            let _ = inline_picture(&b[..n], 0, &[]);
        }
        assert!(pictures_in(&[0xFF; 64], 0, 64, &[0xFF; 64])
            .iter()
            .all(|p| matches!(p, Picture::Unreadable(_))));
    }

    /// A PICFAndOfficeArtData: PICF, name, a shape container, the picture's store entry.
    fn picf_and_data(mm: u16, name: &[u8], records: &[u8]) -> Vec<u8> {
        let mut tail = Vec::new();
        if mm == MM_SHAPEFILE {
            tail.push(name.len() as u8);
            tail.extend_from_slice(name);
        }
        tail.extend_from_slice(records);
        let lcb = (PICF_SIZE + tail.len()) as u32;
        let mut p = Vec::new();
        p.extend_from_slice(&lcb.to_le_bytes());
        p.extend_from_slice(&(PICF_SIZE as u16).to_le_bytes());
        p.extend_from_slice(&mm.to_le_bytes());
        p.resize(PICF_SIZE, 0);
        p.extend(tail);
        p
    }

    #[test]
    fn inline_pictures_are_read_from_the_data_stream() {
        let mut records = record(0xF, 4, 0xF004, &[0; 40]);
        records.extend(fbse(0, 1, 0, &jpeg_blip()));
        let mut data = vec![0u8; 10];
        data.extend(picf_and_data(MM_SHAPEFILE, b"scan", &records));
        assert_eq!(inline_picture(&data, 10, &[]), [image("image/jpeg", JPEG)]);
        let data = picf_and_data(MM_SHAPE, b"", &records);
        assert_eq!(inline_picture(&data, 0, &[]), [image("image/jpeg", JPEG)]);
    }

    #[test]
    fn damaged_inline_pictures_are_reported() {
        let records = fbse(0, 1, 0, &jpeg_blip());
        let good = picf_and_data(MM_SHAPE, b"", &records);
        // Outside the stream; a header size other than 0x44; lcb past the end; old mm.
        assert!(matches!(
            &inline_picture(&good, 5_000, &[])[..],
            [Picture::Unreadable(_)]
        ));
        let mut bad = good.clone();
        bad[4] = 0x40;
        assert!(matches!(
            &inline_picture(&bad, 0, &[])[..],
            [Picture::Unreadable(_)]
        ));
        let mut bad = good.clone();
        bad[0..4].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(matches!(
            &inline_picture(&bad, 0, &[])[..],
            [Picture::Unreadable(_)]
        ));
        let mut bad = good.clone();
        bad[6] = 8;
        bad[7] = 0;
        assert!(
            matches!(&inline_picture(&bad, 0, &[])[..], [Picture::Unreadable(m)] if m.contains("old-style"))
        );
    }

    #[test]
    fn a_dib_becomes_a_bmp_file() {
        // A 2×1 8-bit DIB with a 2-colour palette (biClrUsed 2).
        let mut dib = Vec::new();
        dib.extend_from_slice(&40u32.to_le_bytes());
        dib.extend_from_slice(&2i32.to_le_bytes());
        dib.extend_from_slice(&1i32.to_le_bytes());
        dib.extend_from_slice(&1u16.to_le_bytes());
        dib.extend_from_slice(&8u16.to_le_bytes());
        dib.extend_from_slice(&[0; 16]);
        dib.extend_from_slice(&2u32.to_le_bytes());
        dib.extend_from_slice(&0u32.to_le_bytes());
        dib.extend_from_slice(&[0, 0, 0, 0, 255, 255, 255, 0]);
        dib.extend_from_slice(&[0, 1, 0, 0]);
        let bmp = bmp_from_dib(&dib).unwrap();
        assert_eq!(&bmp[..2], b"BM");
        assert_eq!(u32_at(&bmp, 2), Some(14 + dib.len() as u32));
        assert_eq!(u32_at(&bmp, 10), Some(14 + 40 + 8));
        assert_eq!(&bmp[14..], &dib[..]);
        // Through a BLIP record.
        let mut body = vec![0; 17];
        body.extend_from_slice(&dib);
        let r = record(0, 0x7A8, 0xF01F, &body);
        assert_eq!(pictures_in(&r, 0, r.len(), &[]), [image("image/bmp", &bmp)]);
        // A header that claims a palette bigger than the data, or odd bit depths.
        let mut bad = dib.clone();
        bad[32..36].copy_from_slice(&200u32.to_le_bytes());
        assert_eq!(bmp_from_dib(&bad), None);
        let mut bad = dib.clone();
        bad[14] = 7;
        assert_eq!(bmp_from_dib(&bad), None);
        assert_eq!(bmp_from_dib(&dib[..10]), None);
    }
}
