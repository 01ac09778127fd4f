"""The English language pack: the words the analysis steps look for, as plain data.

Nothing here runs: every table is a tuple, set, dict or string, which the generic steps read
once, at import, to build their patterns. Two kinds of string appear:

- *words*: plain words and phrases ("no longer", "according to"). The steps join them into
  alternations as they are, so a word must not hold a regex metacharacter (a test checks).
- *pieces*: regex source for a word with its variants ("aims? to", "[Cc]ould", "tues?"),
  used where one plain word per entry would not do. Pieces hold no groups of their own that
  the steps read, and each compiles on its own (a test checks). The order of an alternation
  is the order of its table: where several entries could match at one place, the first
  listed wins, so reorder nothing without reason.

Some tables also hold French words (month names, "début"/"fin") because English-language
news from the Sahel quotes French dates; a French pack would hold them in its own right.

Events (events.py)
  TRIGGERS                 event kind -> pieces, each one vocabulary of trigger phrases
                           (compiled case-insensitively, one pattern per piece, in order).
  OBJECT_PREPOSITIONS      event kind -> words that introduce the other side ("to Mali");
                           a kind listed with none has a direct object only.
  PRESENT_STATEMENTS       pieces of a statement made in the present tense ("condemns"): made
                           on the publication date of the release that carries it.
  COUP_TARGET_MARKERS      pieces before a name that make it the one a coup removed
                           ("ousted President", "the coup against").
  AGENT_PHRASES            pieces before "by" that make the next name the one who acted
                           ("carried out by", "claimed by").
  COUP_AGENT_VERBS         pieces after a name that make it the one who carried a coup out
                           ("seized power", "led").
  COUP_LEADER_MARKERS      pieces before a name that make it the coup's leader ("led by").
  PLURAL_EVENT_NOUNS       trigger words that name several events ("coups", "attacks").
  MODAL                    pieces that make a statement a forecast (case-sensitive: "May"
                           and "Will" capitalised are a month and a name).
  HEDGE                    pieces that lower a claim's confidence ("reportedly").
  NEGATION                 words just before a trigger that deny it ("never", "no longer"),
                           or make it only threatened ("threatened military intervention").
  PASSIVE_AUXILIARIES      auxiliaries before a participle: a passive trigger.
  LOCATIVE_PREPOSITIONS    words that make the next name a place ("in", "across").
  LOCATIVE_QUALIFIERS      compass words between such a word and the name ("in northern").
  PLACE_OF_NOUNS           nouns before "of <country>" that make the country a place ("the
                           Ménaka region of Mali").
  PLACE_LABELS             labels of a fact sheet's field that gives a place ("Place:").
  EXPERIENCER_VERBS        verbs after a country that make it where an event happened
                           ("Burkina Faso experienced two coups").
  FORCE_NAME_HEADS         head words of a force's name ("Mission", "Force"): what a
                           formation word forms when it names one.
  SPEAKING_OF              pieces: verbs of speaking of an event or taking a stance on it
                           ("takes note of", "condemns"): the speaker takes no part.
  CROWD_NOUNS              pieces: people in a crowd, whose attack is a protest.
  MUTUAL_FIGHTING          pieces: trigger words of fighting with no attacker ("clashes").
  STANCE_VERBS             verbs of a stance on a known event ("condemned the coup on Friday").
  REQUEST_MARKERS          pieces: words that ask for an act rather than report it ("called
                           for the withdrawal"): a date that opens the sentence is the
                           request's, not the act's.
  MAIN_CLAUSE_COORDINATORS those of CLAUSE_COORDINATORS that join two main clauses.
  NAMED_EVENT_OPENERS      words before "the <event>" that name it as a point in time or a
                           circumstance ("following the coup"), not report it.
  RELATIVE_PRONOUNS        words that open a relative clause ("which had seized power").
  DEADLINE_WORDS           words before a date that only ends what the act set up ("extended
                           the mandate until 30 June 2015"): not the act's date.
  DEADLINE_WHEN            words after such a date that make it the next act's ("until 30
                           October 2016, when it was merged").
  OCCURRENCE_CLAUSES       pieces: a relative clause that tells when the noun before it
                           happened ("the attack on the hotel, which was carried out on …").
  COMPLEMENTIZERS          words that open a reported clause ("notes that …"): a name before
                           them takes no part in the event reported after them.
  PARTICIPLE_ENDINGS       endings of a participle that continues the act before it and
                           takes its date ("…, creating the alliance").
  CLAUSE_COORDINATORS      words between a date and the next trigger that give the date to
                           the trigger before it ("seized power in 2020 and ousted …").
  DEFINITE_ARTICLE         the article that may stand between a preposition and a name.
  OBJECT_DETERMINERS       determiners after an object preposition ("to its …").
  AGENT_PREPOSITION        the word that introduces the agent of a passive ("by").
  FORCE_NOUNS              pieces: nouns after a country that make it an actor ("troops").
  LOOSE_POSSESSIVE         piece: the possessive ending a force noun may follow, optional.
  POSSESSIVE_ENDINGS       words: possessive endings just after a name ("’s").
  COUNT_WORDS              words that count events before a trigger -> the number (None
                           for a count without a number: "several").
  RECIPIENT_PREPOSITION    the word before each recipient of a delivery ("to").
  LIST_INTRODUCERS         words that open an item of a list ("including", "such as").
  AND, OR, BETWEEN         the conjunctions of lists, and "between X and Y".

Claims (claims.py)
  EXTRA_PREDICATES         (predicate, piece) pairs for statements that are not events.
  OPINION_OPENERS          pieces that open first-person commentary ("Imagine").
  OPINION_PHRASES          pieces that mark commentary anywhere ("in my view").
  REPORTING_VERBS          words of attribution ("said", "according to").
  ANONYMOUS_DETERMINERS    words that open an unnamed source ("a", "several").
  ACCORDING_TO             the phrase that opens cited sources, as written at a sentence start.
  SOURCE_NOISE             piece: words around a cited source that are not its name.
  APPROXIMATORS            words before an amount ("about", "more than").
  MONEY_MAGNITUDES         words after an amount of money ("million", "bn").
  STRENGTH_SUFFIX          the suffix of a unit's strength ("-strong").
  QUANTITY_QUALIFIER       a word between a number and its unit ("military").
  QUANTITY_NOUNS           units counted in people ("troops", "fighters").
  NON_SUBJECT_PREPOSITIONS words that keep the next name from being a subject.

People (people.py)
  RANKS, OFFICES           military ranks and civil offices that stand before a name.
  TITLE_WORDS              more words that belong to a title and never to a name.
  NAME_PARTICLES           lower-case words inside names ("al", "ould", "van").
  TITLE_QUALIFIERS         lower-case words before a title ("former", "acting").
  TITLE_COMPLEMENTS        words that attach a complement to a title ("of", "to").
  TITLE_JOINERS            words inside a title's complement ("and", "for").
  ARTICLES                 articles before an appositive title ("the", "a", "an").
  APPOSITIVE_ROLES         pieces: roles that follow a name after a comma ("adviser").
  PERSON_FIELD_LABELS      labels of a fact sheet's field that lists people ("Commander1").
  POSSESSIVE               piece: the possessive ending of a name before a title.

Organisations (organisations.py)
  ORG_HEADS                the head noun of an organisation's name -> the kind of actor it
                           suggests ("Ministry" -> government-body, "Movement" -> armed-group).
  ORG_HEADS_WITH_COMPLEMENT  heads that name an organisation only before "of …"
                           ("Department of Defense", not the "Barsalogho Department").
  ORG_JOINERS              lower-case words inside an organisation's name ("of", "for").
  ORG_GENERIC_WORDS        capitalised words that do not make a name with a head alone
                           ("Armed Forces", "Security Forces" name no one in particular).
  ORG_INTERNATIONAL_WORDS  words that make a body international ("UN Security Council").
  ORG_LEADING_WORDS        capitalised words that open a sentence and are not part of a name.

Descriptions (descriptions.py)
  GOVERNMENT_NOUNS         nouns for a country's government ("the Malian government").
  GOVERNMENT_QUALIFIERS    words between a country and its government ("transitional").
  ARMY_NOUNS               nouns for a country's armed forces ("Malian troops").
  JUNTA_NOUNS              nouns for a ruling military body ("the junta").
  BARE_ARMY_NOUNS          nouns for a country's army command that stand alone after "the".
  DESCRIPTION_OF           the word of "the government of Mali".
  DESCRIPTION_IN           the word of "the government in Bamako" (before a capital).
  PLURAL_DEMONYM           (ending, plural ending) of demonyms that name a country's people
                           in the plural ("Malian" -> "Malians").
  METONYMS                 a seat of power -> the country whose state it stands for
                           ("the Kremlin" -> RUS), as alpha-3 codes.

Dates (dates.py)
  MONTHS                   month names and abbreviations -> month number.
  WORDLIKE_MONTHS          month words that are also ordinary words: months only when
                           capitalised ("may", "mar").
  ORDINAL_SUFFIXES         endings of a day number ("1st", "1er").
  MONTH_OF                 the word between a day or month and what follows ("5 of May").
  MONTH_THIRDS             words for the first, middle and last third of a month.
  YEAR_PARTS               parts of a year -> (first month, last month): "early", seasons,
                           halves and quarters.
  PART_LINKS               words between a part of a year and the year ("late in 2024").
  DECADE_ARTICLE           the article before a decade ("the 1990s").
  DECADE_PARTS             parts of a decade -> (first year, last year) within it.
  DECADE_SUFFIX            piece: the ending of a decade ("1990s", "1990’s").
  YEAR_REFERENCES          phrases that refer to a year named before -> offset in years.
  YEAR_WORD                the word "year" in those phrases.
  NARRATIVE_STEPS          "the following" -> +1: a day or month counted from the date the
                           narrative gave last ("the following day").
  NARRATIVE_UNITS          the units so counted ("days" -> "day"), also after a number.
  NARRATIVE_DIRECTIONS     words after a count that say which way ("later" -> +1).
  NARRATIVE_SAME_DAY       phrases that stay on the narrative's last day ("hours later").
  THAT_YEAR_LEADS          words that may open such a phrase ("later", "earlier").
  THAT_YEAR_PREPOSITION    the preposition that may open such a phrase ("in").
  RELATIVE_DATES           phrases relative to the publication date -> (unit, offset).
  MONTH_RELATIVES          words before a month name that place it from the publication
                           date -> -1, 0 or +1 ("last September", "this May", "next March").
  NUMBER_WORDS             words for small numbers -> value (None when vague: "several").
  NUMBER_TENS              words for tens -> value; a unit may follow ("twenty-five").
  THOUSANDS_SEPARATORS     what stands between groups of three digits ("1,200").
  ONE_VICTIM               articles that count one after a lead ("killing a peacekeeper").
  ONE_VICTIM_NOT           words after such an article that make it no count ("a number of").
  TIME_UNITS               unit words -> unit ("day", "week", "month", "year").
  PLURAL_ENDING            the plural ending of a unit word.
  AGO                      the word after a span back in time ("three days ago").
  COUNT_NOUNS              nouns after a bare number that make it a count, not a year.
  RANGE_JOINS              words between the two ends of a range ("to", "until").
  RANGE_OPENERS            words before the first end of a range ("between", "from").
  DATE_HINT_WORDS          words (besides the months) without which no date is written.
  DATE_LABELS              labels before a date line ("Published:", "Released:").
  DATE_LABEL_ON            the word after such a label ("Posted on").
  DATED_PHRASES            words a document's heading dates it with ("Letter dated 5 May").
  SOURCE_LEADS             the word opening a trailer that names the source and its date
                           ("Source: State Department, 3 May 2021").
  WEEKDAYS                 pieces: weekday names and their abbreviations.
  WEEKDAY_ENDING           the ending a weekday abbreviation may take ("Mon" -> "Monday").
  WEEKDAY_NAMES            full weekday names -> weekday number (Monday 0), read in the
                           narrative only when capitalised ("said Sunday").
  MONTH_UP_TO_NOW          those of them that reach up to the time of writing ("since June").
  MONTH_PREPOSITIONS       words before a month named alone ("in April"), without which a
                           month word is not read as a date.
  TIME_PREPOSITION         the word before a time of day ("at 10:30").
  TIME_SUFFIXES            words after a time of day ("pm", "GMT", "ET").

Cleaning (cleaning.py); each entry a piece, the entries of a table are alternatives
  REVISION_STAMPS          the opening of a wiki permanent link's stamp, before the date of
                           the revision (the text's publication date).
  FURNITURE                whole lines of page furniture ("Read more", "Share this").
  READING_TIME             whole lines giving a reading time ("4 min read").
  VIEW_COUNT               whole lines counting views or shares.
  RELATIVE_DATE_LINES      whole lines giving an age ("3 hours ago").
  DISCLAIMERS              phrases of disclaimers and copyright lines.
  BYLINE_WORDS             whole lines that announce an author ("By", "Written by").
  BYLINE_LEADS             words before an author's name on a byline line.
  BIO_STARTS               whole lines that open an author's biography.
  BIO_SENTENCES            phrases of an author's biography.
  GENERATOR_SECTIONS       openings of notes a text generator left (everything after goes).
  GENERATOR_LINES          phrases of single lines a text generator left.
  INSTRUCTION_WORDS        words that make a bracketed span an instruction ("[expand …]").
  PLACEHOLDERS             placeholder text ("lorem ipsum", "TODO").
  OPINION_MARKERS          phrases of first-person commentary, counted over the article.

Metadata (metadata.py)
  UNTITLED                 the title given to an article with no text to derive one from.

Sentences (sentences.py)
  ABBREVIATIONS            words (lower case, without the final dot) whose dot ends no
                           sentence.
  SENTENCE_FINAL_ABBREVIATIONS  abbreviations that may also end one ("U.S.").
  SENTENCE_STARTERS        words that begin a sentence after such an abbreviation.
  DISCOURSE_MARKERS        pieces: openers set off by a comma ("However,").
  SUBORDINATE_OPENERS      pieces: words that open a subordinate clause at a sentence start.
  MAIN_STARTERS            words that open a main clause after a comma.
  SUBORDINATORS            words that open a subordinate clause after a comma.
  CLAUSE_BREAK_WORDS       words after a comma that start a new clause.
  LIST_CONTINUATIONS       words after a comma that continue a list, not a clause.

Gazetteer (gazetteer.py)
  FEATURE_BEFORE           words before a country's name that make it a geographic feature
                           named after it ("Gulf of Guinea", "Lake Chad"): not the country.
  FACILITY_AFTER           words after a name that make it a place named after someone
                           ("Modibo Keïta International Airport").
  FEATURE_AFTER            words after a country's name that do the same ("Niger River",
                           "Niger Delta", "Senegal Valley").

Places (places.py)
  PLACE_AT                 prepositions that put an event at the place they name ("in", "at").
  PLACE_NEAR               pieces: phrases that put it near a place, not at it ("near",
                           "on the outskirts of", "30 km north of").
  PLACE_FACILITIES         words after a site's name that are no part of it ("the Radisson
                           Blu Hotel" is the Radisson Blu).
  PLACE_UNITS              a unit's word -> the kind of place it makes the name ("region" ->
                           admin1, "province" -> admin2, "village" -> locality), written
                           before ("the village of Boni") or after ("Tillabéri region").
  PLACE_PARTS              words for a part of a country that make it only the country's
                           ("northern Mali", "central Mali").
  PLACE_NAME_LINKS         lower-case words inside a place's name ("Tin Zaouaten" has none;
                           "Diafarabé de Ségou", "Ti-n-Essako", "Dar es Salaam").
  PLACE_CAPITAL            pieces: words that mean the capital of the country in question.
  PLACE_FOLLOWERS          lower-case words that may follow a country's name used as a place
                           ("in Mali on Monday", "in Niger and Chad"); any other lower-case
                           word makes the name an adjective ("in U.S. training programs").
  PLACE_OTHER_EVENT        words after an event's trigger that open another event's time
                           ("after talks in Ouagadougou"): a place past them is not its.

Fatalities (fatalities.py)
  FATALITY_VERBS           words that say people died ("killed", "dead").
  FATALITY_AUXILIARIES     auxiliaries before them ("were", "have been").
  FATALITY_LEADS           words before a count of the dead ("killing", "death toll of").
  FATALITY_QUALIFIERS      words before a count ("at least", "up to", "about").
  FATALITY_LOWER_BOUNDS    the qualifiers that make the count a low estimate ("at least").
  FATALITY_UPPER_BOUNDS    the qualifiers that make it a high one ("up to").
  FATALITY_RANGE_OPENERS   words before the first end of a range ("between").
  FATALITY_RANGE_JOINS     words between its ends ("and", "to").
  AND_WORDS                words that join a second group of victims ("and two civilians").
  NON_FATAL_WORDS          words that make such a second group not dead ("and 3 wounded").
"""

