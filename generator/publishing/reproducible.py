"""Make a built site byte-for-byte reproducible.

Two sources of drift remain once MkDocs is given SOURCE_DATE_EPOCH (see `publish.build_site`):

- Pagefind writes its filter indexes from a Rust `HashMap`, so the order of filter values, and
  therefore the bytes and the content-hashed names of `pagefind/filter/*.pf_filter`, the
  `pagefind.*.pf_meta` file that lists them and `pagefind-entry.json`, change from run to run.
  The search results do not depend on that order (the UI sorts values itself), so we rewrite
  those files with their maps sorted and rename them after their new content.
- Nothing else: the sitemap's dates come from the data (`publishing/sitemap.py`; an undated page keeps
  the build date, from SOURCE_DATE_EPOCH), the gzip header of `sitemap.xml.gz` keeps MkDocs' time stamp
  (SOURCE_DATE_EPOCH too), the pages come from sorted inputs.

Pagefind's files are gzip-compressed CBOR preceded by a signature. The small CBOR codec below
covers what Pagefind writes (integers, strings, arrays, maps, simple values) and refuses
anything else; the rewrite checks that decoding then encoding gives back the original bytes
before it changes anything, so a future Pagefind format change fails loudly instead of
corrupting the index.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
from pathlib import Path
from typing import cast

from generator.problems import RegistreError

SIGNATURE = b"pagefind_dcd"


class _Map(list):
    """A decoded CBOR map, kept as an ordered list of (key, value) pairs."""


class _Simple(int):
    """A CBOR simple value (false, true, null...)."""


class _Float(float):
    """A CBOR float, kept with its encoded width."""

    width: int = 8


def _decode(data: bytes, position: int = 0) -> tuple[object, int]:
    initial = data[position]
    major, info = initial >> 5, initial & 0x1F
    position += 1
    if major == 7:
        if info < 24:
            return _Simple(info), position
        if info == 24:
            return _Simple(data[position]), position + 1
        if info in (25, 26, 27):
            size = {25: 2, 26: 4, 27: 8}[info]
            raw = data[position : position + size]
            if size == 2:
                number = _Float(struct.unpack(">e", raw)[0])
            else:
                number = _Float(struct.unpack(">f" if size == 4 else ">d", raw)[0])
            number.width = size
            return number, position + size
        raise RegistreError(f"unsupported CBOR simple value {info}")
    if info < 24:
        argument = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        argument = int.from_bytes(data[position : position + size], "big")
        position += size
    else:
        raise RegistreError("indefinite-length CBOR is not supported")
    if major == 0:
        return argument, position
    if major == 1:
        return -1 - argument, position
    if major == 2:
        return bytes(data[position : position + argument]), position + argument
    if major == 3:
        return data[position : position + argument].decode("utf-8"), position + argument
    if major == 4:
        items = []
        for _ in range(argument):
            item, position = _decode(data, position)
            items.append(item)
        return items, position
    if major == 5:
        pairs = _Map()
        for _ in range(argument):
            key, position = _decode(data, position)
            value, position = _decode(data, position)
            pairs.append((key, value))
        return pairs, position
    raise RegistreError(f"unsupported CBOR major type {major}")


def _head(major: int, argument: int) -> bytes:
    if argument < 24:
        return bytes([major << 5 | argument])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if argument < 1 << (8 * size):
            return bytes([major << 5 | info]) + argument.to_bytes(size, "big")
    raise RegistreError("integer too large for CBOR")


def _encode(value: object) -> bytes:
    if isinstance(value, _Simple):
        return _head(7, int(value)) if value < 24 else bytes([0xF8, int(value)])
    if isinstance(value, _Float):
        code = {2: (0xF9, ">e"), 4: (0xFA, ">f"), 8: (0xFB, ">d")}[value.width]
        return bytes([code[0]]) + struct.pack(code[1], float(value))
    if isinstance(value, bool):  # pragma: no cover - the decoder yields _Simple, never bool
        return bytes([0xF5 if value else 0xF4])
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        encoded = value.encode("utf-8")
        return _head(3, len(encoded)) + encoded
    if isinstance(value, _Map):
        return _head(5, len(value)) + b"".join(_encode(k) + _encode(v) for k, v in value)
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(_encode(item) for item in value)
    raise RegistreError(f"cannot encode {type(value).__name__} as CBOR")


def read_pagefind_file(path: Path) -> object:
    """Decode one of Pagefind's `.pf_*` files; check that it re-encodes to the same bytes."""
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise RegistreError(f"{path}: not a Pagefind data file")
    value, end = _decode(raw, len(SIGNATURE))
    if end != len(raw) or SIGNATURE + _encode(value) != raw:
        raise RegistreError(f"{path}: unexpected Pagefind format, cannot make it reproducible")
    return value


