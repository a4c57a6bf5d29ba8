//! A walk over one page's content streams that mirrors the order in which
//! pdf-extract shows strings, so every string can be given the font it was
//! drawn in (pdf-extract's output device is never told the font).
//!
//! The walk also finds what pdf-extract cannot survive: form XObjects that
//! draw themselves (endless recursion, a stack overflow that kills the
//! process) and page-tree `Parent` cycles. Pages with those are not handed to
//! pdf-extract at all.

use std::collections::BTreeSet;
use std::rc::Rc;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

/// Nesting of form XObjects deeper than this is treated as hostile.
const MAX_XOBJECT_DEPTH: usize = 32;
/// Page-tree ancestry longer than this is treated as a cycle.
const MAX_PARENT_DEPTH: usize = 64;

/// What the walk learned about one page.
#[derive(Debug, Default)]
pub(crate) struct PageScan {
    /// The font (base name, subset prefix removed) of every string shown, in show order.
    pub shows: Vec<Option<Rc<str>>>,
    /// Every font selected on the page.
    pub fonts: BTreeSet<Rc<str>>,
    /// Whether the page draws an image XObject or an inline image.
    pub has_images: bool,
    /// Why the page must not be given to pdf-extract, if it must not.
    pub hazard: Option<String>,
}

/// Walks the page `page_id` of `doc`.
pub(crate) fn scan_page(doc: &Document, page_id: ObjectId) -> PageScan {
    let mut scan = PageScan::default();
    let Ok(page) = doc.get_dictionary(page_id) else {
        scan.hazard = Some("the page object is missing or not a dictionary".into());
        return scan;
    };
    if let Err(why) = check_ancestry(doc, page) {
        scan.hazard = Some(why);
        return scan;
    }
    let empty = Dictionary::new();
    let resources = inherited_dict(doc, page, b"Resources").unwrap_or(&empty);
    let content = match doc.get_page_content(page_id) {
        Ok(c) => c,
        Err(e) => {
            scan.hazard = Some(format!("the page content cannot be read: {e}"));
            return scan;
        }
    };
    let mut walker = Walker {
        doc,
        scan: &mut scan,
        names: Vec::new(),
        open_forms: Vec::new(),
    };
    walker.walk(&content, resources);
    scan
}

/// Strips a subset tag (`ABCDEF+`) from a font name.
pub(crate) fn strip_subset(name: &str) -> &str {
    let b = name.as_bytes();
    if b.len() > 7 && b[6] == b'+' && b[..6].iter().all(u8::is_ascii_uppercase) {
        &name[7..]
    } else {
        name
    }
}

/// Decodes a PDF name; names are bytes, and legacy Vietnamese font names are ASCII anyway.
fn name_to_string(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => bytes.iter().map(|&b| char::from(b)).collect(),
    }
}

/// Fails when the page's `Parent` chain loops, which pdf-extract follows without end.
fn check_ancestry(doc: &Document, page: &Dictionary) -> Result<(), String> {
    let mut node = page;
    for _ in 0..MAX_PARENT_DEPTH {
        let Ok(parent) = node.get(b"Parent").and_then(Object::as_reference) else {
            return Ok(());
        };
        match doc.get_dictionary(parent) {
            Ok(d) => node = d,
            Err(_) => return Ok(()),
        }
    }
    Err("the page tree loops (Parent cycle)".into())
}

/// A dictionary entry looked up on the node and then its ancestors, as pdf-extract does.
fn inherited_dict<'a>(
    doc: &'a Document,
    node: &'a Dictionary,
    key: &[u8],
) -> Option<&'a Dictionary> {
    let mut node = node;
    for _ in 0..MAX_PARENT_DEPTH {
        if let Some(d) = deref(doc, node.get(key).ok()).and_then(|o| o.as_dict().ok()) {
            return Some(d);
        }
        let parent = node.get(b"Parent").and_then(Object::as_reference).ok()?;
        node = doc.get_dictionary(parent).ok()?;
    }
    None
}

fn deref<'a>(doc: &'a Document, obj: Option<&'a Object>) -> Option<&'a Object> {
    obj.and_then(|o| doc.dereference(o).ok()).map(|(_, o)| o)
}

fn dict_entry<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    deref(doc, dict.get(key).ok())
}

/// A stream's bytes decoded the way pdf-extract decodes them (raw when a filter is unknown).
fn stream_bytes(stream: &Stream) -> Vec<u8> {
    if stream.filters().is_ok() {
        stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone())
    } else {
        stream.content.clone()
    }
}