# ------------------------------------------------------------------------------ gazetteer

FEATURE_BEFORE: tuple[str, ...] = ("Gulf of", "Bight of", "Bay of", "Lake", "River", "Mount")
# Words after a name that make it a place named after someone ("Modibo Keïta International
# Airport", "Thomas Sankara Stadium"): not the person or body.
FACILITY_AFTER: tuple[str, ...] = (
    "Airport", "Stadium", "University", "Bridge", "Avenue", "Boulevard", "Street", "Hospital",
    "Square", "Mosque", "Market", "Memorial", "Mausoleum", "Roundabout",
)  # fmt: skip
FEATURE_AFTER: tuple[str, ...] = ("River", "Delta", "Basin", "Valley", "Bend", "Highlands")

# ------------------------------------------------------------------------------ places

PLACE_AT: tuple[str, ...] = (
    "in", "at", "inside", "on", "into", "across", "throughout", "to",
)  # fmt: skip
# The word between a facility and the town it is named for ("the military camp of Boulkessi").
FACILITY_OF: tuple[str, ...] = ("of",)
PLACE_FACILITIES: tuple[str, ...] = (
    "hotel", "camp", "base", "garrison", "airport", "mine", "barracks", "checkpoint", "post",
    "market", "school", "hospital", "mosque", "church", "prison", "palace", "station",
)  # fmt: skip
PLACE_NEAR: tuple[str, ...] = (
    "near", "nearby", "outside", "around", "close to", "not far from", "on the outskirts of",
    "in the outskirts of", "on the edge of", "in the vicinity of", "in the area of",
    r"on the (?:road|highway|route|axis) (?:to|from|between|linking|near)",
    r"\d+(?:[.,]\d+)? ?(?:km|kilometres?|kilometers?|miles?)(?: \(\d+ miles?\))?"
    r"(?: (?:north|south|east|west|north-?east|north-?west|south-?east|south-?west))? (?:of|from)",
    r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west) of",
)  # fmt: skip
PLACE_UNITS: dict[str, str] = {
    "region": "admin1", "regions": "admin1", "state": "admin1", "wilaya": "admin1",
    "province": "admin2", "cercle": "admin2", "department": "admin2", "département": "admin2",
    "district": "admin2", "prefecture": "admin2", "county": "admin2",
    "village": "locality", "town": "locality", "city": "locality", "commune": "locality",
    "locality": "locality", "municipality": "locality", "hamlet": "locality",
    "rural commune": "locality", "urban commune": "locality",
}  # fmt: skip
PLACE_PARTS: tuple[str, ...] = (
    "northern", "southern", "eastern", "western", "central", "north-eastern", "northeastern",
    "north-western", "northwestern", "south-eastern", "southeastern", "south-western",
    "southwestern", "north", "south", "east", "west", "northeast", "northwest", "southeast",
    "southwest", "far-north", "far north", "centre", "center",
)  # fmt: skip
PLACE_NAME_LINKS: tuple[str, ...] = ("de", "du", "des", "la", "le", "es", "el", "n", "d")
PLACE_CAPITAL: tuple[str, ...] = (r"the (?:country's |nation's )?capital(?: city)?",)
PLACE_FOLLOWERS: frozenset[str] = frozenset(
    {
        "and", "or", "but", "nor", "as", "at", "by", "for", "from", "in", "into", "of", "on",
        "onto", "over", "to", "toward", "towards", "under", "until", "upon", "via", "with",
        "within", "without", "near", "since", "during", "after", "before", "following",
        "between", "against", "amid", "amidst", "despite", "throughout", "across", "around",
        "about", "than", "then", "when", "where", "while", "which", "who", "whose", "that",
        "this", "last", "next", "earlier", "later", "early", "late", "recently", "yesterday",
        "today", "tonight", "itself", "alone", "again", "too", "also", "so", "because", "if",
        "although", "though", "yet", "is", "was", "were", "are", "has", "had", "have", "will",
        "would", "could", "said", "says", "say", "told", "reported", "announced",
    }
)  # fmt: skip
PLACE_OTHER_EVENT: tuple[str, ...] = (
    "after",
    "before",
    "following",
    "ahead of",
    "since",
    "until",
    "while",
    "whereas",
)

