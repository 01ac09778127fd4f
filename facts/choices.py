"""Controlled vocabularies shared by models, importer, admin and API."""

from django.db import models


class ReviewStatus(models.TextChoices):
    """Where a machine-proposable object stands in review (Wikibase-style rank with a reason)."""

    UNREVIEWED = "unreviewed", "Unreviewed"
    VERIFIED = "verified", "Verified"
    DISPUTED = "disputed", "Disputed"
    REJECTED = "rejected", "Rejected"
    RETRACTED = "retracted", "Retracted"


# A reviewer must say why for every status that withholds or withdraws a fact.
STATUSES_NEEDING_REASON = (ReviewStatus.DISPUTED, ReviewStatus.REJECTED, ReviewStatus.RETRACTED)
# Statuses that take a fact back: it corroborates nothing and leaves the published record.
WITHDRAWN_STATUSES = (ReviewStatus.REJECTED, ReviewStatus.RETRACTED)


class Origin(models.TextChoices):
    """How an object entered the database."""

    REFERENCE = "reference", "Reference data"
    IMPORT = "import", "Proposed by the importer"
    CURATOR = "curator", "Entered by a curator"


class DatePrecision(models.TextChoices):
    """How much of a date the text supports (UCDP date_prec, Wikibase time precision)."""

    DAY = "day", "Day"
    MONTH = "month", "Month"
    PART_OF_YEAR = "part-of-year", "Part of year (early/mid/late, season)"
    YEAR = "year", "Year"
    DECADE = "decade", "Decade"


class Reliability(models.TextChoices):
    """NATO Admiralty code for a source: how far it can be trusted."""

    A = "A", "A – Completely reliable"
    B = "B", "B – Usually reliable"
    C = "C", "C – Fairly reliable"
    D = "D", "D – Not usually reliable"
    E = "E", "E – Unreliable"
    F = "F", "F – Reliability cannot be judged"


class Credibility(models.IntegerChoices):
    """NATO Admiralty code for a piece of information: how likely it is to be true."""

    CONFIRMED = 1, "1 – Confirmed by other sources"
    PROBABLY_TRUE = 2, "2 – Probably true"
    POSSIBLY_TRUE = 3, "3 – Possibly true"
    DOUBTFUL = 4, "4 – Doubtful"
    IMPROBABLE = 5, "5 – Improbable"
    CANNOT_JUDGE = 6, "6 – Truth cannot be judged"


class QualityFlag(models.TextChoices):
    """Problems found in an article, recorded so curators and consumers can weigh it."""

    GENERATION_ARTIFACTS = "generation-artifacts", "Text-generator leftovers"
    PLACEHOLDER_TEXT = "placeholder-text", "Placeholder or writing instructions"
    UNTITLED = "untitled", "No title line"
    UNDATED = "undated", "No usable publication date"
    UNRESOLVED_DATES = "unresolved-dates", "Dates without a year"
    CONFLICTING_DATES = "conflicting-dates", "Publication dates that disagree"
    TRUNCATED = "truncated", "Text ends mid-article"
    PAGE_FURNITURE = "page-furniture", "Page furniture removed"
    DUPLICATED_TEXT = "duplicated-text", "Repeated title or paragraphs"
    OPINION = "opinion", "Opinion or first-person commentary"
    NO_CLAIMS = "no-claims", "No fact-bearing sentences found"
    OVERLONG_SENTENCES = "overlong-sentences", "Sentences too long to analyse"
    TOO_MANY_CLAIMS = "too-many-claims", "More claims than one article may propose"
    SUPPLIED_METADATA = "supplied-metadata", "Metadata supplied with the file or the import"
    WIRE_COPY = "wire-copy", "Copy or rewrite of another article's text"
    EARLIER_CLAIMS_LEFT = (
        "earlier-claims-left",
        "A new version of a page: claims of the earlier one whose quote it no longer holds once",
    )


