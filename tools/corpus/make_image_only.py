#!/usr/bin/env python3
"""Image-only Word documents for the OCR tests: tests/ocr-inputs/<stem>.image.docx and .image.doc.

Offices make them when a signed paper is scanned and pasted into Word: one page picture per page,
no text. Pages of a seed PDF are rendered as grey JPEGs (150 dpi, as a photocopier scans) and
placed, one per page, in a DOCX written here with the standard library only (no python-docx);
LibreOffice then saves that DOCX as Word 97-2003 (.doc), which puts the pictures in the Data stream.

Run from the repository root (needs poppler-utils; LibreOffice for the .doc):
    python3 tools/corpus/make_image_only.py [--seed 000_1caea9d70ae52738] [--pages 1,2]

The files live outside corpus/ on purpose: corpus/ is ingested whole by the export snapshots.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "ocr-inputs"
DPI = 150
EMU_PER_INCH = 914400
# Each file stays small enough to commit.
MAX_BYTES = 320 * 1024
FIXED_TIME = (2021, 1, 1, 0, 0, 0)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"


def jpeg_size(data: bytes) -> tuple[int, int]:
    """Width and height from a JPEG's start-of-frame marker."""
    at = 2
    while at + 9 < len(data):
        marker, length = data[at + 1], int.from_bytes(data[at + 2:at + 4], "big")
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            return int.from_bytes(data[at + 7:at + 9], "big"), int.from_bytes(data[at + 5:at + 7], "big")
        at += 2 + length
    raise ValueError("no JPEG frame header")


def drawing(n: int, cx: int, cy: int) -> str:
    return (
        f'<w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{n}" name="Scan {n}"/>'
        f'<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
        f'<a:graphic><a:graphicData uri="{PIC}"><pic:pic>'
        f'<pic:nvPicPr><pic:cNvPr id="{n}" name="scan{n}.jpeg"/><pic:cNvPicPr/></pic:nvPicPr>'
        f'<pic:blipFill><a:blip r:embed="rIdScan{n}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
        f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>'
        f'</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing>'
    )


def write_docx(out: Path, jpegs: list[bytes]) -> None:
    """A DOCX whose body is one page-filling picture per page (A4, 0.5 cm margins)."""
    width_emu = int(20 / 2.54 * EMU_PER_INCH)
    paras = []
    for i, data in enumerate(jpegs, 1):
        w, h = jpeg_size(data)
        cy = width_emu * h // w
        brk = '<w:pPr><w:pageBreakBefore/><w:spacing w:before="0" w:after="0"/></w:pPr>' if i > 1 else \
            '<w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr>'
        paras.append(f"<w:p>{brk}<w:r>{drawing(i, width_emu, cy)}</w:r></w:p>")
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W}" xmlns:r="{R}" xmlns:wp="{WP}" xmlns:a="{A}" xmlns:pic="{PIC}"><w:body>'
        + "".join(paras)
        + '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="283" w:right="283" w:bottom="283" w:left="283" w:header="0" w:footer="0" w:gutter="0"/>'
        "</w:sectPr></w:body></w:document>"
    )
    rels = "".join(
        f'<Relationship Id="rIdScan{i}" Type="{R}/image" Target="media/scan{i}.jpeg"/>'
        for i in range(1, len(jpegs) + 1)
    )
    parts = [
        ("[Content_Types].xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/>'
         '<Default Extension="jpeg" ContentType="image/jpeg"/>'
         '<Override PartName="/word/document.xml" '
         'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
         "</Types>"),
        ("_rels/.rels",
         f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{PKG_RELS}">'
         f'<Relationship Id="rId1" Type="{R}/officeDocument" Target="word/document.xml"/></Relationships>'),
        ("word/document.xml", document),
        ("word/_rels/document.xml.rels",
         f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{PKG_RELS}">{rels}</Relationships>'),
    ]
    with zipfile.ZipFile(out, "w") as z:
        for name, text in parts:
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))
        for i, data in enumerate(jpegs, 1):
            # JPEG does not deflate: stored, as Word stores pictures.
            z.writestr(zipfile.ZipInfo(f"word/media/scan{i}.jpeg", FIXED_TIME), data)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", default="000_1caea9d70ae52738", help="stem of the seed PDF in corpus/")
    ap.add_argument("--pages", default="1,2", help="pages of the seed PDF to scan, in order")
    ap.add_argument("--quality", default="20", help="JPEG quality")
    args = ap.parse_args()
    pdf = ROOT / "corpus" / f"{args.seed}.pdf"
    OUT.mkdir(parents=True, exist_ok=True)
    pages = [int(p) for p in args.pages.split(",")]
    jpegs = []
    with tempfile.TemporaryDirectory() as td:
        for n in pages:
            base = f"{td}/p{n}"
            subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-jpeg", "-jpegopt", f"quality={args.quality}",
                            "-singlefile", "-f", str(n), "-l", str(n), str(pdf), base], check=True)
            jpegs.append(Path(base + ".jpg").read_bytes())
        docx = OUT / f"{args.seed}.image.docx"
        write_docx(docx, jpegs)
        made = [docx]
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if soffice:
            subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{td}/lo", "--convert-to",
                            "doc:MS Word 97", "--outdir", td, str(docx)], check=True, capture_output=True)
            doc = OUT / f"{args.seed}.image.doc"
            shutil.copyfile(Path(td) / f"{args.seed}.image.doc", doc)
            made.append(doc)
        else:
            print("soffice not found: the .doc was not made (apt-get install libreoffice-writer-nogui)")
    listing = OUT / "pages.tsv"
    lines = [f"{p.name}\t{' '.join(map(str, pages))}" for p in made]
    listing.write_text("file\tpages of <stem>.pdf\n" + "\n".join(lines) + "\n")
    failed = False
    for p in made:
        size = p.stat().st_size
        print(f"  {p.relative_to(ROOT)}: pages {args.pages} of {pdf.name} as pictures, {size // 1024} KB")
        failed |= size > MAX_BYTES
    if failed:
        sys.exit(f"a file is over {MAX_BYTES // 1024} KB")


if __name__ == "__main__":
    main()