# ------------------------------------------------------------------------------ fatalities

FATALITY_VERBS: tuple[str, ...] = (
    "killed", "dead", "died", "slain", "massacred", "executed", "lost their lives",
    "were killed", "deaths", "fatalities",
)  # fmt: skip
FATALITY_AUXILIARIES: tuple[str, ...] = ("were", "was", "have been", "had been", "are", "being")
FATALITY_LEADS: tuple[str, ...] = (
    "killing", "killed", "kills", "death toll of", "death toll to",
    "death toll rose to", "death toll climbed to", "death toll at", "toll of", "toll to",
)  # fmt: skip
FATALITY_QUALIFIERS: tuple[str, ...] = (
    "at least", "more than", "over", "no fewer than", "upwards of", "up to", "as many as",
    "nearly", "almost", "about", "around", "some", "approximately", "an estimated",
)  # fmt: skip
FATALITY_LOWER_BOUNDS: frozenset[str] = frozenset(
    {"at least", "more than", "over", "no fewer than", "upwards of"}
)
FATALITY_UPPER_BOUNDS: frozenset[str] = frozenset({"up to", "as many as", "nearly", "almost"})
FATALITY_RANGE_OPENERS: tuple[str, ...] = ("between",)
FATALITY_RANGE_JOINS: tuple[str, ...] = ("and", "to")
AND_WORDS: tuple[str, ...] = ("and", "as well as")
NON_FATAL_WORDS: tuple[str, ...] = (
    "wounded", "injured", "hurt", "missing", "kidnapped", "abducted", "captured", "arrested",
)  # fmt: skip

# ------------------------------------------------------------------------------ events

_AIDED = r"(?:aid|assistance|cooperation|funding|programs?|programmes?|support|partnership)"

