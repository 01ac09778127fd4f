"""Representations: every object with a stable `url`, related objects in a brief form."""

import re
from collections.abc import Mapping

from django.core.validators import RegexValidator
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from facts.api.representations import (
    attach_sources,
    claim_contradictions,
    claim_representation,
    date_range,
    event_representation,
    event_sources,
    event_taxonomy,
    links_for,
    quote_of,
)
from facts.choices import (
    WITHDRAWN_STATUSES,
    Credibility,
    DatePrecision,
    Predicate,
    Reliability,
    ReviewStatus,
)
from facts.models import Actor, Article, Claim, Country, Event, Place
from facts.models.visibility import shown_participants, shown_place, shown_where


def _url(serializer, name: str, pk) -> str:
    return reverse(f"api:{name}-detail", args=[pk], request=serializer.context.get("request"))


# ----------------------------------------------------------------------------- brief forms


class CountryBriefSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:country-detail", lookup_field="alpha3"
    )
    code = serializers.CharField(source="alpha3")

    class Meta:
        model = Country
        fields = ["code", "alpha2", "name", "url"]


class ActorBriefSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:actor-detail")

    class Meta:
        model = Actor
        fields = ["id", "url", "slug", "name"]


class PlaceBriefSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:place-detail", lookup_field="slug")

    class Meta:
        model = Place
        fields = ["slug", "name", "kind", "url"]


class ShownPlaceSerializer(PlaceBriefSerializer):
    """A place another object points at, null to a reader without a role unless verified."""

    def get_attribute(self, instance):
        return shown_place(super().get_attribute(instance), links_for(self.context).everything)


class EventPlaceSerializer(PlaceBriefSerializer):
    """An event's place, region or district (by the field's name) as the reader sees them:
    to a reader without a role, none of them unless the event's place is verified."""

    def get_attribute(self, instance):
        place, admin1, admin2 = shown_where(instance, links_for(self.context).everything)
        return {"place": place, "admin1": admin1, "admin2": admin2}[self.field_name]


class EventBriefSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:event-detail")

    class Meta:
        model = Event
        fields = ["id", "url", "slug", "title"]


class ClaimEventSerializer(EventBriefSerializer):
    """The event a claim reports, null to a reader without a role unless it is verified."""

    def get_attribute(self, instance):
        event = super().get_attribute(instance)
        if event is None or links_for(self.context).everything:
            return event
        return event if event.status == ReviewStatus.VERIFIED else None


class DateRangeSerializer(serializers.Serializer):
    start = serializers.DateField(allow_null=True)
    end = serializers.DateField(allow_null=True)
    precision = serializers.CharField(allow_blank=True)
    text = serializers.CharField(allow_blank=True)


class EventTaxonomySerializer(serializers.Serializer):
    acled_event_type = serializers.CharField(allow_null=True)
    acled_sub_event_type = serializers.CharField(
        allow_null=True, help_text="The event's sub-kind: ACLED's sub_event_type."
    )
    plover = serializers.CharField(allow_null=True)


# ----------------------------------------------------------------------------- countries


class CountrySerializer(CountryBriefSerializer):
    class Meta(CountryBriefSerializer.Meta):
        fields = [
            "code",
            "alpha2",
            "numeric",
            "name",
            "official_name",
            "capital",
            "demonyms",
            "aliases",
            "region",
            "url",
        ]


# ----------------------------------------------------------------------------- actors


class ActorRelationSerializer(serializers.Serializer):
    kind = serializers.CharField()
    object = ActorBriefSerializer()
    title = serializers.CharField()
    start = serializers.DateField(allow_null=True)
    start_precision = serializers.CharField()
    end = serializers.DateField(allow_null=True)
    end_precision = serializers.CharField()


class ActorSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:actor-detail")
    country = CountryBriefSerializer(read_only=True, allow_null=True)
    parent = ActorBriefSerializer(read_only=True, allow_null=True)
    aliases = serializers.SerializerMethodField()
    relations = ActorRelationSerializer(many=True, read_only=True)

    class Meta:
        model = Actor
        fields = [
            "id",
            "url",
            "slug",
            "name",
            "kind",
            "title",
            "description",
            "country",
            "parent",
            "aliases",
            "relations",
            "wikidata_qid",
            "acled_name",
            "origin",
            "status",
            "status_reason",
            "reviewed_at",
            "version",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_aliases(self, obj) -> list[str]:
        return [alias.name for alias in obj.aliases.all()]


# ----------------------------------------------------------------------------- writes

REASON_MAX_LENGTH = 5000
# What counts as blank, spelled out rather than as \s: Python's and ECMAScript's \s differ
# (U+001C–U+001F and U+0085 against U+FEFF), and the schema must mean what the server does.
BLANK_CHARACTERS = (
    r"\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
)
REASON_PATTERN = rf"^[^\x00]*[^\x00{BLANK_CHARACTERS}][^\x00]*$"


class ReasonField(serializers.CharField):
    """Why a write is made, for the history: at least one character that is not blank (the
    schema's pattern says the same), and no NUL (no text column holds one)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", REASON_MAX_LENGTH)
        kwargs.setdefault("help_text", "Why (recorded in the history): not blank.")
        super().__init__(**kwargs)
        self.validators.append(
            RegexValidator(REASON_PATTERN, message="Say why: a reason cannot be blank.")
        )


class UniqueListField(serializers.ListField):
    """A list whose items are distinct (the schema says uniqueItems)."""

    def to_internal_value(self, data):
        values = super().to_internal_value(data)
        if len(set(values)) != len(values):
            raise serializers.ValidationError("Give each item once.")
        return values


JSON_TYPE_NAMES = {str: "a string", int: "a whole number", list: "a list"}


def _json_types(field) -> tuple[type | None, type | None]:
    """The JSON type a write field takes, and that of its items for a list."""
    if isinstance(field, serializers.ManyRelatedField):
        return list, _json_types(field.child_relation)[0]
    if isinstance(field, serializers.ListField):
        return list, _json_types(field.child)[0]
    if isinstance(field, serializers.ChoiceField):
        keys = {type(key) for key in field.choices}
        return (int if keys == {int} else str), None
    if isinstance(field, serializers.IntegerField | serializers.PrimaryKeyRelatedField):
        return int, None
    if isinstance(
        field,
        serializers.CharField
        | serializers.SlugRelatedField
        | serializers.DateField
        | serializers.DecimalField,
    ):
        return str, None
    return None, None


def _is_json(value, expected: type) -> bool:
    if isinstance(value, bool):
        return False
    if expected is int:
        return isinstance(value, int) or (isinstance(value, float) and value.is_integer())
    return isinstance(value, expected)


class StrictWriteSerializer(serializers.Serializer):
    """A write that refuses, by name, every field it does not write, listing those it does: a
    field of the representation (`date`, `version`) or a misspelt one would otherwise be
    dropped silently and the write answered as if it had been made.

    `representation` is the read serializer whose fields are named as read-only rather than
    unknown; `hints` says where such a field is written instead. A PATCH body must carry the
    fields of `required_on_patch` and at least one other (facts.api.schema says so too)."""

    representation: type[serializers.Serializer] | None = None
    hints: dict[str, str] = {}
    required_on_patch: tuple[str, ...] = ("reason",)

    def writable_names(self) -> list[str]:
        return [name for name, field in self.fields.items() if not field.read_only]

    def _wrong_types(self, data: Mapping) -> dict[str, list[str]]:
        """Values of another JSON type than the schema's: DRF would take 0 for a string or
        "3" for a number, and the schema says neither is valid."""
        wrong = {}
        for name, value in data.items():
            field = self.fields.get(name)
            if field is None or field.read_only or value is None:
                continue  # unknown or read-only: refused by name; null: allow_null decides
            expected, items = _json_types(field)
            if expected is not None and not _is_json(value, expected):
                wrong[name] = [f"Give {JSON_TYPE_NAMES[expected]}."]
            elif value == "" and isinstance(field, serializers.RelatedField):
                # DRF reads "" as null here; the schema says a name or null.
                wrong[name] = ["Give a name, or null for none."]
            elif items is not None and any(not _is_json(item, items) for item in value):
                wrong[name] = [f"Give a list of {JSON_TYPE_NAMES[items]}s."]
        return wrong

    def _refused(self, data) -> dict[str, list[str]]:
        if not isinstance(data, Mapping):
            return {}
        writable = self.writable_names()
        shown = set(getattr(getattr(self.representation, "Meta", None), "fields", ()))
        listed = ", ".join(writable)
        refused = {}
        for name in data:
            if name in writable:
                continue
            if name in shown or name in self.hints:
                hint = f" ({self.hints[name]})" if name in self.hints else ""
                refused[name] = [f"“{name}” is read-only here{hint}. Writable: {listed}."]
            else:
                refused[name] = [f"Unknown field “{name}”. Writable: {listed}."]
        if self.partial:  # a partial write still says why
            for name in self.required_on_patch:
                if name not in data:
                    refused[name] = ["This field is required."]
        return {**self._wrong_types(data), **refused}

    def to_internal_value(self, data):
        refused = self._refused(data)
        try:
            values = super().to_internal_value(data)
        except serializers.ValidationError as error:
            if refused and isinstance(error.detail, dict):
                raise serializers.ValidationError({**error.detail, **refused}) from None
            raise
        if refused:
            raise serializers.ValidationError(refused)
        return values


REVIEW_HINTS = {
    "status": "a review sets it: POST …/review/",
    "status_reason": "a review sets it: POST …/review/",
}
DATE_HINTS = {"date": "write date_start, date_end, date_precision and date_text"}


class ActorWriteSerializer(StrictWriteSerializer, serializers.ModelSerializer):
    """An actor's own fields, and why they change. `wikidata_qid` is a Wikidata item id
    (Q and digits)."""

    reason = ReasonField(write_only=True)
    representation = ActorSerializer
    hints = REVIEW_HINTS

    class Meta:
        model = Actor
        fields = ["name", "kind", "title", "description", "wikidata_qid", "acled_name", "reason"]
        extra_kwargs = {field: {"required": False} for field in fields if field != "reason"}
        # The model's check constraint, stated where the schema can show it.
        extra_kwargs["wikidata_qid"]["validators"] = [
            RegexValidator(r"^(?:Q[1-9][0-9]*)?$", message="A Wikidata item id: Q and digits.")
        ]


# ----------------------------------------------------------------------------- events


class ShownParticipantsSerializer(serializers.ListSerializer):
    """An event's participants as the reader sees them: verified ones, or all to a role."""

    def get_attribute(self, instance):
        return shown_participants(instance, links_for(self.context).everything)


class ParticipantSerializer(serializers.Serializer):
    actor = ActorBriefSerializer()
    role = serializers.CharField()
    status = serializers.CharField(
        help_text="Its review status: readers without a role see verified participants only."
    )

    class Meta:
        list_serializer_class = ShownParticipantsSerializer


class EventListSerializer(serializers.ListSerializer):
    """A page of events: the `sources` counts of all of them in one query."""

    def to_representation(self, data):
        events = list(data.all() if hasattr(data, "all") else data)
        attach_sources(events, links_for(self.context))
        return super().to_representation(events)


class EventSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:event-detail")
    date = serializers.SerializerMethodField()
    countries = CountryBriefSerializer(many=True, read_only=True)
    participants = ParticipantSerializer(many=True, read_only=True)
    taxonomy = serializers.SerializerMethodField()
    place = EventPlaceSerializer(read_only=True, allow_null=True)
    admin1 = EventPlaceSerializer(
        read_only=True, allow_null=True, help_text="The region (first-level unit) it is in."
    )
    admin2 = EventPlaceSerializer(
        read_only=True, allow_null=True, help_text="The district (second-level unit) it is in."
    )
    geo_precision = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text="location_precision as ACLED's geo_precision: 1 the place itself, 2 near "
        "it or part of a region, 3 only a region or the country.",
    )
    where_prec = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text="location_precision as UCDP GED's where_prec: 1 exact, 2 within 25 km, "
        "3 district, 4 region, 6 country.",
    )
    sources = serializers.SerializerMethodField()

    class Meta:
        model = Event
        list_serializer_class = EventListSerializer
        fields = [
            "id",
            "url",
            "slug",
            "kind",
            "taxonomy",
            "title",
            "description",
            "date",
            "countries",
            "place",
            "admin1",
            "admin2",
            "location",
            "latitude",
            "longitude",
            "location_precision",
            "geo_precision",
            "where_prec",
            "participants",
            "fatalities_low",
            "fatalities_best",
            "fatalities_high",
            "sources",
            "origin",
            "status",
            "status_reason",
            "reviewed_at",
            "version",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field(DateRangeSerializer)
    def get_date(self, obj) -> dict:
        return date_range(obj)

    @extend_schema_field(EventTaxonomySerializer)
    def get_taxonomy(self, obj) -> dict:
        return event_taxonomy(obj.kind)

    @extend_schema_field(
        serializers.IntegerField(
            help_text="How many articles report it: the articles of its claims you are shown "
            "(verified claims only, without a role), not rejected or retracted, a copy of a "
            "story counting with its original."
        )
    )
    def get_sources(self, obj) -> int:
        return event_sources(obj, links_for(self.context))

    def to_representation(self, instance):
        return event_representation(instance, links_for(self.context))


class CoordinateField(serializers.DecimalField):
    """A latitude or longitude as the API writes it, a decimal string with at most five
    decimal places within range; `pattern` is the whole rule, and the schema shows it."""

    pattern = ""

    def __init__(self, **kwargs):
        super().__init__(max_digits=8, decimal_places=5, allow_null=True, **kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str) or not re.fullmatch(self.pattern, data):
            raise serializers.ValidationError(
                "A decimal string within range with at most five decimal places, as "
                'responses write it ("13.51366").'
            )
        return super().to_internal_value(data)


DECIMALS = r"(?:\.[0-9]{1,5})?"
LATITUDE_PATTERN = rf"^-?(?:(?:[0-9]|[1-8][0-9]){DECIMALS}|90(?:\.0{{1,5}})?)$"
LONGITUDE_PATTERN = rf"^-?(?:(?:[0-9]|[1-9][0-9]|1[0-7][0-9]){DECIMALS}|180(?:\.0{{1,5}})?)$"


@extend_schema_field({"type": "string", "nullable": True, "pattern": LATITUDE_PATTERN})
class LatitudeField(CoordinateField):
    pattern = LATITUDE_PATTERN


@extend_schema_field({"type": "string", "nullable": True, "pattern": LONGITUDE_PATTERN})
class LongitudeField(CoordinateField):
    pattern = LONGITUDE_PATTERN


class EventWriteSerializer(StrictWriteSerializer, serializers.ModelSerializer):
    """An event's own fields, and why they change (the operation lists the rules that tie
    fields together)."""

    reason = ReasonField(write_only=True)
    representation = EventSerializer
    hints = {**REVIEW_HINTS, **DATE_HINTS}
    latitude = LatitudeField(required=False)
    longitude = LongitudeField(required=False)
    place = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Place.objects.exclude(status__in=WITHDRAWN_STATUSES),
        allow_null=True,
        help_text="The place's slug. Unless latitude and longitude are given too, the "
        "event's point follows the place (a point a curator set elsewhere stays).",
    )

    class Meta:
        model = Event
        fields = [
            "title",
            "description",
            "date_start",
            "date_end",
            "date_precision",
            "date_text",
            "place",
            "location_precision",
            "location",
            "latitude",
            "longitude",
            "fatalities_low",
            "fatalities_best",
            "fatalities_high",
            "reason",
        ]
        extra_kwargs = {field: {"required": False} for field in fields if field != "reason"}


