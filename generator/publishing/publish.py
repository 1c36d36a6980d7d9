"""The pipeline of a build, top to bottom: `build_site`.

    read and check everything -> generate the pages -> MkDocs renders them -> Pagefind indexes them -> swap

MkDocs writes into a temporary folder next to the site, which replaces it only when the whole build succeeded:
the site is never half-written, and nothing is written while the register has an error. The replacement is one
atomic exchange of the two folders (`_swap`): whenever a build is killed, the site is the whole previous one
or the whole new one. One build at a time writes a site (`SiteLock`, a lock file next to it), and each one
first removes what interrupted builds left there (`remove_leftovers`). A site that cannot be written (a full
or read-only disk, no permission, a path under a file) is told in French (PublishError), the site unchanged.

The build is reproducible: every date MkDocs writes (the sitemap's `lastmod`, the gzip header of
`sitemap.xml.gz`) comes from SOURCE_DATE_EPOCH, MkDocs' own interface for it, set from the build date
while MkDocs runs when the caller did not set it; Pagefind's index is rewritten in a stable order
(`reproducible.normalise_pagefind`, run by the search indexing step).
"""

from __future__ import annotations

import ctypes
import datetime as dt
import errno
import functools
import logging
import os
import pickle
import re
import secrets
import shutil
import signal
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from mkdocs.exceptions import MkDocsException, PluginError

from generator.build import build_date, check, generate
from generator.problems import Problem, RegistreError, errors_only
from generator.publishing.search_index import index_site

try:
    import fcntl
except ImportError:  # not POSIX: builds are not locked (SiteLock)
    fcntl = None  # type: ignore[assignment]


@dataclass(frozen=True)
class BuildReport:
    """What a build found and made: every problem of the register, and what Pagefind indexes."""

    problems: list[Problem] = field(default_factory=list)
    """The register's problems; when one is an error, nothing was written."""
    search: bool = False
    """Whether the site has a search index (the plugin's `search` option)."""
    search_glob: str | None = None
    """The pages Pagefind reads (None: all of them)."""

    @property
    def errors(self) -> list[Problem]:
        return errors_only(self.problems)


def build_site(
    config_file: Path,
    site_dir: Path,
    *,
    as_of: dt.date | None = None,
    strict: bool = True,
    isolated: bool = False,
    lock_timeout: float | None = None,
) -> BuildReport:
    """Build the site of the register `config_file` (its mkdocs.yml) names, as of `as_of` (the build date if
    not given), into `site_dir`, which is replaced only if the whole build succeeded.

    `isolated` (the `registre build` command) runs the steps up to MkDocs in a child process, and the search
    indexing in this one once the child has exited: on a large register, MkDocs holds hundreds of megabytes
    and Pagefind needs more than a gigabyte, and they are never both in memory at once.

    One build at a time writes a given site: before its first write, a build takes the site's lock
    (`SiteLock`), waiting at most `lock_timeout` seconds (`default_lock_timeout()` if not given) for another
    one to finish. A site folder that cannot be written (a read-only or full disk, no permission, a path
    under a file) raises PublishError, whose message is in French and names the path; the previous site is
    then left as it was."""
    as_of = as_of or build_date()
    started = time.time()
    site_dir = site_dir.resolve()
    staging = site_dir.with_name(f".{site_dir.name}-new-{secrets.token_hex(4)}")
    lock = SiteLock(site_dir, default_lock_timeout() if lock_timeout is None else lock_timeout)

    def prepare() -> None:
        """Right before the first write, in this process (which stays until the end of the build): the lock,
        then what interrupted builds left, then the staging folder."""
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        lock.acquire()
        remove_leftovers(site_dir, older_than=started)
        staging.mkdir()

    def render(prepare_to_write: Callable[[], None]) -> BuildReport:
        import jinja2

        from generator.publishing.plugin import registre_plugin
        from generator.publishing.rendering import GeneratedPages
        from generator.publishing.template_errors import template_problem

        config = _mkdocs_config(config_file, staging, strict)
        plugin = registre_plugin(config)
        project = plugin.project_of(config)
        # 1. Read and check everything: every problem is reported, and nothing is written while one is an error.
        checked = check(project, as_of)
        if checked.errors:
            return BuildReport(checked.problems)
        # 2. Derive and generate the pages (each rendered when MkDocs reads it).
        try:
            pages = GeneratedPages(generate(project, checked=checked, lazy=True))
        except jinja2.TemplateError as error:
            return BuildReport([*checked.problems, template_problem(error, project)])
        # 3. MkDocs renders the site into the staging folder, from the register handed to the plugin.
        plugin.use(pages)
        prepare_to_write()
        _run_mkdocs(config, as_of)
        return BuildReport(checked.problems, search=plugin.config.search, search_glob=pages.search_glob())

    try:
        # Told at once, before the register is even read: a site folder that cannot be written.
        _check_writable(site_dir)
        # Steps 1 to 3, in a child process when isolated: their memory is given back before Pagefind starts.
        report = _in_child(render, prepare) if isolated and hasattr(os, "fork") else render(prepare)
        if report.errors:
            return report
        # 4. Pagefind indexes the rendered pages.
        if report.search:
            _index(staging, report.search_glob)
        # 5. The new site replaces the previous one at once.
        _swap(staging, site_dir)
        return report
    except OSError as error:
        raise _publish_error(error, site_dir, staging) from None
    finally:
        # The unfinished new site, or after the swap the previous one; if this build is killed before it is
        # gone, the next build removes it (remove_leftovers).
        _remove_tree(staging)
        lock.release()


