#!/usr/bin/env python3
"""Build the sample corpus in corpus/ from the seed texts corpus/<stem>.txt.

Requirements
  Python 3.11 + `pip install -r tools/corpus/requirements.txt` (python-docx, reportlab)
  Debian 12: `apt-get install -y libreoffice-writer fonts-liberation fonts-dejavu-core
             poppler-utils img2pdf` (soffice, pdftotext, pdffonts, pdftoppm, img2pdf, iconv)

Usage (from the repository root)
  python3 tools/corpus/make_corpus.py            # everything
  python3 tools/corpus/make_corpus.py --no-pdf   # only the DOCX files (no LibreOffice)
  python3 tools/corpus/make_corpus.py --rtf-html-only  # only the RTF/HTML/MHT renderings

What it writes (see tools/corpus/README.md)
  corpus/<stem>.docx            every seed typeset as a Vietnamese official document
                                (Nghị định 30/2020/NĐ-CP, Phụ lục I layout)
  corpus/<stem>.pdf             each DOCX converted by LibreOffice (Times New Roman ->
                                Liberation Serif substitution, fonts embedded)
  corpus/000_*.vntime.docx      seed 000 with every run in TCVN3 (ABC) bytes, fonts
                                .VnTime / .VnTimeH, text stored as the Latin-1 characters
                                of those bytes
  corpus/004_*.nfd.pdf          seed 004 whose PDF text layer is Unicode NFD
  corpus/scan_no_text_layer.pdf one page rendered to an image, no text layer
  corpus/<stem>[.vntime].rtf    every DOCX converted to RTF by LibreOffice
  corpus/<stem>[.vntime].html   every DOCX converted to HTML ("Web Page") by LibreOffice
  corpus/004_*.mht, 000_*.vntime.mht  MHTML (multipart/related) built from the HTML page,
                                quoted-printable and base64 parts

The seed texts are parsed generically (header lines are found by their shapes), and every
output is checked: >= 99 % of the seed's words (NFC, casefolded, whitespace-split, markup
such as `**`, `#`, `<p>`, `[bookmark: ...]` and `--` table separators removed) must be
found in the output's text.  The script exits non-zero if a check fails.
"""

from __future__ import annotations

import argparse
import collections
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
FONT = "Times New Roman"  # LibreOffice substitutes the metric-compatible Liberation Serif
MIN_COVERAGE = 0.99

# Document types of Nghị định 30/2020/NĐ-CP, Phụ lục III (plus a few common ones).
KINDS = {
    "NGHỊ QUYẾT", "QUYẾT ĐỊNH", "CHỈ THỊ", "QUY CHẾ", "QUY ĐỊNH", "THÔNG CÁO", "THÔNG BÁO",
    "HƯỚNG DẪN", "CHƯƠNG TRÌNH", "KẾ HOẠCH", "PHƯƠNG ÁN", "ĐỀ ÁN", "DỰ ÁN", "BÁO CÁO",
    "BIÊN BẢN", "TỜ TRÌNH", "HỢP ĐỒNG", "CÔNG ĐIỆN", "BẢN GHI NHỚ", "BẢN THỎA THUẬN",
    "BẢN THOẢ THUẬN", "GIẤY ỦY QUYỀN", "GIẤY UỶ QUYỀN", "GIẤY MỜI", "GIẤY GIỚI THIỆU",
    "GIẤY NGHỈ PHÉP", "PHIẾU GỬI", "PHIẾU CHUYỂN", "PHIẾU BÁO", "THƯ CÔNG", "PHỤ LỤC",
    "DANH SÁCH", "CÔNG VĂN", "KẾT LUẬN", "ĐIỀU LỆ",
}

NUMBER_RE = re.compile(r"^Số\s*:", re.I)
MOTTO1_RE = re.compile(r"^CỘNG\s+HO?[ÒÀ]A?\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM$")
MOTTO2_RE = re.compile(r"^Độc\s+lập\s*[-–]\s*Tự\s+do\s*[-–]\s*Hạnh\s+phúc$", re.I)
PLACEDATE_RE = re.compile(r"^[^,]{2,40},\s*ngày\b.*\btháng\b.*\bnăm\s+\d{4}\s*$")
RECIPIENTS_RE = re.compile(r"^Nơi\s+nhận\s*:?\s*$", re.I)
MARKER_RE = re.compile(r"^(?:[-+·•–]\s|[IVXLC]+\.\s|\d+(?:\.\d+)*\.\s|[a-zđ]\)\s)")
HEADING_RE = re.compile(r"^(?:[IVXLC]+\.|\d+(?:\.\d+)*\.)\s+\S")
URL_RE = re.compile(r"^https?://\S+$")
TERMINAL = tuple(".:;!?…)")


# --------------------------------------------------------------------------- text model

@dataclass
class Line:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Para:
    text: str
    bold: bool = False
    italic: bool = False
    kind: str = "body"  # body | url | note


@dataclass
class Table:
    rows: list  # list of rows, each a list of cells, each a list of paragraph strings


@dataclass
class Doc:
    stem: str
    agency_lines: list = field(default_factory=list)
    number: str | None = None
    motto1: str | None = None
    motto2: str | None = None
    placedate: str | None = None
    stray_header: list = field(default_factory=list)
    kind: str | None = None
    subject: list = field(default_factory=list)
    subject_bold: bool = True
    notes: list = field(default_factory=list)
    body: list = field(default_factory=list)
    recipients_label: str | None = None
    recipients: list = field(default_factory=list)
    sign_titles: list = field(default_factory=list)
    signer: str | None = None


def strip_markup(s: str) -> tuple[str, bool, bool]:
    """Drop the extraction artefacts of one line; report markdown bold/italic."""
    s = re.sub(r"\[bookmark:[^\]]*\]", " ", s)
    s = re.sub(r"</?p>", " ", s)
    s = re.sub(r"^\s*#{1,6}\s+", "", s)
    bold = italic = False
    m = re.fullmatch(r"\s*(\*{1,3})(.+?)\1\s*", s)
    if m:
        n = len(m.group(1))
        bold, italic = n >= 2, n in (1, 3)
        s = m.group(2)
    s = s.replace("*", "")
    return s.strip(), bold, italic


def is_upper(t: str) -> bool:
    return any(c.isalpha() for c in t) and t == t.upper()


def ends_terminal(t: str) -> bool:
    return t.rstrip().endswith(TERMINAL)


def join_text(a: str, b: str) -> str:
    # "513/KH-" + "UBND" -> "513/KH-UBND" (a symbol broken at its hyphen)
    if re.search(r"\S-$", a) and b[:1].isalnum():
        return a + b
    return a + " " + b


def is_separator_row(cells: list[str]) -> bool:
    return all(re.fullmatch(r"[-:|\s]*", c) for c in cells)


def cell_paras(c: str) -> list[str]:
    parts = re.split(r"</p>\s*<p>", c)
    out = []
    for p in parts:
        p = re.sub(r"</?p>", " ", p)
        p = " ".join(p.split())
        if p:
            out.append(p)
    return out


