"""Building twice from the same inputs gives byte-identical output, and every date in it is the declared one."""

from __future__ import annotations

import datetime as dt
import gzip
import os
import re
import shutil
import stat
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from generator.publishing.publish import build_site, mkdocs_build_date, source_date_epoch
from generator.publishing.reproducible import _decode, _encode, read_pagefind_file

from conftest import AS_OF, copy_project


def tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()
    }


ROOT = Path(__file__).resolve().parent.parent


def registre_build(project: Path, site: Path, hash_seed: str) -> None:
    """`registre build` in a process of its own, so that nothing is shared between two builds
    (and a different string-hash seed would reveal output that depends on set or dict order)."""
    environment = {**os.environ, "PYTHONHASHSEED": hash_seed}
    environment.pop("SOURCE_DATE_EPOCH", None)
    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", "--project", str(project), "build", "--site-dir", str(site)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environment,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory) -> tuple[Path, Path]:
    """The project copied once (a snapshot), copied again to another path, each built into its own folder."""
    root = tmp_path_factory.mktemp("reproducible")
    first = copy_project(root / "first")
    second = root / "elsewhere" / "second"
    shutil.copytree(first, second)
    registre_build(first, root / "site-1", "1")
    registre_build(second, root / "site-2", "2")
    return root / "site-1", root / "site-2"


def test_build_site_twice_in_one_process_gives_identical_files(tmp_path):
    project = copy_project(tmp_path / "project")
    build_site(project / "mkdocs.yml", tmp_path / "a")
    build_site(project / "mkdocs.yml", tmp_path / "b")
    first, second = tree(tmp_path / "a"), tree(tmp_path / "b")
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def test_building_twice_gives_identical_files(two_builds):
    first, second = (tree(folder) for folder in two_builds)
    assert sorted(first) == sorted(second), "the two builds do not have the same files"
    different = [name for name in first if first[name] != second[name]]
    assert different == [], f"files differ between two builds of the same inputs: {different}"


def test_output_does_not_mention_the_build_folders(two_builds):
    for name, content in tree(two_builds[0]).items():
        assert b"/reproducible" not in content and b"pytest-of-" not in content, name


def test_sitemap_dates_are_the_data_s_or_the_declared_build_date(two_builds):
    site = two_builds[0]
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    dates = re.findall(r"<lastmod>(.*?)</lastmod>", sitemap)
    assert AS_OF in dates and max(dates) == AS_OF  # undated pages keep the build date; none is after it
    compressed = (site / "sitemap.xml.gz").read_bytes()
    (mtime,) = struct.unpack("<I", compressed[4:8])
    assert mtime == source_date_epoch(dt.date.fromisoformat(AS_OF))
    assert gzip.decompress(compressed).decode("utf-8") == sitemap


def test_search_index_is_written_in_a_stable_order(two_builds):
    filters = sorted((two_builds[0] / "pagefind" / "filter").glob("*.pf_filter"))
    assert filters, "Pagefind wrote no filter index"
    for path in filters:
        _name, values = read_pagefind_file(path)
        keys = [value[0] for value in values]
        assert keys == sorted(keys, key=lambda key: _encode(key)), path.name


def test_site_folder_is_readable_by_a_web_server(two_builds):
    mode = stat.S_IMODE(two_builds[0].stat().st_mode)
    assert mode & 0o005 == 0o005 or mode & 0o050 == 0o050, oct(mode)


def test_build_date_sets_source_date_epoch_only_for_mkdocs(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    with mkdocs_build_date(dt.date.fromisoformat(AS_OF)):
        assert os.environ["SOURCE_DATE_EPOCH"] == str(source_date_epoch(dt.date.fromisoformat(AS_OF)))
    assert "SOURCE_DATE_EPOCH" not in os.environ
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    with mkdocs_build_date(dt.date.fromisoformat(AS_OF)):
        assert os.environ["SOURCE_DATE_EPOCH"] == "86400"


def test_the_build_date_is_the_one_given_not_the_environment(tmp_path, monkeypatch):
    """`build_site` computes every date from the date it is given; the environment is read by its caller."""
    project = copy_project(tmp_path / "project")
    (project / "mkdocs.yml").write_text(
        (project / "mkdocs.yml")
        .read_text(encoding="utf-8")
        .replace("  - registre\n", "  - registre:\n      search: false\n"),
        encoding="utf-8",
    )
    monkeypatch.setenv("REGISTRE_DATE", "2030-01-01")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    build_site(project / "mkdocs.yml", tmp_path / "site", as_of=dt.date.fromisoformat(AS_OF))
    sitemap = (tmp_path / "site" / "sitemap.xml").read_text(encoding="utf-8")
    dates = re.findall(r"<lastmod>(.*?)</lastmod>", sitemap)
    assert AS_OF in dates and max(dates) == AS_OF  # undated pages keep the build date; none is after it
    assert "calculés au 22 novembre 2026" in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "SOURCE_DATE_EPOCH" not in os.environ


def test_source_date_epoch_is_midnight_utc():
    assert source_date_epoch(dt.date(2026, 11, 22)) == 1795305600


@pytest.mark.parametrize(
    "value",
    [
        0,
        23,
        24,
        255,
        256,
        65535,
        65536,
        2**32,
        -1,
        -25,
        "",
        "é" * 30,
        b"\x00\x01",
        [],
        [1, [2, ["trois"]]],
        ["x" * 300] * 3,
    ],
)
def test_cbor_codec_round_trips(value):
    encoded = _encode(value)
    decoded, end = _decode(encoded)
    assert end == len(encoded)
    assert decoded == value
    assert _encode(decoded) == encoded
