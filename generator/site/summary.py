"""The sentences of a convention's summary card that state its facts, decided here and placed by templates."""

from __future__ import annotations

from generator.formatting import french_date, period
from generator.register import models

NOT_STATED = "non précisé par le document"


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


def term_text(term: models.Term) -> str:
    """The initial duration, its renewals and the rule in words, as the convention states them."""
    if term.not_stated:
        return "Non précisée par le document" + (f" — {term.description}" if term.description else "")
    parts = []
    if term.duration:
        parts.append(period(term.duration))
        if term.renewals:
            parts[-1] += f", renouvelable {term.renewals} fois {period(term.renewal_period)}"
    if term.description:
        parts.append(term.description)
    return " — ".join(parts) or "Non précisée par le document"
