"""Every build records what it published: a manifest of every file (path, size, SHA-256), signed with
Ed25519, that `registre verify` checks a copy of the site, or one saved page, against."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from generator.cli import main
from generator.publishing.manifest import signing_key
from generator.publishing.publish import build_site

from conftest import copy_project
from html_tree import main_content, read_page, resolve

MANIFEST = "publications/manifeste.json"
SIGNATURE = "publications/manifeste.json.sig"
PUBLIC_KEY = "publications/cle-publique.pem"
#: a page of the fixture register that a reader may save
SAVED_PAGE = "conventions/index.html"
COMMIT = "3f5a2c0d9e8b7a6f5e4d3c2b1a0f9e8d7c6b5a49"
ARCHIVE = "https://forge.example.test/registre/releases"
#: what a pipeline tells the build: the commit, where the previous manifests are kept
PIPELINE = {"GITHUB_SHA": COMMIT, "REGISTRE_ARCHIVE_URL": ARCHIVE}


def private_pem(key: Ed25519PrivateKey) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode("ascii")


def public_pem(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


@contextmanager
def environment(**values: str | None) -> Iterator[None]:
    """The build's environment: each variable set to its value, or unset for None."""
    with pytest.MonkeyPatch.context() as patch:
        for name in ("REGISTRE_SIGNING_KEY", "REGISTRE_COMMIT", "GITHUB_SHA", "CI_COMMIT_SHA", "REGISTRE_ARCHIVE_URL"):
            patch.delenv(name, raising=False)
        for name, value in values.items():
            if value is not None:
                patch.setenv(name, value)
        yield


def build(project: Path, site: Path, key: Ed25519PrivateKey | None, **values: str | None) -> Path:
    with environment(REGISTRE_SIGNING_KEY=private_pem(key) if key else None, **values):
        report = build_site(project / "mkdocs.yml", site)
    assert report.errors == []
    return site


@pytest.fixture(scope="module")
def key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


@pytest.fixture(scope="module")
def signed(tmp_path_factory, key) -> Path:
    """The fixture register built with a key, as a pipeline builds it (a commit, an archive)."""
    root = tmp_path_factory.mktemp("signed")
    return build(copy_project(root / "project"), root / "site", key, **PIPELINE)


@pytest.fixture
def copy(signed, tmp_path) -> Path:
    """A copy of the signed site, as a reader saved it, that a test may tamper with."""
    return Path(shutil.copytree(signed, tmp_path / "copie"))


@pytest.fixture
def key_file(key, tmp_path) -> Path:
    """The publisher's public key, as the README gives it."""
    path = tmp_path / "cle-editeur.pem"
    path.write_bytes(public_pem(key))
    return path


def verify(capsys, *arguments: str | Path) -> tuple[int, str]:
    status = main(["verify", *map(str, arguments)])
    captured = capsys.readouterr()
    return status, captured.out + captured.err


def test_the_manifest_lists_every_published_file_with_its_size_and_sha256(signed):
    manifest = json.loads((signed / MANIFEST).read_bytes())
    on_disk = {}
    for folder, _, names in os.walk(signed):
        for name in names:
            path = Path(folder, name)
            on_disk[path.relative_to(signed).as_posix()] = (path.stat().st_size, path.read_bytes())
    expected = [
        {"path": path, "size": size, "sha256": hashlib.sha256(data).hexdigest()}
        for path, (size, data) in sorted(on_disk.items())
        if path not in (MANIFEST, SIGNATURE)
    ]
    assert manifest["files"] == expected
    listed = {entry["path"] for entry in manifest["files"]}
    # The pages, the search index, the page of the publications and the public key are all in it.
    assert {SAVED_PAGE, "publications/index.html", PUBLIC_KEY, "sitemap.xml"} <= listed
    assert any(path.startswith("pagefind/") for path in listed)
    assert (manifest["date"], manifest["commit"]) == ("2026-11-22", COMMIT)


def test_the_signature_is_ed25519_over_the_manifest_and_the_site_publishes_the_key(signed, key):
    assert (signed / PUBLIC_KEY).read_bytes() == public_pem(key)
    key.public_key().verify((signed / SIGNATURE).read_bytes(), (signed / MANIFEST).read_bytes())


def test_an_untouched_copy_passes(copy, key_file, capsys):
    status, output = verify(capsys, "--key", key_file, copy)
    assert status == 0, output
    assert "Signature : valide" in output
    assert output.strip().endswith("Résultat : la copie est identique à la publication signée.")


def test_a_copy_saved_under_its_host_folder_is_found(copy, key_file, capsys, tmp_path):
    mirror = tmp_path / "miroir"
    shutil.move(copy, mirror / "registre.conventions.test")
    status, output = verify(capsys, "--key", key_file, mirror)
    assert status == 0, output


