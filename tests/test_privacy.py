"""Personal data: the scanner, masking, notice completeness and review, and what the built site shows."""

from __future__ import annotations

import csv
import gzip
import hashlib
import html
import json
import re
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.privacy.masking import MASK, Allowed, Found, Masker, find_contact_details
from generator.register.models import Contact

from conftest import CONTENT
from helpers import line_of, run_check

REFERENT = ("DAVID ALLARD", "05 63 29 92 37", "DAVID.ALLARD@CC-DEUXRIVES.FR")


@pytest.mark.parametrize(
    "written",
    ["05 63 29 92 37", "+33 5 63 29 92 37", "05.63.29.92.37", "0563299237", "+33 (0)5 63 29 92 37", "05-63-29-92-37"],
)
def test_scanner_finds_french_phone_numbers(written):
    assert find_contact_details(f"Tél. : {written}, merci.") == [Found("téléphone", written)]


@pytest.mark.parametrize(
    "not_a_phone", ["SIRET : 248 200 016 00017", "délibération N°12/2022-03", "le 20/10/2021", "1130.00 €"]
)
def test_scanner_ignores_numbers_that_are_not_phones(not_a_phone):
    assert find_contact_details(not_a_phone) == []


def test_scanner_finds_email_addresses():
    assert find_contact_details("MAIL : DAVID.ALLARD@CC-DEUXRIVES.FR") == [
        Found("e-mail", "DAVID.ALLARD@CC-DEUXRIVES.FR")
    ]


def test_functional_addresses_can_be_allowed():
    allowed = Allowed.of(["contact@82numerique.fr"], ["05 00 00 00 00"])
    assert allowed.allows(Found("e-mail", "CONTACT@82numerique.fr"))
    assert allowed.allows(Found("téléphone", "+33 5 00 00 00 00"))
    assert not allowed.allows(Found("e-mail", "david.allard@cc-deuxrives.fr"))


def test_masker_hides_every_spelling_of_a_private_contact():
    masker = Masker.for_contacts([Contact(function="DSI", name=REFERENT[0], phone=REFERENT[1], email=REFERENT[2])])
    text = "PRENOM / NOM : David Allard TEL : +33 5 63 29 92 37 MAIL : david.allard@cc-deuxrives.fr"
    assert masker(text) == f"PRENOM / NOM : {MASK} TEL : {MASK} MAIL : {MASK}"


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("Tél. 33 5 63 29 92 37", f"Tél. {MASK}"),
        ("Tél. 33 (0)5 63 29 92 37", f"Tél. {MASK}"),
        ("Tél. (+33) 5 63 29 92 37", f"Tél. {MASK}"),
        ("Tél. **33** 5 63 29 92 37", f"Tél. {MASK}"),
        # « 33 » right after other digits ends another number: that one stays whole, and checked
        ("Fax 05 65 00 00 33 5 63 29 92 37", f"Fax 05 65 00 00 33 {MASK}"),
    ],
)
def test_masker_hides_an_international_number_written_without_its_plus_whole(text, masked):
    masker = Masker.for_contacts([Contact(function="DSI", phone=REFERENT[1])])
    assert masker(text) == masked


def test_published_contact_is_not_masked():
    masker = Masker.for_contacts([Contact(function="DSI", name="Jeanne Dupont", publish=True)])
    assert masker("Jeanne Dupont") == "Jeanne Dupont"


class _LiteralDumper(yaml.SafeDumper):
    """Writes multi-line strings as literal blocks, as the content files do."""


_LiteralDumper.add_representer(
    str,
    lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None),
)


def assert_reported(project: Path, capsys, expected: str) -> None:
    """`registre check` fails and prints `expected` among its problems."""
    status, lines = run_check(project, capsys)
    assert status == 1
    assert expected in lines, "\n".join(lines)


