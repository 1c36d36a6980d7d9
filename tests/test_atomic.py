"""A failed build leaves the previous site whole: exit status 1, the file:line error, and not one byte changed.

A killed build too: the site is then the whole previous one or the whole new one, and the next build removes
what the killed one left. Builds of one site wait for each other; a site that cannot be written (no permission,
a full or read-only disk, a path under a file) is told in French, with its path, and left as it was."""

from __future__ import annotations

import errno
import fcntl
import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest

from generator.cli import main
from generator.publishing import publish, site_folder
from generator.publishing.publish import build_site
from generator.publishing.site_folder import PublishError, lock_path

from helpers import line_of, snapshot

ROOT = Path(__file__).resolve().parent.parent
BROKEN_FILE = "content/conventions/smica-severac-2026cv4.yaml"


@pytest.fixture
def published(project: Path, capsys) -> tuple[Path, Path, dict[str, bytes]]:
    """A project whose site was built once with `registre build`, and that site's bytes."""
    site = project.parent / "published"
    assert main(["--project", str(project), "build", "--site-dir", str(site)]) == 0
    capsys.readouterr()
    before = snapshot(site)
    assert "index.html" in before and "sitemap.xml" in before
    return project, site, before


def leftovers(site: Path) -> list[str]:
    """Staging or backup folders a build would leave next to the site if it did not clean up."""
    return sorted(path.name for path in site.parent.iterdir() if path.name.startswith(f".{site.name}-"))


def test_broken_content_leaves_the_site_untouched(published, capsys):
    project, site, before = published
    content = project / BROKEN_FILE
    text = content.read_text(encoding="utf-8")
    assert "  date: 2026-02-17\n" in text
    content.write_text(text.replace("  date: 2026-02-17\n", "  date: 2026-02-30\n", 1), encoding="utf-8")
    line = line_of(content, "date: 2026-02-30")

    status = main(["--project", str(project), "build", "--site-dir", str(site)])

    error = capsys.readouterr().err
    assert status == 1
    assert re.search(
        rf"^{re.escape(BROKEN_FILE)}:{line}: "
        r"signature\.date \(date de la signature\): .+",
        error,
        re.M,
    ), error
    assert "Traceback" not in error
    assert snapshot(site) == before
    assert leftovers(site) == []


def test_broken_template_leaves_the_site_untouched(published):
    project, site, before = published
    template = project / "templates" / "pages" / "home.md.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\n{% if %}\n", encoding="utf-8")

    # In a process of its own, so that what reaches stderr is what a user sees (no test log capture).
    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", "--project", str(project), "build", "--site-dir", str(site)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )

    assert result.returncode == 1
    assert re.search(r"templates/pages/home\.md\.j2:\d+: template error", result.stderr), result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(site) == before
    assert leftovers(site) == []


def test_a_successful_build_replaces_the_site(published, capsys):
    project, site, before = published
    content = project / BROKEN_FILE
    text = content.read_text(encoding="utf-8")
    content.write_text(text.replace("place: Rodez", "place: Millau", 1), encoding="utf-8")
    (site / "stale.html").write_text("left by an older build", encoding="utf-8")

    assert main(["--project", str(project), "build", "--site-dir", str(site)]) == 0

    after = snapshot(site)
    assert "stale.html" not in after, "the new site is a fresh folder, not the old one patched"
    assert after != before
    assert leftovers(site) == []


def test_a_register_with_errors_writes_nothing(project: Path, tmp_path: Path):
    """The check comes first: with an error, not even the site's folder is created."""
    from generator.publishing.publish import build_site

    content = project / BROKEN_FILE
    content.write_text(
        content.read_text(encoding="utf-8").replace("  date: 2026-02-17\n", "  date: 2026-02-30\n", 1), encoding="utf-8"
    )
    site = tmp_path / "not-yet" / "site"

    report = build_site(project / "mkdocs.yml", site, isolated=True)

    assert [(problem.file, problem.field) for problem in report.errors] == [(BROKEN_FILE, "signature.date")]
    assert not site.parent.exists()


