"""An analyst's review of everything the importer proposes from the five seed articles.

`manage.py build_seed_curated` imports the seeds into an empty database, applies these
decisions through the same services curators use, and exports fixtures/seed_curated.json.
Claims are found by their article file and the start of their quote; events by slug. Every
proposal must get a decision: the command fails on any claim or event left unreviewed.

Credibility is the Admiralty scale: 1 confirmed by other sources … 6 cannot be judged.
"""

from dataclasses import dataclass, field

REVIEWER = "analyst"

V, D, R = "verified", "disputed", "rejected"


@dataclass(frozen=True)
class ClaimDecision:
    article: str  # file name prefix, e.g. "003"
    quote_start: str  # the quote begins with this
    status: str
    reason: str
    credibility: int | None = None
    statement: str = ""  # curator's wording, when the sentence says more than the fact
    edit_reason: str = ""
    # A sentence with several events has a claim per event: 0 reviews them all alike, n only
    # the n-th (in the order the importer proposes them).
    part: int = 0


@dataclass(frozen=True)
class EventDecision:
    slug: str
    status: str
    reason: str
    dates: dict = field(default_factory=dict)  # date_start, date_end, date_precision, date_text
    # Where, from the record when the seeds do not say: place slug, precision, words.
    place: tuple[str, str, str] | None = None


ARTICLE_GRADES = {
    "000": (
        "C",
        "Aggregated copy with no date or byline, but its core facts are attributed to a named "
        "AFRICOM officer and to AFP; fairly reliable.",
    ),
    "001": (
        "D",
        "No author, date or publisher; relies on an anonymous official; consistent with wire "
        "reporting but not usually reliable on its own.",
    ),
    "002": (
        "E",
        "Machine-generated: writing instructions left in the text, first-person padding, a "
        "financial-site disclaimer and an unrelated epigraph. Unreliable.",
    ),
    "003": (
        "D",
        "Machine-generated (a 'Self-Correction/Review during generation' section survives); the "
        "history is broadly accurate but some statements are out of date (U.S. troops in Niger).",
    ),
    "004": (
        "C",
        "Coherent report with an on-the-record quote, but undated and without a named outlet; "
        "calls Trump a 'former' president, so it may recycle older copy.",
    ),
}

ANALYSIS = "Commentary or interpretation, not a checkable fact."
VAGUE = "Too vague to check: no actor, time or measurable action."

