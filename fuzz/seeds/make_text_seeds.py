#!/usr/bin/env python3
"""Writes the small text seeds of fuzz/corpus/{text_repair,extract}/.

Excerpts (about 1.5 KB, at line boundaries) of corpus/*.txt, the same text
in legacy TCVN3 and VNI byte forms and in NFD, and pages joined by form
feeds (the targets split pages there). The full corpus texts are added at
run time by fuzz/seed.sh.
"""
import pathlib
import sys
import unicodedata

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "fuzz" / "corpus"


def excerpt(text, start, size=1500):
    """Whole lines from character `start` on, about `size` characters."""
    lines, total = [], 0
    for line in text[start:].split("\n")[1:]:
        if total + len(line) > size:
            break
        lines.append(line)
        total += len(line) + 1
    return "\n".join(lines)


seeds = {}
for path in sorted((ROOT / "corpus").glob("*.txt")):
    text = path.read_text(encoding="utf-8")
    stem = path.stem.split("_")[0]
    seeds[f"{stem}_head.txt"] = text[:1500].rsplit("\n", 1)[0]
    seeds[f"{stem}_middle.txt"] = excerpt(text, len(text) // 2)

head = seeds["000_head.txt"]
seeds["000_pages.txt"] = head[:700] + "\n- 2 -\f" + excerpt(head, 600, 600) + "\nTrang 2/3\f" + seeds["000_middle.txt"][:600]
seeds["000_nfd.txt"] = unicodedata.normalize("NFD", head)
# TCVN3 (ABC) bytes read as Latin-1, as legacy PDFs and DOCX runs carry them.
seeds["tcvn3.txt"] = "C¨n cø NghÞ ®Þnh sè 45/2023/N§-CP ngµy 12 th¸ng 5 n¨m 2023 cña ChÝnh phñ; tæng kinh phÝ 1.250 triÖu ®ång."
# VNI Windows: base letters followed by tone/shape bytes.
seeds["vni.txt"] = "Caên cöù Nghò ñònh soá 45/2023/NÑ-CP ngaøy 12 thaùng 5 naêm 2023 cuûa Chính phuû."
seeds["noise.txt"] = ("Số:\u200b 12/QĐ\u2011UBND\u00a0ngày\u2002 15/3/2024\r\nÐồng Nai – 1.000.000 ₫; ƣu tiên\u00ad\n"
                      "Từ ngày 01/01/2023 đến ngày 31/12/2023: 15 vụ/20 vụ, 3 tỷ 500 triệu đồng (ba tỷ năm trăm triệu đồng)\n"
                      "6 THÁNG CUỐI NĂM 2022\tQuyết định số 1234/QĐ-BTC\t\n513/KH-\nUBND")

for target in ("text_repair", "extract"):
    out = OUT / target
    out.mkdir(parents=True, exist_ok=True)
    for name, text in seeds.items():
        (out / name).write_bytes(text.encode("utf-8"))
print(len(seeds), "seeds per target,", sum(len(t.encode()) for t in seeds.values()), "bytes")
