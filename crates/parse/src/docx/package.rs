//! The zip container: bounded reads of named parts and relationship lookup.
//!
//! Every read is bounded three ways, because declared sizes in a zip can lie: the
//! declared size and compression ratio are checked before inflating, the inflated
//! stream is read through `Read::take` so real output past the limit is refused, and
//! the total inflated across all parts shares one budget.

use std::cell::OnceCell;
use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::events::Event;
use zip::ZipArchive;

use super::xml::{attr, local_of, XmlPart};
use crate::{Limits, ParseError};

/// Most entries a package may list; real DOCX files have tens to a few hundred.
const MAX_ENTRIES: usize = 20_000;

/// Entries smaller than this are never refused for their ratio: tiny parts of
/// repeated markup compress very well and cannot be bombs.
const RATIO_FLOOR: u64 = 1024 * 1024;

/// Largest buffer reserved from a declared size before any data is inflated.
const PREALLOC_MAX: u64 = 8 * 1024 * 1024;

/// An opened DOCX zip with a shared inflation budget.
pub(crate) struct Package<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    limits: &'a Limits,
    inflated: u64,
    /// Size of the whole zip: no entry can really hold more compressed bytes.
    zip_len: u64,
    /// Lower-cased names, built on the first lookup that misses by exact name.
    folded: OnceCell<HashMap<String, usize>>,
}

impl<'a> Package<'a> {
    /// Opens the zip's central directory; a damaged or truncated zip is an error.
    pub(crate) fn open(bytes: &'a [u8], limits: &'a Limits) -> Result<Self, ParseError> {
        let zip = ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| ParseError::Docx(format!("not a readable zip container: {e}")))?;
        if zip.len() > MAX_ENTRIES {
            return Err(ParseError::TooLarge {
                what: "zip entry count",
                actual: zip.len() as u64,
                limit: MAX_ENTRIES as u64,
            });
        }
        Ok(Package {
            zip,
            limits,
            inflated: 0,
            zip_len: bytes.len() as u64,
            folded: OnceCell::new(),
        })
    }

    /// The index of a part; part names are case-insensitive in OPC.
    fn index_of(&self, name: &str) -> Option<usize> {
        let name = name.trim_start_matches('/');
        self.zip.index_for_name(name).or_else(|| {
            let folded = self.folded.get_or_init(|| {
                (0..self.zip.len())
                    .filter_map(|i| {
                        let n = self.zip.name_for_index(i)?.ok()?;
                        Some((n.to_ascii_lowercase(), i))
                    })
                    .collect()
            });
            folded.get(&name.to_ascii_lowercase()).copied()
        })
    }

    /// Whether the package holds a part called `name`.
    pub(crate) fn contains(&self, name: &str) -> bool {
        self.index_of(name).is_some()
    }

    /// Inflates one part, or `None` if it is absent. Refuses bombs with [`ParseError::ZipBomb`].
    pub(crate) fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, ParseError> {
        Ok(self.read_raw(name, u64::MAX)?.map(to_utf8))
    }

    /// Inflates one binary part (a picture) as it is, refusing one that inflates past
    /// `max` bytes as well as bombs; `None` if it is absent.
    pub(crate) fn read_raw(&mut self, name: &str, max: u64) -> Result<Option<Vec<u8>>, ParseError> {
        let Some(index) = self.index_of(name) else {
            return Ok(None);
        };
        let max_total = self.limits.max_uncompressed_bytes;
        let max_ratio = self.limits.max_zip_ratio;
        let budget = max_total.saturating_sub(self.inflated);
        let mut file = self
            .zip
            .by_index(index)
            .map_err(|e| ParseError::Docx(format!("{name}: cannot open zip entry: {e}")))?;
        if file.encrypted() {
            return Err(ParseError::Docx(format!("{name}: zip entry is encrypted")));
        }
        let declared = file.size();
        // A lying compressed size must not buy a larger ratio allowance.
        let compressed = file.compressed_size().min(self.zip_len);
        if declared > budget {
            return Err(ParseError::ZipBomb(format!(
                "{name} declares {declared} bytes uncompressed; only {budget} of the \
                 {max_total}-byte limit remain"
            )));
        }
        let ratio_cap = compressed.saturating_mul(max_ratio).max(RATIO_FLOOR);
        if declared > ratio_cap {
            return Err(ParseError::ZipBomb(format!(
                "{name} expands {compressed} -> {declared} bytes (ratio {}), over the limit of {max_ratio}",
                declared / compressed.max(1)
            )));
        }
        if declared > max {
            return Err(ParseError::TooLarge {
                what: "picture",
                actual: declared,
                limit: max,
            });
        }
        let cap = budget.min(ratio_cap).min(max);
        // Headers can lie, so the up-front allocation is capped; the vector grows as data is real.
        let mut data = Vec::with_capacity(declared.min(PREALLOC_MAX) as usize);
        (&mut file)
            .take(cap.saturating_add(1))
            .read_to_end(&mut data)
            .map_err(|e| ParseError::Docx(format!("{name}: cannot decompress: {e}")))?;
        if data.len() as u64 > cap {
            return Err(ParseError::ZipBomb(format!(
                "{name} inflates past {cap} bytes although it declares {declared} \
                 (compressed {compressed}, ratio limit {max_ratio}, total limit {max_total})"
            )));
        }
        self.inflated += data.len() as u64;
        Ok(Some(data))
    }

    /// Names a well-known non-Word package, for a clearer "not a DOCX" error.
    pub(crate) fn kind_hint(&self) -> Option<&'static str> {
        if self.contains("xl/workbook.xml") {
            Some("an Excel workbook (.xlsx)")
        } else if self.contains("ppt/presentation.xml") {
            Some("a PowerPoint presentation (.pptx)")
        } else if self.contains("content.xml") && self.contains("mimetype") {
            Some("an OpenDocument file (.odt/.ods)")
        } else {
            None
        }
    }
}

