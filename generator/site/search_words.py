"""The words of the site's search: how a text (a record's name, a title, a summary, or what a
reader types) becomes the words looked up. The index is built from these words at build time
(``search_index``) and docs/assets/search.js makes the same words of a query in the browser,
step for step, so this module and the script's ``words`` must stay identical (a browser test
compares them on awkward text).

The steps, in this order:

1. Unicode compatibility decomposition (NFKD): ligatures and full-width letters become plain
   ones, a letter with an accent becomes the letter and a combining accent.
2. Lower case (``str.lower``, JavaScript's ``toLowerCase``: the same Unicode mapping).
3. Every combining mark removed (categories Mn, Mc, Me): accents, and Arabic short vowels,
   shadda and the hamza that NFKD split off alef, waw and ya.
4. A possessive removed: ``Iraq's`` is ``Iraq``. Then ``LETTERS``: letters written in more
   than one way in names made one (alef wasla and bare alef, ta marbuta and ha, alef maqsura
   and ya, the Persian ya and kaf typed on a Persian keyboard); tatweel, apostrophes and the
   marks transliterating ayn and hamza removed, so ``Kata'eb`` is ``kataeb``.
5. A full stop between two letters removed: ``U.S.`` is ``us``, ``D.C.`` is ``dc``.
6. The words are the runs of letters and digits (Unicode categories L and N).

Stop words are words of text, never of names: the index leaves them out of summaries and
titles, and a query without its stop words still finds what the reader means ("US Embassy in
Baghdad" is the record named "US Embassy, Baghdad"). A query of stop words alone keeps them.
"""

from __future__ import annotations

import re
import unicodedata

#: Step 4: each character and what it becomes ("" removes it). Sent to the browser with the
#: index (search/index.js), so the script applies exactly these.
LETTERS: dict[str, str] = {
    "ٱ": "ا",  # alef wasla
    "ة": "ه",  # ta marbuta
    "ى": "ي",  # alef maqsura
    "ی": "ي",  # Persian ya
    "ک": "ك",  # Persian kaf
    "ـ": "",  # tatweel, a stretch of the line
    "'": "",
    "’": "",
    "‘": "",
    "`": "",
    "ʼ": "",
    "ʻ": "",
    "ʿ": "",  # ayn
    "ʾ": "",  # hamza
}

#: English words too common to tell pages apart. Sent to the browser with the index.
STOP_WORDS = frozenset(
    "a an and are as at be by for from has have in is it its of on or that the their this "
    "to was were which with".split()
)

_LETTERS = str.maketrans(LETTERS)
#: Python's ``\w`` less the underscore is exactly Unicode's letters and numbers (L, N); less
#: digits too (``\d``, Nd) it is letters and the other numbers (L, Nl, No), as in search.js.
_WORD = re.compile(r"[^\W_]+")
_INNER_STOP = re.compile(r"(?<=[^\W\d_])\.(?=[^\W\d_])")
_POSSESSIVE = re.compile(r"['’]s(?![^\W_])")


class _MarkTable(dict):
    """For ``str.translate``: every combining mark (categories Mn, Mc, Me) removed, any other
    character kept; each character's category looked up once."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.category(chr(code)).startswith("M") else code
        self[code] = kept
        return kept


_MARKS = _MarkTable()


def fold(text: str) -> str:
    """Steps 1 to 5 of the module docstring: ``"Kata'eb Ḥezbollah"`` is
    ``"kataeb hezbollah"``."""
    if text.isascii():  # most text: nothing to decompose, and of LETTERS only ' and `
        text = text.lower()
        if "'" in text or "`" in text:
            text = _POSSESSIVE.sub("", text).replace("'", "").replace("`", "")
    else:
        text = unicodedata.normalize("NFKD", text).lower()
        text = text.translate(_MARKS)
        text = _POSSESSIVE.sub("", text).translate(_LETTERS)
    return _INNER_STOP.sub("", text) if "." in text else text


def words(text: str) -> list[str]:
    """The words of ``text``, in order, repeats kept: ``"U.S. forces, Iraq's"`` is
    ``["us", "forces", "iraq"]``."""
    return _WORD.findall(fold(text))


def key_words(text: str) -> list[str]:
    """The words of ``text`` that a search looks for: without stop words, unless it has no
    other words."""
    found = words(text)
    kept = [word for word in found if word not in STOP_WORDS]
    return kept or found


def phrase(text: str) -> str:
    """A name as one key: its key words joined ("US Embassy, Baghdad" and "US Embassy in
    Baghdad" are both ``usembassybaghdad``). A query whose key words join to a record's
    phrase is that record's name; one that begins it, the beginning of its name."""
    return "".join(key_words(text))
