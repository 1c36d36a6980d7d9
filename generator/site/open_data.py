"""Open data exports under /donnees-ouvertes/: each dataset in JSON and CSV, listed on one page.

Each export function takes the site data and returns datasets; add new ones to `EXPORTS`.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from generator.formatting import french_date
from generator.register.load import content_schema
from generator.site import urls
from generator.site.datasets import Dataset
from generator.site.privacy_pages import processing_record
from generator.site.render import PageSpec
from generator.site.sitedata import SiteData
from generator.site.tariff_export import tariffs_dataset


def conventions_dataset(data: SiteData) -> list[Dataset]:
    rows = []
    for view in data.conventions.values():
        convention, facts = view.convention, view.facts.convention
        rows.append(
            {
                "id": convention.id,
                "reference": convention.reference,
                "titre": convention.title,
                "parties": [organisation.name for _, organisation in view.parties],
                "services": view.all_services,
                "signature_lieu": convention.signature.place,
                "signature_date": convention.signature.date.isoformat() if convention.signature.date else None,
                "entree_en_vigueur": convention.entry_into_force.date.isoformat()
                if convention.entry_into_force.date
                else None,
                "fin": facts.final_end.isoformat() if facts.final_end else None,
                "statut": facts.status,
                "source_sha256": convention.source.sha256,
            }
        )
    columns = [
        "id",
        "reference",
        "titre",
        "parties",
        "services",
        "signature_lieu",
        "signature_date",
        "entree_en_vigueur",
        "fin",
        "statut",
        "source_sha256",
    ]
    return [
        Dataset(
            "conventions",
            "Conventions",
            f"Les conventions du registre, statut au {french_date(data.as_of)}.",
            columns,
            rows,
        )
    ]


EXPORTS: list[Callable[[SiteData], list[Dataset]]] = [conventions_dataset, processing_record, tariffs_dataset]


def open_data_pages(data: SiteData) -> list[PageSpec]:
    datasets = [dataset for export in EXPORTS for dataset in export(data)]
    pages = [PageSpec(urls.open_data(), "open_data.md.j2", {"datasets": datasets})]
    for dataset in datasets:
        pages.append(PageSpec(urls.dataset(dataset.name, "json"), content=dataset.json_text()))
        pages.append(PageSpec(urls.dataset(dataset.name, "csv"), content=dataset.csv_text()))
    schema = json.dumps(content_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    pages.append(PageSpec(urls.content_schema(), content=schema))
    return pages