def test_one_byte_changed_fails_and_names_the_file(copy, key_file, capsys):
    page = copy / "conventions" / "index.html"
    data = bytearray(page.read_bytes())
    data[len(data) // 2] ^= 0x01
    page.write_bytes(bytes(data))
    status, output = verify(capsys, "--key", key_file, copy)
    assert status == 1
    assert "Fichier modifié : conventions/index.html" in output
    assert "1 fichier modifié" in output
    # Only that file.
    assert output.count("Fichier modifié") == 1


def test_a_missing_file_and_an_extra_file_are_named(copy, key_file, capsys):
    (copy / "sitemap.xml").unlink()
    (copy / "conventions" / "ajout.html").write_text("<p>Ajouté après la publication</p>", encoding="utf-8")
    status, output = verify(capsys, "--key", key_file, copy)
    assert status == 1
    assert "Fichier manquant : sitemap.xml" in output
    assert "Fichier en trop : conventions/ajout.html" in output


def test_a_wrong_key_fails(copy, capsys, tmp_path):
    other = tmp_path / "autre.pem"
    other.write_bytes(public_pem(Ed25519PrivateKey.generate()))
    status, output = verify(capsys, "--key", other, copy)
    assert status == 1
    assert "Signature : INVALIDE" in output
    assert "la copie publie une autre clé publique que celle donnée avec --key" in output


def test_a_manifest_rewritten_to_match_a_tampered_file_fails_its_signature(copy, key_file, capsys):
    page = copy / SAVED_PAGE
    page.write_bytes(page.read_bytes().replace(b"Conventions", b"Convention", 1))
    manifest = json.loads((copy / MANIFEST).read_bytes())
    for entry in manifest["files"]:
        if entry["path"] == SAVED_PAGE:
            entry["size"], entry["sha256"] = page.stat().st_size, hashlib.sha256(page.read_bytes()).hexdigest()
    (copy / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    status, output = verify(capsys, "--key", key_file, copy)
    assert status == 1
    assert "Fichier modifié" not in output
    assert "Signature : INVALIDE" in output


def test_without_a_key_the_copy_is_checked_with_its_own_and_told_so(copy, capsys):
    status, output = verify(capsys, copy)
    assert status == 0, output
    assert "prouve seulement que le manifeste et sa signature vont ensemble" in output


def test_a_saved_page_is_the_published_one(signed, key_file, capsys, tmp_path):
    saved = tmp_path / "page.html"
    shutil.copy(signed / SAVED_PAGE, saved)
    status, output = verify(capsys, "--file", saved, "--manifest", signed / MANIFEST, "--key", key_file)
    assert status == 0, output
    assert f"Publiée : {SAVED_PAGE}" in output
    assert "Résultat : cette page est exactement celle de la publication signée." in output


def test_a_modified_saved_page_is_not(signed, key_file, capsys, tmp_path):
    saved = tmp_path / "page.html"
    saved.write_bytes((signed / SAVED_PAGE).read_bytes() + b"\n")
    status, output = verify(capsys, "--file", saved, "--manifest", signed / MANIFEST, "--key", key_file)
    assert status == 1
    assert "Résultat : cette page n’est pas celle publiée." in output


def test_the_build_is_reproducible_with_the_same_key(signed, key, tmp_path):
    again = build(copy_project(tmp_path / "ailleurs" / "project"), tmp_path / "site", key, **PIPELINE)
    for name in (MANIFEST, SIGNATURE, PUBLIC_KEY):
        assert (again / name).read_bytes() == (signed / name).read_bytes(), name


def test_the_publications_page_shows_the_current_publication(signed, key):
    content = main_content(read_page(signed, "publications"))
    text = content.text
    assert "22 novembre 2026" in text
    assert COMMIT in text
    fingerprint = hashlib.sha256(
        key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    ).hexdigest()
    assert fingerprint in text
    links = {element.text: element.attrs["href"] for element in content.find_all("a")}
    for label, published in (("manifeste.json", MANIFEST), ("manifeste.json.sig", SIGNATURE)):
        target, _ = resolve(signed, "publications/", links[label] or "")
        assert target == signed / published
    assert links["l’archive des publications"] == ARCHIVE
    assert "n’est pas signée" not in text


def test_a_build_without_a_key_writes_its_manifest_unsigned_and_says_so(tmp_path, capsys):
    site = build(copy_project(tmp_path / "project"), tmp_path / "site", None)
    assert (site / MANIFEST).is_file()
    assert not (site / SIGNATURE).exists()
    assert not (site / PUBLIC_KEY).exists()
    assert json.loads((site / MANIFEST).read_bytes())["public_key_sha256"] is None
    assert "Cette publication n’est pas signée" in main_content(read_page(site, "publications")).text
    status, output = verify(capsys, site)
    assert status == 1
    assert "Signature : absente" in output


@pytest.mark.parametrize(
    ("value", "told"),
    [
        ("pas une clé", "n’est ni du PEM ni du base64"),
        (base64.b64encode(b"trop court").decode(), "donne 10 octets en base64, 32 attendus"),
        ("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", "n’est pas une clé PEM lisible"),
    ],
)
def test_a_wrong_signing_key_stops_the_build_before_it_writes(tmp_path, capsys, value, told):
    project = copy_project(tmp_path / "project")
    with environment(REGISTRE_SIGNING_KEY=value):
        status = main(["--project", str(project), "build", "--site-dir", str(tmp_path / "site")])
    error = capsys.readouterr().err
    assert status == 2
    assert f"REGISTRE_SIGNING_KEY {told}" in error
    assert "openssl genpkey -algorithm ed25519" in error
    assert not (tmp_path / "site").exists()


def test_a_raw_base64_key_signs_like_its_pem(key):
    raw = key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption())
    assert public_pem(signing_key(base64.b64encode(raw).decode())) == public_pem(key)  # type: ignore[arg-type]
    assert signing_key("  ") is None
