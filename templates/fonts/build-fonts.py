#!/usr/bin/env python3
"""Builds the fonts of the convflux documents from the @fontsource packages (SIL OFL 1.1).

Why modified fonts: the Google Fonts subsets of Source Serif 4 and Source Sans 3 have no glyph
for U+202F (ESPACE FINE INSÉCABLE) and draw U+00A0 with the plain space glyph, and Source Serif
draws U+2019 (’) with the glyph of U+02BC. Chromium then writes those characters into the PDF
text layer as U+0020 and U+02BC: a search for « l’État » or « 30 % » in the PDF fails. This
script gives U+202F and U+00A0 glyphs of their own (a thin space and a word space, empty) and
maps the shared apostrophe glyph to U+2019 only; Convflux Sans also gets a 1/8 em U+202F and
ligatures digit + U+202F before « % » (add_digit_fine_percent_ligatures). Under the OFL a modified font may not keep the
Reserved Font Name « Source »: the families are renamed Convflux Serif and Convflux Sans.

Run from the repository root, after `npm install` (the @fontsource packages are devDependencies),
with Debian's python3-fonttools and python3-brotli:

    /usr/bin/python3 templates/fonts/build-fonts.py

It rewrites templates/fonts/*.woff2, polices.css and polices-pied.css. The output is committed.
"""
import re
from pathlib import Path

from fontTools.otlLib.builder import buildLigatureSubstSubtable, buildLookup
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables import otTables
from fontTools.ttLib.tables._g_l_y_f import Glyph

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "templates" / "fonts"
SOURCES = {
    "Convflux Serif": ("source-serif-4", "Source Serif 4"),
    "Convflux Sans": ("source-sans-3", "Source Sans 3"),
}
# (family, weight, style) of every face the templates use.
FACES = [
    ("Convflux Serif", 400, "normal"),
    ("Convflux Serif", 400, "italic"),
    ("Convflux Serif", 700, "normal"),
    ("Convflux Sans", 400, "normal"),
    ("Convflux Sans", 600, "normal"),
]
SUBSETS = ["latin", "latin-ext"]
PIED = ("Convflux Sans", 400, "normal", "latin")


def unicode_range(package: str, subset: str, weight: int, style: str) -> str:
    css_name = f"{weight}{'-italic' if style == 'italic' else ''}.css"
    css = (ROOT / "node_modules" / "@fontsource" / package / css_name).read_text()
    block = re.search(
        rf"/\* {package}-{subset}-{weight}-{style} \*/\s*@font-face\s*\{{([^}}]*)\}}", css
    )
    if not block:
        raise SystemExit(f"no {subset} {weight} {style} face in @fontsource/{package}/{css_name}")
    return re.search(r"unicode-range:\s*([^;]+);", block.group(1)).group(1).strip()


def add_space_glyph(font: TTFont, name: str, codepoint: int, width: int) -> None:
    order = font.getGlyphOrder()
    if name not in order:
        font["glyf"].glyphs[name] = Glyph()
        font.setGlyphOrder(order + [name])
        font["glyf"].glyphOrder = font.getGlyphOrder()
    font["hmtx"].metrics[name] = (width, 0)
    for table in font["cmap"].tables:
        if table.isUnicode():
            table.cmap[codepoint] = name


