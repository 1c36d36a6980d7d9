"""`registre verify`: whether a copy of the site, or one saved page, is what was published.

A copy (a folder, e.g. saved by `wget -m`) is compared file by file with the manifest it holds
(`publications/manifeste.json`): every file that differs, is missing or is extra is named. A single page is
looked up in a manifest by its size and SHA-256. Either way the manifest's Ed25519 signature is checked,
with the key given (`--key`) or else the one the copy publishes, which only proves that the copy agrees with
itself: the key that can be trusted is the one the publisher writes in the register's README.
"""

from __future__ import annotations

import enum
import json
import posixpath
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from generator.problems import RegistreError
from generator.publishing.manifest import (
    FORMAT,
    MANIFEST,
    PUBLIC_KEY,
    SIGNATURE,
    UNLISTED,
    FileEntry,
    file_entry,
    key_fingerprint,
    public_key_pem,
    site_files,
)


class VerifyError(RegistreError):
    """What is to verify cannot be read: no manifest, a file that is not one, a key that is not Ed25519."""


@dataclass(frozen=True)
class Manifest:
    raw: bytes
    """Its bytes, as signed."""
    date: str
    commit: str | None
    files: dict[str, FileEntry]


def read_manifest(path: Path) -> Manifest:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise VerifyError(f"{path} : manifeste illisible ({error.strerror or error}).") from None
    invalid = f"{path} n’est pas un manifeste du registre ({FORMAT}) : donnez le fichier {MANIFEST} publié"
    try:
        document = json.loads(raw)
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            raise ValueError
        files = {
            entry["path"]: FileEntry(entry["path"], int(entry["size"]), str(entry["sha256"]))
            for entry in document["files"]
        }
    except (ValueError, TypeError, KeyError, AttributeError):
        raise VerifyError(invalid + ".") from None
    unsafe = next((name for name in files if not _inside_site(name)), None)
    if unsafe is not None:
        raise VerifyError(f"{invalid} : il nomme un fichier hors du site, « {unsafe} ».")
    return Manifest(raw, str(document.get("date")), document.get("commit"), files)


def _inside_site(name: object) -> bool:
    return (
        isinstance(name, str)
        and name != ""
        and not name.startswith("/")
        and "\\" not in name
        and posixpath.normpath(name) == name
        and not name.startswith("..")
    )


def read_public_key(path: Path) -> Ed25519PublicKey:
    """An Ed25519 public key in PEM, as the site publishes it (`publications/cle-publique.pem`)."""
    try:
        key = serialization.load_pem_public_key(path.read_bytes())
    except OSError as error:
        raise VerifyError(f"{path} : clé publique illisible ({error.strerror or error}).") from None
    except (ValueError, TypeError):
        raise VerifyError(
            f"{path} n’est pas une clé publique au format PEM (« -----BEGIN PUBLIC KEY----- »)."
        ) from None
    if not isinstance(key, Ed25519PublicKey):
        raise VerifyError(f"{path} est une clé {type(key).__name__}, pas une clé Ed25519.")
    return key


class Signature(enum.Enum):
    VALID = "valide"
    INVALID = "invalide"
    ABSENT = "absente"
    NO_KEY = "non vérifiée"


@dataclass(frozen=True)
class SignatureCheck:
    status: Signature
    key_file: Path | None
    """The key the signature was checked with."""
    key_fingerprint: str | None
    key_from_copy: bool
    """The key was read next to the manifest, not given: it proves nothing about who published."""
    other_key_in_copy: bool = False
    """A key was given, and the copy publishes a different one."""

    @property
    def ok(self) -> bool:
        return self.status is Signature.VALID


