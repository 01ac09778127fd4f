"""The French language pack: the words the analysis steps look for in French, as plain data.

Every table has the meaning `en.py` documents, and is read by the same generic steps. This
module says only what is particular to French:

- Apostrophes. French elides ("l’armée", "d’État", "qu’il") with a straight or a curly
  apostrophe, and the steps compare words as written: a word table that holds an elided word
  lists it with both (`_both`), and pieces write `['’]`.
- Word order. Adjectives and demonyms follow the noun ("l’armée malienne", "le président
  malien de la Transition"), a month's qualifier follows the month ("en juillet dernier"),
  "il y a" comes before the span it counts ("il y a trois jours"). Where a step's pattern
  puts a table's words in the English order, the table holds the French words that fit that
  order, or, where none does, words that never match French text: the step cannot use the
  table in French, and its comment says so. (The tests require every table to hold
  something, so no table is empty.)
- Case. Month and weekday names, demonyms and most words of an organisation's name are
  written in lower case ("le 24 mai", "mardi", "malien", "Conseil national pour la
  sauvegarde de la patrie").
- Typography. A non-breaking space comes before ":" ";" "!" "?" "»" (the patterns' `\\s`
  matches it), ordinals are written "1er", decades "les années 1990".
- Mood. The conditional reports what is not confirmed ("il aurait été tué", "les
  assaillants seraient venus du Mali"): its auxiliaries are MODAL, so no event is proposed.
"""


def _both(*words: str) -> tuple[str, ...]:
    """Each word as written with a straight apostrophe and with a curly one."""
    return tuple(dict.fromkeys(w for word in words for w in (word, word.replace("'", "’"))))


# ------------------------------------------------------------------------------ gazetteer

# A feature's word comes before the country's name in French: "golfe de Guinée", "lac Tchad",
# "boucle du Niger", and the Office du Niger (an irrigation agency, not the state).
FEATURE_BEFORE: tuple[str, ...] = (
    "golfe de", "golfe du", "lac", "fleuve", "mont", "boucle du", "delta du", "bassin du",
    "vallée du", "rive du", "rives du", "Office du",
)  # fmt: skip
# French writes the facility before the name ("aéroport international Modibo Keïta", "stade
# Thomas Sankara"), where the step does not look: these are the English words, for names of
# facilities written in English in a French text.
FACILITY_AFTER: tuple[str, ...] = (
    "Airport", "Stadium", "University", "Bridge", "Avenue", "Boulevard", "Street", "Hospital",
)  # fmt: skip
# No French feature's word follows a country's name; the English ones, as above.
FEATURE_AFTER: tuple[str, ...] = ("River", "Delta", "Basin", "Valley", "Bend")

# ------------------------------------------------------------------------------ places

# "à" is both "at" and "to"; the names of units that make the next name a town ("dans la
# localité de Boni") are kept whole: the step reads a unit's word only before "of".
PLACE_AT: tuple[str, ...] = (
    "à", "au", "aux", "en", "dans", "sur", "vers", "à travers", "dans la localité de",
    "dans le village de", "dans la ville de", "dans la commune de", "dans le hameau de",
)  # fmt: skip
_DIRECTION = r"(?:au\s+(?:nord|sud|centre)(?:-(?:est|ouest))?|à\s+l['’](?:est|ouest))"
_OF = r"(?:de\s+la|de|du|des)"
PLACE_NEAR: tuple[str, ...] = (
    rf"(?:près|non\s+loin|aux\s+environs|dans\s+les\s+environs|à\s+proximité|en\s+périphérie|"
    rf"à\s+la\s+périphérie|aux\s+abords|à\s+la\s+sortie|à\s+l['’]entrée|dans\s+la\s+zone)\s+{_OF}",
    rf"sur\s+(?:la\s+route|l['’]axe)\s+(?:{_OF}|entre|reliant)",
    rf"\d+(?:[.,]\d+)?\s?(?:km|kilomètres?)(?:\s+{_DIRECTION})?\s+{_OF}",
    rf"{_DIRECTION}\s+{_OF}",
)
# "l'hôtel Radisson de Bamako", "le camp militaire de Boulkessi", "la base d'Aguelhok".
FACILITY_OF: tuple[str, ...] = ("de", "du", "d'", "d’")
PLACE_FACILITIES: tuple[str, ...] = (
    "hôtel", "camp", "base", "garnison", "aéroport", "mine", "caserne", "poste", "marché",
    "école", "hôpital", "mosquée", "église", "prison", "palais", "gare", "checkpoint",
)  # fmt: skip
# The step reads a unit's word before "of" or after the name (the English orders), where
# French writes none ("la région de Mopti"): the French units, unread until it reads "de".
PLACE_UNITS: dict[str, str] = {
    "région": "admin1", "régions": "admin1", "wilaya": "admin1",
    "province": "admin2", "cercle": "admin2", "département": "admin2", "préfecture": "admin2",
    "district": "admin2",
    "village": "locality", "ville": "locality", "commune": "locality", "localité": "locality",
    "hameau": "locality", "bourgade": "locality", "commune rurale": "locality",
    "commune urbaine": "locality",
}  # fmt: skip
# "dans le nord du Mali", "dans l’est du Burkina Faso", "au centre du Mali": only the country.
_DIRECTIONS = (
    "nord", "sud", "est", "ouest", "centre", "nord-est", "nord-ouest", "sud-est", "sud-ouest",
    "extrême nord", "extrême-nord",
)  # fmt: skip
_COMPASS: tuple[str, ...] = tuple(
    f"{lead}{direction}{link}"
    for direction in _DIRECTIONS
    for lead in ("", *(_both("l'") if direction[0] in "eo" else ("le ",)))
    for link in ("", " du", " de la", " des")
)
PLACE_PARTS: tuple[str, ...] = _COMPASS
# Lower-case words inside a place's name ("Diafarabé de Ségou", "Ti-n-Essako", "Adrar des
# Ifoghas"). Not "le", "la", "du": "à Gao le 12 mars", "à Bamako du 4 au 6 juin" would run
# the date into the name.
PLACE_NAME_LINKS: tuple[str, ...] = ("de", "des", "d", "n", "es", "el")
PLACE_CAPITAL: tuple[str, ...] = (
    r"la\s+capitale(?:\s+(?:du\s+pays|nationale|malienne|nigérienne|burkinabè|burkinabé|"
    r"tchadienne|mauritanienne))?",
)
# Words after a country's name used as a place ("au Mali depuis 2012", "au Niger et au
# Tchad", "au Mali le 24 mai"). The step reads only a word in ASCII letters; French puts few
# nouns after a country's name, so nearly every such word leaves it a place.
PLACE_FOLLOWERS: frozenset[str] = frozenset(
    {
        "et", "ou", "mais", "ni", "car", "donc", "comme", "par", "pour", "dans", "depuis", "en",
        "entre", "contre", "avec", "sans", "sous", "sur", "vers", "pendant", "avant", "durant",
        "lors", "le", "la", "les", "un", "une", "des", "du", "de", "au", "aux", "ce", "cette",
        "ces", "qui", "que", "dont", "lorsque", "quand", "alors", "tandis", "puis", "ensuite",
        "hier", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "il",
        "elle", "ils", "elles", "on", "a", "ont", "est", "sont", "avait", "avaient", "sera",
        "se", "y", "aussi", "ainsi", "notamment", "selon", "fin", "mi", "courant", "plus",
        "jusqu", "afin", "l'", "l’", "d'", "d’", "qu'", "qu’", "s'", "s’", "n'", "n’",
    }
)  # fmt: skip
PLACE_OTHER_EVENT: tuple[str, ...] = (
    "après", "avant", "suite à", "à la suite de", "depuis", "jusqu'à", "jusqu’à",
    "pendant que", "alors que", "tandis que", "lors de", "lors du", "au lendemain de",
    "au lendemain du", "en marge de", "en marge du",
)  # fmt: skip

# ------------------------------------------------------------------------------ fatalities

FATALITY_VERBS: tuple[str, ...] = (
    "tués", "tuées", "tué", "tuée", "morts", "mortes", "mort", "décédés", "décédé", "décès",
    "ont péri", "ont perdu la vie", "a perdu la vie", "massacrés", "exécutés", "abattus",
)  # fmt: skip
FATALITY_AUXILIARIES: tuple[str, ...] = (
    "ont été", "a été", "avaient été", "avait été", "sont", "est", "y ont",
    "auraient été", "ont", "a",
)  # fmt: skip
# "qui ont causé la mort de plus de 20 personnes", "provoquant la mort d’au moins 46 civils":
# a count elided onto "de" ("d’au moins") is a qualifier below, after "la mort".
FATALITY_LEADS: tuple[str, ...] = (
    "tuant", "a tué", "ont tué", "avait tué", "avaient tué", "coûté la vie à",
    "coûtant la vie à", "causé la mort de", "causé la mort", "causant la mort de",
    "causant la mort", "provoqué la mort de", "provoqué la mort", "provoquant la mort de",
    "provoquant la mort", "entraîné la mort de", "entraîné la mort", "entraînant la mort de",
    "entraînant la mort", "bilan de", "bilan s'élève à", "bilan s’élève à", "bilan est passé à",
    "bilan est de", "bilan humain de", "bilan provisoire de",
)  # fmt: skip
# "une quarantaine de morts": "une" before an approximate number ("quarantaine") makes it a
# best estimate; "au moins une vingtaine" keeps both the bound and the approximation.
_LOWER_BOUNDS = (
    "au moins", "plus de", "pas moins de", "de plus de",
    *_both("au moins une", "plus d'une", "pas moins d'une", "d'au moins", "d'au moins une"),
)  # fmt: skip
_UPPER_BOUNDS = ("jusqu'à", "jusqu’à", "près de", "presque", "de près de", *_both("près d'une"))
FATALITY_QUALIFIERS: tuple[str, ...] = (
    *sorted((*_LOWER_BOUNDS, *_UPPER_BOUNDS), key=len, reverse=True),
    *_both("d'environ"), "environ", "quelque", "approximativement", "une",
)  # fmt: skip
FATALITY_LOWER_BOUNDS: frozenset[str] = frozenset(_LOWER_BOUNDS)
FATALITY_UPPER_BOUNDS: frozenset[str] = frozenset(_UPPER_BOUNDS)
FATALITY_RANGE_OPENERS: tuple[str, ...] = ("entre", "de")
FATALITY_RANGE_JOINS: tuple[str, ...] = ("et", "à")
AND_WORDS: tuple[str, ...] = ("et", "ainsi que")
NON_FATAL_WORDS: tuple[str, ...] = (
    "blessés", "blessées", "blessé", "blessée", "disparus", "portés disparus", "enlevés",
    "kidnappés", "capturés", "arrêtés", "interpellés", "otages",
)  # fmt: skip

# ------------------------------------------------------------------------------ events

_AIDED = (
    r"(?:aides?|assistance|coopération|financements?|programmes?|soutien|appui|partenariat|"
    r"subventions?)"
)
# A name's first letter, matched in its case within a case-insensitive pattern.
_CAP = r"(?-i:[A-ZÀ-Ý])"
_BLOCS = r"(?:CEDEAO|Cédéao|ECOWAS|Union\s+africaine|G5\s*-?\s*Sahel|OIF|Francophonie)"

