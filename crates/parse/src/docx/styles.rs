//! Font inheritance: document defaults, paragraph and character style chains, theme fonts.
//!
//! The text stage detects legacy Vietnamese encodings (TCVN3 `.VnTime`, VNI `VNI-Times`)
//! by font name, so every run needs the font Word would actually use, not only the
//! fonts written directly on the run.

use std::collections::HashMap;

use quick_xml::events::{BytesStart, Event};

use super::xml::{attr, Ns, Prefixes, XmlPart};
use crate::ParseError;

/// Deepest `w:basedOn` chain followed; Word itself stops far earlier, and cycles exist in the wild.
const MAX_CHAIN: usize = 32;

/// The four font slots of `w:rFonts`, theme references already resolved to names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct FontSpec {
    ascii: Option<String>,
    h_ansi: Option<String>,
    cs: Option<String>,
    east_asia: Option<String>,
}

impl FontSpec {
    /// Reads a `w:rFonts` element; a theme attribute wins over the explicit name beside it,
    /// as in Word.
    pub(crate) fn from_rfonts(e: &BytesStart, theme: &Theme) -> FontSpec {
        let slot = |name: &str, theme_attr: &str| {
            attr(e, theme_attr)
                .and_then(|t| theme.font(&t))
                .or_else(|| attr(e, name).map(|v| v.into_owned()))
                .filter(|v| !v.is_empty())
        };
        FontSpec {
            ascii: slot("ascii", "asciiTheme"),
            h_ansi: slot("hAnsi", "hAnsiTheme"),
            cs: slot("cs", "cstheme"),
            east_asia: slot("eastAsia", "eastAsiaTheme"),
        }
    }

    /// Fills the slots this spec leaves empty from `base`.
    fn inherit(&mut self, base: &FontSpec) {
        for (mine, theirs) in [
            (&mut self.ascii, &base.ascii),
            (&mut self.h_ansi, &base.h_ansi),
            (&mut self.cs, &base.cs),
            (&mut self.east_asia, &base.east_asia),
        ] {
            if mine.is_none() {
                mine.clone_from(theirs);
            }
        }
    }

    fn slots(&self) -> [&Option<String>; 4] {
        [&self.ascii, &self.h_ansi, &self.cs, &self.east_asia]
    }
}

/// Picks the run's font from layers ordered strongest first: the first slot (ascii,
/// then hAnsi, cs, eastAsia) that any layer sets, taking the strongest layer for it.
/// This equals merging the layers slot by slot and then picking.
pub(crate) fn pick<'s>(layers: &[&'s FontSpec]) -> Option<&'s str> {
    for slot in 0..4 {
        for layer in layers {
            if let Some(v) = layer.slots()[slot] {
                return Some(v.as_str());
            }
        }
    }
    None
}

/// Theme font names (`word/theme/theme1.xml`), referenced as `minorHAnsi` and the like.
#[derive(Debug, Clone, Default)]
pub(crate) struct Theme {
    major: [Option<String>; 3],
    minor: [Option<String>; 3],
}

impl Theme {
    /// Parses the theme part's `a:majorFont`/`a:minorFont` latin, ea and cs typefaces.
    pub(crate) fn parse(name: &str, bytes: &[u8], max_depth: usize) -> Result<Theme, ParseError> {
        let mut part = XmlPart::new(name, bytes, max_depth);
        let mut theme = Theme::default();
        let mut major: Option<bool> = None;
        loop {
            match part.next()? {
                Event::Start(e) => match local(&e) {
                    "majorFont" => major = Some(true),
                    "minorFont" => major = Some(false),
                    _ => {}
                },
                Event::Empty(e) => {
                    let slot = match local(&e) {
                        "latin" => 0,
                        "ea" => 1,
                        "cs" => 2,
                        _ => continue,
                    };
                    let face = attr(&e, "typeface").filter(|f| !f.is_empty());
                    match major {
                        Some(true) => theme.major[slot] = face.map(|f| f.into_owned()),
                        Some(false) => theme.minor[slot] = face.map(|f| f.into_owned()),
                        None => {}
                    }
                }
                Event::End(e) => {
                    if matches!(
                        super::xml::local_of(e.name().as_ref()),
                        "majorFont" | "minorFont"
                    ) {
                        major = None;
                    }
                }
                Event::Eof => return Ok(theme),
                _ => {}
            }
        }
    }