def parse(stem: str, raw: str) -> Doc:
    doc = Doc(stem)
    # items: ('blank',) | ('line', Line) | ('row', cells)
    items = []
    for rl in raw.split("\n"):
        if rl.count("\t") >= 2:
            items.append(("row", rl.split("\t")))
            continue
        t, b, i = strip_markup(rl.replace("\t", " "))
        items.append(("line", Line(t, b, i)) if t else ("blank",))

    # gaps (number of blank lines before each non-blank item)
    gaps, nb, seq = [], 0, []
    for it in items:
        if it[0] == "blank":
            nb += 1
            continue
        seq.append((nb, it))
        gaps.append(nb)
        nb = 0
    gap_mode = collections.Counter(gaps[1:]).most_common(1)[0][0] if len(gaps) > 1 else 0

    # ---- header: everything before the type word
    kind_idx = None
    for k, (_, it) in enumerate(seq[:25]):
        if it[0] == "line" and " ".join(it[1].text.split()).upper() in KINDS and is_upper(it[1].text):
            kind_idx = k
            break
    pos = 0
    if kind_idx is not None:
        for _, it in seq[:kind_idx]:
            if it[0] == "row":
                doc.stray_header.append(" ".join(" ".join(it[1]).split()))
                continue
            t = it[1].text
            if NUMBER_RE.match(t) and doc.number is None:
                doc.number = t
            elif MOTTO1_RE.match(t):
                doc.motto1 = t
            elif MOTTO2_RE.match(t):
                doc.motto2 = t
            elif PLACEDATE_RE.match(t) and doc.placedate is None:
                doc.placedate = t
            elif is_upper(t):
                doc.agency_lines.append(t)
            else:
                doc.stray_header.append(t)
        doc.kind = seq[kind_idx][1][1].text
        pos = kind_idx + 1
        # subject lines
        first = True
        while pos < len(seq) and len(doc.subject) < 4:
            gap, it = seq[pos]
            if it[0] != "line":
                break
            ln = it[1]
            t = ln.text
            if t.startswith("(") or MARKER_RE.match(t) or len(t) > 200:
                break
            if not first and (gap > gap_mode or ln.bold != doc.subject_bold):
                break
            if first:
                if gap > gap_mode + 3:
                    break
                doc.subject_bold = ln.bold
            doc.subject.append(t)
            first = False
            pos += 1
        doc.subject_bold = True
        while pos < len(seq) and seq[pos][1][0] == "line" and re.fullmatch(r"\(.*\)", seq[pos][1][1].text):
            doc.notes.append(seq[pos][1][1].text)
            pos += 1

    # ---- tail: "Nơi nhận" and signature
    end = len(seq)
    for k in range(pos, len(seq)):
        it = seq[k][1]
        if it[0] == "line" and RECIPIENTS_RE.match(it[1].text):
            end = k
            break
    if end < len(seq):
        doc.recipients_label = seq[end][1][1].text
        sig_started = False
        for _, it in seq[end + 1:]:
            t = it[1].text if it[0] == "line" else " ".join(" ".join(it[1]).split())
            if not sig_started and (t.startswith(("-", "+", "–")) or not is_upper(t)):
                if doc.recipients and not t.startswith(("-", "+", "–")):
                    doc.recipients[-1] = join_text(doc.recipients[-1], t)
                else:
                    doc.recipients.append(t)
                continue
            sig_started = True
            if is_upper(t) and doc.signer is None:
                doc.sign_titles.append(t)
            elif doc.signer is None:
                doc.signer = t
            else:
                doc.sign_titles.append(t)

    # ---- body
    body = seq[pos:end]
    line_lens = sorted(len(it[1].text) for _, it in body if it[0] == "line")
    p90 = line_lens[int(0.9 * (len(line_lens) - 1))] if line_lens else 0
    wrapped = 0 < p90 < 100  # PDF-extracted text: one visual line per text line
    width = p90
    out: list = []
    cur: Para | None = None
    cur_last = ""  # last visual line of the current paragraph
    deferred: list[Para] = []
    table_rows: list | None = None
    ncols = 0

    def flush():
        nonlocal cur
        if cur is not None:
            out.append(cur)
            cur = None
        out.extend(deferred)
        deferred.clear()

    def flush_table():
        nonlocal table_rows
        if table_rows:
            out.append(Table(table_rows))
        table_rows = None

    for gap, it in body:
        if it[0] == "row":
            flush()
            cells = it[1]
            if is_separator_row(cells):
                continue
            if table_rows is None:
                table_rows, ncols = [], len(cells)
                table_rows.append([cell_paras(c) for c in cells])
                continue
            if len(cells) < ncols:
                cells = [""] * (ncols - len(cells)) + cells
            cells = cells[:ncols] if len(cells) > ncols else cells
            head = cells[0].strip()
            if head == "" and table_rows:
                prev = table_rows[-1]
                for ci, c in enumerate(cells):
                    ps = cell_paras(c)
                    if not ps:
                        continue
                    if prev[ci]:
                        prev[ci][-1] = join_text(prev[ci][-1], ps[0])
                        prev[ci].extend(ps[1:])
                    else:
                        prev[ci] = ps
            else:
                table_rows.append([cell_paras(c) for c in cells])
            continue
        flush_table()
        ln = it[1]
        t = ln.text
        if URL_RE.match(t):
            if cur is None:
                out.append(Para(t, kind="url"))
            else:
                deferred.append(Para(t, kind="url"))
            continue
        if cur is None:
            cur, cur_last = Para(t, ln.bold, ln.italic), t
            continue
        marker = bool(MARKER_RE.match(t))
        style_change = (ln.bold, ln.italic) != (cur.bold, cur.italic)
        if wrapped:
            new = (
                marker
                or style_change
                or (ends_terminal(cur_last) and len(cur_last) < 0.88 * width)
                or (
                    not ends_terminal(cur_last)
                    and len(cur_last) < 0.6 * width
                    and (t[:1].isupper() or t[:1] in "(“\"")
                    and not (is_upper(cur_last) and is_upper(t))
                )
            )
        else:
            new = (
                marker
                or style_change
                or ends_terminal(cur.text)
                or HEADING_RE.match(cur.text) is not None
                or is_upper(cur.text)
                or not (t[:1].islower() or len(cur.text) > 150)
            )
        if new:
            flush()
            cur, cur_last = Para(t, ln.bold, ln.italic), t
        else:
            cur.text = join_text(cur.text, t)
            cur_last = t
    flush()
    flush_table()

    # headings: bold by shape when the source carried no emphasis markup
    for p in out:
        if isinstance(p, Para) and p.kind == "body" and not p.bold:
            t = p.text
            if re.match(r"^[IVXLC]+\.\s", t) and len(t) < 160:
                p.bold = True
            elif HEADING_RE.match(t) and len(t) < 200 and not t.rstrip().endswith((".", ";", ":", ",")):
                p.bold = True
                if re.match(r"^\d+\.\d+", t):
                    p.italic = True
            elif re.fullmatch(r"\(.*\)", t) and len(t) < 80:
                p.italic = True
                p.kind = "note"
    doc.body = out
    return doc


# --------------------------------------------------------------------------- encodings

VN_LOWER = "aàảãáạăằẳẵắặâầẩẫấậeèẻẽéẹêềểễếệiìỉĩíịoòỏõóọôồổỗốộơờởỡớợuùủũúụưừửữứựyỳỷỹýỵđ"
TONE_BYTE = {"\u0300": 0xB0, "\u0309": 0xB1, "\u0303": 0xB2, "\u0301": 0xB3, "\u0323": 0xB4}


def iconv_tcvn(ch: str) -> bytes:
    r = subprocess.run(["iconv", "-f", "UTF-8", "-t", "TCVN5712-1"], input=ch.encode(), capture_output=True)
    if r.returncode != 0:
        raise RuntimeError(f"iconv cannot encode {ch!r}")
    return r.stdout


class Tcvn3:
    """TCVN3 (ABC, VN3) encoder built from glibc's TCVN5712-1 (VN1) table.

    VN1 and VN3 agree on the 67 lower-case letters and on Ă Â Ê Ô Ơ Ư Đ (0xA1-0xA7), all
    single bytes.  VN1 puts the other 60 capitals with tone marks at 0x01-0x17, 0x80-0x9F and
    in holes of 0xAF-0xFF; VN3 fonts (.VnTime) have no glyphs there (and 0x01-0x17 are not
    allowed in XML).  For those capitals this encoder writes the capital base letter followed by
    a TCVN3 combining tone mark byte (0xB0 grave, 0xB1 hook, 0xB2 tilde, 0xB3 acute, 0xB4 dot
    below), which VN3 fonts draw over the preceding letter.  Runs that are entirely upper-case
    use .VnTimeH instead, whose glyphs at the lower-case positions are capitals.
    """

    def __init__(self):
        self.enc: dict[str, int] = {}
        self.fallback: list[str] = []
        letters = VN_LOWER + VN_LOWER.upper()
        for ch in letters:
            b = iconv_tcvn(ch)
            if ch.isascii():
                self.enc[ch] = ord(ch)
                continue
            assert len(b) == 1, (ch, b)
            back = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=b, capture_output=True).stdout.decode()
            assert unicodedata.normalize("NFC", back) == ch, (ch, back)
            if b[0] >= 0xA1 and (ch.islower() or ch in "ĂÂÊÔƠƯĐ"):
                self.enc[ch] = b[0]
            else:
                self.fallback.append(ch)
        for ch in self.fallback:
            d = unicodedata.normalize("NFD", ch)
            tone = [c for c in d if c in TONE_BYTE]
            base = unicodedata.normalize("NFC", "".join(c for c in d if c not in TONE_BYTE))
            assert len(tone) == 1 and base in self.enc, ch
            self.enc[ch] = (self.enc[base], TONE_BYTE[tone[0]])
        # decoder for the checks
        self.dec = {}
        for ch, v in self.enc.items():
            if isinstance(v, int) and v >= 0x80:
                self.dec[chr(v)] = ch
        for comb, b in TONE_BYTE.items():
            self.dec[chr(b)] = comb
        # sanity: the 134 letters round-trip as one byte each through glibc
        self.single = sum(1 for c, v in self.enc.items() if isinstance(v, int) and not c.isascii())

    def encodable(self, ch: str) -> bool:
        return ch in self.enc or (ch.isascii())

    def encode(self, s: str, caps: bool) -> str:
        out = []
        for ch in s:
            if caps and ch.isupper() and not ch.isascii():
                ch = ch.lower()
            v = self.enc.get(ch)
            if v is None:
                out.append(ch)
            elif isinstance(v, int):
                out.append(chr(v))
            else:
                out.append(chr(v[0]) + chr(v[1]))
        return "".join(out)

    def decode(self, s: str, caps: bool) -> str:
        t = unicodedata.normalize("NFC", "".join(self.dec.get(c, c) for c in s))
        return t.upper() if caps else t


