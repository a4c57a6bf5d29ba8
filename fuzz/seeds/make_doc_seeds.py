#!/usr/bin/env python3
"""Writes the packed-stream form of a .doc for the `doc` fuzz target:
[u32 LE length of WordDocument][WordDocument][table stream (the one the FIB names)].
Usage: make_doc_seeds.py file.doc > out.streams   (needs `pip install olefile`)"""
import struct
import sys

import olefile

ole = olefile.OleFileIO(sys.argv[1])
word = ole.openstream("WordDocument").read()
flags = struct.unpack_from("<H", word, 0x0A)[0]
table = ole.openstream("1Table" if flags & 0x0200 else "0Table").read()
sys.stdout.buffer.write(struct.pack("<I", len(word)) + word + table)