TRIGGERS: dict[str, tuple[str, ...]] = {
    "coup": (
        # "coups" alone is the trigger's last word, so "deux coups d'État" reads as plural.
        r"\bcoups?(?=\s+d['’]état\b)|\bcoups?\s+(?:de\s+force|militaires?)\b",
        # not "putschistes": the soldiers, not the coup
        r"\bputschs?\b|\bprise\s+(?:du|de)\s+pouvoir\b",
        r"\b(?:pris|prend|prennent|prenant|prendre)\s+le\s+pouvoir\b|\bs['’]empar\w*\s+du\s+"
        r"pouvoir\b|\bse\s+sont\s+emparés\s+du\s+pouvoir\b",
        r"\brenvers(?:é|ée|és|er|ent|ant|a|èrent|ement)\b|\bdestitu(?:é|ée|és|er|ant|tion)\b"
        r"|\bdéchue?\b|\bévinc(?:é|ée|er|ant)\b",
        # "ont déposé le président", not "déposé les armes" or "déposé une plainte"
        r"\bdépos(?:é|ée|és|er|ant|èrent|a|ition)\s+(?:du\s+|le\s+|la\s+)?(?:président|chef|"
        r"régime|gouvernement)\b",
        r"\bchass(?:é|ée|és|er|èrent)\s+du\s+pouvoir\b|\bécart(?:é|ée|és|er)\s+du\s+pouvoir\b",
        # "a démis le président … de ses fonctions" (as "removed … from office"), and how the
        # Sahel's press reports a coup as it happens: "des militaires ont arrêté le président".
        # Not "le Premier ministre a été démis de ses fonctions": a dismissal ("other").
        r"\bdém(?:is|ettre|et|ettent|ettant)\s+(?:le\s+président|la\s+présidente|le\s+chef\s+de"
        r"\s+l['’]État)\b[^.;]{0,60}?\bde\s+(?:ses|leurs)\s+fonctions\b",
        r"\b(?:militaires|soldats|mutins|putschistes)\b[^.;]{0,40}?\b(?:arrêt(?:é|ent|aient)|"
        r"interpell(?:é|ent)|séquestr(?:é|ent)|retenu|retiennent|enlev(?:é|ent))\s+(?:le|la)\s+"
        r"(?:président|présidente|chef\s+de\s+l['’]État)\b",
        # the United Nations' words: "les tentatives anticonstitutionnelles engagées le 26
        # juillet", "la rupture de l'ordre constitutionnel en 2020"
        r"\b(?:changements?|tentatives?)\s+(?:anti|in)constitutionnel(?:le)?s?\b|\brupture\s+de"
        r"\s+l['’]ordre\s+constitutionnel\b|\bmutineries?\b|\bmutin(?:s|és)\b",
        # "les forces de défense et de sécurité ont décidé de mettre fin au régime"
        r"\b(?:mettre|mis|met|mettent|mettant)\s+fin\s+au\s+régime\b",
    ),
    "membership-change": (
        r"\b(?:retrait|sortie|départ|quitt\w*|retir\w*|sorti[rse]?)\b[^.;]{0,80}?\b"
        + _BLOCS
        + r"\b",
        r"\b(?:adhér\w*|adhésion|rejoin\w*|rejoint|intégr\w*|réintégr\w*|réadmi\w*)\b[^.;]{0,30}?"
        r"\b(?:AES|Alliance|Confédération|CEDEAO|Cédéao|UA|Union\s+africaine)\b",
        r"\bsuspen(?:du|due|dus|dre|d|dent|sion)\b[^.;]{0,40}?\b(?:instances|CEDEAO|Cédéao|UA|"
        r"Union\s+africaine|OIF|Francophonie)\b",
    ),
    "withdrawal": (
        r"\bretrait\b|\bdésengagement\b",
        r"\b(?:se\s+sont|s['’]est|s['’]étai(?:t|ent))\s+retirée?s?\b"
        r"|\bse\s+retir(?:er|ent|ait|aient|ant)\b"
        r"|\bretir(?:é|ée|és|er|ent|a|èrent)\s+(?:ses|leurs|les|son|sa)\s+(?:troupes|forces|"
        r"soldats|militaires|contingents?|casques\s+bleus|éléments)\b",
        # The article before a country's name is the trigger's: "ont quitté le Mali" then has
        # the country right after the verb, as its direct object ("left Mali").
        r"\bquitt(?:er|é|ée|és|ées|ent|ait|aient|ant|a|èrent)\b(?:\s+(?:le|la)(?=\s+" + _CAP + r")"
        r"|(?=\s+(?:le\s+(?:pays|territoire|sol)|la\s+(?:base|ville|région)|leurs?\s+bases?|"
        r"ses\s+bases?|définitivement)\b))",
        r"\bdépart\s+(?:des|de\s+la|du)\b[^.;]{0,30}?\b(?:troupes|forces?|soldats|militaires|"
        r"casques\s+bleus|mission|contingent|Minusma|MINUSMA|Barkhane)\b",
        r"\bfin\s+(?:de\s+l['’]opération|de\s+la\s+mission|du\s+mandat)\b"
        r"|\b(?:mis|mettre|met|mettant)\s+fin\s+(?:à\s+l['’]opération|à\s+la\s+mission|au\s+mandat|"
        r"à\s+la\s+présence)\b",
    ),
    # The first two are the formation words (events.py reads them as such). Not "formation":
    # in military French it is training ("la formation des soldats maliens"); nor the
    # infinitives, mostly "créer les conditions de …", "instaurer un couvre-feu".
    "alliance-formation": (
        r"\b(?:création|fondation|mise\s+en\s+place)\s+(?:de|d['’]|du|des)",
        r"\b(?:cré(?:é|ée|és|ées|ent|a|èrent|ant)|fond(?:é|ée|és|ées|a|èrent)|instaur(?:é|ée|és"
        r"|a|ant)|mis\s+en\s+place|mise\s+en\s+place)\b",
        r"\b(?:prêt(?:é|er|ant|ent)|fait)\s+allégeance\b|\bfusion(?:né|nés|ner|nent)?\b",
        r"\b(?:transform|mu)\w*\b[^.;]{0,40}?\ben\s+(?:une\s+)?(?:confédération|fédération|"
        r"alliance|union)\b",
        r"\bcharte\s+du\s+Liptako[-\s]Gourma\b",
    ),
    "force-creation": (
        r"\b(?:inaugur\w*|lancement|opérationnalisation|cré(?:é|ée|és|ées|er|ent|a|ation)|mis(?:e)?"
        r"\s+en\s+place|mettre\s+en\s+place|instaur\w*)\b[^.;]{0,60}?\b(?:une|la|leur|sa)\s+"
        r"(?:nouvelle\s+)?forces?\b",
    ),
    "meeting": (
        r"\b(?:s['’]est|se\s+sont|s['’]étai(?:t|ent))\s+entretenue?s?\b|\bentretiens?\s+avec\b"
        r"|\b(?:a|ont|avait)\s+eu\s+(?:un|des)\s+entretiens?\b",
        # "a rencontré le président", not "a rencontré des difficultés"
        r"\b(?:a|ont|avait|avaient)\s+rencontré\b(?=\s+(?:le|la|les|l['’]|son|sa|ses|leurs?|"
        r"" + _CAP + r"))|\brencontre\s+(?:avec|entre)\b|\bréunion\b|\bsommet\b|\bpourparlers\b"
        r"|\btête-à-tête\b|\b(?:s['’]est|se\s+sont)\s+réunie?s?\b",
        r"\b(?:dirigeants|ministres|chefs\s+d['’]État|chefs\s+d['’]état-major)\s+réunis\s+(?:à|au|"
        r"en)\b",
    ),
    "visit": (
        r"\ben\s+visite\b|\bvisite\s+(?:officielle|de\s+travail|d['’]État|d['’]amitié)\b"
        r"|\bvisite(?=\s+(?:à|au|aux|en|du|de|d['’]))"
        # as "quitté le Mali" above: "a visité le Niger", the country its direct object
        r"|\bvisit(?:é|ée|er|ent|ait|aient|ant)\b(?:\s+(?:le|la)(?=\s+" + _CAP + r"))?",
        r"\b(?:s['’]est|se\s+sont|s['’]étai(?:t|ent))\s+rendue?s?\b|\bvoyage\s+(?:à|au|aux|en)\b"
        r"|\btournée\s+(?:à|au|aux|en|dans|régionale|africaine)\b|\bmission\s+(?:à|au|aux|en)\b",
    ),
    "agreement": (
        r"\baccords?\s+(?:de\s+paix|pour\s+la\s+paix|d['’]Alger|de\s+cessez-le-feu)\b"
        r"|\btraité\s+de\s+paix\b|\bmis\s+d['’]accord\b|\bconvenue?s?\s+(?:de|d['’])",
        r"\bcessez-le-feu\b|\btrêve\b|\bcontrats?\s+avec\b",
        r"\bsign(?:é|ée|és|ées|er|ent|ait|aient|ant|ature|a|èrent)\b[^.]{0,60}?\b(?:accords?|"
        r"convention|pacte|charte|mémorandum|protocole|traité|contrat|partenariat)\b",
        r"\b(?:accord|traité|pacte|protocole|mémorandum|convention)\s+(?:a\s+été\s+|ont\s+été\s+)?"
        r"(?:signée?s?|conclue?s?|paraphée?s?)\b",
    ),
    "aid-suspension": (
        r"\b(?:suspen\w*|gel(?:é|ée|er|ent|a)|gèl\w*|interromp\w*|coup(?:é|ée|er|ent)|supprim\w*|"
        r"(?:mis|mettre|met)\s+fin)\b[^.]{0,60}?\b" + _AIDED + r"\b",
        r"\bsuspension\s+(?:de|du|des|d['’])[^.]{0,40}?\b" + _AIDED + r"\b",
        r"\b(?:réduit|réduire|revu\s+à\s+la\s+baisse)\b[^.;]{0,40}?\b" + _AIDED + r"\b",
    ),
    "sanction": (
        r"\bimpos(?:é|ée|és|ées|er|ent|ait|ant|a|èrent)\b[^.]{0,40}?\bsanctions?\b"
        r"|\bsanctionn(?:é|ée|és|ées|er|ent|e|ait|ant|a)\b",
        r"\blev(?:é|ée|és|ées|er|ent|a)\b[^.;]{0,30}?\bsanctions?\b|\blevée\s+des\s+sanctions\b"
        r"|\bembargo\b",
        r"\bferm(?:é|ée|er|ent|eture)\b[^.;]{0,20}?\bfrontières?\b",
        r"\bcoup(?:é|ée|er|ent|ure)\b[^.;]{0,40}?\b(?:approvisionnement|électricité|fourniture|"
        r"échanges|commerce)\b",
        r"\bsanctions?\s+(?:décidées|adoptées|prises|imposées|annoncées|infligées|économiques|"
        r"financières|ciblées|contre|à\s+l['’]encontre)\b",
    ),
    "equipment-delivery": (
        r"\b(?:livr(?:é|ée|és|ées|er|ent|ait|ant|a|aison|aisons|èrent)|fourni(?:t|s|e|es|r|ssant|"
        r"ssent)?|envoy(?:é|ée|és|er|a|èrent)|expédi\w*|transfér\w*|transferts?|dons?\s+de|"
        r"offert|cédé)\b[^.]{0,80}?\b(?:avions?|aéronefs?|hélicoptères?|drones?|chars?|blindés|"
        r"armes|armements?|matériels?|équipements?|véhicules|missiles|munitions|artillerie|"
        r"radars?|engins)\b",
    ),
    "intelligence-sharing": (
        r"\b(?:partage|échange)s?\s+(?:de\s+|d['’])?(?:renseignements?|informations?\s+(?:sensibles"
        r"|militaires|sécuritaires))\b|\bpartag\w*\b[^.;]{0,30}?\brenseignements?\b",
        r"\b(?:coopération|coordination)\s+(?:en\s+matière\s+de\s+|du\s+|de\s+)?renseignements?\b",
    ),
    "deployment": (
        r"\bdéploi(?:e|ent|ement|ements)\b|\bdéploy(?:é|ée|és|ées|er|ait|aient|ant|a|èrent)\b"
        r"|\bredéploi\w*|\bredéploy\w*",
        r"\benvoy(?:é|er|a|èrent|ant)\s+(?:des\s+|de\s+|ses\s+|leurs\s+)?(?:troupes|forces|soldats|"
        r"militaires|renforts|contingents?|instructeurs|mercenaires)\b",
        r"\b(?:étendu|renforcé|accru)\s+(?:sa|leur)\s+présence\b|\bstationn(?:é|ée|és|ées|ement)\b",
        r"\blanc(?:é|ée|er|ent|ait|ant|ement)\b[^.;]{0,30}?\b(?:opérations?|intervention)\b"
        r"|\b(?:opération|intervention)\s+militaire\b",
        r"\b(?:troupes|forces|soldats|militaires|instructeurs|mercenaires|renforts|contingents?)\b"
        r"[^.;]{0,30}?\barriv(?:é|ée|és|ées|ent|ait|aient|ant)\b|\barrivée\s+(?:de|des|d['’])"
        r"[^.;]{0,30}?\b(?:troupes|forces|soldats|militaires|mercenaires|instructeurs)\b",
        # "présente au Mali depuis 2013": a presence, dated from its start
        r"\b(?:est|sont|était|étaient)\s+(?:présente?s?|actifs?|actives?)\s+(?:au|en|à|dans)\b",
        # "la Minusma a pris le relais de la Misma": a force in the place of another
        r"\b(?:pris|prend|prendre)\s+le\s+relais\b|\bsuccéd(?:é|er|ant|a)\s+à\b",
        r"\b(?:entrée?s?|engagée?s?)\s+dans\s+(?:le\s+conflit|la\s+guerre|les\s+combats|"
        r"la\s+lutte)\b",
    ),
    "airstrike": (
        r"\bfrappes?(?=\s+(?:aériennes?|de\s+drones?|d['’]aviation|ciblées?))|\bbombardements?\b"
        r"|\braids?\s+aériens?\b|\bfrapp(?:é|ée|és|ées)\s+par\s+(?:un|des)\s+drones?\b",
    ),
    "attack": (
        r"\battaqu(?:e|es|é|ée|és|ées|er|ent|ait|aient|ant|a|èrent)\b(?!\s+(?:hélicoptères?|"
        r"informatiques?|cardiaques?))|\bembuscades?\b|\bassauts?\b|\battentats?(?:-suicides?)?\b",
        r"\btu(?:é|ée|és|ées|ant|ent|aient|èrent)\b|\braids?\b|\bmassacres?\b|\btueries?\b"
        r"|\bincursions?\b|\bprise?s?\s+d['’]assaut\b",
        r"\b(?:affrontements?|accrochages?|heurts)\b|\béchanges?\s+de\s+tirs\b"
        r"|\bouvert\s+le\s+feu\b|\bont\s+tiré\s+sur\b",
        r"\bincendi(?:é|ée|és|ées|er|aient|ant)\b|\bmis\s+le\s+feu\b"
        r"|\bexécut(?:é|ée|és|ées|ions?)\b",
        r"\bkamikazes?\b|\bvoitures?\s+piégées?\b|\bengins?\s+explosifs?\b|\boffensive\b"
        r"|\bopérations?\s+terroristes?\b",
        r"\bcarnages?\b|\bmines?\s+artisanales?\b",
    ),
    "expulsion": (
        # "a déclaré persona non grata l'ambassadeur", "a été déclaré persona non grata", not
        # the appositive "l'ambassadeur de France, déclaré persona non grata," after an
        # expulsion verb: the country before it would read as the one who expelled.
        r"\bexpuls(?:é|ée|és|ées|er|ent|ait|ant|a|èrent|ion|ions)\b"
        r"|(?<!,\s)\bdéclar(?:é|ée|és|ées|e|ent|ant|a|er)\s+persona\s+non\s+grata\b"
        r"|\bsomm(?:é|ée|és|ées)\s+de\s+quitter\b",
    ),
    "protest": (
        # not "a manifesté son soutien": shown, not protested
        r"\bmanifestations?\b|\bmanifestants?\b|\bmanifest(?:é|er|ent|aient|ait|èrent)\b(?!\s+"
        r"(?:leur|son|sa|ses|un|une|de|du|des)\b)|\bprotestations?\b|\bémeutes?\b|\bsit-in\b",
        r"\bdescend(?:us?|ues?|re|ent)\s+dans\s+la\s+rue\b"
        r"|\bmarch(?:e|é|er|ent)\s+(?:de\s+protestation|pacifique|contre)\b"
        r"|\brassemblement\s+(?:de\s+soutien|contre)\b",
    ),
    "election": (
        r"\bélections?\s+(?:présidentielles?|législatives|générales|municipales|locales)\b"
        r"|\b(?:la\s+)?présidentielle\b|\bréférendums?\b|\bscrutin\s+présidentiel\b",
        r"\b(?:a\s+été|ont\s+été|avait\s+été|fut|est)\s+(?:ré)?élue?s?\b|\bréélue?s?\b"
        # "…, élu en 2021": the date is the election's, not the act the sentence reports
        r"|\bélue?s?\s+(?:en|le|lors|président|à\s+la\s+présidence|au\s+premier\s+tour)\b",
        # "les élections au Burkina se sont déroulées en novembre"
        r"\bélections?\b(?=[^.;]{0,40}?\b(?:se\s+sont\s+(?:déroulées|tenues)|ont\s+eu\s+lieu"
        r"|s['’]est\s+(?:déroulée|tenue)|a\s+eu\s+lieu)\b)",
    ),
    # What someone said as an act. Not "condamné à dix ans de prison": a sentence, not a word.
    "statement": (
        r"\bcondamn(?:e|ent|é|ée|és|ées|er|ait|ant|a|èrent)\b(?!\s+(?:à|par\s+contumace|pour|"
        r"en\s+appel)\b)|\bcommuniqués?\b|\bdéclaration\s+(?:conjointe|à\s+la\s+presse)\b",
        r"\b(?:profondément|vivement|gravement|très)\s+préoccupée?s?\b|\blancé\s+un\s+appel\b"
        r"|\bappel(?:é|ée|le|lent|ait|ant|er)\s+(?:à|au|aux)\b",
        r"\bsalu(?:e|ent|é|ée|er|ait|ant|a)\b|\bse\s+félicit\w*|\b(?:réaffirm|exprim)\w*\s+(?:son|"
        r"leur)\s+soutien\b",
        r"\bà\s+la\s+télévision\s+(?:nationale|publique|d['’]État)\b"
        r"|\bannon(?:ce|cent|cé|cée|cés|cer|çait|çaient|çant|ça|cèrent)\b",
        r"\brapport\s+(?:publié|rendu\s+public|diffusé)\b|\b(?:publié|rendu\s+public|diffusé)\s+un"
        r"\s+rapport\b",
    ),
    # Events of no kind above: a resignation, a death, a rebellion, a swearing-in.
    "other": (
        r"\bdémission(?:né|née|ner|ne|nent)?\b|\bdécès\s+(?:de|du|d['’])|\bdécédée?\b"
        r"|\bassassin(?:é|ée|at|er)\b",
        # the outbreak of a conflict ("depuis le début du conflit en 2015")
        r"\b(?:début|déclenchement)\s+(?:du|de\s+la|de\s+l['’])\s*(?:conflit|guerre|"
        r"insurrection|rébellion)\b",
        # a mission's mandate extended ("a prorogé le mandat de la MINUSMA")
        r"\b(?:prorog|renouvel)\w*\s+(?:(?:le|son|leur)\s+)?mandat\b",
        r"\b(?:rébellion|insurrection|soulèvement|guerre\s+civile)\b|\bévacu(?:er|é|ée|és|ation|"
        r"ent|ait)\b",
        r"\brévoqu(?:é|ée|er|ent|e|ait)\b|\babrog(?:é|ée|er|e|ation)\b|\bdissou(?:s|te|tes|dre)\b"
        r"|\bdissolution\b|\breport(?:é|ée|és|er)\b(?=[^.;]{0,40}\b(?:élections?|scrutin|"
        r"référendum|transition)\b)",
        r"\bsuspen(?:du|due|dre|d)\s+la\s+Constitution\b|\bespace\s+aérien\b",
        r"\b(?:suspendu|suspend|suspendre|interdit|dissous)\b[^.;]{0,25}?\bpartis?\s+politiques?\b",
        r"\b(?:remplac|limog|révoqu|démi[st])\w*\b[^.;]{0,30}?\b(?:Premier\s+ministre|président|"
        r"gouvernement|chef\s+d['’]état-major|ministre|commandant)\b"
        # "le Premier ministre … a été limogé": the office named before the verb
        r"|\b(?:a|ont)\s+été\s+(?:limogée?s?|démise?s?\s+de\s+ses\s+fonctions|révoquée?s?)\b",
        r"\b(?:accéd\w*|accession|proclam\w*)\s+(?:à\s+)?(?:l['’]|son\s+|leur\s+)?indépendance\b",
        r"\bproclamée?\s+(?:président|chef|dirigeant)\b|\bprêté\s+serment\b|\bprestation\s+de\s+"
        r"serment\b|\binvestie?\s+(?:président|chef)\b",
    ),
}
OBJECT_PREPOSITIONS: dict[str, tuple[str, ...]] = {
    "equipment-delivery": ("au", "aux", "à", "pour"),
    "intelligence-sharing": ("avec", "au", "aux", "à"),
    "aid-suspension": ("au", "aux", "à", "pour", "envers"),
    "sanction": ("contre", "visant", *_both("à l'encontre de", "à l'encontre du")),
    "visit": ("à", "au", "aux", "en"),
    "meeting": ("avec", "et"),
    "agreement": ("avec", "et"),
    "membership-change": (),
    "alliance-formation": ("par", "avec"),
    "force-creation": ("par",),
    "protest": ("contre",),
    "statement": (),
    "other": (),
}
# A statement in the present tense ("Le Secrétaire général condamne …", "Le Gouvernement de
# la Transition informe l'opinion …"): made on the day of the release that carries it.
PRESENT_STATEMENTS: tuple[str, ...] = (
    r"condamne(?:nt)?", r"salue(?:nt)?", r"annonce(?:nt)?", r"appelle(?:nt)?", r"exhorte(?:nt)?",
    r"déclare(?:nt)?", r"réaffirme(?:nt)?", r"dénonce(?:nt)?", r"déplore(?:nt)?",
    r"(?:est|sont)\s+(?:profondément\s+|vivement\s+|gravement\s+)?préoccupée?s?",
    r"prend\s+(?:acte|note)", r"se\s+félicite(?:nt)?", r"informe(?:nt)?",
    r"porte(?:nt)?\s+à\s+la\s+connaissance",
)  # fmt: skip
COUP_TARGET_MARKERS: tuple[str, ...] = (
    r"renvers(?:é|ée|er|ant|ement)(?:\s+(?:de|du))?",
    r"destitu(?:é|ée|er|ant|tion)(?:\s+(?:de|du))?", r"évinc(?:é|ée|er|ant)",
    r"évictions?(?:\s+(?:de|du))?", r"déposé", r"déchue?",
    r"dépos(?:er|ant|ition)(?:\s+(?:de|du))?", r"arrêt(?:é|ée|er|ant)",
    r"arrestation(?:\s+(?:de|du))?",
    r"détenue?", r"captur(?:é|ée|er|ant)", r"contre",
    # French names the office between the verb and the name: "renversé le président de la
    # République, Mohamed Bazoum", "arrêter le président de la Transition, Bah N'Daw".
    r"(?:arrêt|renvers|destitu|évinc)(?:é|ée|er|ant)\s+(?:le|la)\s+(?:président|présidente|"
    r"Premier\s+ministre|chef)\b[^,;.]{0,40},",
)  # fmt: skip
# Past participles agree with their subject: "menée par", "perpétrés par".
AGENT_PHRASES: tuple[str, ...] = (
    r"menée?s?", r"perpétrée?s?", r"commise?s?", r"revendiquée?s?", r"conduite?s?", r"lancée?s?",
    r"organisée?s?", r"orchestrée?s?", r"dirigée?s?", r"exécutée?s?", r"tendue?s?",
    r"déclarée?s?\s+persona\s+non\s+grata",
)  # fmt: skip
COUP_AGENT_VERBS: tuple[str, ...] = (
    r"(?:qui\s+)?(?:a|ont|avait|avaient)\s+(?:pris|renversé|déposé|destitué|mené|dirigé|conduit|"
    r"orchestré|proclamé|annoncé|évincé|chassé)",
    r"(?:qui\s+)?(?:s['’](?:est|étai(?:t|ent))|se\s+sont)\s+emparée?s?",
    r"(?:qui\s+)?pren(?:d|nent)\s+le\s+pouvoir",
)
COUP_LEADER_MARKERS: tuple[str, ...] = (
    r"menée?\s+par", r"dirigée?\s+par", r"conduite?\s+par", r"orchestrée?\s+par",
    r"sous\s+la\s+(?:direction|conduite|houlette|commande)\s+(?:de|du)", r"avec\s+à\s+sa\s+tête",
)  # fmt: skip
# The last word of a plural trigger (see the "coup" and "airstrike" pieces).
PLURAL_EVENT_NOUNS: frozenset[str] = frozenset({
    "coups", "putschs", "attaques", "attentats", "embuscades", "assauts", "frappes",
    "bombardements", "raids", "affrontements", "accrochages", "massacres", "tueries",
    "incursions", "déploiements", "visites", "rencontres", "réunions", "sommets", "livraisons",
    "élections", "manifestations", "retraits",
})  # fmt: skip
# Conditional and future auxiliaries, and modal verbs: what may happen, or what "would have"
# happened by unconfirmed accounts ("il aurait été tué"). The step matches these case-
# sensitively; a sentence may open with one.
MODAL: tuple[str, ...] = (
    r"[Aa]urai(?:t|ent)", r"[Ss]erai(?:t|ent)", r"[Pp]ourrai(?:t|ent)", r"[Dd]evrai(?:t|ent)",
    r"[Pp]ourr(?:a|ont)", r"[Dd]evr(?:a|ont)", r"[Ss]er(?:a|ont)", r"[Aa]ur(?:a|ont)",
    r"[Ff]er(?:a|ont)", r"[Vv]a", r"[Vv]ont", r"faudrait", r"permettrai(?:t|ent)",
    r"(?:est|sont)\s+(?:censée?s?|appelée?s?\s+à)", r"[Rr]isque(?:nt)?\s+de",
)  # fmt: skip
HEDGE: tuple[str, ...] = (
    r"potentiel(?:le)?(?:ment)?", r"possible(?:ment)?", r"peut-être", r"probablement",
    r"présumée?s?", r"supposée?s?", r"apparemment", r"semble(?:nt)?", r"semblerait",
    r"vis(?:e|ent)\s+à", r"cherch(?:e|ent)\s+à", r"prévoi(?:t|ent)\s+de", r"envisag(?:e|ent)\s+de",
    r"spécul\w*", r"non\s+confirmée?s?", r"si",
)  # fmt: skip
# Words just before a trigger (two words may stand between) that deny it. Not "plus" alone
# ("plus de 20 attaques"): only as "n'a plus".
NEGATION: tuple[str, ...] = (
    "pas", "jamais", "aucun", "aucune", "sans",
    *_both("n'a plus", "n'ont plus", "n'est plus"), "ne sont plus",
    "démenti", "dément", "démentent", "nie", "nient", "nié", "perte de",
    "refus de", "refusé de", "refuse de", "refusent de",
    # A threat is not the act: "menacé d'une intervention militaire" (an elided word is
    # written with the word it is glued to: the step needs a space after each entry).
    "menace de", "menacé de", "menacent de", "menaçant de", "menaces de",
    *_both("menace d'une", "menacé d'une", "menacent d'une", "menaçant d'une", "menace d'un"),
    *_both("menacé d'un", "menacent d'un", "menaçant d'un"),
)  # fmt: skip
PASSIVE_AUXILIARIES: tuple[str, ...] = (
    "été", "est", "sont", "était", "étaient", "fut", "furent", "sera", "seront", "être",
)  # fmt: skip
# Compass words between a locative preposition and a country ("dans le nord du Mali",
# "dans l'est du Burkina Faso", "au centre du Mali").
LOCATIVE_QUALIFIERS: tuple[str, ...] = _COMPASS
LOCATIVE_PREPOSITIONS: tuple[str, ...] = (
    "à", "au", "aux", "en", "dans", "vers", "depuis", "à travers", "au sein de", "partout en",
    "partout au", "sur le territoire", "près du", "près de",
)  # fmt: skip
PLACE_LABELS: tuple[str, ...] = (
    "lieu", "lieux", "localisation", "siège", "zone", "région", "pays", "capitale", "basé à",
    "basée à",
)  # fmt: skip
# The step reads these before "of" ("the Ménaka region of Mali"), which French never writes:
# the French nouns, for a step that reads "de"/"du".
PLACE_OF_NOUNS: tuple[str, ...] = (
    "région", "régions", "province", "provinces", "nord", "sud", "est", "ouest", "centre",
    "partie", "ville", "village", "capitale", "frontière", "frontières", "cœur", "intérieur",
    "cercle", "commune",
)  # fmt: skip
# "Le Burkina Faso a connu deux coups d'État": the country the event happened in.
EXPERIENCER_VERBS: tuple[str, ...] = (
    "a connu", "ont connu", "avait connu", "connaît", "a subi", "ont subi", "subit", "a vécu",
    "a traversé", "a enregistré", "a été le théâtre de", "est confronté à", "fait face à",
    "a fait face à", "avait fait face à",
)  # fmt: skip
# Words that open a reported clause. "que" also ends "ainsi que", "alors que": a name before
# those is then read as a speaker, as "that" is in English.
COMPLEMENTIZERS: tuple[str, ...] = ("que", "qu'", "qu’")
STANCE_VERBS: tuple[str, ...] = (
    "soutenu", "appuyé", "condamné", "dénoncé", "salué", "rejeté", "approuvé", "critiqué",
    "déploré", "justifié", "fustigé", "applaudi", "soutient", "condamne", "dénonce", "salue",
    "rejette", "déplore",
)  # fmt: skip
# Head words of a force's name, in French and in English (the reference data names actors in
# English: "Unified Force of the Alliance of Sahel States").
FORCE_NAME_HEADS: tuple[str, ...] = (
    "Force", "Forces", "Mission", "Opération", "Operation", "Brigade", "Bataillon", "Battalion",
    "Corps", "Unité", "Unit", "Régiment", "Regiment", "Contingent",
)  # fmt: skip
SPEAKING_OF: tuple[str, ...] = (
    r"pren(?:d|nent|ait)\s+(?:acte|note)\s+(?:de|du|des|d['’])", r"a\s+pris\s+(?:acte|note)",
    r"not(?:e|ent|é)\s+(?:que|avec)", r"condamn(?:e|ent|é|ée|ant|er|ait)",
    r"dénon(?:ce|cent|cé|çant|cer|çait)", r"salu(?:e|ent|é|ant|er)", r"se\s+félicit\w*",
    r"déplor(?:e|ent|é|ant|er)", r"regrett(?:e|ent|é|ant|er)", r"rejet(?:te|tent|é|ant|er)",
    r"suggér\w*|suggèr\w*",
)  # fmt: skip
CROWD_NOUNS: tuple[str, ...] = (
    "foules?", "manifestants", "protestataires", "émeutiers", "jeunes", "partisans",
)  # fmt: skip
MUTUAL_FIGHTING: tuple[str, ...] = (
    r"affrontements?", r"combats?", r"accrochages?", r"heurts", r"échanges?\s+de\s+tirs",
    r"batailles?",
)  # fmt: skip
REQUEST_MARKERS: tuple[str, ...] = (
    r"appel(?:é|ée|le|lent|ait|ant|er)\s+(?:à|au)", r"réclam\w*", r"exig\w*",
    r"demand(?:é|ée|e|ent|ait|ant|er)", r"exhort\w*", r"plaid\w*\s+pour", r"somm(?:é|e|ent)\s+de",
)  # fmt: skip
NAMED_EVENT_OPENERS: tuple[str, ...] = (
    "après", "suite à", "à la suite", "depuis", "avant", "lors", "malgré", "avec", "jusqu'à",
    "jusqu’à", "au lendemain", "dans la foulée",
)  # fmt: skip
RELATIVE_PRONOUNS: tuple[str, ...] = (
    "qui", "que", "dont", "lequel", "laquelle", "lesquels", "lesquelles", "où",
)  # fmt: skip
DEADLINE_WORDS: tuple[str, ...] = (
    "jusqu'au", "jusqu’au", "jusqu'à", "jusqu’à", "jusqu'en", "jusqu’en", "d'ici au", "d’ici au",
    "d'ici à", "d’ici à", "d'ici", "d’ici", "avant le", "au plus tard le",
)  # fmt: skip
DEADLINE_WHEN: tuple[str, ...] = ("quand", "lorsque", "lorsqu'", "lorsqu’", "où", "date à laquelle")
OCCURRENCE_CLAUSES: tuple[str, ...] = (
    r"qui\s+(?:a|ont|avait|avaient)\s+été\s+(?:perpétrée?s?|commise?s?|menée?s?|lancée?s?)",
    r"qui\s+(?:a|ont|avait|avaient)\s+eu\s+lieu|qui\s+s['’](?:est|était)\s+"
    r"(?:produite?|déroulée?|passée?)|qui\s+se\s+sont\s+(?:produite?s|déroulée?s)",
    r"qui\s+(?:est|sont|était|étaient)\s+survenue?s?",
)
PARTICIPLE_ENDINGS: tuple[str, ...] = ("ant",)
CLAUSE_COORDINATORS: tuple[str, ...] = (
    "et", "ou", "puis", "mais", "alors que", "tandis que", "avant", "après", "lorsque", "quand",
    "comme",
)  # fmt: skip
MAIN_CLAUSE_COORDINATORS: tuple[str, ...] = ("et", "ou", "puis", "mais")
# One word stands for "le", "la", "les" and "l'" in the steps. Not "le": the steps read a date
# after it as naming what follows ("the 2023 crisis"), and French writes every day "le 24
# mai". "la" gives "la junte", "la Commission", "ministre de la Défense".
DEFINITE_ARTICLE: str = "la"
OBJECT_DETERMINERS: tuple[str, ...] = (
    "le", "la", "les", "son", "sa", "ses", "leur", "leurs", "ce", "cette", "ces",
)  # fmt: skip
AGENT_PREPOSITION: str = "par"
# The step reads these after a country's name ("Malian troops"); French puts them before the
# demonym ("les troupes maliennes"), so they rarely match.
FORCE_NOUNS: tuple[str, ...] = (
    "militaires?", "troupes", "forces", "armée", "soldats", "personnel", "responsables",
    "officiels", "avions", "gouvernement", "gendarmes?", "gendarmerie", "police",
    r"casques\s+bleus", "milices?", "ambassades?", "consulats?", "ambassadeurs?", "diplomates?",
)  # fmt: skip
# French has no possessive ending: a piece that matches the empty string.
LOOSE_POSSESSIVE: str = r"(?:)"
# No French possessive ending either; "’s" stays for English names quoted in French text
# ("McDonald’s"). The steps cut two characters off a word that ends with one.
POSSESSIVE_ENDINGS: tuple[str, ...] = ("’s", "'s")
COUNT_WORDS: dict[str, int | None] = {
    "deux": 2, "trois": 3, "quatre": 4, "cinq": 5,
    "plusieurs": None, "multiples": None, "série de": None, "vague de": None,
}  # fmt: skip
# One word for "à", "au" and "aux": "au" is the one before the Sahel's states ("au Mali").
RECIPIENT_PREPOSITION: str = "au"
LIST_INTRODUCERS: tuple[str, ...] = (
    "dont", "notamment", "y compris", "et", "comme", "tels que", "telles que", "ainsi que",
)  # fmt: skip
AND: str = "et"
OR: str = "ou"
BETWEEN: str = "entre"

