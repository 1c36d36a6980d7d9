"""Each convention's source document: inside content/, present, UTF-8, with the recorded SHA-256, and
transcribed word for word (see transcription.py); the signed texts of its avenants and of its termination
letter: inside content/, present, UTF-8, with the recorded SHA-256."""

from __future__ import annotations

import hashlib
from pathlib import Path

from generator.documents.transcription import check_source_file
from generator.privacy.masking import register_masker
from generator.problems import Problem
from generator.register import models
from generator.register.limits import MAX_SOURCE_BYTES
from generator.register.store import Entry, Register


def check_documents(register: Register, content_dir: Path) -> list[Problem]:
    """The problems of every convention's source document; the text is compared only with the right file,
    both masked as the site masks them."""
    masker = register_masker(register)
    problems: list[Problem] = []
    for entry in register.conventions.values():
        convention: models.Convention = entry.item
        path = content_dir / convention.source.file
        problems += _check_file(entry, ("source",), convention.source, content_dir) or check_source_file(
            entry, path, masker
        )
        for index, amendment in enumerate(convention.amendments):
            if amendment.source is not None:
                problems += _check_file(entry, ("amendments", index, "source"), amendment.source, content_dir)
        if convention.terminated is not None and convention.terminated.source is not None:
            problems += _check_file(entry, ("terminated", "source"), convention.terminated.source, content_dir)
    return problems


def _check_file(
    entry: Entry, at: tuple, source: models.SourceDocument | models.ActDocument, content_dir: Path
) -> list[Problem]:
    """The problems of the signed document's text `source`, described at the field path `at`."""
    path = content_dir / source.file
    try:
        outside = not path.resolve().is_relative_to(content_dir.resolve())
        size = path.stat().st_size if path.is_file() else None
    except (OSError, RuntimeError, ValueError):
        return [
            entry.source.problem(
                at + ("file",),
                (
                    f"Chemin illisible : content/{source.file[:80]}. Donnez le chemin d’un fichier ordinaire "
                    "de content/, par exemple sources/ma-convention.txt."
                ),
            )
        ]
    if outside:
        return [
            entry.source.problem(
                at + ("file",),
                "Le document source doit être un fichier de content/, par exemple sources/ma-convention.txt.",
            )
        ]
    if size is None:
        return [
            entry.source.problem(
                at + ("file",),
                (
                    f"Fichier introuvable : content/{source.file}. Placez-y le texte du document signé, ou corrigez "
                    "le chemin (relatif à content/, par exemple sources/ma-convention.txt)."
                ),
            )
        ]
    if size > MAX_SOURCE_BYTES:
        return [
            entry.source.problem(
                at + ("file",),
                (
                    f"Document source trop grand ({size // 1_000_000} Mo, au plus "
                    f"{MAX_SOURCE_BYTES // 1_000_000} Mo) : il doit contenir le texte du document signé, pas le "
                    "document lui-même."
                ),
            )
        ]
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != source.sha256:
        return [
            entry.source.problem(
                at + ("sha256",),
                (
                    f"L’empreinte ne correspond pas au fichier content/{source.file}. Si ce fichier est bien le texte "
                    f"du document signé, écrivez : sha256: {digest}"
                ),
            )
        ]
    if not _is_utf8(path.read_bytes()):
        return [
            entry.source.problem(
                at + ("file",),
                (
                    f"Le fichier content/{source.file} n’est pas un texte UTF-8 : enregistrez-le en UTF-8 pour que son "
                    "texte puisse être comparé à la convention, puis recopiez sa nouvelle empreinte dans sha256."
                ),
            )
        ]
    return []


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