def add_digit_fine_percent_ligatures(font: TTFont, thin: int) -> None:
    """« 5 % » read back with its space by pdftotext: digit + U+202F is one glyph before « % ».

    A text extractor drops the glyph of a space from the text layer and judges the gap instead.
    pdftotext (poppler) takes a line made only of one-character words for letter-spaced text
    and joins them unless the gap reaches 0.4 em: a table cell « 5 % » read « 5% » whatever the
    width of the thin space. A ligature glyph (the digit, then the thin space) carries both
    characters in the PDF's ToUnicode map, as « fi » does: the cell is one word « 5\u202f% ».
    The digit comes first (pdf.js takes a glyph whose text starts with a space for a space),
    and only before « % » (feature ccmp, chained): elsewhere, as in « 3 480 000 € », U+202F keeps
    its own glyph, which both extractors read as a space inside one group of words. Why not
    everywhere (tried, reverted): Chromium's PDF writer maps a ligature glyph to the text of its
    first use; a ligature cut between two inline elements (« R. 441-5-3 ; », the reference in a
    no-break span of its own) mapped « 3 » + U+202F to « 3 » alone, and pdf.js read every later
    « 3 480 000 € » as « 3 » and « 480 000 € ». Serif text needs none of this: its lines have
    words of several characters.
    """
    cmap = font.getBestCmap()
    fine, percent = cmap[0x202F], cmap[0x25]
    glyph_set = font.getGlyphSet()
    ligatures = {}
    for code in range(0x30, 0x3A):
        digit = cmap[code]
        name = f"{digit}_uni202F"
        pen = TTGlyphPen(glyph_set)
        glyph_set[digit].draw(pen)
        font["glyf"].glyphs[name] = pen.glyph()
        font.setGlyphOrder(font.getGlyphOrder() + [name])
        font["glyf"].glyphOrder = font.getGlyphOrder()
        advance, lsb = font["hmtx"][digit]
        font["hmtx"].metrics[name] = (advance + thin, lsb)
        if "GDEF" in font and font["GDEF"].table.GlyphClassDef:
            font["GDEF"].table.GlyphClassDef.classDefs[name] = 2  # ligature
        ligatures[(digit, fine)] = name
    gsub = font["GSUB"].table
    lookups = gsub.LookupList.Lookup
    lookups.append(buildLookup([buildLigatureSubstSubtable(ligatures)]))
    ligature_index = len(lookups) - 1
    lookups.append(buildLookup([chained_before(font, ligatures, percent, ligature_index)]))
    gsub.LookupList.LookupCount = len(lookups)
    ccmp = [r for r in gsub.FeatureList.FeatureRecord if r.FeatureTag == "ccmp"]
    if not ccmp:
        raise SystemExit("no ccmp feature to carry the digit + U+202F ligatures")
    for record in ccmp:
        record.Feature.LookupListIndex.append(len(lookups) - 1)
        record.Feature.LookupCount = len(record.Feature.LookupListIndex)


def chained_before(font: TTFont, ligatures: dict, following: str, ligature_index: int):
    """Chained context (format 3): the ligature lookup on « digit U+202F » followed by `following`."""

    def coverage(glyphs):
        table = otTables.Coverage()
        table.glyphs = sorted(set(glyphs), key=font.getGlyphID)
        return table

    subtable = otTables.ChainContextSubst()
    subtable.Format = 3
    subtable.BacktrackGlyphCount = 0
    subtable.BacktrackCoverage = []
    subtable.InputGlyphCount = 2
    subtable.InputCoverage = [
        coverage(first for first, _ in ligatures),
        coverage(second for _, second in ligatures),
    ]
    subtable.LookAheadGlyphCount = 1
    subtable.LookAheadCoverage = [coverage([following])]
    record = otTables.SubstLookupRecord()
    record.SequenceIndex = 0
    record.LookupListIndex = ligature_index
    subtable.SubstCount = 1
    subtable.SubstLookupRecord = [record]
    return subtable


