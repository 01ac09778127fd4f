"""The three curation roles and exactly what each may do (README, "Roles").

viewer  sees everything, changes nothing.
curator reviews and edits (add and change), but deletes and merges nothing.
lead    does everything, merges and deletes included.
"""

FACT_MODELS = [
    "article",
    "articleflag",
    "country",
    "actor",
    "actoralias",
    "actorrelation",
    "event",
    "eventparticipant",
    "claim",
    "claimlink",
]
# Curators never change reference countries; leads may.
CURATOR_READ_ONLY = {"country"}


def role_permissions() -> dict[str, set[tuple[str, str]]]:
    """Group name -> (app_label, codename) pairs."""
    view = {("facts", f"view_{model}") for model in FACT_MODELS}
    edit = {
        ("facts", f"{action}_{model}")
        for model in FACT_MODELS
        if model not in CURATOR_READ_ONLY
        for action in ("add", "change")
    }
    everything = {
        ("facts", f"{action}_{model}")
        for model in FACT_MODELS
        for action in ("add", "change", "delete", "view")
    } | {("facts", "merge_actor"), ("facts", "merge_event")}
    return {"viewer": view, "curator": view | edit, "lead": everything}
