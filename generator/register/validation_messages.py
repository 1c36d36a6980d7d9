"""Pydantic's validation errors as French messages a secretary can act on, chosen by the error's type.

No English text from the validator reaches the user: every error type the content models can raise has
its own message here, and any other type gets a generic French one.
"""

from __future__ import annotations

import datetime as dt
import re
import typing
from collections.abc import Mapping
from decimal import Decimal

from pydantic import BaseModel

from generator.register import models
from generator.wording import did_you_mean, slug

DATE_EXAMPLE = "2026-02-17"
_FRENCH_DATE = re.compile(r"^\s*(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{4})\s*$")

# Messages raised by the models' own validators, by their English text (the models stay in English).
MODEL_RULES = {
    "a period needs at least one of years, months, days": (
        "Une durée doit indiquer au moins years (années), months (mois) ou days (jours), par exemple months: 2."
    ),
    "entry_into_force: exactly one of date, on_signature or not_stated": (
        "Indiquez une seule de ces trois possibilités : date: AAAA-MM-JJ, on_signature: true (à la signature) "
        "ou not_stated: true (le document ne le précise pas)."
    ),
    "entry_into_force: source required": (
        "Indiquez la clause qui fixe l’entrée en vigueur (source: {article: '3'}), ou not_stated: true si le "
        "document ne la précise pas."
    ),
    "entry_into_force: no source when not_stated": (
        "Une entrée en vigueur non précisée par le document ne cite pas de clause : retirez source."
    ),
    "term: renewals need a renewal_period": (
        "Les renouvellements (renewals) demandent leur durée : ajoutez renewal_period, par exemple "
        "renewal_period: {years: 1}."
    ),
    "term: not_stated excludes duration, renewals and source": (
        "Une durée non précisée par le document (not_stated: true) n’a ni duration, ni renewals, ni source."
    ),
    "term: source required": (
        "Indiquez la clause qui fixe la durée (source: {article: '3'}), ou not_stated: true si le document "
        "ne la précise pas."
    ),
    "before_anniversary needs an anchor date": (
        "Une résiliation avant la date anniversaire (before_anniversary) demande la date de référence : "
        "anchor: AAAA-MM-JJ."
    ),
    "entry_into_force: exactly one of date or on_signature": (
        "Un avenant entre en vigueur à une date ou à sa signature : écrivez entry_into_force: {date: 2027-04-01}, "
        "ou entry_into_force: {on_signature: true}, l’un ou l’autre (sans ce bloc, il entre en vigueur à sa "
        "signature)."
    ),
    f"a change has exactly one of {', '.join(models.CHANGE_KINDS)}": (
        "Un changement fait une seule chose : il a une seule de ces clés, "
        + ", ".join(models.CHANGE_KINDS)
        + ". Par exemple - replace: {article: '1'} suivi de text: …, ou - delete: {article: '6'} ; pour deux "
        "changements, écrivez deux blocs « - »."
    ),
    "replace needs the new text, title, heading or topics": (
        "Un remplacement (replace) donne la nouvelle rédaction : ajoutez text (le nouveau texte), title, heading "
        "ou topics, par exemple replace: {article: '1'} puis, à la ligne, text: |- et le texte de l’avenant."
    ),
    "text, title, heading and topics go with replace only": (
        "text, title, heading et topics accompagnent replace seulement : pour un nouvel article, écrivez-les "
        "dans insert (insert: {number: '5 bis', after: '5', title: …, text: …}) ; sinon retirez-les."
    ),
    "publication: last (mise à jour) cannot be before first (mise en ligne)": (
        "La date de mise à jour (last) précède la date de mise en ligne (first) : vérifiez les deux dates, par "
        "exemple publication: {first: 2027-03-20, last: 2027-05-02}."
    ),
    "terminated: effective cannot be before notified": (
        "La résiliation prend effet (effective) avant d’avoir été notifiée (notified) : vérifiez les deux dates ; "
        "effective est le premier jour où la convention n’est plus en vigueur."
    ),
    "SIRET must have 14 digits": "Le SIRET compte 14 chiffres (espaces permis), par exemple 200 066 710 00019.",
    "base_url: an absolute http(s) URL ending with /": (
        "Adresse complète du site attendue, commençant par https:// (ou http://) et finissant par « / », sans "
        "espace, guillemet, chevron ni « & », par exemple https://registre.exemple.fr/."
    ),
    "a grid has at most two dimensions": "Une grille de prix a au plus deux dimensions.",
    "give either versions (a price grid) or indicative amounts, not both": (
        "Donnez soit une grille de prix (versions), soit des montants indicatifs (indicative), l’un ou l’autre."
    ),
    "a price grid needs lines saying how its components combine": (
        "Une grille de prix demande ses lignes de calcul (lines) : quelle grille multiplier par quelle quantité."
    ),
    "a price grid needs its tax_basis (TTC or HT)": (
        "Une grille de prix demande sa base : tax_basis: TTC ou tax_basis: HT."
    ),
    "an indicative fee has no dimensions, quantities, options or lines": (
        "Un montant indicatif n’a ni dimensions, ni quantities, ni options, ni lines : retirez-les."
    ),
}


