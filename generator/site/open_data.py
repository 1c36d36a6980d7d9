"""Open data exports under /donnees-ouvertes/: each dataset in JSON and CSV, listed on one page.

Each export function takes the site data and returns datasets; add new ones to `EXPORTS`.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from generator.register.load import content_schema
from generator.site import urls
from generator.site.convention_export import conventions_datasets
from generator.site.datasets import Dataset
from generator.site.export_schema import dataset_schema
from generator.site.privacy_pages import processing_record
from generator.site.render import PageSpec
from generator.site.sitedata import SiteData
from generator.site.tariff_export import tariffs_dataset

EXPORTS: list[Callable[[SiteData], list[Dataset]]] = [conventions_datasets, processing_record, tariffs_dataset]


def open_data_pages(data: SiteData) -> list[PageSpec]:
    datasets = [dataset for export in EXPORTS for dataset in export(data)]
    pages = [PageSpec(urls.open_data(), "open_data.md.j2", {"datasets": datasets})]
    for dataset in datasets:
        pages.append(PageSpec(urls.dataset(dataset.name, "json"), content=dataset.json_text()))
        pages.append(PageSpec(urls.dataset(dataset.name, "csv"), content=dataset.csv_text()))
        pages.append(PageSpec(urls.dataset(dataset.name, "schema.json"), content=_json(dataset_schema(dataset))))
    pages.append(PageSpec(urls.content_schema(), content=_json(content_schema())))
    return pages


def _json(value: dict) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