def test_the_child_process_returns_its_report(project: Path, tmp_path: Path):
    """In `registre build`, MkDocs runs in a child process: the problems and what to index come back as the
    function's value, and Pagefind indexes the pages it names once the child has exited."""
    from generator.publishing.publish import build_site

    site = tmp_path / "site"
    report = build_site(project / "mkdocs.yml", site, isolated=True)

    assert report.errors == []
    assert report.search and report.search_glob == "conventions/*/index.html"
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
    assert leftovers(site) == []


# Killed builds, concurrent builds, sites that cannot be written -------------------------------------------------


def digest(files: dict[str, bytes]) -> str:
    """One hash for a snapshot: its paths and their bytes."""
    whole = hashlib.sha256()
    for name, data in sorted(files.items()):
        whole.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    return whole.hexdigest()


def edit_content(project: Path) -> None:
    """Change the register, so that its next build makes a site different from the one already built."""
    content = project / BROKEN_FILE
    text = content.read_text(encoding="utf-8")
    assert "place: Rodez" in text
    content.write_text(text.replace("place: Rodez", "place: Millau", 1), encoding="utf-8")


def build_command(project: Path, site: Path) -> list[str]:
    return [sys.executable, "-m", "generator.cli", "--project", str(project), "build", "--site-dir", str(site)]


def start_build(project: Path, site: Path, stderr, **env: str) -> subprocess.Popen:
    """`registre build` in a process group of its own, that `kill_group` kills with all its children."""
    return subprocess.Popen(
        build_command(project, site),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=stderr,
        start_new_session=True,
        env={**os.environ, **env},
    )


def kill_group(process: subprocess.Popen) -> None:
    """SIGKILL the build's process group (the build, its MkDocs child, Pagefind), then reap the build."""
    with suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)


def run_build(project: Path, site: Path, **env: str) -> subprocess.CompletedProcess:
    """`registre build` to its end (at most three minutes), as its user sees it: its stderr, its exit status."""
    return subprocess.run(
        build_command(project, site),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=180,
        env={**os.environ, **env},
    )


def wait_until(condition, process: subprocess.Popen, seconds: float = 60) -> bool:
    """Poll `condition` every 2 ms until it holds (True), the process ends or `seconds` pass (False)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        if process.poll() is not None:
            return condition()
        time.sleep(0.002)
    return False


def staging_folders(site: Path) -> list[Path]:
    return [path for path in site.parent.glob(f".{site.name}-new-*") if path.is_dir()]


#: when the kill comes: after so many seconds (a build of the fixture register takes about 3 s: the check,
#: then MkDocs writing the staging folder from about 1.4 s, Pagefind, the swap), or at a moment of the build
#: seen by polling: the staging folder appears, the search index is written in it (right before the swap),
#: the site has been replaced (right after the swap, while the previous site is being removed).
KILL_POINTS = [0.3, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0, "staging", "indexed", "swapped"]


def kill_build_at(project: Path, site: Path, point: float | str, stderr) -> None:
    """Start `registre build` and SIGKILL it, with its children, at `point` (see KILL_POINTS)."""
    inode = site.stat().st_ino

    def swapped() -> bool:
        try:
            return site.stat().st_ino != inode
        except FileNotFoundError:
            return False

    reached = {
        "staging": lambda: bool(staging_folders(site)),
        "indexed": lambda: any((path / "pagefind" / "pagefind-entry.json").exists() for path in staging_folders(site)),
        "swapped": swapped,
    }
    process = start_build(project, site, stderr)
    try:
        if isinstance(point, float):
            with suppress(subprocess.TimeoutExpired):
                process.wait(timeout=point)
        else:
            wait_until(reached[point], process)
    finally:
        kill_group(process)


def test_a_killed_build_leaves_the_old_or_the_new_site_whole(published, tmp_path):
    """Whenever `registre build` is killed (SIGKILL), the site is the whole previous one or the whole new one,
    byte for byte; what the killed builds leave next to it, the next build removes."""
    project, site, before = published
    old = digest(before)
    pristine = tmp_path / "old-site"
    shutil.copytree(site, pristine)
    edit_content(project)
    states: dict[float | str, str] = {}
    left_behind: set[str] = set()
    for point in KILL_POINTS:
        shutil.rmtree(site)
        shutil.copytree(pristine, site)  # each kill starts from the previous site
        with (tmp_path / f"killed-at-{point}.log").open("wb") as log:
            kill_build_at(project, site, point, log)
        states[point] = digest(snapshot(site))
        left_behind.update(leftovers(site))
    assert left_behind, "no killed build left anything behind: the kills missed the writing"

    assert main(["--project", str(project), "build", "--site-dir", str(site)]) == 0

    new = digest(snapshot(site))
    assert new != old
    assert leftovers(site) == [], f"left by the killed builds: {sorted(left_behind)}"
    assert not lock_path(site).exists()
    outcome = {point: "old" if state == old else "new" if state == new else "BROKEN" for point, state in states.items()}
    assert "BROKEN" not in outcome.values(), outcome
    assert outcome[0.3] == "old" and outcome["swapped"] == "new", outcome


def live_processes_of_group(group: int) -> list[int]:
    """The processes of the process group `group` that have not ended (zombies excluded), from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the processes from Linux' /proc")
