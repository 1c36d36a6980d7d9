"""Running the first steps of a build in a forked child process, whose result comes back over a pipe: on a
large register MkDocs and Pagefind are never in memory at once. The child dies with its parent."""

from __future__ import annotations

import ctypes
import logging
import os
import pickle
import signal
import sys
import traceback
from collections.abc import Callable
from contextlib import suppress
from typing import BinaryIO, TypeVar

from mkdocs.exceptions import MkDocsException

from generator.problems import RegistreError

try:
    import fcntl
except ImportError:  # not POSIX: builds are not locked (SiteLock)
    fcntl = None  # type: ignore[assignment]


_PR_SET_PDEATHSIG = 1


Result = TypeVar("Result")


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


def _die_with(parent: int) -> None:
    """In the child: be killed by the kernel when the parent dies (Linux), so that a killed build leaves no
    process writing in its staging folder while the next build removes it."""
    if sys.platform.startswith("linux"):
        with suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def in_child(work: Callable[[Callable[[], None]], Result], prepare: Callable[[], None]) -> Result:
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
