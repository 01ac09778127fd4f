"""One FilterSet per model, shared by the API (and usable by any list of the same model)."""

import copy
from datetime import date

import django_filters as filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import BooleanField, Exists, OuterRef, Q
from django.db.models.expressions import RawSQL
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict
from drf_spectacular.utils import extend_schema_field

from facts.choices import (
    ActorKind,
    Credibility,
    DatePrecision,
    EventKind,
    Language,
    LocationPrecision,
    PlaceKind,
    Predicate,
    QualityFlag,
    Reliability,
    ReviewStatus,
)
from facts.country_names import country_named
from facts.geo import BBOX_FORMAT, BBOX_PATTERN, in_box, parse_bbox
from facts.models import (
    Actor,
    ActorAlias,
    Article,
    ArticleFlag,
    Claim,
    Country,
    Event,
    EventParticipant,
    Place,
)
from facts.models.evidence import with_evidence
from facts.names import normalize_name
from facts.roles import reads_everything
from facts.search import search


def _given(field: forms.Field, data, name: str) -> bool:
    """Whether the query holds a value for this field. A multiple select never says its
    value is omitted (a browser sends nothing when none is chosen), but none chosen filters
    nothing, so it counts as given only when named."""
    if name in data:
        return True
    if getattr(field.widget, "allow_multiple_selected", False):
        return False
    return not field.widget.value_omitted_from_data(data, MultiValueDict(), name)


class ParametersForm(forms.Form):
    """A filterset's form that cleans only the parameters given: a list offers some thirty
    filters and a request uses two or three; an absent one filters nothing either way (its
    filter gets no value), so cleaning it only cost time.

    With `given_only` (a filterset's bound form), the form holds only the fields of the
    parameters given: Django deep-copies every declared field for each form, which was a
    sixth of a list request. The API renders no HTML form; one meant to be shown with
    every field would be built without it."""

    def __init__(self, data=None, *args, given_only: bool = False, **kwargs):
        if given_only and data is not None:
            prefix = kwargs.get("prefix") or self.prefix
            self.base_fields = {
                name: field
                for name, field in type(self).base_fields.items()
                if _given(field, data, f"{prefix}-{name}" if prefix else name)
            }
        super().__init__(data, *args, **kwargs)

    def _clean_fields(self):
        for name, field in self.fields.items():
            if field.widget.value_omitted_from_data(self.data, self.files, self.add_prefix(name)):
                continue
            try:
                self.cleaned_data[name] = field._clean_bound_field(self[name])
            except ValidationError as error:
                self.add_error(name, error)


class StrictFilterSet(filters.FilterSet):
    """A typed parameter given with no value ("?updated_after=") is an error, not ignored.

    Filters read what the reader is shown and no more: a reader without a role (and a
    filterset called without a request) finds no row by an unpublished part of it."""

    # Built once per filterset class: the fields are declarations (a form deep-copies them
    # for each instance), and none of ours depends on the request.
    _form_classes: dict[type, type] = {}

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        # django-filter deep-copies every filter (and then builds every form field afresh) on
        # each request: most of a list request's filtering time. A filter keeps no state of
        # its own between requests but its filterset, so a shallow copy that points at this
        # one is enough.
        if queryset is None:
            queryset = self._meta.model._default_manager.all()
        self.is_bound = data is not None
        self.data = data or QueryDict()
        self.queryset = queryset
        self.request = request
        self.form_prefix = prefix
        self.filters = {}
        for name, declared in self.base_filters.items():
            filter_ = copy.copy(declared)
            filter_.model = queryset.model
            filter_.parent = self
            if filter_.method is not None:
                # Re-set, so that its method proxy calls this copy, not the declared filter.
                filter_.method = filter_.method
            self.filters[name] = filter_

    def get_form_class(self):
        form_class = self._form_classes.get(type(self))
        if form_class is None:
            fields = {name: filter_.field for name, filter_ in self.filters.items()}
            form_class = type(f"{type(self).__name__}Form", (ParametersForm,), fields)
            self._form_classes[type(self)] = form_class
        return form_class

    @property
    def reader(self):
        return getattr(self.request, "user", None)

    @property
    def reads_everything(self) -> bool:
        return reads_everything(self.reader)

    def is_valid(self) -> bool:
        valid = super().is_valid()
        for name, value in self.data.items():
            field = self.filters.get(name)
            if field is None or isinstance(field, filters.CharFilter) or value not in ("", None):
                continue
            self.form.add_error(name, "Give a value, or leave the parameter out.")
            valid = False
        return valid

    @property
    def form(self):
        if not hasattr(self, "_form"):
            form_class = self.get_form_class()
            if self.is_bound:
                form = form_class(self.data, prefix=self.form_prefix, given_only=True)
            else:
                form = form_class(prefix=self.form_prefix)
            # Actors, places, events and articles are named for the reader: one they are not
            # shown names nothing.
            for field in form.fields.values():
                if isinstance(field, NamedField | ArticleIdField):
                    field.reader = self.reader
            self._form = form
        return self._form


