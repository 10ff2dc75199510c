"""What a text value may hold: no invisible characters that make it read as something it is
not, enough words in a quote to prove anything, and web addresses whose host is what it looks
like. The model's field types (``model.py``) apply these rules; ``shorten`` is how every
message quotes a value back.
"""

from __future__ import annotations

import re
import unicodedata

from .words import plural

#: Longest value a message quotes back whole; longer ones are cut with "…".
SHOWN_CHARACTERS = 80


def shorten(text: str, limit: int = SHOWN_CHARACTERS) -> str:
    """``text`` cut to ``limit`` characters with "…", so that a message stays one short line
    however long the value it is about (a 900 KB value is not printed back)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe_character(char: str) -> str:
    """'U+0430 CYRILLIC SMALL LETTER A': how a message names a character one cannot see, or
    cannot tell from another."""
    return f"U+{ord(char):04X} {unicodedata.name(char, 'UNNAMED CHARACTER')}"


# --- invisible characters ----------------------------------------------------------------

#: Bidirectional controls reorder the text shown around them ("…/\u202egpj.exe" reads as
#: "…/exe.jpg"); the pages mark Arabic text dir="rtl", so no text needs them.
BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)
#: Zero-width characters make two values that look the same differ (an id, a name, a host);
#: so do the other invisible format characters (invisible operators, the deprecated format
#: controls, MONGOLIAN VOWEL SEPARATOR) and tag characters, which can hide a whole text.
ZERO_WIDTH = frozenset(
    "\u200b\u200c\u200d\u2060\ufeff\u2061\u2062\u2063\u2064\u180e"
    + "".join(map(chr, range(0x206A, 0x2070)))
    + "".join(map(chr, range(0xE0000, 0xE0080)))
)
#: ZERO WIDTH NON-JOINER and JOINER are part of the spelling of Arabic-script words (Persian
#: and Kurdish above all: they choose whether two letters join) and reorder nothing, so they
#: are kept between two Arabic-script characters, in any text field, and refused elsewhere.
JOINERS = frozenset("\u200c\u200d")
_INVISIBLE = re.compile("[" + "".join(sorted(BIDI_CONTROLS | ZERO_WIDTH)) + "]")
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]")


def invisible_character(text: str, *, joiners: bool = True) -> tuple[int, str] | None:
    """The first invisible character in ``text`` and its index, or None; with ``joiners``,
    ZWNJ/ZWJ between two Arabic-script characters are not counted."""
    for match in _INVISIBLE.finditer(text):
        index, char = match.start(), match.group()
        if (
            joiners
            and char in JOINERS
            and _ARABIC.match(text[index - 1 : index] or " ")
            and _ARABIC.match(text[index + 1 : index + 2] or " ")
        ):
            continue
        return index, char
    return None


def _invisible_message(index: int, char: str) -> str:
    if char in BIDI_CONTROLS:
        what = "an invisible control that reorders the text shown around it"
    elif char in JOINERS:
        what = "an invisible character, kept only between two Arabic-script letters"
    else:
        what = "an invisible character"
    return f"contains {describe_character(char)} (character {index + 1}), {what}; delete it"


def check_characters(value: str) -> str:
    """A text field's rule: no bidirectional controls, no zero-width characters (but ZWNJ and
    ZWJ inside Arabic-script words)."""
    # Nearly always: ASCII holds no invisible character, and telling so is a hundred times
    # faster than the search (whose class reaches the tag characters, U+E0000).
    if value.isascii() or _INVISIBLE.search(value) is None:
        return value
    found = invisible_character(value)
    if found:
        raise ValueError(_invisible_message(*found))
    return value


# --- quotes ------------------------------------------------------------------------------

#: A quote proves a fact only with enough of the source's words: "." or "…" would pass the
#: quote check, and so would single letters joined by ellipses.
MIN_QUOTE_WORDS = 4
#: ... and every part of it joined by "..." must be a phrase, not a letter found anywhere.
MIN_PART_WORDS = 2
ELLIPSIS = re.compile(r"\.\.\.|…")
#: A word: letters and digits of any script; combining marks (Arabic vowel signs, accents
#: typed apart) and ZWNJ/ZWJ continue a word rather than end it.
_WORD = re.compile(
    r"[^\W_](?:[^\W_]|[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc"
    r"\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed\u200c\u200d])*"
)


def count_words(text: str, enough: int | None = None) -> int:
    """Words in ``text``; with ``enough``, counting stops there (a quote is checked for a
    minimum, and validate reads thousands of them)."""
    count = 0
    for _ in _WORD.finditer(text):
        count += 1
        if count == enough:
            break
    return count


def check_quote(value: str) -> str:
    """At least MIN_QUOTE_WORDS words, and MIN_PART_WORDS in each part between ellipses (an
    ellipsis may open or close the quote)."""
    total = count_words(value, MIN_QUOTE_WORDS)
    if total < MIN_QUOTE_WORDS:
        raise ValueError(
            f"{shorten(value)!r} gives {plural(total, 'word')}; a quote must give at least "
            f"{MIN_QUOTE_WORDS} words of the source, enough to show that it says this"
        )
    parts = ELLIPSIS.split(value)
    for index, part in enumerate(parts):
        words = count_words(part, MIN_PART_WORDS)
        if words == 0 and index in (0, len(parts) - 1):
            continue  # "...the police said..." starts and ends mid-sentence
        if words < MIN_PART_WORDS:
            raise ValueError(
                f"the part {shorten(part.strip())!r} gives {plural(words, 'word')}; each part "
                f"joined by '...' must give at least {MIN_PART_WORDS} words of the source"
            )
    return value


# --- web addresses -----------------------------------------------------------------------

_SCHEME = re.compile(r"^(https?)://", re.IGNORECASE)
#: What a host name may hold once it is ASCII: letters, digits, hyphens, dots (underscores
#: occur in real hosts), or an IPv6 address in brackets; a port may follow.
_HOST = re.compile(r"^(?:[A-Za-z0-9._-]+|\[[0-9A-Fa-f:.]+\])(?::[0-9]{0,5})?$")


def check_address(value: str) -> str:
    """An http(s) address with a host that shows what it is; the scheme is returned in lower
    case (``HTTPS://`` is as good), everything else exactly as written."""
    scheme = _SCHEME.match(value)
    if not scheme:
        raise ValueError(
            f"{shorten(value)!r} is not a web address; it must start with http:// or https://"
        )
    value = scheme.group(1).lower() + value[scheme.end(1) :]
    if re.search(r"\s", value):
        raise ValueError(f"{shorten(value)!r} contains a space; write it as %20")
    found = invisible_character(value, joiners=False)
    if found:
        index, char = found
        encoded = "".join(f"%{byte:02X}" for byte in char.encode("utf-8"))
        raise ValueError(
            f"{_invisible_message(index, char)} (or write it as {encoded} if the address "
            "really holds it)"
        )
    if not re.match(r"^https?://[^/$.?#]", value):
        raise ValueError(f"{shorten(value)!r} has no host name after {value.split('//')[0]}//")
    _check_host(re.split(r"[/?#\\]", value[scheme.end() :], maxsplit=1)[0])
    return value


def _check_host(authority: str) -> None:
    if "@" in authority:
        user, host = authority.rsplit("@", 1)
        raise ValueError(
            f"has {shorten(user + '@')!r} before its host {shorten(host)!r}: a user name can "
            "make an address look like another site's; news addresses never need one"
        )
    for label in authority.split("."):
        odd = next((c for c in label if not c.isascii()), None)
        if odd is None:
            continue
        letters = [c for c in label if c.isalpha()]
        scripts = {_script(c) for c in letters}
        if len(scripts) > 1:
            odd = next(c for c in letters if not c.isascii())
            others = ", ".join(sorted(s.title() for s in scripts - {_script(odd)}))
            found = f"mixes scripts: {describe_character(odd)} among {others} letters"
        else:
            found = f"holds {describe_character(odd)}, which is not plain ASCII"
        raise ValueError(
            f"its host {shorten(authority)!r} {found}; a host that can pass for another "
            "site's is refused: if this is the real address, write its host in punycode "
            f"({shorten(_punycode(authority))})"
        )
    if not _HOST.match(authority):
        odd = next((c for c in authority if not re.match(r"[A-Za-z0-9._:\[\]-]", c)), None)
        raise ValueError(
            f"its host {shorten(authority)!r} holds {odd!r}, which a host name cannot hold"
            if odd
            else f"its host {shorten(authority)!r} is not a host name"
        )


def _script(char: str) -> str:
    """The script of a letter, as its Unicode name starts ('LATIN', 'CYRILLIC', 'ARABIC')."""
    return unicodedata.name(char, "UNKNOWN").split(" ")[0]


def _punycode(host: str) -> str:
    """``host`` as the ASCII a browser sends (IDNA), 'xn--…' labels for the others."""
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return ".".join(
            label if label.isascii() else "xn--" + label.lower().encode("punycode").decode()
            for label in host.split(".")
        )


def address_key(address: str) -> str:
    """The form in which two addresses are the same: scheme and host in lower case."""
    scheme, _, rest = address.partition("://")
    host = re.split(r"[/?#\\]", rest, maxsplit=1)[0]
    return f"{scheme.lower()}://{host.lower()}{rest[len(host) :]}"
