"""The generated calculator, run in Node: it must price exactly as the Python reference, for every combination."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from generator.build import Project, generate
from generator.formatting import euros, french_date
from generator.tariffs.javascript import js_literal
from generator.tariffs.pricing import PricingError, estimate

ROOT = Path(__file__).resolve().parent.parent
USERS = [0, 1, 2, 7, 12, 100, 999, 100000]
MONTHS = [1, 12, 36]

RUNNER = r"""
const fs = require("fs");
const path = require("path");
const folder = process.argv[2];
const engine = require(path.join(folder, "tarifs", "calculateur.js"));
const cases = JSON.parse(fs.readFileSync(path.join(folder, "cases.json"), "utf8"));
const tariffs = {};
const results = cases.estimates.map(function (item) {
  if (!tariffs[item.tariff]) tariffs[item.tariff] = require(path.join(folder, "tarifs", item.tariff, "tarif.js"));
  return engine.estimate(tariffs[item.tariff], item.input);
});
const formatted = cases.cents.map(engine.formatEuros);
const dates = cases.dates.map(engine.frenchDate);
process.stdout.write(JSON.stringify({results: results, formatted: formatted, dates: dates}));
"""


def node() -> str:
    executable = shutil.which("node") or shutil.which("nodejs")
    if executable is None:
        pytest.fail("Node.js is required to test the generated JavaScript (make test installs it)")
    return executable


def write_generated(files: dict, folder: Path) -> None:
    for name, content in files.items():
        if name.startswith("tarifs/") and name.endswith(".js"):
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)


def run_node(folder: Path, cases: dict) -> dict:
    (folder / "cases.json").write_text(json.dumps(cases), encoding="utf-8")
    (folder / "runner.js").write_text(RUNNER, encoding="utf-8")
    completed = subprocess.run([node(), str(folder / "runner.js"), str(folder)], capture_output=True, text=True,
                               timeout=120)
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout)


def python_result(tariff, item) -> dict:
    given = item["input"]
    try:
        result = estimate(tariff, dt.date.fromisoformat(given["date"]), given["dimensions"], given["quantities"],
                          given["options"], given["periods"])
    except PricingError as error:
        return {"error": error.code}
    return result.as_dict()


def all_cases(tariffs) -> list[dict]:
    """Every combination of every grid tariff: each version, every dimension value, every option on and off,
    a range of users and of months; then a few inputs that designate nothing."""
    cases = []
    for tariff in tariffs:
        for version in tariff.versions:
            for date in [version.valid_from, version.valid_until or version.valid_from + dt.timedelta(days=3650)]:
                for values in itertools.product(*[[v.id for v in d.values] for d in tariff.dimensions]):
                    dimensions = dict(zip([d.id for d in tariff.dimensions], values))
                    for switches in itertools.product([True, False], repeat=len(tariff.options)):
                        options = dict(zip([o.id for o in tariff.options], switches))
                        for users, months in itertools.product(USERS, MONTHS):
                            quantities = {q.id: users for q in tariff.quantities}
                            cases.append({"tariff": tariff.id, "input": {
                                "date": date.isoformat(), "dimensions": dimensions, "quantities": quantities,
                                "options": options, "periods": months}})
        first = tariff.versions[0]
        base = {"date": first.valid_from.isoformat(),
                "dimensions": {d.id: d.values[0].id for d in tariff.dimensions},
                "quantities": {q.id: 1 for q in tariff.quantities}, "options": {}, "periods": 1}
        wrong = [
            {"date": (first.valid_from - dt.timedelta(days=1)).isoformat()},
            {"periods": 0}, {"periods": 1201},
            {"quantities": {q.id: -1 for q in tariff.quantities}},
            {"quantities": {q.id: q.maximum + 1 for q in tariff.quantities}},
            {"dimensions": {**base["dimensions"], "inconnue": "1"}},
            {"dimensions": {d.id: "nope" for d in tariff.dimensions}},
            {"dimensions": {}},
            {"quantities": {}, "options": {}},  # defaults
        ]
        cases += [{"tariff": tariff.id, "input": {**base, **change}} for change in wrong]
    return cases


@pytest.fixture(scope="module")
def generated(fixture_project):
    return generate(Project(fixture_project), dt.date(2026, 11, 22))


def test_javascript_prices_every_combination_like_python(generated, tmp_path):
    tariffs = [t for t in generated.data.register.items("tariffs") if t.versions]
    assert tariffs, "no grid tariff to test"
    write_generated(generated.files, tmp_path)
    cases = all_cases(tariffs)
    assert len(cases) > 11 * 5 * 2 * len(USERS) * len(MONTHS)
    cents = [0, 1, 9, 10, 99, 100, 960, 28080, 100000, 336960, 99999999, 123456789012, 280 * 10**9 + 5]
    dates = ["2022-11-14", "2026-01-01", "2025-12-31", "2024-02-29"]
    output = run_node(tmp_path, {"estimates": cases, "cents": cents, "dates": dates})
    by_id = {tariff.id: tariff for tariff in tariffs}
    mismatches = [(item, expected, actual) for item, actual in zip(cases, output["results"])
                  if (expected := python_result(by_id[item["tariff"]], item)) != actual]
    assert not mismatches, f"{len(mismatches)} of {len(cases)} differ; first: {mismatches[0]}"
    assert sum("error" in result for result in output["results"]) == 8 * len(tariffs)
    assert output["formatted"] == [euros(Decimal(value) / 100) for value in cents]
    assert output["dates"] == [french_date(dt.date.fromisoformat(value)) for value in dates]


def test_the_engine_is_generic_and_the_data_is_separate(generated):
    engine = generated.files["tarifs/calculateur.js"]
    data_file = generated.files["tarifs/stockage-sauvegarde-mutualisee/tarif.js"]
    assert "netexplorer" not in engine and "1296" not in engine  # no tariff in the engine
    assert '"prices":{"1":{"1":1080,"10":594' in data_file  # integer cents, never floats
    literal = data_file[data_file.index("var tariff = "):data_file.index(";\n")]
    assert not any(character in literal for character in "<>&")


def test_js_literal_cannot_break_out_of_a_script():
    text = js_literal({"label": "</script><script>alert(1)</script> & <!-- \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(str(text)) == {"label": "</script><script>alert(1)</script> & <!-- \u2028"}


def test_a_script_in_a_label_stays_a_label(project, tmp_path):
    """A component label holding </script> reaches the calculator as the same text, and the page shows it as text."""
    label = "NetExplorer </script><script>alert(1)</script> & co"
    path = project / "content" / "tariffs" / "stockage-sauvegarde-mutualisee.yaml"
    text = path.read_text(encoding="utf-8")
    old = "label: Tarif NetExplorer (€ TTC/mois) — NetExplorer (hors GFU)"
    assert text.count(old) == 1
    path.write_text(text.replace(old, f"label: '{label}'"), encoding="utf-8")
    files = generate(Project(project), dt.date(2026, 11, 22)).files
    data_file = files["tarifs/stockage-sauvegarde-mutualisee/tarif.js"]
    assert "</script>" not in data_file and "\\u003c/script\\u003e" in data_file
    page = files["tarifs/stockage-sauvegarde-mutualisee/index.md"]
    assert "<script>alert" not in page and "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in page
    write_generated(files, tmp_path)
    case = {"tariff": "stockage-sauvegarde-mutualisee", "input": {
        "date": "2026-11-22", "dimensions": {"categorie": "3", "volume": "2"}, "quantities": {"utilisateurs": 12},
        "options": {"gfu": True}, "periods": 12}}
    result = run_node(tmp_path, {"estimates": [case], "cents": [], "dates": []})["results"][0]
    assert result["lines"][2]["label"] == label
    assert result["period_total_cents"] == 28080