class NulFreeCharField(forms.CharField):
    """Text with its NUL characters dropped: neither database stores or searches them, and a
    search for "a\\0b" is a search for "ab", not an error the schema does not announce."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\x00", "") if value else value


class TextFilter(filters.CharFilter):
    field_class = NulFreeCharField


class ChoicesFilter(filters.MultipleChoiceFilter):
    """Any of several values of a column of the row itself: no join, so no DISTINCT (which
    would make a database sort every match before it can return the first page)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("distinct", False)
        super().__init__(*args, **kwargs)


MAX_INTEGER = 2**63 - 1  # what both databases can store


@extend_schema_field({"type": "integer", "minimum": -MAX_INTEGER, "maximum": MAX_INTEGER})
class IntegerFilter(filters.NumberFilter):
    """A whole-number filter (NumberFilter accepts decimals, which ids are not), bounded so
    no value overflows the database."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", -MAX_INTEGER)
        kwargs.setdefault("max_value", MAX_INTEGER)
        super().__init__(*args, **kwargs)


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": 9999})
class YearFilter(IntegerFilter):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=1, max_value=9999, **kwargs)


@extend_schema_field({"type": "integer", "minimum": 0, "maximum": MAX_INTEGER})
class CountFilter(IntegerFilter):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=0, **kwargs)


def actors_named(value: str, reader) -> list[int]:
    """Ids of the actors the reader is shown whose slug, name or an alias the value is, in
    any spelling ("wagner", "Wagner Group"): unique, indexed keys."""
    key = normalize_name(value or "")
    matches = Q(slug=(value or "").strip().lower())
    if key:
        matches |= Q(name_key=key) | Q(
            pk__in=ActorAlias.objects.filter(normalized=key).values("actor_id")
        )
    actors = Actor.objects.filter(matches).visible_to(reader)
    return list(actors.values_list("pk", flat=True)[:100])


class CountryField(NulFreeCharField):
    """A country by code, name or alias, as its id; a value naming none is an error."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        found = country_named(value)
        if found is None:
            # The value goes in as a parameter: a "%" in it is text, not a format.
            raise forms.ValidationError("No country named “%(value)s”.", params={"value": value})
        return found


COUNTRY_HELP = "Country: ISO alpha-2, alpha-3 or numeric code, or its name (any case or accent)"


class CountryFilter(filters.CharFilter):
    field_class = CountryField


class NamedField(NulFreeCharField):
    """A value naming rows the reader is shown (the filterset sets `reader`), cleaned to
    those rows; a value that names none of them is a 400, never an empty list."""

    reader = None
    noun = "row"

    def find(self, value: str):
        raise NotImplementedError

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        found = self.find(value)
        if not found:
            # The value goes in as a parameter: a "%" in it is text, not a format.
            raise forms.ValidationError(
                f"No {self.noun} named “%(value)s”.", params={"value": value}
            )
        return found