TRIGGERS: dict[str, tuple[str, ...]] = {
    "coup": (
        r"\bcoups?(?: d['’]état)?\b(?!\s+(?:leaders?|plotters?|government|regimes?))",
        r"\bputsch(?:es)?\b|\b(?:military\s+)?takeovers?\b",
        # "seized control of the state", not "seized control of large areas of the north"
        r"\bseiz(?:ed|ing|es|e)\s+(?:power|control(?!\s+of\b(?!\s+the\s+(?:country|"
        r"government|state|presidency)\b)))\b|\bbringing\b[^.,]{0,60}\bto power\b",
        r"\b(?:overthr(?:ew|own|owing|ow)|ousted|ousting|toppl(?:ed|ing)|deposed)\b",
        r"\b(?:took|take|takes|taking|taken|grabbed|grab|assumed)\s+power\b",
        r"\bunconstitutional(?:ly)?\s+(?:change|seiz|transfer|takeover)\w*\b",
        r"\bremov(?:ed|ing|e)\b[^.;]{0,60}?\bfrom (?:power|office)\b|\bmutin(?:y|ies|ous)\b",
        # "the defence and security forces have ended the regime", "put an end to the regime"
        r"\b(?:put\s+an\s+end\s+to|ended|ending)\s+(?:the|his|her|this)\s+regime\b",
    ),
    "membership-change": (
        r"\b(?:left|quit|exit(?:ed|ing)?(?: from)?|withdr(?:ew|awal|awing) from|leav(?:e|ing))"
        r"\s+(?:the\s+)?(?:ECOWAS|CEDEAO|Economic Community|African Union|G5 Sahel)\b",
        # "the withdrawal of Mali, Burkina Faso and Niger from ECOWAS"
        r"\bwithdr(?:ew|awal|awing|aw)\b[^.;]{0,80}?\bfrom\s+(?:the\s+)?(?:ECOWAS|CEDEAO|"
        r"Economic Community|African Union|G5 Sahel|(?:regional\s+)?bloc|organi[sz]ation)\b",
        r"\bjoin(?:ed|ing|s)?\s+(?:the\s+)?(?:AES|alliance|confederation|ECOWAS|bloc)\b",
        r"\bsuspend(?:ed|ing|s)?\b[^.;]{0,30}?\bmembership\b|\breadmit(?:ted|s)?\b",
        r"\b(?:formally\s+)?(?:recogni[sz]ed|accepted|admitted)\s+(?:as\s+\w+\s+)?by\b",
        r"\bseparat(?:ed|ing)\s+it\s+from\b|\bsplit\s+(?:from|with)(?:in)?\b",
    ),
    "withdrawal": (
        r"\bwithdr(?:ew|awn|awal|awing|aw)\b(?!\s+from\s+(?:the\s+)?(?:ECOWAS|Economic))",
        r"\bpull(?:ed|ing|s)?\s+out\b|\bdepart(?:ed|ure of)\b",
        r"\bend(?:ed|ing)? (?:its|their|the)\b[^.]{0,60}?\b(?:operation|mission|task force)\b",
        r"\b(?:troops|forces|soldiers|contingents?|personnel)\s+(?:leave|left|leaves|leaving)\b",
        r"\bterminat(?:e|ed|es|ing)\s+(?:the\s+)?(?:mandate|mission)\b",
    ),
    "alliance-formation": (
        r"\b(?:formation|founding|creation|establishment)\s+of\b",
        r"\b(?:formed|founded|established|created|establishing|creating|founding)\b",
        r"\bpledg(?:ed|es|ing)?\s+(?:its\s+|their\s+)?allegiance\b|\bmerg(?:ed|er|ing)\b",
        # "turned the alliance into a confederation"
        r"\b(?:turn|transform|convert)(?:ed|s|ing)?\b[^.;]{0,40}?\binto\s+an?\s+"
        r"(?:confederation|federation|alliance|union)\b",
    ),
    "force-creation": (
        r"\b(?:inaugurat\w*|launch\w*|creat\w*|establish\w*|set up|unveil\w*)\b[^.]{0,80}?"
        r"\bforces?\b",
    ),
    "meeting": (
        r"\bheld (?:talks|a meeting|discussions|consultations)\b|\btalks with\b",
        r"\b(?:met|meets|meeting)\s+with\b|\bmet\b(?=\s+(?-i:[A-Z]))|\bsummit\b",
        # "ECOWAS leaders meeting in Abuja imposed …"
        r"\b(?:leaders|ministers|heads\s+of\s+state|chiefs)\s+meeting(?=\s+(?:in|at)\b)",
    ),
    "visit": (
        r"\bvisit(?:ed|ing|s)?\b(?!\s+(?:visa))|\bhead(?:ed|ing)\s+to\b|\btrip\s+to\b",
        r"\btravel(?:l?ed|l?ing)\s+to\b|\b(?:diplomatic\s+)?missions?\s+to\b",
    ),
    "agreement": (
        r"\bpeace\s+(?:agreement|accord|deal|treaty)\b|\bagreed\s+(?:with|on)\b",
        r"\bcontract(?:ed|s)?\s+with\b|\bceasefire\b|\bcease-fire\b",
        r"\bsign(?:ed|ing|s)?\b[^.]{0,60}?\b(?:agreement|accord|deal|pact|charter|memorandum|"
        r"treaty)\b",
        r"\b(?:agreement|accord|deal|treaty|pact)\s+(?:was\s+)?(?:signed|reached|concluded)\b",
    ),
    "aid-suspension": (
        r"\b(?:paus|suspend|halt|freez|froz|cut|withh[eo]ld|terminat)\w*\b[^.]{0,60}?\b"
        + _AIDED
        + r"\b",
        r"\bsuspension of\b[^.]{0,40}?\b" + _AIDED + r"\b",
        r"\b(?:scaled|cut|wound) (?:back|down)\b",
    ),
    "sanction": (
        r"\bimpos(?:e|ed|ing|es)\b[^.]{0,40}?\bsanctions?\b|\bsanctioned\b",
        r"\blift(?:ed|s|ing)?\b[^.;]{0,30}?\bsanctions?\b|\bembargo(?:es)?\b",
        r"\bclos(?:ed|es|ing)\s+(?:its\s+|their\s+)?borders?\b",
        r"\bcut(?:s|ting)?\s+off\b[^.;]{0,40}?\b(?:supply|supplies|electricity|trade)\b",
        r"\bsuspend(?:ed|ing|s)?\s+\w+(?:['’]s)?\s+from\s+(?:its|all)\b",
        # "the sanctions decided against Niger by ECOWAS"
        r"\bsanctions\s+(?:decided|adopted|agreed|levied|announced)\b",
    ),
    "equipment-delivery": (
        r"\b(?:deliver(?:ed|ing|ies|y)|suppl(?:ied|ying|ies)|provid(?:ed|ing)|sent|"
        r"ship(?:ped|ping)|transferr?(?:ed|ing)|donat(?:ed|ing))\b[^.]{0,80}?\b(?:jets?|"
        r"aircraft|helicopters?|drones?|tanks?|weapons|arms|hardware|equipment|vehicles|"
        r"missiles|munitions|artillery|radars?)\b",
    ),
    "intelligence-sharing": (
        r"\bintelligence[- ]sharing\b|\bshar(?:e|ed|es|ing)\s+(?:[\w-]+\s+){0,2}intelligence\b",
        r"\bintelligence\s+(?:coordination|cooperation)\b|\binformation flow\b",
    ),
    "deployment": (
        r"\bdeploy(?:ed|ing|ment|ments|s)?\b|\bsent\s+(?:troops|forces|soldiers|personnel)\b",
        r"\bexpand(?:ed|ing|s)? (?:its|their) presence\b|\bstationed\b",
        r"\blaunch(?:ed|ing|es)?\b[^.;]{0,30}?\b(?:military\s+)?(?:operations?|intervention)\b",
        r"\bmilitary\s+(?:operation|intervention)\b|\bactivat(?:e|ed|es|ing|ion)\b"
        r"[^.;]{0,30}?\bforces?\b",
        r"\b(?:troops|forces|soldiers|personnel|instructors|mercenaries)\b[^.;]{0,30}?"
        r"\barriv(?:ed|ing|al)\b|\barriv(?:ed|al) of\b[^.;]{0,30}?\b(?:troops|forces|soldiers)\b",
        # "has been active in Mali since 2021": a presence, dated from its start
        r"\b(?:has|have|had)\s+been\s+(?:active|present|operating)\s+in\b",
        # "the mission took over from AFISMA": a force in the place of another
        r"\btook\s+over\s+from\b",
        # "France joined the conflict the next year"
        r"\b(?:join(?:ed|s|ing)?|entered)\s+the\s+(?:conflict|war|fight|fighting|intervention)\b",
    ),
    "airstrike": (r"\b(?:air|drone)[- ]?strikes?\b|\bairstrikes?\b|\btargeted strikes\b",),
    "attack": (
        r"\battack(?:ed|s|ing)?\b(?!\s+helicopters?)|\bambush(?:ed|es)?\b|\bclash(?:ed|es)\b",
        r"\bkill(?:ed|ing)\b|\braid(?:ed|s)?\b|\bmassacres?\b|\bstorm(?:ed|ing)\b",
        r"\bexchange of fire\b|\bopen(?:ed)? fire\b|\bfir(?:ed|ing) (?:on|at)\b",
        r"\bset fire to\b|\bburst into\b|\bexecut(?:ed|ions?)\b|\bassault(?:ed|s)?\b",
        r"\b(?:suicide|car|truck)\s+bomb\w*|\bbombings?\b|\boffensive\b",
        # an explosion set off against someone: "the improvised explosive device explosion"
        r"\b(?:improvised\s+)?explosive\s+devices?\b|\bIEDs?\b|\blandmines?\b|\bcarnage\b",
    ),
    "expulsion": (r"\bexpel(?:led|ling|s)?\b|\bexpulsions?\s+of\b",),
    "protest": (
        r"\bprotest(?:s|ed|ers)?\b|\bdemonstrat(?:ions|ors|ed)\b",
        r"\b(?:took|taken|take|returned|return|poured)\s+(?:back\s+)?(?:in)?to\s+the\s+streets\b",
    ),
    "election": (
        r"\b(?:presidential|legislative|general)\s+elections?\b|\breferend(?:um|a)\b",
        r"\b(?:was|were|been|first|re-?)\s*elected\b",
        # "the elections in Burkina were held in November"
        r"\belections?\b(?=[^.;]{0,40}?\b(?:were|was)\s+held\b|[^.;]{0,40}?\btook\s+place\b)",
    ),
    # What someone said as an act: a condemnation, a communiqué, a call, an announcement.
    "statement": (
        r"\bcondemn(?:s|ed|ing)?\b|\b(?:press|joint)\s+(?:statement|communiqu[ée])\b",
        r"\bcommuniqu[ée]s?\b|\bissued\s+(?:a|the)\s+(?:statement|note|declaration)\b",
        r"\b(?:deeply|gravely|seriously)\s+concerned\b|\bcalled\s+(?:for|on)\b",
        r"\bwelcom(?:es|ed)\b|\bdeclar(?:es|ed)\s+(?:its|their)\s+support\b",
        r"\bappeared\s+on\s+(?:state\s+|national\s+)?television\b|\bposted\s+on\b",
        r"\bannounc(?:e|ed|es|ing|ement)\b",
        # "a report published by the UN human rights office in May 2023"
        r"\breport\s+(?:published|released|issued)\b|\b(?:published|released|issued)\s+a\s+"
        r"report\b",
    ),
    # Events of no kind above that analysts still date: a resignation, a death, a rebellion.
    "other": (
        r"\bresign(?:ed|s|ation)\b|\bdeath of\b|\bdied\b|\bassassinat(?:ed|ion)\b",
        r"\b(?:rebellion|insurgency|uprising|civil war)\b|\bevacuat(?:e|ed|es|ing|ion)\b",
        # the outbreak of a conflict ("since the start of the conflict in 2015")
        r"\b(?:start|beginning|outbreak|onset)\s+of\s+the\s+(?:conflict|war|insurgency|"
        r"rebellion)\b",
        # a mission's mandate extended ("extends the mandate of MINUSMA")
        r"\b(?:extend|renew)(?:ed|s|ing)?\s+(?:the\s+|its\s+|their\s+)?mandate\b",
        r"\brevok(?:e|ed|es|ing)\b|\bpostpon(?:e|ed|es|ing)\b|\bdissolv(?:e|ed|es|ing)\b",
        r"\bsuspend(?:ed|s|ing)?\s+(?:the\s+)?constitution\b|\bairspace\b",
        # "suspended all political party activities", "replaced the civilian prime minister"
        r"\b(?:suspend|ban)(?:ned|ed|s|ning|ing)?\s+(?:all\s+)?(?:political\s+)?part(?:y|ies)\b",
        r"\b(?:replac|dismiss|sack|fir)(?:ed|es|ing)\s+(?:the\s+)?(?:civilian\s+|interim\s+|"
        r"transitional\s+)?(?:prime\s+minister|president|government|cabinet)\b",
        r"\b(?:gained|won|achieved|declared)\s+(?:its\s+|their\s+)?independence\b",
        # "Tiani proclaimed head of the CNSP", "sworn in as president of the transition"
        r"\bproclaimed\s+(?:himself\s+|herself\s+)?(?:head|president|leader)\b|\bsworn\s+in\b",
        r"\breplac(?:ed|es|ing)\s+(?:the\s+)?(?:\w+\s+){0,2}(?:prime minister|president|"
        r"minister|government|commander)\b",
    ),
}
OBJECT_PREPOSITIONS: dict[str, tuple[str, ...]] = {
    "equipment-delivery": ("to", "for"),
    "intelligence-sharing": ("with", "to"),
    "aid-suspension": ("to", "for", "in", "on"),
    "sanction": ("on", "against"),
    "visit": ("to", "in"),
    "meeting": ("with", "and"),
    "agreement": ("with", "and"),
    "membership-change": (),
    "alliance-formation": ("by", "with"),
    "force-creation": ("by",),
    # Whom protesters protest against; a name after the word in no such phrase takes no part
    # ("…, a coalition that rallied behind imam Dicko").
    "protest": ("against",),
    # Who spoke, or who resigned: the subject; what they spoke of takes no part.
    "statement": (),
    "other": (),
}
# Words before a name that make it the one a coup removed ("ousted President X", "the coup
# against X"), and words after a name that make it the one who carried it out ("X seized
# power", "X, who led the mutiny, …").
# A statement in the present tense: made on the day of the release that carries it.
PRESENT_STATEMENTS: tuple[str, ...] = (
    r"condemns", r"welcomes", r"announces?", r"calls\s+(?:on|for)", r"urges", r"declares",
    r"reaffirms", r"(?:is|are)\s+(?:deeply\s+|gravely\s+|seriously\s+)?concerned",
    r"takes\s+note", r"notes\s+with",
)  # fmt: skip
COUP_TARGET_MARKERS: tuple[str, ...] = (
    r"overthr(?:ew|own|owing|ow)(?:\s+of)?", r"ous(?:ted|ting|ter)(?:\s+of)?",
    r"toppl(?:ed|ing)(?:\s+of)?", r"deposed", r"depos(?:ing|ition)(?:\s+of)?",
    r"remov(?:ed|ing|al)(?:\s+of)?", r"detain(?:ed|ing)", r"arrest(?:ed|ing)", r"against",
    r"captur(?:ed|ing)",
)  # fmt: skip
AGENT_PHRASES: tuple[str, ...] = (
    r"carried\s+out", r"perpetrated", r"committed", r"claimed", r"conducted", r"launched",
    r"staged", r"orchestrated", r"led", r"executed", r"mounted",
)  # fmt: skip
COUP_AGENT_VERBS: tuple[str, ...] = (
    r"seiz(?:ed|es|e|ing)", r"t(?:ook|akes?|aking)\s+power", r"grabbed", r"led", r"staged",
    r"ousted", r"overthrew", r"toppled", r"deposed", r"removed", r"declared",
    r"announced", r"(?:has\s+)?(?:seized|taken)",
)  # fmt: skip
COUP_LEADER_MARKERS: tuple[str, ...] = (
    r"led\s+by", r"headed\s+by", r"under\s+(?:the\s+)?(?:leadership|command)\s+of",
    r"staged\s+by", r"carried\s+out\s+by", r"that\s+saw",
)  # fmt: skip
PLURAL_EVENT_NOUNS: frozenset[str] = frozenset({
    "coups", "takeovers", "putsches", "attacks", "strikes", "airstrikes", "clashes",
    "deployments", "visits", "meetings", "deliveries", "elections", "protests", "withdrawals",
})  # fmt: skip
MODAL: tuple[str, ...] = (
    r"[Cc]ould", r"[Mm]ight", r"may",
    # Narrative "would" tells what happened next ("who would later seize power"): a fact.
    r"[Ww]ould(?!\s+(?:later|go\s+on|eventually|subsequently|ultimately|soon|then)\b)",
    r"[Ss]hould", r"will", r"[Ww]on['’]t",
    r"(?:is|are) (?:likely|expected|set) to", r"[Ll]ikely to", r"[Uu]nlikely to",
)  # fmt: skip
HEDGE: tuple[str, ...] = (
    r"potential(?:ly)?", r"possib(?:le|ly)", r"perhaps", r"reportedly", r"allegedly",
    r"aims? to", r"seeks? to", r"plans? to", r"speculat\w*", r"if",
)  # fmt: skip
NEGATION: tuple[str, ...] = (
    "not", "never", "no longer", "denied", "loss of", "without",
    # A threat is not the act: "threatened military intervention".
    "threatened", "threatening", "threatens", "threat of",
)  # fmt: skip
PASSIVE_AUXILIARIES: tuple[str, ...] = ("was", "were", "been", "being", "is", "are")
# Compass words between a locative preposition and a country ("in northern Mali").
LOCATIVE_QUALIFIERS: tuple[str, ...] = (
    "northern", "southern", "eastern", "western", "central", "north-eastern", "north-western",
    "south-eastern", "south-western", "northeastern", "northwestern", "southeastern",
    "southwestern", "north", "south", "east", "west",
)  # fmt: skip
LOCATIVE_PREPOSITIONS: tuple[str, ...] = (
    "in", "into", "to", "from", "across", "at", "near", "inside", "throughout", "within",
)  # fmt: skip
# Labels of a fact sheet's field that gives a place ("Place: Niamey, Niger").
PLACE_LABELS: tuple[str, ...] = (
    "place", "location", "locations", "headquarters", "seat", "venue", "area", "region",
    "country", "countries", "capital", "based in",
)  # fmt: skip
# "in the Ménaka region of Mali", "the north of Mali": the country is where it happened.
PLACE_OF_NOUNS: tuple[str, ...] = (
    "region", "regions", "province", "provinces", "north", "south", "east", "west", "centre",
    "center", "part", "parts", "city", "town", "village", "capital", "border", "borders",
    "heart", "interior", "district", "circle", "commune",
)  # fmt: skip
# "Burkina Faso experienced two coups": the country the event happened in, not its author.
EXPERIENCER_VERBS: tuple[str, ...] = (
    "experienced", "saw", "suffered", "endured", "witnessed", "faced", "underwent", "has seen",
    "has had", "had", "has experienced", "has suffered",
)  # fmt: skip
# Words that open a reported clause: a name before them speaks of the act after them.
COMPLEMENTIZERS: tuple[str, ...] = ("that",)
# Verbs of a stance taken on an event already known ("backed the coup a day later"): a date
# right after the event's name is the stance's.
STANCE_VERBS: tuple[str, ...] = (
    "backed", "supported", "condemned", "denounced", "welcomed", "rejected", "opposed",
    "endorsed", "hailed", "criticised", "criticized", "deplored", "praised", "justified",
)  # fmt: skip
# Head words of a force's name or description: what a formation word forms when it names one
# ("the creation of a peacekeeping force", "created the Mission") is a force, not an alliance.
FORCE_NAME_HEADS: tuple[str, ...] = (
    "Force", "Forces", "Mission", "Operation", "Brigade", "Battalion", "Corps", "Unit",
    "Regiment", "Contingent",
)  # fmt: skip
# Verbs of speaking of an event, or taking a stance on it, in any tense: a name that does so
# takes no part in the event ("The Ministry takes note of the visit", "condemns the
# sanctions").
SPEAKING_OF: tuple[str, ...] = (
    r"takes?\s+note\s+of", r"took\s+note\s+of", r"not(?:es|ed|ing)",
    r"condemn(?:s|ed|ing)?", r"denounc(?:es|ed|ing|e)", r"welcom(?:es|ed|ing|e)",
    r"deplor(?:es|ed|ing|e)", r"regrett?(?:s|ed|ing)?", r"reject(?:s|ed|ing)?",
    # "journalist Wassim Nasr suggesting the massacre was a retaliation"
    r"suggest(?:s|ed|ing)?", r"argu(?:es|ed|ing|e)",
)  # fmt: skip
# People in a crowd: an attack they make is a protest turned violent ("crowds attacked the
# French embassy").
CROWD_NOUNS: tuple[str, ...] = (
    "crowds?", "protesters", "protestors", "demonstrators", "rioters", "mobs?", "youths",
)  # fmt: skip
# Trigger words of fighting in which no side is the attacker ("clashes with X and Y").
MUTUAL_FIGHTING: tuple[str, ...] = (
    r"clash(?:es|ed)?", r"fighting", r"battles?", r"skirmish(?:es)?", r"firefights?",
    r"exchanges?\s+of\s+fire",
)  # fmt: skip
# Words that ask for an act rather than report it ("called for the withdrawal of …").
REQUEST_MARKERS: tuple[str, ...] = (
    r"call(?:ed|s|ing)?\s+for", r"demand(?:ed|s|ing)?", r"urg(?:ed|es|ing)",
    r"request(?:ed|s|ing)?", r"ask(?:ed|s|ing)?", r"push(?:ed|es|ing)?\s+for",
)  # fmt: skip
# Words before "the <event>" that name the event as a point in time or a circumstance of
# another act, not report it ("after a pause following the coup", "gaining steam with the
# formation of JNIM"): who acts before them takes no part in it.
NAMED_EVENT_OPENERS: tuple[str, ...] = (
    "after", "following", "before", "since", "amid", "despite", "with", "until",
)  # fmt: skip
# Words that open a relative clause, whose act is background to the sentence's news.
RELATIVE_PRONOUNS: tuple[str, ...] = ("which", "who", "whose", "whom")
DEADLINE_WORDS: tuple[str, ...] = ("until", "till", "through", "by")
DEADLINE_WHEN: tuple[str, ...] = ("when", "at which point")
OCCURRENCE_CLAUSES: tuple[str, ...] = (
    r"(?:which|that)\s+(?:was|were|had\s+been|has\s+been)\s+(?:carried\s+out|perpetrated|"
    r"committed|launched|staged|mounted)",
    r"(?:which|that)\s+(?:took\s+place|happened|occurred|unfolded|had\s+taken\s+place|"
    r"had\s+occurred)",
)
# The ending of a participle that continues the act before it ("…, creating the alliance").
PARTICIPLE_ENDINGS: tuple[str, ...] = ("ing",)
# Words that end one clause's report and start the next ("in 2020 and ousted …").
CLAUSE_COORDINATORS: tuple[str, ...] = (
    "and", "or", "then", "but", "while", "before", "after", "when", "as",
)  # fmt: skip
# Those that join two main clauses ("seized Mali in 2012, and a French-led operation …"),
# not a subordinate one.
MAIN_CLAUSE_COORDINATORS: tuple[str, ...] = ("and", "or", "then", "but")
DEFINITE_ARTICLE: str = "the"
OBJECT_DETERMINERS: tuple[str, ...] = ("the", "its", "their")
AGENT_PREPOSITION: str = "by"
FORCE_NOUNS: tuple[str, ...] = (
    "military", "troops", "forces", "army", "soldiers", "personnel", "officials?", "jets?",
    "government", "gendarmes?", "gendarmerie", "police", "peacekeepers", "militias?",
    # a state's missions abroad stand for it ("crowds attacked the French embassy")
    "embass(?:y|ies)", "consulates?", "ambassadors?", "diplomats?",
)  # fmt: skip
LOOSE_POSSESSIVE: str = r"['’]?s?"
POSSESSIVE_ENDINGS: tuple[str, ...] = ("’s", "'s")
COUNT_WORDS: dict[str, int | None] = {
    "two": 2, "three": 3, "four": 4, "five": 5,
    "several": None, "multiple": None, "successive": None, "series of": None,
}  # fmt: skip
RECIPIENT_PREPOSITION: str = "to"
LIST_INTRODUCERS: tuple[str, ...] = ("including", "and", "such as")
AND: str = "and"
OR: str = "or"
BETWEEN: str = "between"