def test_killing_the_build_alone_kills_its_mkdocs_child(published, tmp_path):
    """Killing only the `registre build` process (not its group) kills its MkDocs child too: no orphan goes on
    writing the staging folder that the next build removes."""
    project, site, before = published
    edit_content(project)
    with (tmp_path / "build.log").open("wb") as log:
        process = start_build(project, site, log)
        try:
            assert wait_until(lambda: bool(staging_folders(site)), process), "the build never began writing"
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
            deadline = time.monotonic() + 10
            while live_processes_of_group(process.pid) and time.monotonic() < deadline:
                time.sleep(0.05)
            assert live_processes_of_group(process.pid) == []
        finally:
            kill_group(process)
    assert snapshot(site) == before

    assert main(["--project", str(project), "build", "--site-dir", str(site)]) == 0
    assert leftovers(site) == []


@contextmanager
def holding_the_lock(site: Path):
    """Hold the site's lock, as a build writing it does."""
    descriptor = os.open(lock_path(site.resolve()), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


def test_a_build_waits_for_the_build_writing_the_site(published, tmp_path):
    project, site, before = published
    edit_content(project)
    log_path = tmp_path / "waiting.log"
    with log_path.open("wb") as log:
        with holding_the_lock(site):
            process = start_build(project, site, log)
            try:
                assert wait_until(lambda: "attente" in log_path.read_text(encoding="utf-8"), process), (
                    log_path.read_text(encoding="utf-8")
                )
                time.sleep(0.5)
                assert process.poll() is None, "the build did not wait"
                assert snapshot(site) == before and leftovers(site) == [], "a waiting build wrote"
            except BaseException:
                kill_group(process)
                raise
        try:
            status = process.wait(timeout=120)
        finally:
            kill_group(process)
    message = log_path.read_text(encoding="utf-8")
    assert f"Une autre construction du site {site.resolve()} est en cours : attente de sa fin" in message
    assert status == 0, message
    assert snapshot(site) != before
    assert leftovers(site) == []


def test_a_build_gives_up_after_a_bounded_wait(published):
    project, site, before = published
    edit_content(project)
    with holding_the_lock(site):
        result = run_build(project, site, REGISTRE_LOCK_TIMEOUT="1")

    assert result.returncode == 1, result.stderr
    assert (
        f"registre : une autre construction du site {site.resolve()} est en cours (verrou "
        f"{lock_path(site.resolve())}) et ne s’est pas terminée en 1 s" in result.stderr
    ), result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(site) == before
    assert leftovers(site) == []


def test_build_site_waits_no_longer_than_its_lock_timeout(published):
    project, site, before = published
    edit_content(project)
    with holding_the_lock(site):
        started = time.monotonic()
        with pytest.raises(PublishError, match=r"une autre construction du site .* en 0\.5 s"):
            build_site(project / "mkdocs.yml", site, lock_timeout=0.5)
        waited = time.monotonic() - started
    assert 0.5 <= waited < 30
    assert snapshot(site) == before
    assert leftovers(site) == []


def test_the_lock_passes_from_build_to_build_and_leaves_no_file(tmp_path):
    """The build holding the lock removes its file at the end; the build that was waiting for it then locks
    the file at the path, the one a third build would lock: the two never hold the lock both at once."""
    site = tmp_path / "site"
    first, second, third = (site_folder.SiteLock(site, timeout) for timeout in (0, 30, 0))
    first.acquire()
    waiting = threading.Thread(target=second.acquire)
    waiting.start()
    try:
        time.sleep(0.3)
        assert waiting.is_alive(), "the second build did not wait"
    finally:
        first.release()
        waiting.join(timeout=30)
    assert not waiting.is_alive()
    with pytest.raises(PublishError, match="une autre construction du site"):
        third.acquire()
    second.release()
    assert not lock_path(site).exists()
    third.acquire()
    third.release()
    assert list(tmp_path.iterdir()) == []


def test_two_concurrent_builds_leave_one_whole_site(published, tmp_path):
    """Two builds of one site at once: one waits for the other, both succeed, and the site, watched all along,
    is never missing a page; in the end it is the site a build alone makes."""
    project, site, before = published
    edit_content(project)
    missing: list[str] = []
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            for page in ("index.html", "pagefind/pagefind-entry.json", "sitemap.xml"):
                if not (site / page).is_file():
                    missing.append(page)
            time.sleep(0.001)

    watcher = threading.Thread(target=watch)
    watcher.start()
    logs = [tmp_path / "first.log", tmp_path / "second.log"]
    processes = []
    try:
        for log_path in logs:
            with log_path.open("wb") as log:
                processes.append(start_build(project, site, log))
        statuses = [process.wait(timeout=180) for process in processes]
    finally:
        for process in processes:
            kill_group(process)
        done.set()
        watcher.join(timeout=10)

    messages = [log_path.read_text(encoding="utf-8") for log_path in logs]
    assert statuses == [0, 0], messages
    assert not any("Traceback" in message for message in messages), messages
    assert missing == [], f"the site lacked {sorted(set(missing))} at some instant"
    concurrent = snapshot(site)
    assert concurrent != before
    assert leftovers(site) == []
    assert not lock_path(site).exists()
    assert main(["--project", str(project), "build", "--site-dir", str(site)]) == 0
    assert snapshot(site) == concurrent


def assert_refused(result: subprocess.CompletedProcess, message: str) -> None:
    """The build failed as its user should see it: exit status 1, `message` in French, no traceback."""
    assert result.returncode == 1, result.stderr
    assert f"registre : {message}" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr, result.stderr


def test_a_site_dir_under_a_file(project, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")

    result = run_build(project, blocker / "www" / "site")

    assert_refused(
        result, f"le site {blocker / 'www' / 'site'} ne peut pas être créé : {blocker} est un fichier, pas un dossier."
    )
    assert blocker.read_text(encoding="utf-8") == "not a folder"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a-file", "project"]


def test_a_site_dir_that_is_a_file(project, tmp_path):
    site = tmp_path / "site"
    site.write_text("not a folder", encoding="utf-8")

    result = run_build(project, site)

    assert_refused(result, f"{site} est un fichier, pas un dossier : le site ne peut pas y être écrit.")
    assert site.read_text(encoding="utf-8") == "not a folder"
    assert leftovers(site) == []


@contextmanager
def unwritable(folder: Path):
    """`folder` made unwritable: immutable (chattr +i) when the tests run as root, whom modes do not stop,
    else mode 555; as it was again afterwards."""
    if os.geteuid() != 0:
        mode = folder.stat().st_mode
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(mode)
        return
    if not shutil.which("chattr") or subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode:
        pytest.skip("cannot make a folder unwritable for root here (chattr +i)")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True, capture_output=True)


def test_an_unwritable_site_folder(published):
    project, site, before = published
    edit_content(project)

    with unwritable(site):
        result = run_build(project, site)

    assert_refused(
        result, f"impossible d’écrire dans {site} : permission refusée. Le site {site} est resté tel qu’il était."
    )
    assert snapshot(site) == before
    assert leftovers(site) == []


def test_an_unwritable_folder_around_the_site(project, tmp_path, capsys):
    www = tmp_path / "www"
    site = www / "site"
    assert main(["--project", str(project), "build", "--site-dir", str(site)]) == 0
    capsys.readouterr()
    before = snapshot(site)
    edit_content(project)

    with unwritable(www):
        result = run_build(project, site)

    assert_refused(
        result, f"impossible d’écrire dans {www} : permission refusée. Le site {site} est resté tel qu’il était."
    )
    assert snapshot(site) == before
    assert leftovers(site) == []


@pytest.fixture
def small_disk(tmp_path: Path):
    """A disk of its own for the test: a tmpfs (64 MiB, resized with `remount`), mounted when the tests run as
    root and the system lets them, unmounted afterwards."""
    mountpoint = tmp_path / "disk"
    mountpoint.mkdir()
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a small disk needs root")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(mountpoint)], capture_output=True, check=False
    )
    if mounted.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode(errors='replace').strip()}")
    try:
        yield mountpoint
    finally:
        if subprocess.run(["umount", str(mountpoint)], capture_output=True, check=False).returncode:
            subprocess.run(["umount", "-l", str(mountpoint)], capture_output=True, check=False)


