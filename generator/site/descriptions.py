"""Each page's description (`<meta name="description">`), decided here: what search engines and link previews
show of a page. A convention says its title, parties and dates; an article its heading and its convention;
any other page its heading and what the register is.

The description travels to MkDocs as the page's front matter (`description:`), which Material prints as it is
in the attribute: `front_matter` escapes it for HTML there, and writes it as a YAML string."""

from __future__ import annotations

import html
import json
import re

from generator.formatting import french_date
from generator.register.clauses import Clause
from generator.site.sitedata import ConventionView

#: what YAML does not read even escaped in a string, and no description needs: controls, surrogates, non-characters
_UNREADABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
#: the heading of a generated page: its first line, `# Title {#anchor}`
_HEADING = re.compile(r"\A#[ \t]+(?P<text>[^\n]*?)[ \t]*(?:\{#[^}\n]*\})?[ \t]*$", re.M)


def convention_description(view: ConventionView) -> str:
    """« Convention 2026CV4 entre le Syndicat mixte … (membre bénéficiaire) et le SMICA (prestataire), signée
    le 17 février 2026, en vigueur du 1er janvier 2026 au 31 décembre 2028 : En vigueur. »"""
    convention = view.convention
    parties = [f"{organisation.short_name or organisation.name} ({role})" for organisation, role in view.party_roles]
    text = view.display_name
    if parties:
        text += " — entre " + (", ".join(parties[:-1]) + " et " + parties[-1] if len(parties) > 1 else parties[0])
    dates = []
    if convention.signature.date:
        dates.append(f"signée le {french_date(convention.signature.date)}")
    start, end = convention.entry_into_force.date, view.facts.convention.final_end
    if start and end:
        dates.append(f"en vigueur du {french_date(start)} au {french_date(end)}")
    elif start:
        dates.append(f"en vigueur depuis le {french_date(start)}")
    elif end:
        dates.append(f"jusqu’au {french_date(end)}")
    if dates:
        text += ", " + ", ".join(dates)
    return f"{text}. Statut : {view.facts.convention.status_label.lower()}."


def article_description(view: ConventionView, clause: Clause) -> str:
    """« Article n° 3 : Durée de la convention — article 3 de la convention 2026CV4 — … »."""
    return f"{clause.article.heading} — {clause.label} de la convention « {view.display_name} »."


def page_description(markdown: str, site_description: str, home: bool = False) -> str:
    """Any other page: its heading, then the register's own sentence (the home page: that sentence alone)."""
    if home:
        return site_description
    match = _HEADING.search(markdown.lstrip())
    heading = html.unescape(match.group("text")).strip() if match else ""
    return f"{heading} — {site_description}" if heading else site_description


def front_matter(description: str) -> str:
    """The page's front matter giving its description: a YAML string (JSON's double-quoted form, which YAML
    reads) of the description escaped for the HTML attribute Material prints it in."""
    one_line = " ".join(_UNREADABLE.sub(" ", description).split())
    return "---\ndescription: " + json.dumps(html.escape(one_line, quote=True), ensure_ascii=False) + "\n---\n\n"
