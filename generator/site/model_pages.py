"""Convention models on the site: each model's page, and the note on a member's article that differs from it.

A model's page (`/modeles/<id>/`) shows the text of each of its versions with the placeholders marked,
the deliberation that approved it when known, every convention signed on it and, for each member whose
signed text differs from the model, the articles that differ. An article page of such a member says
« Cet article diffère du modèle » with a word-level comparison of the model's text (its placeholders
filled with the member's values) and the signed text.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from markupsafe import Markup

from generator.register import models
from generator.register.assembly import PLACEHOLDER, Deviation, chosen_version, deviations, model_entries
from generator.register.clauses import Clause
from generator.site import urls
from generator.site.render import PageSpec
from generator.site.sitedata import ConventionView, SiteData
from generator.site.word_diff import word_diff
from generator.wording import french_date


def marked_placeholders(text: str, labels: dict[str, str]) -> Markup:
    """`text` as one line of HTML (line breaks as `&#10;`), each `{{ name }}` in a `<mark>` that shows
    what it stands for."""
    parts = []
    position = 0
    for match in PLACEHOLDER.finditer(text):
        parts.append(escape(text[position : match.start()], quote=False))
        name = match.group(1)
        parts.append(
            f'<mark class="registre-placeholder" data-placeholder="{escape(name)}">'
            f'<span class="registre-sr">emplacement : </span>[{escape(labels.get(name, name), quote=False)}]</mark>'
        )
        position = match.end()
    parts.append(escape(text[position:], quote=False))
    return Markup("".join(parts).replace("\n", "&#10;"))


@dataclass(frozen=True)
class ModelArticleView:
    """An article of a model's version as its page shows it."""

    label: str
    heading: str
    optional: bool
    text_html: Markup


@dataclass(frozen=True)
class ModelVersionView:
    version: models.ModelVersion
    adopted_text: str
    """« adoptée le 15 décembre 2025 »."""
    deliberation_text: str | None
    """« comité syndical du 15 décembre 2025, délibération n° 2025-048 », when known."""
    title_html: Markup
    preamble_html: Markup | None
    closing_html: Markup | None
    articles: list[ModelArticleView]


@dataclass(frozen=True)
class MemberView:
    """A convention signed on a model, with where its signed text differs from it."""

    view: ConventionView
    version: str
    """The model's version it follows."""
    pinned: bool
    deviations: list[tuple[str, str]]
    """Each differing article: its label and the page where its comparison is shown."""


def _deliberation_text(deliberation: models.Deliberation | None) -> str | None:
    if deliberation is None:
        return None
    parts = [deliberation.body]
    if deliberation.date:
        parts[0] += f" du {french_date(deliberation.date)}"
    if deliberation.reference:
        parts.append(deliberation.reference)
    return ", ".join(parts)


def version_view(model: models.ConventionModel, version: models.ModelVersion) -> ModelVersionView:
    labels = {placeholder.name: placeholder.label for placeholder in model.placeholders}
    text = version.text
    articles = [
        ModelArticleView(
            Clause(model.id, annex, article).label,
            article.heading,
            article.optional,
            marked_placeholders(article.text, labels),
        )
        for annex, article in [(None, article) for article in text.articles]
        + [(annex.number, article) for annex in text.annexes for article in annex.articles]
    ]
    return ModelVersionView(
        version,
        f"adoptée le {french_date(version.adopted)}",
        _deliberation_text(version.deliberation),
        marked_placeholders(text.title, labels),
        marked_placeholders(text.preamble, labels) if text.preamble else None,
        marked_placeholders(text.closing, labels) if text.closing else None,
        articles,
    )


def _clause(view: ConventionView, deviation: Deviation) -> Clause:
    return Clause(view.id, deviation.annex, _signed_article(view.convention, deviation))


def _signed_article(convention: models.Convention, deviation: Deviation) -> models.Article:
    if deviation.annex is None:
        return next(article for article in convention.articles if article.number == deviation.number)
    annex = next(annex for annex in convention.annexes if annex.number == deviation.annex)
    return next(article for article in annex.articles if article.number == deviation.number)


def _models(data: SiteData) -> dict[str, models.ConventionModel]:
    return {identifier: entry.item for identifier, entry in model_entries(data.register).items()}


def member_views(data: SiteData, model: models.ConventionModel) -> list[MemberView]:
    members = []
    for view in data.conventions.values():
        convention = view.convention
        if convention.model != model.id:
            continue
        version = chosen_version(model, convention.model_version)
        differing = [
            (_clause(view, deviation).label, _clause(view, deviation).src)
            for deviation in deviations(convention, model)
        ]
        members.append(
            MemberView(view, version.version if version else "", convention.model_version is not None, differing)
        )
    return members


def model_pages(data: SiteData) -> list[PageSpec]:
    """The page of every convention model of the register."""
    pages = []
    for model in _models(data).values():
        members = member_views(data, model)
        pages.append(
            PageSpec(
                urls.model(model.id),
                "model.md.j2",
                {
                    "model": model,
                    "versions": [version_view(model, version) for version in reversed(model.versions)],
                    "members": members,
                    "deviating": [member for member in members if member.deviations],
                },
                description=f"Modèle de convention : {model.name}.",
                conventions=tuple(member.view.id for member in members),
            )
        )
    return pages


@dataclass(frozen=True)
class ArticleDeviation:
    """What an article page of a member says when its signed text differs from the model."""

    model_src: str
    model_name: str
    comparison: Markup
    """The model's text changed into the signed text, word by word."""


def article_deviation(data: SiteData, view: ConventionView, clause: Clause) -> ArticleDeviation | None:
    """The difference between the member's signed article and its model's, if any."""
    convention = view.convention
    model = _models(data).get(convention.model or "")
    if model is None:
        return None
    for deviation in deviations(convention, model):
        if deviation.annex == clause.annex and deviation.number == clause.article.number:
            return ArticleDeviation(
                urls.model(model.id), model.name, word_diff(deviation.model_text, deviation.signed_text)
            )
    return None