# ------------------------------------------------------------------------------ claims

EXTRA_PREDICATES: tuple[tuple[str, str], ...] = (
    ("stationed-in", r"\bstationn(?:é|ée|és|ées|ent|ait|aient)\b|\bbasée?s?\s+(?:à|au|en)\b"),
    # Not "communiqué": a press release, not a channel.
    (
        "communicates-with",
        r"\b(?:communiqu(?:er|ent|ait|aient|ons)|canal\s+de\s+communication|canaux\s+de\s+"
        r"communication|contacts?\s+avec|en\s+contact\s+avec)\b",
    ),
    (
        "member-of",
        r"\b(?:membres?(?:\s+fondateurs?)?\s+(?:de|du|des)|comprend|composée?s?\s+(?:de|du|des)|"
        r"regroupant|regroupe)\b",
    ),
    ("offered-support-to", r"\b(?:propos\w*|offr\w*|soutien|appui)\b[^.]{0,40}\b(?:à|au|aux)\b"),
)
OPINION_OPENERS: tuple[str, ...] = (
    r"Je", r"J['’]",
    # An institution's "nous" acts: "Nous condamnons l'attaque", "Nous appelons la junte …".
    r"Nous(?!\s+(?:condamn|appel|salu|remerci|exprim|réaffirm|réitér|soutien|demand|exhort|"
    r"déplor|dénon|prenons|rest|continu|present|adress)\w*\b)",
    r"Imaginez", r"Pensez",
)  # fmt: skip
OPINION_PHRASES: tuple[str, ...] = (
    r"je\s+pense", r"je\s+crois", r"à\s+mon\s+avis", r"selon\s+moi", r"de\s+mon\s+point\s+de\s+vue",
    r"j['’]estime", r"je\s+dirais",
)  # fmt: skip
# After a name ("Diop a déclaré", "X, ministre …, a affirmé"), or before one ("a déclaré
# Diop", "selon Diop"). The inverted "a-t-il déclaré" has no name: it names no claimant. Not
# "a annoncé" (a statement's trigger all the same): French inverts it after the news ("des
# militaires ont arrêté le président, Bah N'Daw, …, a annoncé le vice-président"), and the
# step would read the name before its comma as the one who spoke.
REPORTING_VERBS: tuple[str, ...] = (
    "a déclaré", "ont déclaré", "a affirmé", "ont affirmé", "a indiqué", "ont indiqué",
    "a dit", "ont dit", "a précisé", "ont précisé", "a ajouté",
    "a confirmé", "ont confirmé", "a assuré", "a expliqué", "a souligné", "a estimé",
    "a rapporté", "ont rapporté", "a démenti", "a nié", "a averti", "a écrit", "a fait savoir",
    "déclare", "affirme", "indique", "précise", "selon", *_both("d'après"),
)  # fmt: skip
# An unnamed source is indefinite ("a indiqué un responsable militaire"). Not "le", "la": after
# "a annoncé" they open what was announced ("a annoncé la suspension de RFI"), not who spoke.
ANONYMOUS_DETERMINERS: tuple[str, ...] = ("un", "une", "des", "deux", "trois", "plusieurs")
ACCORDING_TO: str = "Selon"
# "selon un décompte de l'AFP", "selon des informations de RFI": the source is the outlet.
SOURCE_NOISE: str = (
    r"\b(?:un\s+décompte|un\s+bilan|un\s+rapport|des\s+informations|un\s+article|des\s+données|"
    r"un\s+communiqué|des\s+sources)\s+(?:publiée?s?\s+|établie?s?\s+)?(?:par|de|du|des|d['’])\s*"
)
APPROXIMATORS: tuple[str, ...] = ("environ", "près de", "quelque", "plus de", "presque")
MONEY_MAGNITUDES: tuple[str, ...] = ("millions", "million", "milliards", "milliard", "Md", "M")
# French has no "-strong" ("a 1,200-strong force"): the English suffix, which French text
# does not hold.
STRENGTH_SUFFIX: str = "-strong"
# A word between a number and its unit: "500 nouveaux soldats".
QUANTITY_QUALIFIER: str = "nouveaux"
QUANTITY_NOUNS: tuple[str, ...] = (
    "soldats", "militaires", "hommes", "combattants", "personnes", "membres", "casques bleus",
    "instructeurs", "mercenaires", "gendarmes", "policiers",
)  # fmt: skip
NON_SUBJECT_PREPOSITIONS: tuple[str, ...] = (
    "à", "au", "aux", "en", "dans", "de", "du", "des", "avec", "vers", "envers", "malgré",
    "depuis", "contre",
)  # fmt: skip