def _mkdocs_config(config_file: Path, site_dir: Path, strict: bool):
    from mkdocs.config import load_config

    return load_config(str(config_file), site_dir=str(site_dir), strict=strict)


def _run_mkdocs(config, as_of: dt.date) -> None:
    """What `mkdocs build` does with a loaded configuration."""
    from mkdocs.commands.build import build as mkdocs_build

    config.plugins.on_startup(command="build", dirty=False)
    try:
        with mkdocs_build_date(as_of):
            mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()


def _index(site_dir: Path, glob: str | None) -> None:
    """Pagefind indexes `site_dir`. It does not report a full disk: it exits with success, its files cut short
    or empty, and reading them (the index is made reproducible) then fails, or not. So an index written on a
    disk that is full after it is taken as cut short, and told like any failure to write the site."""
    try:
        index_site(site_dir, glob=glob)
    except Exception as error:
        if isinstance(error, OSError) and error.errno is not None:
            raise  # a system error, told by build_site
        # Other system errors Pagefind tells as Rust does, "… (os error 30)".
        system = re.search(r"\(os error (\d+)\)", str(error))
        if system:
            raise OSError(int(system[1]), os.strerror(int(system[1])), str(site_dir)) from None
        if _nearly_full(site_dir):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(site_dir)) from None
        if isinstance(error, RegistreError):
            raise PluginError(str(error)) from None
        raise
    if _nearly_full(site_dir):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(site_dir))


def _nearly_full(folder: Path) -> bool:
    """Whether the disk of `folder` has less than a mebibyte left: after a write cut short, it has none."""
    try:
        usage = os.statvfs(folder)
    except OSError:
        return False
    return usage.f_bavail * usage.f_frsize < 1 << 20


class PublishError(RegistreError):
    """The site cannot be written or replaced; the previous site is left as it was. The message, in French,
    names the path and the reason."""


#: French words for the system errors a build may meet while writing the site.
_REASONS = {
    errno.EACCES: "permission refusée",
    errno.EPERM: "opération non permise",
    errno.EROFS: "le disque est en lecture seule",
    errno.ENOSPC: "le disque est plein",
    errno.EDQUOT: "le quota du disque est atteint",
    errno.ENOTDIR: "un élément du chemin est un fichier, pas un dossier",
    errno.EISDIR: "c’est un dossier",
    errno.EEXIST: "le chemin existe déjà",
    errno.ENOTEMPTY: "le dossier n’est pas vide",
    errno.ENOENT: "le chemin n’existe pas (ou plus)",
    errno.EIO: "erreur d’entrée-sortie du disque",
    errno.ENAMETOOLONG: "nom de fichier trop long",
    errno.EBUSY: "le dossier est occupé (un point de montage ?)",
    errno.EXDEV: "les deux chemins sont sur des disques différents",
    errno.EMFILE: "trop de fichiers ouverts",
    errno.ENFILE: "trop de fichiers ouverts",
}


