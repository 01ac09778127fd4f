"""Check fixtures/actors.json before committing it.

    .venv/bin/python scripts/check_actor_aliases.py

Fails (exit 1) when an alias's key is not unique, names another actor or a country, when a
name or alias is a single lower-case word (it would match ordinary prose), when a natural key
is repeated or points at nothing, or when a person has no dated role.
"""

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from facts.names import normalize_name  # noqa: E402


def problems() -> list[str]:
    records = json.loads((ROOT / "fixtures" / "actors.json").read_text("utf-8"))
    countries = json.loads((ROOT / "fixtures" / "countries.json").read_text("utf-8"))
    actors = [r["fields"] for r in records if r["model"] == "facts.actor"]
    aliases = [r["fields"] for r in records if r["model"] == "facts.actoralias"]
    relations = [r["fields"] for r in records if r["model"] == "facts.actorrelation"]
    found = []

    slugs = Counter(a["slug"] for a in actors)
    found += [f"actor slug {s!r} repeated" for s, n in slugs.items() if n > 1]
    owner: dict[str, str] = {}
    for actor in actors:
        key = normalize_name(actor["name"])
        if actor["name_key"] != key:
            found.append(f"{actor['slug']}: name_key {actor['name_key']!r} should be {key!r}")
        if key in owner:
            found.append(f"{actor['slug']}: name {actor['name']!r} is also {owner[key]}'s")
        owner[key] = actor["slug"]
        for field in ("parent",):
            if actor[field] and actor[field][0] not in slugs:
                found.append(f"{actor['slug']}: unknown {field} {actor[field][0]}")
        if actor["kind"] in {"person", "state"} and not actor["country"]:
            found.append(f"{actor['slug']}: a {actor['kind']} needs a country")
    country_owner: dict[str, str] = {}
    for record in countries:
        fields = record["fields"]
        names = [fields.get("name", ""), fields.get("official_name", ""), fields.get("capital", "")]
        names += fields.get("aliases", []) + fields.get("demonyms", [])
        for name in filter(None, names):
            country_owner.setdefault(normalize_name(name), fields.get("alpha3", "?"))
    state_countries = {a["country"][0] for a in actors if a["kind"] == "state" and a["country"]}
    for alias in aliases:
        name, key, slug = alias["name"], alias["normalized"], alias["actor"][0]
        if slug not in slugs:
            found.append(f"alias {name!r}: unknown actor {slug}")
        if key != normalize_name(name):
            found.append(f"alias {name!r}: normalized {key!r} should be {normalize_name(name)!r}")
        if key in owner:
            found.append(f"alias {name!r} of {slug} is already {owner[key]}'s name or alias")
        owner[key] = slug
        if key in country_owner:
            found.append(f"alias {name!r} of {slug} is a name of country {country_owner[key]}")
        if " " not in key and name == name.lower() != name.upper():
            found.append(f"alias {name!r} of {slug} is a lower-case word")
    for slug in (a["actor"][0] for a in aliases):
        actor = next((a for a in actors if a["slug"] == slug), None)
        if actor and actor["kind"] == "state" and actor["country"][0] in state_countries:
            found.append(f"alias of state {slug}: states are found through the country fixture")
    relation_slugs = Counter(r["slug"] for r in relations)
    found += [f"relation slug {s!r} repeated" for s, n in relation_slugs.items() if n > 1]
    for relation in relations:
        for end in ("subject", "object"):
            if relation[end][0] not in slugs:
                found.append(f"relation {relation['slug']}: unknown {end} {relation[end][0]}")
        if relation["start"] and relation["end"] and relation["end"] < relation["start"]:
            found.append(f"relation {relation['slug']}: ends before it starts")
    with_roles = {r["subject"][0] for r in relations}
    for actor in actors:
        if actor["kind"] == "person" and actor["slug"] not in with_roles:
            found.append(f"{actor['slug']}: a person without a role")
    return found


if __name__ == "__main__":
    found = problems()
    print("\n".join(found) or "actors.json: no problems found")
    sys.exit(1 if found else 0)