# ------------------------------------------------------------------------------ people

# French writes ranks and offices in lower case before the name ("le colonel Assimi Goïta",
# "le Premier ministre Choguel Maïga"), and the step matches them as written: both cases
# where a sentence may open with one. The nationality comes between the title and the name
# ("le président nigérien Mohamed Bazoum", "le colonel malien Oumar Dao"), where the step
# reads nothing but the title: the titles with the nationalities of the region's news are
# titles of their own.
_NATIONALITIES: tuple[tuple[str, str], ...] = (
    ("malien", "malienne"), ("nigérien", "nigérienne"), ("burkinabè", "burkinabè"),
    ("burkinabé", "burkinabée"), ("tchadien", "tchadienne"), ("mauritanien", "mauritanienne"),
    ("sénégalais", "sénégalaise"), ("ivoirien", "ivoirienne"), ("guinéen", "guinéenne"),
    ("algérien", "algérienne"), ("nigérian", "nigériane"), ("togolais", "togolaise"),
    ("béninois", "béninoise"), ("ghanéen", "ghanéenne"), ("libyen", "libyenne"),
    ("marocain", "marocaine"), ("français", "française"), ("russe", "russe"),
    ("américain", "américaine"), ("britannique", "britannique"), ("allemand", "allemande"),
    ("turc", "turque"), ("chinois", "chinoise"), ("ukrainien", "ukrainienne"),
)  # fmt: skip
_NATIONAL_RANKS = (
    "général", "colonel-major", "lieutenant-colonel", "colonel", "commandant", "capitaine",
    "lieutenant",
)  # fmt: skip
_NATIONAL_OFFICES = (
    "président", "Président", "Premier ministre", "premier ministre", "ministre",
    "chef de la diplomatie", "ambassadeur", "chef d'état-major", "chef d’état-major",
)  # fmt: skip
RANKS: tuple[str, ...] = (
    *(f"{rank} {masculine}" for rank in _NATIONAL_RANKS for masculine, _ in _NATIONALITIES),
    "maréchal", "général d'armée", "général d’armée", "général de corps d'armée",
    "général de corps d’armée", "général de division", "général de brigade", "général",
    "colonel-major", "lieutenant-colonel", "colonel", "commandant", "chef d'escadron",
    "chef d’escadron", "chef de bataillon", "capitaine", "lieutenant", "sous-lieutenant",
    "adjudant-chef", "adjudant", "sergent-chef", "sergent", "caporal", "amiral",
    "Général", "Colonel", "Capitaine", "Commandant", "Lieutenant-colonel", "Lieutenant",
    "Gal", "Col.", "Cne",
)  # fmt: skip
OFFICES: tuple[str, ...] = (
    *(f"{office} {masc}" for office in _NATIONAL_OFFICES for masc, _ in _NATIONALITIES),
    *(f"ministre {feminine}" for _, feminine in _NATIONALITIES),
    *(f"chef de la junte {feminine}" for _, feminine in _NATIONALITIES),
    "président de la Transition", "président de la transition", "président de la République",
    "président du Faso", "président du CNSP", "président de la Commission de l'Union africaine",
    "président de la Commission de l’Union africaine", "président de la Commission",
    "vice-président", "président", "Président",
    "Premier ministre", "premier ministre", "ministre des Affaires étrangères",
    "ministre de la Défense et des Anciens combattants", "ministre de la Défense",
    "ministre des Armées", "ministre de l'Intérieur", "ministre de l’Intérieur",
    "ministre de la Sécurité", "ministre de la Communication", "ministre de la Justice",
    "ministre de l'Administration territoriale", "ministre de l’Administration territoriale",
    "ministre délégué", "ministre", "Ministre",
    "chef de l'État", "chef de l’État", "chef de l'Etat", "chef de l’Etat", "chef de la junte",
    "chef d'état-major général des armées", "chef d’état-major général des armées",
    "chef d'état-major", "chef d’état-major", "chef de la diplomatie", "chef",
    "porte-parole du gouvernement", "porte-parole de l'armée", "porte-parole de l’armée",
    "porte-parole", "Porte-parole",
    "secrétaire général de l'ONU", "secrétaire général de l’ONU",
    "secrétaire général des Nations unies", "Secrétaire général", "secrétaire général",
    "secrétaire d'État", "secrétaire d’État", "représentant spécial", "envoyé spécial",
    "haut représentant", "ambassadeur", "ambassadrice", "gouverneur", "maire", "préfet",
    "émir", "imam", "cheikh", "roi", "chancelier", "conseiller", "conseillère", "commissaire",
    "M.", "Mme", "Mlle", "Dr", "Pr", "Me", "Monsieur", "Madame",
)  # fmt: skip
TITLE_WORDS: frozenset[str] = frozenset({
    "affaires", "étrangères", "état", "etat", "défense", "armées", "armée", "intérieur",
    "sécurité", "transition", "république", "conseil", "ministère", "forces", "force",
    "nationale", "national", "général", "générale", "adjoint", "adjointe", "intérim",
    "ancien", "ancienne", "spécial", "spéciale", "nations", "unies", "union", "africaine",
    "commission", "junte", "état-major", "gouvernement", "le", "la", "les", "l", "de", "du",
    "des", "ministre", "président", "présidente", "chef", "colonel", "capitaine", "commandant",
})  # fmt: skip
NAME_PARTICLES: tuple[str, ...] = (
    "al", "el", "ag", "ould", "ben", "bin", "ibn", "de", "da", "dos", "du", "van", "von",
    "le", "la", "abu", "abou", "bint", "di", "del", "des",
)  # fmt: skip
TITLE_QUALIFIERS: tuple[str, ...] = (
    "ancien", "ancienne", "ex", "nouveau", "nouvel", "nouvelle", "actuel", "actuelle", "défunt",
    "feu",
)  # fmt: skip
TITLE_COMPLEMENTS: tuple[str, ...] = ("de", "du", "des", "pour", "auprès de", "chargé de")
TITLE_JOINERS: tuple[str, ...] = ("et", "de", "des", "du", "pour")
ARTICLES: tuple[str, ...] = ("le", "la", "les", "un", "une")
# A role after a name and a comma ("Abdoulaye Diop, ministre des Affaires étrangères"), or
# before a name after a comma ("le ministre malien des Affaires étrangères, Abdoulaye
# Diop"): the role may take an adjective and a complement after it, as French puts them.
_AFTER_ROLE = (
    r"(?:\s+[a-zà-ÿ][\w-]*)?(?:\s+(?:de\s+la|de\s+l['’]|des|du|de|d['’])\s*[A-ZÀ-Ý][\w'’-]*"
    r"(?:\s+[a-zà-ÿ][\w-]*)?)?"
)
_ROLES = (
    "conseill(?:er|ère)", "ministre", "commandant", "porte-parole", r"ambassad(?:eur|rice)",
    "président(?:e)?", "chef", "directeur|directrice", "envoyée?", "dirigeant(?:e)?", "leader",
    "secrétaire", "responsable", "général", "colonel", "capitaine", "journaliste", "analyste",
    "chercheu(?:r|se)", "correspondant(?:e)?", "reporter", "experte?", "militant(?:e)?",
    "avocat(?:e)?", "médiat(?:eur|rice)", "négociat(?:eur|rice)", "imam", "émir", "gouverneur",
    "maire", "préfet",
)  # fmt: skip
APPOSITIVE_ROLES: tuple[str, ...] = tuple(f"(?:{role}){_AFTER_ROLE}" for role in _ROLES)
# No French possessive ending: a piece that matches nothing.
POSSESSIVE: str = r"(?!)"
PERSON_FIELD_LABELS: tuple[str, ...] = (
    "commandant", "chef", "dirigeant", "président", "fondateur", "leader", "premier ministre",
    "ministre", "porte-parole", "secrétaire", "envoyé", "émir",
)  # fmt: skip