def _edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.dump(data, Dumper=_LiteralDumper, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_unflagged_personal_email_in_a_clause_is_an_error(project, capsys):
    path = project / "content/conventions/smica-severac-2026cv4.yaml"
    _edit(
        path,
        lambda data: data["articles"][5].update(
            text=data["articles"][5]["text"] + "\n\nÉcrire à jean.martin@mairie.fr"
        ),
    )
    line = line_of(path, "jean.martin@mairie.fr")
    # (the transcription check also reports the sentence the source document does not have)
    assert_reported(
        project,
        capsys,
        f"content/conventions/smica-severac-2026cv4.yaml:{line}: articles[5].text (texte de l’article n° 6): "
        "Le courriel « jean.martin@mairie.fr » serait publié. Si c’est celui d’un agent, "
        "déclarez-le comme référent de la convention (referent, sans publish: true) ou dans les contacts de "
        "son organisation (contacts, sans publish: true) : il est alors occulté partout sur le site ; s’il est "
        "fonctionnel (un standard, une adresse de service), ajoutez-le à allowed_emails dans site_config/site.yaml.",
    )


def test_unflagged_phone_in_an_organisation_is_an_error(project, capsys):
    path = project / "content/organisations/smica.yaml"
    _edit(path, lambda data: data.update(address=data["address"] + ["Tél. 05 65 00 00 01"]))
    status, lines = run_check(project, capsys)
    err = "\n".join(lines)
    assert status == 1
    assert "content/organisations/smica.yaml:" in err
    assert "Le numéro de téléphone « 05 65 00 00 01 » serait publié." in err


def test_a_notice_lacking_mandatory_items_names_each_one(project, capsys):
    path = project / "content/notices/bouquet-services-utilisateurs.yaml"
    _edit(path, lambda data: [data.pop("retention"), data.pop("complaint"), data.update(purposes=[])])
    status, lines = run_check(project, capsys)
    err = "\n".join(lines)
    assert status == 1
    assert (
        "content/notices/bouquet-services-utilisateurs.yaml:1: retention (durée de conservation): "
        "Champ obligatoire « retention » manquant : le RGPD (art. 13) l’exige dans toute notice d’information."
    ) in err
    assert (
        "content/notices/bouquet-services-utilisateurs.yaml:1: complaint (droit de réclamation): "
        "Champ obligatoire « complaint » manquant : le RGPD (art. 13) l’exige dans toute notice d’information."
    ) in err
    assert re.search(
        r"bouquet-services-utilisateurs\.yaml:\d+: purposes \(finalités\): Le RGPD \(art\. 13\) exige au moins un "
        r"élément dans « purposes »\.",
        err,
    )


def test_an_incomplete_notice_is_never_published(project, capsys, tmp_path):
    _edit(project / "content/notices/bouquet-services-utilisateurs.yaml", lambda data: data.pop("retention"))
    site = tmp_path / "out"
    assert main(["--project", str(project), "build", "--site-dir", str(site)]) == 1
    assert not site.exists()


def test_a_notice_overdue_for_review_is_a_warning_or_with_strict_an_error(project, capsys):
    path = project / "content/notices/bouquet-services-referents.yaml"
    _edit(path, lambda data: data.update(last_reviewed="2025-10-01"))
    status, lines = run_check(project, capsys)
    err = "\n".join(lines)
    line = line_of(path, "last_reviewed")
    assert status == 0
    assert (
        f"content/notices/bouquet-services-referents.yaml:{line}: last_reviewed (date de dernière revue): "
        "avertissement : Notice relue "
        "pour la dernière fois le 1er octobre 2025, il y a plus de 12 mois au 22 novembre 2026 : faites-la relire "
        "par le délégué à la protection des données, puis mettez à jour last_reviewed."
    ) in err
    status, _ = run_check(project, capsys, "--strict")
    assert status == 1


def test_privacy_hub_lists_every_notice_and_the_site_own_notice(built_site):
    html = (built_site / "donnees-personnelles/index.html").read_text(encoding="utf-8")
    assert "Comptes des utilisateurs du bouquet de services numériques" in html
    assert "Référents des membres du bouquet de services numériques" in html
    assert "Ce que ce site collecte" in html and "aucun cookie" in html
    assert "contact@82numerique.fr" in html


def test_notice_page_reads_who_why_what_how_long_rights_in_that_order(built_site):
    html = (built_site / "donnees-personnelles/bouquet-services-utilisateurs/index.html").read_text(encoding="utf-8")
    headings = re.findall(r"<h2[^>]*>(.*?)</h2>", html)
    expected = [
        "Qui traite vos données ?",
        "Pourquoi ?",
        "Quelles données, sur qui ?",
        "Qui les reçoit ?",
        "Combien de temps ?",
        "Vos droits",
    ]
    assert [h for h in headings if h in expected] == expected
    assert "Trois ans au plus après la dernière connexion aux services." in html
    assert "ajout du délégué à la protection des données" in html
    assert "annexe-1-article-4/" in html  # statements link to their source clause
    assert "CNIL" in html
    who = re.search(r"Qui traite vos données \?</h2>\s*<ul>(.*?)</ul>", html, re.S).group(1)
    assert [re.sub(r"<[^>]+>", "", item).split(" : ")[0] for item in re.findall(r"<li>(.*?)</li>", who, re.S)] == [
        "Responsable du traitement",
        "Délégué à la protection des données",
        "Dans le cadre de",
        "Services concernés",
    ]


def test_record_of_processing_activities_is_exported(built_site):
    record = json.loads((built_site / "donnees-ouvertes/registre-des-traitements.json").read_text(encoding="utf-8"))
    assert {row["id"] for row in record["rows"]} == {"bouquet-services-utilisateurs", "bouquet-services-referents"}
    with open(built_site / "donnees-ouvertes/registre-des-traitements.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {
        "traitement",
        "responsable",
        "finalites",
        "categories_personnes",
        "categories_donnees",
        "destinataires",
        "transferts_hors_ue",
        "durees_conservation",
        "mesures_securite",
    } <= set(rows[0])


def test_source_document_with_personal_data_is_not_published_but_its_hash_is(built_site):
    tarn = built_site / "conventions/tarn-et-garonne-deux-rives"
    assert not (tarn / "document-source.txt").exists()
    digest = yaml.safe_load((CONTENT / "conventions/tarn-et-garonne-deux-rives.yaml").read_text())["source"]["sha256"]
    assert digest in (tarn / "index.html").read_text(encoding="utf-8")
    assert (built_site / "conventions/smica-severac-2026cv4/document-source.txt").is_file()


def test_referent_shown_by_function_only(built_site):
    html = (built_site / "conventions/tarn-et-garonne-deux-rives/index.html").read_text(encoding="utf-8")
    assert "DIRECTEUR DU SERVICE INFORMATIQUE" in html
    assert MASK in html
    for value in REFERENT:
        assert value.lower() not in html.lower()


PAGES_OF_EVERY_KIND = [
    "",
    "conventions/",
    "conventions/tarn-et-garonne-deux-rives/",
    "conventions/tarn-et-garonne-deux-rives/article-3/",
    "clauses/resiliation/",
    "organisations/smica/",
    "services/gfu/",
    "donnees-personnelles/",
    "donnees-personnelles/bouquet-services-utilisateurs/",
    "donnees-ouvertes/",
    "mentions-legales/",
    "accessibilite/",
    "recherche/?q=pr%C3%A9avis",
    "tarifs/",
    "tarifs/stockage-sauvegarde-mutualisee/",
    "tarifs/smica-severac-2026cv4-remuneration/",
    "echeances/",
    "changements/",
]


@pytest.mark.browser
def test_pages_load_nothing_from_other_hosts_and_set_no_cookie(page, site_url):
    for path in PAGES_OF_EVERY_KIND:
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
    assert page.requested, "the browser recorded no request"
    foreign = [url for url in page.requested if not url.startswith(site_url) and not url.startswith("data:")]
    assert foreign == []
    assert page.context.cookies() == []


def test_referent_details_are_masked_in_every_field_and_page(project, tmp_path):
    from generator.publishing.publish import build_site

    path = project / "content/conventions/tarn-et-garonne-deux-rives.yaml"
    _edit(
        path,
        lambda data: data.update(
            amendments=[
                {
                    "reference": "Avenant n° 1",
                    "signature": {"date": "2026-03-02"},
                    "summary": "Le référent DAVID ALLARD (DAVID.ALLARD@CC-DEUXRIVES.FR, 05 63 29 92 37) est remplacé.",
                }
            ],
            signature={"place": None, "date": "2026-02-01"},
        ),
    )
    site = tmp_path / "site"
    build_site(project / "mkdocs.yml", site)
    texts = [
        file.read_text(encoding="utf-8", errors="ignore")
        for file in site.rglob("*")
        if file.is_file() and file.suffix in {".html", ".xml", ".json", ".csv", ".ics", ".js"}
    ]
    assert any("est remplacé" in text for text in texts), "the amendment is not published at all"
    for value in REFERENT:
        assert not [text for text in texts if value.lower() in text.lower()], value


def test_a_source_document_with_an_unflagged_phone_is_an_error(project, capsys):
    source = project / "content/sources/2026cv4.txt"
    source.write_text(source.read_text(encoding="utf-8") + "\nContact : 05 65 12 34 56\n", encoding="utf-8")
    path = project / "content/conventions/smica-severac-2026cv4.yaml"
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    _edit(path, lambda data: data["source"].update(sha256=digest))
    line = line_of(path, "file: sources/2026cv4.txt")
    assert_reported(
        project,
        capsys,
        f"content/conventions/smica-severac-2026cv4.yaml:{line}: source.file (fichier du document source): Le document "
        "source contient le numéro de téléphone « 05 65 12 34 56 » et serait publié tel quel. Si c’est celui d’un "
        "agent, déclarez-le comme référent de la convention (referent, sans publish: true) ou dans les contacts de "
        "son organisation (contacts, sans publish: true) : il est alors occulté partout sur le site, et le document "
        "n’est plus publié tel quel, seule son empreinte l’est ; s’il est fonctionnel, ajoutez-le à allowed_phones "
        "dans site_config/site.yaml.",
    )


# --- an organisation's contacts ------------------------------------------------

ORGANISATION = "content/organisations/syndicat-mixte-severac-carrefour-aveyron.yaml"
PARTY_CONVENTION = "content/conventions/smica-severac-2026cv4.yaml"
PARTY_SOURCE = "content/sources/2026cv4.txt"
AGENT = ("Jeanne CASTANIER", "05 65 43 21 09", "jeanne.castanier@severac-aveyron.fr")
AGENT_FUNCTION = "Secrétaire générale"
AGENT_LINE = f"Contact : {AGENT[0]}, {AGENT[1]}, {AGENT[2]}"


def _add_agent(project: Path, publish: bool = False, in_convention: bool = True) -> None:
    """An organisation contact (name, phone, e-mail; published only with `publish`) of a party to the SMICA
    convention; its name and phone written in the organisation's address and, with `in_convention`, its
    details in an article of the convention and in the signed document (the convention's hash updated)."""
    contact = {"function": AGENT_FUNCTION, "name": AGENT[0], "phone": AGENT[1], "email": AGENT[2]}
    _edit(
        project / ORGANISATION,
        lambda data: data.update(
            contacts=[{**contact, "publish": True} if publish else contact],
            address=data["address"] + [f"À l’attention de {AGENT[0]}, tél. {AGENT[1]}"],
        ),
    )
    if not in_convention:
        return
    source = project / PARTY_SOURCE
    text = source.read_text(encoding="utf-8")
    end_of_article = "divulgation publique auparavant. \n"
    assert text.count(end_of_article) == 1
    source.write_text(text.replace(end_of_article, end_of_article + AGENT_LINE + "\n"), encoding="utf-8")
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    _edit(
        project / PARTY_CONVENTION,
        lambda data: [
            data["articles"][1].update(text=data["articles"][1]["text"] + "\n\n" + AGENT_LINE),
            data["source"].update(sha256=digest),
        ],
    )


def _agent_patterns() -> dict[str, re.Pattern]:
    first, last = AGENT[0].split()
    phone = re.sub(r"\D", "", AGENT[1])
    return {
        "name": re.compile(rf"{first}\W{{1,12}}{last}", re.I),
        "surname": re.compile(rf"\b{last}\b", re.I),
        "phone": re.compile(r"\D{0,6}".join(phone[1:]), re.I),  # 05 65…, 05.65…, 0565…, +33 5 65…
        "email": re.compile(re.escape(AGENT[2]), re.I),
        "email user": re.compile(re.escape(AGENT[2].split("@")[0]), re.I),
    }


def _published_texts(site: Path):
    """Every file of the site as text (HTML, JSON, CSV, JavaScript, Atom, ICS, text...), gzip-compressed ones
    (Pagefind's index and fragments, the sitemap) decompressed."""
    for path in sorted(site.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            yield (
                path,
                gzip.decompress(data).decode("utf-8", "ignore")
                if data[:2] == b"\x1f\x8b"
                else data.decode("utf-8", "ignore"),
            )


def _build(project: Path, site: Path, capsys) -> None:
    status = main(["--project", str(project), "build", "--site-dir", str(site)])
    assert status == 0, capsys.readouterr().err


def test_unpublished_organisation_contact_is_masked_in_every_published_file(project, tmp_path, capsys):
    _add_agent(project)
    patterns = _agent_patterns()
    for kind, pattern in patterns.items():  # the patterns are not blind
        assert pattern.search((project / PARTY_SOURCE).read_text(encoding="utf-8")), kind
    site = tmp_path / "site"
    _build(project, site, capsys)  # `registre check` passes: masking handles every occurrence
    found, kinds = [], set()
    for path, text in _published_texts(site):
        kinds.add(path.suffix)
        found += [f"{path.relative_to(site)}: {kind}" for kind, pattern in patterns.items() if pattern.search(text)]
    assert {".html", ".json", ".csv", ".js", ".xml", ".ics", ".pf_fragment", ".pf_index"} <= kinds, kinds
    assert found == []
    page = (site / "organisations/syndicat-mixte-severac-carrefour-aveyron/index.html").read_text(encoding="utf-8")
    assert f"<dt>Contact</dt><dd>{AGENT_FUNCTION} <small>(nom et coordonnées directes non publiés)</small></dd>" in page
    assert f"À l’attention de {MASK}, tél. {MASK}" in html.unescape(page)  # as a reader sees it
    article = (site / "conventions/smica-severac-2026cv4/article-2/index.html").read_text(encoding="utf-8")
    assert f"Contact : {MASK}, {MASK}, {MASK}" in article
    # the signed document names the agent: only its hash is published
    assert not (site / "conventions/smica-severac-2026cv4/document-source.txt").exists()
    digest = yaml.safe_load((project / PARTY_CONVENTION).read_text(encoding="utf-8"))["source"]["sha256"]
    assert digest in (site / "conventions/smica-severac-2026cv4/index.html").read_text(encoding="utf-8")


def test_published_organisation_contact_is_shown(project, tmp_path, capsys):
    _add_agent(project, publish=True)
    site = tmp_path / "site"
    _build(project, site, capsys)  # its phone and e-mail are declared: not reported
    page = (site / "organisations/syndicat-mixte-severac-carrefour-aveyron/index.html").read_text(encoding="utf-8")
    assert f"<dt>Contact</dt><dd>{AGENT_FUNCTION} : {AGENT[0]}, {AGENT[2]}, {AGENT[1]}</dd>" in page
    assert f"À l’attention de {AGENT[0]}, tél. {AGENT[1]}" in page
    article = (site / "conventions/smica-severac-2026cv4/article-2/index.html").read_text(encoding="utf-8")
    assert AGENT_LINE in article and MASK not in article
    assert (site / "conventions/smica-severac-2026cv4/document-source.txt").is_file()


def test_the_organisation_view_holds_no_unpublished_contact_detail():
    from dataclasses import asdict

    from generator.register.models import Organisation
    from generator.site.sitedata import ContactView, OrganisationView

    organisation = Organisation(
        id="severac",
        name="Syndicat mixte Séverac",
        kind="syndicat mixte",
        address=[f"À l’attention de {AGENT[0]} ({AGENT[2]})", f"Tél. {AGENT[1]}"],
        contacts=[
            Contact(function=AGENT_FUNCTION, name=AGENT[0], phone=AGENT[1], email=AGENT[2]),
            Contact(function="Accueil", email="accueil@severac.fr", publish=True),
        ],
    )
    view = OrganisationView.of(organisation)
    # what the template receives is all it could print: no raw contact, no unpublished detail
    assert not hasattr(view, "contacts")
    assert view.published_contacts == [
        ContactView(AGENT_FUNCTION, withheld=True),
        ContactView("Accueil", email="accueil@severac.fr"),
    ]
    assert view.address == [f"À l’attention de {MASK} ({MASK})", f"Tél. {MASK}"]
    shown = repr(asdict(view)).lower()
    for value in AGENT:
        assert value.lower() not in shown
    assert view.id == "severac" and view.name == "Syndicat mixte Séverac"


def test_published_strings_show_what_the_site_shows_of_organisation_contacts():
    from generator.privacy.masking import published_strings
    from generator.register.models import Organisation

    organisation = Organisation(
        id="severac",
        name="Séverac",
        kind="syndicat mixte",
        contacts=[
            Contact(function=AGENT_FUNCTION, name=AGENT[0], phone=AGENT[1], email=AGENT[2]),
            Contact(function="Accueil", name="Paul Durand", phone="05 65 00 00 02", publish=True),
        ],
    )
    strings = dict(published_strings(organisation))
    assert strings[("contacts", 0, "function")] == AGENT_FUNCTION
    assert not [value for value in strings.values() if value in AGENT]
    assert strings[("contacts", 1, "name")] == "Paul Durand"
    assert strings[("contacts", 1, "phone")] == "05 65 00 00 02"


#: where the agent's details are written outside its organisation: file, field, text
ELSEWHERE = [
    ("content/tariffs/stockage-sauvegarde-mutualisee.yaml", "revision", f"Révision annuelle. Tél. {AGENT[1]}"),
    ("content/services/gfu.yaml", "description", f"Service suivi par {AGENT[0]} ({AGENT[2]})."),
    ("site_config/site.yaml", "description", f"Registre tenu à jour ; écrire à {AGENT[2]}."),
]


def test_unpublished_organisation_contact_is_masked_outside_its_organisation_too(project, tmp_path, capsys):
    """A tariff of a convention that does not name the organisation, a service, the site config: the agent
    is masked there as on the organisation's page."""
    _add_agent(project, in_convention=False)
    for relative, key, text in ELSEWHERE:
        _edit(project / relative, lambda data, key=key, text=text: data.update({key: text}))
    site = tmp_path / "site"
    _build(project, site, capsys)  # `registre check` passes: the agent is declared, masked everywhere
    patterns = _agent_patterns()
    found = [
        f"{path.relative_to(site)}: {kind}"
        for path, text in _published_texts(site)
        for kind, pattern in patterns.items()
        if pattern.search(text)
    ]
    assert found == []
    tariff = html.unescape((site / "tarifs/stockage-sauvegarde-mutualisee/index.html").read_text(encoding="utf-8"))
    assert f"Révision annuelle. Tél. {MASK}" in tariff
    service = html.unescape((site / "services/gfu/index.html").read_text(encoding="utf-8"))
    assert f"Service suivi par {MASK} ({MASK})." in service
    home = html.unescape((site / "index.html").read_text(encoding="utf-8"))
    assert f"écrire à {MASK}." in home


def test_a_source_document_naming_a_private_contact_is_withheld_and_only_its_hash_published(project, tmp_path, capsys):
    """The agent named only in the parties' block, which the convention does not transcribe as text: the
    document is not published as it is, its hash is."""
    _add_agent(project, in_convention=False)
    source = project / PARTY_SOURCE
    parties = "Mairie de Lapanouse-de-Séverac \n"
    text = source.read_text(encoding="utf-8")
    assert text.count(parties) == 1
    source.write_text(text.replace(parties, parties + f"À l’attention de {AGENT[0]} \n"), encoding="utf-8")
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    _edit(project / PARTY_CONVENTION, lambda data: data["source"].update(sha256=digest))
    site = tmp_path / "site"
    _build(project, site, capsys)  # `registre check` passes: nothing of the document is published
    convention = site / "conventions/smica-severac-2026cv4"
    assert not (convention / "document-source.txt").exists()
    assert digest in (convention / "index.html").read_text(encoding="utf-8")
    patterns = _agent_patterns()
    assert [path for path, text in _published_texts(site) if patterns["surname"].search(text)] == []


def test_an_undeclared_phone_next_to_a_masked_contact_is_still_an_error(project, capsys):
    _add_agent(project, in_convention=False)
    path = project / ORGANISATION
    _edit(path, lambda data: data.update(address=data["address"] + ["Secrétariat : 05 65 99 99 99"]))
    status, lines = run_check(project, capsys)
    err = "\n".join(lines)
    assert status == 1
    assert (
        f"{ORGANISATION}:{line_of(path, '05 65 99 99 99')}: address[3] (ligne d’adresse n° 4): "
        "Le numéro de téléphone « 05 65 99 99 99 » serait publié. Si c’est celui d’un agent, déclarez-le dans "
        "les contacts de l’organisation (contacts, sans publish: true) : il est alors occulté partout sur le site ; "
        "s’il est fonctionnel (un standard, une adresse de service), ajoutez-le à allowed_phones dans "
        "site_config/site.yaml."
    ) in err, err
    assert AGENT[1] not in err  # the contact's own phone, masked, is not reported
