"""The queues' own filters in the admin's sidebar: review status (whose "All" is asked for,
not the default), country, a from–to date range, contradicted, and one article's or one
event's claims. In a curated admin's `list_filter`, the field names "countries" and
"date_start" stand for the country and date-range filters here (CuratedAdmin.field_filters).
"""

from datetime import date

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.db.models import BooleanField, Exists, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.urls import reverse

from facts.choices import ReviewStatus
from facts.models import Article, Claim, Country, Event
from facts.services.review import contradicted_claims

ANY_STATUS = "all"


def claims_of_article_url(article_id: int) -> str:
    """The queue of one article's claims (every status)."""
    return f"{reverse('admin:facts_claim_changelist')}?article__id__exact={article_id}"


def claims_of_event_url(event_id: int) -> str:
    """The queue of the claims that report one event (every status)."""
    return f"{reverse('admin:facts_claim_changelist')}?event__id__exact={event_id}"


class StatusFilter(admin.SimpleListFilter):
    """Review status. Its "All" is a choice of its own (`status__exact=all`): the claim queue
    opens on the unreviewed ones when nothing at all is asked for."""

    title = "status"
    parameter_name = "status__exact"

    def lookups(self, request, model_admin):
        return ReviewStatus.choices

    def queryset(self, request, queryset):
        value = self.value()
        if value in (None, ANY_STATUS):
            return queryset
        if value not in ReviewStatus.values:
            raise IncorrectLookupParameters(f"No review status {value!r}")
        return queryset.filter(status=value)

    def choices(self, changelist):
        yield {
            "selected": self.value() in (None, ANY_STATUS),
            "query_string": changelist.get_query_string({self.parameter_name: ANY_STATUS}),
            "display": "All",
        }
        for value, label in self.lookup_choices:
            yield {
                "selected": self.value() == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }


def _claims_in_country(code: str) -> RawSQL:
    """Claims that mention the country or report an event in it, as one EXISTS over a UNION
    (as facts.filtersets does for the API: PostgreSQL turns an OR of two EXISTS into a hash
    of every claim of the country before the first row)."""
    claim, country = Claim._meta.db_table, Country._meta.db_table
    country_id = f"(SELECT id FROM {country} WHERE alpha3 = %s)"
    return RawSQL(
        f"EXISTS (SELECT 1 FROM {Claim.countries.through._meta.db_table} m "
        f"WHERE m.claim_id = {claim}.id AND m.country_id = {country_id} "
        f"UNION ALL SELECT 1 FROM {Event.countries.through._meta.db_table} e "
        f"WHERE e.event_id = {claim}.event_id AND e.country_id = {country_id})",
        [code, code],
        output_field=BooleanField(),
    )


class CountryFilter(admin.SimpleListFilter):
    """Claims: the countries they mention or their event's countries. Events: their
    countries. Only countries something is filed under are offered, not the whole world."""

    title = "country"
    parameter_name = "country"

    def lookups(self, request, model_admin):
        used = Q(Exists(Event.countries.through.objects.filter(country=OuterRef("pk"))))
        if issubclass(model_admin.model, Claim):
            used |= Q(Exists(Claim.countries.through.objects.filter(country=OuterRef("pk"))))
        countries = Country.objects.filter(used).order_by("name").values_list("alpha3", "name")
        return list(countries)

    def queryset(self, request, queryset):
        code = (self.value() or "").strip().upper()
        if not code:
            return queryset
        if issubclass(queryset.model, Claim):
            return queryset.filter(_claims_in_country(code))
        through = Event.countries.through.objects
        return queryset.filter(Exists(through.filter(event=OuterRef("pk"), country__alpha3=code)))


class DateRangeFilter(admin.ListFilter):
    """From–to on the start of the date a claim or event is about (`date_start__gte`,
    `date_start__lte`, either may be left out); undated rows never match a range."""

    title = "date"
    field = "date_start"
    template = "admin/facts/claim/date_range_filter.html"

    def __init__(self, request, params, model, model_admin):
        super().__init__(request, params, model, model_admin)
        self.since = self.until = None
        self.errors: list[str] = []
        for parameter in self.expected_parameters():
            if parameter not in params:
                continue
            raw = (params.pop(parameter)[-1] or "").strip()
            self.used_parameters[parameter] = raw
            if not raw:
                continue
            try:
                value = date.fromisoformat(raw)
            except ValueError:
                self.errors.append(f"{raw!r} is not a date (YYYY-MM-DD).")
                continue
            if parameter.endswith("__gte"):
                self.since = value
            else:
                self.until = value

    def expected_parameters(self):
        return [f"{self.field}__gte", f"{self.field}__lte"]

    def has_output(self):
        return True

    def queryset(self, request, queryset: QuerySet) -> QuerySet:
        if self.since is not None:
            queryset = queryset.filter(**{f"{self.field}__gte": self.since})
        if self.until is not None:
            queryset = queryset.filter(**{f"{self.field}__lte": self.until})
        return queryset

    def choices(self, changelist):
        since, until = self.expected_parameters()
        yield {
            "selected": self.since is None and self.until is None,
            "query_string": changelist.get_query_string(remove=[since, until]),
            "display": "Any date",
            "since_name": since,
            "until_name": until,
            "since": self.since.isoformat() if self.since else "",
            "until": self.until.isoformat() if self.until else "",
            "errors": self.errors,
            # The other parameters of the page, kept when the range is applied.
            "kept": sorted(
                (name, value)
                for name, value in changelist.params.items()
                if name not in {since, until}
            ),
        }


class ContradictedFilter(admin.SimpleListFilter):
    """Claims another claim contradicts (linked either way)."""

    title = "contradiction"
    parameter_name = "contradicted"

    def lookups(self, request, model_admin):
        return [("yes", "contradicted"), ("no", "not contradicted")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(contradicted_claims())
        if self.value() == "no":
            return queryset.exclude(contradicted_claims())
        return queryset


class _OneRecordFilter(admin.SimpleListFilter):
    """The claims of one record (a queue reached from that record): shown in the sidebar only
    while it is applied, with a way back to all."""

    model: type[Article] | type[Event]

    def _pk(self) -> int | None:
        value = self.value()
        if value is None:
            return None
        try:
            return int(value)
        except ValueError:
            raise IncorrectLookupParameters(f"{value!r} is not an id") from None

    def lookups(self, request, model_admin):
        pk = self._pk()
        if pk is None:
            return []
        found = self.model._default_manager.filter(pk=pk).values_list("pk", "title").first()
        title = found[1] if found else f"(no {self.model._meta.verbose_name} {pk})"
        return [(str(pk), title if len(title) <= 60 else title[:59] + "…")]

    def queryset(self, request, queryset):
        pk = self._pk()
        return queryset if pk is None else queryset.filter(**{f"{self.title}_id": pk})


class ArticleFilter(_OneRecordFilter):
    title = "article"
    parameter_name = "article__id__exact"
    model = Article


class EventFilter(_OneRecordFilter):
    title = "event"
    parameter_name = "event__id__exact"
    model = Event
