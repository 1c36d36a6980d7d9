"""The `registre` command. Each subcommand calls one function; errors become messages and exit codes here."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from .problems import RegistreError, errors_only

EXIT_CONTENT = 1
EXIT_USAGE = 2


def _check(args: argparse.Namespace) -> int:
    # Imported here: `registre build` waits for its child process (see publish.build_site) without the
    # weight of the whole generator in memory.
    from .build import Project, check

    _, problems = check(Project(Path(args.project).resolve()))
    for problem in problems:
        print(problem, file=sys.stderr)
    failing = problems if args.strict else errors_only(problems)
    if failing:
        print(f"{len(failing)} problem{'s' if len(failing) > 1 else ''} found.", file=sys.stderr)
        return EXIT_CONTENT
    print("Content is valid.", file=sys.stderr)
    return 0


def _build(args: argparse.Namespace) -> int:
    from mkdocs.exceptions import MkDocsException

    from .publish import build_site

    project = Path(args.project).resolve()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    try:
        # Check and MkDocs in a child process, then the search index: see publish.build_site.
        status = build_site(project / "mkdocs.yml", Path(args.site_dir), isolated=True,
                            precheck=lambda: _check(argparse.Namespace(project=args.project, strict=False)))
    except MkDocsException as error:
        print(f"build failed, site left unchanged: {error}", file=sys.stderr)
        return EXIT_CONTENT
    if status:
        return status
    print(f"Site built in {args.site_dir}/", file=sys.stderr)
    return 0


def _serve(args: argparse.Namespace) -> int:
    from mkdocs.commands.serve import serve

    # Dirty builds: only the pages whose Markdown changed are rebuilt (exact: see RegistrePlugin.on_files).
    serve(str(Path(args.project) / "mkdocs.yml"), dev_addr=args.dev_addr, livereload=True,
          build_type=None if args.full_rebuild else "dirty")
    return 0


def _synth(args: argparse.Namespace) -> int:
    from .synth import synthesize

    synthesize(Path(args.output), args.conventions, args.seed)
    print(f"Synthetic register of {args.conventions} conventions written to {args.output}/", file=sys.stderr)
    return 0


def _diff(args: argparse.Namespace) -> int:
    from .diff import GitError, compare_revision
    from .diff_report import to_json, to_markdown

    try:
        report = compare_revision(Path(args.project), args.rev)
    except GitError as error:
        print(f"cannot read revision: {error}", file=sys.stderr)
        return 2
    sys.stdout.write(to_json(report) if args.format == "json" else to_markdown(report))
    return 0


def _schema(args: argparse.Namespace) -> int:
    from .load import content_schema

    print(json.dumps(content_schema(), ensure_ascii=False, indent=2, sort_keys=True))
    return 0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="registre", description="Build the public register of conventions.")
    root.add_argument("--project", default=".", help="folder holding content/, site_config/, templates/ (default: .)")
    commands = root.add_subparsers(dest="command", required=True)
    check_command = commands.add_parser("check", help="validate content/ and site_config/, print every problem")
    check_command.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check_command.set_defaults(run=_check)
    build_command = commands.add_parser("build", help="check, then build the site atomically")
    build_command.add_argument("--site-dir", default="site", help="output folder (default: site)")
    build_command.set_defaults(run=_build)
    serve_command = commands.add_parser("serve", help="preview the site, reloading on every edit")
    serve_command.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on")
    serve_command.add_argument("--full-rebuild", action="store_true",
                               help="rebuild every page on each edit instead of the changed ones")
    serve_command.set_defaults(run=_serve)
    schema_command = commands.add_parser("schema", help="print the JSON Schema of every kind of content file")
    schema_command.set_defaults(run=_schema)
    diff_command = commands.add_parser("diff", help="report what changed in the register since a git revision")
    diff_command.add_argument("rev", nargs="?", help="revision to compare with (default: merge base with main)")
    diff_command.add_argument("--format", choices=("markdown", "json"), default="markdown", help="output format")
    diff_command.set_defaults(run=_diff)
    synth_command = commands.add_parser("synth", help="write a synthetic register (benchmarks, scale tests)")
    synth_command.add_argument("--conventions", type=int, default=200, help="number of conventions (default: 200)")
    synth_command.add_argument("--seed", type=int, default=1, help="random seed (default: 1)")
    synth_command.add_argument("--output", required=True, help="folder to write the project into")
    synth_command.set_defaults(run=_synth)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except RegistreError as error:
        print(f"registre: {error}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