# ------------------------------------------------------------------------------ claims

EXTRA_PREDICATES: tuple[tuple[str, str], ...] = (
    ("stationed-in", r"\bstationed\b"),
    ("communicates-with", r"\b(?:communicat\w*|channels? of communication|contact with)\b"),
    ("member-of", r"\b(?:member(?:s| states?)? of|includes|composed of|comprising)\b"),
    ("offered-support-to", r"\b(?:offer\w*|support|back)\b[^.]{0,40}\bto\b"),
)
OPINION_OPENERS: tuple[str, ...] = (
    "I",
    # An institution's "we" acts: "We condemn the attack", "We call on the junta …".
    r"We(?!\s+(?:strongly\s+|also\s+|firmly\s+|again\s+)?(?:call|condemn|commend|thank|"
    r"extend|mourn|welcome|urge|reaffirm|reiterate|express|continue|remain|will|hold|stand|"
    r"offer|support|deplore|note)\w*\b)",
    r"Let['’]s",
    "Have you",
    "Imagine",
    "Think about",
)
OPINION_PHRASES: tuple[str, ...] = (
    "I think", "I believe", "in my view", "from my perspective", r"I['’]d argue",
    "in my opinion", r"I['’]ve",
)  # fmt: skip
REPORTING_VERBS: tuple[str, ...] = (
    "said", "says", "told", "confirmed", "stated", "announced", "added", "noted", "warned",
    "explained", "claimed", "insisted", "argued", "declared", "acknowledged", "denied",
    "reported", "wrote", "according to",
)  # fmt: skip
ANONYMOUS_DETERMINERS: tuple[str, ...] = ("a", "an", "one", "two", "several", "the")
ACCORDING_TO: str = "According to"
SOURCE_NOISE: str = (
    r"\b(?:reporting|reports?|a report|an article|coverage|data)\s+(?:cited\s+)?(?:by|from|in)\s+"
)
APPROXIMATORS: tuple[str, ...] = (
    "over", "about", "around", "approximately", "nearly", "more than", "some",
)  # fmt: skip
MONEY_MAGNITUDES: tuple[str, ...] = ("million", "billion", "bn", "m", "k")
STRENGTH_SUFFIX: str = "-strong"
QUANTITY_QUALIFIER: str = "military"
QUANTITY_NOUNS: tuple[str, ...] = (
    "troops", "soldiers", "personnel", "fighters", "people", "members",
)  # fmt: skip
NON_SUBJECT_PREPOSITIONS: tuple[str, ...] = (
    "in", "to", "from", "of", "with", "toward", "despite",
)  # fmt: skip

