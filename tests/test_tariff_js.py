"""The calculator's static engine, run in Node with each tariff's data as its page embeds it: it must price exactly
as the Python reference, for every combination, on a monthly grid, a yearly grid and a grid with two versions."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from generator.build import Project, generate
from generator.formatting import euros, french_date
from generator.tariffs.javascript import DATA_FORMAT, script_json, tariff_data
from generator.tariffs.pricing import MAX_PERIODS, PricingError, estimate, version_in_force
from generator.wording import MONTHS

ROOT = Path(__file__).resolve().parent.parent
ENGINE = "assets/registre/tarifs-moteur.js"
FORM = "assets/registre/tarifs-calculateur.js"
GRID = "stockage-sauvegarde-mutualisee"
AS_OF = dt.date(2026, 11, 22)
USERS = [0, 1, 2, 7, 12, 100, 999, 100000]
PERIODS = [1, 12, 36, MAX_PERIODS]

#: a yearly grid: a single price (no dimension), a grid over one dimension, two quantities, an option off by default
YEARLY = "abonnement-annuel"
YEARLY_TARIFF = """\
id: abonnement-annuel
title: Abonnement annuel aux services — tarif par site
convention: tarn-et-garonne-deux-rives
services:
  - stockage-sauvegarde
source:
  annex: '2'
  article: D
currency: EUR
tax_basis: HT
unit: par site et par an
period: year
dimensions:
  - id: formule
    label: Formule
    values:
      - {id: essentiel, label: Essentielle}
      - {id: complet, label: Complète}
quantities:
  - id: sites
    label: Nombre de sites
    default: 1
    maximum: 500
  - id: postes
    label: Nombre de postes
    default: 0
    maximum: 100000
options:
  - id: support
    label: Avec le support étendu
    default: false
lines:
  - component: forfait
    quantity: sites
  - component: abonnement
    quantity: sites
  - component: support
    quantity: postes
    option: support
versions:
  - valid_from: 2024-01-01
    components:
      - id: forfait
        label: Forfait de mise à disposition
        source: {annex: '2', article: D}
        prices: 12500.00
      - id: abonnement
        label: Abonnement
        over: [formule]
        source: {annex: '2', article: D}
        prices: {essentiel: 1234.56, complet: 2469.13}
      - id: support
        label: Support étendu
        over: [formule]
        source: {annex: '2', article: D}
        prices: {essentiel: 0.01, complet: 19.99}
"""

#: a monthly grid with two versions, one after the other, both closed
TWO_VERSIONS = "hebergement-deux-versions"
TWO_VERSIONS_TARIFF = """\
id: hebergement-deux-versions
title: Hébergement — tarif mensuel par compte
convention: tarn-et-garonne-deux-rives
services:
  - stockage-sauvegarde
source:
  annex: '2'
  article: D
currency: EUR
tax_basis: TTC
unit: par compte et par mois
period: month
dimensions:
  - id: palier
    label: Palier
    values:
      - {id: a, label: A}
      - {id: b, label: B}
      - {id: c, label: C}
quantities:
  - id: comptes
    label: Nombre de comptes
    default: 1
    maximum: 100000
lines:
  - component: hebergement
    quantity: comptes
versions:
  - valid_from: 2023-01-01
    valid_until: 2024-06-30
    components:
      - id: hebergement
        label: Hébergement
        over: [palier]
        source: {annex: '2', article: D}
        prices: {a: 3.10, b: 2.90, c: 2.50}
  - valid_from: 2024-07-01
    valid_until: 2026-12-31
    components:
      - id: hebergement
        label: Hébergement
        over: [palier]
        source: {annex: '2', article: D}
        prices: {a: 3.30, b: 3.05, c: 2.65}
