"""Open data exports under /donnees-ouvertes/: each dataset in JSON and CSV, listed on one page, the Data Package
that describes the CSV files, and the site's robots.txt.

Each export function takes the site data and returns datasets; add new ones to `EXPORTS`.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from generator.register.load import content_schema
from generator.site import urls
from generator.site.convention_export import conventions_datasets
from generator.site.data_package import FILE_NAME, data_package
from generator.site.datasets import Dataset
from generator.site.export_schema import dataset_schema
from generator.site.links import page_url
from generator.site.privacy_pages import processing_record
from generator.site.render import PageSpec
from generator.site.sitedata import SiteData
from generator.site.tariff_export import tariffs_dataset

EXPORTS: list[Callable[[SiteData], list[Dataset]]] = [conventions_datasets, processing_record, tariffs_dataset]


def open_data_pages(data: SiteData) -> list[PageSpec]:
    datasets = [dataset for export in EXPORTS for dataset in export(data)]
    pages = [
        PageSpec(urls.open_data(), "open_data.md.j2", {"datasets": datasets, "data_package_src": data_package_src()})
    ]
    for dataset in datasets:
        pages.append(PageSpec(urls.dataset(dataset.name, "json"), content=dataset.json_text()))
        pages.append(PageSpec(urls.dataset(dataset.name, "csv"), content=dataset.csv_text()))
        schema_src = urls.dataset(dataset.name, "schema.json")
        schema = {"$id": data.config.base_url + schema_src, **dataset_schema(dataset)}
        pages.append(PageSpec(schema_src, content=_json(schema)))
    pages.append(PageSpec(data_package_src(), content=_json(data_package(data, datasets, _open_data_url(data)))))
    content = {"$id": data.config.base_url + urls.content_schema(), **content_schema()}
    pages.append(PageSpec(urls.content_schema(), content=_json(content)))
    pages.append(PageSpec(ROBOTS, content=robots_txt(data.config.base_url)))
    return pages


#: at the site's root: crawlers may read every page, and find them all in the sitemap
ROBOTS = "robots.txt"


def data_package_src() -> str:
    return f"{urls.folder(urls.open_data())}/{FILE_NAME}"


def robots_txt(base_url: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {base_url}sitemap.xml\n"


def _open_data_url(data: SiteData) -> str:
    return data.config.base_url + page_url(urls.open_data())


def _json(value: dict) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