def check_signature(
    manifest: Manifest, signature_file: Path, key_file: Path | None, copy_key_file: Path
) -> SignatureCheck:
    """The signature `signature_file` of `manifest`, checked with `key_file` or, when none is given, with
    `copy_key_file` (the key published next to the manifest)."""
    key: Ed25519PublicKey | None
    if key_file is not None:
        key, from_copy = read_public_key(key_file), False
        other = copy_key_file.is_file() and copy_key_file.read_bytes() != public_key_pem(key)
    else:
        key = read_public_key(copy_key_file) if copy_key_file.is_file() else None
        key_file, from_copy, other = (copy_key_file if key else None), True, False
    fingerprint = key_fingerprint(key) if key is not None else None
    if not signature_file.is_file():
        return SignatureCheck(Signature.ABSENT, key_file, fingerprint, from_copy, other)
    if key is None:
        return SignatureCheck(Signature.NO_KEY, None, None, from_copy)
    try:
        key.verify(signature_file.read_bytes(), manifest.raw)
    except InvalidSignature:
        return SignatureCheck(Signature.INVALID, key_file, fingerprint, from_copy, other)
    return SignatureCheck(Signature.VALID, key_file, fingerprint, from_copy, other)


@dataclass(frozen=True)
class CopyReport:
    folder: Path
    manifest: Manifest
    differ: list[str]
    missing: list[str]
    extra: list[str]
    signature: SignatureCheck

    @property
    def ok(self) -> bool:
        return not (self.differ or self.missing or self.extra) and self.signature.ok


#: how deep under the folder given a copy's site may be: `wget -m` saves under the host, then the base path
COPY_DEPTH = 4


def site_root(folder: Path) -> Path:
    """The folder of the copy that holds the site: `folder`, or the one folder under it holding the manifest
    (`wget -m https://host/registre/` saves the site under `host/registre/`)."""
    if (folder / MANIFEST).is_file():
        return folder
    if not folder.is_dir():
        raise VerifyError(f"{folder} n’est pas un dossier : donnez le dossier de la copie du site.")
    found = sorted(
        path.parent.parent
        for depth in range(1, COPY_DEPTH + 1)
        for path in folder.glob("/".join(["*"] * depth) + "/" + MANIFEST)
        if path.is_file()
    )
    if len(found) == 1:
        return found[0]
    if not found:
        raise VerifyError(
            f"{folder} ne contient pas de manifeste ({MANIFEST}) : donnez le dossier racine de la copie du site, "
            f"ou vérifiez une page seule avec --file et --manifest."
        )
    raise VerifyError(
        f"{folder} contient {len(found)} copies du site ({', '.join(str(path) for path in found[:3])}) : "
        "donnez le dossier de l’une d’elles."
    )


def verify_copy(folder: Path, key_file: Path | None = None) -> CopyReport:
    """Compare the copy `folder` with the manifest it holds, and check the manifest's signature."""
    root = site_root(folder)
    manifest = read_manifest(root / MANIFEST)
    present = {path: file for path, file in site_files(root).items() if path not in UNLISTED}
    differ = [
        path for path, expected in manifest.files.items() if path in present and _read(path, present[path]) != expected
    ]
    missing = [path for path in manifest.files if path not in present]
    extra = [path for path in present if path not in manifest.files]
    signature = check_signature(manifest, root / SIGNATURE, key_file, root / PUBLIC_KEY)
    return CopyReport(root, manifest, sorted(differ), sorted(missing), sorted(extra), signature)


def _read(path: str, file: Path) -> FileEntry:
    try:
        return file_entry(path, file)
    except OSError as error:
        raise VerifyError(f"{file} : fichier de la copie illisible ({error.strerror or error}).") from None


@dataclass(frozen=True)
class PageReport:
    page: Path
    manifest: Manifest
    matches: list[str]
    """The published files with the page's size and SHA-256 (none: the page is not a published one)."""
    sha256: str
    signature: SignatureCheck

    @property
    def ok(self) -> bool:
        return bool(self.matches) and self.signature.ok


def verify_page(
    page: Path, manifest_file: Path, signature_file: Path | None = None, key_file: Path | None = None
) -> PageReport:
    """Whether the saved file `page` is one of the files `manifest_file` lists, and the manifest's signature
    (`signature_file`, by default next to the manifest) valid."""
    if not page.is_file():
        raise VerifyError(f"{page} : fichier introuvable. Donnez la page enregistrée (par exemple page.html).")
    manifest = read_manifest(manifest_file)
    entry = _read(page.name, page)
    matches = sorted(
        path
        for path, expected in manifest.files.items()
        if (expected.size, expected.sha256) == (entry.size, entry.sha256)
    )
    signature_file = signature_file or manifest_file.with_name(manifest_file.name + ".sig")
    signature = check_signature(manifest, signature_file, key_file, manifest_file.with_name(Path(PUBLIC_KEY).name))
    return PageReport(page, manifest, matches, entry.sha256, signature)


