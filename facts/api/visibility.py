"""What each reader may see. Anonymous readers (and accounts without a role, or not staff)
see verified claims and what those claims rest on; viewers, curators and leads see
everything."""

from django.db.models import Exists, OuterRef, Q, QuerySet

from facts.choices import ReviewStatus
from facts.models import Actor, Article, Claim, Event

VERIFIED = ReviewStatus.VERIFIED


def reads_everything(user) -> bool:
    """Viewers, curators and leads (one query, remembered for the request's user)."""
    if not (user and user.is_authenticated):
        return False
    cached = getattr(user, "_facts_reads_everything", None)
    if cached is None:
        from django.contrib.auth.models import Permission

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


def visible_claims(user, queryset: QuerySet | None = None) -> QuerySet:
    queryset = Claim.objects.all() if queryset is None else queryset
    return queryset if reads_everything(user) else queryset.filter(status=VERIFIED)


def visible_events(user, queryset: QuerySet | None = None) -> QuerySet:
    queryset = Event.objects.all() if queryset is None else queryset
    if reads_everything(user):
        return queryset
    supported = Claim.objects.filter(event=OuterRef("pk"), status=VERIFIED)
    return queryset.filter(Q(status=VERIFIED) | Exists(supported))


def visible_articles(user, queryset: QuerySet | None = None) -> QuerySet:
    queryset = Article.objects.all() if queryset is None else queryset
    if reads_everything(user):
        return queryset
    return queryset.filter(Exists(Claim.objects.filter(article=OuterRef("pk"), status=VERIFIED)))


def visible_actors(user, queryset: QuerySet | None = None) -> QuerySet:
    queryset = Actor.objects.all() if queryset is None else queryset
    if reads_everything(user):
        return queryset
    verified_claims = Claim.objects.filter(status=VERIFIED)
    return queryset.filter(
        Q(status=VERIFIED)
        | Exists(verified_claims.filter(subject=OuterRef("pk")))
        | Exists(verified_claims.filter(object_actor=OuterRef("pk")))
        | Exists(verified_claims.filter(claimant=OuterRef("pk")))
        | Exists(verified_claims.filter(actors=OuterRef("pk")))
    )


def once_published(history_rows: QuerySet, model, key: str) -> QuerySet:
    """The rows (of `model` or of its history) whose object was verified at some time, so
    readers without a role may learn it has since been withdrawn or deleted; `key` names the
    object's id in those rows ("pk" or "id")."""
    return history_rows.filter(Exists(model.history.filter(id=OuterRef(key), status=VERIFIED)))
