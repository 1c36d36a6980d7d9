"""The sitemap's dates from the data: after MkDocs has written `sitemap.xml` (every `lastmod` the build date,
from SOURCE_DATE_EPOCH), each page the register dates gets the date of its last change
(`generator.site.sitemap_dates`), in `sitemap.xml` and in `sitemap.xml.gz`.

The compressed copy keeps the gzip header MkDocs wrote (its time stamp and file name), so the build stays
byte-for-byte reproducible."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import re
from collections.abc import Mapping
from pathlib import Path

SITEMAP = "sitemap.xml"

#: one `<url>` entry as MkDocs' template writes it: its address, then its date
_ENTRY = re.compile(r"(<loc>)([^<]*)(</loc>\s*<lastmod>)([^<]*)(</lastmod>)")


def dated_sitemap(text: str, dates: Mapping[str, dt.date]) -> str:
    """`text` (a sitemap) with the `lastmod` of each address of `dates` replaced by its date."""

    def replace(match: re.Match[str]) -> str:
        day = dates.get(_unescaped(match[2]))
        return match.group(0) if day is None else match[1] + match[2] + match[3] + day.isoformat() + match[5]

    return _ENTRY.sub(replace, text)


def date_sitemap(site_dir: Path, dates: Mapping[str, dt.date]) -> None:
    """Rewrite `site_dir`'s sitemap (both files) with `dates`; nothing when MkDocs wrote no sitemap."""
    path = site_dir / SITEMAP
    if not path.is_file():
        return
    text = dated_sitemap(path.read_text(encoding="utf-8"), dates)
    path.write_text(text, encoding="utf-8", newline="")
    compressed = path.with_name(SITEMAP + ".gz")
    if compressed.is_file():
        compressed.write_bytes(_gzip_like(compressed.read_bytes(), text.encode("utf-8")))


def _gzip_like(previous: bytes, data: bytes) -> bytes:
    """`data` compressed as MkDocs does (level 9, named `sitemap.xml`), with the time stamp of the gzip member
    `previous` (bytes 4 to 8 of its header)."""
    buffer = io.BytesIO()
    mtime = int.from_bytes(previous[4:8], "little")
    with gzip.GzipFile(filename=SITEMAP + ".gz", mode="wb", fileobj=buffer, mtime=mtime) as file:
        file.write(data)
    return buffer.getvalue()


def _unescaped(text: str) -> str:
    return (
        text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&#39;", "'")
        .replace("&amp;", "&")
    )