CLAIMS = [
    # 000 — U.S. keeps channels to AES militaries (AFP via Malay Mail)
    ClaimDecision(
        "000",
        "The United States has quietly maintained channels",
        V,
        "Confirmed on the record by AFRICOM's deputy commander (AFP); also in 001.",
        2,
        "The United States has kept limited communication channels with the militaries of the "
        "AES (Mali, Niger, Burkina Faso) despite the formal end of security cooperation after "
        "the coups.",
        "Plainer wording without the article's framing",
    ),
    ClaimDecision(
        "000",
        "The United States continues to maintain limited",
        V,
        "Summary bullet restating the sourced claim above.",
        2,
    ),
    ClaimDecision(
        "000",
        "Lieutenant General John Brennan",
        V,
        "Named officer on the record, reported by AFP.",
        2,
    ),
    ClaimDecision(
        "000", "According to AFP", V, "Attributed to AFP; consistent with Brennan's remarks.", 2
    ),
    ClaimDecision(
        "000",
        "This disclosure comes as",
        R,
        "Characterisation ('what officials describe as more aggressive'); nothing to check.",
    ),
    ClaimDecision("000", "The persistence of U.S. intelligence", R, ANALYSIS),
    ClaimDecision(
        "000",
        "Washington has also recently stepped up",
        V,
        "Consistent with reported U.S.–Nigeria cooperation; single source.",
        3,
    ),
    ClaimDecision(
        "000",
        "The continued information flow",
        V,
        "Restates the sourced intelligence-sharing claim.",
        2,
    ),
    ClaimDecision("000", "However, it also risks", R, ANALYSIS),
    # 001 — Why the U.S. keeps quiet ties
    ClaimDecision(
        "001",
        "The United States has quietly maintained limited",
        V,
        "Corroborated by the AFP report (000).",
        2,
    ),
    ClaimDecision(
        "001",
        "The AES, formed in 2023",
        V,
        "The Liptako-Gourma Charter founding the AES was signed on 16 September 2023.",
        1,
    ),
    ClaimDecision(
        "001",
        "While official U.S. programs",
        V,
        "Consistent with the on-record account in 000; TSCTP activity was curtailed "
        "after the coups.",
        3,
    ),
    ClaimDecision(
        "001",
        "“Maintaining these narrow channels",
        V,
        "Anonymous official; consistent with Brennan's on-record remarks.",
        3,
    ),
    ClaimDecision(
        "001",
        "In response to the evolving threat",
        V,
        "The AES unified force was announced in 2025 and launched at the end of that year; "
        "the 5,000 figure matches official statements.",
        2,
    ),
    ClaimDecision(
        "001",
        "Violent extremist activity continues",
        V,
        "Matches conflict-monitoring trends for Mali and Burkina Faso.",
        2,
    ),
    ClaimDecision("001", "Analysts highlight the delicate balance", R, ANALYSIS),
    ClaimDecision(
        "001",
        "Russia and Turkey have expanded support",
        V,
        "Russian deliveries and Turkish drone sales to AES states are widely reported.",
        2,
    ),
    ClaimDecision("001", "This multipolar dynamic", R, ANALYSIS),
    ClaimDecision("001", "Analysts argue that", R, ANALYSIS),
    ClaimDecision(
        "001",
        "While the U.S. limits its engagement",
        R,
        "Restates the intelligence-sharing claim with commentary.",
    ),
    # 002 — machine-generated opinion piece
    ClaimDecision("002", "Recent developments suggest", R, VAGUE),
    ClaimDecision(
        "002",
        "These nations have formed",
        V,
        "True, and confirmed by three other articles; the article itself is unreliable.",
        1,
    ),
    ClaimDecision(
        "002",
        "The latest move came when",
        D,
        "An unnamed official's undated trip, reported only by a machine-generated "
        "article; no other source confirms it.",
        6,
    ),
    ClaimDecision(
        "002",
        "The AES formed as a response",
        V,
        "Consistent with the founding charter's stated aims.",
        2,
    ),
    ClaimDecision(
        "002",
        "Russia stepped in with military aid",
        V,
        "Russian military support to the juntas is widely documented.",
        2,
    ),
    ClaimDecision("002", "Yet, this realignment", R, ANALYSIS),
    ClaimDecision("002", "The US appears eager", R, ANALYSIS),
    ClaimDecision("002", "The AES members rely heavily", R, VAGUE),
    ClaimDecision("002", "Into this mix steps", R, VAGUE),
    ClaimDecision("002", "Whether this works depends", R, ANALYSIS),
    # 003 — machine-generated backgrounder
    ClaimDecision(
        "003",
        "The United States is recalibrating",
        V,
        "Consistent with 000, 001 and 004 on U.S. re-engagement.",
        3,
    ),
    ClaimDecision(
        "003",
        "Washington's revised strategy aims",
        R,
        "A statement of intent read into U.S. policy; not checkable.",
    ),
    ClaimDecision(
        "003",
        "Since the early 2010s",
        V,
        "AQIM, JNIM and ISGS activity in the Sahel since the 2010s is well documented.",
        1,
    ),
    ClaimDecision(
        "003",
        "Between August 2020 and July 2023, three pivotal",
        V,
        "Coups in Mali (August 2020, May 2021), Burkina Faso (January and September 2022) and "
        "Niger (July 2023); the next sentences of the article name them.",
        1,
    ),
    ClaimDecision(
        "003",
        "This strategic pivot, observed",
        R,
        "A characterisation of a policy shift and its aims; it names no one and is not "
        "checkable as written.",
    ),
    ClaimDecision(
        "003",
        "Mali saw two coups",
        V,
        "Coups of 18 August 2020 and 24 May 2021, both led by Assimi Goïta.",
        1,
    ),
    ClaimDecision(
        "003",
        "Burkina Faso endured two coups",
        V,
        "Coups of 24 January 2022 (Damiba) and 30 September 2022 (Traoré).",
        1,
    ),
    ClaimDecision(
        "003",
        "Most recently, Niger",
        V,
        "President Bazoum was deposed on 26 July 2023; Tchiani proclaimed himself head "
        "of state on 28 July.",
        1,
    ),
    ClaimDecision(
        "003",
        "France, a long-standing security partner",
        V,
        "The last Barkhane troops left Mali on 15 August 2022; note that the Takuba task "
        "force had already ended on 30 June 2022.",
        2,
    ),
    ClaimDecision(
        "003",
        "French troops also departed",
        V,
        "France ended its operations in Burkina Faso in February 2023.",
        1,
    ),
    ClaimDecision(
        "003",
        "Concurrently, Russia",
        V,
        "Wagner's deployment to Mali from December 2021 is widely documented.",
        1,
    ),
    ClaimDecision(
        "003",
        "The Economic Community of West African States",
        V,
        "ECOWAS imposed sanctions on Niger on 30 July 2023 and threatened force.",
        1,
    ),
    ClaimDecision(
        "003",
        "The United States initially responded",
        V,
        "U.S. law restricts assistance after coups; assistance was suspended in each case.",
        2,
    ),
    ClaimDecision(
        "003",
        "For instance, following the July 2023 coup",
        V,
        "The U.S. paused assistance programmes including the MCC compact after the coup "
        "(announced in August 2023).",
        2,
    ),
    ClaimDecision(
        "003",
        "Senior U.S. officials have initiated",
        V,
        "Consistent with documented visits by Phee and Langley.",
        2,
    ),
    ClaimDecision(
        "003",
        "Assistant Secretary of State for African Affairs",
        V,
        "Phee visited Niamey in December 2023 and, with Langley, in March 2024.",
        2,
    ),
    ClaimDecision(
        "003",
        "In Niger, despite the coup",
        D,
        "Out of date: the U.S. withdrew from Air Base 201 on 5 August 2024 and from Niger "
        "by 15 September 2024 after Niamey revoked the status-of-forces agreement; the "
        "presence described ended in 2024.",
        5,
    ),
    ClaimDecision(
        "003",
        "Discussions regarding the future",
        D,
        "Out of date: the talks ended when Niger revoked the agreement in March 2024; "
        "U.S. forces left by September 2024.",
        5,
    ),
    ClaimDecision("003", "Engagement with Mali and Burkina Faso", R, VAGUE),
    ClaimDecision(
        "003",
        "U.S. Ambassador to Mali",
        V,
        "Korhonen was ambassador in Bamako at the time described.",
        3,
    ),
    ClaimDecision("003", "Similar efforts are underway", R, VAGUE),
    ClaimDecision("003", "Parallel to Washington’s recalibration", R, VAGUE),
    ClaimDecision(
        "003",
        "Moscow has provided military hardware",
        V,
        "L-39 deliveries to Mali (2022) are documented; Mi-35 helicopters to Niger less "
        "clearly, hence the grade.",
        3,
    ),
    ClaimDecision(
        "003",
        "Beyond military aid",
        V,
        "Russian mining and energy agreements with the juntas are reported.",
        2,
    ),
    ClaimDecision(
        "003",
        "A significant element of Russia",
        V,
        "Russian information operations in the Sahel are well documented.",
        2,
    ),
    ClaimDecision(
        "003",
        "The formation of the Alliance of Sahel States",
        V,
        "Founded 16 September 2023 as a mutual-defence pact.",
        1,
    ),
    ClaimDecision(
        "003",
        "While the juntas claim Russian support",
        V,
        "Abuses by state forces and Russian-affiliated fighters are documented by the UN and NGOs.",
        2,
    ),
    ClaimDecision("003", "Washington’s primary objectives", R, ANALYSIS),
    ClaimDecision("003", "Moscow’s strategy likely aims", R, "Speculation ('likely')."),
    ClaimDecision("003", "The future of ECOWAS", R, "Speculation ('potentially')."),
    ClaimDecision(
        "003",
        "Credible timelines for elections",
        V,
        "All three juntas extended their transitions.",
        2,
    ),
    ClaimDecision("003", "The U.S. re-engagement represents", R, ANALYSIS),
    # 004 — Diop–Atallah talks
    ClaimDecision(
        "004",
        "The evolving security landscape",
        V,
        "Mali is a founding member of the AES; U.S. openness is reported in 000–003.",
        2,
        "Mali is a founding member of the AES, and the United States has signalled "
        "openness to security cooperation with it.",
        "State the two facts plainly",
    ),
    ClaimDecision("004", "Formed in September 2023", V, "Founded 16 September 2023.", 1),
    ClaimDecision(
        "004",
        "In a notable diplomatic development",
        V,
        "The meeting is reported elsewhere in Bamako; the article gives no year, so "
        "the date stays unresolved.",
        2,
    ),
    ClaimDecision("004", "The high-level meeting marks", R, ANALYSIS),
    ClaimDecision(
        "004",
        "“The United States has adequate equipment",
        V,
        "Direct quote attributed to Atallah.",
        2,
    ),
    ClaimDecision("004", "This engagement comes at", R, ANALYSIS),
    ClaimDecision("004", "The American initiative", R, VAGUE),
    ClaimDecision("004", "Mali remains committed", R, VAGUE),
    ClaimDecision("004", "As such, the discussions", R, VAGUE),
    ClaimDecision("004", "It represents not only", R, ANALYSIS),
]

