"""Schemathesis hooks for .ci/schemathesis: each request made as a careful client makes it.

JSON Schema cannot say that a request names rows that exist, that If-Match must carry the
ETag the object has now, or the rules that tie fields together, which each operation's
description states instead (a merge's survivor is not among the merged; a date range's end is
not before its start). Before each call these hooks put existing keys in the path, the current
ETag in If-Match and, in a body Schemathesis generated as valid, values that keep those rules:
a request the schema calls valid is then one the server should take, and the checks hold it to
that. A part generated as invalid is left as drawn, for the server to refuse; so is one path
key in ten, for the server to answer 404.

SAHEL_API is the server's origin, SAHEL_TOKEN the role's token (unset: anonymous), and
SAHEL_LOGIN "username:password" of an account, for the token exchange.
"""

import os
import random
import re

import requests
import schemathesis
from schemathesis.core.parameters import ParameterLocation

API = os.environ["SAHEL_API"].rstrip("/") + "/api/v1"
SESSION = requests.Session()
if os.environ.get("SAHEL_TOKEN"):
    SESSION.headers["Authorization"] = f"Token {os.environ['SAHEL_TOKEN']}"
LOGIN = os.environ.get("SAHEL_LOGIN", "")
# Fixed, as Schemathesis's own generation is (--generation-deterministic): a failure repeats.
RANDOM = random.Random(20_250_601)
TIMEOUT = 30

PATH_KEY = re.compile(r"^/api/v1/([a-z-]+)/\{(\w+)\}/")
KEY_FIELDS = {"countries": "code", "places": "slug"}  # the others' key is "id"
GENERATOR_FLAGS = {"generation-artifacts", "placeholder-text"}
DATES = ("date_start", "date_end", "date_precision")
FATALITIES = ("fatalities_low", "fatalities_best", "fatalities_high")

_rows: dict[str, list[dict]] = {}
_texts: dict[int, str] = {}
_quoted: set[tuple[int, str]] = set()


def rows(resource: str) -> list[dict]:
    """The first page (500) of a list as this role reads it, kept up to date by after_call."""
    if resource not in _rows:
        response = SESSION.get(f"{API}/{resource}/", params={"page_size": 500}, timeout=TIMEOUT)
        _rows[resource] = response.json()["results"] if response.status_code == 200 else []
    return _rows[resource]


def key_of(resource: str, row: dict):
    return row[KEY_FIELDS.get(resource, "id")]


def forget(resource: str, keys) -> None:
    keys = {str(key) for key in keys}
    _rows[resource] = [row for row in rows(resource) if str(key_of(resource, row)) not in keys]


def read(resource: str, key) -> requests.Response | None:
    response = SESSION.get(f"{API}/{resource}/{key}/", timeout=TIMEOUT)
    return response if response.status_code == 200 else None


def generated_valid(case, location: ParameterLocation) -> bool:
    return case.meta is None or not case.meta.is_negative_at(location)


@schemathesis.hook
def before_call(context, case, kwargs):
    path, method = case.operation.path, case.method.upper()
    target = None  # (resource, key) of the object the request acts on
    match = PATH_KEY.match(path)
    if match and generated_valid(case, ParameterLocation.PATH):
        resource, name = match.groups()
        candidates = rows(resource)
        if candidates and RANDOM.random() < 0.9:
            case.path_parameters[name] = str(key_of(resource, RANDOM.choice(candidates)))
        target = (resource, case.path_parameters[name])
    body = case.body if isinstance(case.body, dict) else None
    valid_body = body is not None and generated_valid(case, ParameterLocation.BODY)
    if path.endswith("/merge/") and valid_body:
        target = merge(path.split("/")[3], body)
    elif path.endswith("/merge/") and body is not None and isinstance(body.get("survivor"), int):
        target = (path.split("/")[3], body["survivor"])
    current = None
    if target and method != "GET":
        response = read(*target)
        current = response.json() if response is not None else None
        headers = case.headers
        if (
            response is not None
            and headers
            and "If-Match" in headers
            and generated_valid(case, ParameterLocation.HEADER)
        ):
            headers["If-Match"] = response.headers["ETag"]
    if method == "GET" and case.query and generated_valid(case, ParameterLocation.QUERY):
        # The dictionaries in .ci/schemathesis.toml name rows for string filters; an id
        # filter's boundary values (the coverage phase's) name none.
        name_existing_rows(case.query, QUERY_REFERENCES)
    if valid_body:
        name_existing_rows(body, REFERENCES.get(f"{method} {path}", {}))
        fix = BODY_RULES.get(f"{method} {path}")
        if fix:
            fix(body, current or {})