def _reason(error: OSError) -> str:
    if error.errno in _REASONS:
        return _REASONS[error.errno]
    return f"{error.strerror or error} ({errno.errorcode.get(error.errno or 0, 'erreur système')})"


def _publish_error(error: OSError, site_dir: Path, staging: Path) -> PublishError:
    """The message of a system error met by a build. A file of the staging folder is named by the folder the
    new site was written in, the staging folder being the build's own business."""
    area = site_dir.parent
    named = [Path(os.fsdecode(name)) for name in (error.filename, error.filename2) if isinstance(name, str | bytes)]
    # A failed copy names its source then its destination: the one where the site is written is told.
    written = [name for name in named if name == area or area in name.parents]
    if not written and named:  # a file read (a template, a theme's asset), not one written
        return PublishError(f"erreur sur {named[0]} : {_reason(error)}. {_unchanged(site_dir)}")
    path = written[0] if written else area
    if path == staging or staging in path.parents:
        path = area
    return PublishError(f"impossible d’écrire dans {path} : {_reason(error)}. {_unchanged(site_dir)}")


def _unchanged(site_dir: Path) -> str:
    if site_dir.is_dir():
        return f"Le site {site_dir} est resté tel qu’il était."
    return f"Le site {site_dir} n’a pas été créé."


def _check_writable(site_dir: Path) -> None:
    """Refuse at once, before anything is read or written, a site the build could not write: `site_dir`
    must be a folder or not exist yet, under folders (not a file), and the build must be allowed to write
    in its parent (or the nearest parent that exists), where the new site is written next to it, and in it,
    the previous site being removed once exchanged, on a disk that is not read-only."""
    if site_dir.exists() and not site_dir.is_dir():
        raise PublishError(f"{site_dir} est un fichier, pas un dossier : le site ne peut pas y être écrit.")
    folder = site_dir.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        raise PublishError(f"le site {site_dir} ne peut pas être créé : {folder} est un fichier, pas un dossier.")
    for path in (folder, site_dir) if site_dir.exists() else (folder,):
        if not _may_write(path):
            read_only = bool(os.statvfs(path).f_flag & os.ST_RDONLY)
            reason = _REASONS[errno.EROFS if read_only else errno.EACCES]
            raise PublishError(f"impossible d’écrire dans {path} : {reason}. {_unchanged(site_dir)}")


def _may_write(folder: Path) -> bool:
    """Whether this process may create and remove entries in `folder`."""
    if os.access in os.supports_effective_ids:
        return os.access(folder, os.W_OK | os.X_OK, effective_ids=True)
    return os.access(folder, os.W_OK | os.X_OK)


def lock_path(site_dir: Path) -> Path:
    """The lock file of the site `site_dir`: `.{name}.lock`, next to it."""
    return site_dir.with_name(f".{site_dir.name}.lock")


def default_lock_timeout() -> float:
    """How long a build waits for another build of the same site: REGISTRE_LOCK_TIMEOUT seconds (0: do not
    wait), else ten minutes, longer than a build of the largest register."""
    value = os.environ.get("REGISTRE_LOCK_TIMEOUT", "").strip()
    if not value:
        return 600.0
    try:
        return max(0.0, float(value))
    except ValueError:
        raise PublishError(f"REGISTRE_LOCK_TIMEOUT vaut « {value} » : donnez un nombre de secondes.") from None