# --------------------------------------------------------------------------- DOCX writer

def set_cell_margins(table, left=0.05, right=0.05):
    tblPr = table._tbl.tblPr
    mar = OxmlElement("w:tblCellMar")
    for side, v in (("left", left), ("right", right)):
        e = OxmlElement(f"w:{side}")
        e.set(qn("w:w"), str(int(Cm(v).twips)))
        e.set(qn("w:type"), "dxa")
        mar.append(e)
    tblPr.append(mar)


def set_borders(table, on: bool):
    tblPr = table._tbl.tblPr
    b = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        e = OxmlElement(f"w:{side}")
        if on:
            e.set(qn("w:val"), "single")
            e.set(qn("w:sz"), "4")
            e.set(qn("w:space"), "0")
            e.set(qn("w:color"), "000000")
        else:
            e.set(qn("w:val"), "nil")
        b.append(e)
    tblPr.append(b)


def fix_widths(table, widths_cm):
    table.autofit = False
    tblPr = table._tbl.tblPr
    lay = OxmlElement("w:tblLayout")
    lay.set(qn("w:type"), "fixed")
    tblPr.append(lay)
    grid = table._tbl.tblGrid
    for gc, w in zip(grid.findall(qn("w:gridCol")), widths_cm):
        gc.set(qn("w:w"), str(int(Cm(w).twips)))
    for row in table.rows:
        for cell, w in zip(row.cells, widths_cm):
            cell.width = Cm(w)


def bottom_rule(p):
    pPr = p._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    e = OxmlElement("w:bottom")
    e.set(qn("w:val"), "single")
    e.set(qn("w:sz"), "6")
    e.set(qn("w:space"), "1")
    e.set(qn("w:color"), "000000")
    bdr.append(e)
    pPr.append(bdr)


def set_run_font(run, name):
    run.font.name = name
    rPr = run._r.get_or_add_rPr()
    rf = rPr.find(qn("w:rFonts"))
    if rf is None:
        rf = OxmlElement("w:rFonts")
        rPr.insert(0, rf)
    for a in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rf.set(qn(a), name)


class Writer:
    """Typesets a parsed Doc.  `mode` is 'unicode', 'vntime' (TCVN3 runs) or 'nfd'."""

    def __init__(self, mode="unicode", tcvn: Tcvn3 | None = None):
        self.mode = mode
        self.tcvn = tcvn

    # one logical text -> one or more runs
    def runs(self, p, text, bold=False, italic=False, size=14, caps=None):
        if self.mode == "nfd":
            text = unicodedata.normalize("NFD", text)
        if self.mode != "vntime":
            r = p.add_run(text)
            r.bold, r.italic, r.font.size = bold, italic, Pt(size)
            return
        caps = is_upper(text) if caps is None else caps
        font = ".VnTimeH" if caps else ".VnTime"
        # split into TCVN-encodable stretches and the rest (“ ” … · stay Unicode in TNR runs)
        for ok, chunk in _chunks(text, lambda c: self.tcvn.encodable(c)):
            if ok:
                r = p.add_run(self.tcvn.encode(chunk, caps))
                set_run_font(r, font)
            else:
                r = p.add_run(chunk)
                set_run_font(r, FONT)
            r.bold, r.italic, r.font.size = bold, italic, Pt(size)

    def para(self, container, text="", align=None, bold=False, italic=False, size=14,
             indent=None, before=0, after=0, line=None, keep_next=False):
        p = container.add_paragraph()
        pf = p.paragraph_format
        if align is not None:
            p.alignment = align
        pf.space_before, pf.space_after = Pt(before), Pt(after)
        if indent is not None:
            pf.first_line_indent = Cm(indent)
        if line is not None:
            pf.line_spacing = line
        if keep_next:
            pf.keep_with_next = True
        if text:
            self.runs(p, text, bold, italic, size)
        return p

    def build(self, d: Doc, out: Path):
        docx = Document()
        st = docx.styles["Normal"]
        st.font.name, st.font.size = FONT, Pt(14)
        rf = st.element.get_or_add_rPr().get_or_add_rFonts()
        for a in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            rf.set(qn(a), FONT)
        st.paragraph_format.space_after = Pt(0)
        st.paragraph_format.space_before = Pt(0)
        cp = docx.core_properties
        cp.author = "vanban corpus generator"
        cp.title = " ".join([d.kind or ""] + d.subject).strip()
        cp.created = cp.modified = datetime(2024, 1, 1)
        cp.last_modified_by = "vanban corpus generator"
        cp.revision = 1

        wide = any(isinstance(b, Table) and len(b.rows[0]) >= 5 for b in d.body)
        sec = docx.sections[0]
        if wide:
            sec.orientation = WD_ORIENT.LANDSCAPE
            sec.page_width, sec.page_height = Cm(29.7), Cm(21.0)
        else:
            sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
        sec.top_margin, sec.bottom_margin = Cm(2.0), Cm(2.0)
        sec.left_margin, sec.right_margin = Cm(3.0), Cm(2.0)
        text_w = (sec.page_width - sec.left_margin - sec.right_margin) / 360000  # cm
        C = WD_ALIGN_PARAGRAPH.CENTER

        # --- header block: borderless two-column table
        body_start = docx.paragraphs[0] if docx.paragraphs else None
        for t in d.stray_header:
            self.para(docx, t, size=13)
        has_left = d.agency_lines or d.number
        has_right = d.motto1 or d.motto2 or d.placedate
        if has_left or has_right:
            lw = 6.3 if not wide else 9.0
            tb = docx.add_table(rows=1, cols=2)
            tb.alignment = WD_TABLE_ALIGNMENT.CENTER
            set_borders(tb, False)
            set_cell_margins(tb)
            fix_widths(tb, [lw, text_w - lw])
            L, R = tb.rows[0].cells
            L.paragraphs[0]._p.getparent().remove(L.paragraphs[0]._p)
            R.paragraphs[0]._p.getparent().remove(R.paragraphs[0]._p)
            n = len(d.agency_lines)
            for k, t in enumerate(d.agency_lines):
                parent = n >= 2 and k == 0
                self.para(L, t, align=C, bold=not parent, size=13)
            if d.agency_lines:
                r = self.para(L, align=C, size=4)
                r.paragraph_format.left_indent = Cm(lw / 2 - 1.2)
                r.paragraph_format.right_indent = Cm(lw / 2 - 1.2)
                bottom_rule(r)
            if d.number:
                self.para(L, d.number, align=C, size=13, before=6)
            if d.motto1:
                self.para(R, d.motto1, align=C, bold=True, size=13)
            if d.motto2:
                self.para(R, d.motto2, align=C, bold=True, size=14)
                r = self.para(R, align=C, size=4)
                rw = text_w - lw
                r.paragraph_format.left_indent = Cm(rw / 2 - 3.1)
                r.paragraph_format.right_indent = Cm(rw / 2 - 3.1)
                bottom_rule(r)
            if d.placedate:
                self.para(R, d.placedate, align=C, italic=True, size=14, before=6)
            for cell in (L, R):
                if not cell.paragraphs:
                    cell.add_paragraph()
        if body_start is not None:
            body_start._p.getparent().remove(body_start._p)

        # --- type word, subject, notes
        if d.kind:
            self.para(docx, d.kind, align=C, bold=True, size=14, before=18, keep_next=True)
            for t in d.subject:
                self.para(docx, t, align=C, bold=True, size=14, keep_next=True)
            if d.subject:
                r = self.para(docx, align=C, size=4, after=6)
                r.paragraph_format.left_indent = Cm(text_w / 2 - 1.5)
                r.paragraph_format.right_indent = Cm(text_w / 2 - 1.5)
                bottom_rule(r)
            for t in d.notes:
                self.para(docx, t, align=C, italic=True, size=13, after=6)
            self.para(docx, size=6)

        # --- body
        J = WD_ALIGN_PARAGRAPH.JUSTIFY
        for b in d.body:
            if isinstance(b, Table):
                self.table(docx, b, text_w)
                self.para(docx, size=6)
                continue
            if b.kind == "url":
                self.para(docx, b.text, align=WD_ALIGN_PARAGRAPH.LEFT, italic=True, size=9, after=3)
            elif b.kind == "note":
                self.para(docx, b.text, align=C, italic=True, size=14, after=6)
            else:
                self.para(docx, b.text, align=J, bold=b.bold, italic=b.italic, size=14,
                          indent=1.0, after=6, line=1.1, keep_next=b.bold)

        # --- recipients + signature: borderless two-column table
        if d.recipients_label or d.sign_titles or d.signer:
            lw = 7.0
            tb = docx.add_table(rows=1, cols=2)
            set_borders(tb, False)
            set_cell_margins(tb)
            fix_widths(tb, [lw, text_w - lw])
            L, R = tb.rows[0].cells
            if d.recipients_label:
                p = L.paragraphs[0]
                self.runs(p, d.recipients_label, bold=True, italic=True, size=12)
                for t in d.recipients:
                    self.para(L, t, size=11)
            for k, t in enumerate(d.sign_titles):
                p = R.paragraphs[0] if k == 0 else R.add_paragraph()
                p.alignment = C
                self.runs(p, t, bold=True, size=14)
            if d.signer:
                for _ in range(4):
                    R.add_paragraph()
                self.para(R, d.signer, align=C, bold=True, size=14)
        docx.save(out)

    def table(self, docx, tb: Table, text_w):
        rows = tb.rows
        ncols = len(rows[0])
        # widths: a narrow ordinal column, the rest by (square root of) text length
        narrow = [all(len(" ".join(r[c])) <= 4 for r in rows[1:]) for c in range(ncols)]
        avg = [sum(len(" ".join(r[c])) for r in rows) / len(rows) for c in range(ncols)]
        fixed = sum(1.4 for c in range(ncols) if narrow[c])
        weights = [0 if narrow[c] else max(avg[c], 12) ** 0.5 for c in range(ncols)]
        rest = text_w - fixed
        widths = [1.4 if narrow[c] else rest * weights[c] / sum(weights) for c in range(ncols)]
        t = docx.add_table(rows=len(rows), cols=ncols)
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        set_borders(t, True)
        fix_widths(t, widths)
        for ri, row in enumerate(rows):
            numbering = all(re.fullmatch(r"\(\d+\)", " ".join(c)) for c in row)
            if ri == 0:  # repeat the header row on every page
                trPr = t.rows[0]._tr.get_or_add_trPr()
                h = OxmlElement("w:tblHeader")
                trPr.append(h)
            for ci, paras in enumerate(row):
                cell = t.rows[ri].cells[ci]
                first = True
                for ptxt in paras or [""]:
                    p = cell.paragraphs[0] if first else cell.add_paragraph()
                    first = False
                    if ri == 0 or numbering or narrow[ci]:
                        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                    else:
                        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
                    if ptxt:
                        self.runs(p, ptxt, bold=ri == 0, italic=numbering, size=12)


