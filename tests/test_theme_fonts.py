"""The fonts shipped with the default theme: licensed, declared in fonts.css, and covering the text a brief prints."""

from __future__ import annotations

import re

import pytest
from fontTools.ttLib import TTFont

from briefgen.render.theme import builtin_theme_dir

THEME = builtin_theme_dir()
FACE = re.compile(r'@font-face \{ font-family: "(?P<family>[^"]+)"; font-weight: (?P<weight>\d+); font-style: (?P<style>\w+); '
                  r'src: url\((?P<url>[^)]+)\) format\("woff2"\); unicode-range: (?P<ranges>[^;]+); \}')
# Accented letters of names in the news (French, Spanish, German, Nordic, Polish, Czech, Turkish, Hungarian, Romanian),
# curly quotes and apostrophes, dashes, and the signs the templates write ("·", "–", "…").
TEXT = "éèêëàâçñöüäßøåæœłśźżćńčřšžďťůğışőűțș ÉÀÇÑÖÜŁŚŻČŘŠŽĞİŞŐŰȚȘ ‘’“”„«» –—… · € £ ° ×"


def faces() -> dict[tuple[str, str, str], list[tuple[str, list[tuple[int, int]]]]]:
    """(family, weight, style) -> [(font file, [(first, last) code point])] as fonts.css declares them."""
    declared: dict[tuple[str, str, str], list[tuple[str, list[tuple[int, int]]]]] = {}
    for face in FACE.finditer((THEME / "fonts.css").read_text(encoding="utf-8")):
        ranges = [tuple(int(n, 16) for n in (part.strip().removeprefix("U+").split("-") * 2)[:2]) for part in face["ranges"].split(",")]
        declared.setdefault((face["family"], face["weight"], face["style"]), []).append((face["url"], ranges))
    return declared


def test_fonts_css_declares_every_shipped_file_once():
    urls = [url for files in faces().values() for url, _ in files]
    assert sorted(urls) == sorted(f"fonts/{path.name}" for path in (THEME / "fonts").glob("*.woff2")) and len(urls) == 12
    assert "SIL OPEN FONT LICENSE Version 1.1" in (THEME / "fonts" / "OFL.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("face", sorted(faces()), ids="-".join)
def test_each_face_has_a_glyph_for_accents_quotes_and_dashes(face):
    """Every character is in the unicode-range of one of the face's files, and that file has its glyph."""
    files = [(TTFont(THEME / url).getBestCmap(), ranges) for url, ranges in faces()[face]]
    missing = [char for char in TEXT.replace(" ", "")
               if not any(ord(char) in cmap and any(first <= ord(char) <= last for first, last in ranges) for cmap, ranges in files)]
    assert missing == []