# ----------------------------------------------------------------------- organisations

# The head comes first in a French name ("Ministère de la Défense", "Conseil national pour la
# sauvegarde de la patrie"); the step finds the name only when a later word is capitalised
# too, which French usage often leaves in lower case.
ORG_HEADS: dict[str, str] = {
    "Ministère": "government-body", "Conseil": "government-body",
    "Comité": "government-body", "Autorité": "government-body",
    "Agence": "government-body", "Commission": "government-body",
    "Direction": "government-body", "Office": "government-body",
    "Bureau": "government-body", "Service": "government-body",
    "Services": "government-body", "Assemblée": "government-body",
    "Cour": "government-body", "Tribunal": "government-body",
    "Département": "government-body", "Secrétariat": "government-body",
    "Parlement": "government-body", "Sénat": "government-body",
    "Présidence": "government-body", "Haut-Commissariat": "government-body",
    "Armée": "armed-force", "Force": "armed-force", "Forces": "armed-force",
    "Brigade": "armed-force", "Bataillon": "armed-force", "Régiment": "armed-force",
    "Commandement": "armed-force", "Gendarmerie": "armed-force", "Garde": "armed-force",
    "Marine": "armed-force", "Corps": "armed-force",
    "Mouvement": "armed-group", "Front": "armed-group", "Groupe": "armed-group",
    "Plateforme": "armed-group", "Cadre": "armed-group", "Coordination": "armed-group",
    "Milice": "armed-group", "Katiba": "armed-group",
    "Coalition": "international-organisation", "Alliance": "international-organisation",
    "Union": "international-organisation", "Organisation": "international-organisation",
    "Mission": "international-organisation", "Communauté": "international-organisation",
    "Banque": "international-organisation", "Fonds": "international-organisation",
    "Parti": "other", "Association": "other", "Fédération": "other", "Réseau": "other",
    "Institut": "other", "Fondation": "other", "Centre": "other",
    "Confédération": "other", "Rassemblement": "other", "Convention": "other",
}  # fmt: skip
# "le Département d'État", not "le département de Djibo" (a place).
ORG_HEADS_WITH_COMPLEMENT: frozenset[str] = frozenset({"Département"})
ORG_JOINERS: tuple[str, ...] = (
    "de", "du", "des", "la", "le", "les", "pour", "et", "en", "au", "aux", "à", "sur",
)  # fmt: skip
ORG_GENERIC_WORDS: frozenset[str] = frozenset({
    "armées", "armée", "sécurité", "spéciales", "spéciale", "militaire", "militaires",
    "gouvernement", "défense", "nationale", "national", "régulières", "élite", "alliées",
    "étrangères", "locales", "rebelles", "état", "nouvelle", "nouveau", "conjointe",
    "terroristes",
})  # fmt: skip
ORG_INTERNATIONAL_WORDS: frozenset[str] = frozenset({
    "onu", "nations", "unies", "internationale", "international", "africaine", "africain",
    "européenne", "européen", "intergouvernementale", "mondiale", "mondial", "régionale",
    "régional", "multinationale", "ouest-africaine", "sous-régionale",
})  # fmt: skip
ORG_LEADING_WORDS: frozenset[str] = frozenset({
    "le", "la", "les", "l", "un", "une", "des", "du", "de", "ce", "cet", "cette", "ces", "son",
    "sa", "ses", "leur", "leurs", "notre", "nos", "lorsque", "quand", "alors", "après", "avant",
    "depuis", "comme", "mais", "et", "en", "au", "aux", "à", "dans", "par", "pour", "avec",
    "selon", "sur", "contre", "pendant", "cependant", "toutefois", "ainsi", "aussi", "puis",
    "pourquoi", "comment", "nouveau", "nouvelle", "lire",
})  # fmt: skip