EVENTS = [
    EventDecision(
        "2020-08-coup-in-mali",
        V,
        "Coup of 18 August 2020 that ousted President Keïta.",
        {
            "date_start": "2020-08-18",
            "date_end": "2020-08-18",
            "date_precision": "day",
            "date_text": "18 August 2020",
        },
        place=("ml-bamako", "exact", "Bamako"),
    ),
    EventDecision(
        "2021-05-coup-in-mali",
        V,
        "Goïta's second coup, 24 May 2021.",
        {
            "date_start": "2021-05-24",
            "date_end": "2021-05-24",
            "date_precision": "day",
            "date_text": "24 May 2021",
        },
        place=("ml-bamako", "exact", "Bamako"),
    ),
    EventDecision(
        "2022-coup-in-burkina-faso",
        V,
        "The other 2022 coup: Damiba's, 24 January 2022.",
        {
            "date_start": "2022-01-24",
            "date_end": "2022-01-24",
            "date_precision": "day",
            "date_text": "24 January 2022",
        },
        place=("bf-ouagadougou", "exact", "Ouagadougou"),
    ),
    EventDecision(
        "2022-09-coup-in-burkina-faso",
        V,
        "Traoré's coup, 30 September 2022.",
        {
            "date_start": "2022-09-30",
            "date_end": "2022-09-30",
            "date_precision": "day",
            "date_text": "30 September 2022",
        },
        place=("bf-ouagadougou", "exact", "Ouagadougou"),
    ),
    EventDecision(
        "2023-07-coup-in-niger",
        V,
        "Bazoum deposed on 26 July 2023.",
        {
            "date_start": "2023-07-26",
            "date_end": "2023-07-26",
            "date_precision": "day",
            "date_text": "26 July 2023",
        },
        place=("ne-niamey", "exact", "Niamey"),
    ),
    EventDecision(
        "2022-08-france-and-operation-barkhane-withdraw-from-mali",
        V,
        "Last Barkhane troops left Mali on 15 August 2022.",
        {
            "date_start": "2022-08-15",
            "date_end": "2022-08-15",
            "date_precision": "day",
            "date_text": "15 August 2022",
        },
    ),
    EventDecision(
        "2023-french-armed-forces-withdraws-from-burkina-faso",
        V,
        "French special forces ended operations in Burkina Faso in February 2023.",
        {
            "date_start": "2023-02-01",
            "date_end": "2023-02-28",
            "date_precision": "month",
            "date_text": "February 2023",
        },
    ),
    EventDecision(
        "2021-russia-and-wagner-group-deploy-to-mali",
        V,
        "Wagner personnel deployed to Mali from December 2021.",
    ),
    EventDecision(
        "2023-formation-of-the-alliance-of-sahel-states",
        V,
        "Liptako-Gourma Charter signed in Bamako on 16 September 2023.",
        {
            "date_start": "2023-09-16",
            "date_end": "2023-09-16",
            "date_precision": "day",
            "date_text": "16 September 2023",
        },
    ),
    EventDecision(
        "2025-creation-of-the-unified-force-of-the-alliance-of-sahel-states",
        V,
        "5,000-strong unified force launched at the end of 2025.",
    ),
    EventDecision(
        "undated-economic-community-of-west-african-states-sanctions-niger",
        V,
        "ECOWAS summit of 30 July 2023 imposed sanctions on Niger.",
        {
            "date_start": "2023-07-30",
            "date_end": "2023-07-30",
            "date_precision": "day",
            "date_text": "30 July 2023",
        },
    ),
    EventDecision(
        "undated-united-states-suspends-aid-to-niger",
        V,
        "U.S. paused assistance, including the MCC compact, after the coup (August 2023).",
        {
            "date_start": "2023-08-01",
            "date_end": "2023-08-31",
            "date_precision": "month",
            "date_text": "August 2023",
        },
    ),
    EventDecision(
        "undated-united-states-and-trans-saharan-counterterrorism-partnership-suspend-aid",
        V,
        "Post-coup restrictions curtailed U.S. security assistance programmes such as TSCTP.",
    ),
    EventDecision(
        "undated-united-states-shares-intelligence-with-alliance-of-sahel-states",
        V,
        "Confirmed on the record by AFRICOM's deputy commander (AFP).",
    ),
    EventDecision(
        "undated-united-states-shares-intelligence-with-nigeria",
        V,
        "Reported U.S.–Nigeria intelligence cooperation; single source.",
    ),
    EventDecision(
        "undated-russia-and-turkey-deliver-military-equipment-to-alliance-of-sahel-states",
        V,
        "Russian and Turkish supplies to AES states are widely reported.",
    ),
    EventDecision(
        "undated-russia-delivers-l-39-jets-to-mali",
        V,
        "L-39 jets delivered to Mali in 2022.",
        {
            "date_start": "2022-01-01",
            "date_end": "2022-12-31",
            "date_precision": "year",
            "date_text": "2022",
        },
    ),
    EventDecision(
        "undated-russia-delivers-mi-35-attack-helicopters-to-niger",
        D,
        "Only one machine-generated article reports it; date and delivery unconfirmed.",
    ),
    EventDecision(
        "undated-talks-between-abdoulaye-diop-and-rudy-atallah",
        V,
        "Talks in Bamako on 9 July; the article gives no year, so it stays unresolved.",
        place=("ml-bamako", "exact", "Bamako"),
    ),
    EventDecision(
        "undated-rudy-atallah-visits-bamako-mali",
        V,
        "The visit to Bamako during which the talks took place.",
    ),
    EventDecision(
        "undated-molly-phee-and-michael-langley-visit-the-region",
        V,
        "Phee visited Niamey in December 2023 and with Langley in March 2024.",
    ),
    EventDecision(
        "undated-united-states-armed-forces-deploys-to-air-base-201-niger",
        V,
        "U.S. forces were based in Niger until their withdrawal was completed on 15 "
        "September 2024; the article's 'remain stationed' is out of date (claim "
        "disputed).",
    ),
    EventDecision(
        "undated-united-states-visits-bamako-mali",
        D,
        "An unnamed official's undated trip, from a machine-generated article only.",
    ),
]

# Duplicates the importer could not tell apart: survivor slug, merged slugs, reason.
EVENT_MERGES = [
    (
        "undated-united-states-shares-intelligence-with-alliance-of-sahel-states",
        ["undated-united-states-shares-intelligence"],
        "Same limited U.S. intelligence sharing with AES militaries, described against JNIM and "
        "ISGS targets.",
    ),
]