# ----------------------------------------------------------------------------- places


class PlaceSerializer(PlaceBriefSerializer):
    country = CountryBriefSerializer(read_only=True)
    admin1 = ShownPlaceSerializer(read_only=True, allow_null=True)
    admin2 = ShownPlaceSerializer(read_only=True, allow_null=True)

    class Meta(PlaceBriefSerializer.Meta):
        fields = [
            *PlaceBriefSerializer.Meta.fields,
            "aliases",
            "country",
            "admin1",
            "admin2",
            "latitude",
            "longitude",
            "coordinates_source",
            "geonames_id",
            "population",
            "origin",
            "status",
            "updated_at",
        ]


# ----------------------------------------------------------------------------- articles


class ArticleSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:article-detail")
    source_url = serializers.CharField(source="url")
    published = serializers.SerializerMethodField()
    quality_flags = serializers.SerializerMethodField()
    copy_of = serializers.PrimaryKeyRelatedField(
        read_only=True,
        allow_null=True,
        help_text="The article whose text this one reproduces (a wire copy or a light "
        "rewrite): the two are one witness, so neither corroborates the other.",
    )

    class Meta:
        model = Article
        fields = [
            "id",
            "url",
            "title",
            "subtitle",
            "author",
            "publisher",
            "source_url",
            "published",
            "language",
            "reliability",
            "reliability_reason",
            "quality_flags",
            "copy_of",
            "sha256",
            "source_file",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field(DateRangeSerializer)
    def get_published(self, obj) -> dict:
        return date_range(obj, "published")

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_quality_flags(self, obj) -> list[str]:
        return sorted(flag.code for flag in obj.flags.all())


class ArticleDetailSerializer(ArticleSerializer):
    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "text", "raw_text", "text_sha256"]