def remount(mountpoint: Path, options: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{options}", str(mountpoint)], check=True, capture_output=True)


def bytes_on_disk(folder: Path) -> int:
    return sum(path.stat().st_blocks * 512 for path in folder.rglob("*") if path.is_file())


@pytest.mark.parametrize("full_during", ["pages", "search index"])
def test_a_full_disk(project, small_disk, capsys, full_during):
    """The disk fills up while MkDocs writes the pages, or while Pagefind writes the index (which then exits
    as if it had succeeded, leaving empty files)."""
    site = small_disk / "site"
    assert main(["--project", str(project), "build", "--site-dir", str(site)]) == 0
    capsys.readouterr()
    before = snapshot(site)
    usage = os.statvfs(small_disk)
    used = (usage.f_blocks - usage.f_bfree) * usage.f_frsize
    index = bytes_on_disk(site / "pagefind")
    pages = bytes_on_disk(site) - index
    remount(small_disk, f"size={used + (pages // 2 if full_during == 'pages' else pages + index // 2)}")
    edit_content(project)

    result = run_build(project, site)

    assert_refused(
        result,
        f"impossible d’écrire dans {small_disk} : le disque est plein. Le site {site} est resté tel qu’il était.",
    )
    assert snapshot(site) == before
    assert leftovers(site) == []


def test_a_read_only_disk(project, small_disk, capsys):
    site = small_disk / "site"
    assert main(["--project", str(project), "build", "--site-dir", str(site)]) == 0
    capsys.readouterr()
    before = snapshot(site)
    edit_content(project)
    remount(small_disk, "ro")

    result = run_build(project, site)
    first_site = run_build(project, small_disk / "new" / "site")

    assert_refused(
        result,
        f"impossible d’écrire dans {small_disk} : le disque est en lecture seule. "
        f"Le site {site} est resté tel qu’il était.",
    )
    assert_refused(
        first_site,
        f"impossible d’écrire dans {small_disk} : le disque est en lecture seule. "
        f"Le site {small_disk / 'new' / 'site'} n’a pas été créé.",
    )
    assert snapshot(site) == before
    assert leftovers(site) == []


# The swap, the cleanup and the error messages, unit by unit (they need neither root nor a small disk).


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EACCES])
def test_a_swap_that_fails_leaves_the_previous_site(published, monkeypatch, code):
    project, site, before = published
    edit_content(project)

    def failing(first: Path, second: Path) -> bool:
        raise OSError(code, os.strerror(code), str(second))

    monkeypatch.setattr(site_folder, "exchange", failing)

    with pytest.raises(PublishError) as raised:
        build_site(project / "mkdocs.yml", site)

    reason = {errno.ENOSPC: "le disque est plein", errno.EROFS: "le disque est en lecture seule"}.get(
        code, "permission refusée"
    )
    assert str(raised.value) == f"impossible d’écrire dans {site} : {reason}. Le site {site} est resté tel qu’il était."
    assert snapshot(site) == before
    assert leftovers(site) == [], "the finished staging folder leaked"