class ActorKind(models.TextChoices):
    PERSON = "person", "Person"
    STATE = "state", "State"
    GOVERNMENT_BODY = "government-body", "Government body or agency"
    ARMED_FORCE = "armed-force", "State armed force or command"
    ARMED_GROUP = "armed-group", "Non-state armed group"
    MERCENARY = "mercenary", "Private military company"
    INTERNATIONAL_ORGANISATION = "international-organisation", "International organisation"
    MILITARY_OPERATION = "military-operation", "Military operation or mission"
    PROGRAMME = "programme", "Programme or partnership"
    COMPANY = "company", "Company"
    MEDIA = "media", "Media outlet"
    OTHER = "other", "Other"


class AliasKind(models.TextChoices):
    NAME = "name", "Name"
    ABBREVIATION = "abbreviation", "Abbreviation"
    FORMER_NAME = "former-name", "Former name"
    TRANSLATION = "translation", "Translation"
    SPELLING = "spelling", "Spelling variant"


class RelationKind(models.TextChoices):
    """Dated relations between actors (memberships, offices, command, succession)."""

    MEMBER_OF = "member-of", "Member of"
    PART_OF = "part-of", "Part of"
    HOLDS_OFFICE = "holds-office", "Holds office in"
    LEADS = "leads", "Leads"
    COMMANDS = "commands", "Commands"
    ADVISES = "advises", "Advises"
    REPRESENTS = "represents", "Represents (envoy, ambassador)"
    AFFILIATED_WITH = "affiliated-with", "Affiliated with"
    SUCCEEDED_BY = "succeeded-by", "Succeeded or renamed by"


class EventKind(models.TextChoices):
    COUP = "coup", "Coup d'état"
    ATTACK = "attack", "Attack or armed clash"
    AIRSTRIKE = "airstrike", "Air or drone strike"
    WITHDRAWAL = "withdrawal", "Withdrawal of forces"
    DEPLOYMENT = "deployment", "Deployment of forces"
    FORCE_CREATION = "force-creation", "Creation of a military force"
    ALLIANCE_FORMATION = "alliance-formation", "Formation of an alliance"
    MEMBERSHIP_CHANGE = "membership-change", "Joining or leaving an organisation"
    MEETING = "meeting", "Meeting or talks"
    VISIT = "visit", "Official visit"
    AGREEMENT = "agreement", "Agreement"
    AID_SUSPENSION = "aid-suspension", "Suspension of aid or cooperation"
    AID = "aid", "Aid or assistance"
    SANCTION = "sanction", "Sanctions"
    EQUIPMENT_DELIVERY = "equipment-delivery", "Delivery of military equipment"
    INTELLIGENCE_SHARING = "intelligence-sharing", "Intelligence sharing"
    EXPULSION = "expulsion", "Expulsion of diplomats or forces"
    ELECTION = "election", "Election or referendum"
    PROTEST = "protest", "Protest"
    STATEMENT = "statement", "Policy statement"
    OTHER = "other", "Other"


