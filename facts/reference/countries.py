"""Build the ISO 3166-1 country fixture from pycountry plus our gazetteer extras.

The output is deterministic for a given pycountry version (pinned in requirements.txt), so
`manage.py build_countries_fixture --check` can prove the committed fixture is current.
"""

import functools
import gettext
import json

import pycountry

from facts.reference.country_extras import COUNTRY_EXTRAS
from facts.reference.french_demonyms import french_demonyms

# The name English news uses, where ISO's short name is an inverted or official form.
DISPLAY_NAMES = {
    "RUS": "Russia",
    "COD": "Democratic Republic of the Congo",
    "COG": "Republic of the Congo",
    "PSE": "Palestine",
    "VNM": "Vietnam",
    "LAO": "Laos",
    "PRK": "North Korea",
    "FSM": "Micronesia",
    "VAT": "Vatican City",
}

SAHEL = {"MLI", "NER", "BFA", "TCD", "MRT"}
WEST_AFRICA = {"BEN", "CPV", "CIV", "GMB", "GHA", "GIN", "GNB", "LBR", "NGA", "SEN", "SLE", "TGO"}
NORTH_AFRICA = {"DZA", "EGY", "LBY", "MAR", "TUN", "SDN", "ESH"}


def region_of(alpha3: str) -> str:
    if alpha3 in SAHEL:
        return "Sahel"
    if alpha3 in WEST_AFRICA:
        return "West Africa"
    if alpha3 in NORTH_AFRICA:
        return "North Africa"
    return ""


def _unique(names: list[str], exclude: set[str]) -> list[str]:
    seen = {name.casefold() for name in exclude}
    result = []
    for name in names:
        key = name.casefold()
        if name and key not in seen:
            seen.add(key)
            result.append(name)
    return result


# French country names that are also a common word or a first name in the news ("une
# grenade", "l'équateur", "Maurice", "Dominique"): as aliases they would find countries in
# sentences about something else.
FRENCH_NAMES_TOO_COMMON = frozenset({
    "Grenade", "Équateur", "Maurice", "Dominique", "Salvador", "Chili",
})  # fmt: skip


@functools.cache
def _french():
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])


def french_names(iso) -> list[str]:
    """The country's names in French, from ISO 3166's own translations (iso-codes, shipped
    with pycountry): "Estonie", "République d'Estonie", "Corée du Sud"."""
    english = [getattr(iso, key, "") for key in ("name", "common_name", "official_name")]
    # gettext("") is the catalogue's header, and inverted forms never occur in prose.
    translated = [_french().gettext(n) for n in english if n]
    return [
        n
        for n in dict.fromkeys(translated)
        if n and ", " not in n and n not in FRENCH_NAMES_TOO_COMMON
    ]


def country_record(iso) -> dict:
    """One fixture record (natural key, no pk) for a pycountry country."""
    extras = COUNTRY_EXTRAS.get(iso.alpha_3, {})
    name = DISPLAY_NAMES.get(iso.alpha_3) or getattr(iso, "common_name", None) or iso.name
    official_name = getattr(iso, "official_name", "")
    # ISO's inverted forms ("Korea, Republic of") never occur in prose; skip them as aliases.
    iso_names = [n for n in (iso.name, getattr(iso, "common_name", "")) if n and ", " not in n]
    aliases = _unique(
        [*iso_names, *extras.get("aliases", []), *french_names(iso)],
        exclude={name, official_name},
    )
    return {
        "model": "facts.country",
        "fields": {
            "alpha2": iso.alpha_2,
            "alpha3": iso.alpha_3,
            "numeric": iso.numeric,
            "name": name,
            "official_name": official_name,
            "capital": extras.get("capital", ""),
            # Exact duplicates only: "Malien" opens a sentence, "malienne" follows a noun.
            "demonyms": list(
                dict.fromkeys([*extras.get("demonyms", []), *french_demonyms(iso.alpha_3)])
            ),
            "aliases": aliases,
            "region": region_of(iso.alpha_3),
        },
    }


def build_country_records() -> list[dict]:
    return [country_record(iso) for iso in sorted(pycountry.countries, key=lambda c: c.alpha_3)]


def render_fixture(records: list[dict]) -> str:
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