/// Converts a UTF-16 part (rare, but allowed by OPC) to UTF-8; other bytes pass through.
fn to_utf8(data: Vec<u8>) -> Vec<u8> {
    let le = data.starts_with(&[0xFF, 0xFE]);
    if !le && !data.starts_with(&[0xFE, 0xFF]) {
        return data;
    }
    let units = data[2..].chunks_exact(2).map(|c| {
        if le {
            u16::from_le_bytes([c[0], c[1]])
        } else {
            u16::from_be_bytes([c[0], c[1]])
        }
    });
    let text: String = char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    // The declaration still says UTF-16; the reader ignores it since it only decodes UTF-8.
    text.into_bytes()
}

/// One relationship of a part.
#[derive(Debug, Clone)]
pub(crate) struct Rel {
    /// The relationship id (`rId5`), by which parts refer to it.
    pub(crate) id: String,
    /// The relationship type URI.
    pub(crate) kind: String,
    /// The target part's name inside the package.
    pub(crate) target: String,
}

/// Parses a `.rels` part; targets are resolved against `source_dir` ("" or "word/").
pub(crate) fn parse_rels(
    name: &str,
    bytes: &[u8],
    source_dir: &str,
    max_depth: usize,
) -> Result<Vec<Rel>, ParseError> {
    let mut part = XmlPart::new(name, bytes, max_depth);
    let mut rels = Vec::new();
    loop {
        match part.next()? {
            Event::Start(e) | Event::Empty(e) if local_of(e.name().as_ref()) == "Relationship" => {
                if attr(&e, "TargetMode").is_some_and(|m| m.eq_ignore_ascii_case("External")) {
                    continue;
                }
                if let (Some(kind), Some(target)) = (attr(&e, "Type"), attr(&e, "Target")) {
                    rels.push(Rel {
                        id: attr(&e, "Id").map(|i| i.into_owned()).unwrap_or_default(),
                        kind: kind.into_owned(),
                        target: resolve_target(source_dir, &target),
                    });
                }
            }
            Event::Eof => return Ok(rels),
            _ => {}
        }
    }
}

/// The first target of the relationship whose type ends with `/suffix`.
pub(crate) fn target_of<'r>(rels: &'r [Rel], suffix: &str) -> Option<&'r str> {
    rels.iter()
        .find(|r| rel_is(r, suffix))
        .map(|r| r.target.as_str())
}

/// Whether a relationship's type ends with `/suffix` (transitional and strict URIs differ
/// only before the last segment).
pub(crate) fn rel_is(rel: &Rel, suffix: &str) -> bool {
    rel.kind
        .rsplit_once('/')
        .is_some_and(|(_, last)| last == suffix)
}

/// The `.rels` part describing `part` ("word/document.xml" -> "word/_rels/document.xml.rels").
pub(crate) fn rels_name(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((dir, file)) => format!("{dir}/_rels/{file}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

/// The folder of a part, with a trailing slash ("word/document.xml" -> "word/").
pub(crate) fn dir_of(part: &str) -> &str {
    part.rfind('/').map_or("", |i| &part[..=i])
}

/// Resolves a relationship target (relative, `..`, or absolute `/...`) to a part name.
fn resolve_target(source_dir: &str, target: &str) -> String {
    let joined = match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None => format!("{source_dir}{target}"),
    };
    let mut parts: Vec<&str> = Vec::new();
    for seg in joined.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_relative_absolute_and_parent() {
        assert_eq!(resolve_target("word/", "header1.xml"), "word/header1.xml");
        assert_eq!(
            resolve_target("word/", "/word/footnotes.xml"),
            "word/footnotes.xml"
        );
        assert_eq!(
            resolve_target("word/", "../docProps/app.xml"),
            "docProps/app.xml"
        );
        assert_eq!(
            rels_name("word/document.xml"),
            "word/_rels/document.xml.rels"
        );
        assert_eq!(dir_of("word/document.xml"), "word/");
    }

    #[test]
    fn rels_skip_external_and_match_by_last_segment() {
        let xml = br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="http://x.vn" TargetMode="External"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header2.xml"/>
</Relationships>"#;
        let rels = parse_rels("r", xml, "word/", 64).unwrap();
        assert_eq!(rels.len(), 1);
        assert_eq!(target_of(&rels, "header"), Some("word/header2.xml"));
        assert_eq!(target_of(&rels, "footer"), None);
    }

    #[test]
    fn utf16_parts_become_utf8() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "<a>Hà</a>".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(to_utf8(bytes), "<a>Hà</a>".as_bytes());
    }
}