def _publication(manifest: Manifest) -> str:
    commit = f", commit {manifest.commit}" if manifest.commit else ""
    return f"publication du {manifest.date}{commit}, {len(manifest.files)} fichiers"


def _signature_lines(check: SignatureCheck, manifest_name: str) -> list[str]:
    key = f"clé {check.key_file}, empreinte SHA-256 {check.key_fingerprint}" if check.key_file else ""
    lines = {
        Signature.VALID: [f"Signature : valide ({key})."],
        Signature.INVALID: [
            f"Signature : INVALIDE ({key}) : le manifeste n’est pas celui que cette clé a signé, "
            "ou la clé n’est pas celle de l’éditeur."
        ],
        Signature.ABSENT: [
            f"Signature : absente. {manifest_name} n’est pas signé : rien ne prouve qui l’a publié "
            "(un site construit sans clé de signature, ou une signature supprimée)."
        ],
        Signature.NO_KEY: [
            "Signature : non vérifiée, faute de clé publique : donnez celle de l’éditeur avec --key cle-publique.pem."
        ],
    }[check.status]
    if check.key_from_copy and check.key_file is not None:
        lines.append(
            "Attention : la clé est celle qui accompagne le manifeste ; elle prouve seulement que le manifeste et "
            "sa signature vont ensemble, pas qui les a publiés. Comparez son empreinte à celle du README du "
            "registre, ou donnez la clé de l’éditeur avec --key."
        )
    if check.other_key_in_copy:
        lines.append("Attention : la copie publie une autre clé publique que celle donnée avec --key.")
    return lines


def copy_report_text(report: CopyReport) -> str:
    """The report of `registre verify DIR`, in French."""
    lines = [f"Copie : {report.folder}", f"Manifeste : {_publication(report.manifest)}."]
    lines += [f"Fichier modifié : {path} (taille ou empreinte différente du manifeste)" for path in report.differ]
    lines += [f"Fichier manquant : {path}" for path in report.missing]
    lines += [f"Fichier en trop : {path} (absent du manifeste)" for path in report.extra]
    lines += _signature_lines(report.signature, MANIFEST)
    counts = [
        _count(len(report.differ), "fichier modifié", "fichiers modifiés"),
        _count(len(report.missing), "fichier manquant", "fichiers manquants"),
        _count(len(report.extra), "fichier en trop", "fichiers en trop"),
    ]
    found = [count for count in counts if count]
    if report.ok:
        lines.append("Résultat : la copie est identique à la publication signée.")
    elif found:
        lines.append(f"Résultat : la copie diffère de la publication : {', '.join(found)}.")
    else:
        lines.append("Résultat : les fichiers correspondent au manifeste, mais sa signature n’est pas valide.")
    return "\n".join(lines) + "\n"


def _count(number: int, singular: str, plural: str) -> str:
    return "" if number == 0 else f"{number} {singular if number == 1 else plural}"


def page_report_text(report: PageReport) -> str:
    """The report of `registre verify --file PAGE --manifest MANIFEST`, in French."""
    lines = [f"Page : {report.page} (SHA-256 {report.sha256})", f"Manifeste : {_publication(report.manifest)}."]
    if report.matches:
        lines += [f"Publiée : {path}" for path in report.matches]
    else:
        lines.append(
            "Aucun fichier publié n’a cette taille et cette empreinte : la page a été modifiée, ou enregistrée "
            "autrement que telle qu’elle est servie (une page « complète » réécrite par le navigateur), ou elle "
            "vient d’une autre publication."
        )
    lines += _signature_lines(report.signature, "Le manifeste")
    if report.ok:
        lines.append("Résultat : cette page est exactement celle de la publication signée.")
    elif report.matches:
        lines.append("Résultat : la page figure au manifeste, mais sa signature n’est pas valide.")
    else:
        lines.append("Résultat : cette page n’est pas celle publiée.")
    return "\n".join(lines) + "\n"