"""

#: the days around the two versions' bounds, and the version each falls in (None: no version in force)
TWO_VERSIONS_DAYS = {
    "2022-12-31": None,
    "2023-01-01": "2023-01-01",
    "2023-09-15": "2023-01-01",
    "2024-06-30": "2023-01-01",
    "2024-07-01": "2024-07-01",
    "2025-03-10": "2024-07-01",
    "2026-12-31": "2024-07-01",
    "2027-01-01": None,
}

RUNNER = r"""
const fs = require("fs");
const path = require("path");
const folder = process.argv[2];
const engine = require(path.join(folder, "assets", "registre", "tarifs-moteur.js"));
const cases = JSON.parse(fs.readFileSync(path.join(folder, "cases.json"), "utf8"));
const tariffs = {};
function tariff(id) {
  // The text of the page's <script type="application/json"> block, parsed as the form parses it.
  if (!tariffs[id]) tariffs[id] = JSON.parse(fs.readFileSync(path.join(folder, "data", id + ".json"), "utf8"));
  return tariffs[id];
}
const results = cases.estimates.map(function (item) { return engine.estimate(tariff(item.tariff), item.input); });
const versions = cases.versions.map(function (item) {
  const version = engine.versionAt(tariff(item.tariff), item.date);
  return version === null ? null : version.valid_from;
});
process.stdout.write(JSON.stringify({
  format: engine.format,
  results: results,
  versions: versions,
  formatted: cases.cents.map(engine.formatEuros),
  dates: cases.dates.map(engine.frenchDate)
}));
"""

DATA_BLOCK = re.compile(r'<script type="application/json" data-registre-tariff-data="([^"]*)">(.*?)</script>', re.S)


def node() -> str:
    executable = shutil.which("node") or shutil.which("nodejs")
    if executable is None:
        pytest.fail("Node.js is required to test the calculator's JavaScript (make test installs it)")
    return executable


def data_blocks(page: str) -> dict[str, str]:
    """The calculator data blocks of a generated page, by tariff id: their text as the browser's HTML parser reads
    it (a script element ends at the first `</script>`)."""
    return {match.group(1): match.group(2) for match in DATA_BLOCK.finditer(page)}


def write_generated(files: dict, folder: Path) -> None:
    """The static engine as published, and each grid tariff's embedded data, as Node will read them."""
    engine = folder / ENGINE
    engine.parent.mkdir(parents=True, exist_ok=True)
    engine.write_bytes(files[ENGINE])
    (folder / "data").mkdir(exist_ok=True)
    for name, content in files.items():
        if re.fullmatch(r"tarifs/[^/]+/index\.md", name):
            for tariff_id, text in data_blocks(content).items():
                (folder / "data" / f"{tariff_id}.json").write_text(text, encoding="utf-8")


def run_node(folder: Path, cases: dict) -> dict:
    cases = {"estimates": [], "versions": [], "cents": [], "dates": [], **cases}
    (folder / "cases.json").write_text(json.dumps(cases), encoding="utf-8")
    (folder / "runner.js").write_text(RUNNER, encoding="utf-8")
    completed = subprocess.run(
        [node(), str(folder / "runner.js"), str(folder)], capture_output=True, text=True, timeout=120
    )
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout)


def python_result(tariff, given: dict) -> dict:
    try:
        result = estimate(
            tariff,
            dt.date.fromisoformat(given["date"]),
            given["dimensions"],
            given["quantities"],
            given["options"],
            given["periods"],
        )
    except PricingError as error:
        return {"error": error.code}
    return result.as_dict()