@schemathesis.hook
def after_call(context, case, response):
    path, method = case.operation.path, case.method.upper()
    match = PATH_KEY.match(path)
    if method == "DELETE" and response.status_code == 204 and match:
        resource, name = match.groups()
        forget(resource, [case.path_parameters[name]])
    elif path.endswith("/merge/") and response.status_code == 200:
        forget(path.split("/")[3], case.body["merged"])  # only a valid body is answered 200
    elif method == "POST" and response.status_code == 201:
        resource = path.split("/")[3]
        rows(resource).append(response.json())


# --------------------------------------------------------------- rules JSON Schema cannot state

# Body fields that name another row, by the slug or code of a list's rows.
REFERENCES = {
    "PATCH /api/v1/claims/{id}/": {
        "subject": ("actors", "slug"),
        "object_actor": ("actors", "slug"),
        "claimant": ("actors", "slug"),
        "actors": ("actors", "slug"),
        "object_country": ("countries", "code"),
        "countries": ("countries", "code"),
        "event": ("events", "slug"),
    },
    "PATCH /api/v1/events/{id}/": {"place": ("places", "slug")},
}
# Query parameters of the lists that name a row by id.
QUERY_REFERENCES = {"article": ("articles", "id")}
WITHDRAWN = {"rejected", "retracted"}


def name_existing_rows(values: dict, references: dict) -> None:
    """Each name a body or query gives (not null or empty) becomes one a row the role is
    shown has, unless it already is one."""
    for field, (resource, key) in references.items():
        if values.get(field) in (None, ""):
            continue
        names = [row[key] for row in rows(resource) if row.get("status") not in WITHDRAWN]
        known = {str(name) for name in names}
        if not names:
            continue
        if isinstance(values[field], list):
            values[field] = [
                item if str(item) in known else RANDOM.choice(names) for item in values[field]
            ]
        elif str(values[field]) not in known:
            values[field] = RANDOM.choice(names)


def merge(resource: str, body: dict) -> tuple[str, int] | None:
    """A survivor and one or two others (of its kind, for events), none of them the survivor."""
    candidates = rows(resource)
    if resource == "events":
        kinds: dict[str, list[dict]] = {}
        for row in candidates:
            kinds.setdefault(row["kind"], []).append(row)
        candidates = [row for group in kinds.values() if len(group) > 1 for row in group]
    if len(candidates) < 2:
        return None
    survivor = RANDOM.choice(candidates)
    others = [
        row
        for row in candidates
        if row["id"] != survivor["id"] and row.get("kind") == survivor.get("kind")
    ]
    count = min(len(body.get("merged") or [None]), 2, len(others))
    body["survivor"] = survivor["id"]
    body["merged"] = [row["id"] for row in RANDOM.sample(others, count)]
    return resource, survivor["id"]


def dates(body: dict) -> None:
    """A range complete or empty, its end not before its start, one day at day precision:
    the three are sent together, since the stored ones count too."""
    if not any(name in body for name in DATES):
        return
    given = sorted(body[name] for name in ("date_start", "date_end") if body.get(name))
    precision = body.get("date_precision") or ""
    if not given and not precision:
        body.update(date_start=None, date_end=None, date_precision="")
        return
    start, end = (given[0], given[-1]) if given else ("2023-07-26", "2023-07-26")
    precision = precision or "day"
    body.update(date_start=start, date_end=start if precision == "day" else end)
    body["date_precision"] = precision


