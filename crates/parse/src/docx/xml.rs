//! A hardened pull reader over one XML part of a DOCX package, plus name helpers.
//!
//! Word never writes a DTD, so any `<!DOCTYPE` is refused before an entity could be
//! declared (the start of billion-laughs attacks); entity references other than the five
//! predefined ones and character references are never expanded; nesting depth is capped.

use std::borrow::Cow;

use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use crate::ParseError;

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const W_NS_STRICT: &str = "http://purl.oclc.org/ooxml/wordprocessingml/main";
const MC_NS: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/// A pull reader over one part that enforces the depth limit and refuses DTDs.
pub(crate) struct XmlPart<'a> {
    name: &'a str,
    reader: Reader<&'a [u8]>,
    depth: usize,
    max_depth: usize,
}

impl<'a> XmlPart<'a> {
    /// Reads `bytes` (UTF-8) as the part called `name`.
    pub(crate) fn new(name: &'a str, bytes: &'a [u8], max_depth: usize) -> Self {
        XmlPart {
            name,
            reader: Reader::from_reader(bytes),
            depth: 0,
            max_depth,
        }
    }

    /// The next event; errors name the part and the byte position.
    pub(crate) fn next(&mut self) -> Result<Event<'a>, ParseError> {
        let event = match self.reader.read_event() {
            Ok(e) => e,
            Err(e) => {
                return Err(ParseError::Docx(format!(
                    "{}: malformed XML at byte {}: {e}",
                    self.name,
                    self.reader.error_position()
                )))
            }
        };
        match &event {
            Event::Start(_) => {
                self.depth += 1;
                if self.depth > self.max_depth {
                    return Err(ParseError::HostileXml(format!(
                        "{}: XML nested deeper than {} levels (at byte {})",
                        self.name,
                        self.max_depth,
                        self.reader.buffer_position()
                    )));
                }
            }
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            Event::DocType(_) => {
                return Err(ParseError::HostileXml(format!(
                    "{}: XML declares a DOCTYPE at byte {}; Word never writes one and it is \
                     how entity-expansion attacks start",
                    self.name,
                    self.reader.error_position()
                )))
            }
            _ => {}
        }
        Ok(event)
    }
}

/// Which vocabulary an element name belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ns {
    /// WordprocessingML (`w:`).
    W,
    /// Markup compatibility (`mc:`).
    Mc,
    /// Anything else (DrawingML, VML, ...).
    Other,
}

/// The prefixes a part binds to the namespaces we care about (Word uses `w` and `mc`).
#[derive(Debug, Clone)]
pub(crate) struct Prefixes {
    w: String,
    mc: String,
}

impl Default for Prefixes {
    fn default() -> Self {
        Prefixes {
            w: "w".into(),
            mc: "mc".into(),
        }
    }
}

impl Prefixes {
    /// Learns the bindings declared on `e` (called for the root element).
    pub(crate) fn learn(&mut self, e: &BytesStart) {
        for attr in e.attributes().with_checks(false).flatten() {
            let key = attr.key.as_ref();
            let prefix = if key == "xmlns" {
                ""
            } else if let Some(p) = key.strip_prefix("xmlns:") {
                p
            } else {
                continue;
            };
            match attr.value.as_ref() {
                W_NS | W_NS_STRICT => self.w = prefix.to_string(),
                MC_NS => self.mc = prefix.to_string(),
                _ => {}
            }
        }
    }

    /// Splits a qualified name into its vocabulary and local name.
    pub(crate) fn classify<'n>(&self, qname: &'n str) -> (Ns, &'n str) {
        let (prefix, local) = match qname.split_once(':') {
            Some((p, l)) => (p, l),
            None => ("", qname),
        };
        if prefix == self.w {
            (Ns::W, local)
        } else if prefix == self.mc {
            (Ns::Mc, local)
        } else {
            (Ns::Other, local)
        }
    }
}