struct Walker<'a, 's> {
    doc: &'a Document,
    scan: &'s mut PageScan,
    /// Interned font names, so each show costs a reference count, not a string.
    names: Vec<Rc<str>>,
    /// Form XObjects being drawn, innermost last.
    open_forms: Vec<ObjectId>,
}

impl<'a> Walker<'a, '_> {
    fn intern(&mut self, name: &str) -> Rc<str> {
        if let Some(n) = self.names.iter().find(|n| &***n == name) {
            return n.clone();
        }
        let n: Rc<str> = Rc::from(name);
        self.names.push(n.clone());
        self.scan.fonts.insert(n.clone());
        n
    }

    /// The font name a `Tf` operand selects in `resources`.
    fn font_name(&mut self, resources: &'a Dictionary, key: &[u8]) -> Option<Rc<str>> {
        let fonts = dict_entry(self.doc, resources, b"Font")?.as_dict().ok()?;
        let font = dict_entry(self.doc, fonts, key)?.as_dict().ok()?;
        // Type 3 fonts need no BaseFont; their /Name (or the resource key) still tells fonts apart.
        let raw = dict_entry(self.doc, font, b"BaseFont")
            .or_else(|| dict_entry(self.doc, font, b"Name"))
            .and_then(|o| o.as_name().ok())
            .unwrap_or(key);
        let full = name_to_string(raw);
        Some(self.intern(strip_subset(&full)))
    }

    fn walk(&mut self, content: &[u8], resources: &'a Dictionary) {
        if self.scan.hazard.is_some() {
            return;
        }
        // pdf-extract unwraps this decode; a failure there fails the page, so stop here too.
        let Ok(content) = Content::decode(content) else {
            return;
        };
        let mut font: Option<Rc<str>> = None;
        let mut saved: Vec<Option<Rc<str>>> = Vec::new();
        for op in &content.operations {
            match op.operator.as_str() {
                "Tf" => {
                    if let Some(Ok(key)) = op.operands.first().map(Object::as_name) {
                        font = self.font_name(resources, key);
                    }
                }
                "Tj" => {
                    if matches!(op.operands.first(), Some(Object::String(..))) {
                        self.scan.shows.push(font.clone());
                    }
                }
                "TJ" => {
                    if let Some(Object::Array(items)) = op.operands.first() {
                        for item in items {
                            if matches!(item, Object::String(..)) {
                                self.scan.shows.push(font.clone());
                            }
                        }
                    }
                }
                "q" => saved.push(font.clone()),
                "Q" => {
                    if let Some(f) = saved.pop() {
                        font = f;
                    }
                }
                "BI" => self.scan.has_images = true,
                "Do" => {
                    if let Some(Ok(key)) = op.operands.first().map(Object::as_name) {
                        self.draw_xobject(resources, key);
                    }
                    if self.scan.hazard.is_some() {
                        return;
                    }
                }
                _ => {}
            }
        }
    }

    /// Follows `Do` into a form XObject, as pdf-extract does, to keep show order aligned.
    fn draw_xobject(&mut self, resources: &'a Dictionary, key: &[u8]) {
        let doc = self.doc;
        let Some(xobjects) = dict_entry(doc, resources, b"XObject").and_then(|o| o.as_dict().ok())
        else {
            return;
        };
        let Ok(entry) = xobjects.get(key) else {
            return;
        };
        let Ok((id, obj)) = doc.dereference(entry) else {
            return;
        };
        let Ok(stream) = obj.as_stream() else {
            return;
        };
        let is_image = dict_entry(doc, &stream.dict, b"Subtype")
            .and_then(|o| o.as_name().ok())
            .is_some_and(|n| n == b"Image");
        if is_image {
            // pdf-extract also feeds image bytes to its content parser, but pixels
            // practically never parse as text operators, so no show is lost by skipping them
            // (and a scan's megabytes are not decompressed twice).
            self.scan.has_images = true;
            return;
        }
        if let Some(id) = id {
            if self.open_forms.contains(&id) {
                self.scan.hazard = Some(format!(
                    "XObject {} {} draws itself (endless recursion)",
                    id.0, id.1
                ));
                return;
            }
        }
        if self.open_forms.len() >= MAX_XOBJECT_DEPTH {
            self.scan.hazard = Some(format!(
                "XObjects nest deeper than {MAX_XOBJECT_DEPTH} levels"
            ));
            return;
        }
        let bytes = stream_bytes(stream);
        self.enter(id, &bytes, stream, resources);
    }

    fn enter(
        &mut self,
        id: Option<ObjectId>,
        bytes: &[u8],
        stream: &'a Stream,
        outer: &'a Dictionary,
    ) {
        let inner = dict_entry(self.doc, &stream.dict, b"Resources")
            .and_then(|o| o.as_dict().ok())
            .unwrap_or(outer);
        // A direct (unreferenced) stream cannot recur, so only ids are tracked.
        let pushed = id.map(|id| self.open_forms.push(id)).is_some();
        self.walk(bytes, inner);
        if pushed {
            self.open_forms.pop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    #[test]
    fn subset_prefix_is_stripped_only_when_well_formed() {
        assert_eq!(strip_subset("ABCDEF+.VnTime"), ".VnTime");
        assert_eq!(
            strip_subset("ABCDEF+TimesNewRomanPSMT"),
            "TimesNewRomanPSMT"
        );
        assert_eq!(strip_subset("AbCDEF+Arial"), "AbCDEF+Arial");
        assert_eq!(strip_subset("VNI-Times"), "VNI-Times");
        assert_eq!(strip_subset("ABCDEF+"), "ABCDEF+");
    }

    fn doc_with_page(content: &[u8], resources: Dictionary) -> (Document, ObjectId) {
        let mut doc = Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let content_id = doc.add_object(Stream::new(dictionary! {}, content.to_vec()));
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "Contents" => content_id,
            "Resources" => resources,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        });
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! {
                "Type" => "Pages",
                "Kids" => vec![page_id.into()],
                "Count" => 1,
            }),
        );
        (doc, page_id)
    }

    #[test]
    fn shows_carry_the_font_in_force_including_q_and_q_restore() {
        let resources = dictionary! {
            "Font" => dictionary! {
                "F1" => dictionary! { "Type" => "Font", "Subtype" => "TrueType", "BaseFont" => "ABCDEF+.VnTime" },
                "F2" => dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" },
            },
        };
        let content = b"BT /F1 12 Tf (a) Tj q /F2 10 Tf [(b) -20 (c)] TJ Q (d) Tj ET";
        let (doc, page) = doc_with_page(content, resources);
        let scan = scan_page(&doc, page);
        let names: Vec<_> = scan
            .shows
            .iter()
            .map(|f| f.as_deref().unwrap_or("-").to_string())
            .collect();
        assert_eq!(names, [".VnTime", "Helvetica", "Helvetica", ".VnTime"]);
        let fonts: Vec<_> = scan.fonts.iter().map(|f| f.to_string()).collect();
        assert_eq!(fonts, [".VnTime", "Helvetica"]);
        assert!(!scan.has_images);
        assert!(scan.hazard.is_none());
    }

    #[test]
    fn self_drawing_form_is_a_hazard_and_images_are_seen() {
        let mut doc = Document::with_version("1.5");
        let form_id = doc.new_object_id();
        let image_id = doc.add_object(Stream::new(
            dictionary! { "Type" => "XObject", "Subtype" => "Image", "Width" => 1, "Height" => 1,
            "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8 },
            vec![0u8],
        ));
        doc.objects.insert(
            form_id,
            Object::Stream(Stream::new(
                dictionary! { "Type" => "XObject", "Subtype" => "Form",
                "Resources" => dictionary! { "XObject" => dictionary! { "Fm" => form_id } } },
                b"/Fm Do".to_vec(),
            )),
        );
        let pages_id = doc.new_object_id();
        let content_id = doc.add_object(Stream::new(dictionary! {}, b"/Im Do /Fm Do".to_vec()));
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
            "Resources" => dictionary! { "XObject" => dictionary! { "Im" => image_id, "Fm" => form_id } },
        });
        doc.objects.insert(
            pages_id,
            Object::Dictionary(
                dictionary! { "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1 },
            ),
        );
        let scan = scan_page(&doc, page_id);
        assert!(scan.has_images);
        let hazard = scan.hazard.unwrap_or_default();
        assert!(hazard.contains("draws itself"), "{hazard}");
    }

    #[test]
    fn inline_image_counts_as_image() {
        let (doc, page) = doc_with_page(
            b"q 10 0 0 10 0 0 cm BI /W 1 /H 1 /CS /G /BPC 8 ID \x00 EI Q",
            dictionary! {},
        );
        assert!(scan_page(&doc, page).has_images);
    }
}