def rename(font: TTFont, family: str, origin: str, weight: int, style: str) -> None:
    sub = {400: "Regular", 600: "SemiBold", 700: "Bold"}[weight]
    if style == "italic":
        sub = "Italic" if weight == 400 else f"{sub} Italic"
    ps = f"{family.replace(' ', '')}-{sub.replace(' ', '')}"
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (1, 3, 4, 6, 16, 17, 21, 22, 25):
            names.removeNames(nameID=record.nameID)
    # nameID 1/2: the legacy family and style (Regular, Italic, Bold, Bold Italic); the
    # semibold weight is its own legacy family. nameID 16/17: the typographic family and style.
    legacy_family = family if weight in (400, 700) else f"{family} SemiBold"
    legacy_style = ("Bold " if weight == 700 else "") + ("Italic" if style == "italic" else "")
    names.setName(legacy_family, 1, 3, 1, 0x409)
    names.setName(legacy_style.strip() or "Regular", 2, 3, 1, 0x409)
    names.setName(f"{ps};convflux", 3, 3, 1, 0x409)
    names.setName(f"{family} {sub}", 4, 3, 1, 0x409)
    names.setName(ps, 6, 3, 1, 0x409)
    names.setName(family, 16, 3, 1, 0x409)
    names.setName(sub, 17, 3, 1, 0x409)
    names.setName(
        f"Modified from {origin} (@fontsource, SIL OFL 1.1) for convflux: glyphs for U+202F and "
        "U+00A0, U+2019 mapped to its own glyph"
        + (", digit + U+202F ligatures before %" if family == "Convflux Sans" else "")
        + ". Renamed as the OFL requires.",
        10, 3, 1, 0x409,
    )


def build(family: str, weight: int, style: str, subset: str) -> Path:
    package, origin = SOURCES[family]
    source = ROOT / "node_modules" / "@fontsource" / package / "files" / f"{package}-{subset}-{weight}-{style}.woff2"
    font = TTFont(str(source))
    cmap = font.getBestCmap()
    if subset == "latin":
        space = font["hmtx"][cmap[0x20]][0]
        thin = font["hmtx"][cmap[0x2009]][0] if 0x2009 in cmap else space // 2
        if family == "Convflux Sans":
            # Source Sans 3's thin space (0.1 em) is too thin to be seen at table sizes, and pdf.js
            # takes a gap under 0.102 em for no space: 1/8 em, Source Serif 4's thin space.
            thin = max(thin, font["head"].unitsPerEm // 8)
        add_space_glyph(font, "uni00A0", 0x00A0, space)
        add_space_glyph(font, "uni202F", 0x202F, thin)
        if family == "Convflux Sans":
            add_digit_fine_percent_ligatures(font, thin)
        # One glyph, one character: the apostrophe glyph answers for U+2019 only.
        if cmap.get(0x2BC) is not None and cmap.get(0x2BC) == cmap.get(0x2019):
            for table in font["cmap"].tables:
                if table.isUnicode():
                    table.cmap.pop(0x2BC, None)
    rename(font, family, origin, weight, style)
    slug = family.lower().replace(" ", "-")
    out = OUT / f"{slug}-{subset}-{weight}-{style}.woff2"
    font.flavor = "woff2"
    font.save(str(out))
    return out


def face(family: str, weight: int, style: str, subset: str, file: Path) -> str:
    package = SOURCES[family][0]
    urange = unicode_range(package, subset, weight, style)
    if subset == "latin" and "U+202F" not in urange:
        urange += ",U+202F"
    return (
        "@font-face {\n"
        f"  font-family: '{family}';\n  font-style: {style};\n  font-weight: {weight};\n"
        f"  font-display: block;\n  src: url({file.name}) format('woff2');\n"
        f"  unicode-range: {urange};\n}}\n"
    )


def main() -> None:
    rules = []
    for family, weight, style in FACES:
        for subset in SUBSETS:
            rules.append(face(family, weight, style, subset, build(family, weight, style, subset)))
    header = "/* Généré par build-fonts.py : ne pas modifier à la main. */\n"
    (OUT / "polices.css").write_text(header + "\n".join(rules))
    family, weight, style, subset = PIED
    pied = OUT / f"{family.lower().replace(' ', '-')}-{subset}-{weight}-{style}.woff2"
    (OUT / "polices-pied.css").write_text(header + face(family, weight, style, subset, pied))
    for family, (package, origin) in SOURCES.items():
        licence = (ROOT / "node_modules" / "@fontsource" / package / "LICENSE").read_text()
        (OUT / f"OFL-{package}.txt").write_text(licence)


if __name__ == "__main__":
    main()
