"""What the preview (`registre serve`) shows while the register has problems: the list of them, in place of
every page.

Nothing is published from a register with problems (`registre build` stops); the preview says why, in the
browser tab the staff already have open, and shows the register again once the files are corrected. The
page and the terminal report are made here from the problems; the WSGI wrapper below puts the page in
place of the others. The MkDocs plugin only hands them to MkDocs (see RegistrePlugin.on_serve).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from html import escape

from generator.problems import Problem

#: at most this many problems on the page: each page of the preview answers with it, and the terminal
#: (or `registre check`) gives the full list
LISTED = 200


def heading(count: int) -> str:
    """« Le registre contient 3 problèmes : rien n’est publié tant qu’ils ne sont pas corrigés »."""
    if count == 1:
        return "Le registre contient 1 problème : rien n’est publié tant qu’il n’est pas corrigé"
    return f"Le registre contient {count} problèmes : rien n’est publié tant qu’ils ne sont pas corrigés"


def terminal_report(problems: Sequence[Problem]) -> str:
    """The lines `registre check` prints, then what the preview does meanwhile."""
    lines = [str(problem) for problem in problems]
    lines.append(f"{heading(len(problems))}. L’aperçu affiche cette liste à la place des pages.")
    return "\n".join(lines)


RECOVERED = "Le registre ne contient plus de problème : l’aperçu affiche de nouveau ses pages."

_STYLE = """
:root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
        line-height: 1.5; color: #1e1e1e; background: #f4f4f5; }
body { margin: 0; }
main { max-width: 60rem; margin: 0 auto; padding: 2rem 1.5rem 3rem; }
.alert { background: #fff; border-left: .375rem solid #b3131b; padding: 1rem 1.25rem; }
h1 { margin: 0 0 .5rem; font-size: 1.5rem; line-height: 1.3; color: #8f0f16; }
.alert p { margin: .5rem 0 0; }
ol { list-style: none; margin: 1.5rem 0 0; padding: 0; }
li { background: #fff; border: 1px solid #d4d4d8; border-radius: .25rem; margin: 0 0 .75rem; padding: .75rem 1rem; }
dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .25rem 1rem; margin: 0; }
dt { font-weight: 600; color: #52525b; }
dd { margin: 0; overflow-wrap: anywhere; }
.alert code { white-space: nowrap; }
code { font-family: ui-monospace, "Cascadia Mono", "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .925em; }
@media (max-width: 32rem) {
  main { padding: 1rem .75rem 2rem; }
  h1 { font-size: 1.25rem; }
  dl { grid-template-columns: minmax(0, 1fr); gap: 0; }
  dd + dt { margin-top: .5rem; }
}
"""


def error_page_html(problems: Sequence[Problem]) -> str:
    """The whole page, standalone: no style sheet, script or image of the site, which may be the broken part."""
    listed = "\n".join(_problem_html(problem) for problem in problems[:LISTED])
    more = len(problems) - LISTED
    rest = (
        (
            f'<p class="rest">… et {more} autres : la liste complète s’affiche dans le terminal où tourne '
            f"<code>registre serve</code>, et avec <code>registre check</code>.</p>\n"
        )
        if more > 0
        else ""
    )
    return f"""<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Problèmes à corriger – aperçu du registre</title>
<style>{_STYLE}</style>
</head>
<body>
<main>
<div class="alert" role="alert">
<h1>{escape(heading(len(problems)))}</h1>
<p>Corrigez les fichiers ci-dessous et enregistrez-les : cette page se recharge d’elle-même et affiche de
nouveau le registre dès qu’il ne contient plus de problème. La même liste s’affiche dans le terminal où tourne
<code>registre serve</code>.</p>
</div>
<ol>
{listed}
</ol>
{rest}</main>
</body>
</html>
"""


def _problem_html(problem: Problem) -> str:
    return (
        "<li><dl>"
        f"<dt>Fichier</dt><dd><code>{escape(problem.file)}:{problem.line}</code></dd>"
        f"<dt>Champ</dt><dd><code>{escape(problem.field)}</code></dd>"
        f"<dt>Problème</dt><dd>{escape(problem.message)}</dd>"
        "</dl></li>"
    )


def showing_error_page(app: Callable, has_problems: Callable[[], bool], error_page: str) -> Callable:
    """A WSGI application that answers as `app` does, except that while `has_problems()`, every HTML page
    is answered with the page at the path `error_page`, as `app` serves it, with the status the page would
    have had (a page missing from the site stays a 404, and shows the error page too).

    `app` is asked first: the preview server answers once the rebuild under way, if any, is over, so that
    `has_problems()` is then about the site the answer shows. `app` must not use WSGI's `write()`.
    """

    def preview(environ: dict, start_response: Callable) -> Iterable[bytes]:
        answer: list = []

        def hold(status, headers, exc_info=None):
            answer[:] = [status, headers, exc_info]
            return _no_write

        body = app(environ, hold)
        status, headers, exc_info = answer
        if not has_problems() or not _is_html(headers) or environ.get("PATH_INFO") == error_page:
            start_response(status, headers, exc_info)
            return body
        _close(body)
        return app(
            {**environ, "PATH_INFO": error_page},
            lambda _status, page_headers, page_exc_info=None: start_response(status, page_headers, page_exc_info),
        )

    return preview


def _is_html(headers: list[tuple[str, str]]) -> bool:
    return any(name.lower() == "content-type" and value.startswith("text/html") for name, value in headers)


def _close(body: Iterable[bytes]) -> None:
    close = getattr(body, "close", None)
    if close is not None:
        close()


def _no_write(data: bytes) -> None:
    raise RuntimeError("the preview's error page needs an application that returns its body")
