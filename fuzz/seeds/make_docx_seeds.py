#!/usr/bin/env python3
"""Writes the small hand-made seeds of fuzz/corpus/docx/.

`*.docx` seeds are real (deflated) DOCX files; `*.parts` seeds are the
NUL-separated XML parts that the docx target packs into a zip itself (see
fuzz/src/docx.rs, PARTS). With a DOCX path argument, prints that file's
parts in the same form instead (fuzz/seed.sh uses it on corpus/*.docx).
"""
import pathlib
import sys
import zipfile

PARTS = [
    "word/document.xml", "word/styles.xml", "word/header1.xml", "word/footer1.xml",
    "word/footnotes.xml", "word/endnotes.xml", "word/theme/theme1.xml",
    "docProps/core.xml", "docProps/app.xml",
]
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

DOCUMENT = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document {W}><w:body>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>ỦY BAN NHÂN DÂN</w:t></w:r></w:p><w:p><w:r><w:t>Số: 513/KH-UBND</w:t></w:r></w:p></w:tc>
<w:tc><w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</w:t></w:r></w:p>
<w:p><w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">Hà Nội, ngày 15 tháng 3 năm 2024</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:r><w:rPr><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/></w:rPr><w:t>C¨n cø NghÞ ®Þnh sè 45/2023/N§-CP</w:t></w:r></w:p>
<w:p><w:r><w:t>Tổng kinh phí 1.250.000.000 đồng (một tỷ hai trăm năm mươi triệu đồng)</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>
<w:p><w:r><w:br w:type="page"/></w:r><w:r><w:lastRenderedPageBreak/><w:t>Trang hai &amp; &lt;bảng&gt; &#x1EA1;</w:t><w:tab/><w:t>12 vụ</w:t></w:r></w:p>
<w:p><w:pPr><w:pageBreakBefore/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Quyết định số 12/QĐ-UBND</w:t></w:r><w:r><w:drawing/></w:r></w:p>
<w:sectPr><w:headerReference w:type="default" r:id="rId2" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></w:sectPr>
</w:body></w:document>"""

STYLES = f"""<?xml version="1.0" encoding="UTF-8"?>
<w:styles {W}><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:hAnsi="Times New Roman"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:rPr><w:rFonts w:ascii="VNI-Times"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style></w:styles>"""

HEADER = f"""<?xml version="1.0"?><w:hdr {W}><w:p><w:r><w:t>Trang 1/5</w:t></w:r></w:p></w:hdr>"""
FOOTER = f"""<?xml version="1.0"?><w:ftr {W}><w:p><w:r><w:t>- 2 -</w:t></w:r></w:p></w:ftr>"""
FOOTNOTES = f"""<?xml version="1.0"?><w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t>Theo Thông tư 01/2024/TT-BTC.</w:t></w:r></w:p></w:footnote></w:footnotes>"""
ENDNOTES = f"""<?xml version="1.0"?><w:endnotes {W}><w:endnote w:id="1"><w:p><w:r><w:t>Ghi chú cuối.</w:t></w:r></w:p></w:endnote></w:endnotes>"""
THEME = """<?xml version="1.0"?><a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:themeElements><a:fontScheme name="Office"><a:majorFont><a:latin typeface=".VnTimeH"/></a:majorFont><a:minorFont><a:latin typeface="Times New Roman"/></a:minorFont></a:fontScheme></a:themeElements></a:theme>"""
CORE = """<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Báo cáo</dc:title></cp:coreProperties>"""
APP = """<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Office Word</Application></Properties>"""
ROOT_RELS = """<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"""
DOC_RELS = """<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>"""

CONTENTS = [DOCUMENT, STYLES, HEADER, FOOTER, FOOTNOTES, ENDNOTES, THEME, CORE, APP]


def parts_of(path):
    """The NUL-joined parts of an existing DOCX, in PARTS order (missing ones empty)."""
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        return b"\0".join(z.read(n) if n in names else b"" for n in PARTS)


if len(sys.argv) > 1 and sys.argv[1].endswith(".docx"):
    sys.stdout.buffer.write(parts_of(sys.argv[1]))
    sys.exit(0)

out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "fuzz/corpus/docx")
out.mkdir(parents=True, exist_ok=True)
(out / "all_parts.parts").write_bytes("\0".join(CONTENTS).encode())
(out / "body_only.parts").write_bytes(DOCUMENT.encode())
(out / "body_styles.parts").write_bytes((DOCUMENT + "\0" + STYLES).encode())
for name, method in [("small_deflated.docx", zipfile.ZIP_DEFLATED), ("small_stored.docx", zipfile.ZIP_STORED)]:
    with zipfile.ZipFile(out / name, "w", method) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("word/_rels/document.xml.rels", DOC_RELS)
        for part, text in zip(PARTS, CONTENTS):
            if part in ("word/document.xml", "word/styles.xml", "word/header1.xml", "word/footnotes.xml", "docProps/core.xml"):
                z.writestr(part, text)
for f in sorted(out.iterdir()):
    print(f.name, f.stat().st_size)
