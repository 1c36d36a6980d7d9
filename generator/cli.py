"""The `registre` command. Each subcommand calls one function; errors become messages and exit codes here."""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
from pathlib import Path
from typing import NoReturn

from generator.problems import RegistreError, errors_only
from generator.wording import did_you_mean

EXIT_CONTENT = 1
EXIT_USAGE = 2
#: the version of Decap's local backend `registre edit` runs when tests/tools is not installed
DECAP_SERVER = "3.11.3"


def _check(args: argparse.Namespace) -> int:
    from generator.build import Project, build_date, check

    if args.fix_format:
        _fix_format(Path(args.project).resolve())
    checked = check(Project(Path(args.project).resolve()), build_date())
    return _report(checked.problems, args.strict, args.format)


def _fix_format(root: Path) -> None:
    """Rewrite the files the browser editor saved (those changed since the last commit, in a git repository)
    in the canonical layout (see canonical_yaml)."""
    from generator.authoring.canonical_yaml import fix_formats
    from generator.authoring.editor_config import COLLECTIONS

    folders = {collection.name: collection.model for collection in COLLECTIONS}
    rewritten, kept = fix_formats(root / "content", folders, _changed_files(root))
    for path in rewritten:
        print(f"Mise en forme rétablie : {path.relative_to(root)}", file=sys.stderr)
    if kept:
        print(
            f"{len(kept)} fichier{'s' if len(kept) > 1 else ''} avec des commentaires laissé"
            f"{'s' if len(kept) > 1 else ''} tel{'s' if len(kept) > 1 else ''} quel{'s' if len(kept) > 1 else ''} "
            "(écrits à la main).",
            file=sys.stderr,
        )


def _changed_files(root: Path) -> set[Path] | None:
    """The files of content/ changed or added since the last commit; None outside a git repository."""
    import subprocess

    try:
        listed = subprocess.run(
            ["git", "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", "content"],
            cwd=root,
            capture_output=True,
            check=True,
        ).stdout.decode("utf-8", errors="replace")
    except (OSError, subprocess.CalledProcessError):
        return None
    # each entry: two status letters, a space, the path (a rename adds its old path as the next entry)
    return {(root / entry[3:]).resolve() for entry in listed.split("\0") if len(entry) > 3}


def _edit(args: argparse.Namespace) -> int:
    """The browser editor against the working tree: Decap's local backend next to the preview."""
    import os
    import shutil
    import subprocess

    root = Path(args.project).resolve()
    installed = root / "tests" / "tools" / "node_modules" / ".bin" / "decap-server"
    command = [str(installed)] if installed.exists() else ["npx", "--yes", f"decap-server@{DECAP_SERVER}"]
    if shutil.which("node") is None or (not installed.exists() and shutil.which("npx") is None):
        raise RegistreError(
            "« registre edit » a besoin de Node.js (et de npx) pour le serveur local de l’éditeur : installez "
            "les paquets nodejs et npm, ou lancez « make edit »."
        )
    environment = os.environ | {
        "PORT": str(args.editor_port),
        "BIND_HOST": "127.0.0.1",
        "GIT_REPO_DIRECTORY": str(root),
        "REGISTRE_EDITOR_LOCAL_PORT": str(args.editor_port),
    }
    os.environ["REGISTRE_EDITOR_LOCAL_PORT"] = str(args.editor_port)
    server = subprocess.Popen(command, env=environment, cwd=root)
    print(
        f"Éditeur : http://{args.dev_addr}/admin/ — « Se connecter » ouvre le registre de ce dossier ; chaque "
        "enregistrement écrit le fichier dans content/. Ensuite : registre check --fix-format.",
        file=sys.stderr,
        flush=True,
    )
    try:
        return _serve(args)
    finally:
        server.terminate()
        server.wait(timeout=10)


def _report(found: list, strict: bool, output_format: str) -> int:
    """`registre check`'s report of the problems found, and its exit status."""
    from generator.check_report import RENDERERS, as_text

    problems = sorted(found, key=lambda problem: (problem.file, problem.line, problem.field))
    failing = problems if strict else errors_only(problems)
    if output_format == "text":
        sys.stderr.write(as_text(problems, failing))
    else:
        sys.stdout.write(RENDERERS[output_format](problems, failing))
        if failing:
            print(f"{len(failing)} problème{'s' if len(failing) > 1 else ''}.", file=sys.stderr)
    return EXIT_CONTENT if failing else 0