class ActorField(NamedField):
    """An actor by slug, name or alias, as the ids of those the reader is shown."""

    noun = "actor"

    def find(self, value: str) -> list[int]:
        return actors_named(value, self.reader)


class ActorFilter(filters.CharFilter):
    field_class = ActorField


class PlaceField(NamedField):
    """A place by slug, name or alias in any spelling, as a subquery of the ids of those the
    reader is shown (a name may be a region's and a town's); `kinds` narrows the kinds."""

    noun = "place"
    kinds: tuple[str, ...] = ()

    def find(self, value: str):
        places = _places_named(value, self.kinds).visible_to(self.reader).values("pk")
        return places if places.exists() else None


class RegionField(PlaceField):
    noun = "region"
    kinds = ("admin1",)


class DistrictField(PlaceField):
    noun = "district"
    kinds = ("admin2",)


class PlaceFilter(filters.CharFilter):
    field_class = PlaceField


class RegionFilter(filters.CharFilter):
    field_class = RegionField


class DistrictFilter(filters.CharFilter):
    field_class = DistrictField


class EventField(NamedField):
    """An event by slug, as its id, if the reader is shown it (readers without a role see
    verified events only)."""

    noun = "event"

    def find(self, value: str) -> list[int]:
        events = Event.objects.visible_to(self.reader).filter(slug=value.strip().lower())
        return list(events.values_list("pk", flat=True))


class EventFilter(filters.CharFilter):
    field_class = EventField


class ArticleIdField(forms.IntegerField):
    """An article's id, if the reader is shown it: an id that names none is a 400."""

    reader = None

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_INTEGER)
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value is None:
            return None
        if not Article.objects.visible_to(self.reader).filter(pk=value).exists():
            raise forms.ValidationError("No article %(value)s.", params={"value": value})
        return value


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_INTEGER})
class ArticleFilter(filters.NumberFilter):
    field_class = ArticleIdField


def _linked(through, owner: str, **conditions) -> Exists:
    """Rows with a matching row in a many-to-many table, as EXISTS rather than a join: no
    duplicates to remove with DISTINCT, and a LIMITed page can stop at its last row."""
    return Exists(through.objects.filter(**{owner: OuterRef("pk")}, **conditions))


def _overlap(queryset, start_field: str, end_field: str, after, before):
    """Rows whose date range overlaps [after, before]; undated rows never match."""
    if after:
        queryset = queryset.filter(**{f"{end_field}__gte": after})
    if before:
        queryset = queryset.filter(**{f"{start_field}__lte": before})
    return queryset


class BoundingBoxField(forms.CharField):
    """ "west,south,east,north" in degrees, checked: a malformed box is a 400 that says why."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return parse_bbox(value)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None


@extend_schema_field({"type": "string", "pattern": BBOX_PATTERN, "example": "-5.5,10,4.5,20"})
class BoundingBoxFilter(filters.Filter):
    field_class = BoundingBoxField

    def filter(self, queryset, value):
        return queryset.filter(in_box(value)) if value is not None else queryset


@extend_schema_field({"type": "boolean"})
class TrueOrFalseFilter(filters.ChoiceFilter):
    """ "true" or "false", nothing else: django-filter's BooleanFilter also takes "null",
    "1" or "yes", which the schema (a boolean) does not allow."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("choices", [("true", "true"), ("false", "false")])
        kwargs.setdefault("null_label", None)
        super().__init__(*args, **kwargs)


def _places_named(value: str, kinds: tuple[str, ...] = ()):
    """Places whose slug is the value, or whose name or an alias is, in any spelling or
    accent ("Tillaberi", "Tillabéri", "ne-tillaberi-region")."""
    key = normalize_name(value or "")
    matches = Q(slug=(value or "").strip().lower())
    if key:
        matches |= Q(search_keys__contains=f"|{key}|")
    places = Place.objects.filter(matches)
    return places.filter(kind__in=kinds) if kinds else places


