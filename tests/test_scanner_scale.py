"""What keeps the personal-data scanner and the character limits fast on a large register without losing
anything: a text is scanned once per masker, the pre-filters see every written form, a name too long for
the scanner's prefix tree is still masked, and the one regex of forbidden characters is the rule it replaces."""

from __future__ import annotations

import unicodedata

import pytest

from generator.privacy.masking import MASK, Masker, find_contact_details
from generator.register.limits import character_problems
from generator.register.models import Contact


def test_the_masker_of_the_same_private_persons_is_one_object():
    contacts = [Contact(function="DSI", name="Jeanne Dupont", phone="05 63 29 92 37")]
    masker = Masker.for_contacts(contacts)
    assert Masker.for_contacts([contact.model_copy() for contact in contacts]) is masker
    text = "Contact : Jeanne DUPONT, 05 63 29 92 37."
    assert masker(text) == masker(text) == f"Contact : {MASK}, {MASK}."
    assert Masker.for_contacts([Contact(function="DSI", name="Paul Durand")]) is not masker


@pytest.mark.parametrize(
    "written",
    [
        "05\u00a063\u00a029\u00a092\u00a037",  # non-breaking spaces
        "05\u00ad63\u00ad29\u200b92\u200b37",  # soft hyphens, zero-width spaces
        "05**63**29**92**37",  # emphasis markers
        "0\u03015 63 29 92 37",  # a combining accent
    ],
)
def test_a_phone_split_by_characters_the_scanner_ignores_is_found_and_masked(written):
    assert [found.compared for found in find_contact_details(f"Tél. {written}.")] == ["0563299237"]
    masker = Masker.for_contacts([Contact(function="DSI", phone="05 63 29 92 37")])
    assert masker(f"Tél. {written}.") == f"Tél. {MASK}."


def test_a_name_too_long_for_the_prefix_tree_is_still_masked():
    long_word = "Ab" * 3000
    masker = Masker.for_contacts([Contact(function="DSI", name=f"Jeanne {long_word}")])
    assert masker(f"Signé : {long_word.upper()} Jeanne, le 3 mars.") == f"Signé : {MASK}, le 3 mars."


def _is_not_text(character: str) -> bool:
    if character in "\t\n\r":
        return False
    return unicodedata.category(character) in ("Cc", "Cs") or character in "\u2028\u2029\ufeff"


def test_every_character_that_is_not_text_and_only_those_are_refused():
    for code in range(0x10000):
        character = chr(code)
        problems = character_problems(f"id: x\nlabel: a{character}b\n", "content/topics/x.yaml")
        assert bool(problems) == _is_not_text(character), f"U+{code:04X}"
        if problems:
            assert problems[0].line == 2
            assert f"interdit en colonne 9 (U+{code:04X}, " in problems[0].message