def _build(args: argparse.Namespace) -> int:
    from mkdocs.exceptions import MkDocsException

    from generator.build import build_date
    from generator.publishing.publish import build_site
    from generator.publishing.site_folder import PublishError

    project = Path(args.project).resolve()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    try:
        # Check, generate and MkDocs in a child process, then the search index: see publish.build_site.
        report = build_site(project / "mkdocs.yml", Path(args.site_dir), as_of=build_date(), isolated=True)
    except MkDocsException as error:
        print(f"build failed, site left unchanged: {error}", file=sys.stderr)
        return EXIT_CONTENT
    except PublishError as error:  # the site folder cannot be written: the previous site is left as it was
        print(f"registre : {error}", file=sys.stderr)
        return EXIT_CONTENT
    status = _report(report.problems, strict=False, output_format="text")
    if status:
        return status
    print(f"Site built in {args.site_dir}/", file=sys.stderr)
    return 0


def _serve(args: argparse.Namespace) -> int:
    from mkdocs.commands.serve import serve

    print(
        f"Aperçu du registre : http://{args.dev_addr}/ — il se recharge à chaque modification de content/, "
        "templates/ ou site_config/.",
        file=sys.stderr,
        flush=True,
    )
    # Dirty builds: only the pages whose Markdown changed are rebuilt (exact: see preview.Preview). The plugin
    # runs the pipeline on each rebuild, keeping what the rebuilds share in its Preview.
    serve(
        str(Path(args.project) / "mkdocs.yml"),
        dev_addr=args.dev_addr,
        livereload=True,
        build_type=None if args.full_rebuild else "dirty",
    )
    return 0


def _diff(args: argparse.Namespace) -> int:
    from generator.review.diff import GitError, compare_revision
    from generator.review.diff_report import to_json, to_markdown

    try:
        report = compare_revision(Path(args.project), args.rev)
    except GitError as error:
        print(f"cannot read revision: {error}", file=sys.stderr)
        return 2
    sys.stdout.write(to_json(report) if args.format == "json" else to_markdown(report))
    return 0


def _verify(args: argparse.Namespace) -> int:
    from generator.publishing.verify import copy_report_text, page_report_text, verify_copy, verify_page

    key = Path(args.key) if args.key else None
    if args.file:
        if args.folder or not args.manifest:
            raise RegistreError(
                "avec --file, donnez le manifeste (--manifest manifeste.json) et pas de dossier : "
                "registre verify --file page.html --manifest manifeste.json"
            )
        signature = Path(args.signature) if args.signature else None
        page = verify_page(Path(args.file), Path(args.manifest), signature, key)
        print(page_report_text(page), end="")
        return 0 if page.ok else EXIT_CONTENT
    if not args.folder or args.manifest or args.signature:
        raise RegistreError(
            "donnez le dossier de la copie du site (registre verify DOSSIER), ou une page et son manifeste "
            "(registre verify --file page.html --manifest manifeste.json)"
        )
    copy = verify_copy(Path(args.folder), key)
    print(copy_report_text(copy), end="")
    return 0 if copy.ok else EXIT_CONTENT


def _schema(args: argparse.Namespace) -> int:
    from generator.authoring.editor_schemas import content_schemas, write_schemas

    if args.write:
        for path in write_schemas():
            print(f"Schéma écrit : {path}", file=sys.stderr)
        return 0
    print(json.dumps(content_schemas(), ensure_ascii=False, indent=2, sort_keys=True))
    return 0