class SearchFilterMixin(StrictFilterSet):
    q = TextFilter(method="filter_q", label="Full-text search (every word must occur)")

    def filter_q(self, queryset, name, value):
        return search(queryset, value) if value.strip() else queryset


class ClaimFilterSet(SearchFilterMixin):
    status = ChoicesFilter(choices=ReviewStatus.choices)
    country = CountryFilter(method="filter_country", label=COUNTRY_HELP)
    actor = ActorFilter(
        method="filter_actor",
        label="Actor (slug, name or alias), as subject, object, claimant or mentioned",
    )
    subject = ActorFilter(field_name="subject", lookup_expr="in", label="Actor, as subject")
    object = ActorFilter(field_name="object_actor", lookup_expr="in", label="Actor, as object")
    claimant = ActorFilter(field_name="claimant", lookup_expr="in", label="Actor, as claimant")
    mentions = ActorFilter(method="filter_mentions", label="Actor, as mentioned")
    event = EventFilter(method="filter_event", label="Event slug")
    article = ArticleFilter(field_name="article_id", label="Article id")
    predicate = ChoicesFilter(choices=Predicate.choices)
    language = ChoicesFilter(choices=Language.choices, label="Language of the quote (ISO 639-1)")
    date_after = filters.DateFilter(method="filter_dates", label="Claim dates overlap from")
    date_before = filters.DateFilter(method="filter_dates", label="Claim dates overlap until")
    year = YearFilter(method="filter_year", label="Claim dates overlap this year")
    date_precision = ChoicesFilter(
        choices=DatePrecision.choices, label="How much of the date the quote supports"
    )
    credibility = ChoicesFilter(choices=Credibility.choices)
    credibility_max = IntegerFilter(field_name="credibility", lookup_expr="lte")
    reliability = ChoicesFilter(field_name="article__reliability", choices=Reliability.choices)
    min_corroboration = IntegerFilter(
        method="filter_min_corroboration", label="At least this many other articles support it"
    )
    updated_after = filters.IsoDateTimeFilter(field_name="updated_at", lookup_expr="gt")

    class Meta:
        model = Claim
        fields = []

    def filter_country(self, queryset, name, value):
        # One EXISTS over a UNION rather than "mentioned OR object": PostgreSQL turns an OR'ed
        # EXISTS into a hash of every claim of the country (400,000 for Mali at a million
        # claims) before the first row; this form is checked row by row as the page is read.
        # `value` is the country's id (CountryField).
        condition = RawSQL(
            f"EXISTS (SELECT 1 FROM {Claim.countries.through._meta.db_table} m "
            f"WHERE m.claim_id = {Claim._meta.db_table}.id AND m.country_id = %s "
            f"UNION ALL SELECT 1 WHERE {Claim._meta.db_table}.object_country_id = %s)",
            [value, value],
            output_field=BooleanField(),
        )
        return queryset.filter(condition)

    def filter_actor(self, queryset, name, value):
        return queryset.filter(
            Q(subject__in=value)
            | Q(object_actor__in=value)
            | Q(claimant__in=value)
            | _linked(Claim.actors.through, "claim", actor__in=value)
        )

    def filter_mentions(self, queryset, name, value):
        return queryset.filter(_linked(Claim.actors.through, "claim", actor__in=value))

    def filter_min_corroboration(self, queryset, name, value):
        # A list served from stored documents reads its claims without the evidence.
        if "corroborating_articles" not in queryset.query.annotations:
            queryset = with_evidence(queryset)
        return queryset.filter(corroborating_articles__gte=value)

    def filter_event(self, queryset, name, value):
        # `value` holds events the reader is shown (EventField): a reader without a role
        # is not shown a claim's link to an unpublished event, nor finds claims by it.
        return queryset.filter(event__in=value)

    def filter_dates(self, queryset, name, value):
        data = self.form.cleaned_data
        if name == "date_before" and data.get("date_after"):
            return queryset  # applied once, with date_after
        return _overlap(
            queryset, "date_start", "date_end", data.get("date_after"), data.get("date_before")
        )

    def filter_year(self, queryset, name, value):
        return _overlap(queryset, "date_start", "date_end", date(value, 1, 1), date(value, 12, 31))


