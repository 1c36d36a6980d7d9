"""The site folder a build replaces: one build at a time (`SiteLock`), what interrupted builds left removed
(`remove_leftovers`), the new site swapped in by one atomic exchange (`swap`), and a folder that cannot be
written told in French (`PublishError`), the previous site unchanged."""

from __future__ import annotations

import ctypes
import errno
import functools
import os
import re
import shutil
import sys
import time
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

from generator.problems import RegistreError

try:
    import fcntl
except ImportError:  # not POSIX: builds are not locked (SiteLock)
    fcntl = None  # type: ignore[assignment]


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
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def nearly_full(folder: Path) -> bool:
    """Whether the disk of `folder` has less than a mebibyte left: after a write cut short, it has none."""
    try:
        usage = os.statvfs(folder)
    except OSError:
        return False
    return usage.f_bavail * usage.f_frsize < 1 << 20


class PublishError(RegistreError):
    """The site cannot be written or replaced; the previous site is left as it was. The message, in French,
    names the path and the reason."""


def _reason(error: OSError) -> str:
    if error.errno in _REASONS:
        return _REASONS[error.errno]
    return f"{error.strerror or error} ({errno.errorcode.get(error.errno or 0, 'erreur système')})"


def publish_error(error: OSError, site_dir: Path, staging: Path) -> PublishError:
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


def check_writable(site_dir: Path) -> None:
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
                remove_tree(Path(entry.path))
        except FileNotFoundError:
            continue


def remove_tree(folder: Path) -> None:
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


@functools.cache
def renameat2_function() -> Callable[..., int] | None:
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


def exchange(first: Path, second: Path) -> bool:
    """Exchange the two existing paths `first` and `second` in one atomic step, renameat2(RENAME_EXCHANGE):
    at every instant each name holds one of the two trees, whole. False where the system cannot (another OS,
    an older libc or kernel, a file system without the flag: ENOSYS or EINVAL); OSError for any other failure,
    nothing having changed."""
    renameat2 = renameat2_function()
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL):
        return False
    raise OSError(code, os.strerror(code), str(second))


def swap(staging: Path, site_dir: Path) -> None:
    """Put the finished site `staging` in the place of `site_dir`, so that `site_dir` is, at every instant,
    either the whole previous site or the whole new one, whoever reads it and whenever the build is killed.

    - `site_dir` is a folder: the two folders are exchanged in one atomic step (`exchange`); the previous
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
    if exchange(staging, site_dir):
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
    remove_tree(previous)