def _chunks(s, pred):
    out, cur, cur_ok = [], "", None
    for ch in s:
        ok = pred(ch)
        if cur and ok != cur_ok:
            out.append((cur_ok, cur))
            cur = ""
        cur += ch
        cur_ok = ok
    if cur:
        out.append((cur_ok, cur))
    return out


# --------------------------------------------------------------------------- checks

def tokens(text: str) -> list[str]:
    """NFC, casefold, split on whitespace, then after every hyphen inside a word, so that a word
    broken at a line-end hyphen in the seed ("513/KH-" + "UBND") and the rejoined word in the
    output ("513/KH-UBND") give the same tokens."""
    out = []
    for w in unicodedata.normalize("NFC", text).casefold().split():
        out.extend(x for x in re.split(r"(?<=\S-)(?=\S)", w) if x)
    return out


def seed_words(raw: str) -> collections.Counter:
    t = re.sub(r"\[bookmark:[^\]]*\]", " ", raw)
    t = re.sub(r"</?p>", " ", t)
    t = re.sub(r"(?m)^[ \t]*#{1,6}[ \t]+", " ", t)
    t = t.replace("*", " ")
    return collections.Counter(w for w in tokens(t) if not re.fullmatch(r"-{2,}", w))


def words(text: str) -> collections.Counter:
    return collections.Counter(tokens(text))


def coverage(seed: collections.Counter, got: collections.Counter) -> tuple[float, list]:
    found = sum(min(n, got[w]) for w, n in seed.items())
    missing = sorted(((w, n - got[w]) for w, n in seed.items() if got[w] < n), key=lambda x: -x[1])
    return found / sum(seed.values()), missing


def docx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    paras = []
    for p in re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S):
        p = re.sub(r"<w:tab/>|<w:br/>", " ", p)
        paras.append("".join(unescape(x) for x in re.findall(r"<w:t(?: [^>]*)?>(.*?)</w:t>", p, flags=re.S)))
    return "\n".join(paras)


def vntime_text(path: Path, tcvn: Tcvn3) -> str:
    """Read a .VnTime DOCX back to Unicode: decode each run by its font."""
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    paras = []
    for p in re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S):
        s = ""
        for r in re.findall(r"<w:r[ >].*?</w:r>", p, flags=re.S):
            m = re.search(r'w:ascii="([^"]+)"', r)
            font = m.group(1) if m else FONT
            t = "".join(unescape(x) for x in re.findall(r"<w:t(?: [^>]*)?>(.*?)</w:t>", r, flags=re.S))
            if font == ".VnTime":
                t = tcvn.decode(t, caps=False)
            elif font == ".VnTimeH":
                t = tcvn.decode(t, caps=True)
            s += t
        paras.append(s)
    return "\n".join(paras)


def unescape(s: str) -> str:
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'").replace("&amp;", "&")


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True).stdout.decode()


def soffice_pdf(docx_paths: list[Path], outdir: Path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise SystemExit("soffice not found: apt-get install -y libreoffice-writer fonts-liberation")
    profile = Path(tempfile.gettempdir()) / "vanban_corpus_lo_profile"
    cmd = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
           "--outdir", str(outdir)] + [str(p) for p in docx_paths]
    subprocess.run(cmd, check=True, capture_output=True, timeout=600)


def report(label: str, cov: float, missing: list, failures: list):
    ok = cov >= MIN_COVERAGE
    miss = ", ".join(f"{w}×{n}" if n > 1 else w for w, n in missing[:8])
    print(f"  {label:<48} coverage {cov * 100:6.2f} %  {'ok' if ok else 'FAIL'}" + (f"   missing: {miss}" if missing else ""))
    if not ok:
        failures.append(label)


# --------------------------------------------------------------------------- NFD PDF fallback