def french_message(error: Mapping[str, typing.Any], model: type[BaseModel], data: object) -> str:
    """The French message for one of pydantic's errors on a file of `model`."""
    kind, context, value = error["type"], error.get("ctx") or {}, error.get("input")
    field_model, name = _field_owner(model, error["loc"])
    if kind == "missing":
        return _missing(field_model, name, model)
    if kind == "extra_forbidden":
        known = list(field_model.model_fields) if field_model else []
        hint = did_you_mean(str(name), known) if known else ""
        return (
            f"Champ inconnu « {name} ».{hint} Vérifiez l’orthographe et l’indentation "
            "(les champs possibles sont décrits par `registre schema`)."
        )
    if kind == "string_too_long":
        return f"Texte trop long : au plus {context.get('max_length')} caractères ici."
    if kind == "string_pattern_mismatch":
        return _pattern(context.get("pattern", ""), value)
    if kind in ("date_parsing", "date_from_datetime_parsing", "date_type", "date_from_datetime_inexact"):
        return _date(value)
    if kind == "string_type":
        if isinstance(value, (int, Decimal, float)) and not isinstance(value, bool):
            return (
                f"Texte attendu : écrivez la valeur entre apostrophes, par exemple '{_plain(value)}' "
                "(sans apostrophes, le YAML la lit comme un nombre)."
            )
        if isinstance(value, (dt.date, dt.datetime)):
            return f"Texte attendu : écrivez la date entre apostrophes, par exemple '{value.isoformat()}'."
        if isinstance(value, bool):
            return "Texte attendu : écrivez la valeur entre apostrophes (yes, no, true, false sont lus comme oui/non)."
        return "Texte attendu ici, sur une ligne ou en bloc (|-)."
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"Nombre entier attendu, par exemple 3 (pas « {_plain(value)} »)."
    if kind in ("bool_parsing", "bool_type"):
        return "Oui ou non attendu : écrivez true (oui) ou false (non)."
    if kind in ("decimal_parsing", "decimal_type", "float_parsing", "float_type", "finite_number"):
        return f"Montant attendu, écrit avec un point, par exemple 9.60 (pas « {_plain(value)} »)."
    if kind in ("decimal_max_places", "decimal_max_digits", "decimal_whole_digits"):
        return "Montant attendu avec au plus deux décimales, par exemple 9.60."
    if kind in ("greater_than_equal", "greater_than"):
        return f"La valeur doit être au moins {context.get('ge', context.get('gt'))}."
    if kind in ("less_than_equal", "less_than"):
        return f"La valeur doit être au plus {context.get('le', context.get('lt'))}."
    if kind == "literal_error":
        expected = _literal_values(field_model, name)
        listed = ", ".join(expected) if expected else context.get("expected", "")
        return f"Valeur inconnue « {_plain(value)} ».{did_you_mean(str(value), expected)} Valeurs possibles : {listed}."
    if kind == "too_short":
        return _too_short(context.get("min_length", 1), field_model, name, model)
    if kind == "too_long":
        return f"Au plus {context.get('max_length')} éléments ici."
    if kind in ("list_type", "tuple_type", "set_type"):
        return "Liste attendue : une ligne par élément, commençant par « - »."
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return "Groupe de champs attendu (nom: valeur), indenté sous ce champ."
    if kind == "value_error":
        text = str(context.get("error", error.get("msg", ""))).removeprefix("Value error, ")
        return MODEL_RULES.get(text, text if not text.isascii() else "Valeur non valable ici.")
    return "Valeur non valable ici : comparez avec un fichier du même type, ou voir `registre schema`."