# ------------------------------------------------------------------------------ people

RANKS: tuple[str, ...] = (
    "Field Marshal", "Marshal", "Lieutenant General", "Major General", "Brigadier General",
    "General", "Lieutenant Colonel", "Colonel", "Major", "Captain", "Lieutenant", "Sergeant",
    "Vice Admiral", "Rear Admiral", "Admiral", "Commandant",
    "Lt. Gen.", "Maj. Gen.", "Brig. Gen.", "Gen.", "Lt. Col.", "Col.", "Maj.", "Capt.", "Lt.",
    "Sgt.", "Adm.",
)  # fmt: skip
OFFICES: tuple[str, ...] = (
    "President", "Vice President", "Vice-President", "Prime Minister", "Minister", "Secretary",
    "Ambassador", "Envoy", "Spokesman", "Spokeswoman", "Spokesperson", "Senator", "Governor",
    "Mayor", "Chief of Staff", "Chief", "Commander", "Director", "Chairman", "Chairwoman",
    "Chairperson", "King", "Queen", "Emir", "Sheikh", "Imam", "Chancellor", "Adviser", "Advisor",
    "Leader", "Head", "Coordinator", "Representative", "Deputy",
    "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Professor", "Monsieur", "Madame",
)  # fmt: skip
TITLE_WORDS: frozenset[str] = frozenset({
    "affairs", "state", "defence", "defense", "foreign", "african", "africa", "staff", "command",
    "forces", "force", "army", "navy", "air", "republic", "council", "ministry", "department",
    "operations", "intelligence", "security", "cooperation", "international", "development",
    "office", "bureau", "transition", "transitional", "homeland", "mission", "embassy", "affair",
    "interior", "finance", "justice", "economy", "national", "armed", "general", "deputy",
    "assistant", "acting", "interim", "former", "senior", "special", "principal", "chief",
    "united", "nations", "union", "the", "counterterrorism", "counter-terrorism", "military",
    "joint", "regional", "commander", "minister", "president", "secretary", "ambassador",
})  # fmt: skip
NAME_PARTICLES: tuple[str, ...] = (
    "al", "el", "ag", "ould", "ben", "bin", "ibn", "de", "da", "dos", "du", "van", "von",
    "le", "la", "abu", "bint", "di", "del",
)  # fmt: skip
TITLE_QUALIFIERS: tuple[str, ...] = ("former", "acting", "interim", "deputy")
TITLE_COMPLEMENTS: tuple[str, ...] = ("of", "for", "to", "at")
TITLE_JOINERS: tuple[str, ...] = ("and", "for", "of")
ARTICLES: tuple[str, ...] = ("the", "a", "an")
APPOSITIVE_ROLES: tuple[str, ...] = (
    "adviser", "advisor", "minister", "commander", r"spokes(?:man|woman|person)", "ambassador",
    "president", "chief", "director", "envoy", "leader", "secretary", "official", "general",
    "colonel", "captain", "head", "journalist", "analyst", "researcher", "correspondent",
    "reporter", "expert", "activist", "lawyer", "mediator", "negotiator",
)  # fmt: skip
POSSESSIVE: str = r"['’]s"
# Labels of a fact sheet's field that lists people ("Commander1: A, B", "Leader: C").
PERSON_FIELD_LABELS: tuple[str, ...] = (
    "commander", "leader", "president", "head", "founder", "chairman", "chairperson", "chief",
    "prime minister", "minister", "spokesperson", "secretary", "envoy",
)  # fmt: skip

# ----------------------------------------------------------------------- organisations

ORG_HEADS: dict[str, str] = {
    "Ministry": "government-body", "Council": "government-body",
    "Committee": "government-body", "Authority": "government-body",
    "Agency": "government-body", "Commission": "government-body",
    "Directorate": "government-body", "Office": "government-body",
    "Service": "government-body", "Services": "government-body",
    "Assembly": "government-body", "Court": "government-body",
    "Department": "government-body", "Secretariat": "government-body",
    "Parliament": "government-body", "Senate": "government-body",
    "Presidency": "government-body", "Tribunal": "government-body",
    "Army": "armed-force", "Force": "armed-force", "Forces": "armed-force",
    "Brigade": "armed-force", "Battalion": "armed-force", "Regiment": "armed-force",
    "Command": "armed-force", "Gendarmerie": "armed-force", "Guard": "armed-force",
    "Navy": "armed-force", "Corps": "armed-force",
    "Movement": "armed-group", "Front": "armed-group", "Group": "armed-group",
    "Platform": "armed-group", "Framework": "armed-group", "Coordination": "armed-group",
    "Militia": "armed-group",
    "Coalition": "international-organisation", "Alliance": "international-organisation",
    "Union": "international-organisation", "Organisation": "international-organisation",
    "Organization": "international-organisation", "Mission": "international-organisation",
    "Community": "international-organisation", "Bank": "international-organisation",
    "Fund": "international-organisation",
    "Party": "other", "Association": "other", "Federation": "other", "Network": "other",
    "Institute": "other", "Foundation": "other", "Centre": "other", "Center": "other",
    "Confederation": "other", "Rally": "other", "Convention": "other",
}  # fmt: skip
ORG_HEADS_WITH_COMPLEMENT: frozenset[str] = frozenset({"Department"})
ORG_JOINERS: tuple[str, ...] = (
    "of", "for", "the", "and", "on", "in", "de", "du", "des", "la", "le", "pour", "et",
)  # fmt: skip
ORG_GENERIC_WORDS: frozenset[str] = frozenset({
    "armed", "security", "special", "military", "government", "regular", "elite", "allied",
    "foreign", "local", "rebel", "state", "new", "old", "joint", "national", "terrorist",
})  # fmt: skip
ORG_INTERNATIONAL_WORDS: frozenset[str] = frozenset({
    "un", "nations", "international", "african", "european", "intergovernmental", "world",
    "global", "regional", "multinational",
})  # fmt: skip
ORG_LEADING_WORDS: frozenset[str] = frozenset({
    "the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our",
    "both", "neither", "each", "every", "some", "many", "several", "when", "while", "after",
    "before", "since", "as", "but", "and", "in", "on", "at", "by", "for", "with", "from",
    "under", "against", "meanwhile", "however", "also", "then", "why", "how", "what", "new",
})  # fmt: skip