class ArticleGradeSerializer(StrictWriteSerializer):
    """The grade and why. An article whose text shows a generator's leftovers (quality flag
    `generation-artifacts` or `placeholder-text`) cannot be graded above D: a 400."""

    reliability = serializers.ChoiceField(choices=Reliability.choices)
    reason = ReasonField(help_text="Why the source gets this grade (its reliability_reason).")
    representation = ArticleSerializer
    hints = {"reliability_reason": "give it as reason"}


# ----------------------------------------------------------------------------- claims


class QuoteSerializer(serializers.Serializer):
    exact = serializers.CharField()
    prefix = serializers.CharField(allow_blank=True)
    suffix = serializers.CharField(allow_blank=True)
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    selectors = serializers.ListField(child=serializers.DictField())


class ClaimArticleSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.CharField()
    title = serializers.CharField()
    publisher = serializers.CharField(allow_blank=True)
    source_url = serializers.CharField(allow_blank=True)
    published = DateRangeSerializer(help_text="When the article was published, with precision.")
    reliability = serializers.CharField()


class ClaimSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:claim-detail")
    subject = ActorBriefSerializer(read_only=True, allow_null=True)
    object_actor = ActorBriefSerializer(read_only=True, allow_null=True)
    object_country = CountryBriefSerializer(read_only=True, allow_null=True)
    claimant = ActorBriefSerializer(read_only=True, allow_null=True)
    event = ClaimEventSerializer(read_only=True, allow_null=True)
    countries = CountryBriefSerializer(many=True, read_only=True)
    actors = ActorBriefSerializer(many=True, read_only=True)
    date = serializers.SerializerMethodField()
    quote = serializers.SerializerMethodField()
    article = serializers.SerializerMethodField()
    corroborating_articles = serializers.IntegerField(read_only=True)
    contradicted = serializers.BooleanField(read_only=True)
    contradictions = serializers.SerializerMethodField()
    annotation = serializers.SerializerMethodField()

    class Meta:
        model = Claim
        fields = [
            "id",
            "url",
            "statement",
            "subject",
            "predicate",
            "object_actor",
            "object_country",
            "object_value",
            "event",
            "countries",
            "actors",
            "claimant",
            "claimant_text",
            "reported_via",
            "date",
            "quote",
            "language",
            "article",
            "status",
            "status_reason",
            "reviewed_at",
            "credibility",
            "confidence",
            "corroborating_articles",
            "contradicted",
            "contradictions",
            "origin",
            "version",
            "created_at",
            "updated_at",
            "annotation",
        ]

    @extend_schema_field(DateRangeSerializer)
    def get_date(self, obj) -> dict:
        return date_range(obj)

    @extend_schema_field(QuoteSerializer)
    def get_quote(self, obj) -> dict:
        return quote_of(obj)

    @extend_schema_field(ClaimArticleSerializer)
    def get_article(self, obj) -> dict:
        article = obj.article
        return {
            "id": article.pk,
            "url": _url(self, "article", article.pk),
            "title": article.title,
            "publisher": article.publisher,
            "source_url": article.url,
            "published": date_range(article, "published"),
            "reliability": article.reliability,
        }

    @extend_schema_field(
        serializers.IntegerField(
            help_text="How many claims contradict it (linked either way): those you are shown, "
            "so verified ones only without a role."
        )
    )
    def get_contradictions(self, obj) -> int:
        return claim_contradictions(obj, links_for(self.context))

    def get_annotation(self, obj) -> str:
        return reverse("api:claim-annotation", args=[obj.pk], request=self.context.get("request"))

    def to_representation(self, instance):
        return claim_representation(instance, links_for(self.context))