    /// The font a theme reference such as `minorHAnsi` stands for.
    fn font(&self, reference: &str) -> Option<String> {
        let (set, rest) = if let Some(r) = reference.strip_prefix("major") {
            (&self.major, r)
        } else if let Some(r) = reference.strip_prefix("minor") {
            (&self.minor, r)
        } else {
            return None;
        };
        let slot = match rest {
            "Ascii" | "HAnsi" => 0,
            "EastAsia" => 1,
            "Bidi" => 2,
            _ => return None,
        };
        set[slot].clone()
    }
}

fn local<'e>(e: &'e BytesStart) -> &'e str {
    super::xml::local_of(e.name().0)
}

/// Style fonts with `w:basedOn` chains already merged.
#[derive(Debug, Clone, Default)]
pub(crate) struct Styles {
    defaults: FontSpec,
    default_paragraph: Option<String>,
    resolved: HashMap<String, FontSpec>,
}

struct StyleRec {
    based_on: Option<String>,
    fonts: FontSpec,
}

impl Styles {
    /// Parses `word/styles.xml`.
    pub(crate) fn parse(
        name: &str,
        bytes: &[u8],
        theme: &Theme,
        max_depth: usize,
    ) -> Result<Styles, ParseError> {
        let mut part = XmlPart::new(name, bytes, max_depth);
        let mut prefixes = Prefixes::default();
        let mut rooted = false;
        let mut styles = Styles::default();
        let mut raw: HashMap<String, StyleRec> = HashMap::new();
        let mut current: Option<(String, StyleRec)> = None;
        let mut in_defaults = false;
        let mut skip = 0usize;
        loop {
            let event = part.next()?;
            let (e, empty) = match event {
                Event::Start(e) => (e, false),
                Event::Empty(e) => (e, true),
                Event::End(e) => {
                    if skip > 0 {
                        skip -= 1;
                        continue;
                    }
                    match prefixes.classify(e.name().0) {
                        (Ns::W, "docDefaults") => in_defaults = false,
                        (Ns::W, "style") => {
                            if let Some((id, rec)) = current.take() {
                                raw.entry(id).or_insert(rec);
                            }
                        }
                        _ => {}
                    }
                    continue;
                }
                Event::Eof => break,
                _ => continue,
            };
            if !rooted {
                prefixes.learn(&e);
                rooted = true;
            }
            if skip > 0 {
                skip += usize::from(!empty);
                continue;
            }
            let (ns, name) = prefixes.classify(e.name().0);
            if ns != Ns::W {
                continue;
            }
            match name {
                // Conditional table formatting and revision history are not the style's fonts.
                "tblStylePr" | "rPrChange" | "pPrChange" => skip += usize::from(!empty),
                "docDefaults" => in_defaults = !empty,
                "style" => {
                    let id = attr(&e, "styleId")
                        .map(|v| v.into_owned())
                        .unwrap_or_default();
                    if attr(&e, "type").as_deref() == Some("paragraph")
                        && attr(&e, "default").is_some_and(|d| d == "1" || d == "true")
                        && styles.default_paragraph.is_none()
                    {
                        styles.default_paragraph = Some(id.clone());
                    }
                    if !empty {
                        current = Some((
                            id,
                            StyleRec {
                                based_on: None,
                                fonts: FontSpec::default(),
                            },
                        ));
                    }
                }
                "basedOn" => {
                    if let Some((_, rec)) = current.as_mut() {
                        rec.based_on = attr(&e, "val").map(|v| v.into_owned());
                    }
                }
                "rFonts" => {
                    let spec = FontSpec::from_rfonts(&e, theme);
                    if let Some((_, rec)) = current.as_mut() {
                        rec.fonts = spec;
                    } else if in_defaults {
                        styles.defaults = spec;
                    }
                }
                _ => {}
            }
        }
        for id in raw.keys() {
            let mut spec = FontSpec::default();
            let mut next = Some(id.as_str());
            for _ in 0..MAX_CHAIN {
                let Some(rec) = next.and_then(|n| raw.get(n)) else {
                    break;
                };
                spec.inherit(&rec.fonts);
                next = rec.based_on.as_deref();
            }
            styles.resolved.insert(id.clone(), spec);
        }
        Ok(styles)
    }