# ------------------------------------------------------------------------ descriptions

GOVERNMENT_NOUNS: tuple[str, ...] = ("government", "authorities", "regime")
GOVERNMENT_QUALIFIERS: tuple[str, ...] = (
    "transitional", "interim", "military", "civilian", "central", "federal", "new",
)  # fmt: skip
ARMY_NOUNS: tuple[str, ...] = (
    "armed forces", "army", "troops", "soldiers", "forces", "military",
)  # fmt: skip
# Words for a country's army command that stand alone after "the" ("the army command
# declares …"). Not "the army" alone: in a report on several armies it is any of them.
BARE_ARMY_NOUNS: tuple[str, ...] = (
    "army command", "army high command", "military high command", "military command",
)  # fmt: skip
JUNTA_NOUNS: tuple[str, ...] = ("junta", "military junta", "ruling junta", "military rulers")
DESCRIPTION_OF: str = "of"
DESCRIPTION_IN: str = "in"
# A demonym with this ending takes this plural for the people ("Malian" -> "Malians").
PLURAL_DEMONYM: tuple[str, str] = ("an", "s")
METONYMS: dict[str, str] = {
    "Élysée Palace": "FRA", "Élysée": "FRA", "Elysée": "FRA", "Elysee": "FRA",
    "Quai d’Orsay": "FRA", "Quai d'Orsay": "FRA",
    "Kremlin": "RUS",
    "White House": "USA", "Pentagon": "USA",
}  # fmt: skip

# ------------------------------------------------------------------------------- dates

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "janvier": 1,
    "february": 2, "feb": 2, "février": 2, "fevrier": 2,
    "march": 3, "mar": 3, "mars": 3,
    "april": 4, "apr": 4, "avril": 4,
    "may": 5, "mai": 5,
    "june": 6, "jun": 6, "juin": 6,
    "july": 7, "jul": 7, "juillet": 7,
    "august": 8, "aug": 8, "août": 8, "aout": 8,
    "september": 9, "sep": 9, "sept": 9, "septembre": 9,
    "october": 10, "oct": 10, "octobre": 10,
    "november": 11, "nov": 11, "novembre": 11,
    "december": 12, "dec": 12, "décembre": 12, "decembre": 12,
}  # fmt: skip
WORDLIKE_MONTHS: frozenset[str] = frozenset({"may", "mar", "mars", "jan", "dec", "sept"})
ORDINAL_SUFFIXES: tuple[str, ...] = ("st", "nd", "rd", "th", "er")
MONTH_OF: str = "of"
MONTH_THIRDS: tuple[str, ...] = ("early", "mid", "late")
# Northern-hemisphere months, as the news uses them.
YEAR_PARTS: dict[str, tuple[int, int]] = {
    "early": (1, 4), "the beginning of": (1, 4), "the start of": (1, 4),
    "mid": (5, 8), "the middle of": (5, 8), "mid-": (5, 8),
    "late": (9, 12), "the end of": (9, 12), "end of": (9, 12), "the close of": (9, 12),
    "the first half of": (1, 6), "the second half of": (7, 12),
    "the first quarter of": (1, 3), "the second quarter of": (4, 6),
    "the third quarter of": (7, 9), "the fourth quarter of": (10, 12),
    "q1": (1, 3), "q2": (4, 6), "q3": (7, 9), "q4": (10, 12),
    "spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11),
    "début": (1, 4), "fin": (9, 12),
}  # fmt: skip
PART_LINKS: tuple[str, ...] = ("of", "in")
DECADE_ARTICLE: str = "the"
DECADE_PARTS: dict[str, tuple[int, int]] = {
    "early": (0, 3), "mid": (4, 6), "mid-": (4, 6), "late": (7, 9),
}  # fmt: skip
DECADE_SUFFIX: str = r"['’]?s"
YEAR_REFERENCES: dict[str, int] = {
    "that": 0, "the same": 0, "the following": 1, "the previous": -1, "the next": 1,
}  # fmt: skip
YEAR_WORD: str = "year"
THAT_YEAR_LEADS: tuple[str, ...] = ("later", "earlier")
THAT_YEAR_PREPOSITION: str = "in"
RELATIVE_DATES: dict[str, tuple[str, int]] = {
    "yesterday": ("day", -1), "today": ("day", 0), "this morning": ("day", 0),
    "this afternoon": ("day", 0), "this evening": ("day", 0), "tonight": ("day", 0),
    "last night": ("day", -1),
    "earlier this year": ("year", 0), "earlier this month": ("month", 0),
    "earlier this week": ("week", 0), "this past week": ("week", -1),
    "the previous week": ("week", -1), "the past week": ("week", -1),
    "this year": ("year", 0), "last year": ("year", -1), "next year": ("year", 1),
    "this month": ("month", 0), "last month": ("month", -1), "next month": ("month", 1),
    "last week": ("week", -1), "this week": ("week", 0),
    # the Saturday and Sunday last before the publication date
    "over the weekend": ("weekend", -1), "last weekend": ("weekend", -1),
    "this weekend": ("weekend", -1), "at the weekend": ("weekend", -1),
}  # fmt: skip
# Words before a month that place it from the publication date ("last September").
MONTH_RELATIVES: dict[str, int] = {"last": -1, "this": 0, "next": 1}
NUMBER_WORDS: dict[str, int | None] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "several": None, "a few": None,
}  # fmt: skip
# Tens, which take a unit after a hyphen or a space ("twenty-five", "forty two").
# "1,200"; "1 200" too (SI style, UN documents), with any kind of space.
ONE_VICTIM: tuple[str, ...] = ("a", "an")
ONE_VICTIM_NOT: tuple[str, ...] = (
    "number", "total", "dozen", "handful", "score", "few", "further", "toll", "record", "host",
)  # fmt: skip
THOUSANDS_SEPARATORS: tuple[str, ...] = (",", " ", "\u202f", "\xa0")
NUMBER_TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
TIME_UNITS: dict[str, str] = {"day": "day", "week": "week", "month": "month", "year": "year"}
PLURAL_ENDING: str = "s"
AGO: str = "ago"
COUNT_NOUNS: tuple[str, ...] = (
    "troops", "soldiers", "personnel", "people", "fighters", "men", "women", "civilians", "km",
    "kilometres", "kilometers", "miles", "tons", "tonnes", "dollars", "euros", "cfa", "members",
    "officers", "casualties", "deaths", "refugees", "-strong",
)  # fmt: skip
RANGE_JOINS: tuple[str, ...] = ("and", "to", "until", "till", "through")
RANGE_OPENERS: tuple[str, ...] = ("between", "from")
DATE_HINT_WORDS: tuple[str, ...] = (
    "year", "month", "week", "ago", "today", "yesterday", "spring", "summer", "autumn", "fall",
    "winter", "morning", "afternoon", "evening", "tonight", "night", "day", "days", "weeks",
    "months", "weekend", "hours", "night",
)  # fmt: skip
# Dates counted from the date the narrative gave last ("on 10 January 2013 … the following
# day", "a week later"): the step words, the units and the directions (the counts are
# NUMBER_WORDS).
NARRATIVE_STEPS: dict[str, int] = {
    "the following": 1, "the next": 1, "the previous": -1, "the preceding": -1,
}  # fmt: skip
NARRATIVE_UNITS: dict[str, str] = {
    "day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month",
    "months": "month",
}  # fmt: skip
NARRATIVE_DIRECTIONS: dict[str, int] = {"later": 1, "afterwards": 1, "earlier": -1}
# Phrases that stay on the narrative's last day ("Hours later, supporters set fire …").
NARRATIVE_SAME_DAY: tuple[str, ...] = (
    r"(?:(?:a\s+few|several|\d{1,2}|two|three|four|five|six)\s+)?hours\s+(?:later|earlier|afterwards)",
    r"later\s+(?:that|the\s+same)\s+day", r"(?:earlier|later)\s+that\s+(?:morning|evening|night)",
    r"that\s+(?:same\s+)?(?:night|evening|afternoon)",
    # not "the same day as the Barsalogho attack": that event's day, not the last one given
    r"(?:on\s+)?the\s+same\s+day(?!\s+as\b)",
)  # fmt: skip
DATE_LABELS: tuple[str, ...] = (
    "published", "updated", "posted", "date", "released", "last updated", "first published",
    "date published", "published on", "issued", "release date", "revised", "last modified",
    "last revised",
)  # fmt: skip
DATE_LABEL_ON: str = "on"
DATED_PHRASES: tuple[str, ...] = ("dated",)
SOURCE_LEADS: tuple[str, ...] = ("source", "sources")
WEEKDAYS: tuple[str, ...] = (
    "mon", "tues?", r"wed(?:nes)?", r"thu(?:rs)?", "fri", r"sat(?:ur)?", "sun",
)  # fmt: skip
WEEKDAY_ENDING: str = "day"
WEEKDAY_NAMES: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
MONTH_PREPOSITIONS: tuple[str, ...] = (
    "in", "since", "until", "till", "by", "during", "from", "through", "before", "after",
    "throughout",
)  # fmt: skip
# The words of MONTH_PREPOSITIONS that reach up to the time of writing ("protests since
# June"): the month is the latest before the publication date, whatever year the
# narrative spoke of last.
MONTH_UP_TO_NOW: tuple[str, ...] = ("since",)
TIME_PREPOSITION: str = "at"
TIME_SUFFIXES: tuple[str, ...] = (
    "am", "pm", "a.m.", "p.m.", "gmt", "utc", "et", "est", "edt", "cet", "cest", "wat", "bst",
)  # fmt: skip