class EventFilterSet(SearchFilterMixin):
    kind = ChoicesFilter(choices=EventKind.choices)
    status = ChoicesFilter(choices=ReviewStatus.choices)
    country = CountryFilter(method="filter_country", label=COUNTRY_HELP)
    actor = ActorFilter(method="filter_actor", label="Actor (slug, name or alias), as participant")
    # The date filters are applied together, in filter_queryset.
    date_after = filters.DateFilter(method="by_dates", label="Event dates overlap from (ISO)")
    date_before = filters.DateFilter(method="by_dates", label="Event dates overlap until (ISO)")
    year = YearFilter(method="by_dates", label="Event dates overlap this year")
    include_undated = TrueOrFalseFilter(
        method="by_dates",
        label="Include undated events: by default yes, unless a date filter is given",
    )
    fatalities_min = CountFilter(
        field_name="fatalities_best", lookup_expr="gte", label="Best fatality estimate at least"
    )
    fatalities_max = CountFilter(
        field_name="fatalities_best", lookup_expr="lte", label="Best fatality estimate at most"
    )
    updated_after = filters.IsoDateTimeFilter(field_name="updated_at", lookup_expr="gt")
    place = PlaceFilter(
        method="filter_place",
        label="Place (slug, name or alias, any spelling), with the places inside it",
    )
    admin1 = RegionFilter(method="filter_admin1", label="Region (first-level unit): slug or name")
    admin2 = DistrictFilter(
        method="filter_admin2", label="District (second-level unit): slug or name"
    )
    bbox = BoundingBoxFilter(label=f"Events whose point is in the box: {BBOX_FORMAT}")
    location_precision = ChoicesFilter(choices=LocationPrecision.choices)
    date_precision = ChoicesFilter(
        choices=DatePrecision.choices, label="How much of the date the reports support"
    )

    class Meta:
        model = Event
        fields = []

    def _placed(self, queryset, condition: Q):
        # Readers see an event's place (and the units read from it) only when the place is
        # verified (facts.models.visibility.shown_where): they find events by it on the
        # same terms, and by visible places only.
        if not self.reads_everything:
            condition &= Q(place__status=ReviewStatus.VERIFIED)
        return queryset.filter(condition)

    # `value` is a subquery of the places named that the reader is shown (PlaceField).
    def filter_place(self, queryset, name, value):
        return self._placed(
            queryset,
            Q(place__in=value) | Q(place__admin1__in=value) | Q(place__admin2__in=value),
        )

    def filter_admin1(self, queryset, name, value):
        return self._placed(queryset, Q(place__in=value) | Q(place__admin1__in=value))

    def filter_admin2(self, queryset, name, value):
        return self._placed(queryset, Q(place__in=value) | Q(place__admin2__in=value))

    def filter_country(self, queryset, name, value):
        return queryset.filter(_linked(Event.countries.through, "event", country=value))

    def filter_actor(self, queryset, name, value):
        # By the participants the reader is shown: an unreviewed part is not found either.
        parts = EventParticipant.objects.visible_to(self.reader)
        return queryset.filter(Exists(parts.filter(event=OuterRef("pk"), actor__in=value)))

    def by_dates(self, queryset, name, value):
        return queryset  # all at once, in filter_queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        after, before, year = data.get("date_after"), data.get("date_before"), data.get("year")
        undated = data.get("include_undated")
        dated = Q()
        if after:
            dated &= Q(date_end__gte=after) | Q(date_end__isnull=True, date_start__gte=after)
        if before:
            dated &= Q(date_start__lte=before)
        if year:
            start, end = date(year, 1, 1), date(year, 12, 31)
            dated &= Q(date_start__lte=end) & (
                Q(date_end__gte=start) | Q(date_end__isnull=True, date_start__gte=start)
            )
        if dated:  # a date filter: undated events only when asked for
            if undated == "true":
                dated |= Q(date_start__isnull=True)
            return queryset.filter(dated)
        if undated == "false":
            return queryset.filter(date_start__isnull=False)
        return queryset


