"""The sentences that state a convention's facts (its summary card, its row in a table), decided here and
placed by templates. Each function returns plain text: the templates escape it, and add links and markup."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import cast

from generator.formatting import day_month, french_date, period, short_date
from generator.register import models
from generator.register.derive import ConventionFacts, TermFacts
from generator.wording import fold, of_organisation, the

NOT_STATED = "non précisé par le document"
#: after the source document's description, when the document names someone whose data is not published
SOURCE_WITHHELD = "non publié tel quel car il contient des données personnelles ; le texte ci-dessous les occulte"
#: after a referent's function, when their name and direct contact details are not published
REFERENT_WITHHELD = "nom et coordonnées directes non publiés"


# --- who and when ----------------------------------------------------------------


def display_name(title: str, reference: str | None) -> str:
    """A convention's name in headings and links: « 2026CV4 — Convention de services », or its title alone
    when the title already gives the reference (« Convention (référence 2026CV4) »)."""
    if not reference or fold(reference) in fold(title):
        return title
    return f"{reference} — {title}"


def party_text(party: models.Party) -> str:
    """What follows a party's name: « (membre), représenté par M. Jean Martin, maire, habilité par … »."""
    representative = party.representative
    civility = f"{representative.civility} " if representative.civility else ""
    return f"({party.role}), représenté par {civility}{representative.name}, {representative.function}, {party.mandate}"


def signature_text(signature: models.Signature) -> str:
    """« à Rodez, le 17 février 2026 », or what the document leaves blank."""
    if signature.place is None and signature.date is None:
        return "Lieu et date non précisés par le document"
    place = f"à {signature.place}" if signature.place else f"lieu {NOT_STATED}"
    date = f"le {french_date(signature.date)}" if signature.date else "date non précisée par le document"
    return f"{place}, {date}"


def entry_into_force_text(entry: models.EntryIntoForce, signature: models.Signature) -> str:
    if entry.not_stated:
        return "Non précisée par le document"
    if entry.date is not None:
        return french_date(entry.date)
    if signature.date is None:
        return "À la date de signature effective (non précisée par le document)"
    return f"À la signature, le {french_date(signature.date)}"


def amendment_text(amendment: models.Amendment) -> str:
    """« Avenant n° 1 du 3 mars 2026 : ajout du service SIG »."""
    return f"{amendment.reference} du {french_date(amendment.signature.date)} : {amendment.summary}"


def read_alone_label(label: str) -> str:
    """What a « lire seul » link reads after its visible words: « l’article 3 », « l’annexe 2, section D »,
    « le préambule »."""
    return the(label)


def hash_check_commands(file_name: str) -> tuple[str, str]:
    """The commands that print a downloaded file's SHA-256: on Linux and macOS, then on Windows."""
    return f"sha256sum {file_name}", f"certutil -hashfile {file_name} SHA256"


# --- how long --------------------------------------------------------------------


def renewals_text(term: models.Term) -> str:
    """« , renouvelable 2 fois 1 an », or nothing for a term without renewals."""
    if not term.renewals:
        return ""
    renewal_period = cast(models.Period, term.renewal_period)  # the model requires it with renewals
    return f", renouvelable {term.renewals} fois {period(renewal_period)}"


def term_text(term: models.Term) -> str:
    """The initial duration, its renewals and the rule in words, as the convention states them."""
    if term.not_stated:
        return "Non précisée par le document" + (f" — {term.description}" if term.description else "")
    parts = []
    if term.duration:
        parts.append(period(term.duration) + renewals_text(term))
    if term.description:
        parts.append(term.description)
    return " — ".join(parts) or "Non précisée par le document"


def end_text(facts: TermFacts) -> str:
    """The convention's last day, renewals included, or « Non fixée par la convention »; after a termination,
    the day before it takes effect: « 31 mai 2027 (résiliation à effet du 1er juin 2027) »."""
    if facts.terminated is not None:
        return f"{french_date(facts.final_end)} (résiliation à effet du {french_date(facts.terminated.effective)})"
    return french_date(facts.final_end) if facts.final_end else "Non fixée par la convention"


def annex_term_text(annex: models.Annex, facts: TermFacts) -> str:
    """An annex's own term: « Annexe 2 (Hébergement) : du 1er mars 2026 pour 1 an, renouvelable 3 fois 1 an ;
    échéance initiale le 28 février 2027, au plus tard le 29 février 2030 avec les renouvellements »."""
    term = cast(models.Term, annex.term)  # called for an annex with its own term (it has facts)
    text = f"Annexe {annex.number} ({annex.title}) : "
    if term.start:
        text += f"du {french_date(term.start)} "
    if term.duration:
        text += f"pour {period(term.duration)}{renewals_text(term)}"
    if facts.initial_end:
        text += f" ; échéance initiale le {french_date(facts.initial_end)}"
    if facts.final_end and facts.final_end != facts.initial_end:
        text += f", au plus tard le {french_date(facts.final_end)} avec les renouvellements"
    return text