def _missing(field_model, name, model) -> str:
    described = ""
    if field_model is models.PrivacyNotice:
        return f"Champ obligatoire « {name} » manquant : le RGPD (art. 13) l’exige dans toute notice d’information."
    return f"Champ obligatoire « {name} » manquant : ajoutez-le{described}."


def _too_short(minimum: int, field_model, name, model) -> str:
    if field_model is models.PrivacyNotice:
        return f"Le RGPD (art. 13) exige au moins un élément dans « {name} »."
    if minimum == 1:
        return "Au moins un élément attendu ici."
    return f"Au moins {minimum} éléments attendus ici."


def _pattern(pattern: str, value: object) -> str:
    if pattern == models.ID_PATTERN:
        return (
            f"Identifiant sans accent ni espace, en minuscules, mots séparés par des tirets : par exemple "
            f"« {slug(str(value))} »."
        )
    if pattern == models.ARTICLE_NUMBER_PATTERN:
        return (
            "Numéro d’article : chiffres et lettres sans accent, reliés au plus par une espace ou un tiret, par "
            "exemple 3, 5 bis ou 5-bis ; "
            "pour une partie sans numéro (préambule), un identifiant comme preambule avec son label."
        )
    if pattern == models.TEXT_FILE_PATTERN:
        return "Chemin de fichier attendu, relatif à content/, par exemple sources/ma-convention.txt."
    if pattern == models.SHA256_PATTERN:
        return "Empreinte SHA-256 attendue : 64 caractères 0-9 et a-f (`registre check` donne celle du fichier)."
    return "Format non valable ici : comparez avec un fichier du même type."


def _date(value: object) -> str:
    match = _FRENCH_DATE.match(str(value)) if value is not None else None
    if match:
        day, month, year = (int(part) for part in match.groups())
        try:
            return f"Date attendue au format AAAA-MM-JJ, par exemple {dt.date(year, month, day).isoformat()}."
        except ValueError:
            return (
                f"« {value} » n’est pas une date du calendrier : écrivez-la au format AAAA-MM-JJ, "
                f"par exemple {DATE_EXAMPLE}."
            )
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        return f"« {value} » n’est pas une date du calendrier : vérifiez le jour et le mois (AAAA-MM-JJ)."
    return f"Date attendue au format AAAA-MM-JJ, par exemple {DATE_EXAMPLE}."


def _plain(value: object) -> str:
    return str(value) if not isinstance(value, (dict, list)) else "…"


def _field_owner(model: type[BaseModel], loc: tuple) -> tuple[type[BaseModel] | None, object]:
    """The model class holding the field an error is located at, and the field's name."""
    owner: type[BaseModel] | None = model
    for part in loc[:-1]:
        if owner is None:
            break
        if isinstance(part, int):
            continue
        field = owner.model_fields.get(part) if isinstance(part, str) else None
        if field is None:
            nested = _model_named(part)
            owner = nested or owner
            continue
        owner = _model_in(field.annotation)
    return owner, loc[-1] if loc else "(document)"


def _model_in(annotation) -> type[BaseModel] | None:
    """The model class inside a field's type (`list[Article]`, `Term | None`...)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in typing.get_args(annotation):
        found = _model_in(argument)
        if found is not None:
            return found
    return None


def _model_named(part: object) -> type[BaseModel] | None:
    """Pydantic names the member of a union it tried (`Term`, `function-after[...]`)."""
    candidate = getattr(models, str(part), None)
    return candidate if isinstance(candidate, type) and issubclass(candidate, BaseModel) else None


def _literal_values(owner, name) -> list[str]:
    if owner is None or name not in owner.model_fields:
        return []
    return [str(value) for value in _literals(owner.model_fields[name].annotation)]


def _literals(annotation) -> list:
    if typing.get_origin(annotation) is typing.Literal:
        return list(typing.get_args(annotation))
    return [value for argument in typing.get_args(annotation) for value in _literals(argument)]
