"""Conventions signed on a model: three members of the SMICA's accompaniment model (tests/fixtures/models),
one of which signed a different article 6. Their pages are those the hand-written conventions give; the
deviating member's article says how it differs; the model's page shows its text and its members; a model
changed after the signatures is refused unless the conventions pin their version; `registre diff` names
the conventions a model change rewrites; and a reader sees the comparison in a real Chromium."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from generator.build import Project, generate
from generator.register.load import load_content
from generator.review.diff import compare

from conftest import AS_OF, ROOT, copy_project, served
from helpers import line_of, replace_in, run_check

MODELS = ROOT / "tests" / "fixtures" / "models"
MODEL_FILE = "content/models/smica-accompagnement.yaml"
MEMBERS = ("smica-bozouls-2026cv7", "smica-espalion-2026cv9", "smica-severac-2026cv4")
DEVIATING = "smica-espalion-2026cv9"
MODEL_PAGE = "modeles/smica-accompagnement/index.md"


def model_project(destination: Path) -> Path:
    """The fixture register whose three SMICA conventions (the seed's and two more members') are written
    from the model."""
    project = copy_project(destination)
    shutil.copytree(MODELS / "content", project / "content", dirs_exist_ok=True)
    return project


def handwritten_project(destination: Path) -> Path:
    """The same register, each convention written out in full by hand."""
    project = copy_project(destination)
    for folder in ("organisations", "sources"):
        shutil.copytree(MODELS / "content" / folder, project / "content" / folder, dirs_exist_ok=True)
    shutil.copytree(MODELS / "handwritten" / "conventions", project / "content" / "conventions", dirs_exist_ok=True)
    return project


def _text(value) -> bytes:
    value = value() if callable(value) else value
    return value if isinstance(value, bytes) else value.encode("utf-8")


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, str]:
    files = generate(Project(model_project(tmp_path_factory.mktemp("models") / "p")), dt.date.fromisoformat(AS_OF))
    return {path: _text(value).decode("utf-8") for path, value in files.files.items() if path.endswith(".md")}


def test_a_member_file_is_a_few_lines():
    lengths = {
        member: len((MODELS / "content/conventions" / f"{member}.yaml").read_text().splitlines()) for member in MEMBERS
    }
    handwritten = len((MODELS / "handwritten/conventions/smica-bozouls-2026cv7.yaml").read_text().splitlines())
    assert max(lengths.values()) <= 41 < handwritten


def test_the_assembled_conventions_give_the_pages_of_the_hand_written_ones(tmp_path):
    as_of = dt.date.fromisoformat(AS_OF)
    assembled = generate(Project(model_project(tmp_path / "models")), as_of).files
    handwritten = generate(Project(handwritten_project(tmp_path / "hand")), as_of).files
    # what only the model adds: its page, and the note on the article that differs from it
    added = {MODEL_PAGE, f"conventions/{DEVIATING}/article-6.md"}
    assert set(assembled) - set(handwritten) == {MODEL_PAGE}
    differing = sorted(path for path in handwritten if _text(assembled[path]) != _text(handwritten[path]))
    assert differing == [f"conventions/{DEVIATING}/article-6.md"]
    assert added >= set(differing)
    for member in MEMBERS:
        assert f"conventions/{member}/index.md" in handwritten


def test_the_deviating_article_says_how_it_differs_from_the_model(pages):
    page = pages[f"conventions/{DEVIATING}/article-6.md"]
    assert "Cet article diffère du modèle" in page
    assert 'href="../../../modeles/smica-accompagnement/"' in page
    comparison = re.search(r'<div class="registre-diff">(.*?)</div>', page).group(1)
    removed = re.findall(r"<del>.*?\] </span>(.*?)<span", comparison)
    added = re.findall(r"<ins>.*?\] </span>(.*?)<span", comparison)
    assert " ".join(removed) == "aux présidents respectifs des parties,"
    assert " ".join(added) == "à une médiation conduite par le centre de gestion,"
    for member, article in [(DEVIATING, "article-1"), ("smica-bozouls-2026cv7", "article-6")]:
        assert "diffère du modèle" not in pages[f"conventions/{member}/{article}.md"]


def test_the_model_page_shows_its_text_its_members_and_their_deviations(pages):
    page = pages[MODEL_PAGE]
    assert page.count('<mark class="registre-placeholder" data-placeholder="le_membre">') == 1
    assert '<span class="registre-sr">emplacement : </span>[le membre, précédé de « du » ou « de la »]</mark>.' in page
    assert "approuvée par comité syndical du 15 décembre 2025, délibération n° 2025-048" in page
    members = re.search(r"## Conventions signées sur ce modèle(.*?)## Écarts", page, re.S).group(1)
    for member in MEMBERS:
        assert f'href="../../conventions/{member}/"' in members
    deviations = re.search(r"## Écarts au modèle(.*?)## Version", page, re.S).group(1)
    assert re.findall(r'href="../../conventions/([^"]+)/"', deviations) == [DEVIATING, f"{DEVIATING}/article-6"]
    assert "Article 6</a> diffère du modèle." in deviations


NEW_VERSION = """  - version: '2027'
    adopted: 2026-06-01
    text:
      title: Convention (référence {{ reference }})
      summary: Convention d’accompagnement.
      articles:
        - number: '1'
          heading: 'Article 1 : Objet'
          title: Objet
          text: Le SMICA accompagne {{ le_membre }}.