def nfd_pdf_reportlab(d: Doc, out: Path):
    """Draw the document with reportlab, every string NFD, DejaVu Serif (has the combining marks).

    reportlab does no shaping: a combining mark is its own glyph (zero advance in DejaVu) and the
    PDF text layer keeps the decomposed sequence, which is what this variant is for.
    """
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table as RLTable, TableStyle
    from xml.sax.saxutils import escape

    base = "/usr/share/fonts/truetype/dejavu/"
    pdfmetrics.registerFont(TTFont("DejaVuSerif", base + "DejaVuSerif.ttf"))
    pdfmetrics.registerFont(TTFont("DejaVuSerif-Bold", base + "DejaVuSerif-Bold.ttf"))
    italic = base + "DejaVuSerif-Italic.ttf"
    pdfmetrics.registerFont(TTFont("DejaVuSerif-Italic", italic if os.path.exists(italic) else base + "DejaVuSerif.ttf"))
    bi = base + "DejaVuSerif-BoldItalic.ttf"
    pdfmetrics.registerFont(TTFont("DejaVuSerif-BoldItalic", bi if os.path.exists(bi) else base + "DejaVuSerif-Bold.ttf"))
    from reportlab.lib.fonts import addMapping
    addMapping("DejaVuSerif", 0, 0, "DejaVuSerif")
    addMapping("DejaVuSerif", 1, 0, "DejaVuSerif-Bold")
    addMapping("DejaVuSerif", 0, 1, "DejaVuSerif-Italic")
    addMapping("DejaVuSerif", 1, 1, "DejaVuSerif-BoldItalic")

    def N(s):
        return escape(unicodedata.normalize("NFD", s))

    def st(size=12, align=TA_JUSTIFY, indent=0, after=4):
        return ParagraphStyle("s", fontName="DejaVuSerif", fontSize=size, leading=size * 1.3,
                              alignment=align, firstLineIndent=indent, spaceAfter=after)

    def P(text, size=12, align=TA_JUSTIFY, bold=False, italic=False, indent=0, after=4):
        t = N(text)
        if bold:
            t = f"<b>{t}</b>"
        if italic:
            t = f"<i>{t}</i>"
        return Paragraph(t, st(size, align, indent, after))

    story = []
    left = [P(t, 11.5, TA_CENTER, bold=(k > 0 or len(d.agency_lines) == 1), after=0) for k, t in enumerate(d.agency_lines)]
    if d.number:
        left.append(P(d.number, 11.5, TA_CENTER, after=0))
    right = []
    if d.motto1:
        right.append(P(d.motto1, 11, TA_CENTER, bold=True, after=0))
    if d.motto2:
        right.append(P(d.motto2, 12, TA_CENTER, bold=True, after=4))
    if d.placedate:
        right.append(P(d.placedate, 12, TA_CENTER, italic=True, after=0))
    if left or right:
        t = RLTable([[left, right]], colWidths=[6.3 * cm, 9.7 * cm])
        t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
        story += [t, Spacer(1, 12)]
    if d.kind:
        story.append(P(d.kind, 13, TA_CENTER, bold=True, after=0))
        for s in d.subject:
            story.append(P(s, 13, TA_CENTER, bold=True, after=0))
        for s in d.notes:
            story.append(P(s, 12, TA_CENTER, italic=True, after=0))
        story.append(Spacer(1, 12))
    for b in d.body:
        if isinstance(b, Table):
            data = [[[P(x, 9, after=0) for x in c] for c in r] for r in b.rows]
            t = RLTable(data, repeatRows=1)
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            story.append(t)
        elif b.kind == "url":
            story.append(P(b.text, 8, italic=True))
        else:
            story.append(P(b.text, 12, bold=b.bold, italic=b.italic, indent=1 * cm))
    if d.recipients_label or d.sign_titles or d.signer:
        left = [P(d.recipients_label or "", 10.5, bold=True, italic=True, after=0)] + [P(t, 9.5, after=0) for t in d.recipients]
        right = [P(t, 12, TA_CENTER, bold=True, after=0) for t in d.sign_titles]
        if d.signer:
            right += [Spacer(1, 50), P(d.signer, 12, TA_CENTER, bold=True)]
        t = RLTable([[left, right]], colWidths=[7 * cm, 9 * cm])
        t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
        story.append(t)
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=3 * cm, rightMargin=2 * cm, topMargin=2 * cm,
                            bottomMargin=2 * cm, title=N(" ".join([d.kind or ""] + d.subject)), author="vanban corpus generator",
                            invariant=1)
    doc.build(story)


def is_nfd(text: str) -> tuple[bool, int]:
    marks = sum(1 for c in text if 0x300 <= ord(c) <= 0x323)
    return marks > 0 and unicodedata.normalize("NFD", text) == text, marks


# --------------------------------------------------------------------------- main

# --------------------------------------------------------------------------- Word 97-2003 .doc

DOC_FEATURES_FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:font-face-decls>
  <style:font-face style:name="Times New Roman" style:font-family-generic="roman"/>
 </office:font-face-decls>
 <office:automatic-styles>
  <style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"/>
   <style:header-style/><style:footer-style/></style:page-layout>
  <style:style style:name="Pbreak" style:family="paragraph"><style:paragraph-properties fo:break-before="page"/></style:style>
 </office:automatic-styles>
 <office:master-styles>
  <style:master-page style:name="Standard" style:page-layout-name="pm1">
   <style:header><text:p>ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH – đầu trang</text:p></style:header>
   <style:footer><text:p>Chân trang: văn bản thử nghiệm</text:p></style:footer>
  </style:master-page>
 </office:master-styles>
 <office:body><office:text>
  <text:p>Số: 123/BC-UBND ngày 15 tháng 3 năm 2024<text:note text:id="n1" text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>Chú thích: theo Quyết định số 45/2023/QĐ-UBND.</text:p></text:note-body></text:note></text:p>
  <text:p>Kinh phí thực hiện là 1.250 triệu đồng<text:note text:id="n2" text:note-class="endnote"><text:note-citation>i</text:note-citation><text:note-body><text:p>Ghi chú cuối: nguồn ngân sách tỉnh.</text:p></text:note-body></text:note>.</text:p>
  <table:table table:name="T1"><table:table-column table:number-columns-repeated="3"/>
   <table:table-row><table:table-cell><text:p>STT</text:p></table:table-cell><table:table-cell><text:p>Nội dung</text:p></table:table-cell><table:table-cell><text:p>Số tiền</text:p></table:table-cell></table:table-row>
   <table:table-row><table:table-cell><text:p>1</text:p></table:table-cell><table:table-cell><text:p>Xây dựng trường học</text:p><text:p>(giai đoạn 2)</text:p></table:table-cell><table:table-cell><text:p>700 triệu đồng</text:p></table:table-cell></table:table-row>
   <table:table-row><table:table-cell><text:p>2</text:p></table:table-cell><table:table-cell><text:p>Sửa chữa đường giao thông</text:p></table:table-cell><table:table-cell><text:p>550 triệu đồng</text:p></table:table-cell></table:table-row>
  </table:table>
  <text:p text:style-name="Pbreak">Trang hai: Điều khoản thi hành.</text:p>
 </office:text></office:body>
</office:document>
"""


# --------------------------------------------------------------------------- RTF, HTML and MHTML renderings

RTF_HTML_MHT = {  # which DOCX renderings get an .mht too, and its transfer encoding
    "004_": "quoted-printable",
    "000_1caea9d70ae52738.vntime": "base64",
}


def soffice_convert(paths: list[Path], target: str, outdir: Path):
    """LibreOffice --convert-to TARGET (rtf, html) of PATHS into OUTDIR, private profile."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise SystemExit("soffice not found: apt-get install -y libreoffice-writer fonts-liberation")
    profile = Path(tempfile.gettempdir()) / "vanban_corpus_lo_profile"
    cmd = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", target,
           "--outdir", str(outdir)] + [str(p) for p in paths]
    subprocess.run(cmd, check=True, capture_output=True, timeout=600)