/// The value of the attribute whose local name is `local` (prefixes are ignored
/// because OOXML attributes on `w:` elements are all `w:`-qualified).
pub(crate) fn attr<'e>(e: &'e BytesStart, local: &str) -> Option<Cow<'e, str>> {
    for a in e.attributes().with_checks(false).flatten() {
        let key = a.key.as_ref();
        let key_local = key.rsplit_once(':').map_or(key, |(_, l)| l);
        if key_local == local {
            return match a.normalized_value(XmlVersion::Implicit1_0) {
                Ok(v) => Some(Cow::Owned(v.into_owned())),
                Err(_) => Some(a.value),
            };
        }
    }
    None
}

/// Whether an on/off property such as `<w:vanish/>` or `<w:pageBreakBefore w:val="0"/>` is on.
pub(crate) fn is_on(e: &BytesStart) -> bool {
    !matches!(
        attr(e, "val").as_deref(),
        Some("0" | "false" | "off" | "none")
    )
}

/// Resolves a character or predefined entity reference; other entities stay unexpanded (`None`).
pub(crate) fn resolve_ref(r: &BytesRef) -> Option<char> {
    if r.is_char_ref() {
        return r.resolve_char_ref().ok().flatten();
    }
    match r.xml10_content().as_ref() {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "apos" => Some('\''),
        "quot" => Some('"'),
        _ => None,
    }
}

/// The text content of the first element with local name `local` in a small part
/// (used for `docProps`), or `None` when it is absent or empty.
pub(crate) fn first_text(
    name: &str,
    bytes: &[u8],
    local: &str,
    max_depth: usize,
) -> Result<Option<String>, ParseError> {
    let mut part = XmlPart::new(name, bytes, max_depth);
    let mut inside = false;
    let mut out = String::new();
    loop {
        match part.next()? {
            Event::Start(e) if local_of(e.name().as_ref()) == local => inside = true,
            Event::End(e) if inside && local_of(e.name().as_ref()) == local => break,
            Event::Text(t) if inside => out.push_str(&t.xml10_content()),
            Event::CData(t) if inside => out.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if inside => out.extend(resolve_ref(&r)),
            Event::Eof => break,
            _ => {}
        }
    }
    let trimmed = out.trim();
    Ok((!trimmed.is_empty()).then(|| trimmed.to_string()))
}

/// The local part of a qualified name.
pub(crate) fn local_of(qname: &str) -> &str {
    qname.rsplit_once(':').map_or(qname, |(_, l)| l)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drain(xml: &str, depth: usize) -> Result<usize, ParseError> {
        let mut p = XmlPart::new("t.xml", xml.as_bytes(), depth);
        let mut n = 0;
        loop {
            if let Event::Eof = p.next()? {
                return Ok(n);
            }
            n += 1;
        }
    }

    #[test]
    fn doctype_is_refused_before_any_entity_is_declared() {
        let bomb = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><a>&lol2;</a>"#;
        let err = drain(bomb, 256).unwrap_err();
        assert!(matches!(err, ParseError::HostileXml(_)), "{err}");
        assert!(err.to_string().contains("DOCTYPE"), "{err}");
    }

    #[test]
    fn depth_limit_applies() {
        let deep = "<a>".repeat(20) + &"</a>".repeat(20);
        assert!(drain(&deep, 20).is_ok());
        assert!(matches!(drain(&deep, 19), Err(ParseError::HostileXml(_))));
    }

    #[test]
    fn malformed_xml_names_part_and_byte() {
        let err = drain("<a><b></a>", 256).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("t.xml") && msg.contains("at byte"), "{msg}");
    }

    #[test]
    fn prefixes_follow_declarations() {
        let mut p = Prefixes::default();
        let mut r = Reader::from_reader(
            br#"<x:document xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#
                .as_slice(),
        );
        if let Ok(Event::Start(e)) = r.read_event() {
            p.learn(&e);
        }
        assert_eq!(p.classify("x:p"), (Ns::W, "p"));
        assert_eq!(p.classify("w:p"), (Ns::Other, "p"));
        assert_eq!(p.classify("mc:Choice"), (Ns::Mc, "Choice"));
    }

    #[test]
    fn only_predefined_and_char_refs_resolve() {
        assert_eq!(resolve_ref(&BytesRef::new("amp")), Some('&'));
        assert_eq!(resolve_ref(&BytesRef::new("#x1EA1")), Some('ạ'));
        assert_eq!(resolve_ref(&BytesRef::new("lol")), None);
    }
}