def _new(args: argparse.Namespace) -> int:
    import hashlib

    from generator.authoring.skeletons import FOLDERS, is_valid_id, skeleton, source_file

    content = Path(args.project) / "content"
    relative = f"content/{FOLDERS[args.kind]}/{args.id}.yaml"
    if not is_valid_id(args.id):
        print(
            f"registre : identifiant « {args.id} » invalide : identifiant sans accent ni espace, en minuscules, "
            "chiffres et tirets, par exemple cc-du-brianconnais.",
            file=sys.stderr,
        )
        return EXIT_CONTENT
    if not content.is_dir():
        print(
            f"registre : pas de dossier content/ dans {Path(args.project).resolve()} : lancez la commande depuis "
            "le dossier du registre, ou donnez --project.",
            file=sys.stderr,
        )
        return EXIT_CONTENT
    source = content / source_file(args.id)
    try:
        sha256 = hashlib.sha256(source.read_bytes()).hexdigest() if args.kind == "convention" else None
    except OSError:
        sha256 = None
    path = content / FOLDERS[args.kind] / f"{args.id}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        if any(path.parent.glob(f"{args.id}.y*ml")):
            raise FileExistsError
        with path.open("x", encoding="utf-8") as handle:
            handle.write(skeleton(args.kind, args.id, sha256))
    except FileExistsError:
        print(
            f"registre : {relative} existe déjà : il n’a pas été modifié. Complétez ce fichier, ou choisissez "
            "un autre identifiant.",
            file=sys.stderr,
        )
        return EXIT_CONTENT
    print(f"Fichier écrit : {relative}", file=sys.stderr)
    if args.kind == "convention" and sha256:
        print(f"L’empreinte SHA-256 de content/{source_file(args.id)} y est écrite (source.sha256).", file=sys.stderr)
    elif args.kind == "convention":
        print(
            f"Placez le texte du document signé dans content/{source_file(args.id)}, puis lancez « registre "
            "check » : il affiche l’empreinte SHA-256 à écrire dans source.sha256.",
            file=sys.stderr,
        )
    print(
        "Ensuite : remplacez chaque « À COMPLÉTER » par la valeur que décrit le commentaire au-dessus, puis "
        "lancez « registre check », qui indique avec sa ligne chaque valeur encore à compléter.",
        file=sys.stderr,
    )
    return 0