class SiteLock:
    """The lock that one build of a site holds from its first write to its end: `fcntl.flock` on the lock
    file next to the site (`lock_path`). The kernel releases it when the process ends, however it ends
    (killed by SIGKILL included), so a killed build never leaves the site locked.

    The build holding the lock removes the lock file at its end, before releasing it, so that nothing stays
    next to the site; a build that was waiting then holds the lock of a file no longer there, sees it (the
    path names another file, or none) and locks the file at the path instead, like any build arriving then.
    A killed build leaves its lock file, unlocked, for the next build to take and remove.

    Where there is no flock (not POSIX), builds are not locked."""

    def __init__(self, site_dir: Path, timeout: float):
        self.site_dir, self.path, self.timeout = site_dir, lock_path(site_dir), timeout
        self._descriptor: int | None = None

    def acquire(self) -> None:
        """Take the lock, waiting at most `timeout` seconds for the build that holds it; PublishError after."""
        if fcntl is None or self._descriptor is not None:
            return
        deadline = time.monotonic() + self.timeout
        descriptor, told = None, False
        try:
            while True:
                if descriptor is None:
                    descriptor = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
                try:
                    fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise PublishError(
                            f"une autre construction du site {self.site_dir} est en cours (verrou {self.path}) "
                            f"et ne s’est pas terminée en {self.timeout:g} s : réessayez quand elle sera finie. "
                            + _unchanged(self.site_dir)
                        ) from None
                    if not told:
                        print(
                            f"Une autre construction du site {self.site_dir} est en cours : attente de sa fin "
                            f"(au plus {self.timeout:g} s)…",
                            file=sys.stderr,
                            flush=True,
                        )
                        told = True
                    time.sleep(min(0.1, left))
                    continue
                if self._is_at_path(descriptor):
                    self._descriptor, descriptor = descriptor, None
                    return
                os.close(descriptor)  # removed by the build before: lock the file now at the path
                descriptor = None
        finally:
            if descriptor is not None:
                os.close(descriptor)

    def _is_at_path(self, descriptor: int) -> bool:
        try:
            at_path = os.stat(self.path)
        except FileNotFoundError:
            return False
        held = os.fstat(descriptor)
        return (at_path.st_dev, at_path.st_ino) == (held.st_dev, held.st_ino)

    def release(self) -> None:
        """Remove the lock file, then release the lock (in this order: see the class)."""
        if self._descriptor is not None:
            with suppress(OSError):
                os.unlink(self.path)
            os.close(self._descriptor)  # closing the only descriptor releases the flock
            self._descriptor = None


def _is_leftover(name: str, site_name: str) -> bool:
    """Whether `name`, next to the site `site_name`, is what a build leaves there: a staging folder
    (`.{site}-new-` and the 8 hex digits of build_site) or the previous site of a fallback swap (`.{site}-old`)."""
    return name == f".{site_name}-old" or re.fullmatch(rf"\.{re.escape(site_name)}-new-[0-9a-f]{{8}}", name) is not None