def pagefind_bytes(value: object) -> bytes:
    """A Pagefind data file's bytes: signature + CBOR, gzip-compressed with a fixed header."""
    return gzip.compress(SIGNATURE + _encode(value), compresslevel=9, mtime=0)


def _sort_key(value: object) -> tuple:
    return (type(value).__name__, _encode(value))


def _sorted_filter(value: object) -> object:
    """A filter index is [name, [[value, [page numbers]], ...]]: order its values by value."""
    if isinstance(value, list) and len(value) == 2 and isinstance(value[0], str) and isinstance(value[1], list):
        return [value[0], sorted(value[1], key=lambda pair: _sort_key(pair[0] if isinstance(pair, list) else pair))]
    raise RegistreError("unexpected Pagefind filter index layout")


def _content_name(prefix: str, data: bytes, length: int) -> str:
    return f"{prefix}_{hashlib.sha256(data).hexdigest()[:length]}"


def _replace_strings(value: object, renames: dict[str, str]) -> object:
    if isinstance(value, str):
        return renames.get(value, value)
    if isinstance(value, _Map):
        return _Map((_replace_strings(k, renames), _replace_strings(v, renames)) for k, v in value)
    if isinstance(value, list):
        return [_replace_strings(item, renames) for item in value]
    return value


def _sort_filter_list(value: object, names: set[str]) -> object:
    """In the metadata, the list of [filter name, file hash] pairs: order it by filter name."""
    if isinstance(value, list) and not isinstance(value, _Map):
        items = [_sort_filter_list(item, names) for item in value]
        if items and all(
            isinstance(item, list) and len(item) == 2 and isinstance(item[1], str) and item[1] in names
            for item in items
        ):
            items.sort(key=lambda item: _sort_key(cast(list, item)[0]))  # all() above: each is a pair
        return items
    if isinstance(value, _Map):
        return _Map((k, _sort_filter_list(v, names)) for k, v in value)
    return value


def normalise_pagefind(site_dir: Path) -> None:
    """Rewrite the order-dependent parts of `site_dir/pagefind/` so they depend only on the site's content."""
    bundle = site_dir / "pagefind"
    entry_path = bundle / "pagefind-entry.json"
    if not entry_path.is_file():
        return
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language in entry.get("languages", {}).values():
        old_hash = language["hash"]
        meta_path = bundle / f"pagefind.{old_hash}.pf_meta"
        prefix = old_hash.rsplit("_", 1)[0]
        renames: dict[str, str] = {}
        new_filters: dict[str, bytes] = {}
        for filter_path in sorted((bundle / "filter").glob(f"{prefix}_*.pf_filter")):
            data = pagefind_bytes(_sorted_filter(read_pagefind_file(filter_path)))
            new_name = _content_name(prefix, data, 7)
            renames[filter_path.name.removesuffix(".pf_filter")] = new_name
            new_filters[new_name] = data
            filter_path.unlink()
        for name, data in new_filters.items():
            (bundle / "filter" / f"{name}.pf_filter").write_bytes(data)
        meta = read_pagefind_file(meta_path)
        meta = _sort_filter_list(_replace_strings(meta, renames), set(renames.values()))
        data = pagefind_bytes(meta)
        new_hash = _content_name(prefix, data, 10)
        meta_path.unlink()
        (bundle / f"pagefind.{new_hash}.pf_meta").write_bytes(data)
        language["hash"] = new_hash
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
