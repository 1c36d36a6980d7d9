"""Render a change report (`diff.Report`) as French Markdown for reviewers, or as JSON."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from typing import cast

from generator.formatting import euros, french_date
from generator.review.diff import (
    ArticleChange,
    CellChange,
    EntityChange,
    InForceChange,
    Report,
    ValueChange,
    WordOp,
)
from generator.site.links import page_url

#: per kind: (section heading, « une convention ajoutée »-style noun and its gender)
KIND_LABELS = {
    "conventions": ("Conventions", "Convention", "f"),
    "tariffs": ("Tarifs", "Tarif", "m"),
    "notices": ("Notices de données personnelles", "Notice", "f"),
    "organisations": ("Organisations", "Organisation", "f"),
    "services": ("Services", "Service", "m"),
    "topics": ("Types de clauses", "Type de clause", "m"),
}

STATUS = {"added": "ajouté", "removed": "supprimé", "changed": "modifié"}

#: French names of the fields reviewers care about, by the first part of their path
FIELD_LABELS = {
    "parties": "Parties",
    "signature": "Signature",
    "entry_into_force": "Entrée en vigueur",
    "term": "Durée",
    "termination": "Résiliation",
    "amendments": "Avenants",
    "annexes": "Annexes",
    "services": "Services",
    "providers": "Prestataires",
    "referent": "Référent",
    "source": "Document source",
    "title": "Titre",
    "reference": "Référence",
    "summary": "Résumé",
    "preamble": "Préambule",
    "closing": "Formule finale",
    "notes": "Notes du registre",
    "versions": "Versions de la grille",
    "indicative": "Montants indicatifs",
    "dimensions": "Dimensions",
    "lines": "Composition du prix",
    "last_reviewed": "Dernière revue",
    "purposes": "Finalités",
    "retention": "Durée de conservation",
    "recipients": "Destinataires",
    "data_categories": "Catégories de données",
    "data_subjects": "Personnes concernées",
    "heading": "Intitulé",
    "topics": "Types de clause",
}

#: words of unchanged text kept around a change, on each side
CONTEXT_WORDS = 8
#: a text value longer than this is shown as a word diff rather than in a table cell
LONG_TEXT = 80


def _gendered(word: str, gender: str) -> str:
    return word + ("e" if gender == "f" else "")


# --- escaping ----------------------------------------------------------------

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~&!])")


def escape(text: str) -> str:
    """Text from the data shows as text in GitHub/GitLab Markdown: no emphasis, link, HTML or table cell break."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _inline(value: object) -> str:
    """A value on one line, for a table cell."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, Decimal):
        return euros(value)
    if isinstance(value, dt.date):
        return french_date(value)
    if isinstance(value, dict):
        return "; ".join(f"{key} : {_inline(item)}" for key, item in value.items() if item not in (None, [], {}, ""))
    if isinstance(value, list):
        return ", ".join(_inline(item) for item in value) or "—"
    text = " ".join(str(value).split())
    return escape(text)


# --- word diffs --------------------------------------------------------------


def _lines(ops: tuple[WordOp, ...] | list[WordOp]) -> list[list[tuple[str, list[str]]]]:
    """The diff cut into lines, each a list of (op, words)."""
    lines: list[list[tuple[str, list[str]]]] = [[]]
    for op in ops:
        for word in op.words:
            if word == "\n":
                lines.append([])
                continue
            line = lines[-1]
            if line and line[-1][0] == op.op:
                line[-1][1].append(word)
            else:
                line.append((op.op, [word]))
    return [line for line in lines if line]


def _trim(words: list[str], position: str) -> str:
    """Unchanged words around a change, shortened to some context."""
    if len(words) <= 2 * CONTEXT_WORDS + 1:
        return " ".join(map(escape, words))
    head = " ".join(map(escape, words[:CONTEXT_WORDS]))
    tail = " ".join(map(escape, words[-CONTEXT_WORDS:]))
    if position == "first":
        return "… " + tail
    if position == "last":
        return head + " …"
    return f"{head} … {tail}"


def markdown_words(ops: tuple[WordOp, ...] | list[WordOp]) -> list[str]:
    """Quoted lines showing only the changed lines: ~~removed~~ and **added** words, with some context."""
    out: list[str] = []
    skipped = False
    for line in _lines(ops):
        if all(op == "equal" for op, _ in line):
            skipped = True
            continue
        if skipped and out:
            out.append("> …")
            out.append(">")
        skipped = False
        pieces = []
        for index, (op, words) in enumerate(line):
            text = " ".join(map(escape, words))
            if op == "removed":
                pieces.append(f"~~{text}~~")
            elif op == "added":
                pieces.append(f"**{text}**")
            else:
                position = "first" if index == 0 else "last" if index == len(line) - 1 else "middle"
                pieces.append(_trim(words, position))
        out.append("> " + " ".join(pieces))
        out.append(">")
    if out and out[-1] == ">":
        out.pop()
    return out


# --- values ------------------------------------------------------------------


def _field_label(path: str) -> str:
    head = re.split(r"[.\[]", path, maxsplit=1)[0]
    label = FIELD_LABELS.get(head)
    return f"{label} · `{path}`" if label else f"`{path}`"


def _is_long_text(change: ValueChange) -> bool:
    return (
        isinstance(change.before, str)
        and isinstance(change.after, str)
        and (len(change.before) > LONG_TEXT or len(change.after) > LONG_TEXT or "\n" in change.before + change.after)
    )


def markdown_values(changes: tuple[ValueChange, ...] | list[ValueChange]) -> list[str]:
    """A table of short values (before → after), then long texts as word diffs."""
    from generator.review.diff import word_diff

    short = [change for change in changes if not _is_long_text(change)]
    long = [change for change in changes if _is_long_text(change)]
    out = []
    if short:
        out += ["| Champ | Avant | Après |", "| --- | --- | --- |"]
        out += [
            f"| {_field_label(change.field)} | {_inline(change.before)} | {_inline(change.after)} |" for change in short
        ]
        out.append("")
    for change in long:
        out.append(f"{_field_label(change.field)} :")
        out.append("")
        # _is_long_text holds only for texts on both sides
        out += markdown_words(word_diff(cast(str, change.before), cast(str, change.after)))
        out.append("")
    return out


def markdown_cells(cells: tuple[CellChange, ...]) -> list[str]:
    out = ["| Version en vigueur à partir du | Grille | Case | Avant | Après |", "| --- | --- | --- | --- | --- |"]
    for cell in cells:
        before = euros(cell.before) if cell.before is not None else "—"
        after = euros(cell.after) if cell.after is not None else "—"
        out.append(
            f"| {french_date(cell.version)} | {escape(cell.component)} | {escape(cell.cell)} | {before} | {after} |"
        )
    out.append("")
    return out


def markdown_article(article: ArticleChange) -> list[str]:
    status = {"added": "ajouté", "removed": "supprimé", "changed": "modifié"}[article.status]
    out = [f"**{escape(article.label)}** ({status})", ""]
    if article.words:
        out += markdown_words(article.words)
        out.append("")
    if article.fields:
        out += markdown_values(article.fields)
    return out


IN_FORCE_STATUS = {
    "added": "ajouté au texte en vigueur",
    "removed": "retiré du texte en vigueur",
    "abrogated": "abrogé",
    "changed": "nouvelle rédaction",
}


def in_force_version_text(change: InForceChange) -> str:
    """« version du 1er avril 2026 (avenant n° 1) » or « version signée »."""
    if change.act is None:
        return "version signée"
    start = f" du {french_date(change.version_start)}" if change.version_start else ""
    return f"version{start} ({escape(change.act)}), `{change.version}`"


def markdown_in_force(changes: tuple[InForceChange, ...]) -> list[str]:
    """Each clause whose text in force changes, the day it does and the version it belongs to."""
    out = ["Texte en vigueur (à la date de publication et après) :", ""]
    for change in changes:
        out.append(
            f"- **{escape(change.label)}** ({IN_FORCE_STATUS[change.status]}) : texte en vigueur le "
            f"{french_date(change.date)}, {in_force_version_text(change)}"
        )
        out.append("")
        if change.words:
            out += ["  " + line for line in markdown_words(change.words)]
            out.append("")
        if change.fields:
            out += ["  " + line if line else "" for line in markdown_values(change.fields)]
    return out


def markdown_entity(change: EntityChange) -> list[str]:
    _, noun, gender = KIND_LABELS[change.kind]
    status = _gendered(STATUS[change.status], gender)
    out = [f"#### {noun} {status} : {escape(change.title)}", "", f"Fichier : `{change.file}`", ""]
    if change.details:
        out += [f"- {label} : {escape(value)}" for label, value in change.details] + [""]
    if change.articles:
        out += [line for article in change.articles for line in markdown_article(article)]
    if change.in_force:
        out += markdown_in_force(change.in_force)
    if change.cells:
        count = len(change.cells)
        plural = "s" if count > 1 else ""
        if change.status == "changed":
            out += [f"{count} case{plural} de grille modifiée{plural} :", ""]
        else:
            out += [f"Prix ({count} case{plural} de grille) :", ""]
        out += markdown_cells(change.cells)
    if change.fields:
        out += markdown_values(change.fields)
    return out


def summary(report: Report) -> str:
    """One sentence counting what changed."""
    parts = []
    for kind, (_, noun, gender) in KIND_LABELS.items():
        for status in ("added", "removed", "changed"):
            count = sum(1 for change in report.of_kind(kind) if change.status == status)
            if count:
                word = noun.lower()
                plural = "s" if count > 1 else ""
                noun_plural = " ".join(
                    part + plural if index == 0 else part for index, part in enumerate(word.split(" "))
                )
                parts.append(f"{count} {noun_plural} {_gendered(STATUS[status], gender)}{plural}")
    articles = sum(1 for change in report.changes for _ in change.articles)
    if articles:
        parts.append(f"{articles} article{'s' if articles > 1 else ''} touché{'s' if articles > 1 else ''}")
    in_force = sum(len(change.in_force) for change in report.changes)
    if in_force:
        plural = "s" if in_force > 1 else ""
        parts.append(f"{in_force} clause{plural} du texte en vigueur touchée{plural}")
    cells = sum(len(change.cells) for change in report.changes if change.status == "changed")
    if cells:
        parts.append(f"{cells} prix modifié{'s' if cells > 1 else ''}")
    if report.pages_added:
        parts.append(
            f"{len(report.pages_added)} page{'s' if len(report.pages_added) > 1 else ''} "
            f"ajoutée{'s' if len(report.pages_added) > 1 else ''}"
        )
    if report.pages_removed:
        parts.append(
            f"{len(report.pages_removed)} page{'s' if len(report.pages_removed) > 1 else ''} "
            f"supprimée{'s' if len(report.pages_removed) > 1 else ''}"
        )
    return ", ".join(parts) + "."


def _url(src: str) -> str:
    return "/" + page_url(src)


def to_markdown(report: Report) -> str:
    out = ["## Changements du registre", "", f"Comparaison de `{report.base}` avec {report.target}.", ""]
    for warning in report.warnings:
        out += [f"> **Attention** : {escape(warning)}", ""]
    if report.empty:
        out.append("Aucun changement du registre.")
        return "\n".join(out) + "\n"
    out += [f"**En bref** : {summary(report)}", ""]
    for kind, (heading, _, _) in KIND_LABELS.items():
        changes = report.of_kind(kind)
        if not changes:
            continue
        out += [f"### {heading}", ""]
        for change in changes:
            out += markdown_entity(change)
    if report.pages_added or report.pages_removed:
        out += ["### Pages", ""]
        if report.pages_added:
            out.append("Ajoutées : " + ", ".join(f"`{_url(src)}`" for src in report.pages_added))
            out.append("")
        if report.pages_removed:
            out.append("Supprimées : " + ", ".join(f"`{_url(src)}`" for src in report.pages_removed))
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# --- JSON --------------------------------------------------------------------


def _json_value(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(key): _json_value(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_value(item) for item in value]
    return value


def _json_words(ops: tuple[WordOp, ...]) -> list[dict]:
    return [{"op": op.op, "text": op.text} for op in ops]


def _json_in_force(change: InForceChange) -> dict:
    return {
        "date": change.date.isoformat(),
        "key": change.key,
        "label": change.label,
        "status": change.status,
        "version": change.version,
        "version_start": _json_value(change.version_start),
        "act": change.act,
        "words": _json_words(change.words),
        "fields": [
            {"field": value.field, "before": _json_value(value.before), "after": _json_value(value.after)}
            for value in change.fields
        ],
    }


def to_data(report: Report) -> dict:
    """The report as plain JSON-able data."""
    return {
        "base": report.base,
        "target": report.target,
        "empty": report.empty,
        "warnings": report.warnings,
        "changes": [
            {
                "kind": change.kind,
                "id": change.id,
                "title": change.title,
                "status": change.status,
                "file": change.file,
                "fields": [
                    {"field": value.field, "before": _json_value(value.before), "after": _json_value(value.after)}
                    for value in change.fields
                ],
                "articles": [
                    {
                        "key": article.key,
                        "label": article.label,
                        "status": article.status,
                        "words": _json_words(article.words),
                        "fields": [
                            {
                                "field": value.field,
                                "before": _json_value(value.before),
                                "after": _json_value(value.after),
                            }
                            for value in article.fields
                        ],
                    }
                    for article in change.articles
                ],
                "details": {label: value for label, value in change.details},
                "in_force": [_json_in_force(item) for item in change.in_force],
                "cells": [
                    {
                        "version": cell.version.isoformat(),
                        "component": cell.component,
                        "cell": cell.cell,
                        "before": _json_value(cell.before),
                        "after": _json_value(cell.after),
                    }
                    for cell in change.cells
                ],
            }
            for change in report.changes
        ],
        "pages": {
            "compared": report.pages_compared,
            "added": [_url(src) for src in report.pages_added],
            "removed": [_url(src) for src in report.pages_removed],
        },
    }


def to_json(report: Report) -> str:
    return json.dumps(to_data(report), ensure_ascii=False, indent=2) + "\n"
