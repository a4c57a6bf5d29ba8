#!/usr/bin/env python3
"""Writes the small hand-made PDF seeds of fuzz/corpus/pdf_worker/.

Each seed exercises one path of the worker's parse: base-14 text, a legacy
TCVN3 .VnTime font, an Identity-H font without ToUnicode, a ToUnicode CMap,
a Flate-compressed content stream, nested and self-drawing Form XObjects,
an image-only (scanned) page and a UTF-16 Info title. The corpus PDFs are
added at run time by fuzz/seed.sh (they are larger).
"""
import pathlib
import sys
import zlib

OUT = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "fuzz/corpus/pdf_worker")


def pdf(objects, info=None):
    """objects: list of bytes bodies, object i+1; object 1 is the catalog."""
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    trailer = b"<< /Size %d /Root 1 0 R" % (len(objects) + 1)
    if info:
        trailer += b" /Info %d 0 R" % info
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def stream(data, extra=b""):
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def one_page(content, resources, extra_objects=(), info=None, filt=False):
    """Catalog 1, Pages 2, Page 3, content 4, then extra objects from 5 on."""
    if filt:
        content_obj = stream(zlib.compress(content), b"/Filter /FlateDecode ")
    else:
        content_obj = stream(content)
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 595 842] >>",
        b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources " + resources + b" >>",
        content_obj,
    ]
    objs.extend(extra_objects)
    return pdf(objs, info)


HELV = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
VNTIME = (b"<< /Type /Font /Subtype /TrueType /BaseFont /ABCDEF+.VnTime "
          b"/Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 255 /Widths [" + b"500 " * 224 + b"] >>")
CID = (b"<< /Type /Font /Subtype /Type0 /BaseFont /XYZABC+Arial /Encoding /Identity-H "
       b"/DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /BaseFont /XYZABC+Arial /DW 1000 "
       b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
       b"/FontDescriptor << /Type /FontDescriptor /FontName /XYZABC+Arial >> >>] >>")
TOUNICODE = b"""/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
3 beginbfchar
<0001> <0053>
<0002> <1ED1>
<0003> <0110>
endbfchar
1 beginbfrange
<0010> <0020> <0041>
endbfrange
endcmap
CMapName currentdict /CMap defineresource pop
end
end"""

seeds = {
    "helvetica_text.pdf": one_page(
        b"BT /F1 12 Tf 72 770 Td (S\xf4: 12/Q\xd0-UBND) Tj 0 -14 Td "
        b"[(Ng\xe0y) -250 (15 th\xe1ng 3 n\xe3m 2024)] TJ T* (1.250.000 \xf0\xf4ng) ' ET",
        b"<< /Font << /F1 5 0 R >> >>", [HELV]),
    "vntime_tcvn3.pdf": one_page(
        b"BT /F2 13 Tf 72 770 Td (Quy\xd5t \xae\xfenh s\xe8 45/2023/N\xa7-CP) Tj "
        b"0 -15 Td (\xab\xa8n v\xfb t\xd3nh) Tj ET",
        b"<< /Font << /F2 5 0 R >> >>", [VNTIME]),
    "identity_h_unmapped.pdf": one_page(
        b"BT /F3 12 Tf 72 770 Td <0001000200030004> Tj 1 0 0 1 72 700 Tm <00100011> Tj ET",
        b"<< /Font << /F3 5 0 R >> >>", [CID]),
    "tounicode_flate.pdf": one_page(
        b"BT /F3 12 Tf 72 770 Td <000100020003> Tj 0 -20 TD <0010001100120013> Tj ET",
        b"<< /Font << /F3 5 0 R >> >>",
        [CID.replace(b"/Encoding /Identity-H", b"/Encoding /Identity-H /ToUnicode 6 0 R"),
         stream(TOUNICODE)], filt=True),
    "form_xobject.pdf": one_page(
        b"q 1 0 0 1 10 10 cm /Fm0 Do Q",
        b"<< /Font << /F1 5 0 R >> /XObject << /Fm0 6 0 R >> >>",
        [HELV, stream(b"BT /F1 10 Tf 72 700 Td (Trong form) Tj ET /Fm1 Do",
                      b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] "
                      b"/Resources << /Font << /F1 5 0 R >> /XObject << /Fm1 7 0 R >> >> "),
         stream(b"BT /F1 9 Tf 72 650 Td (Form 2) Tj ET",
                b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> ")]),
    "self_drawing_form.pdf": one_page(
        b"/Fm0 Do",
        b"<< /XObject << /Fm0 5 0 R >> >>",
        [stream(b"/Fm0 Do", b"/Type /XObject /Subtype /Form /BBox [0 0 1 1] "
                b"/Resources << /XObject << /Fm0 5 0 R >> >> ")]),
    "scanned_image.pdf": one_page(
        b"q 595 0 0 842 0 0 cm /Im0 Do Q",
        b"<< /XObject << /Im0 5 0 R >> >>",
        [stream(b"\x00\x80\xff\x40", b"/Type /XObject /Subtype /Image /Width 2 /Height 2 "
                b"/ColorSpace /DeviceGray /BitsPerComponent 8 ")]),
    "info_utf16.pdf": one_page(
        b"BT /F1 12 Tf 72 770 Td (B\xe1o c\xe1o) Tj ET",
        b"<< /Font << /F1 5 0 R >> >>",
        [HELV, b"<< /Title <FEFF0042C1006F0020006300E1006F> /Producer (Microsoft Word) >>"], info=6),
}

OUT.mkdir(parents=True, exist_ok=True)
for name, data in seeds.items():
    (OUT / name).write_bytes(data)
    print(name, len(data))
