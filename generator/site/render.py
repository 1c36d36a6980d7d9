"""Turn site data into files through the Jinja2 templates of `templates/`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import jinja2.bccache
from markupsafe import Markup

from generator import formatting
from generator.site import urls
from generator.site.links import html_link, markdown_link, page_url


def shift_headings(text: str, levels: int) -> str:
    """Push the Markdown headings of a text down `levels` levels (an annex article's sub-headings)."""
    return re.sub(r"^(#{1,5}) ", lambda match: "#" * min(6, len(match.group(1)) + levels) + " ", text, flags=re.M)


def heading_anchor(identifier: str) -> Markup:
    """Attribute list giving a Markdown heading a stable id: `{#article-3}`."""
    return Markup("{#" + identifier + "}")


def ics_text(value: str) -> str:
    """Escape a value for an iCalendar TEXT property (RFC 5545, 3.3.11)."""
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


class _CompiledTemplates(jinja2.BytecodeCache):
    """Templates compiled by earlier builds of this process (the preview builds again after every edit),
    reused while their source is the same (Jinja checks it)."""

    def __init__(self):
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
        autoescape=True,
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
        ics=ics_text,
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
    conventions: tuple[str, ...] | None = None
    """For a page that shows no convention but these (besides the register's other content): their ids.
    None for a page that may show any convention. See `preview`."""


class Linker:
    """Link helpers bound to the page being rendered."""

    def __init__(self, src: str, base_url: str):
        self.src = src
        self.base_url = base_url.rstrip("/") + "/"

    def md(self, target: str, anchor: str = "") -> str:
        return markdown_link(self.src, target, anchor)

    def href(self, target: str, anchor: str = "") -> str:
        return html_link(self.src, target, anchor)

    def absolute(self, target: str, anchor: str = "") -> str:
        return self.base_url + page_url(target) + (f"#{anchor}" if anchor else "")


def render(environment: jinja2.Environment, spec: PageSpec, shared: dict) -> str | bytes:
    if spec.content is not None:
        return spec.content
    template = environment.get_template(spec.template)
    text = template.render(**shared, **spec.context, link=Linker(spec.src, shared["config"].base_url), src=spec.src)
    return text.replace("\n", spec.newline) if spec.newline != "\n" else text