# ------------------------------------------------------------------------ descriptions

GOVERNMENT_NOUNS: tuple[str, ...] = ("gouvernement", "autorités", "régime", "pouvoir")
GOVERNMENT_QUALIFIERS: tuple[str, ...] = (
    "de transition", "transitoire", "militaire", "civil", "central", "fédéral", "nouveau",
)  # fmt: skip
ARMY_NOUNS: tuple[str, ...] = (
    "forces armées", "armée", "troupes", "soldats", "forces", "militaires",
)  # fmt: skip
# "la hiérarchie militaire", the Malian army's communiqués' name for its command.
BARE_ARMY_NOUNS: tuple[str, ...] = (
    "hiérarchie militaire", "haute hiérarchie militaire", "direction de l'armée",
    "direction de l’armée",
)  # fmt: skip
JUNTA_NOUNS: tuple[str, ...] = (
    "junte", "junte militaire", "junte au pouvoir", "junte militaire au pouvoir",
)  # fmt: skip
# One word for "de", "du", "des", "de la": "du" is the one before the Sahel's states
# ("les autorités du Mali", "l'armée du Niger"); "à" is the one before capitals.
DESCRIPTION_OF: str = "du"
DESCRIPTION_IN: str = "à"
# "Malien" -> "Maliens"; also the English demonyms of the reference data ("Malians").
PLURAL_DEMONYM: tuple[str, str] = ("n", "s")
# Seats of power, as the French press names them: Koulouba (Mali's presidency), Kosyam
# (Burkina Faso's), Matignon and the hôtel de Brienne (France's Prime Minister and armed
# forces ministry).
METONYMS: dict[str, str] = {
    "palais de l'Élysée": "FRA", "palais de l’Élysée": "FRA", "Élysée": "FRA", "Elysée": "FRA",
    "Quai d’Orsay": "FRA", "Quai d'Orsay": "FRA", "Matignon": "FRA", "hôtel de Brienne": "FRA",
    "Kremlin": "RUS", "Maison-Blanche": "USA", "Maison Blanche": "USA", "Pentagone": "USA",
    "palais de Koulouba": "MLI", "Koulouba": "MLI", "palais de Kosyam": "BFA", "Kosyam": "BFA",
}  # fmt: skip

# ------------------------------------------------------------------------------- dates

MONTHS: dict[str, int] = {
    "janvier": 1, "janv": 1,
    "février": 2, "fevrier": 2, "févr": 2, "fevr": 2, "fév": 2, "fev": 2,
    "mars": 3,
    "avril": 4, "avr": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7, "juil": 7,
    "août": 8, "aout": 8,
    "septembre": 9, "sept": 9,
    "octobre": 10, "oct": 10,
    "novembre": 11, "nov": 11,
    "décembre": 12, "decembre": 12, "déc": 12, "dec": 12,
}  # fmt: skip
# "sept" is also seven ("depuis sept ans"): a month only as "Sept." capitalised. Every other
# French month is written in lower case and is no other word.
WORDLIKE_MONTHS: frozenset[str] = frozenset({"sept"})
ORDINAL_SUFFIXES: tuple[str, ...] = ("er", "ère", "ᵉʳ")
# "mai de la même année"
MONTH_OF: str = "de"
MONTH_THIRDS: tuple[str, ...] = ("début", "mi", "fin")
# Northern-hemisphere months, as the news uses them ("fin 2022", "l'été 2023", "au premier
# semestre 2024").
YEAR_PARTS: dict[str, tuple[int, int]] = {
    "début": (1, 4), "le début de": (1, 4), "au début de": (1, 4),
    "mi": (5, 8), "mi-": (5, 8), "le milieu de": (5, 8), "au milieu de": (5, 8),
    "fin": (9, 12), "la fin de": (9, 12), "à la fin de": (9, 12),
    "premier semestre": (1, 6), "second semestre": (7, 12), "deuxième semestre": (7, 12),
    "premier trimestre": (1, 3), "deuxième trimestre": (4, 6), "second trimestre": (4, 6),
    "troisième trimestre": (7, 9), "quatrième trimestre": (10, 12),
    "printemps": (3, 5), "été": (6, 8), "automne": (9, 11),
    # "à la fin de l'année 2021"
    **dict.fromkeys(_both("début de l'année", "au début de l'année"), (1, 4)),
    **dict.fromkeys(_both("milieu de l'année", "au milieu de l'année"), (5, 8)),
    **dict.fromkeys(_both("fin de l'année", "la fin de l'année", "à la fin de l'année"), (9, 12)),
}  # fmt: skip
PART_LINKS: tuple[str, ...] = ("de",)
# "les années 1990", "dans les années 2010", "à la fin des années 1980". A French decade has
# no suffix: the piece instead looks back for "années" before the year, so that a bare year
# ending in 0 ("en 2020") is no decade.
DECADE_ARTICLE: str = "les années"
DECADE_PARTS: dict[str, tuple[int, int]] = {
    "début des années": (0, 3), "au début des années": (0, 3),
    "milieu des années": (4, 6), "au milieu des années": (4, 6),
    "fin des années": (7, 9), "à la fin des années": (7, 9),
}  # fmt: skip
DECADE_SUFFIX: str = r"(?<=ann[ée]es\s\d{4})"
# "la même année", "cette même année"; not "cette année", which is the publication's year
# (RELATIVE_DATES). "l'année suivante" puts its word after "année", where the step does not
# look.
YEAR_REFERENCES: dict[str, int] = {"la même": 0, "cette même": 0}
YEAR_WORD: str = "année"
THAT_YEAR_LEADS: tuple[str, ...] = ("plus tard", "plus tôt")
THAT_YEAR_PREPOSITION: str = "dans"