def remove_leftovers(site_dir: Path, older_than: float) -> None:
    """Remove what interrupted builds (killed, power cut) left next to `site_dir`: their staging folders,
    holding an unfinished new site or, after the swap, the previous one, and the `.{name}-old` folder of an
    interrupted fallback swap. Only a folder last modified before `older_than` (the current build's start)
    goes: the caller holds the site's lock, so no other build is writing one; the date spares a folder that a
    build not taking the lock (an older Registre) may be writing now.

    A fallback swap killed between its two renames leaves no `site_dir` and the whole previous site in
    `.{name}-old`: that one is put back in its place, not removed."""
    previous = site_dir.with_name(f".{site_dir.name}-old")
    if previous.is_dir() and not os.path.lexists(site_dir):
        previous.rename(site_dir)
    for entry in os.scandir(site_dir.parent):
        if not _is_leftover(entry.name, site_dir.name):
            continue
        try:
            if entry.is_dir(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_mtime < older_than:
                _remove_tree(Path(entry.path))
        except FileNotFoundError:
            continue


def _remove_tree(folder: Path) -> None:
    """Remove `folder` and all it holds; when the system refuses, say so in French and leave the rest to the
    next build (a leftover folder does not make a build fail)."""
    try:
        shutil.rmtree(folder)
    except FileNotFoundError:
        pass
    except OSError as error:
        print(
            f"Attention : {error.filename or folder} n’a pas pu être supprimé ({_reason(error)}) ; la prochaine "
            f"construction réessaiera, ou supprimez {folder} vous-même.",
            file=sys.stderr,
            flush=True,
        )


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


@functools.cache
def _renameat2() -> Callable[..., int] | None:
    """libc's renameat2 (Linux 3.15 and glibc 2.28 or later), None where there is none."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


def _exchange(first: Path, second: Path) -> bool:
    """Exchange the two existing paths `first` and `second` in one atomic step, renameat2(RENAME_EXCHANGE):
    at every instant each name holds one of the two trees, whole. False where the system cannot (another OS,
    an older libc or kernel, a file system without the flag: ENOSYS or EINVAL); OSError for any other failure,
    nothing having changed."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL):
        return False
    raise OSError(code, os.strerror(code), str(second))


def _swap(staging: Path, site_dir: Path) -> None:
    """Put the finished site `staging` in the place of `site_dir`, so that `site_dir` is, at every instant,
    either the whole previous site or the whole new one, whoever reads it and whenever the build is killed.

    - `site_dir` is a folder: the two folders are exchanged in one atomic step (`_exchange`); the previous
      site is then at `staging`, which the caller removes.
    - `site_dir` does not exist: one rename, atomic as well.
    - No exchange on this system: two renames, `site_dir` to `.{name}-old` then `staging` to `site_dir`, the
      previous site kept until the new one is in place. Between the two renames (a few microseconds)
      `site_dir` is missing; if the build is killed right there, the next build puts `.{name}-old` back
      before anything else (remove_leftovers), and a failure of the second rename puts it back at once.

    Why an exchange rather than a symlink switch (`site_dir` a link to versioned folders, replaced by renaming
    a new link over it, atomic too): the site stays a real folder. Its users copy and compare it as one
    (`rsync site/`, `diff -r`, a web server root that may be set not to follow links), and a link would change
    what `site_dir` is for every one of them; the exchange gives the same atomicity and keeps the folder."""
    if not site_dir.is_dir() or site_dir.is_symlink():
        os.rename(staging, site_dir)
        return
    if _exchange(staging, site_dir):
        return
    previous = site_dir.with_name(f".{site_dir.name}-old")
    if os.path.lexists(previous):
        shutil.rmtree(previous)
    os.rename(site_dir, previous)
    try:
        os.rename(staging, site_dir)
    except BaseException:
        try:
            os.rename(previous, site_dir)
        except OSError as error:
            raise PublishError(
                f"le nouveau site n’a pas pu remplacer {site_dir}, ni le précédent y être remis "
                f"({_reason(error)}) : le site précédent est dans {previous}."
            ) from None
        raise
    _remove_tree(previous)


def source_date_epoch(day: dt.date) -> int:
    """Midnight UTC of `day`, as seconds since the epoch."""
    return int(dt.datetime.combine(day, dt.time(), dt.UTC).timestamp())


@contextmanager
def mkdocs_build_date(day: dt.date) -> Iterator[None]:
    """While MkDocs runs: SOURCE_DATE_EPOCH, the date MkDocs writes, set to `day` unless the caller set it."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = str(source_date_epoch(day))
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)


class _Recorder:
    """Stands for sys.stdout or sys.stderr in the child when the parent had replaced them (pytest's
    capture, an embedding program): what is written is replayed by the parent, in order."""

    def __init__(self, name: str, chunks: list):
        self.name, self.chunks = name, chunks

    def write(self, text: str) -> int:
        self.chunks.append((self.name, text))
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


def _capture_replaced_streams() -> list:
    """In the child: let output reach the real file descriptors when it can (it shows as it comes),
    else record it for the parent."""
    chunks: list = []
    for name, descriptor in (("stdout", 1), ("stderr", 2)):
        stream = getattr(sys, name)
        try:
            if stream.fileno() == descriptor:
                continue
        except (AttributeError, OSError, ValueError):
            pass
        recorder = _Recorder(name, chunks)
        for handler in [
            h
            for logger in [logging.getLogger()] + [logging.getLogger(n) for n in logging.root.manager.loggerDict]
            if isinstance(logger, logging.Logger)
            for h in logger.handlers
        ]:
            if isinstance(handler, logging.StreamHandler) and handler.stream is stream:
                handler.setStream(recorder)
        setattr(sys, name, recorder)
    return chunks


class _Stopped(Exception):
    """In the child: the parent could not prepare the writing (the site's lock, the staging folder)."""


_PR_SET_PDEATHSIG = 1


def _die_with(parent: int) -> None:
    """In the child: be killed by the kernel when the parent dies (Linux), so that a killed build leaves no
    process writing in its staging folder while the next build removes it."""
    if sys.platform.startswith("linux"):
        with suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def _in_child(work: Callable[[Callable[[], None]], BuildReport], prepare: Callable[[], None]) -> BuildReport:
    """Run `work` in a forked process and return what it returned. `work` is given a function that runs
    `prepare` here, in the parent, and waits for it: what must last until the end of the build (the site's
    lock) is taken by the process that stays. Errors of `work` are raised here: MkDocs' as MkDocsException (the
    message the caller prints), the register's as RegistreError, the system's as OSError, others as
    RuntimeError after their traceback; an error of `prepare` is raised as it was, the child stopping."""
    sys.stdout.flush()
    sys.stderr.flush()
    parent = os.getpid()
    results_read, results_write = os.pipe()
    replies_read, replies_write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        code = 1
        try:
            os.close(results_read)
            os.close(replies_write)
            _die_with(parent)
            code = 0
            output = _capture_replaced_streams()
            results: BinaryIO  # this end of each pipe here, the other in the parent
            replies: BinaryIO
            results, replies = os.fdopen(results_write, "wb"), os.fdopen(replies_read, "rb")

            def prepare_in_parent() -> None:
                pickle.dump("prepare", results)
                results.flush()
                if pickle.load(replies) != "go":
                    raise _Stopped

            try:
                outcome: dict = {"report": work(prepare_in_parent)}
            except _Stopped:
                outcome = {"stopped": True}
            except MkDocsException as error:
                outcome = {"mkdocs_error": str(error)}
            except RegistreError as error:
                outcome = {"registre_error": str(error)}
            except OSError as error:
                outcome = {"os_error": (error.errno, error.strerror, error.filename, None, error.filename2)}
            except BaseException as error:
                traceback.print_exc()
                outcome, code = {"error": f"{type(error).__name__}: {error}"}, 1
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
            outcome["output"] = output
            with results:
                pickle.dump(outcome, results)
        finally:
            os._exit(code)
    os.close(results_write)
    os.close(replies_read)
    outcome, failure = None, None  # type: ignore[assignment]  # the loop below sets outcome before any use
    try:
        with os.fdopen(results_read, "rb") as results, os.fdopen(replies_write, "wb") as replies:
            while True:
                try:
                    message = pickle.load(results)
                except (EOFError, pickle.UnpicklingError):  # the child died (killed, out of memory)
                    outcome = {"error": "the build process ended without a report"}
                    break
                if message != "prepare":
                    outcome = message
                    break
                try:
                    prepare()
                    answer = "go"
                except BaseException as error:
                    failure, answer = error, "stop"
                try:
                    pickle.dump(answer, replies)
                    replies.flush()
                except BrokenPipeError:
                    pass
    except BaseException:  # interrupted here (Ctrl-C): the child is of no more use
        os.kill(pid, signal.SIGKILL)
        raise
    finally:
        os.waitpid(pid, 0)
    for name, chunk in outcome.get("output", []) if outcome else []:
        getattr(sys, name).write(chunk)
    if failure is not None:
        raise failure
    if "mkdocs_error" in outcome:
        raise MkDocsException(outcome["mkdocs_error"])
    if "registre_error" in outcome:
        raise RegistreError(outcome["registre_error"])
    if "os_error" in outcome:
        raise OSError(*outcome["os_error"])
    if "error" in outcome:
        raise RuntimeError(f"the site build failed: {outcome['error']}")
    return outcome["report"]
