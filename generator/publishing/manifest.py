"""The record of a publication: what it is (`Publication`: date, commit, signing key), its page and public key
on the site (`publication_files`), and, once the site is complete, the manifest of every published file
(path, size, SHA-256) with its Ed25519 signature (`write_manifest`).

The manifest is JSON in a fixed order (files sorted by path, keys sorted), and Ed25519 signatures are
deterministic: the same inputs and the same key give the same manifest and signature, byte for byte.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from generator.problems import RegistreError
from generator.site import urls
from generator.site.render import PageSpec, make_environment, render
from generator.site.sitedata import SiteData

FOLDER = "publications"
PAGE = urls.publications()
MANIFEST = f"{FOLDER}/manifeste.json"
SIGNATURE = f"{FOLDER}/manifeste.json.sig"
PUBLIC_KEY = f"{FOLDER}/cle-publique.pem"
#: the manifest does not list itself nor its signature
UNLISTED = frozenset({MANIFEST, SIGNATURE})
FORMAT = "registre-manifeste/1"

#: the private key: PEM (PKCS#8, as `openssl genpkey -algorithm ed25519` writes it) or its 32 bytes in base64
KEY_VARIABLE = "REGISTRE_SIGNING_KEY"
#: the commit published, first set wins: an explicit one, then GitHub Actions', then GitLab CI's
COMMIT_VARIABLES = ("REGISTRE_COMMIT", "GITHUB_SHA", "CI_COMMIT_SHA")
#: where the previous manifests are kept, when the forge does not tell it
ARCHIVE_VARIABLE = "REGISTRE_ARCHIVE_URL"


class SigningKeyError(RegistreError):
    """REGISTRE_SIGNING_KEY holds something that is not an Ed25519 private key."""


@dataclass(frozen=True)
class Publication:
    """One publication of the site: its date, the commit it was built from, its signing key if any."""

    date: dt.date
    commit: str | None
    archive_url: str | None
    key: Ed25519PrivateKey | None
    """None: a build without a key (a developer's), whose manifest is written unsigned."""

    @property
    def signed(self) -> bool:
        return self.key is not None

    @property
    def public_key_pem(self) -> bytes | None:
        return None if self.key is None else public_key_pem(self.key.public_key())

    @property
    def key_fingerprint(self) -> str | None:
        return None if self.key is None else key_fingerprint(self.key.public_key())


def public_key_pem(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def key_fingerprint(key: Ed25519PublicKey) -> str:
    """The SHA-256 of the key's 32 raw bytes, in hexadecimal: what a reader compares with the README's."""
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()


def signing_key(value: str) -> Ed25519PrivateKey | None:
    """The private key written in REGISTRE_SIGNING_KEY; None when it is empty (an unset CI secret is empty)."""
    text = value.strip()
    if not text:
        return None
    how = (
        f"{KEY_VARIABLE} doit contenir une clé privée Ed25519, au format PEM (« -----BEGIN PRIVATE KEY----- ») "
        "ou ses 32 octets en base64. Pour en créer une : openssl genpkey -algorithm ed25519 -out cle-privee.pem"
    )
    if text.startswith("-----BEGIN"):
        try:
            key = serialization.load_pem_private_key(text.encode("ascii", "replace"), password=None)
        except (ValueError, TypeError, UnsupportedAlgorithm):
            raise SigningKeyError(
                f"{KEY_VARIABLE} n’est pas une clé PEM lisible (ou elle est chiffrée). {how}"
            ) from None
        if not isinstance(key, Ed25519PrivateKey):
            raise SigningKeyError(f"{KEY_VARIABLE} est une clé {type(key).__name__}, pas Ed25519. {how}")
        return key
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise SigningKeyError(f"{KEY_VARIABLE} n’est ni du PEM ni du base64. {how}") from None
    if len(raw) != 32:
        raise SigningKeyError(f"{KEY_VARIABLE} donne {len(raw)} octets en base64, 32 attendus. {how}")
    return Ed25519PrivateKey.from_private_bytes(raw)


def publication_of(date: dt.date, environment: Mapping[str, str]) -> Publication:
    """The publication a build makes on `date`, from the build's environment (key, commit, archive)."""
    commit = next((environment[name].strip() for name in COMMIT_VARIABLES if environment.get(name, "").strip()), None)
    return Publication(
        date=date,
        commit=commit,
        archive_url=archive_url(environment),
        key=signing_key(environment.get(KEY_VARIABLE, "")),
    )


def archive_url(environment: Mapping[str, str]) -> str | None:
    """Where the previous publications are kept: REGISTRE_ARCHIVE_URL, else, in a pipeline, where the forge
    keeps them: GitHub's releases of the repository, GitLab's artifacts of the project (its `archive` job)."""
    if environment.get(ARCHIVE_VARIABLE, "").strip():
        return environment[ARCHIVE_VARIABLE].strip()
    if environment.get("GITHUB_SERVER_URL") and environment.get("GITHUB_REPOSITORY"):
        return f"{environment['GITHUB_SERVER_URL']}/{environment['GITHUB_REPOSITORY']}/releases"
    if environment.get("CI_PROJECT_URL"):
        return f"{environment['CI_PROJECT_URL']}/-/artifacts"
    return None


def publication_files(publication: Publication, data: SiteData, templates: Path) -> dict[str, str | bytes]:
    """The files a publication adds to the generated site, for MkDocs to publish: the /publications/ page
    and, when the build signs, the public key. Raises jinja2.TemplateError."""
    spec = PageSpec(
        PAGE,
        "publications.md.j2",
        {
            "publication": publication,
            "manifest_src": MANIFEST,
            "signature_src": SIGNATURE,
            "public_key_src": PUBLIC_KEY,
            "key_variable": KEY_VARIABLE,
        },
    )
    shared = {"data": data, "config": data.config, "as_of": data.as_of}
    files: dict[str, str | bytes] = {PAGE: render(make_environment([templates / "pages"]), spec, shared)}
    pem = publication.public_key_pem
    if pem is not None:
        files[PUBLIC_KEY] = pem
    return files


@dataclass(frozen=True)
class FileEntry:
    path: str
    size: int
    sha256: str


def file_entry(path: str, file: Path) -> FileEntry:
    with file.open("rb") as stream:
        digest = hashlib.file_digest(stream, "sha256").hexdigest()
    return FileEntry(path, file.stat().st_size, digest)


def site_files(site_dir: Path) -> dict[str, Path]:
    """Every file of the folder `site_dir`, by its path relative to it (with `/`), sorted."""
    found = {}
    for folder, folders, names in os.walk(site_dir):
        folders.sort()
        for name in names:
            file = Path(folder, name)
            found[file.relative_to(site_dir).as_posix()] = file
    return dict(sorted(found.items()))


def file_entries(site_dir: Path) -> list[FileEntry]:
    """Every published file of `site_dir` but the manifest and its signature, sorted by path."""
    return [file_entry(path, file) for path, file in site_files(site_dir).items() if path not in UNLISTED]


def manifest_bytes(publication: Publication, entries: list[FileEntry]) -> bytes:
    """The manifest's JSON: the publication's facts, then one line per file (a diff shows one file per line)."""
    facts = {
        "format": FORMAT,
        "date": publication.date.isoformat(),
        "commit": publication.commit,
        "public_key_sha256": publication.key_fingerprint,
    }
    lines = [f" {json.dumps(name)}: {json.dumps(value, ensure_ascii=False)}," for name, value in facts.items()]
    files = [
        "  " + json.dumps({"path": entry.path, "size": entry.size, "sha256": entry.sha256}, ensure_ascii=False)
        for entry in entries
    ]
    text = "{\n" + "\n".join(lines) + '\n "files": [\n' + ",\n".join(files) + "\n ]\n}\n"
    return text.encode("utf-8")


def write_manifest(site_dir: Path, publication: Publication) -> None:
    """Write the manifest of the complete site `site_dir`, and its signature when the publication has a key:
    the 64 bytes of the Ed25519 signature of the manifest's bytes (what `openssl pkeyutl -verify` reads)."""
    manifest = manifest_bytes(publication, file_entries(site_dir))
    (site_dir / MANIFEST).parent.mkdir(parents=True, exist_ok=True)
    (site_dir / MANIFEST).write_bytes(manifest)
    if publication.key is not None:
        (site_dir / SIGNATURE).write_bytes(publication.key.sign(manifest))
