"""Representations: every object with a stable `url`, related objects in a brief form."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from facts.api.representations import (
    claim_representation,
    date_range,
    event_representation,
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


class ActorWriteSerializer(serializers.ModelSerializer):
    reason = serializers.CharField(write_only=True)

    class Meta:
        model = Actor
        fields = ["name", "kind", "title", "description", "wikidata_qid", "acled_name", "reason"]
        extra_kwargs = {field: {"required": False} for field in fields if field != "reason"}


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

    class Meta:
        model = Event
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

    @extend_schema_field(serializers.DictField(child=serializers.JSONField(allow_null=True)))
    def get_taxonomy(self, obj) -> dict:
        return event_taxonomy(obj.kind)

    def to_representation(self, instance):
        return event_representation(instance, links_for(self.context))


class EventWriteSerializer(serializers.ModelSerializer):
    reason = serializers.CharField(write_only=True)
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


class ArticleGradeSerializer(serializers.Serializer):
    reliability = serializers.ChoiceField(choices=Reliability.choices)
    reason = serializers.CharField()


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
    source_url = serializers.CharField(allow_blank=True)
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
            "article",
            "status",
            "status_reason",
            "reviewed_at",
            "credibility",
            "confidence",
            "corroborating_articles",
            "contradicted",
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
            "source_url": article.url,
            "reliability": article.reliability,
        }

    def get_annotation(self, obj) -> str:
        return reverse("api:claim-annotation", args=[obj.pk], request=self.context.get("request"))

    def to_representation(self, instance):
        return claim_representation(instance, links_for(self.context))


class ClaimUpdateSerializer(serializers.Serializer):
    """Curator-owned fields of a claim; every write carries its reason."""

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
    reason = serializers.CharField()


class ClaimCreateSerializer(serializers.Serializer):
    article = serializers.PrimaryKeyRelatedField(queryset=Article.objects.all())
    quote = serializers.CharField(max_length=5000)
    quote_start = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    statement = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class ReviewSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=ReviewStatus.choices)
    reason = serializers.CharField(max_length=5000)
    credibility = serializers.ChoiceField(
        choices=Credibility.choices, required=False, allow_null=True
    )


MAX_ID = 2**63 - 1  # the largest key a 64-bit column holds; larger ones cannot even be looked up


class MergeSerializer(serializers.Serializer):
    survivor = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    merged = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID), min_length=1
    )
    reason = serializers.CharField(max_length=5000)


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


class ClaimLinkCreateSerializer(serializers.Serializer):
    from_claim = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    to_claim = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    kind = serializers.ChoiceField(choices=LinkKind.choices)
    note = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    reason = serializers.CharField(max_length=5000)

    def _claim(self, pk: int) -> Claim:
        try:
            return Claim.objects.get(pk=pk)
        except Claim.DoesNotExist:
            raise serializers.ValidationError(f"There is no claim {pk}.") from None

    def validate_from_claim(self, value: int) -> Claim:
        return self._claim(value)

    def validate_to_claim(self, value: int) -> Claim:
        return self._claim(value)