def by_organisation(name: str, kind: str | None = None) -> str:
    """« par » and an organisation's name, with the article French wants: « par le SMICA », « par la
    Communauté de communes du Briançonnais », « par l’Agence », « par Octogone Fibre »."""
    of = of_organisation(name, kind)
    for contracted, article in (("du ", "le "), ("des ", "les "), ("de la ", "la "), ("de l’", "l’")):
        if of.startswith(contracted):
            return f"par {article}{of.removeprefix(contracted)}"
    return f"par {name.strip()}"


def ordinal(number: int) -> str:
    """« 1er », « 2e »."""
    return "1er" if number == 1 else f"{number}e"


def status_label(facts: TermFacts, terminated_by: str | None = None) -> str:
    """A term's status as of the date of `facts`, with the dates that make it: « En vigueur jusqu’au 31 mai
    2027 (résiliation notifiée le 15 mars 2027 par le SMICA) », « Résiliée le 1er juin 2027 (par le SMICA,
    notifiée le 15 mars 2027) », « Renouvelée (1er renouvellement sur 2, jusqu’au 31 décembre 2029) ».
    `terminated_by` is who terminated, in words (`by_organisation`)."""
    event, by = facts.terminated, f" {terminated_by}" if terminated_by else ""
    if facts.status == "resiliee" and event is not None:
        who = f"{terminated_by}, " if terminated_by else ""
        return f"Résiliée le {french_date(event.effective)} ({who}notifiée le {french_date(event.notified)})"
    if facts.status == "en-vigueur-jusqu-au" and event is not None:
        return (
            f"En vigueur jusqu’au {french_date(facts.final_end)} "
            f"(résiliation notifiée le {french_date(event.notified)}{by})"
        )
    if facts.status == "renouvelee":
        return (
            f"Renouvelée ({ordinal(facts.renewal)} renouvellement, en cours jusqu’au {french_date(facts.period_end)})"
        )
    return facts.status_label


def status_text(facts: ConventionFacts, terminated_by: str | None = None) -> str:
    """The convention's status (`status_label`), then each annex's own status: « En vigueur ; annexe 2 :
    échue »."""
    annexes = []
    for number, annex in facts.annexes.items():
        text = status_label(annex, terminated_by)
        annexes.append(f" ; annexe {number} : {text[:1].lower()}{text[1:]}")
    return status_label(facts.convention, terminated_by) + "".join(annexes)


# --- how to leave ----------------------------------------------------------------


@dataclass(frozen=True)
class NextNotice:
    """The next termination one could notify, as of the build date."""

    deadline: dt.date
    """The last day to notify it (any_time rules: the build date itself)."""
    effect: dt.date
    """When it would take effect."""
    text: str


@dataclass(frozen=True)
class TerminationLine:
    """One termination rule of the summary card, in words, with what it gives as of the build date."""

    rule_text: str
    """« Annexe 2 : Chaque partie peut résilier à tout moment, avec un préavis de 2 mois »."""
    anchor_note: str | None
    """« (ajout du registre : …) », when the anniversary's date is the register's reading."""
    notification_text: str
    """« , notifié par lettre recommandée avec avis de réception », or nothing."""
    source: models.ClauseRef
    """The clause that sets the rule."""
    next_notice: NextNotice | None
    term_reached_text: str | None
    """Said instead of a next notice once the term is over."""
    latest_notice_text: str | None
    """For a convention's own any-time rule: the last day to notify a termination before its term."""


def termination_rule_text(rule: models.Termination, scope: str = "") -> str:
    """Who may terminate, and with what notice; `scope` (« Annexe 2 ») for an annex's own rule."""
    who = f"{scope} : " if scope else ""
    who += f"{rule.by.capitalize()} peut résilier"
    if rule.kind == "any_time":
        return f"{who} à tout moment, avec un préavis de {period(rule.notice)}"
    anchor = cast(dt.date, rule.anchor)  # the model requires it for before_anniversary
    return (
        f"{who} en respectant un préavis de {period(rule.notice)} avant chaque date anniversaire du "
        f"{day_month(anchor)} (date de référence : {rule.anchor_label})"
    )


def anchor_note(rule: models.Termination) -> str | None:
    if rule.kind != "before_anniversary" or not rule.anchor_date_note:
        return None
    return f"(ajout du registre : {rule.anchor_date_note})"