    /// The document-default fonts (`w:docDefaults`).
    pub(crate) fn defaults(&self) -> &FontSpec {
        &self.defaults
    }

    /// A character style's fonts, chain merged.
    pub(crate) fn character(&self, id: Option<&str>) -> Option<&FontSpec> {
        id.and_then(|id| self.resolved.get(id))
    }

    /// A paragraph style's fonts; paragraphs without a (known) style use the default style.
    pub(crate) fn paragraph(&self, id: Option<&str>) -> Option<&FontSpec> {
        id.and_then(|id| self.resolved.get(id)).or_else(|| {
            self.default_paragraph
                .as_deref()
                .and_then(|d| self.resolved.get(d))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STYLES: &str = r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi" w:cs="Times New Roman"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:rPr><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:basedOn w:val="Normal"/><w:rPr><w:rFonts w:ascii=".VnTimeH"/><w:rPrChange><w:rPr><w:rFonts w:ascii="Arial"/></w:rPr></w:rPrChange></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Loop1"><w:basedOn w:val="Loop2"/></w:style>
<w:style w:type="paragraph" w:styleId="Loop2"><w:basedOn w:val="Loop1"/></w:style>
</w:styles>"#;

    const THEME: &str = r#"<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:themeElements><a:fontScheme>
<a:majorFont><a:latin typeface="Calibri Light"/><a:ea typeface=""/></a:majorFont>
<a:minorFont><a:latin typeface="Calibri"/><a:ea typeface=""/></a:minorFont>
</a:fontScheme></a:themeElements></a:theme>"#;

    #[test]
    fn chains_defaults_and_theme_resolve() {
        let theme = Theme::parse("theme", THEME.as_bytes(), 64).unwrap();
        let styles = Styles::parse("styles", STYLES.as_bytes(), &theme, 64).unwrap();
        assert_eq!(pick(&[styles.defaults()]), Some("Calibri"));
        let h1 = styles.paragraph(Some("Heading1")).unwrap();
        // Own ascii, not the revision-history Arial; hAnsi inherited from Normal.
        assert_eq!(h1.ascii.as_deref(), Some(".VnTimeH"));
        assert_eq!(h1.h_ansi.as_deref(), Some(".VnTime"));
        let unknown = styles.paragraph(Some("Nope")).unwrap();
        assert_eq!(unknown.ascii.as_deref(), Some(".VnTime"));
        // A basedOn cycle terminates.
        assert!(styles.paragraph(Some("Loop1")).is_some());
    }

    #[test]
    fn pick_prefers_strongest_layer_per_slot_order() {
        let direct = FontSpec {
            h_ansi: Some("VNI-Times".into()),
            ..FontSpec::default()
        };
        let style = FontSpec {
            ascii: Some(".VnTime".into()),
            ..FontSpec::default()
        };
        assert_eq!(pick(&[&direct, &style]), Some(".VnTime"));
        assert_eq!(pick(&[&direct]), Some("VNI-Times"));
        assert_eq!(pick(&[]), None);
    }
}
