"""The browser editor's files (Decap CMS), vendored from its npm package into templates/assets/admin/.

`make site` needs no Node: the built bundle is committed, and the site build copies it like any other asset.
`bundle.json` records the npm version, the package's integrity hash and the SHA-256 of every vendored file;
`python -m generator.authoring.editor_bundle` vendors the package that tests/tools/package-lock.json pins,
and a test compares the vendored files with that package whenever tests/tools is installed.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "decap-cms"
TOOLS = ROOT / "tests" / "tools"
VENDORED = ROOT / "templates" / "assets" / "admin"
MANIFEST = VENDORED / "bundle.json"
#: the script the admin page loads, relative to the site root
SCRIPT = "assets/admin/decap-cms.js"


def bundle_files(dist: Path) -> list[str]:
    """The files of the package's browser build the editor needs: the bundle, its lazily loaded chunks and
    WebAssembly modules, and its licence notice (source maps left out)."""
    names = ["decap-cms.js", "decap-cms.js.LICENSE.txt"]
    names += sorted(path.name for path in dist.glob("*.decap-cms.js"))
    names += sorted(path.name for path in dist.glob("*.wasm"))
    return names


def locked_package(tools: Path = TOOLS) -> dict:
    """The lock file's entry of the package: its version and integrity hash."""
    lock = json.loads((tools / "package-lock.json").read_text(encoding="utf-8"))
    return lock["packages"][f"node_modules/{PACKAGE}"]


def read_manifest(manifest: Path = MANIFEST) -> dict:
    return json.loads(manifest.read_text(encoding="utf-8"))


def vendor(tools: Path = TOOLS, target: Path = VENDORED) -> dict:
    """Copy the installed package's browser build into `target` and write its manifest."""
    dist = tools / "node_modules" / PACKAGE / "dist"
    locked = locked_package(tools)
    for old in target.glob("*.js"):
        old.unlink()
    for old in target.glob("*.wasm"):
        old.unlink()
    files = {}
    for name in bundle_files(dist):
        shutil.copyfile(dist / name, target / name)
        files[name] = hashlib.sha256((dist / name).read_bytes()).hexdigest()
    manifest = {
        "package": PACKAGE,
        "version": locked["version"],
        "integrity": locked["integrity"],
        "files": files,
    }
    (target / MANIFEST.name).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


if __name__ == "__main__":
    written = vendor()
    print(f"{PACKAGE} {written['version']}: {len(written['files'])} files in {VENDORED}", file=sys.stderr)
