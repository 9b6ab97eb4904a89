#!/usr/bin/python3
"""Adds the minus sign U+2212 to the bundled Noto Sans faces (Regular, Bold, Italic).

Debian's fonts-noto-core 20201225-1 Noto Sans has no U+2212, which French typography wants for
negative values (« NPS −4 »). Noto Sans draws its minus as the horizontal bar of its plus, with
the plus's advance (as later Noto Sans releases do): this script makes that glyph from each
face's own plus, maps U+2212 to it and drops the DSIG table the change invalidates. Noto Sans has
no Reserved Font Name, so the OFL allows the modified fonts to keep their name.

Run from the repository's root (needs python3-fonttools):
    /usr/bin/python3 scripts/fonts/add-minus.py /usr/share/fonts/truetype/noto assets/fonts
"""

import sys

from fontTools.pens.recordingPen import RecordingPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont

MINUS = 0x2212


def add_minus(source, target):
    font = TTFont(source)
    cmap = font.getBestCmap()
    if MINUS in cmap:
        print(f"{source}: already has U+2212")
        font.save(target)
        return
    plus = cmap[ord("+")]
    recording = RecordingPen()
    font.getGlyphSet()[plus].draw(recording)
    points = [p for op, args in recording.value for p in args]
    xs = [x for x, _ in points]
    # The bar: the y values of the points at the cross's left and right ends.
    bar = sorted({y for x, y in points if x in (min(xs), max(xs))})
    assert len(bar) == 2, f"{source}: the plus is not a simple cross: {recording.value}"
    left, right, bottom, top = min(xs), max(xs), bar[0], bar[1]
    pen = TTGlyphPen(None)
    pen.moveTo((left, bottom))
    pen.lineTo((left, top))
    pen.lineTo((right, top))
    pen.lineTo((right, bottom))
    pen.closePath()
    glyph = pen.glyph()
    name = "uni2212"
    order = font.getGlyphOrder() + [name]
    font.setGlyphOrder(order)
    font["glyf"][name] = glyph
    font["hmtx"][name] = (font["hmtx"][plus][0], left)
    for table in font["cmap"].tables:
        if table.isUnicode():
            table.cmap[MINUS] = name
    font["maxp"].numGlyphs = len(order)
    if "DSIG" in font:
        del font["DSIG"]
    font.save(target)
    print(f"{target}: U+2212 added ({right - left} × {top - bottom} units, advance {font['hmtx'][name][0]})")


def main():
    source_dir, target_dir = sys.argv[1], sys.argv[2]
    for style in ["Regular", "Bold", "Italic"]:
        name = f"NotoSans-{style}.ttf"
        add_minus(f"{source_dir}/{name}", f"{target_dir}/{name}")


if __name__ == "__main__":
    main()
