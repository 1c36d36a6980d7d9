"""The README documents every `registre` command and every option, its two commands are the Makefile's, and
its examples of content are valid."""

from __future__ import annotations

import argparse
import re

import yaml

from generator.cli import parser
from generator.register import models
from generator.register.versions import convention_history

from conftest import REGISTER, ROOT
from helpers import AMENDED_CONVENTION

README = (ROOT / "README.md").read_text(encoding="utf-8")


def commands_and_options() -> list[tuple[str, list[str]]]:
    """Each subcommand with its options (long forms), and the global options under ""."""
    root = parser()
    found = [
        (
            "",
            [
                option
                for action in root._actions
                for option in action.option_strings
                if option.startswith("--") and option != "--help"
            ],
        )
    ]
    for action in root._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, command in action.choices.items():
                options = [
                    option
                    for item in command._actions
                    for option in item.option_strings
                    if option.startswith("--") and option != "--help"
                ]
                choices = [
                    str(choice)
                    for item in command._actions
                    if not item.option_strings and item.choices
                    for choice in item.choices
                ]
                found.append((name, options + choices))
    return found


def test_every_command_and_option_is_documented():
    missing = []
    for command, options in commands_and_options():
        if command and not re.search(rf"registre (?:--project \S+ )?{command}\b", README):
            missing.append(f"registre {command}")
        for option in options:
            if not re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", README):
                missing.append(f"registre {command} {option}".replace("  ", " "))
    assert missing == [], "undocumented in README.md: " + ", ".join(missing)


def test_the_check_finds_a_missing_option(monkeypatch):
    """The test above is not blind: an option the README does not name is reported."""
    real = parser

    def with_extra_option():
        root = real()
        for action in root._actions:
            if isinstance(action, argparse._SubParsersAction):
                action.choices["check"].add_argument("--jamais-documentee", action="store_true")
        return root

    monkeypatch.setattr(__import__(__name__), "parser", with_extra_option)
    assert ("check", ["--jamais-documentee"]) in [
        (name, [o for o in options if o == "--jamais-documentee"]) for name, options in commands_and_options()
    ]


def yaml_examples() -> list[dict]:
    """The README's YAML examples that are whole mappings (fragments of a list are left out)."""
    found = []
    for block in re.findall(r"```yaml\n(.*?)```", README, re.S):
        data = yaml.safe_load(block)
        if isinstance(data, dict):
            found.append(data)
    return found


def example(key: str) -> object:
    return next(data[key] for data in yaml_examples() if key in data)


def test_the_avenant_example_is_valid_and_applies_to_its_convention():
    """The worked example is accepted as written, and its changes apply to convention 2026CV4 (articles 1, 5
    and 6 exist there) without a problem: an article 5 bis in force, article 6 abrogated."""
    signed = yaml.safe_load((REGISTER / AMENDED_CONVENTION).read_text(encoding="utf-8"))
    convention = models.Convention.model_validate(dict(signed, amendments=example("amendments")))
    history = convention_history(convention)
    assert history.problems == ()
    latest = history.versions[-1]
    assert latest.act is not None and latest.act.reference == "Avenant n° 1"
    assert [change.kind for change in latest.act.changes] == ["replace", "insert", "delete"]
    numbers = [article.number for article in latest.convention.articles]
    assert numbers.index("5 bis") == numbers.index("5") + 1 and "6" not in numbers
    assert "OK-MARCHES" in latest.convention.articles[0].text


def test_the_termination_and_publication_examples_are_valid():
    terminated = models.TerminationEvent.model_validate(example("terminated"))
    assert terminated.effective > terminated.notified
    publication = models.Publication.model_validate(example("publication"))
    assert publication.last is not None and publication.last > publication.first