class ClaimUpdateSerializer(StrictWriteSerializer):
    """Curator-owned fields of a claim; every write carries its reason. Actors are named by
    slug, countries by alpha-3 code and the event by slug; the subject cannot also be the
    object_actor, and a date range is complete or empty, its end not before its start."""

    representation = ClaimSerializer
    hints = {
        **REVIEW_HINTS,
        **DATE_HINTS,
        "quote": "the quote comes from the article",
        "article": "the quote comes from the article",
    }

    statement = serializers.CharField(required=False)
    subject = serializers.SlugRelatedField(
        slug_field="slug", queryset=Actor.objects.all(), required=False, allow_null=True
    )
    predicate = serializers.ChoiceField(
        choices=[("", "—"), *Predicate.choices], required=False, allow_blank=True
    )
    object_actor = serializers.SlugRelatedField(
        slug_field="slug", queryset=Actor.objects.all(), required=False, allow_null=True
    )
    object_country = serializers.SlugRelatedField(
        slug_field="alpha3", queryset=Country.objects.all(), required=False, allow_null=True
    )
    object_value = serializers.CharField(required=False, allow_blank=True, max_length=300)
    event = serializers.SlugRelatedField(
        slug_field="slug", queryset=Event.objects.all(), required=False, allow_null=True
    )
    countries = serializers.SlugRelatedField(
        slug_field="alpha3", queryset=Country.objects.all(), many=True, required=False
    )
    actors = serializers.SlugRelatedField(
        slug_field="slug", queryset=Actor.objects.all(), many=True, required=False
    )
    claimant = serializers.SlugRelatedField(
        slug_field="slug", queryset=Actor.objects.all(), required=False, allow_null=True
    )
    claimant_text = serializers.CharField(required=False, allow_blank=True, max_length=300)
    reported_via = serializers.CharField(required=False, allow_blank=True, max_length=300)
    credibility = serializers.ChoiceField(
        choices=Credibility.choices, required=False, allow_null=True
    )
    date_start = serializers.DateField(required=False, allow_null=True)
    date_end = serializers.DateField(required=False, allow_null=True)
    date_precision = serializers.ChoiceField(
        choices=[("", "—"), *DatePrecision.choices], required=False, allow_blank=True
    )
    date_text = serializers.CharField(required=False, allow_blank=True, max_length=200)
    reason = ReasonField()