class PlaceFilterSet(StrictFilterSet):
    kind = ChoicesFilter(choices=PlaceKind.choices)
    status = ChoicesFilter(choices=ReviewStatus.choices)
    country = CountryFilter(method="filter_country", label=COUNTRY_HELP)
    name = TextFilter(method="filter_name", label="Name or alias, any spelling or accent")
    admin1 = RegionFilter(method="filter_admin1", label="In this region: slug or name")
    bbox = BoundingBoxFilter(label=f"Places whose point is in the box: {BBOX_FORMAT}")
    has_point = TrueOrFalseFilter(method="filter_has_point", label="Has coordinates")
    updated_after = filters.IsoDateTimeFilter(field_name="updated_at", lookup_expr="gt")

    class Meta:
        model = Place
        fields = []

    def filter_country(self, queryset, name, value):
        return queryset.filter(country=value)

    def filter_name(self, queryset, name, value):
        return queryset.filter(pk__in=_places_named(value).values("pk"))

    def filter_has_point(self, queryset, name, value):
        # Latitude alone decides: the database keeps the two paired.
        return queryset.filter(latitude__isnull=value == "false")

    def filter_admin1(self, queryset, name, value):
        return queryset.filter(Q(pk__in=value) | Q(admin1__in=value))


class ActorFilterSet(StrictFilterSet):
    kind = ChoicesFilter(choices=ActorKind.choices)
    status = ChoicesFilter(choices=ReviewStatus.choices)
    country = CountryFilter(method="filter_country", label=COUNTRY_HELP)
    name = TextFilter(method="filter_name", label="Name or alias, any spelling")
    updated_after = filters.IsoDateTimeFilter(field_name="updated_at", lookup_expr="gt")

    class Meta:
        model = Actor
        fields = []

    def filter_country(self, queryset, name, value):
        return queryset.filter(country=value)

    def filter_name(self, queryset, name, value):
        key = normalize_name(value)
        return queryset.filter(
            Q(name_key__contains=key) | _linked(ActorAlias, "actor", normalized__contains=key)
        )


class ArticleFilterSet(SearchFilterMixin):
    publisher = TextFilter(field_name="publisher", lookup_expr="iexact")
    published_after = filters.DateFilter(field_name="published_end", lookup_expr="gte")
    published_before = filters.DateFilter(field_name="published_start", lookup_expr="lte")
    flag = ChoicesFilter(
        method="filter_flag", choices=QualityFlag.choices, label="Any of these quality flags"
    )
    reliability = ChoicesFilter(choices=Reliability.choices)
    language = ChoicesFilter(choices=Language.choices, label="Language (ISO 639-1)")
    updated_after = filters.IsoDateTimeFilter(field_name="updated_at", lookup_expr="gt")

    class Meta:
        model = Article
        fields = []

    def filter_flag(self, queryset, name, value):
        return (
            queryset.filter(_linked(ArticleFlag, "article", code__in=value)) if value else queryset
        )


class CountryFilterSet(StrictFilterSet):
    region = TextFilter(field_name="region", lookup_expr="iexact")
    name = TextFilter(field_name="name", lookup_expr="icontains")

    class Meta:
        model = Country
        fields = []
