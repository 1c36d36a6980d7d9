"""Find personal data in text whatever its written form: the names, phones and e-mails of declared private
persons, and any phone number or e-mail address at all.

A text is normalised once (`Normalised`): lower case, no accents, no Markdown emphasis marker or backslash
escape, every run of whitespace (spaces, tabs, line breaks, non-breaking spaces) one space; each character
of the normalised text maps back to where it is written. Everything is then found by a few linear passes
over that text and set look-ups, however many persons are declared:

- a name, as its words in any order (« Allard, David »), separated by spaces, commas, dots or hyphens;
- a phone, as its digits inside any run of digits and separators, in national or international form
  (`05/63/29/92/37`, `+33 (0)5 63…`, `0033 5 63…`);
- an e-mail, once the spaces are removed too (an address wrapped at a line break).

A text that cannot hold anything is answered after a few passes in C, without being normalised (most texts
of a register are): no `@`, no run of nine digits (`PHONE_HINT`, on the text as written), no word of a
declared name in its folded form (one regex of all the declared words, `PrivateValues.name_pattern`).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

#: a character the normalised text drops: Markdown emphasis, backslash escapes, combining accents, zero-width
IGNORED = "\x00"
_IGNORED_CHARACTERS = "*_\\~\u00ad\u200b\u200c\u200d\u2060\ufeff"
_SPACES = (
    "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)


def _fold_table() -> dict[int, str]:
    """Lower-case letters with an accent -> without; whitespace -> space; ignored characters -> IGNORED. One
    character for one, so that positions do not move."""
    table: dict[int, str] = {}
    for code in range(0xC0, 0x250):
        base = unicodedata.normalize("NFD", chr(code))[0]
        if base != chr(code) and base.isascii():
            table[code] = base.lower()
    for character in _SPACES:
        table[ord(character)] = " "
    for character in _IGNORED_CHARACTERS:
        table[ord(character)] = IGNORED
    for code in range(0x300, 0x370):
        table[code] = IGNORED
    table[ord("’")] = "'"
    table[ord("＠")] = "@"
    return table


_FOLD = _fold_table()
#: `_FOLD` as a string indexed by code point, which `str.translate` reads faster than a dict; a character
#: past its end is left as it is
_FOLD_STRING = "".join(_FOLD.get(code, chr(code)) for code in range(max(_FOLD) + 1))
_SPACE_RUN = re.compile(r" {2,}")
_NOT_SPACES = re.compile(r"[^ ]+")
#: what `Normalised.of` drops: a space after a space, every ignored character
_DROPPED = re.compile(r"(?<= ) +|\x00+")
_WORD = re.compile(r"[^\W_]+")
#: what may separate the words of a name: « David Allard », « Allard, David », « D. Allard »
_NAME_GAP = re.compile(r"[ ,.'\-]{1,4}")
#: nine digits or more with at most a few separators between them: what a phone number needs; on the text
#: as written, a separator is any character that folds to a space or is ignored
_SEPARATORS = "".join(sorted({chr(code) for code, folded in _FOLD.items() if folded in " " + IGNORED}))
PHONE_HINT = re.compile(r"\d(?:[" + re.escape(_SEPARATORS) + r" \x00./\-()+]{0,6}\d){8}")
_DIGIT_RUN = re.compile(r"[\d+(][\d ./\-()+]*\d")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
#: a French number in the normalised text: the same separator between its pairs of digits, or none
PHONE_NUMBER = re.compile(
    r"(?<![\d+])(?:(?:\+|00) ?33 ?(?:\(0\) ?)?[1-9]|0[1-9])(?P<sep>[ ./\-]?)\d\d(?:(?P=sep)\d\d){3}(?!\d)"
)


def fold(text: str) -> str:
    """`text` lower-cased and without accents, whitespace as spaces, ignored characters as IGNORED; as long as
    `text`, character for character."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter whose lower case is longer (« İ »): keep its first character
        lowered = "".join(character.lower()[0] for character in text)
    return lowered.translate(_FOLD_STRING)


def may_hold_contact_details(text: str) -> bool:
    """Whether `text` may hold an e-mail address (an `@`) or a phone number (nine digits close together)."""
    return "@" in text or "＠" in text or bool(PHONE_HINT.search(text))


