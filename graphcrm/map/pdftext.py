"""Chinese a PDF reader can search: the printed map's text mapped back to the characters
written, not to the radicals that share their glyphs.

CJK fonts draw a Kangxi radical (⼾ U+2F3E, ⽹ U+2F79) and the ideograph it looks like (户, 网)
with one glyph; Chromium's PDF maps each glyph back to the first code point the font gives
it — the radical — so that "客户" copied from the PDF reads "客⼾" and a search for it fails.
:func:`fix_radicals` rewrites the PDF's ``ToUnicode`` maps: each radical becomes the
ideograph a simplified-Chinese text writes (Unicode's compatibility mapping, with the
simplified forms a Chinese font draws in the radicals' place).
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from graphcrm.atomic import replacing

__all__ = ["fix_radicals", "IDEOGRAPH_OF"]

#: The radicals a simplified-Chinese font draws as a simplified character, and the Kangxi
#: radicals whose compatibility mapping is the traditional form of what it draws.
_SIMPLIFIED = {
    "⼾": "户", "⾭": "青", "⻅": "见", "⻚": "页", "⻔": "门", "⻆": "角", "⻓": "长", "⻛": "风",
    "⻜": "飞", "⻢": "马", "⻥": "鱼", "⻦": "鸟", "⻬": "齐", "⻋": "车", "⻉": "贝", "⻙": "韦",
    "⻨": "麦", "⻰": "龙", "⻳": "龟", "⻮": "齿", "⻤": "鬼", "⻩": "黄", "⻝": "食", "⻘": "青",
    "⻄": "西", "⻈": "讠", "⻐": "钅", "⻖": "阝", "⻏": "阝", "⺠": "民", "⺟": "母", "⻣": "骨",
}

#: Radical → the ideograph written: the Kangxi radicals (U+2F00–U+2FD5) by their
#: compatibility mapping, the radicals above by their simplified form.
IDEOGRAPH_OF: dict[int, str] = {
    **{code: unicodedata.normalize("NFKC", chr(code)) for code in range(0x2F00, 0x2FD6)},
    **{ord(radical): ideograph for radical, ideograph in _SIMPLIFIED.items()},
}

_HEX = re.compile(r"<([0-9A-Fa-f]+)>")


def _units(hex_text: str) -> str:
    """A ToUnicode destination (UTF-16BE in hex) with each radical its ideograph."""
    text = bytes.fromhex(hex_text).decode("utf-16-be", errors="surrogatepass")
    fixed = "".join(IDEOGRAPH_OF.get(ord(ch), ch) for ch in text)
    return fixed.encode("utf-16-be", errors="surrogatepass").hex().upper()


def _cmap(text: str) -> str:
    """A ToUnicode CMap with the radicals among its destinations replaced."""
    out, mode = [], None
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.endswith("beginbfchar"):
            mode = "char"
        elif stripped.endswith("beginbfrange"):
            mode = "range"
        elif stripped in ("endbfchar", "endbfrange"):
            mode = None
        elif mode == "char":
            codes = _HEX.findall(line)
            if len(codes) == 2:
                line = f"<{codes[0]}> <{_units(codes[1])}>"
        elif mode == "range":
            codes = _HEX.findall(line)
            if "[" in line and len(codes) >= 3:
                line = f"<{codes[0]}> <{codes[1]}> [" + " ".join(
                    f"<{_units(c)}>" for c in codes[2:]) + "]"
            elif len(codes) == 3:
                low, high, first = int(codes[0], 16), int(codes[1], 16), int(codes[2], 16)
                span = range(first, first + high - low + 1)
                if any(code in IDEOGRAPH_OF for code in span):  # the range, one by one
                    width = len(codes[0])
                    line = f"<{codes[0]}> <{codes[1]}> [" + " ".join(
                        f"<{_units(format(code, f'0{max(4, width)}X'))}>" for code in span) + "]"
        out.append(line)
    return "\n".join(out) + ("\n" if text.endswith("\n") else "")


def fix_radicals(path: str | os.PathLike[str]) -> int:
    """Rewrite the ``ToUnicode`` maps of the PDF at ``path`` (in place, atomically) so that
    its text reads as written; return how many maps changed.

    Examples
    --------
    >>> _cmap("1 beginbfchar\\n<7B> <2F3E>\\nendbfchar")
    '1 beginbfchar\\n<7B> <6237>\\nendbfchar'
    """
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=str(path))
    changed, seen = 0, set()
    for page in writer.pages:
        fonts = (page.get("/Resources") or {}).get("/Font") or {}
        for ref in fonts.values():
            font = ref.get_object()
            stream = font.get("/ToUnicode")
            if stream is None or id(stream.get_object()) in seen:
                continue
            cmap = stream.get_object()
            seen.add(id(cmap))
            before = cmap.get_data().decode("latin-1")
            after = _cmap(before)
            if after != before:
                cmap.set_data(after.encode("latin-1"))
                changed += 1
    if changed:
        with replacing(Path(path)) as temporary, open(temporary, "wb") as handle:
            writer.write(handle)
    return changed