# Each kind's place in the outside taxonomies we align with: ACLED (event type, sub-event type)
# and PLOVER event type. None where the taxonomy has no fitting category.
EVENT_KIND_TAXONOMY: dict[str, dict[str, object]] = {
    EventKind.COUP: {"acled": ("Strategic developments", "Other"), "plover": "COERCE"},
    EventKind.ATTACK: {"acled": ("Battles", "Armed clash"), "plover": "ASSAULT"},
    EventKind.AIRSTRIKE: {
        "acled": ("Explosions/Remote violence", "Air/drone strike"),
        "plover": "ASSAULT",
    },
    EventKind.WITHDRAWAL: {"acled": None, "plover": "RETREAT"},
    EventKind.DEPLOYMENT: {"acled": None, "plover": "MOBILIZE"},
    EventKind.FORCE_CREATION: {"acled": None, "plover": "MOBILIZE"},
    EventKind.ALLIANCE_FORMATION: {
        "acled": ("Strategic developments", "Agreement"),
        "plover": "AGREE",
    },
    EventKind.MEMBERSHIP_CHANGE: {"acled": None, "plover": "REJECT"},
    EventKind.MEETING: {"acled": None, "plover": "CONSULT"},
    EventKind.VISIT: {"acled": None, "plover": "CONSULT"},
    EventKind.AGREEMENT: {"acled": ("Strategic developments", "Agreement"), "plover": "AGREE"},
    EventKind.AID_SUSPENSION: {"acled": None, "plover": "SANCTION"},
    EventKind.AID: {"acled": None, "plover": "AID"},
    EventKind.SANCTION: {"acled": None, "plover": "SANCTION"},
    EventKind.EQUIPMENT_DELIVERY: {"acled": None, "plover": "AID"},
    EventKind.INTELLIGENCE_SHARING: {"acled": None, "plover": "COOPERATE"},
    EventKind.EXPULSION: {"acled": None, "plover": "REJECT"},
    EventKind.ELECTION: {"acled": None, "plover": None},
    EventKind.PROTEST: {"acled": ("Protests", "Peaceful protest"), "plover": "PROTEST"},
    EventKind.STATEMENT: {"acled": None, "plover": None},
    EventKind.OTHER: {"acled": None, "plover": None},
}


class FatalityFigure(models.TextChoices):
    """The three figures of an event's toll (UCDP low / best / high)."""

    LOW = "low", "Low"
    BEST = "best", "Best"
    HIGH = "high", "High"


class ParticipantRole(models.TextChoices):
    PERPETRATOR = "perpetrator", "Perpetrator"
    TARGET = "target", "Target"
    PARTY = "party", "Party"
    MEDIATOR = "mediator", "Mediator"
    HOST = "host", "Host"
    VISITOR = "visitor", "Visitor"
    SUPPLIER = "supplier", "Supplier"
    RECIPIENT = "recipient", "Recipient"
    LEADER = "leader", "Leader"


class PlaceKind(models.TextChoices):
    """What a place is, from the largest to the smallest (GeoNames feature classes A and P)."""

    COUNTRY = "country", "Country"
    ADMIN1 = "admin1", "Region (first-level unit)"
    ADMIN2 = "admin2", "District (second-level unit: cercle, province, department)"
    LOCALITY = "locality", "Locality (town, village, city)"
    SITE = "site", "Site (base, camp, mine, hotel, border post)"


class LocationPrecision(models.TextChoices):
    """How exactly the words of the reports place an event (docs/places.md maps each level
    to ACLED's geo_precision and UCDP's where_prec)."""

    EXACT = "exact", "The exact locality or site"
    NEAR = "near", "Near or part of a locality"
    ADMIN2 = "admin2", "Only the district (second-level unit)"
    ADMIN1 = "admin1", "Only the region (first-level unit)"
    COUNTRY = "country", "Only the country"


# ACLED geo_precision: 1 the town itself, 2 near a town or a small part of a region, 3 only a
# larger region (ACLED then uses the regional capital's coordinates).
ACLED_GEO_PRECISION: dict[str, int] = {
    LocationPrecision.EXACT: 1,
    LocationPrecision.NEAR: 2,
    LocationPrecision.ADMIN2: 2,
    LocationPrecision.ADMIN1: 3,
    LocationPrecision.COUNTRY: 3,
}
# UCDP GED where_prec: 1 exact, 2 within 25 km of a known point, 3 second-order unit,
# 4 first-order unit, 6 only the country (5, a linear feature, and 7, waters, are not used).
UCDP_WHERE_PREC: dict[str, int] = {
    LocationPrecision.EXACT: 1,
    LocationPrecision.NEAR: 2,
    LocationPrecision.ADMIN2: 3,
    LocationPrecision.ADMIN1: 4,
    LocationPrecision.COUNTRY: 6,
}
# The precision a place's own kind supports when the words add nothing ("in Djibo").
PRECISION_OF_KIND: dict[str, str] = {
    PlaceKind.COUNTRY: LocationPrecision.COUNTRY,
    PlaceKind.ADMIN1: LocationPrecision.ADMIN1,
    PlaceKind.ADMIN2: LocationPrecision.ADMIN2,
    PlaceKind.LOCALITY: LocationPrecision.EXACT,
    PlaceKind.SITE: LocationPrecision.EXACT,
}