def _import(args: argparse.Namespace) -> int:
    from generator.authoring.skeletons import is_valid_id
    from generator.importing.importer import draft

    if args.model:
        print(
            "registre : --model n’est pas encore possible : les modèles de convention ne sont pas encore pris en "
            "charge par l’import. Importez sans --model, puis rattachez la convention à son modèle à la main.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    content = Path(args.project) / "content"
    if not content.is_dir():
        print(
            f"registre : pas de dossier content/ dans {Path(args.project).resolve()} : lancez la commande depuis "
            "le dossier du registre, ou donnez --project.",
            file=sys.stderr,
        )
        return EXIT_CONTENT
    if args.id is not None and not is_valid_id(args.id):
        print(
            f"registre : identifiant « {args.id} » invalide : identifiant sans accent ni espace, en minuscules, "
            "chiffres et tirets, par exemple cc-brianconnais-teletransmission.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    imported = draft(Path(args.file), content, args.id)
    existing = [f"content/{path}" for path in imported.files if (content / path).exists()]
    if existing:
        print(
            f"registre : {', '.join(existing)} existe déjà : rien n’a été écrit. Donnez un autre identifiant avec "
            "--id, ou retirez ces fichiers.",
            file=sys.stderr,
        )
        return EXIT_CONTENT
    for path, text in imported.files.items():
        (content / path).parent.mkdir(parents=True, exist_ok=True)
        (content / path).write_text(text, encoding="utf-8")
    print("\n".join(imported.report), file=sys.stderr)
    return 0


class FrenchUsageParser(argparse.ArgumentParser):
    """argparse, with its usage errors told in French: the staff type these commands too."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog} : {usage_in_french(message)}\n")


#: argparse's usage messages -> their French wording (groups of the match, by number)
USAGE_MESSAGES = [
    (r"the following arguments are required: (.*)$", "il manque : {1} (voir --help)."),
    (r"unrecognized arguments: (.*)$", "argument inconnu : {1} (voir --help)."),
    (r"argument (\S+): expected one argument$", "{1} attend une valeur (voir --help)."),
    (r"argument (\S+): invalid \w+ value: '([^']*)'$", "{1} : valeur « {2} » non valable (voir --help)."),
]


def usage_in_french(message: str) -> str:
    """argparse's few usage messages, in French (anything else is kept as argparse wrote it)."""
    choice = re.match(r"argument (\S+): invalid choice: '([^']*)' \(choose from (.*)\)$", message)
    if choice:
        known = [name.strip("' ") for name in choice.group(3).split(",")]
        return (
            f"« {choice.group(2)} » n’est pas possible ici.{did_you_mean(choice.group(2), known)} "
            f"Choix possibles : {', '.join(known)}."
        )
    for pattern, french in USAGE_MESSAGES:
        found = re.match(pattern, message)
        if found:
            return french.format(*[found.group(0), *found.groups()])
    return message


def parser() -> argparse.ArgumentParser:
    root = FrenchUsageParser(prog="registre", description="Build the public register of conventions.")
    root.add_argument("--project", default=".", help="folder holding content/, site_config/, templates/ (default: .)")
    commands = root.add_subparsers(dest="command", required=True)
    check_command = commands.add_parser("check", help="validate content/ and site_config/, print every problem")
    check_command.add_argument(
        "--strict", action="store_true", help="treat warnings (placeholders in site_config/, overdue notices) as errors"
    )
    check_command.add_argument(
        "--format",
        choices=("text", "json", "github", "gitlab"),
        default="text",
        help="text for people (stderr, default); json; github: annotations on the "
        "offending lines; gitlab: a Code Quality report (stdout)",
    )
    check_command.add_argument(
        "--fix-format",
        action="store_true",
        help="first rewrite the files the browser editor saved in the canonical layout (files with comments are left)",
    )
    check_command.set_defaults(run=_check)
    build_command = commands.add_parser("build", help="check, then build the site atomically")
    build_command.add_argument("--site-dir", default="site", help="output folder (default: site)")
    build_command.set_defaults(run=_build)
    serve_command = commands.add_parser("serve", help="preview the site, reloading on every edit")
    serve_command.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on")
    serve_command.add_argument(
        "--full-rebuild", action="store_true", help="rebuild every page on each edit instead of the changed ones"
    )
    serve_command.set_defaults(run=_serve)
    edit_command = commands.add_parser(
        "edit", help="edit the register in the browser (/admin/), saving to this folder, next to the preview"
    )
    edit_command.add_argument("--dev-addr", default="127.0.0.1:8000", help="address of the preview")
    edit_command.add_argument("--editor-port", type=int, default=8081, help="port of the editor's local backend")
    edit_command.set_defaults(run=_edit, full_rebuild=False)
    schema_command = commands.add_parser(
        "schema", help="print the editors' JSON Schema (in French) of every kind of content file"
    )
    schema_command.add_argument(
        "--write",
        action="store_true",
        help="write one schema per kind of file to generator/schemas/ (editors use them)",
    )
    schema_command.set_defaults(run=_schema)
    diff_command = commands.add_parser("diff", help="report what changed in the register since a git revision")
    diff_command.add_argument("rev", nargs="?", help="revision to compare with (default: merge base with main)")
    diff_command.add_argument("--format", choices=("markdown", "json"), default="markdown", help="output format")
    diff_command.set_defaults(run=_diff)
    new_command = commands.add_parser("new", help="write the commented skeleton of a new content file, to fill in")
    new_command.add_argument(
        "kind", choices=("convention", "organisation", "service", "notice", "tariff"), help="kind of file"
    )
    new_command.add_argument("id", help="its id, also its file name and URL: lower-case letters, digits, hyphens")
    new_command.set_defaults(run=_new)
    import_command = commands.add_parser(
        "import", help="read a signed convention (PDF, DOCX, ODT or text) into draft content files, with a report"
    )
    import_command.add_argument("file", help="the signed document: .pdf (with a text layer), .docx, .odt or .txt")
    import_command.add_argument("--id", help="the convention's id (default: made from the file's name)")
    import_command.add_argument("--model", help="a convention model to align the text with (not available yet)")
    import_command.set_defaults(run=_import)
    verify_command = commands.add_parser(
        "verify", help="check a copy of the site, or one saved page, against its signed manifest"
    )
    verify_command.add_argument("folder", nargs="?", help="the copy of the site (e.g. saved by wget -m)")
    verify_command.add_argument("--key", help="the publisher's public key (PEM); default: the one in the copy")
    verify_command.add_argument("--file", help="one saved page (or any file of the site) to look up in --manifest")
    verify_command.add_argument("--manifest", help="with --file: the publication's manifeste.json")
    verify_command.add_argument("--signature", help="with --file: its signature (default: the .sig next to it)")
    verify_command.set_defaults(run=_verify)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except RegistreError as error:
        print(f"registre : {error}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
