"""The CI pipelines shipped in the repository: they build and test with the README's two commands,
publish site/, run on merge/pull requests, on the main branch and every day, and cache the virtual environment."""

from __future__ import annotations

import re
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
    return workflow.get("on", workflow.get(True))


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
    assert deploy_job["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy_job["environment"]["name"] == "github-pages"
    assert workflow["permissions"] == {"contents": "read"}, "the other jobs only read"


def test_github_caches_the_virtual_environment(workflow):
    [cache] = [step for step in github_steps(workflow) if step.get("uses", "").startswith("actions/cache@")]
    assert cache["with"]["path"] == ".venv"
    assert "hashFiles('pyproject.toml')" in cache["with"]["key"]
    steps = github_steps(workflow)
    assert steps.index(cache) < steps.index(next(step for step in steps if step.get("run") == "make site"))


def test_github_actions_are_pinned_to_a_major_version(workflow):
    for step in github_steps(workflow):
        if "uses" in step:
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+", step["uses"]), step["uses"]


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


@pytest.mark.parametrize("path", [GITHUB, GITLAB], ids=["github", "gitlab"])
def test_pipelines_name_no_package_registry_host(path):
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"pypi\.org|registry\.npmjs|files\.pythonhosted|index-url", text)


@pytest.mark.parametrize("path", [GITHUB, GITLAB], ids=["github", "gitlab"])
def test_pipelines_run_in_debian_so_make_test_can_install_chromium(path):
    text = path.read_text(encoding="utf-8")
    assert re.search(r"python:3\.\d+-(bookworm|trixie)", text)