# ---------------------------------------------------------------------------- cleaning

# The stamp of a wiki page's permanent link, whose date is the revision's: the text's date
# ("This is an old revision of this page, as edited by X (talk | contribs) at 00:42, 29 July
# 2024. …"). The piece ends where the date's words begin.
REVISION_STAMPS: tuple[str, ...] = (
    r"this is an old revision of this page, as edited by .{1,120}? at (?:\d{1,2}:\d{2},\s*)?",
)
FURNITURE: tuple[str, ...] = (
    r"read (?:the )?(?:entire|full|more|whole)(?: article| story)?\.?(?: »| ›| >)?",
    r"continue reading\.?",
    # A link to another article: "Read more: How the Niger coup unfolded".
    r"(?:read (?:more|also)|see also|also read|watch|listen):\s.{1,150}",
    r"share (?:this|the) (?:article|story|post)",
    r"share(?: on)?(?: facebook| twitter| x| linkedin| whatsapp| email)*",
    r"leave a (?:comment|reply)",
    r"\d+ comments?",
    r"(?:no )?comments?",
    r"related(?: articles| posts| stories| content| news| reading)?:?",
    r"(?:you may|you might) also like:?",
    r"(?:more|also) (?:from|on|in) .{1,40}",
    r"recommended(?: for you)?:?",
    r"advertisement|sponsored(?: content)?|ad",
    r"subscribe(?: now| to our newsletter)?.*",
    r"sign up .{0,60}newsletter.*",
    r"#\w+",
    r"\?>|<\?php.*|</?[a-z][^>]*>",
    r"tags?:.*",
    r"filed under:?.*",
    r"skip to (?:main )?content",
    r"print|email|copy link|menu|home|back to top",
    r"photo(?:graph)?:? .{0,80}(?:getty|afp|reuters|ap|via|credit).*",
    r"(?:image|photo) credit:?.*",
)
READING_TIME: tuple[str, ...] = (r"\d{1,3}\s*(?:min(?:ute)?s?)\.?\s*read",)
VIEW_COUNT: tuple[str, ...] = (r"[\d.,]+\s*k?\s*(?:views?|reads?|shares?)",)
RELATIVE_DATE_LINES: tuple[str, ...] = (
    r"(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
    r"(?:second|minute|hour|day|week|month|year)s?\s+ago(?:\s*[·|•-]?\s*\d+)?",
    r"(?:yesterday|today|just now)(?:\s+\d+)?",
)
DISCLAIMERS: tuple[str, ...] = (
    r"may have changed since publication",
    r"for informational purposes only",
    r"not (?:financial|investment) advice",
    r"all rights reserved",
    r"©",
    r"copyright \d{4}",
    r"the views expressed (?:here|in this article)",
)
BYLINE_WORDS: tuple[str, ...] = ("by", "author", "written by", "posted by")
BYLINE_LEADS: tuple[str, ...] = ("by", "written by", "posted by")
BIO_STARTS: tuple[str, ...] = (
    r"(?:about|meet) the authors?:?", r"authors?:?", r"the author", r"biography:?", r"bio:?",
)  # fmt: skip
BIO_SENTENCES: tuple[str, ...] = (
    r"passionately shares",
    r"is an? (?:freelance |senior |staff |contributing )?"
    r"(?:journalist|writer|reporter|correspondent|analyst|editor|contributor|blogger)",
    r"contact (?:us|me) for",
    r"sponsored article inquiries",
    r"follow (?:him|her|them) on",
)
GENERATOR_SECTIONS: tuple[str, ...] = (
    r"self[- ]?correction",
    r"review during generation",
    r"post[- ]generation",
    r"word count(?: check)?\b",
    r"notes? (?:on|about) (?:the )?(?:draft|generation)",
    r"(?:as an ai|as a language model)\b",
    r"here is (?:the|your) (?:article|rewritten|revised)",
    r"final check\b",
    r"checklist:",
)
GENERATOR_LINES: tuple[str, ...] = (
    r"as an ai\b",
    r"as a language model\b",
    r"i aimed for (?:around|about) \d+ words",
    r"\bword count\b",
    r"\bhtml structure\b",
    r"\bclickbait title\b",
    r"\brequested format\b",
)
INSTRUCTION_WORDS: tuple[str, ...] = (
    "expand", r"continu\w*", "elaborate", r"add(?:ing)?", "insert", "write", "writing", "word",
    "words", "length", "placeholder", "todo", "tbd", "rewrite", "include", "section",
    "paragraph", "more", "human-like",
)  # fmt: skip
PLACEHOLDERS: tuple[str, ...] = (r"lorem ipsum", r"\bTODO\b", r"\bTBD\b", r"\bXXX\b", r"\[insert\b")
OPINION_MARKERS: tuple[str, ...] = (
    r"I think", r"I believe", r"In my view", r"From my perspective", r"I['’]ve (?:followed|seen)",
    r"Have you ever wondered", r"I['’]d argue", r"in my opinion", r"personally",
)  # fmt: skip

# ---------------------------------------------------------------------------- metadata

UNTITLED: str = "Untitled article"

# --------------------------------------------------------------------------- sentences

ABBREVIATIONS: frozenset[str] = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "adm",
    "cmdr", "brig", "rep", "sen", "gov", "pres", "amb", "st", "mt", "ft", "no", "nos", "vol",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "inc", "ltd", "co", "corp", "jr", "sr", "vs", "etc", "approx", "est", "cf", "al", "e.g",
    "i.e", "u.s", "u.k", "u.n", "e.u", "a.u", "d.c",
})  # fmt: skip
SENTENCE_FINAL_ABBREVIATIONS: frozenset[str] = frozenset({
    "u.s", "u.k", "u.n", "e.u", "a.u", "d.c", "etc", "inc", "ltd", "co",
})  # fmt: skip
SENTENCE_STARTERS: frozenset[str] = frozenset({
    "The", "This", "That", "These", "Those", "It", "In", "On", "At", "But", "However", "A", "An",
    "He", "She", "They", "We", "Its", "Their", "His", "Her", "As", "After", "Since", "While",
    "Meanwhile", "According", "For", "Yet", "And",
})  # fmt: skip
DISCOURSE_MARKERS: tuple[str, ...] = (
    "For instance", "For example", "In fact", "Most recently", "Recently", "However",
    "Moreover", "Meanwhile", "Concurrently", "Instead", "Notably", "Still", "Yet",
    "Additionally", "Furthermore", "Similarly", "In addition",
)  # fmt: skip
SUBORDINATE_OPENERS: tuple[str, ...] = (
    "While", "Although", "Though", "As", "After", "Following", "following", "Despite",
    "despite", "Since", "In response to", "Between", "Amid", "If", "When", "Before", "Because",
    "Unlike", "Beyond", "Parallel to", "Formed", "Founded", "Created", "Established",
)  # fmt: skip
MAIN_STARTERS: tuple[str, ...] = (
    "the", "a", "an", "this", "these", "those", "its", "their", "it", "they", "he", "she", "we",
)  # fmt: skip
SUBORDINATORS: tuple[str, ...] = (
    "while", "whereas", "although", "though", "following", "despite", "after", "before",
    "since", "amid", "albeit",
)  # fmt: skip
CLAUSE_BREAK_WORDS: tuple[str, ...] = (
    "but", *SUBORDINATORS, "which", "who", "whose", "with", "marking", "leading", "signaling",
    "signalling", "creating", "underscoring", "reflecting", "emphasizing", "emphasising",
    "tasked", "rather than", "often", "even as", "adhering", "acknowledging", "bringing",
    "seizing", "filling", "raising", "particularly", "especially", "notably",
)  # fmt: skip
LIST_CONTINUATIONS: tuple[str, ...] = ("and", "or", "such as", "including", "like")
