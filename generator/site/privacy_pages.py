"""The DPO's pages: the hub, one page per privacy notice, and the record of processing activities (GDPR art. 30)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.formatting import french_date
from generator.register import models
from generator.register.clauses import Clause
from generator.register.dates import add_period
from generator.register.models import Period
from generator.register.validate import notice_statements
from generator.site import urls
from generator.site.datasets import Dataset
from generator.site.paging import CONVENTIONS_PER_PAGE, NOTICE_CONVENTIONS_NAMED, paginate
from generator.site.render import PageSpec
from generator.site.sitedata import SiteData
from generator.site.summary import publication_text
from generator.wording import plural

HUB = urls.notices()


@dataclass(frozen=True)
class NoticeView:
    notice: models.PrivacyNotice
    review_due: dt.date
    stale: bool
    sources: dict[models.ClauseRef, Clause]
    """The clause each statement comes from; a statement whose source is absent here is the DPO's addition."""

    @property
    def src(self) -> str:
        return urls.notice(self.notice.id)

    @property
    def names_its_conventions(self) -> bool:
        """Whether the notice names its conventions itself; a notice shared by many links to their list."""
        return len(self.notice.conventions) <= NOTICE_CONVENTIONS_NAMED

    @property
    def conventions_src(self) -> str:
        return urls.notice_conventions(self.notice.id)

    @property
    def conventions_count_text(self) -> str:
        """The link to the list of its conventions, for a notice that does not name them: « 12 conventions »."""
        return plural(len(self.notice.conventions), "convention")

    @property
    def publication_text(self) -> str | None:
        """« Mis en ligne le …, mis à jour le … », when the notice's data says."""
        return publication_text(self.notice.publication)

    @property
    def review_overdue_text(self) -> str | None:
        """« Cette notice aurait dû être revue avant le … », for a notice whose review is overdue."""
        return f"Cette notice aurait dû être revue avant le {french_date(self.review_due)}." if self.stale else None


def notice_view(data: SiteData, notice: models.PrivacyNotice) -> NoticeView:
    due = add_period(notice.last_reviewed, Period(months=data.config.notice_review_months))
    sources = {}
    for _, statement in notice_statements(notice):
        if statement.source is not None:
            clause = data.clause(statement.source, notice.conventions[0])
            if clause is not None:
                sources[statement.source] = clause
    return NoticeView(notice, due, due < data.as_of, sources)


def privacy_pages(data: SiteData) -> list[PageSpec]:
    views = [notice_view(data, notice) for notice in data.register.items("notices")]
    pages = [PageSpec(HUB, "privacy_hub.md.j2", {"notices": views})]
    for view in views:
        pages.append(PageSpec(view.src, "privacy_notice.md.j2", {"view": view}))
        if not view.names_its_conventions:
            pages += paginate(
                urls.folder(view.conventions_src),
                "privacy_notice_conventions.md.j2",
                {"view": view, "caption": f"Conventions concernées par {view.notice.title}"},
                "conventions",
                [data.conventions[identifier] for identifier in view.notice.conventions],
                CONVENTIONS_PER_PAGE,
            )
    return pages


def _texts(statements: list) -> list[str]:
    return [statement.text for statement in statements]


def processing_record(data: SiteData) -> list[Dataset]:
    """The record of processing activities, with the fields GDPR art. 30(1) lists."""
    rows = []
    for notice in data.register.items("notices"):
        rows.append(
            {
                "id": notice.id,
                "traitement": notice.title,
                "responsable": data.organisation(notice.controller).name,
                "contact_responsable": notice.controller_contact.text,
                "contact_dpo": notice.dpo_contact.text,
                "finalites": [f"{purpose.text} ({purpose.legal_basis})" for purpose in notice.purposes],
                "categories_personnes": _texts(notice.data_subjects),
                "categories_donnees": _texts(notice.data_categories),
                "destinataires": _texts(notice.recipients),
                "transferts_hors_ue": notice.transfers_outside_eu.text,
                "durees_conservation": notice.retention.text,
                "mesures_securite": _texts(notice.security),
                "conventions": notice.conventions,
                "services": notice.services,
                "derniere_revue": notice.last_reviewed.isoformat(),
            }
        )
    columns = [
        "id",
        "traitement",
        "responsable",
        "contact_responsable",
        "contact_dpo",
        "finalites",
        "categories_personnes",
        "categories_donnees",
        "destinataires",
        "transferts_hors_ue",
        "durees_conservation",
        "mesures_securite",
        "conventions",
        "services",
        "derniere_revue",
    ]
    return [
        Dataset(
            "registre-des-traitements",
            "Registre des activités de traitement (RGPD, art. 30)",
            "Les traitements de données personnelles liés aux conventions du registre.",
            columns,
            rows,
        )
    ]
