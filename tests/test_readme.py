"""The README documents every `registre` command and every option, and its two commands are the Makefile's."""

from __future__ import annotations

import argparse
import re

from generator.cli import parser

from conftest import ROOT

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
