"""The CI pipelines shipped in the repository: they build and test with the README's two commands,
publish site/, run on merge/pull requests, on the main branch and every day, and cache the virtual environment;
they are valid for their forge's schema, and the GitHub workflow cannot be subverted (actions pinned to a
commit, no persisted credentials, least permissions, no cache in what it publishes: zizmor finds nothing)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
GITHUB = ROOT / ".github" / "workflows" / "publish.yml"
GITLAB = ROOT / ".gitlab-ci.yml"

#: build and test go through the README's commands only: no direct pip, pytest or mkdocs
BYPASSES = re.compile(r"\b(pip3?|pytest|mkdocs|python3?\s+-m\s+(pip|pytest|mkdocs))\b")


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def script_lines(text: str) -> list[str]:
    """Commands of a shell script, one per line, without comments or continuations."""
    lines = []
    for line in text.replace("\\\n", " ").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            lines.append(line)
    return lines


def make_targets(commands: list[str]) -> list[str]:
    return [target for command in commands for target in re.findall(r"(?:^|[;&|]\s*)make\s+([\w-]+)", command)]


# --- GitHub Actions ----------------------------------------------------------


@pytest.fixture(scope="module")
def workflow() -> dict:
    return load(GITHUB)


def github_steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def github_commands(workflow: dict) -> list[str]:
    return [line for step in github_steps(workflow) if "run" in step for line in script_lines(step["run"])]


def triggers(workflow: dict) -> dict:
    # YAML 1.1 reads the key `on` as true.
    return workflow["on"] if "on" in workflow else workflow[True]


def test_github_runs_on_pull_requests_main_and_every_day(workflow):
    on = triggers(workflow)
    assert "pull_request" in on
    assert on["push"]["branches"] == ["main"]
    [schedule] = on["schedule"]
    fields = schedule["cron"].split()
    assert len(fields) == 5 and fields[2:] == ["*", "*", "*"], "a daily schedule"


def test_github_builds_and_tests_with_the_readme_commands(workflow):
    commands = github_commands(workflow)
    assert "make site" in commands and "make test" in commands
    assert commands.index("make site") < commands.index("make test")
    assert set(make_targets(commands)) == {"site", "test"}
    assert not [command for command in commands if BYPASSES.search(command)]


def test_github_posts_the_change_report_on_pull_requests(workflow):
    [step] = [step for step in github_steps(workflow) if "registre diff" in step.get("run", "")]
    assert "pull_request" in step["if"]
    assert "$GITHUB_STEP_SUMMARY" in step["run"]
    [checkout] = [step for step in github_steps(workflow) if step.get("uses", "").startswith("actions/checkout@")]
    assert checkout["with"]["fetch-depth"] == 0, "the report needs the base branch's history"


def test_github_deploys_site_folder_to_pages_from_main_only(workflow):
    [upload] = [
        step for step in github_steps(workflow) if step.get("uses", "").startswith("actions/upload-pages-artifact@")
    ]
    assert upload["with"]["path"].rstrip("/") == "site"
    assert "refs/heads/main" in upload["if"] and "pull_request" in upload["if"]
    [deploy_job] = [
        job
        for job in workflow["jobs"].values()
        if any(step.get("uses", "").startswith("actions/deploy-pages@") for step in job.get("steps", []))
    ]
    assert deploy_job["needs"] == "build" or "build" in deploy_job["needs"]
    assert "refs/heads/main" in deploy_job["if"] and "pull_request" in deploy_job["if"]
    assert deploy_job["environment"]["name"] == "github-pages"


def test_github_caches_the_virtual_environment_for_pull_requests_only(workflow):
    [cache] = [step for step in github_steps(workflow) if step.get("uses", "").startswith("actions/cache@")]
    assert cache["with"]["path"] == ".venv"
    assert "hashFiles('pyproject.toml')" in cache["with"]["key"]
    steps = github_steps(workflow)
    assert steps.index(cache) < steps.index(next(step for step in steps if step.get("run") == "make site"))
    # A run that may publish never restores a cache (another run may have written it): it only saves one.
    assert "if" not in cache, "the pull requests' cache is saved by the runs on main"
    assert cache["with"]["lookup-only"] == "${{ github.event_name != 'pull_request' }}"


#: `uses: owner/name@<full commit> # vX.Y.Z`, the version of the release that commit is
PINNED_USES = re.compile(r"uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+")


def test_github_actions_are_pinned_to_a_full_commit_with_its_version(workflow):
    uses_lines = [line.strip().removeprefix("- ") for line in GITHUB.read_text(encoding="utf-8").splitlines()]
    uses_lines = [line for line in uses_lines if line.startswith("uses:")]
    steps_with_uses = [step for step in github_steps(workflow) if "uses" in step]
    assert steps_with_uses and len(uses_lines) == len(steps_with_uses), "one line per action, each checked below"
    for line in uses_lines:
        assert PINNED_USES.fullmatch(line), f"{line!r}: pin it to its release's commit, e.g. {PINNED_USES.pattern}"


def test_github_checkout_keeps_no_credentials(workflow):
    checkouts = [step for step in github_steps(workflow) if step.get("uses", "").startswith("actions/checkout@")]
    assert checkouts
    for checkout in checkouts:
        assert checkout["with"]["persist-credentials"] is False, "no token left in .git/config for later steps"


def test_github_jobs_get_only_the_permissions_they_use(workflow):
    assert workflow["permissions"] == {}, "nothing by default: each job asks for its own"
    permissions = {name: job.get("permissions") for name, job in workflow["jobs"].items()}
    assert permissions == {
        "build": {"contents": "read"},
        "deploy": {"pages": "write", "id-token": "write"},
    }


# --- GitLab CI ---------------------------------------------------------------


@pytest.fixture(scope="module")
def gitlab() -> dict:
    return load(GITLAB)


RESERVED = {
    "workflow",
    "stages",
    "default",
    "variables",
    "include",
    "image",
    "services",
    "cache",
    "before_script",
    "after_script",
}


def gitlab_jobs(gitlab: dict) -> dict[str, dict]:
    return {name: job for name, job in gitlab.items() if name not in RESERVED and not name.startswith(".")}


def gitlab_commands(job: dict) -> list[str]:
    return [line for item in job.get("script", []) for line in script_lines(item)]


def test_gitlab_runs_on_merge_requests_default_branch_and_schedules(gitlab):
    conditions = " ".join(rule["if"] for rule in gitlab["workflow"]["rules"])
    assert '$CI_PIPELINE_SOURCE == "merge_request_event"' in conditions
    assert '$CI_PIPELINE_SOURCE == "schedule"' in conditions
    assert "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH" in conditions


def test_gitlab_builds_and_tests_with_the_readme_commands(gitlab):
    jobs = gitlab_jobs(gitlab)
    commands = [command for job in jobs.values() for command in gitlab_commands(job)]
    assert "make site" in commands and "make test" in commands
    assert set(make_targets(commands)) == {"site", "test"}
    assert not [command for command in commands if BYPASSES.search(command)]
    assert "site/" in jobs["site"]["artifacts"]["paths"]


def test_gitlab_reports_changes_on_merge_requests(gitlab):
    job = gitlab_jobs(gitlab)["change-report"]
    assert [rule["if"] for rule in job["rules"]] == ['$CI_PIPELINE_SOURCE == "merge_request_event"']
    assert job["variables"]["GIT_DEPTH"] == 0
    commands = gitlab_commands(job)
    assert any("registre diff" in command and "$CI_MERGE_REQUEST_DIFF_BASE_SHA" in command for command in commands)
    assert "changements.md" in job["artifacts"]["paths"]
    assert job["artifacts"]["expose_as"]
    assert any("/merge_requests/$CI_MERGE_REQUEST_IID/notes" in command for command in commands)


def test_gitlab_pages_publishes_site_as_public_from_the_default_branch(gitlab):
    job = gitlab_jobs(gitlab)["pages"]
    commands = gitlab_commands(job)
    assert any(re.fullmatch(r"cp -a site/? public/?", command) for command in commands), commands
    assert job["artifacts"]["paths"] == ["public"]
    assert {"site", "test"} <= set(job["needs"]), "publish only what was built and tested"
    [rule] = job["rules"]
    assert "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH" in rule["if"]


def test_gitlab_caches_the_virtual_environment(gitlab):
    cache = gitlab["default"]["cache"]
    assert cache["key"]["files"] == ["pyproject.toml"]
    assert cache["paths"] == [".venv/"]


def test_gitlab_stages_are_declared(gitlab):
    for name, job in gitlab_jobs(gitlab).items():
        assert job["stage"] in gitlab["stages"], name


# --- both --------------------------------------------------------------------


def tool(name: str) -> str:
    """A checker of the test extra, from the virtual environment running the tests."""
    executable = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    assert executable, f"{name} is missing: install the test extra (pip install -e '.[test]')"
    return executable


def offline_environment() -> dict[str, str]:
    """The environment without any GitHub token, and with every HTTP(S) request sent to a closed port: a
    checker that tried to download anything would fail instead of depending on the network."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in {"GH_TOKEN", "GITHUB_TOKEN", "ZIZMOR_GITHUB_TOKEN"} and "proxy" not in name.lower()
    }
    closed = "http://127.0.0.1:9"
    environment.update(HTTP_PROXY=closed, HTTPS_PROXY=closed, http_proxy=closed, https_proxy=closed)
    return environment