class ClaimCreateSerializer(StrictWriteSerializer):
    """A claim from a quote of an article's text: the quote must occur there (at quote_start
    when given, else exactly once) and not already be a curator's claim of the article."""

    article = serializers.PrimaryKeyRelatedField(queryset=Article.objects.all())
    quote = serializers.CharField(max_length=5000)
    quote_start = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    statement = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    reason = ReasonField(
        required=False, help_text="Why (recorded in the history; not blank when given)."
    )
    representation = ClaimSerializer
    hints = REVIEW_HINTS


class ReviewSerializer(StrictWriteSerializer):
    """A review of an actor or event: its status and why."""

    status = serializers.ChoiceField(choices=ReviewStatus.choices)
    reason = ReasonField()
    hints = {"status_reason": "give it as reason"}


class ClaimReviewSerializer(ReviewSerializer):
    """A review of a claim, which may grade its credibility too. A claim graded 5 or 6
    (improbable, cannot be judged), by this review or before it, cannot be verified: a 400."""

    credibility = serializers.ChoiceField(
        choices=Credibility.choices, required=False, allow_null=True
    )


MAX_ID = 2**63 - 1  # the largest key a 64-bit column holds; larger ones cannot even be looked up
MERGE_MAX = 100  # duplicates folded in one merge; more is a data repair, not a curator's merge