class Predicate(models.TextChoices):
    """What a claim says its subject did or is, relative to its object."""

    SEIZED_POWER = "seized-power", "seized power in"
    OUSTED = "ousted", "ousted"
    LEADS = "leads", "leads"
    HOLDS_OFFICE = "holds-office", "holds office"
    MEMBER_OF = "member-of", "is a member of"
    FORMED = "formed", "formed"
    LEFT = "left", "left"
    WITHDREW_FROM = "withdrew-from", "withdrew from"
    DEPLOYED_TO = "deployed-to", "deployed to"
    SUPPLIED = "supplied", "supplied equipment to"
    SHARES_INTELLIGENCE_WITH = "shares-intelligence-with", "shares intelligence with"
    COMMUNICATES_WITH = "communicates-with", "maintains contact with"
    SUSPENDED_AID_TO = "suspended-aid-to", "suspended aid to"
    OFFERED_SUPPORT_TO = "offered-support-to", "offered support to"
    SUPPORTS = "supports", "supports"
    MET_WITH = "met-with", "met with"
    VISITED = "visited", "visited"
    SANCTIONED = "sanctioned", "sanctioned"
    ATTACKED = "attacked", "attacked"
    STATIONED_IN = "stationed-in", "is stationed in"
    STATED = "stated", "stated"


class LinkKind(models.TextChoices):
    CORROBORATES = "corroborates", "Corroborates"
    CONTRADICTS = "contradicts", "Contradicts"
    # The same sentence in a copy of the same story: the same witness, not a second one.
    COPIES = "copies", "Copies (same source text)"


# Reasons a curator picks by number in the review workspace, then edits if need be: the
# checks a review rests on, in the words the history will keep.
REVIEW_REASON_TEMPLATES: dict[str, tuple[str, ...]] = {
    ReviewStatus.VERIFIED: (
        "The quote says it, and another independent source reports the same.",
        "The quote says it, on the record from an official or named source.",
        "The quote says it; checked against the primary document it cites.",
        "Well-established fact; the quote states it correctly.",
    ),
    ReviewStatus.DISPUTED: (
        "Other sources give a different account (see the linked claims).",
        "Single unnamed source; no corroboration found yet.",
        "The figure or date differs from other reports of the event.",
        "Attributed to a party to the conflict; not independently confirmed.",
    ),
    ReviewStatus.REJECTED: (
        "The quote does not say what the claim states (extraction error).",
        "Not a factual claim (opinion, question or page furniture).",
        "Contradicted by stronger sources.",
        "Duplicate of another claim of this article.",
    ),
}


class Language(models.TextChoices):
    """The languages an article's language is detected among (ISO 639-1), the news languages
    of the region and of those who report on it (facts.ingest.reading.language.CANDIDATES)."""

    EN = "en", "English"
    FR = "fr", "French"
    AR = "ar", "Arabic"
    ES = "es", "Spanish"
    PT = "pt", "Portuguese"
    DE = "de", "German"
    IT = "it", "Italian"
    RU = "ru", "Russian"
    ZH = "zh", "Chinese"
    TR = "tr", "Turkish"
    NL = "nl", "Dutch"
    UK = "uk", "Ukrainian"
    PL = "pl", "Polish"
    HA = "ha", "Hausa"
    SW = "sw", "Swahili"