@dataclass(frozen=True)
class Normalised:
    """A text normalised (see the module's docstring), with where each of its characters is written in the
    original (`span`, computed only when something is found)."""

    text: str
    folded: str = field(repr=False)

    @classmethod
    def of(cls, text: str, folded: str | None = None) -> Normalised:
        folded = fold(text) if folded is None else folded
        return cls(_SPACE_RUN.sub(" ", folded).replace(IGNORED, ""), folded)

    @cached_property
    def _shifts(self) -> tuple[list[int], list[int]]:
        """Where the original is shifted from the normalised text: at each run of dropped characters, the
        normalised position after it and how many characters were dropped up to there."""
        starts, shifts, dropped = [], [], 0
        for run in _DROPPED.finditer(self.folded):
            starts.append(run.start() - dropped)
            dropped += run.end() - run.start()
            shifts.append(dropped)
        return starts, shifts

    def _origin(self, position: int) -> int:
        starts, shifts = self._shifts
        index = bisect_right(starts, position) - 1
        return position + (shifts[index] if index >= 0 else 0)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Where the normalised characters `start` to `end` are written in the original text."""
        return self._origin(start), self._origin(end - 1) + 1


def normalised_value(value: str) -> str:
    """A declared or found value as the scanner compares it: normalised, without any space."""
    return Normalised.of(value).text.replace(" ", "")


def national_digits(phone: str) -> str:
    """National digits of a French number: `+33 (0)5 63 29 92 37`, `0033 5 63…` -> `0563299237`."""
    raw = re.sub(r"\D", "", phone.replace("(0)", ""))
    if raw.startswith("0033"):
        raw = raw[2:]
    if raw.startswith("330") and len(raw) == 12:
        raw = "33" + raw[3:]
    return "0" + raw[2:] if raw.startswith("33") and len(raw) == 11 else raw


@dataclass(frozen=True)
class Found:
    """A phone number or an e-mail address, as written in the text (`value`) and at `offset`."""

    kind: str  # "e-mail" or "téléphone"
    value: str
    offset: int = field(default=0, compare=False)
    key: str = field(default="", compare=False)
    """What it is compared on: the national digits of a phone, the normalised address of an e-mail."""

    @property
    def compared(self) -> str:
        if self.key:
            return self.key
        return national_digits(self.value) if self.kind == "téléphone" else normalised_value(self.value)


def find_contact_details(text: str) -> list[Found]:
    """E-mail addresses and French phone numbers written in `text`, in any written form."""
    if not may_hold_contact_details(text):
        return []
    normalised = Normalised.of(text)
    found = []
    if "@" in normalised.text:
        for match in EMAIL.finditer(normalised.text):
            start, end = normalised.span(*match.span())
            found.append(Found("e-mail", text[start:end], start, match.group()))
    for match in PHONE_NUMBER.finditer(normalised.text):
        start, end = normalised.span(*match.span())
        found.append(Found("téléphone", text[start:end], start, national_digits(match.group())))
    return sorted(found, key=lambda item: item.offset)


@dataclass(frozen=True)
class PrivateValues:
    """The names, phones and e-mails of the declared private persons, indexed for `spans`."""

    names: frozenset[tuple[str, ...]] = frozenset()
    """Each name as the sorted words of its normalised form."""
    name_pattern: re.Pattern[str] | None = None
    """Any word of a declared name, as a whole word of the normalised text (`word_pattern`)."""
    name_lengths: tuple[int, ...] = ()
    phones: dict[int, frozenset[str]] = field(default_factory=dict)
    """Digits to look for, by their length: national (10), international (11: 33…, 12: 330…)."""
    emails: dict[str, frozenset[str]] = field(default_factory=dict)
    """Normalised local part -> the domains it is declared with."""
    local_lengths: tuple[int, ...] = ()

    @classmethod
    def of(cls, names: Iterable[str], phones: Iterable[str], emails: Iterable[str]) -> PrivateValues:
        keys = set()
        for name in names:
            words = tuple(sorted(_WORD.findall(Normalised.of(name).text)))
            if words:
                keys.add(words)
        national = {national_digits(phone) for phone in phones}
        national = {number for number in national if len(number) == 10 and number.startswith("0")}
        by_length = {
            10: frozenset(national),
            11: frozenset("33" + number[1:] for number in national),
            12: frozenset("330" + number[1:] for number in national),
        }
        domains: dict[str, set[str]] = {}
        for email in emails:
            local, at, domain = normalised_value(email).rpartition("@")
            if at and local and domain:
                domains.setdefault(local, set()).add(domain)
        return cls(
            frozenset(keys),
            word_pattern({word for key in keys for word in key}),
            tuple(sorted({len(key) for key in keys})),
            by_length if national else {},
            {local: frozenset(values) for local, values in domains.items()},
            tuple(sorted({len(local) for local in domains})),
        )

    def __bool__(self) -> bool:
        return bool(self.names or self.phones or self.emails)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where private values are written in `text`: sorted, overlapping ones merged."""
        if not self:
            return []
        folded = None
        if not (self.emails and ("@" in text or "＠" in text)) and not (self.phones and PHONE_HINT.search(text)):
            if self.name_pattern is None:
                return []
            folded = fold(text)
            if not self.name_pattern.search(folded.replace(IGNORED, "")):
                return []
        normalised = Normalised.of(text, folded)
        found = self._names(normalised) + self._phones(normalised) + self._emails(normalised)
        return _merged(normalised.span(start, end) for start, end in found)

    def _names(self, normalised: Normalised) -> list[tuple[int, int]]:
        """Each declared name written as its words in any order, starting at a word of a declared name."""
        if self.name_pattern is None:
            return []
        text = normalised.text
        found = []
        for word in self.name_pattern.finditer(text):
            following = list(itertools.islice(_WORD.finditer(text, word.start()), self.name_lengths[-1]))
            for length in self.name_lengths:
                window = following[:length]
                if len(window) < length:
                    break
                if (
                    all(
                        _NAME_GAP.fullmatch(text, before.end(), after.start())
                        for before, after in itertools.pairwise(window)
                    )
                    and tuple(sorted(item.group() for item in window)) in self.names
                ):
                    found.append((word.start(), window[-1].end()))
        return found

    def _phones(self, normalised: Normalised) -> list[tuple[int, int]]:
        if not self.phones:
            return []
        found = []
        for run in _DIGIT_RUN.finditer(normalised.text):
            positions = [run.start() + offset for offset, character in enumerate(run.group()) if character.isdigit()]
            digits = "".join(normalised.text[position] for position in positions)
            for start in range(len(digits) - 9):
                for length, numbers in self.phones.items():
                    if digits[start : start + length] in numbers:
                        begin = self._prefixed(normalised.text, positions, digits, start, length)
                        if begin is not None:
                            found.append((begin, positions[start + length - 1] + 1))
        return found

    @staticmethod
    def _prefixed(text: str, positions: list[int], digits: str, start: int, length: int) -> int | None:
        """Where a number found at `start` of `digits` begins, its international prefix included (`+33`,
        `0033`, `33`, `33 (0)`); None when an international number is found without one (its national
        digits find it)."""
        if length == 10:
            if start >= 2 and digits[start - 2 : start] == "33":  # « 33 (0)5 63… »: found by its national digits
                begin = PrivateValues._prefixed(text, positions, digits, start - 2, 12)
                if begin is not None:
                    return begin
            return positions[start]
        # a prefix right after other digits may end another number (« 05 63 29 92 33 5 65… »): then the number
        # is masked from the digit after « 33 », so that the other one stays whole and is still checked
        if start >= 2 and digits[start - 2 : start] == "00" and _starts_number(text, positions[start - 2]):
            return positions[start - 2]
        begin = positions[start]
        for prefix in ("(+ ", "(+", "+ ", "+"):
            if text.startswith(prefix, begin - len(prefix)):
                return begin - len(prefix)
        if _starts_number(text, begin):
            return begin  # « 33 5 65… », written without its « + »
        return positions[start + 2] if length == 11 else None

    def _emails(self, normalised: Normalised) -> list[tuple[int, int]]:
        if not self.emails or "@" not in normalised.text:
            return []
        text = normalised.text
        compact_origin: list[int] = []
        for run in _NOT_SPACES.finditer(text):
            compact_origin.extend(range(run.start(), run.end()))
        compact = text.replace(" ", "")
        found = []
        at = compact.find("@")
        while at != -1:
            for length in self.local_lengths:
                if length > at:
                    break
                for domain in self.emails.get(compact[at - length : at], ()):
                    if compact.startswith(domain, at + 1):
                        found.append((compact_origin[at - length], compact_origin[at + len(domain)] + 1))
            at = compact.find("@", at + 1)
        return found


def word_pattern(words: Iterable[str]) -> re.Pattern[str] | None:
    """A regex of `words` as whole words (None without any), their common prefixes shared so that `re` tries
    them all at once at each word of a text."""
    words = sorted(set(words))
    if not words:
        return None
    try:
        return re.compile(rf"\b{_prefix_tree(words)}\b")
    except (RecursionError, re.error):  # a word too long, or prefixes nested too deep, for a tree: a plain list
        return re.compile(r"\b(?:" + "|".join(re.escape(word) for word in words) + r")\b")


def _prefix_tree(words: list[str]) -> str:
    """A regex matching exactly `words` (sorted, non-empty), alternatives grouped by their first character."""
    ends = not words[0]
    groups = itertools.groupby((word for word in words if word), key=lambda word: word[0])
    branches = [re.escape(first) + _prefix_tree([word[1:] for word in group]) for first, group in groups]
    if not branches:
        return ""
    if ends:
        return "(?:" + "|".join(branches) + ")?"
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _starts_number(text: str, position: int) -> bool:
    """Whether a number may begin at `position`: no digit right before it, nor one separator before."""
    return not any(character.isdigit() for character in text[max(0, position - 2) : position])


def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