class MergeSerializer(StrictWriteSerializer):
    """The survivor, the duplicates folded into it, and why. The survivor cannot be among
    the merged (a 400 on `merged`), and every merged id must exist (a 400 naming those that
    do not); events merge only into an event of the same kind (a 400)."""

    survivor = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    merged = UniqueListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        min_length=1,
        max_length=MERGE_MAX,
        help_text="The ids of the duplicates, each once, not the survivor's.",
    )
    reason = ReasonField()

    def validate(self, attrs):
        if attrs["survivor"] in attrs["merged"]:
            raise serializers.ValidationError(
                {"merged": [f"The survivor ({attrs['survivor']}) cannot be among the merged."]}
            )
        return attrs


class HistoryEntrySerializer(serializers.Serializer):
    version = serializers.IntegerField(allow_null=True)
    date = serializers.DateTimeField()
    type = serializers.CharField()
    user = serializers.CharField(allow_null=True)
    reason = serializers.CharField(allow_blank=True)
    changes = serializers.ListField(child=serializers.DictField())


# ----------------------------------------------------------------------------- claim links

from facts.choices import LinkKind  # noqa: E402  (appended with this section)
from facts.models import ClaimLink  # noqa: E402


class ClaimBriefSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:claim-detail")

    class Meta:
        model = Claim
        fields = ["id", "url", "statement"]


class ClaimLinkSerializer(serializers.ModelSerializer):
    """A link between two claims. `created_by` names the curator who made it, to readers with
    a role only (as history does); it is null for the importer's links."""

    url = serializers.HyperlinkedIdentityField(view_name="api:claim-link-detail")
    from_claim = ClaimBriefSerializer(read_only=True)
    to_claim = ClaimBriefSerializer(read_only=True)
    created_by = serializers.SerializerMethodField()

    class Meta:
        model = ClaimLink
        fields = [
            "id",
            "url",
            "kind",
            "from_claim",
            "to_claim",
            "note",
            "origin",
            "created_by",
            "created_at",
        ]

    def get_created_by(self, obj) -> str | None:
        if obj.created_by is None or not links_for(self.context).everything:
            return None
        return obj.created_by.get_username()


class ClaimLinkCreateSerializer(StrictWriteSerializer):
    """Two claims by id and how the first relates to the second. A claim cannot be linked to
    itself, nor twice with the same kind: a 400 on `to_claim`."""

    from_claim = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    to_claim = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    kind = serializers.ChoiceField(choices=LinkKind.choices)
    note = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    reason = ReasonField()
    representation = ClaimLinkSerializer

    def _claim(self, pk: int) -> Claim:
        try:
            return Claim.objects.get(pk=pk)
        except Claim.DoesNotExist:
            raise serializers.ValidationError(f"There is no claim {pk}.") from None

    def validate_from_claim(self, value: int) -> Claim:
        return self._claim(value)

    def validate_to_claim(self, value: int) -> Claim:
        return self._claim(value)