def make_doc_corpus(docs: dict, raws: dict, vn: str, failures: list):
    """Word 97-2003 renderings: every seed DOCX and the TCVN3 one saved by LibreOffice as
    .doc, plus corpus/doc_features.doc (header, footer, footnote, endnote, a table with a
    two-paragraph cell, a page break). Checked by LibreOffice reading the .doc back."""
    print("\nWord 97-2003 .doc (LibreOffice):")
    with tempfile.TemporaryDirectory() as td:
        tdp = Path(td)
        sources = [CORPUS / f"{s}.docx" for s in docs] + [CORPUS / f"{vn}.vntime.docx"]
        soffice_convert(sources, "doc", tdp)
        fodt = tdp / "doc_features.fodt"
        fodt.write_text(DOC_FEATURES_FODT, encoding="utf-8")
        soffice_convert([fodt], "doc", tdp)
        for p in sorted(tdp.glob("*.doc")):
            shutil.copy(p, CORPUS / p.name)
        back = tdp / "back"
        back.mkdir()
        soffice_convert([CORPUS / f"{s}.doc" for s in docs], "txt:Text", back)
        for s in docs:
            text = (back / f"{s}.txt").read_text(encoding="utf-8", errors="replace")
            cov, miss = coverage(seed_words(raws[s]), words(text))
            report(f"{s}.doc (LibreOffice reads it back)", cov, miss, failures)
        for name in [f"{vn}.vntime.doc", "doc_features.doc"]:
            size = (CORPUS / name).stat().st_size
            print(f"  {name}: {size // 1024} KB")

# --- Scans for the OCR stage (corpus/scans/) -------------------------------------------------

SCANS = CORPUS / "scans"
# Each scan stays small enough to commit (the issue asks for < ~300 KB a file).
MAX_SCAN_BYTES = 300 * 1024
REF_NUMBER = re.compile(r"\d+[\w.-]*/(?:\d{4}/)?[A-ZĐ][\w&.-]*(?:-[\w&]+)*")


def page_count(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))


def page_text(pdf: Path, n: int) -> str:
    return subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), "-enc", "UTF-8", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


def richest_pages(pdf: Path, k: int) -> list[int]:
    """The k pages citing the most document numbers (in page order): the OCR test checks citations."""
    counts = [(len(REF_NUMBER.findall(page_text(pdf, n))), -n) for n in range(1, page_count(pdf) + 1)]
    best = sorted(counts, reverse=True)[:k]
    return sorted(-n for _, n in best)


def degrade(src: Path, dst: Path, angle: float, noise: float, fax: bool):
    """A photocopy-like grey JPEG (noise, slight rotation) or a fax-like bilevel image."""
    common = ["convert", "-seed", "7", str(src), "-attenuate", str(noise), "+noise", "Gaussian",
              "-background", "white", "-rotate", str(angle), "+repage"]
    if fax:
        subprocess.run(common + ["-threshold", "60%", "-type", "bilevel", "-compress", "Group4", str(dst)],
                       check=True)
    else:
        subprocess.run(common + ["-strip", "-quality", "25", str(dst)], check=True)


def garble(text: str, seed: int) -> str:
    """Text as a poor OCR layer gives it: diacritics lost, letters misread (`Nghị` -> `Nghi`,
    `định` -> `djnh`, `Ộ` -> `Q`, `0` <-> `O` in numbers)."""
    rng = __import__("random").Random(seed)
    out = []
    for word in text.split(" "):
        w = word
        if rng.random() < 0.3:
            w = w.replace("ị", "j").replace("Ộ", "Q").replace("ọ", "q").replace("ứ", "fr")
        if rng.random() < 0.3:
            w = re.sub(r"(?<=\d)0|0(?=\d)", "O", w, count=1)
        w = unicodedata.normalize("NFD", w.replace("đ", "d").replace("Đ", "D"))
        out.append("".join(c for c in w if not unicodedata.combining(c)))
    return " ".join(out)


def pdf_string(s: str) -> bytes:
    return b"(" + s.encode("latin-1", "replace").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def image_pdf_with_invisible_text(jpeg: Path, width_px: int, height_px: int, dpi: int, lines: list[str],
                                  out: Path):
    """One page: the JPEG over the whole page and, in text render mode 3 (invisible), the given
    lines in Helvetica, the way OCR software lays a searchable layer over a scan."""
    w, h = width_px * 72 / dpi, height_px * 72 / dpi
    img = jpeg.read_bytes()
    body = [b"q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q" % (w, h), b"BT 3 Tr /F1 10 Tf 12 TL"]
    body.append(b"1 0 0 1 60 %.2f Tm" % (h - 60))
    for line in lines:
        body.append(pdf_string(line) + b" Tj T*")
    body.append(b"ET")
    content = b"\n".join(body)
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Contents 4 0 R "
        b"/Resources << /XObject << /Im0 5 0 R >> /Font << /F1 6 0 R >> >> >>" % (w, h),
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n" % (width_px, height_px, len(img))
        + img + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    data = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(data))
        data += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(data)
    data += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        data += b"%010d 00000 n \n" % off
    data += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    out.write_bytes(bytes(data))


def make_scans(stems: list[str], failures: list[str], fax_seed: str, garbled_seed: str, good_layer_seed: str):
    """corpus/scans/: image-only renderings of seed pages for the OCR stage, named
    `<stem>.scan.pdf` / `<stem>.fax.pdf` / `<stem>.garbled.pdf` / `<stem>.ocrlayer.pdf` so score.py
    maps them to their gold,
    and `pages.tsv` listing which pages of `<stem>.pdf` each shows (the OCR test compares
    against those pages)."""
    SCANS.mkdir(exist_ok=True)
    dpi = 150
    shown: list[str] = []
    for i, stem in enumerate(stems):
        pdf = CORPUS / f"{stem}.pdf"
        k = 1 if page_count(pdf) <= 5 else 2
        pages = richest_pages(pdf, k)
        fax = stem.startswith(tuple(fax_seed.split(",")))
        kind = "fax" if fax else "scan"
        out = SCANS / f"{stem}.{kind}.pdf"
        with tempfile.TemporaryDirectory() as td:
            images = []
            for j, n in enumerate(pages):
                base = f"{td}/p{n}"
                # Fax machines scan at 200 dpi; photocopy-like scans at 150 dpi keep the files small.
                r = 200 if fax else dpi
                subprocess.run(["pdftoppm", "-r", str(r), "-gray", "-singlefile", "-f", str(n), "-l", str(n),
                                str(pdf), base], check=True)
                angle = [0.6, -1.1, 1.4, -0.4, 0.9][(i + j) % 5]
                dst = Path(base + (".tif" if fax else ".jpg"))
                degrade(Path(base + ".pgm"), dst, angle, 0.3 if fax else 0.2, fax)
                images.append(str(dst))
            opts = ["--imgsize", "200dpi"] if fax else ["--imgsize", f"{dpi}dpi"]
            subprocess.run(["img2pdf", *opts, "--output", str(out), *images], check=True)
        shown.append(f"{out.name}\t{' '.join(map(str, pages))}")
        size = out.stat().st_size
        layer = pdf_text(out).strip()
        print(f"  {out.name}: pages {pages} of {stem}.pdf, {size // 1024} KB, text layer chars={len(layer)}")
        if layer or size > MAX_SCAN_BYTES:
            failures.append(out.name)

    stem = [s for s in stems if s.startswith(garbled_seed)][0]
    pdf = CORPUS / f"{stem}.pdf"
    n = richest_pages(pdf, 1)[0]
    out = SCANS / f"{stem}.garbled.pdf"
    with tempfile.TemporaryDirectory() as td:
        base = f"{td}/g"
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-singlefile", "-f", str(n), "-l", str(n),
                        str(pdf), base], check=True)
        degrade(Path(base + ".pgm"), Path(base + ".jpg"), 0.5, 0.3, False)
        size = subprocess.run(["identify", "-format", "%w %h", base + ".jpg"], capture_output=True,
                              text=True, check=True).stdout.split()
        lines = [garble(l.strip(), k) for k, l in enumerate(page_text(pdf, n).splitlines()) if l.strip()]
        image_pdf_with_invisible_text(Path(base + ".jpg"), int(size[0]), int(size[1]), dpi, lines, out)
    shown.append(f"{out.name}\t{n}")
    layer = pdf_text(out)
    marked = sum(1 for w in layer.split() if any(ord(c) > 127 for c in w))
    print(f"  {out.name}: page {n} of {stem}.pdf under an invisible garbled layer "
          f"({len(layer.split())} words, {marked} with non-ASCII letters), {out.stat().st_size // 1024} KB")
    if out.stat().st_size > MAX_SCAN_BYTES or marked:
        failures.append(out.name)

    # A scan with a good invisible layer, as OCR software writes it (Tesseract's own PDF output):
    # the OCR stage must leave that layer alone.
    stem = [s for s in stems if s.startswith(good_layer_seed)][0]
    pdf = CORPUS / f"{stem}.pdf"
    n = richest_pages(pdf, 1)[0]
    out = SCANS / f"{stem}.ocrlayer.pdf"
    with tempfile.TemporaryDirectory() as td:
        base = f"{td}/o"
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-singlefile", "-f", str(n), "-l", str(n),
                        str(pdf), base], check=True)
        degrade(Path(base + ".pgm"), Path(base + ".jpg"), 0.0, 0.2, False)
        subprocess.run(["tesseract", base + ".jpg", base, "--dpi", str(dpi), "-l", "vie", "pdf"],
                       check=True, capture_output=True, env={**os.environ, "OMP_THREAD_LIMIT": "1"})
        shutil.copy(base + ".pdf", out)
    shown.append(f"{out.name}\t{n}")
    layer = pdf_text(out)
    marked = sum(1 for w in layer.split() if any(ord(c) > 127 for c in w))
    print(f"  {out.name}: page {n} of {stem}.pdf with Tesseract's invisible layer "
          f"({len(layer.split())} words, {marked} with non-ASCII letters), {out.stat().st_size // 1024} KB")
    if out.stat().st_size > MAX_SCAN_BYTES or marked * 2 < len(layer.split()):
        failures.append(out.name)
    # A .tsv, which ingest skips as data.
    (SCANS / "pages.tsv").write_text("file\tpages of <stem>.pdf\n" + "\n".join(shown) + "\n")