def test_a_system_error_in_the_mkdocs_child_is_told_in_french(published, monkeypatch):
    """A full disk while MkDocs writes, in the child process of an isolated build: the error crosses to the
    parent, which tells it in French."""
    project, site, before = published
    edit_content(project)

    def disk_full(config, as_of) -> None:
        page = Path(config["site_dir"], "index.html")
        page.write_text("half a page", encoding="utf-8")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "/elsewhere/theme.css", None, str(page))

    monkeypatch.setattr(publish, "_run_mkdocs", disk_full)

    with pytest.raises(PublishError) as raised:
        build_site(project / "mkdocs.yml", site, isolated=True)

    assert str(raised.value) == (
        f"impossible d’écrire dans {site.parent} : le disque est plein. Le site {site} est resté tel qu’il était."
    )
    assert snapshot(site) == before
    assert leftovers(site) == []


def test_without_an_atomic_exchange_two_renames_replace_the_site(published, monkeypatch):
    """Where renameat2 is missing, the fallback: two renames, the previous site kept until the new one is in."""
    project, site, before = published
    edit_content(project)
    monkeypatch.setattr(site_folder, "renameat2_function", lambda: None)

    build_site(project / "mkdocs.yml", site)

    assert snapshot(site) != before
    assert leftovers(site) == []