# "il y a trois jours": French puts "il y a" before the span, where the step's "ago" is read
# after it, so each span is a phrase of its own here (up to ten of each unit).
_COUNTS: dict[int, tuple[str, ...]] = {
    1: ("un", "une"), 2: ("deux",), 3: ("trois",), 4: ("quatre",), 5: ("cinq",), 6: ("six",),
    7: ("sept",), 8: ("huit",), 9: ("neuf",), 10: ("dix",),
}  # fmt: skip
_SPANS: dict[str, tuple[str, str, str]] = {
    # unit word (singular, plural) -> unit
    "jour": ("jour", "jours", "day"),
    "semaine": ("semaine", "semaines", "week"),
    "mois": ("mois", "mois", "month"),
    "an": ("an", "ans", "year"),
}
_IL_Y_A: dict[str, tuple[str, int]] = {
    f"il y a {count} {singular if n == 1 else plural}": (unit, -n)
    for singular, plural, unit in _SPANS.values()
    for n, counts in _COUNTS.items()
    for count in (str(n), *counts)
    if not (n == 1 and count == "une" and unit in {"day", "month", "year"})
    and not (n == 1 and count == "un" and unit == "week")
}
RELATIVE_DATES: dict[str, tuple[str, int]] = {
    "avant-hier": ("day", -2), "hier soir": ("day", -1), "hier matin": ("day", -1),
    "hier": ("day", -1), "aujourd'hui": ("day", 0), "aujourd’hui": ("day", 0),
    "ce matin": ("day", 0), "cet après-midi": ("day", 0), "ce soir": ("day", 0),
    "la nuit dernière": ("day", -1),
    "plus tôt cette année": ("year", 0), "plus tôt ce mois-ci": ("month", 0),
    "plus tôt cette semaine": ("week", 0),
    "cette année": ("year", 0), "l'année dernière": ("year", -1),
    "l’année dernière": ("year", -1), "l'an dernier": ("year", -1), "l’an dernier": ("year", -1),
    "l'année passée": ("year", -1), "l’année passée": ("year", -1), "l'an passé": ("year", -1),
    "l’an passé": ("year", -1), "l'année prochaine": ("year", 1), "l’année prochaine": ("year", 1),
    "l'an prochain": ("year", 1), "l’an prochain": ("year", 1),
    "ce mois-ci": ("month", 0), "le mois dernier": ("month", -1), "le mois passé": ("month", -1),
    "le mois prochain": ("month", 1),
    "la semaine dernière": ("week", -1), "la semaine passée": ("week", -1),
    "cette semaine": ("week", 0), "la semaine prochaine": ("week", 1),
    # the Saturday and Sunday last before the publication date
    "le week-end dernier": ("weekend", -1), "ce week-end": ("weekend", -1),
    **_IL_Y_A,
}  # fmt: skip
# A month named from the publication date: French puts "dernier" and "prochain" after the
# month ("en juillet dernier"), which the step does not read (MONTH_PREPOSITIONS then takes
# "en juillet" as the latest July before the publication, which "dernier" means); "ce mois
# de juillet" comes first.
MONTH_RELATIVES: dict[str, int] = {"ce mois de": 0}
# "une quarantaine" is about forty: with "une" before it (FATALITY_QUALIFIERS) a count is a
# best estimate, never an exact one. "une" alone is no number: far more often an article ("une
# embuscade qui a fait 21 morts" counts 21, not one); "un", too short for the counts of the
# dead, still counts "un mois plus tard".
NUMBER_WORDS: dict[str, int | None] = {
    "un": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
    "quinze": 15, "seize": 16, "dix-sept": 17, "dix-huit": 18, "dix-neuf": 19,
    "vingt et un": 21, "trente et un": 31, "quarante et un": 41, "cinquante et un": 51,
    "soixante et un": 61, "cent": 100,
    "dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30,
    "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60, "centaine": 100,
    "plusieurs": None, "quelques": None,
}  # fmt: skip
ONE_VICTIM: tuple[str, ...] = ("un", "une")
ONE_VICTIM_NOT: tuple[str, ...] = (
    "nombre", "total", "certain", "bilan", "grand", "petit", "dizaine", "vingtaine", "trentaine",
    "quarantaine", "cinquantaine", "soixantaine", "centaine", "millier",
)  # fmt: skip
# "1 200 morts", with a space, a narrow or a non-breaking one, as French typesets it.
THOUSANDS_SEPARATORS: tuple[str, ...] = (" ", "\u202f", "\xa0")
NUMBER_TENS: dict[str, int] = {
    "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
    "soixante-dix": 70, "quatre-vingt": 80, "quatre-vingts": 80, "quatre-vingt-dix": 90,
}  # fmt: skip
# Read only by the step's "<n> <unit> ago", which French does not write (RELATIVE_DATES).
TIME_UNITS: dict[str, str] = {
    "jour": "day", "semaine": "week", "mois": "month", "an": "year", "année": "year",
}  # fmt: skip
PLURAL_ENDING: str = "s"
# French puts "il y a" before the span: the English word, which French text does not hold.
AGO: str = "ago"
COUNT_NOUNS: tuple[str, ...] = (
    "soldats", "militaires", "hommes", "personnes", "combattants", "civils", "femmes",
    "enfants", "km", "kilomètres", "tonnes", "dollars", "euros", "FCFA", "francs", "membres",
    "officiers", "victimes", "morts", "tués", "blessés", "réfugiés", "déplacés", "habitants",
    "casques",
)  # fmt: skip
RANGE_JOINS: tuple[str, ...] = ("et", "à", "au", "jusqu'au", "jusqu’au")
RANGE_OPENERS: tuple[str, ...] = ("entre", "du", "de", "depuis")
DATE_HINT_WORDS: tuple[str, ...] = (
    "année", "an", "ans", "mois", "semaine", "semaines", "jour", "jours", "hier", "aujourd",
    "printemps", "été", "automne", "hiver", "matin", "soir", "soirée", "nuit", "week-end",
    "heures", "lendemain", "veille", "dernier", "dernière", "journée", "matinée", "même",
)  # fmt: skip
# Dates counted from the date the narrative gave last. The step reads a step word before
# "day" or "month" in English ("the following day"); French writes "le lendemain", "le jour
# suivant": these never match, and "trois jours plus tard" (NARRATIVE_UNITS and
# NARRATIVE_DIRECTIONS) is read instead.
NARRATIVE_STEPS: dict[str, int] = {"le lendemain": 1, "la veille": -1}
NARRATIVE_UNITS: dict[str, str] = {
    "jour": "day", "jours": "day", "semaine": "week", "semaines": "week", "mois": "month",
}  # fmt: skip
# Not "après": "dans les 60 jours après l'adoption de la résolution" counts from what follows
# it, not from the date given last.
NARRATIVE_DIRECTIONS: dict[str, int] = {"plus tard": 1, "plus tôt": -1, "auparavant": -1}
# Phrases that stay on the narrative's last day ("Quelques heures plus tard, …").
NARRATIVE_SAME_DAY: tuple[str, ...] = (
    r"(?:(?:quelques|plusieurs|\d{1,2}|deux|trois|quatre|cinq|six)\s+)?heures\s+(?:plus\s+tard|"
    r"plus\s+tôt|après|auparavant)",
    r"plus\s+tard\s+(?:dans\s+la\s+(?:journée|soirée|nuit|matinée)|le\s+même\s+jour)",
    r"(?:dans\s+)?la\s+(?:nuit|soirée|matinée|journée)\s+même",
    # not "le même jour que l'attaque de Barsalogho": that event's day
    r"(?:le\s+)?même\s+jour(?!\s+que\b)",
)
DATE_LABELS: tuple[str, ...] = (
    "publié le", "publiée le", "mis à jour le", "mise à jour le", "modifié le", "modifiée le",
    "actualisé le", "publié", "publiée", "mis à jour", "mise à jour", "dernière mise à jour",
    "modifié", "modifiée", "actualisé", "date", "daté", "posté", "paru", "parution",
    "publication", "première publication", "dernière modification", "date de publication",
    "date de mise à jour",
)  # fmt: skip
DATE_LABEL_ON: str = "le"
DATED_PHRASES: tuple[str, ...] = ("en date du", "daté du", "datée du")
SOURCE_LEADS: tuple[str, ...] = ("source", "sources")
# "lun" + "di", "mercre" + "di", "dim" or "dimanche".
WEEKDAYS: tuple[str, ...] = (
    "lun", "mar", r"mer(?:cre)?", "jeu", r"ven(?:dre)?", r"sam(?:e)?", r"dim(?:anche)?",
)  # fmt: skip
WEEKDAY_ENDING: str = "di"
# French writes weekdays in lower case ("a annoncé mardi"); the step reads a weekday in the
# narrative only capitalised, so only one that opens a sentence ("Mardi, …") is read.
WEEKDAY_NAMES: dict[str, int] = {
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5,
    "dimanche": 6,
}  # fmt: skip
# "en juillet", "début juillet", "fin mars", "courant mars", "au mois de juillet".
MONTH_PREPOSITIONS: tuple[str, ...] = (
    "en", "depuis", "jusqu'en", "jusqu’en", "dès", "avant", "après", "pendant", "durant",
    "courant", "début", "fin", "au mois de", "le mois de", "du mois de", "depuis le mois de",
)  # fmt: skip
MONTH_UP_TO_NOW: tuple[str, ...] = ("depuis",)
TIME_PREPOSITION: str = "à"
TIME_SUFFIXES: tuple[str, ...] = (
    "gmt", "utc", "tu", "heure de paris", "heure locale", "heures locales", "hl", "cet", "cest",
    "wat",
)  # fmt: skip

# ---------------------------------------------------------------------------- cleaning