def make_rotated_scans(stems: list[str], failures: list[str], seed: str):
    """corpus/scans/<stem>.rot90.pdf and .rot180.pdf: one page of a seed scanned sideways and
    upside down (the paper fed the wrong way), image only, so the OCR stage must find the
    orientation itself (Tesseract's OSD). Their lines in pages.tsv replace any earlier ones."""
    stem = [s for s in stems if s.startswith(seed)][0]
    pdf = CORPUS / f"{stem}.pdf"
    n = richest_pages(pdf, 1)[0]
    dpi = 150
    shown = []
    for angle in (90, 180):
        out = SCANS / f"{stem}.rot{angle}.pdf"
        with tempfile.TemporaryDirectory() as td:
            base = f"{td}/r"
            subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-singlefile", "-f", str(n), "-l", str(n),
                            str(pdf), base], check=True)
            # A slight skew on top of the turn, as a hand-fed page has.
            degrade(Path(base + ".pgm"), Path(base + ".jpg"), angle + 0.7, 0.2, False)
            subprocess.run(["img2pdf", "--imgsize", f"{dpi}dpi", "--output", str(out), base + ".jpg"], check=True)
        shown.append(f"{out.name}\t{n}")
        size = out.stat().st_size
        layer = pdf_text(out).strip()
        print(f"  {out.name}: page {n} of {stem}.pdf turned {angle} degrees, {size // 1024} KB")
        if layer or size > MAX_SCAN_BYTES:
            failures.append(out.name)
    listing = SCANS / "pages.tsv"
    names = {line.split("\t")[0] for line in shown}
    kept = [l for l in listing.read_text().splitlines() if l.split("\t")[0] not in names]
    listing.write_text("\n".join(kept + shown) + "\n")


def make_image_docx(stems: list[str], failures: list[str], seed: str):
    """corpus/scans/<stem>.image.docx: an image-only Word document, as offices make them when a
    signed paper is scanned and pasted into Word: one page picture (a 150 dpi grey JPEG) per
    page, no text. The OCR stage must read the pictures as the document's pages."""
    from docx import Document as DocxDocument
    from docx.shared import Cm
    stem = [s for s in stems if s.startswith(seed)][0]
    pdf = CORPUS / f"{stem}.pdf"
    n = richest_pages(pdf, 1)[0]
    dpi = 150
    out = SCANS / f"{stem}.image.docx"
    with tempfile.TemporaryDirectory() as td:
        base = f"{td}/d"
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-singlefile", "-f", str(n), "-l", str(n),
                        str(pdf), base], check=True)
        degrade(Path(base + ".pgm"), Path(base + ".raw.jpg"), -0.5, 0.2, False)
        # The picture says its resolution (JFIF density), as a scanner's JPEG does.
        subprocess.run(["convert", base + ".raw.jpg", "-units", "PixelsPerInch", "-density", str(dpi),
                        base + ".jpg"], check=True)
        d = DocxDocument()
        section = d.sections[0]
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(0.5))
        d.add_picture(base + ".jpg", width=Cm(20))
        # python-docx leaves the core properties' dates at "now": fixed so the file is reproducible.
        import datetime
        d.core_properties.created = d.core_properties.modified = datetime.datetime(2021, 1, 1)
        d.save(out)
    size = out.stat().st_size
    print(f"  {out.name}: page {n} of {stem}.pdf as the only picture of a DOCX, {size // 1024} KB")
    if size > MAX_SCAN_BYTES:
        failures.append(out.name)
    line = f"{out.name}\t{n}"
    listing = SCANS / "pages.tsv"
    kept = [l for l in listing.read_text().splitlines() if l.split("\t")[0] != out.name]
    listing.write_text("\n".join(kept + [line]) + "\n")


def make_mht(html_path: Path, out: Path, transfer: str):
    """A Word-style "Single File Web Page": MIME multipart/related whose first part is the page."""
    import email.charset
    import email.generator
    import email.mime.multipart
    import email.mime.text
    import io

    html = html_path.read_text(encoding="utf-8")
    cs = email.charset.Charset("utf-8")
    cs.body_encoding = email.charset.QP if transfer == "quoted-printable" else email.charset.BASE64
    msg = email.mime.multipart.MIMEMultipart("related", boundary="----=_NextPart_vanban_corpus")
    msg["Subject"] = html_path.stem
    msg.preamble = "This document is a Single File Web Page, also known as a Web Archive file."
    part = email.mime.text.MIMEText(html, "html", cs)
    part["Content-Location"] = f"file:///C:/{html_path.name}"
    msg.attach(part)
    buf = io.StringIO()
    email.generator.Generator(buf, mangle_from_=False, maxheaderlen=0).flatten(msg)
    out.write_bytes(buf.getvalue().replace("\n", "\r\n").encode("ascii"))