def run_offline(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, cwd=cwd, env=offline_environment(), capture_output=True, text=True, timeout=120, check=False
    )


@pytest.mark.parametrize(
    ("path", "schema"),
    [(GITHUB, "vendor.github-workflows"), (GITLAB, "vendor.gitlab-ci")],
    ids=["github", "gitlab"],
)
def test_pipelines_are_valid_for_their_forge_schema(path, schema, tmp_path):
    # --builtin-schema reads the schema check-jsonschema ships; no file is downloaded.
    result = run_offline([tool("check-jsonschema"), "--builtin-schema", schema, str(path)], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok -- validation done" in result.stdout


def test_github_workflow_has_no_zizmor_finding(tmp_path):
    # --no-config and --no-ignores: no configuration file or `# zizmor: ignore` comment can silence a finding.
    command = [tool("zizmor"), "--offline", "--no-config", "--no-ignores", "--format", "json", str(GITHUB)]
    result = run_offline(command, tmp_path)
    findings = [
        f"{GITHUB.name}:{finding['locations'][0]['concrete']['location']['start_point']['row'] + 1}: "
        f"{finding['ident']}, {finding['desc']} ({finding['url']})"
        for finding in json.loads(result.stdout or "[]")
    ]
    assert findings == [], result.stderr
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("path", [GITHUB, GITLAB], ids=["github", "gitlab"])
def test_pipelines_name_no_package_registry_host(path):
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"pypi\.org|registry\.npmjs|files\.pythonhosted|index-url", text)


@pytest.mark.parametrize("path", [GITHUB, GITLAB], ids=["github", "gitlab"])
def test_pipelines_run_in_debian_so_make_test_can_install_chromium(path):
    text = path.read_text(encoding="utf-8")
    assert re.search(r"python:3\.\d+-(bookworm|trixie)", text)