"""


def test_a_model_changed_after_the_signatures_is_refused_unless_they_pin_their_version(tmp_path, capsys):
    project = model_project(tmp_path / "p")
    with (project / MODEL_FILE).open("a", encoding="utf-8") as model:
        model.write(NEW_VERSION)
    code, lines = run_check(project, capsys)
    assert code == 1
    new_version = line_of(project / MODEL_FILE, "- version: '2027'")
    for member, signed in [
        ("smica-bozouls-2026cv7", "2 mars 2026"),
        ("smica-espalion-2026cv9", "9 mars 2026"),
        ("smica-severac-2026cv4", "17 février 2026"),
    ]:
        assert (
            f"content/conventions/{member}.yaml:3: model (modèle): Le modèle « smica-accompagnement » a une version "
            f"« 2027 » adoptée le 1er juin 2026 ({MODEL_FILE}:{new_version}), après sa signature ({signed}) : sans "
            "model_version, le texte publié de cette convention changerait. Ajoutez model_version: '2026', la "
            "version sur laquelle elle a été signée."
        ) in lines
    for member in MEMBERS:
        replace_in(
            project,
            f"content/conventions/{member}.yaml",
            "model: smica-accompagnement\n",
            "model: smica-accompagnement\nmodel_version: '2026'\n",
        )
    assert run_check(project, capsys) == (0, ["Le contenu est valide."])
    article = generate(Project(project), dt.date.fromisoformat(AS_OF)).files[
        "conventions/smica-bozouls-2026cv7/article-1.md"
    ]
    assert "pour le compte de la Commune de Bozouls" in _text(article).decode()


def test_an_unknown_or_unfilled_placeholder_is_reported_where_it_is_written(tmp_path, capsys):
    project = model_project(tmp_path / "p")
    replace_in(project, MODEL_FILE, "seul {{ le_membre }} est", "seul {{ le_membre }} ou {{ le_menbre }} est")
    replace_in(project, "content/conventions/smica-bozouls-2026cv7.yaml", "  du_membre: de la Commune de Bozouls\n", "")
    code, lines = run_check(project, capsys)
    assert code == 1
    unknown = line_of(project / MODEL_FILE, "{{ le_menbre }}")
    assert (
        f"{MODEL_FILE}:{unknown}: versions[0].text.articles[1].text (texte de l’article n° 2 du texte commun de la "
        "version n° 1): Emplacement inconnu {{ le_menbre }}. Voulez-vous dire « le_membre » ? Déclarez-le sous "
        "placeholders (name et label), ou corrigez son nom."
    ) in lines
    assert (
        "content/conventions/smica-bozouls-2026cv7.yaml:4: model_values (valeurs du modèle): Le modèle "
        "« smica-accompagnement » attend une valeur pour {{ du_membre }} (le membre, précédé de « du » ou « de la »), "
        "utilisée dans articles[0].text : ajoutez-la sous model_values, par exemple « du_membre: … »."
    ) in lines


def test_problems_of_an_assembled_convention_name_the_file_that_holds_the_text(tmp_path, capsys):
    project = model_project(tmp_path / "p")
    # a word of the model that no signed document has: reported for each member, at the model's line
    replace_in(project, MODEL_FILE, "fera l’objet d’un avenant.", "fera l’objet d’un nouvel avenant.")
    # a particular of one member: reported at that member's line
    replace_in(project, "content/conventions/smica-bozouls-2026cv7.yaml", "date: 2026-03-02", "date: 2026-02-30")
    code, lines = run_check(project, capsys)
    assert code == 1
    model_line = line_of(project / MODEL_FILE, "nouvel avenant")
    in_model = [
        line for line in lines if line.startswith(f"{MODEL_FILE}:{model_line}: versions[0].text.articles[4].text")
    ]
    assert len(in_model) == 2  # the seed's and Espalion's documents: Bozouls', with its wrong date, is not read
    assert all(
        "« fera l’objet d’un avenant. » dans le document, « fera l’objet d’un nouvel avenant. » ici" in line
        for line in in_model
    )
    date_line = line_of(project / "content/conventions/smica-bozouls-2026cv7.yaml", "date: 2026-02-30")
    assert any(
        line.startswith(f"content/conventions/smica-bozouls-2026cv7.yaml:{date_line}: signature.date") for line in lines
    )


def test_the_diff_names_every_convention_a_model_change_rewrites(tmp_path):
    project = model_project(tmp_path / "p")
    before, _ = load_content(project / "content", project)
    replace_in(project, MODEL_FILE, "fera l’objet d’un avenant.", "fera l’objet d’un nouvel avenant.")
    replace_in(
        project,
        "content/conventions/smica-severac-2026cv4.yaml",
        "model: smica-accompagnement\n",
        "model: smica-accompagnement\nmodel_version: '2026'\n",
    )
    after, _ = load_content(project / "content", project)
    report = compare(before, after)
    assert (
        "Le modèle « smica-accompagnement » (content/models/smica-accompagnement.yaml) a changé : il change le texte "
        "publié de 3 conventions : smica-bozouls-2026cv7, smica-espalion-2026cv9, smica-severac-2026cv4."
    ) in report.warnings
    assert {change.id for change in report.of_kind("conventions") if change.articles} == set(MEMBERS)


@pytest.fixture(scope="module")
def site_url(tmp_path_factory, fixed_build_date):
    from generator.publishing.publish import build_site

    root = tmp_path_factory.mktemp("browser-models")
    project = model_project(root / "project")
    build_site(project / "mkdocs.yml", root / "site")
    with served(root / "site") as url:
        yield url


def test_a_reader_sees_the_model_and_how_a_member_departs_from_it(browser, site_url):
    pytest.importorskip("playwright.sync_api")
    context = browser.new_context(locale="fr-FR")
    tab = context.new_page()
    try:
        tab.goto(site_url + "modeles/smica-accompagnement/")
        assert (
            tab.locator("h1").inner_text()
            == "Convention d’accompagnement et d’assistance informatique des membres du SMICA"
        )
        marks = tab.locator("mark.registre-placeholder")
        # each placeholder is marked, and screen readers hear that it is one
        assert "emplacement : [nom du signataire du membre]" in [
            " ".join(text.split()) for text in marks.all_inner_texts()
        ]
        tab.get_by_role("link", name="Article 6").click()
        tab.wait_for_url("**/conventions/smica-espalion-2026cv9/article-6/")
        section = tab.get_by_role("region", name="Cet article diffère du modèle")
        comparison = section.locator(".registre-diff")
        removed = " ".join(
            text.replace("[début de suppression]", "").replace("[fin de suppression]", "").strip()
            for text in comparison.locator("del").all_text_contents()
        )
        added = " ".join(
            text.replace("[début d’insertion]", "").replace("[fin d’insertion]", "").strip()
            for text in comparison.locator("ins").all_text_contents()
        )
        assert removed == "aux présidents respectifs des parties,"
        assert added == "à une médiation conduite par le centre de gestion,"
        assert comparison.evaluate("node => getComputedStyle(node).whiteSpace") == "pre-wrap"
        section.get_by_role("link").click()
        tab.wait_for_url("**/modeles/smica-accompagnement/")
    finally:
        context.close()


OPTIONAL_ARTICLE = """        - number: '7'
          optional: true
          heading: 'Article n°7 : Assistance renforcée'
          title: Assistance renforcée
          text: Le SMICA assure une permanence téléphonique pour {{ le_membre }}.
"""


def test_an_optional_article_is_part_only_of_the_conventions_that_choose_it(tmp_path):
    project = model_project(tmp_path / "p")
    with (project / MODEL_FILE).open("a", encoding="utf-8") as model:
        model.write(OPTIONAL_ARTICLE)
    replace_in(
        project,
        "content/conventions/smica-bozouls-2026cv7.yaml",
        "providers: []\n",
        "providers: []\narticles:\n  - number: '7'\n",
    )
    register, problems = load_content(project / "content", project)
    assert problems == []
    numbers = {member: [article.number for article in register.conventions[member].item.articles] for member in MEMBERS}
    assert numbers["smica-bozouls-2026cv7"] == ["1", "2", "3", "4", "5", "6", "7"]
    assert numbers["smica-severac-2026cv4"] == numbers[DEVIATING] == ["1", "2", "3", "4", "5", "6"]
    chosen = register.conventions["smica-bozouls-2026cv7"].item.articles[-1]
    assert chosen.text == "Le SMICA assure une permanence téléphonique pour la Commune de Bozouls."
