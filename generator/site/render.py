"""Turn site data into files through the Jinja2 templates of `templates/`."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import jinja2.bccache
from markupsafe import Markup

from generator import formatting
from generator.site import escaping, urls
from generator.site.descriptions import front_matter, page_description
from generator.site.links import html_link, markdown_link, page_url


def shift_headings(text: str, levels: int) -> str:
    """Push the Markdown headings of a text down `levels` levels (an annex article's sub-headings), or up
    when `levels` is negative (an article on its own page, under its h1), between levels 1 and 6."""
    return re.sub(
        r"^(#{1,6}) ", lambda match: "#" * max(1, min(6, len(match.group(1)) + levels)) + " ", text, flags=re.M
    )


def heading_anchor(identifier: str) -> Markup:
    """Attribute list giving a Markdown heading a stable id: `{#article-3}` (letters, digits, `-` and `_` only)."""
    return Markup("{#" + re.sub(r"[^A-Za-z0-9_-]", "-", str(identifier)) + "}")


def heading_marks(level: int) -> Markup:
    """The `#`s that open a Markdown heading of `level`: `{{ 2 | heading }}` -> `##`."""
    return Markup("#" * max(1, min(6, int(level))))


#: the escaping of a value printed by a template, by the kind of file the template writes (its name's end),
#: and the values it leaves as they are because they are escaped for that kind of file already
_ESCAPING: dict[str, tuple[Callable[[object], object], tuple[type, ...]]] = {
    ".md.j2": (escaping.markdown_text, (Markup,)),
    ".xml.j2": (escaping.xml_text, (Markup,)),
    # A URL from `link` is Markup; an iCalendar URL property is not TEXT, so it is written as it is.
    ".ics.j2": (escaping.ics_text, (escaping.IcsText, Markup)),
}


@functools.lru_cache(maxsize=256)
def _escaping_of(template_name: str | None) -> tuple[Callable[[object], object], tuple[type, ...]]:
    """The escaping of a template's values; a template of another kind gets the strictest (Markdown text)."""
    return next(
        (rule for suffix, rule in _ESCAPING.items() if (template_name or "").endswith(suffix)), _ESCAPING[".md.j2"]
    )


@jinja2.pass_context
def escape_for_output(context: jinja2.runtime.Context, value: object) -> object:
    """Jinja's `finalize`, and the `e`/`escape` filters: every `{{ value }}` escaped for the kind of file its
    template writes, unless the value is escaped for it already (a filter of `escaping`, a macro's output)."""
    escape, escaped = _escaping_of(context.name)
    return value if isinstance(value, escaped) else escape(value)


class _CompiledTemplates(jinja2.BytecodeCache):
    """Templates compiled by earlier builds of this process (the preview builds again after every edit),
    reused while their source is the same (Jinja checks it)."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


_COMPILED_TEMPLATES = _CompiledTemplates()


def make_environment(template_dirs: list[Path]) -> jinja2.Environment:
    environment = jinja2.Environment(
        bytecode_cache=_COMPILED_TEMPLATES,
        loader=jinja2.FileSystemLoader([str(path) for path in template_dirs]),
        # Data shows as text: `<script>` in a clause is printed, never run. Markdown passes entities through.
        # Besides HTML escaping, `finalize` escapes each value for the kind of file (see escape_for_output).
        autoescape=True,
        finalize=escape_for_output,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # One environment per build: no need to stat every template at each of the tens of thousands of renders.
        auto_reload=False,
    )
    environment.filters.update(
        date=formatting.french_date,
        day_month=formatting.day_month,
        short_date=formatting.short_date,
        euros=formatting.euros,
        period=formatting.period,
        shift_headings=shift_headings,
        anchor=heading_anchor,
        heading=heading_marks,
        # One filter per output context (generator/site/escaping.py); `e` is the template's own escaping.
        e=escape_for_output,
        escape=escape_for_output,
        markdown=escaping.markdown_source,
        url=escaping.url,
        rcdata=escaping.rcdata_text,
        json_script=escaping.script_json,
        ics=escaping.ics_text,
        xml=escaping.xml_text,
    )
    # Every link target comes from the URL functions: `link.href(urls.organisation(organisation.id))`.
    environment.globals["urls"] = urls
    return environment


@dataclass(frozen=True)
class PageSpec:
    """One generated file: its source path (as MkDocs sees it) and either a template with its context,
    or ready-made content (JSON, CSV, JavaScript...)."""

    src: str
    template: str | None = None
    context: dict = field(default_factory=dict)
    content: str | bytes | None = None
    newline: str = "\n"
    """Line ending of the rendered text (iCalendar wants CRLF)."""
    description: str | None = None
    """The page's description (see `descriptions`); None for a Markdown page: its heading and the site's."""
    conventions: tuple[str, ...] | None = None
    """For a page that shows no convention but these (besides the register's other content): their ids.
    None for a page that may show any convention. See `preview`."""


class Linker:
    """Link helpers bound to the page being rendered."""

    def __init__(self, src: str, base_url: str):
        self.src = src
        self.base_url = base_url.rstrip("/") + "/"

    def md(self, target: str, anchor: str = "") -> Markup:
        return escaping.url(markdown_link(self.src, target, anchor))

    def href(self, target: str, anchor: str = "") -> Markup:
        return escaping.url(html_link(self.src, target, anchor))

    def absolute(self, target: str, anchor: str = "") -> Markup:
        return escaping.url(self.base_url + page_url(target) + (f"#{anchor}" if anchor else ""))


def render(environment: jinja2.Environment, spec: PageSpec, shared: dict) -> str | bytes:
    if spec.content is not None:
        return spec.content
    template = environment.get_template(spec.template)  # type: ignore[arg-type]  # a spec without content has one
    text = template.render(**shared, **spec.context, link=Linker(spec.src, shared["config"].base_url), src=spec.src)
    if spec.src.endswith(".md"):
        description = spec.description or page_description(text, shared["config"].description, spec.src == urls.home())
        text = front_matter(description) + text
    return text.replace("\n", spec.newline) if spec.newline != "\n" else text