def small_site(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(text, encoding="utf-8")
    return folder


def test_the_exchange_swaps_two_folders_at_once(tmp_path):
    if site_folder.renameat2_function() is None:
        pytest.skip("no renameat2 on this system")
    staging, site = small_site(tmp_path / ".site-new-0123abcd", "new"), small_site(tmp_path / "site", "old")

    assert site_folder.exchange(staging, site)

    assert (site / "index.html").read_text(encoding="utf-8") == "new"
    assert (staging / "index.html").read_text(encoding="utf-8") == "old"


def test_a_fallback_swap_whose_second_rename_fails_puts_the_site_back(tmp_path, monkeypatch):
    staging, site = small_site(tmp_path / ".site-new-0123abcd", "new"), small_site(tmp_path / "site", "old")
    monkeypatch.setattr(site_folder, "exchange", lambda first, second: False)
    rename = os.rename

    def full_disk_for_the_new_site(source, destination) -> None:
        if Path(source) == staging:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(source))
        rename(source, destination)

    monkeypatch.setattr(site_folder.os, "rename", full_disk_for_the_new_site)

    with pytest.raises(OSError):
        site_folder.swap(staging, site)

    assert (site / "index.html").read_text(encoding="utf-8") == "old"
    assert sorted(path.name for path in tmp_path.iterdir()) == [".site-new-0123abcd", "site"]


def test_the_next_build_removes_only_what_interrupted_builds_left(tmp_path):
    site = small_site(tmp_path / "site", "current")
    started = time.time()
    dead = [small_site(tmp_path / name, "left") for name in (".site-new-0123abcd", ".site-new-deadbeef", ".site-old")]
    kept = [
        small_site(tmp_path / name, "not ours")
        for name in (".site-new-notours!", ".site-newer", ".other-new-0123abcd", ".site-new-0123abcde")
    ]
    for folder in dead + kept:
        os.utime(folder, (started - 60, started - 60))
    younger = small_site(tmp_path / ".site-new-99999999", "being written")  # by a build that took no lock
    (tmp_path / ".site.lock").touch()

    site_folder.remove_leftovers(site, older_than=started)

    assert not any(folder.exists() for folder in dead)
    assert all(folder.exists() for folder in [*kept, younger, site, tmp_path / ".site.lock"])
    assert (site / "index.html").read_text(encoding="utf-8") == "current"


def test_a_fallback_swap_killed_between_its_renames_gets_its_site_back(tmp_path):
    """The fallback swap killed between its two renames: no `site`, the whole previous site in `.site-old`;
    the next build puts it back before anything else."""
    small_site(tmp_path / ".site-old", "previous")
    unfinished = small_site(tmp_path / ".site-new-0123abcd", "new")
    os.utime(unfinished, (time.time() - 60, time.time() - 60))

    site_folder.remove_leftovers(tmp_path / "site", older_than=time.time())

    assert ((tmp_path / "site") / "index.html").read_text(encoding="utf-8") == "previous"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]
