"""French adjectives of nationality, which the French press writes in lower case and inflects
("l'armée malienne", "les soldats nigériens", "des mercenaires russes"): each country's
masculine singular, with the other forms made by French's regular endings."""

# Countries the region's news names by adjective, by alpha-3 code: the masculine singular.
MASCULINE = {
    "MLI": "malien", "NER": "nigérien", "BFA": "burkinabè", "TCD": "tchadien",
    "MRT": "mauritanien", "SEN": "sénégalais", "NGA": "nigérian", "CIV": "ivoirien",
    "GIN": "guinéen", "GHA": "ghanéen", "BEN": "béninois", "TGO": "togolais",
    "CMR": "camerounais", "DZA": "algérien", "MAR": "marocain", "TUN": "tunisien",
    "LBY": "libyen", "EGY": "égyptien", "SDN": "soudanais", "CAF": "centrafricain",
    "GMB": "gambien", "LBR": "libérien", "SLE": "sierra-léonais", "GNB": "bissau-guinéen",
    "CPV": "cap-verdien", "FRA": "français", "RUS": "russe", "USA": "américain",
    "GBR": "britannique", "DEU": "allemand", "ITA": "italien", "ESP": "espagnol",
    "BEL": "belge", "NLD": "néerlandais", "SWE": "suédois", "CAN": "canadien",
    "CHN": "chinois", "TUR": "turc", "UKR": "ukrainien", "IRN": "iranien", "QAT": "qatari",
    "SAU": "saoudien", "ARE": "émirati", "ISR": "israélien", "IND": "indien",
    "JPN": "japonais", "PRT": "portugais", "RWA": "rwandais", "COD": "congolais",
}  # fmt: skip
# Adjectives whose feminine is not the regular one.
IRREGULAR_FEMININE = {"turc": "turque"}


def inflections(masculine: str) -> list[str]:
    """The four forms of a French adjective of nationality: masculine and feminine, singular
    and plural ("malien", "malienne", "maliens", "maliennes"); "russe", "belge" and
    "burkinabè" do not vary in gender."""
    if masculine.endswith(("è", "é", "e")):
        feminine = masculine
    elif masculine in IRREGULAR_FEMININE:
        feminine = IRREGULAR_FEMININE[masculine]
    elif masculine.endswith("en"):
        feminine = masculine + "ne"
    else:
        feminine = masculine + "e"
    forms = [masculine, feminine, _plural(masculine), _plural(feminine)]
    return list(dict.fromkeys(forms))


def _plural(word: str) -> str:
    return word if word.endswith(("s", "x")) else word + "s"


def french_demonyms(alpha3: str) -> list[str]:
    masculine = MASCULINE.get(alpha3)
    return inflections(masculine) if masculine else []