def notification_text(rule: models.Termination) -> str:
    return f", notifié par {rule.form}" if rule.form else ""


def next_notice(rule: models.Termination, facts: TermFacts) -> NextNotice | None:
    """The next deadline to notify and when the termination would take effect; None when none is left."""
    if not facts.notice_deadline:
        return None
    # derive sets the effect with the deadline
    deadline, effect = facts.notice_deadline, cast(dt.date, facts.notice_effect)
    if rule.kind == "any_time":
        text = f"Notifiée le {french_date(deadline)}, une résiliation prendrait effet le {french_date(effect)}"
    else:
        text = f"Prochaine date limite pour notifier : {french_date(deadline)}, pour une fin au {french_date(effect)}"
    return NextNotice(deadline, effect, text)


def term_reached_text(facts: TermFacts, as_of: dt.date) -> str | None:
    """Said instead of a next notice: the term is over, or a termination has been notified."""
    event = facts.terminated
    if event is not None:
        effect = "a pris" if facts.status == "resiliee" else "prend"
        return (
            f"Résiliation notifiée le {french_date(event.notified)} ; elle {effect} effet le "
            f"{french_date(event.effective)} : plus de préavis à calculer."
        )
    if facts.notice_deadline or facts.status != "echue":
        return None
    return f"Terme atteint : plus de préavis à calculer (au {french_date(as_of)})."


def latest_notice_text(
    rule: models.Termination, facts: TermFacts, latest_notice: dt.date | None, as_of: dt.date
) -> str | None:
    """« Dernier jour pour notifier une résiliation qui prenne effet au plus tard au terme du … : le … »,
    while that day is still to come (a past last day would only mislead)."""
    if rule.kind != "any_time" or latest_notice is None or latest_notice < as_of:
        return None
    return (
        f"Dernier jour pour notifier une résiliation qui prenne effet au plus tard au terme du "
        f"{french_date(facts.final_end)} : le {french_date(latest_notice)}."
    )


def termination_line(
    rule: models.Termination, facts: TermFacts, as_of: dt.date, scope: str = "", latest_notice: dt.date | None = None
) -> TerminationLine:
    """`facts` are those of the term the rule ends; `latest_notice` is given for a convention's own rule only."""
    return TerminationLine(
        rule_text=termination_rule_text(rule, scope),
        anchor_note=anchor_note(rule),
        notification_text=notification_text(rule),
        source=rule.source,
        next_notice=next_notice(rule, facts),
        term_reached_text=term_reached_text(facts, as_of),
        latest_notice_text=latest_notice_text(rule, facts, latest_notice, as_of),
    )


# --- whom to ask -----------------------------------------------------------------


@dataclass(frozen=True)
class ReferentText:
    text: str
    """The function, and when published the name, phone and e-mail."""
    withheld_note: str | None
    """Said when the name and direct contact details are not published."""


def referent_text(referent: models.Contact) -> ReferentText:
    if not referent.publish:
        return ReferentText(referent.function, REFERENT_WITHHELD)
    phone = f", {referent.phone}" if referent.phone else ""
    email = f", {referent.email}" if referent.email else ""
    return ReferentText(f"{referent.function} : {referent.name}{phone}{email}", None)


# --- a convention's row in a table -------------------------------------------------


@dataclass(frozen=True)
class DatedText:
    """A table cell: a date in words (`date` set: the page marks `text` up as that date), or words standing
    for it; then `note`, outside the date."""

    date: dt.date | None
    text: str
    note: str = ""


def entry_into_force_cell(entry: models.EntryIntoForce) -> DatedText:
    """« 01/01/2026 », or « À la signature » for a convention without a date of entry into force."""
    return DatedText(entry.date, short_date(entry.date)) if entry.date else DatedText(None, "À la signature")


def end_cells(end_dates: list[tuple[dt.date, str]]) -> list[DatedText]:
    """« 31/12/2028 », or « 31/12/2028 » noted « (annexe 2) », for each end date; or « Non fixée »."""
    if not end_dates:
        return [DatedText(None, "Non fixée")]
    return [DatedText(date, short_date(date), f" ({scope})" if scope else "") for date, scope in end_dates]


def publication_text(publication: models.Publication | None) -> str | None:
    """« Mis en ligne le 20 mars 2026, mis à jour le 2 octobre 2026 »; None when the data does not say."""
    if publication is None:
        return None
    text = f"Mis en ligne le {french_date(publication.first)}"
    if publication.last is not None and publication.last != publication.first:
        text += f", mis à jour le {french_date(publication.last)}"
    return text