def boundary_days(tariff) -> list[dt.date]:
    """For each version: the day before it starts, its first day, a day inside, its last day and the day after
    (ten years on for an open-ended version)."""
    days = set()
    for version in tariff.versions:
        last = version.valid_until or version.valid_from + dt.timedelta(days=3650)
        middle = version.valid_from + dt.timedelta(days=(last - version.valid_from).days // 2)
        days |= {version.valid_from - dt.timedelta(days=1), version.valid_from, middle, last}
        if version.valid_until:
            days.add(version.valid_until + dt.timedelta(days=1))
    return sorted(days)


def all_cases(tariffs) -> list[dict]:
    """Every combination of every grid tariff, on every boundary day of its versions: every dimension value,
    every option on and off, a range of quantities and of periods; on a day no version covers, one input only;
    then a few inputs that designate nothing."""
    cases = []
    for tariff in tariffs:
        dimension_values = itertools.product(*[[v.id for v in d.values] for d in tariff.dimensions])
        names = [d.id for d in tariff.dimensions]
        combinations = [dict(zip(names, values, strict=True)) for values in dimension_values]
        for date in boundary_days(tariff):
            in_force = version_in_force(tariff, date) is not None
            for dimensions in combinations if in_force else combinations[:1]:
                for switches in itertools.product([True, False], repeat=len(tariff.options)):
                    options = dict(zip([o.id for o in tariff.options], switches, strict=True))
                    for index, periods in itertools.product(range(len(USERS)), PERIODS if in_force else [1]):
                        # each quantity its own value, shifted along USERS
                        quantities = {
                            q.id: USERS[(index + 3 * rank) % len(USERS)] for rank, q in enumerate(tariff.quantities)
                        }
                        cases.append(
                            {
                                "tariff": tariff.id,
                                "input": {
                                    "date": date.isoformat(),
                                    "dimensions": dimensions,
                                    "quantities": quantities,
                                    "options": options,
                                    "periods": periods,
                                },
                            }
                        )
        first = tariff.versions[0]
        base = {
            "date": first.valid_from.isoformat(),
            "dimensions": {d.id: d.values[0].id for d in tariff.dimensions},
            "quantities": {q.id: 1 for q in tariff.quantities},
            "options": {},
            "periods": 1,
        }
        wrong = [
            {"periods": 0},
            {"periods": MAX_PERIODS + 1},
            {"periods": 1.5},
            {"periods": True},
            {"quantities": {q.id: -1 for q in tariff.quantities}},
            {"quantities": {q.id: q.maximum + 1 for q in tariff.quantities}},
            {"quantities": {q.id: 2.5 for q in tariff.quantities}},
            {"dimensions": {**base["dimensions"], "inconnue": "1"}},
            {"dimensions": {d.id: "nope" for d in tariff.dimensions}},
            {"dimensions": {}},
        ]
        cases += [{"tariff": tariff.id, "input": {**base, **change}} for change in wrong]
        cases.append({"tariff": tariff.id, "input": {**base, "quantities": {}, "options": {}}})  # the defaults
    return cases


def assert_parity(tariffs, folder: Path) -> list[dict]:
    """Run every case in Node and in Python; both must give the same result. Returns Node's results."""
    cases = all_cases(tariffs)
    output = run_node(folder, {"estimates": cases})
    assert output["format"] == DATA_FORMAT
    by_id = {tariff.id: tariff for tariff in tariffs}
    expected = [python_result(by_id[item["tariff"]], item["input"]) for item in cases]
    mismatches = [
        (item, want, got) for item, want, got in zip(cases, expected, output["results"], strict=True) if want != got
    ]
    assert not mismatches, f"{len(mismatches)} of {len(cases)} differ; first: {mismatches[0]}"
    codes = {result.get("error") for result in expected}
    assert codes >= {None, "no-version", "bad-periods", "bad-quantity", "bad-dimension"}
    return output["results"]


def add_tariffs(project: Path) -> None:
    """The yearly grid and the two-version grid, as two more tariff files of the project."""
    folder = project / "content" / "tariffs"
    (folder / f"{YEARLY}.yaml").write_text(YEARLY_TARIFF, encoding="utf-8")
    (folder / f"{TWO_VERSIONS}.yaml").write_text(TWO_VERSIONS_TARIFF, encoding="utf-8")


@pytest.fixture(scope="module")
def generated(fixture_project):
    return generate(Project(fixture_project), AS_OF)


def test_the_monthly_grid_prices_every_combination_like_python(generated, tmp_path):
    tariffs = [t for t in generated.data.register.items("tariffs") if t.versions]
    assert [t.id for t in tariffs] == [GRID]
    write_generated(generated.files, tmp_path)
    results = assert_parity(tariffs, tmp_path)
    priced = [result for result in results if "error" not in result]
    assert len(priced) > 11 * 5 * 2 * len(USERS) * len(PERIODS) * 2  # every cell, on two days at least
    assert {result["yearly_total_cents"] == 12 * result["period_total_cents"] for result in priced} == {True}


def test_a_yearly_grid_and_a_grid_with_two_versions_price_like_python(project, tmp_path):
    add_tariffs(project)
    generated = generate(Project(project), AS_OF)
    tariffs = {t.id: t for t in generated.data.register.items("tariffs") if t.versions}
    assert set(tariffs) == {GRID, YEARLY, TWO_VERSIONS}
    write_generated(generated.files, tmp_path)
    results = assert_parity([tariffs[YEARLY], tariffs[TWO_VERSIONS]], tmp_path)
    priced = [result for result in results if "error" not in result]
    assert {result["version"] for result in priced} == {"2024-01-01", "2023-01-01", "2024-07-01"}
    assert len(priced) > 500

    # The yearly grid: a year is one period; a single price has no cell; an option off by default.
    case = {
        "date": "2026-11-22",
        "dimensions": {"formule": "complet"},
        "quantities": {"sites": 2, "postes": 3},
        "options": {"support": True},
        "periods": 3,
    }
    defaults = {**case, "quantities": {}, "options": {}}
    output = run_node(
        tmp_path, {"estimates": [{"tariff": YEARLY, "input": case}, {"tariff": YEARLY, "input": defaults}]}
    )
    full, default = output["results"]
    assert [
        (line["component"], line["cell_label"], line["anchor"], line["unit_cents"], line["subtotal_cents"])
        for line in full["lines"]
    ] == [
        ("forfait", "", "grille-2024-01-01-forfait", 1250000, 2500000),
        ("abonnement", "Formule Complète", "grille-2024-01-01-abonnement-complet", 246913, 493826),
        ("support", "Formule Complète", "grille-2024-01-01-support-complet", 1999, 5997),
    ]
    assert full["period_total_cents"] == full["yearly_total_cents"] == 2999823
    assert full["total_cents"] == 3 * 2999823
    assert [line["component"] for line in default["lines"]] == ["forfait", "abonnement"]  # 1 site, no support
    assert default["period_total_cents"] == 1250000 + 246913

    # Two versions: each day falls in the version that covers it, bounds included, in Node as in Python.
    versions = [{"tariff": TWO_VERSIONS, "date": day} for day in TWO_VERSIONS_DAYS]
    estimates = [
        {
            "tariff": TWO_VERSIONS,
            "input": {
                "date": day,
                "dimensions": {"palier": "b"},
                "quantities": {"comptes": 10},
                "options": {},
                "periods": 12,
            },
        }
        for day in TWO_VERSIONS_DAYS
    ]
    output = run_node(tmp_path, {"versions": versions, "estimates": estimates})
    assert output["versions"] == list(TWO_VERSIONS_DAYS.values())
    for (day, version), result in zip(TWO_VERSIONS_DAYS.items(), output["results"], strict=True):
        python = version_in_force(tariffs[TWO_VERSIONS], dt.date.fromisoformat(day))
        assert (python.valid_from.isoformat() if python else None) == version
        if version is None:
            assert result == {"error": "no-version"}, day
        else:
            unit = 290 if version == "2023-01-01" else 305
            assert result["version"] == version
            assert result["lines"][0]["anchor"] == f"grille-{version}-hebergement-b"
            assert (result["period_total_cents"], result["yearly_total_cents"], result["total_cents"]) == (
                10 * unit,
                120 * unit,
                120 * unit,
            )


def test_french_formatting_is_the_same_in_node(tmp_path, generated):
    write_generated(generated.files, tmp_path)
    cents = [0, 1, 9, 10, 99, 100, 960, 28080, 100000, 336960, 99999999, 123456789012, 280 * 10**9 + 5, -1, -123456]
    dates = [f"2025-{month:02d}-{day:02d}" for month in range(1, 13) for day in (1, 2, 28)] + [
        "2024-02-29",
        "2022-11-14",
    ]
    output = run_node(tmp_path, {"cents": cents, "dates": dates})
    assert output["formatted"] == [euros(Decimal(value) / 100) for value in cents]
    assert output["dates"] == [french_date(dt.date.fromisoformat(value)) for value in dates]
    assert len(set(output["dates"])) == len(dates) and all(month in " ".join(output["dates"]) for month in MONTHS)


def test_the_engine_is_static_and_each_page_holds_only_its_data(generated):
    files = generated.files
    for name in (ENGINE, FORM):
        shipped = files[name]
        assert shipped == (ROOT / "templates" / name).read_bytes()  # published as it is in templates/assets/
        text = shipped.decode("utf-8")
        assert "{{" not in text and "{%" not in text  # no templating
        assert "netexplorer" not in text and "1296" not in text and "categorie" not in text  # no tariff
    assert f"var FORMAT = {DATA_FORMAT};" in files[ENGINE].decode("utf-8")
    assert not [name for name in files if name.startswith("tarifs/") and name.endswith(".js")]  # no generated script

    page = files[f"tarifs/{GRID}/index.md"]
    blocks = data_blocks(page)
    assert list(blocks) == [GRID]
    text = blocks[GRID]
    assert not any(character in text for character in "<>&\u2028\u2029")
    tariff = generated.data.register.tariffs[GRID].item
    assert json.loads(text) == tariff_data(tariff)  # the same data the Python pricing reads, in integer cents
    assert '"prices":{"1":{"1":1080,"10":594' in text and "." not in re.sub(r'"[^"]*"', "", text)  # no float
    data = json.loads(text)
    assert (data["format"], data["period"], data["periods_per_year"], data["max_periods"]) == (
        DATA_FORMAT,
        "month",
        12,
        MAX_PERIODS,
    )
    assert data["parameters"] == {"periods": "mois", "date": "date"}
    # The data first, then the engine, then the form; all three from this site.
    scripts = re.findall(r"<script[^>]*>", page)
    assert scripts == [
        f'<script type="application/json" data-registre-tariff-data="{GRID}">',
        f'<script src="../../{ENGINE}">',
        f'<script src="../../{FORM}">',
    ]

    indicative = files["tarifs/smica-severac-2026cv4-remuneration/index.md"]
    assert "<script" not in indicative and "data-registre-tariff" not in indicative


def test_script_json_cannot_break_out_of_a_script():
    value = {"label": "</script><script>alert(1)</script> & <!-- <script> \u2028 \u2029 --> ]]>"}
    text = script_json(value)
    assert not any(character in text for character in "<>&\u2028\u2029")
    assert json.loads(str(text)) == value


def test_a_script_in_a_label_stays_a_label(project, tmp_path):
    """Labels holding </script> or <!-- <script> reach the engine as the same text, and the page shows them as
    text: the data block ends where the generator ended it."""
    label = "NetExplorer </script><script>alert(1)</script> & co"
    value_label = "2 To <!-- <script>"
    path = project / "content" / "tariffs" / f"{GRID}.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in [
        ("label: Tarif NetExplorer (€ TTC/mois) — NetExplorer (hors GFU)", f"label: '{label}'"),
        ("{id: '2', label: 2 To}", f"{{id: '2', label: '{value_label}'}}"),
    ]:
        assert text.count(old) == 1
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    files = generate(Project(project), AS_OF).files
    page = files[f"tarifs/{GRID}/index.md"]
    start = page.index("data-registre-tariff-data")
    block = page[start : page.index("</script>", start)]
    assert block.endswith("}") and "<!--" not in block and "<script" not in block
    assert "\\u003c/script\\u003e" in block and "\\u003c!-- \\u003cscript\\u003e" in block
    assert "<script>alert" not in page and "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in page
    write_generated(files, tmp_path)
    case = {
        "tariff": GRID,
        "input": {
            "date": "2026-11-22",
            "dimensions": {"categorie": "3", "volume": "2"},
            "quantities": {"utilisateurs": 12},
            "options": {"gfu": True},
            "periods": 12,
        },
    }
    result = run_node(tmp_path, {"estimates": [case]})["results"][0]
    assert result["lines"][2]["label"] == label
    assert result["lines"][2]["cell_label"] == f"Catégorie 3, Volume NetExplorer {value_label}"
    assert result["period_total_cents"] == 28080