# French Wikipedia's permanent link: "Ceci est une version archivée de cette page, en date du
# 29 juillet 2024 à 00:42."
REVISION_STAMPS: tuple[str, ...] = (
    r"ceci est une version archivée de cette page,? (?:en date|dans sa version) du ",
)
_LINK_TAIL = r"(?:\s*[:|»›>–-]\s*.{1,150})?"
FURNITURE: tuple[str, ...] = (
    rf"(?:à\s+)?lire\s+(?:aussi|également|la\s+suite|plus|l['’]article){_LINK_TAIL}",
    rf"(?:à\s+)?(?:voir|regarder|écouter)\s+(?:aussi|également){_LINK_TAIL}",
    rf"(?:sur\s+le\s+même\s+sujet|dans\s+la\s+même\s+rubrique|articles?\s+(?:liés|similaires|"
    rf"associés)|nos\s+articles|les\s+plus\s+lus|les\s+plus\s+partagés){_LINK_TAIL}",
    r"partager(?:\s+(?:cet\s+article|l['’]article|sur))?(?:\s+(?:facebook|twitter|x|linkedin|"
    r"whatsapp|e-?mail|telegram))*",
    r"(?:laisser|laissez|ajouter)\s+un\s+commentaire",
    r"\d+\s+commentaires?",
    r"(?:aucun\s+|pas\s+de\s+)?commentaires?\s*:?",
    r"réagir(?:\s+à\s+cet\s+article)?",
    r"(?:vous\s+aimerez|vous\s+pourriez)\s+aussi(?:\s+aimer)?\s*:?",
    r"publicité|contenu\s+sponsorisé|sponsorisé|annonce",
    r"(?:abonnez-vous|je\s+m['’]abonne|s['’]abonner|inscrivez-vous|inscription|recevez|"
    r"rejoignez-nous)\b.{0,120}",
    r"(?:la\s+|notre\s+)?newsletter\b.{0,100}",
    r"suivez(?:-nous)?\s+.{0,60}\bsur\s+.{1,40}",
    r"#\w+",
    r"\?>|<\?php.*|</?[a-z][^>]*>",
    r"(?:mots-clés|mots\s+clés|tags?|étiquettes?|rubriques?|classé\s+dans)\s*:.*",
    r"(?:aller|passer)\s+au\s+contenu(?:\s+principal)?",
    r"imprimer|envoyer|copier\s+le\s+lien|menu|accueil|retour\s+en\s+haut|haut\s+de\s+page",
    # "Photo : AFP", "Crédit photo : Studio Tamani", "(Photo d'illustration)"
    r"\(?(?:photos?|crédits?(?:\s+photos?)?|illustration|images?)(?:\s+(?:d['’]illustration|"
    r"d['’]archives))?\s*:\s*.{0,120}",
    r"\(?photo\s+(?:d['’]illustration|d['’]archives)\)?\.?",
    r"\(?(?:photo|image)\s+.{0,80}(?:afp|reuters|ap|getty|ortm|rtb|aib|amap|droits\s+réservés)"
    r"\b.*",
)
READING_TIME: tuple[str, ...] = (
    r"(?:temps\s+de\s+)?lecture\s*:?\s*\d{1,3}\s*min(?:utes?)?\.?",
    r"\d{1,3}\s*min(?:utes?)?\.?\s*(?:de\s+lecture)",
)
VIEW_COUNT: tuple[str, ...] = (
    r"[\d.,  ]+\s*k?\s*(?:vues?|lectures?|partages?)",
    r"(?:vu|lu|consulté)\s+[\d  ]+\s+fois",
)
RELATIVE_DATE_LINES: tuple[str, ...] = (
    r"il\s+y\s+a\s+(?:\d+|une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix)\s+"
    r"(?:seconde|minute|heure|jour|semaine|mois|an|année)s?",
    r"(?:hier|aujourd['’]hui|à\s+l['’]instant)(?:\s+à\s+\d{1,2}[h:]\d{2})?",
)
DISCLAIMERS: tuple[str, ...] = (
    r"tous\s+droits\s+réservés",
    r"©",
    r"copyright\s+\d{4}",
    r"reproduction\s+(?:interdite|strictement\s+interdite)",
    r"à\s+titre\s+(?:informatif|indicatif)",
    r"ne\s+constitue\s+pas\s+un\s+conseil",
    r"les\s+opinions\s+exprimées",
    r"n['’]engagent\s+que\s+(?:leurs?\s+auteurs?|l['’]auteur)",
    r"(?:a|ont)\s+pu\s+(?:changer|évoluer)\s+depuis\s+(?:la|sa)\s+publication",
)
BYLINE_WORDS: tuple[str, ...] = ("par", "auteur", "auteurs", "écrit par", "rédigé par")
# "Par Jean Dupont". A short sentence that opens with "Par" ("Par ailleurs, …") of eight
# words or less reads as a byline too.
BYLINE_LEADS: tuple[str, ...] = ("par", "écrit par", "rédigé par", "publié par")
BIO_STARTS: tuple[str, ...] = (
    r"(?:à\s+propos\s+de\s+l['’]auteur|l['’]auteur|les\s+auteurs|auteurs?|biographie|bio)\s*:?",
)
BIO_SENTENCES: tuple[str, ...] = (
    r"est\s+(?:un\s+|une\s+)?(?:journaliste|rédacteur|rédactrice|reporter|correspondante?|"
    r"analyste|chercheu(?:r|se)|éditeur|éditrice|contribut(?:eur|rice)|blogueu(?:r|se))"
    r"(?:\s+(?:indépendante?|senior|principale?))?",
    r"contactez-(?:nous|moi)",
    r"suivez-(?:le|la|les)\s+sur",
    r"articles?\s+sponsorisés?",
)
# Generators leave notes in English as well as in French.
GENERATOR_SECTIONS: tuple[str, ...] = (
    r"auto-?correction",
    r"relecture\s+(?:pendant|après)\s+(?:la\s+)?génération",
    r"post-?génération",
    r"nombre\s+de\s+mots\b",
    r"notes?\s+sur\s+(?:le\s+)?(?:brouillon|la\s+génération)",
    r"en\s+tant\s+qu(?:e\s+|['’])(?:ia|modèle\s+de\s+langage)\b",
    r"voici\s+(?:l['’]article|votre\s+article|la\s+version\s+(?:réécrite|révisée))",
    r"vérification\s+finale\b",
    r"liste\s+de\s+contrôle\s*:",
    r"self[- ]?correction",
    r"word count(?: check)?\b",
    r"(?:as an ai|as a language model)\b",
)
GENERATOR_LINES: tuple[str, ...] = (
    r"en\s+tant\s+qu(?:e\s+|['’])(?:ia|modèle\s+de\s+langage)\b",
    r"j['’]ai\s+visé\s+(?:environ|à\s+peu\s+près)\s+\d+\s+mots",
    r"\bnombre\s+de\s+mots\b",
    r"\bstructure\s+html\b",
    r"\btitre\s+(?:racoleur|accrocheur|putaclic)\b",
    r"\bformat\s+demandé\b",
    r"as an ai\b",
    r"\bword count\b",
)
INSTRUCTION_WORDS: tuple[str, ...] = (
    "développer", r"continu\w*", "élaborer", r"ajout\w*", "insérer", "écrire", "rédiger",
    "mot", "mots", "longueur", "todo", "tbd", "réécrire", "inclure", "section", "paragraphe",
    "plus", "expand", "insert", "write", "words",
)  # fmt: skip
PLACEHOLDERS: tuple[str, ...] = (
    r"lorem ipsum", r"\bTODO\b", r"\bTBD\b", r"\bXXX\b", r"\[ins[ée]rer\b", r"\[insert\b",
    r"\bÀ\s+COMPLÉTER\b",
)  # fmt: skip
OPINION_MARKERS: tuple[str, ...] = (
    r"je\s+pense", r"je\s+crois", r"à\s+mon\s+avis", r"selon\s+moi", r"de\s+mon\s+point\s+de\s+vue",
    r"j['’]ai\s+(?:suivi|vu)", r"vous\s+êtes-vous\s+déjà\s+demandé", r"je\s+dirais",
    r"personnellement",
)  # fmt: skip

# ---------------------------------------------------------------------------- metadata

UNTITLED: str = "Article sans titre"

# --------------------------------------------------------------------------- sentences

# "M. Bazoum" needs none: a single letter before a dot is an initial.
ABBREVIATIONS: frozenset[str] = frozenset({
    "mm", "mme", "mlle", "dr", "pr", "me", "gal", "gén", "col", "cne", "cdt", "lt", "sgt", "adj",
    "st", "ste", "etc", "av", "env", "cf", "ex", "vol", "no", "n°", "p", "janv", "févr", "fév",
    "avr", "juil", "sept", "oct", "nov", "déc", "o.n.u", "u.a", "u.e",
})  # fmt: skip
SENTENCE_FINAL_ABBREVIATIONS: frozenset[str] = frozenset({"etc", "o.n.u", "u.a", "u.e"})
SENTENCE_STARTERS: frozenset[str] = frozenset({
    "Le", "La", "Les", "L", "Un", "Une", "Des", "Ce", "Cette", "Ces", "Il", "Elle", "Ils",
    "Elles", "Mais", "Selon", "Après", "Depuis", "Alors", "Dans", "En", "Au", "Aux", "À",
    "Pour", "Par", "Son", "Sa", "Ses", "Leur", "Leurs", "Cependant", "Toutefois", "Nous",
    "On", "Et", "De", "Du",
})  # fmt: skip
DISCOURSE_MARKERS: tuple[str, ...] = (
    "Par exemple", "En fait", "En effet", "Plus récemment", "Récemment", "Cependant",
    "Toutefois", "Néanmoins", "Pourtant", "Par ailleurs", "En outre", "De plus",
    "Dans le même temps", "Entre-temps", "Parallèlement", "Notamment", "Ainsi", "De même",
    "En revanche", *_both("D'autre part"), "Enfin", "Mais",
)  # fmt: skip
SUBORDINATE_OPENERS: tuple[str, ...] = (
    "Alors que", "Bien que", "Tandis que", "Comme", "Après", "Suite à", "À la suite de",
    "Malgré", "Depuis", "En réponse à", "Entre", "Face à", "Si", "Lorsque", "Quand", "Avant",
    "Parce que", "Puisque", "Contrairement à", "Au-delà de", "Parallèlement à", "Au lendemain",
    "Créé", "Créée", "Créés", "Créées", "Fondé", "Fondée", "Fondés", "Fondées", "Mis en place",
    "Mise en place",
)  # fmt: skip
MAIN_STARTERS: tuple[str, ...] = (
    "le", "la", "les", "l", "un", "une", "des", "ce", "cet", "cette", "ces", "son", "sa", "ses",
    "leur", "leurs", "il", "elle", "ils", "elles", "nous", "on",
)  # fmt: skip
SUBORDINATORS: tuple[str, ...] = (
    "alors que", "tandis que", "bien que", "quoique", "après", "avant", "depuis", "malgré",
    "suite à", "à la suite de", "même si", "lors de", "lors du", "au lendemain de",
    "au lendemain du",
)  # fmt: skip
CLAUSE_BREAK_WORDS: tuple[str, ...] = (
    "mais", *SUBORDINATORS, "qui", "avec", "marquant", "menant", "conduisant", "signalant",
    "créant", "soulignant", "reflétant", "chargé", "chargée", "chargés", "plutôt que", "souvent",
    "tout en", "reconnaissant", "apportant", *_both("s'emparant"), "comblant", "soulevant",
    "particulièrement", "surtout",
)  # fmt: skip
LIST_CONTINUATIONS: tuple[str, ...] = (
    "et", "ou", "comme", "notamment", "dont", "y compris", "tels que", "telles que", "tel que",
    "telle que", "ainsi que",
)  # fmt: skip
