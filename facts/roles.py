"""The three curation roles and exactly what each may do (README, "Roles").

viewer  sees everything, changes nothing.
curator reviews and edits (add and change), but deletes and merges nothing.
lead    does everything, merges and deletes included.
"""

VIEWER, CURATOR, LEAD = "viewer", "curator", "lead"  # the names of their groups
ROLES = (VIEWER, CURATOR, LEAD)

FACT_MODELS = [
    "article",
    "articleflag",
    "country",
    "actor",
    "actoralias",
    "actorrelation",
    "event",
    "eventparticipant",
    "place",
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
    return {VIEWER: view, CURATOR: view | edit, LEAD: everything}


def sync_role_groups(group_model=None, permission_model=None, using: str = "default") -> None:
    """Create or update the three groups in database `using`. The migration passes its
    historical models and the database it migrates; at run time (after a test flush, say)
    the real ones are used."""
    if group_model is None or permission_model is None:
        from django.contrib.auth.models import Group, Permission

        group_model, permission_model = Group, Permission
    for name, codes in role_permissions().items():
        group, _ = group_model.objects.db_manager(using).get_or_create(name=name)
        # A migration earlier than a model's own sees no permissions for it yet: a later
        # migration syncs again (0018 for places), and tests check the end state is whole.
        group.permissions.set(
            [
                permission
                for permission in permission_model.objects.using(using).filter(
                    content_type__app_label="facts",
                    codename__in=[codename for app, codename in codes if app == "facts"],
                )
            ]
        )


def reads_everything(user) -> bool:
    """Viewers, curators and leads (and superusers) read everything; anonymous readers and
    accounts without a role, or that are not staff, read the published record only. One
    query, remembered on the user object (so once per request)."""
    if not (user and user.is_authenticated):
        return False
    cached = getattr(user, "_facts_reads_everything", None)
    if cached is None:
        from django.contrib.auth.models import Permission
        from django.db.models import Q

        cached = user.is_superuser or (
            user.is_active
            and user.is_staff  # as in the admin: a role is for staff accounts only
            and Permission.objects.filter(
                Q(group__user=user) | Q(user=user),
                content_type__app_label="facts",
                codename="view_claim",
            ).exists()
        )
        user._facts_reads_everything = cached
    return cached