class _HtmlText(__import__("html.parser").parser.HTMLParser):
    """Visible text of an HTML page (no script/style), one line per block-ish tag."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "title"):
            self.skip += 1
        elif tag in ("p", "br", "td", "tr", "li", "div", "h1", "h2", "h3"):
            self.out.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "title"):
            self.skip = max(0, self.skip - 1)

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)


def html_text(path: Path) -> str:
    p = _HtmlText()
    p.feed(path.read_text(encoding="utf-8"))
    return "".join(p.out)


def make_rtf_html(raws: dict[str, str], failures: list[str]):
    """RTF and HTML (LibreOffice) of every committed corpus DOCX, and MHT files built from two
    of the HTML pages. The Unicode HTML pages are checked here (>= 99 % of the seed words);
    tests/rtf_html_corpus.rs checks every file through vanban itself."""
    docx_files = sorted(p for p in CORPUS.glob("*.docx"))
    print("\nRTF (LibreOffice):")
    soffice_convert(docx_files, "rtf", CORPUS)
    for d in docx_files:
        rtf = CORPUS / (d.name[: -len(".docx")] + ".rtf")
        print(f"  {rtf.name:<48} {rtf.stat().st_size // 1024} KB")
    print("\nHTML (LibreOffice 'Web Page'):")
    soffice_convert(docx_files, "html", CORPUS)
    for d in docx_files:
        page = CORPUS / (d.name[: -len(".docx")] + ".html")
        stem = d.name.split(".")[0]
        if ".vntime." in d.name:
            print(f"  {page.name:<48} {page.stat().st_size // 1024} KB (TCVN3 text; checked by the Rust test)")
            continue
        cov, miss = coverage(seed_words(raws[stem]), words(html_text(page)))
        report(page.name, cov, miss, failures)
    print("\nMHT (built from the HTML):")
    for prefix, transfer in RTF_HTML_MHT.items():
        page = sorted(p for p in CORPUS.glob(f"{prefix}*.html") if (".vntime." in p.name) == ("vntime" in prefix))[0]
        out = page.with_suffix(".mht")
        make_mht(page, out, transfer)
        print(f"  {out.name:<48} {transfer}, {out.stat().st_size // 1024} KB")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--no-pdf", action="store_true", help="write only the DOCX files")
    ap.add_argument("--vntime-seed", default="000_", help="stem prefix of the seed for the .VnTime variant")
    ap.add_argument("--nfd-seed", default="004_", help="stem prefix of the seed for the NFD PDF variant")
    ap.add_argument("--scan-seed", default="000_", help="stem prefix of the seed whose first page is scanned")
    ap.add_argument("--fax-seed", default="001_,002_",
                    help="stem prefixes (comma-separated) of the seeds scanned as bilevel faxes")
    ap.add_argument("--garbled-seed", default="002_", help="stem prefix of the seed given a garbled invisible layer")
    ap.add_argument("--ocrlayer-seed", default="003_", help="stem prefix of the seed given a good invisible layer")
    ap.add_argument("--scans-only", action="store_true", help="only (re)write corpus/scans/ from the PDFs")
    ap.add_argument("--rotated-seed", default="004_", help="stem prefix of the seed scanned at 90 and 180 degrees")
    ap.add_argument("--rotated-only", action="store_true",
                    help="only (re)write the rotated scans and the image-only DOCX in corpus/scans/")
    ap.add_argument("--image-docx-seed", default="001_", help="stem prefix of the seed made an image-only DOCX")

    ap.add_argument("--rtf-html-only", action="store_true",
                    help="only (re)make the RTF/HTML/MHT renderings of the committed DOCX files")
    args = ap.parse_args()
    if args.rtf_html_only:
        failures: list[str] = []
        make_rtf_html({p.stem: p.read_text(encoding="utf-8") for p in CORPUS.glob("*.txt")
                       if re.match(r"^\d{3}_", p.stem)}, failures)
        if failures:
            print("\nFAILED:", ", ".join(failures))
            sys.exit(1)
        print("\nall checks passed")
        return

    seeds = sorted(p for p in CORPUS.glob("*.txt"))
    if not seeds:
        raise SystemExit("no seeds in corpus/*.txt (copy them from /work/shared/seeds)")
    failures: list[str] = []
    if args.scans_only or args.rotated_only:
        print("Scans (corpus/scans/):")
        if args.scans_only:
            make_scans([p.stem for p in seeds], failures, args.fax_seed, args.garbled_seed, args.ocrlayer_seed)
        make_rotated_scans([p.stem for p in seeds], failures, args.rotated_seed)
        make_image_docx([p.stem for p in seeds], failures, args.image_docx_seed)
        if failures:
            print("\nFAILED:", ", ".join(failures))
            sys.exit(1)
        return
    docs: dict[str, Doc] = {}
    raws: dict[str, str] = {}

    print("DOCX (python-docx):")
    for sp in seeds:
        stem = sp.stem
        raw = sp.read_text(encoding="utf-8")
        raws[stem] = raw
        d = parse(stem, raw)
        docs[stem] = d
        out = CORPUS / f"{stem}.docx"
        Writer().build(d, out)
        cov, miss = coverage(seed_words(raw), words(docx_text(out)))
        report(out.name, cov, miss, failures)
        parts = [f"agency={len(d.agency_lines)} lines", f"number={d.number!r}", f"motto={'yes' if d.motto1 else 'no'}",
                 f"placedate={d.placedate!r}", f"kind={d.kind!r}", f"subject={len(d.subject)} lines",
                 f"body={sum(isinstance(b, Para) for b in d.body)} paras/{sum(isinstance(b, Table) for b in d.body)} tables",
                 f"recipients={len(d.recipients)}", f"signature={d.sign_titles}/{d.signer!r}"]
        print("      " + "; ".join(parts))

    tcvn = Tcvn3()
    print(f"\nTCVN3: all 134 Vietnamese letters are one byte each in glibc TCVN5712-1 (round trip checked); "
          f"{tcvn.single} non-ASCII letters use their VN3 byte; {len(tcvn.fallback)} capitals with tone marks "
          f"written as base capital + TCVN3 combining tone byte: {''.join(tcvn.fallback)}")
    vn = [s for s in docs if s.startswith(args.vntime_seed)][0]
    out = CORPUS / f"{vn}.vntime.docx"
    Writer("vntime", tcvn).build(docs[vn], out)
    cov, miss = coverage(seed_words(raws[vn]), words(vntime_text(out, tcvn)))
    report(out.name + " (decoded)", cov, miss, failures)
    raw_cov, _ = coverage(seed_words(raws[vn]), words(docx_text(out)))
    print(f"      undecoded XML text matches only {raw_cov * 100:.1f} % of the seed words (ASCII-only words)")

    if not args.no_pdf:
        print("\nPDF (LibreOffice):")
        docx_files = [CORPUS / f"{s}.docx" for s in docs]
        soffice_pdf(docx_files, CORPUS)
        for s in docs:
            pdf = CORPUS / f"{s}.pdf"
            cov, miss = coverage(seed_words(raws[s]), words(pdf_text(pdf)))
            report(pdf.name, cov, miss, failures)
            fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout.splitlines()[2:]
            names = sorted({f.split()[0].split("+")[-1] + ("(emb)" if " yes " in f else "(NOT embedded)") for f in fonts})
            print("      fonts: " + ", ".join(names))
            if any("NOT embedded" in n for n in names):
                failures.append(pdf.name + " fonts")

        print("\nNFD PDF:")
        nf = [s for s in docs if s.startswith(args.nfd_seed)][0]
        out = CORPUS / f"{nf}.nfd.pdf"
        with tempfile.TemporaryDirectory() as td:
            tdp = Path(td)
            tmp_docx = tdp / f"{nf}.nfd.docx"
            Writer("nfd").build(docs[nf], tmp_docx)
            soffice_pdf([tmp_docx], tdp)
            lo_text = pdf_text(tdp / f"{nf}.nfd.pdf")
            ok, marks = is_nfd(lo_text)
            print(f"  LibreOffice route (NFD DOCX -> PDF): text layer NFD={ok}, combining marks={marks}")
            if ok:
                shutil.copy(tdp / f"{nf}.nfd.pdf", out)
                route = "LibreOffice"
            else:
                nfd_pdf_reportlab(docs[nf], out)
                route = "reportlab + DejaVu Serif"
        text = pdf_text(out)
        ok, marks = is_nfd(text)
        print(f"  {out.name}: route={route}; pdftotext NFD={ok}, combining marks={marks}")
        if not ok:
            failures.append(out.name + " not NFD")
        cov, miss = coverage(seed_words(raws[nf]), words(text))
        report(out.name + " (after NFC)", cov, miss, failures)

        print("\nScanned PDF:")
        sc = [s for s in docs if s.startswith(args.scan_seed)][0]
        out = CORPUS / "scan_no_text_layer.pdf"
        with tempfile.TemporaryDirectory() as td:
            subprocess.run(["pdftoppm", "-r", "100", "-f", "1", "-l", "1", "-png",
                            str(CORPUS / f"{sc}.pdf"), f"{td}/page"], check=True)
            png = sorted(Path(td).glob("page*.png"))[0]
            subprocess.run(["img2pdf", "--output", str(out), str(png)], check=True)
        size = out.stat().st_size
        t = pdf_text(out).strip()
        print(f"  {out.name}: page 1 of {sc}.pdf at 100 dpi (RGB PNG), {size // 1024} KB, text layer chars={len(t)}")
        if t or size > 300 * 1024:
            failures.append(out.name)

    if not args.no_pdf:
        make_doc_corpus(docs, raws, vn, failures)

        print("\nScans (corpus/scans/):")
        make_scans(list(docs), failures, args.fax_seed, args.garbled_seed, args.ocrlayer_seed)
        make_rotated_scans(list(docs), failures, args.rotated_seed)
        make_image_docx(list(docs), failures, args.image_docx_seed)

        make_rtf_html(raws, failures)

    if failures:
        print("\nFAILED:", ", ".join(failures))
        sys.exit(1)
    print("\nall checks passed")


if __name__ == "__main__":
    main()