def actor_edit(body: dict, current: dict) -> None:
    if body.get("wikidata_qid"):
        # One actor's only: a number no reference actor has.
        body["wikidata_qid"] = f"Q{RANDOM.randrange(10**11, 10**12)}"


def event_edit(body: dict, current: dict) -> None:
    dates(body)
    if any(name in body for name in FATALITIES):
        given = sorted(body[name] for name in FATALITIES if body.get(name) is not None)
        if len(given) == 1:
            given = [None, given[0], None]
        elif len(given) == 2:
            given = [given[0], None, given[1]]
        body.update(zip(FATALITIES, given or [None, None, None], strict=True))
    if "latitude" in body or "longitude" in body:
        latitude, longitude = body.get("latitude"), body.get("longitude")
        if (latitude is None) != (longitude is None):
            body.update(latitude=latitude or "0", longitude=longitude or "0")
        else:
            body.update(latitude=latitude, longitude=longitude)


def claim_edit(body: dict, current: dict) -> None:
    dates(body)

    def slug(name):
        if name in body:
            return body[name]
        return (current.get(name) or {}).get("slug")

    if slug("subject") is not None and slug("subject") == slug("object_actor"):
        body["object_actor"] = None


def claim_review(body: dict, current: dict) -> None:
    grade = body.get("credibility")
    if grade is None:  # null or absent: the stored grade stands
        grade = current.get("credibility")
    if body.get("status") == "verified" and grade is not None and grade >= 5:
        body["credibility"] = 2  # a claim graded 5 or 6 cannot be verified


def grade(body: dict, current: dict) -> None:
    flags = set(current.get("quality_flags") or ())
    if flags & GENERATOR_FLAGS and body.get("reliability", "A") < "D":
        body["reliability"] = "D"  # a generator's leftovers: D at best


def claim_create(body: dict, current: dict) -> None:
    """A quote that occurs once in an existing article and is no curator's claim yet."""
    articles = rows("articles")
    if not articles:
        return
    article = RANDOM.choice(articles)["id"]
    if article not in _texts:
        response = read("articles", article)
        _texts[article] = response.json()["text"] if response is not None else ""
    text = _texts[article]
    for _ in range(50):
        start = RANDOM.randrange(max(len(text) - 40, 1))
        quote = text[start : start + RANDOM.randrange(20, 200)].strip()
        if quote and text.count(quote) == 1 and (article, quote) not in _quoted:
            break
    else:
        return
    _quoted.add((article, quote))
    body.update(article=article, quote=quote)
    if body.get("quote_start") is not None:
        body["quote_start"] = text.index(quote)


def link_create(body: dict, current: dict) -> None:
    """Two different claims not yet linked with this kind."""
    claims = [row["id"] for row in rows("claims")]
    links = {
        (link["from_claim"]["id"], link["to_claim"]["id"], link["kind"])
        for link in rows("claim-links")
    }
    for _ in range(50):
        first, second = RANDOM.sample(claims, 2)
        if (first, second, body.get("kind")) not in links:
            body.update(from_claim=first, to_claim=second)
            return


def token(body: dict, current: dict) -> None:
    if LOGIN and RANDOM.random() < 0.5:
        username, _, password = LOGIN.partition(":")
        body.update(username=username, password=password)


BODY_RULES = {
    "PATCH /api/v1/actors/{id}/": actor_edit,
    "PATCH /api/v1/events/{id}/": event_edit,
    "PATCH /api/v1/claims/{id}/": claim_edit,
    "POST /api/v1/claims/{id}/review/": claim_review,
    "POST /api/v1/articles/{id}/grade/": grade,
    "POST /api/v1/claims/": claim_create,
    "POST /api/v1/claim-links/": link_create,
    "POST /api/v1/auth/token/": token,
}
