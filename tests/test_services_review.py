"""The review services called directly (no admin, no API): reviewing, editing and entering
claims, reviewing and editing actors and events, grading articles, and the version check that
refuses to overwrite a colleague's work."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError

from facts.anchors import quote_selectors
from facts.choices import Origin, ReviewStatus
from facts.models import Actor, ArticleFlag, Claim, Event
from facts.services import (
    ReviewError,
    StaleVersionError,
    article_grade,
    claim_create,
    claim_review,
    claim_update,
    claims_review,
    object_review,
    object_update,
)
from facts.services.revert import object_revert, revert_plan
from facts.services.review import claim_anchor, claim_link_create
from tests.base import (
    ARTICLE_TEXT,
    make_actor,
    make_article,
    make_claim,
    make_country,
    make_event,
    newest_history,
)

pytestmark = pytest.mark.django_db

NOW = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)
LATER = NOW + timedelta(hours=2)
RUSSIA = "Russia delivered L-39 jets to Mali."


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


# --- claim_review ---------------------------------------------------------------------------


def test_verifying_a_claim_records_status_reason_reviewer_time_and_version(clock, curator):
    claim = make_claim()
    records_before = claim.history.count()

    reviewed = claim_review(
        claim=claim, user=curator, status="verified", reason="  Matches the AES charter  "
    )

    assert reviewed.status == ReviewStatus.VERIFIED
    assert reviewed.status_reason == "Matches the AES charter"
    assert reviewed.reviewed_by == curator
    assert reviewed.reviewed_at == NOW
    assert reviewed.version == 2
    claim.refresh_from_db()
    assert (claim.status, claim.status_reason, claim.reviewed_by_id, claim.reviewed_at) == (
        "verified",
        "Matches the AES charter",
        curator.pk,
        NOW,
    )
    assert claim.version == 2 and claim.is_curated
    assert claim.history.count() == records_before + 1
    record = newest_history(claim)
    assert record.history_user == curator
    assert record.history_change_reason == "verified: Matches the AES charter"
    assert record.version == 2 and record.status == "verified"


@pytest.mark.parametrize("status", ["disputed", "rejected", "retracted"])
def test_withholding_statuses_are_recorded_with_their_reason(clock, curator, status):
    claim = make_claim(credibility=3)
    claim_review(claim=claim, user=curator, status=status, reason="Other sources differ")
    claim.refresh_from_db()
    assert claim.status == status
    assert claim.status_reason == "Other sources differ"
    assert claim.reviewed_by == curator and claim.reviewed_at == NOW
    assert claim.credibility == 3  # not given: left as it was
    assert newest_history(claim).history_change_reason == f"{status}: Other sources differ"


@pytest.mark.parametrize("status", ["disputed", "rejected", "retracted"])
@pytest.mark.parametrize("reason", ["", "   ", None])
def test_withholding_statuses_need_a_reason(curator, status, reason):
    claim = make_claim()
    records_before = claim.history.count()
    with pytest.raises(ReviewError, match=f"A reason is required to mark something {status}"):
        claim_review(claim=claim, user=curator, status=status, reason=reason)
    claim.refresh_from_db()
    assert (claim.status, claim.version, claim.reviewed_by) == ("unreviewed", 1, None)
    assert claim.history.count() == records_before


def test_verifying_needs_a_reason_too(curator):
    claim = make_claim()
    with pytest.raises(ReviewError, match="Say why it is verified"):
        claim_review(claim=claim, user=curator, status="verified", reason=" ")
    claim.refresh_from_db()
    assert claim.status == "unreviewed" and claim.version == 1


def test_unknown_status_is_refused(curator):
    claim = make_claim()
    with pytest.raises(ReviewError, match="Unknown status 'approved'"):
        claim_review(claim=claim, user=curator, status="approved", reason="Looks right")
    claim.refresh_from_db()
    assert claim.status == "unreviewed" and claim.version == 1


@pytest.mark.parametrize("credibility", [0, 7, -1])
def test_credibility_outside_one_to_six_is_refused(curator, credibility):
    claim = make_claim()
    with pytest.raises(ReviewError, match=r"graded 1 \(confirmed\) to 6"):
        claim_review(
            claim=claim, user=curator, status="disputed", reason="x", credibility=credibility
        )
    claim.refresh_from_db()
    assert claim.credibility is None and claim.status == "unreviewed"


@pytest.mark.parametrize("credibility", [5, 6])
def test_an_improbable_or_unjudgeable_claim_cannot_be_verified(curator, credibility):
    claim = make_claim()
    with pytest.raises(ReviewError, match="cannot be verified"):
        claim_review(
            claim=claim, user=curator, status="verified", reason="x", credibility=credibility
        )
    claim.refresh_from_db()
    assert claim.credibility is None and claim.status == "unreviewed"


def test_credibility_is_stored_with_the_review(curator):
    verified = claim_review(
        claim=make_claim(), user=curator, status="verified", reason="Two sources", credibility=2
    )
    disputed = claim_review(
        claim=make_claim(), user=curator, status="disputed", reason="Unlikely", credibility=5
    )
    assert Claim.objects.get(pk=verified.pk).credibility == 2
    assert Claim.objects.get(pk=disputed.pk).credibility == 5


def test_a_claim_already_graded_improbable_cannot_be_verified(curator):
    claim = make_claim(credibility=5)
    with pytest.raises(ReviewError):
        claim_review(claim=claim, user=curator, status="verified", reason="Checked")


def test_review_with_an_old_version_is_refused_and_names_who_changed_what(clock, curator, lead):
    claim = make_claim()
    claim_review(claim=claim, user=lead, status="disputed", reason="Contradicted by AFP")

    with pytest.raises(StaleVersionError) as caught:
        claim_review(
            claim=claim, user=curator, status="verified", reason="Checked", expected_version=1
        )

    error = caught.value
    assert isinstance(error, ReviewError)
    assert (error.expected, error.current) == (1, 2)
    assert [c["user"] for c in error.changes] == ["boss"]
    assert {"status", "status_reason", "reviewed_by"} <= set(error.changes[0]["fields"])
    message = error.messages[0]
    assert message.startswith("Claim was changed by boss while you were editing")
    assert "version 1 → 2" in message and "status" in message
    claim.refresh_from_db()
    assert (claim.status, claim.reviewed_by, claim.version) == ("disputed", lead, 2)


def test_review_with_the_current_version_is_saved(curator):
    claim = make_claim()
    first = claim_review(claim=claim, user=curator, status="disputed", reason="a")
    second = claim_review(
        claim=claim, user=curator, status="verified", reason="b", expected_version=first.version
    )
    assert (first.version, second.version) == (2, 3)
    claim.refresh_from_db()
    assert claim.status == "verified" and claim.version == 3


def test_review_without_version_works_on_the_stored_claim_not_the_callers_copy(curator, lead):
    claim = make_claim()
    stale_copy = Claim.objects.get(pk=claim.pk)
    claim_update(
        claim=claim,
        user=lead,
        changes={"statement": "The AES was formed in 2023."},
        reason="Clearer wording",
        expected_version=1,
    )

    claim_review(claim=stale_copy, user=curator, status="verified", reason="Checked")

    claim.refresh_from_db()
    assert claim.statement == "The AES was formed in 2023."  # not overwritten by the copy
    assert claim.status == "verified" and claim.version == 3


# --- claims_review --------------------------------------------------------------------------


def test_claims_review_reviews_every_claim_the_same_way(clock, curator):
    claims = [make_claim() for _ in range(3)]
    assert claims_review(claims=claims, user=curator, status="rejected", reason=" Duplicate ") == 3
    for claim in claims:
        claim.refresh_from_db()
        assert (claim.status, claim.status_reason, claim.reviewed_by, claim.reviewed_at) == (
            "rejected",
            "Duplicate",
            curator,
            NOW,
        )
        assert claim.version == 2
        assert newest_history(claim).history_user == curator


def test_claims_review_accepts_a_queryset_and_an_empty_selection(curator):
    claims = [make_claim() for _ in range(2)]
    selection = Claim.objects.filter(pk__in=[c.pk for c in claims])
    assert claims_review(claims=selection, user=curator, status="verified", reason="ok") == 2
    assert set(selection.values_list("status", flat=True)) == {"verified"}
    assert claims_review(claims=[], user=curator, status="verified", reason="ok") == 0


def test_claims_review_refuses_a_missing_reason_before_touching_anything(curator):
    claims = [make_claim() for _ in range(2)]
    with pytest.raises(ReviewError, match="A reason is required"):
        claims_review(claims=claims, user=curator, status="disputed", reason="")
    assert set(Claim.objects.values_list("status", "version")) == {("unreviewed", 1)}


def test_claims_review_is_all_or_none(curator):
    first, second = make_claim(), make_claim()
    gone = Claim.objects.get(pk=second.pk)
    second.delete()  # deleted by someone else after the selection was made
    with pytest.raises(Claim.DoesNotExist):
        claims_review(claims=[first, gone], user=curator, status="verified", reason="ok")
    first.refresh_from_db()
    assert (first.status, first.version, first.reviewed_by) == ("unreviewed", 1, None)


# --- object_review --------------------------------------------------------------------------


def test_object_review_of_an_actor_and_an_event(clock, curator):
    actor, event = make_actor(), make_event()

    reviewed_actor = object_review(obj=actor, user=curator, status="verified", reason="Wikidata")
    with time_machine.travel(LATER, tick=False):
        reviewed_event = object_review(
            obj=event, user=curator, status="disputed", reason="Date unclear"
        )

    assert isinstance(reviewed_actor, Actor) and isinstance(reviewed_event, Event)
    actor.refresh_from_db()
    event.refresh_from_db()
    assert (actor.status, actor.status_reason, actor.reviewed_by, actor.reviewed_at) == (
        "verified",
        "Wikidata",
        curator,
        NOW,
    )
    assert (event.status, event.status_reason, event.reviewed_at) == (
        "disputed",
        "Date unclear",
        LATER,
    )
    assert actor.version == 2 and event.version == 2
    assert newest_history(actor).history_change_reason == "verified: Wikidata"
    assert newest_history(event).history_user == curator


def test_object_review_refuses_a_missing_reason_and_an_unknown_status(curator):
    event = make_event()
    with pytest.raises(ReviewError, match="A reason is required to mark something rejected"):
        object_review(obj=event, user=curator, status="rejected", reason="")
    with pytest.raises(ReviewError, match="Unknown status"):
        object_review(obj=event, user=curator, status="Verified", reason="ok")
    event.refresh_from_db()
    assert (event.status, event.version) == ("unreviewed", 1)


def test_object_review_with_an_old_version_is_refused(curator, lead):
    actor = make_actor()
    object_review(obj=actor, user=lead, status="verified", reason="Checked")
    with pytest.raises(StaleVersionError, match="Actor was changed by boss") as caught:
        object_review(obj=actor, user=curator, status="rejected", reason="No", expected_version=1)
    assert caught.value.current == 2
    actor.refresh_from_db()
    assert (actor.status, actor.version) == ("verified", 2)


# --- claim_update ---------------------------------------------------------------------------


def test_claim_update_edits_curator_fields_with_version_time_and_history(clock, curator):
    claim = make_claim()
    russia, mali = make_actor(name="Russia"), make_country(name="Mali")

    updated = claim_update(
        claim=claim,
        user=curator,
        changes={
            "statement": "Russia supplied L-39 jets to Mali.",
            "subject": russia,
            "predicate": "supplied",
            "object_country": mali,
            "date_start": date(2024, 11, 1),
            "date_end": date(2024, 11, 30),
            "date_precision": "month",
        },
        reason="  Structured the statement  ",
        expected_version=1,
    )

    assert updated.version == 2
    claim.refresh_from_db()
    assert claim.statement == "Russia supplied L-39 jets to Mali."
    assert (claim.subject, claim.predicate, claim.object_country) == (russia, "supplied", mali)
    assert (claim.date_start, claim.date_end) == (date(2024, 11, 1), date(2024, 11, 30))
    assert claim.curator_edited_at == NOW and claim.version == 2
    assert claim.status == "unreviewed"  # an edit is not a review
    record = newest_history(claim)
    assert record.history_user == curator
    assert record.history_change_reason == "Structured the statement"


def test_claim_update_sets_mentioned_countries_and_actors(curator):
    claim = make_claim()
    mali, niger = make_country(), make_country()
    aes = make_actor()
    claim.countries.add(make_country())  # replaced, not added to

    claim_update(
        claim=claim,
        user=curator,
        changes={"countries": [mali, niger], "actors": [aes]},
        reason="Mentions",
        expected_version=1,
    )

    claim.refresh_from_db()
    assert set(claim.countries.all()) == {mali, niger}
    assert list(claim.actors.all()) == [aes]
    assert claim.version == 2
    newest = newest_history(claim)
    assert set(newest.countries.values_list("country_id", flat=True)) == {mali.pk, niger.pk}


def test_an_edit_equal_to_what_is_stored_records_nothing(curator):
    mali = make_country()
    claim = make_claim(statement="As it was.")
    claim.countries.set([mali])
    event = make_event(fatalities_best=4)
    for obj, update, changes in (
        (claim, claim_update, {"statement": "As it was.", "countries": [mali]}),
        (event, object_update, {"fatalities_best": 4}),
    ):
        rows = obj.history.count()
        kwargs = {"claim": obj} if update is claim_update else {"obj": obj}
        kept = update(**kwargs, user=curator, changes=changes, reason="no-op", expected_version=1)
        obj.refresh_from_db()
        assert (kept.version, obj.version, obj.history.count()) == (1, 1, rows)
        assert obj.curator_edited_at is None  # still the importer's to refresh
    changed = claim_update(
        claim=claim, user=curator, changes={"countries": []}, reason="none", expected_version=1
    )
    assert changed.version == 2 and not changed.countries.exists()


def test_claim_update_leaves_the_callers_changes_alone(curator):
    claim = make_claim()
    changes = {"countries": [make_country()], "statement": "New wording."}
    claim_update(claim=claim, user=curator, changes=changes, reason="x", expected_version=1)
    assert "countries" in changes


@pytest.mark.parametrize(
    "field",
    [
        "article",
        "fingerprint",
        "quote",
        "quote_start",
        "quote_end",
        "quote_prefix",
        "quote_suffix",
        "anchor_text_sha256",
        "confidence",
        "extractor_version",
        "origin",
        "status",
        "status_reason",
        "reviewed_by",
        "reviewed_at",
        "version",
    ],
)
def test_claim_update_refuses_evidence_and_review_fields(curator, field):
    claim = make_claim()
    with pytest.raises(ReviewError, match=f"{field} cannot be edited"):
        claim_update(
            claim=claim, user=curator, changes={field: "x"}, reason="x", expected_version=1
        )
    claim.refresh_from_db()
    assert claim.version == 1 and claim.curator_edited_at is None


def test_claim_update_names_every_refused_field(curator):
    claim = make_claim()
    with pytest.raises(ReviewError, match="quote, status cannot be edited"):
        claim_update(
            claim=claim,
            user=curator,
            changes={"status": "verified", "quote": "x", "statement": "y"},
            reason="x",
            expected_version=1,
        )
    claim.refresh_from_db()
    assert claim.statement == claim.quote and claim.version == 1


def test_claim_update_refuses_moving_the_evidence_through_a_column_name(curator):
    claim = make_claim()
    other = make_article()
    with pytest.raises(ReviewError):
        claim_update(
            claim=claim,
            user=curator,
            changes={"article_id": other.pk},
            reason="x",
            expected_version=1,
        )


def test_claim_update_refuses_unknown_fields(curator):
    claim = make_claim()
    with pytest.raises(ReviewError):
        claim_update(
            claim=claim, user=curator, changes={"statment": "x"}, reason="x", expected_version=1
        )


@pytest.mark.parametrize("reason", ["", "  ", None])
def test_claim_update_needs_a_reason(curator, reason):
    claim = make_claim()
    with pytest.raises(ReviewError, match="Say why you are changing this"):
        claim_update(
            claim=claim, user=curator, changes={"statement": "x"}, reason=reason, expected_version=1
        )
    claim.refresh_from_db()
    assert claim.statement != "x" and claim.version == 1


def test_claim_update_with_an_old_version_keeps_the_colleagues_edit(curator, lead):
    claim = make_claim()
    claim_update(
        claim=claim, user=lead, changes={"statement": "Lead's"}, reason="a", expected_version=1
    )
    with pytest.raises(StaleVersionError, match="changed by boss") as caught:
        claim_update(
            claim=claim,
            user=curator,
            changes={"statement": "Curator's"},
            reason="b",
            expected_version=1,
        )
    assert "statement" in caught.value.changes[0]["fields"]
    claim.refresh_from_db()
    assert claim.statement == "Lead's" and claim.version == 2


def test_claim_update_without_expected_version_is_not_checked(curator, lead):
    claim = make_claim()
    claim_update(claim=claim, user=lead, changes={"statement": "a"}, reason="a", expected_version=1)
    updated = claim_update(
        claim=claim, user=curator, changes={"statement": "b"}, reason="b", expected_version=None
    )
    assert updated.statement == "b" and updated.version == 3


@pytest.mark.parametrize(
    "changes",
    [
        {"predicate": "flew-to"},
        {"statement": ""},
        {"credibility": 9},
        {"date_start": date(2024, 2, 1), "date_end": date(2024, 1, 1), "date_precision": "month"},
    ],
    ids=["unknown-predicate", "empty-statement", "credibility", "end-before-start"],
)
def test_claim_update_validates_and_rolls_back_the_version(curator, changes):
    claim = make_claim()
    with pytest.raises(ValidationError):
        claim_update(claim=claim, user=curator, changes=changes, reason="x", expected_version=1)
    claim.refresh_from_db()
    assert claim.version == 1 and claim.curator_edited_at is None
    assert claim.predicate == "" and claim.statement and claim.credibility is None


def test_claim_update_refuses_subject_equal_to_object(curator):
    claim = make_claim()
    mali = make_actor()
    with pytest.raises(ValidationError):
        claim_update(
            claim=claim,
            user=curator,
            changes={"subject": mali, "object_actor": mali},
            reason="x",
            expected_version=1,
        )
    claim.refresh_from_db()
    assert claim.subject is None and claim.version == 1


# --- claim_create ---------------------------------------------------------------------------


def test_claim_create_finds_the_quote_and_its_selectors(clock, curator):
    article = make_article()
    start = ARTICLE_TEXT.index(RUSSIA)

    claim = claim_create(article=article, user=curator, quote=f"  {RUSSIA}\n")

    claim.refresh_from_db()
    assert claim.quote == RUSSIA
    assert (claim.quote_start, claim.quote_end) == (start, start + len(RUSSIA))
    assert article.text[claim.quote_start : claim.quote_end] == RUSSIA
    assert claim.quote_prefix == ARTICLE_TEXT[start - 32 : start] and len(claim.quote_prefix) == 32
    assert claim.quote_suffix == ""  # the quote ends the article
    assert claim.anchor_text_sha256 == article.text_sha256
    assert claim.statement == RUSSIA
    assert claim.origin == Origin.CURATOR
    assert claim.curator_edited_at == NOW
    assert (claim.status, claim.version, claim.reviewed_by) == ("unreviewed", 1, None)
    assert len(claim.fingerprint) == 32 and int(claim.fingerprint, 16) >= 0
    record = newest_history(claim)
    assert record.history_type == "+" and record.history_user == curator
    assert record.history_change_reason == "Entered by a curator"


def test_claim_create_in_mid_text_keeps_short_prefix_and_suffix(curator):
    article = make_article()
    quote = "Niger and Burkina Faso"
    claim = claim_create(article=article, user=curator, quote=quote, reason="Membership")
    start = ARTICLE_TEXT.index(quote)
    assert (claim.quote_prefix, claim.quote_suffix) == quote_selectors(
        ARTICLE_TEXT, start, start + len(quote)
    )
    assert claim.quote_prefix == "Mali, "
    assert claim.quote_suffix == ARTICLE_TEXT[start + len(quote) : start + len(quote) + 32]
    assert newest_history(claim).history_change_reason == "Membership"


def test_claim_create_keeps_the_statement_and_structure_given(curator):
    article = make_article()
    russia, mali = make_actor(name="Russia"), make_actor(name="Mali")
    claim = claim_create(
        article=article,
        user=curator,
        quote=RUSSIA,
        statement="  Russia supplied jets to Mali.  ",
        subject=russia,
        predicate="supplied",
        object_actor=mali,
    )
    claim.refresh_from_db()
    assert claim.statement == "Russia supplied jets to Mali."
    assert (claim.subject, claim.predicate, claim.object_actor) == (russia, "supplied", mali)


@pytest.mark.parametrize("quote", ["", "   ", None])
def test_claim_create_needs_a_quote(curator, quote):
    with pytest.raises(ReviewError, match="Give the quote"):
        claim_create(article=make_article(), user=curator, quote=quote)
    assert not Claim.objects.exists()


def test_claim_create_refuses_a_quote_absent_from_the_article(curator):
    with pytest.raises(ReviewError, match="does not occur in the article"):
        claim_create(article=make_article(), user=curator, quote="France delivered jets.")
    assert not Claim.objects.exists()


def test_claim_create_refuses_an_ambiguous_quote_without_offset(curator):
    assert ARTICLE_TEXT.count("Mali") == 2
    with pytest.raises(ReviewError, match=r"occurs more than once.*give quote_start"):
        claim_create(article=make_article(), user=curator, quote="Mali")
    assert not Claim.objects.exists()


def test_claim_create_picks_the_occurrence_given_by_quote_start(curator):
    article = make_article()
    first, second = ARTICLE_TEXT.index("Mali"), ARTICLE_TEXT.rindex("Mali")

    one = claim_create(article=article, user=curator, quote="Mali", quote_start=first)
    two = claim_create(article=article, user=curator, quote="Mali", quote_start=second)

    assert (one.quote_start, one.quote_end) == (first, first + 4)
    assert (two.quote_start, two.quote_end) == (second, second + 4)
    assert one.fingerprint != two.fingerprint
    assert two.quote_suffix == "."
    assert Claim.objects.filter(article=article).count() == 2


def test_claim_create_refuses_an_offset_where_the_quote_is_not(curator):
    with pytest.raises(ReviewError, match=r"not in the article at offset 6.*'Nige'"):
        claim_create(article=make_article(), user=curator, quote="Mali", quote_start=6)
    with pytest.raises(ReviewError, match="not in the article at offset 10000"):
        claim_create(article=make_article(), user=curator, quote="Mali", quote_start=10000)
    assert not Claim.objects.exists()


def test_claim_create_refuses_a_negative_offset(curator):
    """Python slicing would find the quote at -len(text); the field validation refuses it."""
    article = make_article()
    with pytest.raises(ValidationError):
        claim_create(article=article, user=curator, quote="Mali", quote_start=-len(article.text))
    assert not Claim.objects.exists()


def test_claim_create_refuses_the_same_quote_twice(curator):
    article = make_article()
    claim_create(article=article, user=curator, quote=RUSSIA)
    with pytest.raises(ReviewError, match="already a claim of the article"):
        claim_create(article=article, user=curator, quote=RUSSIA)
    assert Claim.objects.filter(article=article).count() == 1
    # The same words in another article are another claim.
    claim_create(article=make_article(), user=curator, quote=RUSSIA)
    assert Claim.objects.count() == 2


def test_claim_create_validates_the_structure(curator):
    mali = make_actor()
    with pytest.raises(ValidationError):
        claim_create(
            article=make_article(),
            user=curator,
            quote=RUSSIA,
            subject=mali,
            object_actor=mali,
        )
    with pytest.raises(ValidationError):
        claim_create(article=make_article(), user=curator, quote=RUSSIA, predicate="flew-to")
    assert not Claim.objects.exists()


def test_claim_create_cannot_enter_a_reviewed_claim(curator):
    with pytest.raises((ReviewError, TypeError)):
        claim_create(
            article=make_article(),
            user=curator,
            quote=RUSSIA,
            status="verified",
            reviewed_at=NOW,
        )


# --- article_grade --------------------------------------------------------------------------


def test_article_grade_records_grade_reason_and_history(curator):
    article = make_article()
    graded = article_grade(
        article=article, user=curator, reliability="B", reason="  Wire service  "
    )
    assert graded.reliability == "B"
    article.refresh_from_db()
    assert (article.reliability, article.reliability_reason) == ("B", "Wire service")
    record = newest_history(article)
    assert record.history_user == curator
    assert record.history_change_reason == "graded B: Wire service"


@pytest.mark.parametrize("grade", ["G", "b", "", "AB"])
def test_article_grade_refuses_unknown_grades(curator, grade):
    article = make_article()
    with pytest.raises(ReviewError, match=r"graded A .* to F"):
        article_grade(article=article, user=curator, reliability=grade, reason="x")
    article.refresh_from_db()
    assert article.reliability == "F" and article.reliability_reason == ""


@pytest.mark.parametrize("reason", ["", "  ", None])
def test_article_grade_needs_a_reason(curator, reason):
    article = make_article()
    with pytest.raises(ReviewError, match="Say why the source gets this grade"):
        article_grade(article=article, user=curator, reliability="A", reason=reason)
    article.refresh_from_db()
    assert article.reliability == "F"


@pytest.mark.parametrize("flag", ["generation-artifacts", "placeholder-text"])
def test_article_with_generator_leftovers_is_graded_d_at_best(curator, flag):
    article = make_article()
    ArticleFlag.objects.create(article=article, code=flag)
    for grade in "ABC":
        with pytest.raises(ReviewError, match="cannot be graded above D"):
            article_grade(article=article, user=curator, reliability=grade, reason="x")
        article.refresh_from_db()
        assert article.reliability == "F"
    for grade in "DEF":
        article_grade(article=article, user=curator, reliability=grade, reason="x")
        article.refresh_from_db()
        assert article.reliability == grade


def test_other_flags_do_not_limit_the_grade(curator):
    article = make_article()
    ArticleFlag.objects.create(article=article, code="opinion")
    article_grade(article=article, user=curator, reliability="A", reason="Official record")
    article.refresh_from_db()
    assert article.reliability == "A"


# --- object_update --------------------------------------------------------------------------


def test_object_update_edits_an_event(clock, curator):
    event = make_event()
    updated = object_update(
        obj=event,
        user=curator,
        changes={
            "title": "AES charter signed",
            "date_start": date(2023, 9, 16),
            "date_end": date(2023, 9, 16),
            "date_precision": "day",
        },
        reason="Exact date from the record",
        expected_version=1,
    )
    assert updated.version == 2
    event.refresh_from_db()
    assert event.title == "AES charter signed"
    assert (event.date_start, event.date_end, event.date_precision) == (
        date(2023, 9, 16),
        date(2023, 9, 16),
        "day",
    )
    assert event.curator_edited_at == NOW and event.version == 2
    assert event.status == "unreviewed"
    record = newest_history(event)
    assert record.history_user == curator
    assert record.history_change_reason == "Exact date from the record"


def test_object_update_renames_an_actor_and_its_name_key(curator):
    actor = make_actor(name="Africa Corps")
    object_update(obj=actor, user=curator, changes={"name": "Afrika Korps"}, reason="Spelling")
    actor.refresh_from_db()
    assert actor.name == "Afrika Korps" and actor.name_key == "afrika korps"
    assert actor.version == 2


@pytest.mark.parametrize(
    "changes",
    [{"status": "verified"}, {"status_reason": "x"}, {"reviewed_by": None}, {"version": 7}],
)
def test_object_update_refuses_review_fields(curator, changes):
    event = make_event()
    with pytest.raises(ReviewError, match="Review status changes need a review"):
        object_update(obj=event, user=curator, changes=changes, reason="x")
    event.refresh_from_db()
    assert (event.status, event.version) == ("unreviewed", 1)


def test_object_update_needs_a_reason_and_the_current_version(curator, lead):
    event = make_event()
    with pytest.raises(ReviewError, match="Say why you are changing this"):
        object_update(obj=event, user=curator, changes={"title": "x"}, reason="")
    object_update(obj=event, user=lead, changes={"title": "Lead's"}, reason="a", expected_version=1)
    with pytest.raises(StaleVersionError, match="Event was changed by boss"):
        object_update(
            obj=event, user=curator, changes={"title": "x"}, reason="b", expected_version=1
        )
    event.refresh_from_db()
    assert event.title == "Lead's" and event.version == 2


def test_object_update_validates_and_rolls_back(curator):
    event = make_event()
    with pytest.raises(ValidationError):
        object_update(
            obj=event,
            user=curator,
            changes={"latitude": 12.5},  # a latitude without a longitude
            reason="Place",
        )
    event.refresh_from_db()
    assert event.latitude is None and event.version == 1 and event.curator_edited_at is None


# --- StaleVersionError ----------------------------------------------------------------------


def test_stale_version_message_lists_users_and_fields_once_sorted():
    claim = make_claim()
    Claim.objects.filter(pk=claim.pk).update(version=4)
    claim.refresh_from_db()
    changes = [
        {"user": "sali", "fields": ["statement", "status"]},
        {"user": "", "fields": ["status"]},
        {"user": "amadou", "fields": ["credibility"]},
    ]
    error = StaleVersionError(obj=claim, expected=2, changes=changes)
    assert (error.expected, error.current, error.changes) == (2, 4, changes)
    assert "changed by amadou, sali while you were editing" in error.messages[0]
    assert "(version 2 → 4; changed: credibility, statement, status)" in error.messages[0]
    anonymous = StaleVersionError(obj=claim, expected=3, changes=[])
    assert "changed by someone" in anonymous.messages[0]
    assert "changed: some fields" in anonymous.messages[0]


# --- claim_anchor ---------------------------------------------------------------------------


def test_claim_anchor_finds_the_quote_and_writes_nothing(curator):
    article = make_article()
    anchor = claim_anchor(article=article, quote=f"  {RUSSIA} ")
    assert article.text[anchor.start : anchor.end] == anchor.quote == RUSSIA
    assert (anchor.prefix, anchor.suffix) == quote_selectors(article.text, anchor.start, anchor.end)
    assert anchor.statement and Claim.objects.count() == 0
    created = claim_create(article=article, user=curator, quote=RUSSIA)
    assert (created.quote_start, created.fingerprint) == (anchor.start, anchor.fingerprint)


@pytest.mark.parametrize(
    ("text", "quote", "start", "message"),
    [
        (ARTICLE_TEXT, "Chad left the alliance.", None, "does not occur"),
        (f"{RUSSIA} {RUSSIA}", RUSSIA, None, "occurs more than once"),
        (ARTICLE_TEXT, RUSSIA, 3, "not in the article at offset 3"),
        (ARTICLE_TEXT, "   ", None, "Give the quote"),
    ],
)
def test_claim_anchor_refuses_what_claim_create_refuses(curator, text, quote, start, message):
    article = make_article(text=text)
    for attempt in (
        lambda: claim_anchor(article=article, quote=quote, quote_start=start),
        lambda: claim_create(article=article, user=curator, quote=quote, quote_start=start),
    ):
        with pytest.raises(ReviewError, match=message):
            attempt()


def test_claim_anchor_refuses_a_quote_already_entered(curator):
    article = make_article()
    claim_create(article=article, user=curator, quote=RUSSIA)
    with pytest.raises(ReviewError, match="already a claim"):
        claim_anchor(article=article, quote=RUSSIA)


# --- claim_link_create ----------------------------------------------------------------------


def test_a_curators_link_records_who_made_it(curator):
    first, second = make_claim(), make_claim()
    link = claim_link_create(
        from_claim=first, to_claim=second, kind="contradicts", user=curator, note=" dates "
    )
    assert (link.origin, link.created_by, link.note) == (Origin.CURATOR, curator, "dates")
    record = newest_history(link)
    assert (record.history_user, record.history_change_reason) == (
        curator,
        "Linked by a curator: contradicts",
    )


@pytest.mark.parametrize("case", ["itself", "twice", "unknown kind"])
def test_claim_link_create_refuses(curator, case):
    first, second = make_claim(), make_claim()
    claim_link_create(from_claim=first, to_claim=second, kind="corroborates", user=curator)
    target, kind = {
        "itself": (first, "corroborates"),
        "twice": (second, "corroborates"),
        "unknown kind": (second, "agrees"),
    }[case]
    with pytest.raises(ReviewError):
        claim_link_create(from_claim=first, to_claim=target, kind=kind, user=curator)


# --- object_revert --------------------------------------------------------------------------


def first_record(obj):
    return obj.history.order_by("history_date", "history_id").first()


def test_revert_restores_curator_fields_and_keeps_review_and_evidence(clock, curator, lead):
    mali = make_country(name="Mali")
    claim = make_claim(statement="Original wording.")
    claim.countries.set([mali])
    original = claim.history.filter(version=1).order_by("-history_id").first()
    claim = claim_update(
        claim=claim,
        user=curator,
        changes={"statement": "New wording.", "countries": [], "date_text": "2023"},
        reason="Edit",
        expected_version=1,
    )
    claim = claim_review(
        claim=claim, user=curator, status="disputed", reason="Other sources", credibility=4
    )
    plan = revert_plan(record=original)
    assert {c.name for c in plan.restored} == {"statement", "date_text", "countries"}
    assert {"status", "status_reason", "credibility", "reviewed_by"} <= {c.name for c in plan.kept}
    clock.move_to(LATER)
    reverted = object_revert(record=original, user=lead, reason="Misread", expected_version=3)
    assert (reverted.statement, reverted.date_text, list(reverted.countries.all())) == (
        "Original wording.",
        "",
        [mali],
    )
    assert (reverted.status, reverted.status_reason, reverted.credibility) == (
        "disputed",
        "Other sources",
        4,
    )
    assert (reverted.version, reverted.curator_edited_at) == (4, LATER)
    record = newest_history(reverted)
    assert (record.history_user, record.history_change_reason) == (
        lead,
        "reverted to version 1: Misread",
    )


def test_revert_needs_a_reason_and_the_current_version(curator, lead):
    event = make_event(title="First")
    original = first_record(event)
    object_update(obj=event, user=curator, changes={"title": "Second"}, reason="x")
    with pytest.raises(ReviewError, match="Say why"):
        object_revert(record=original, user=lead, reason=" ", expected_version=2)
    with pytest.raises(StaleVersionError):
        object_revert(record=original, user=lead, reason="Back", expected_version=1)
    assert Event.objects.get(pk=event.pk).title == "Second"


def test_revert_refuses_a_version_that_changes_nothing_it_may_restore(curator, lead):
    actor = make_actor(name="JNIM")
    original = first_record(actor)
    object_review(obj=actor, user=curator, status="verified", reason="Known group")
    plan = revert_plan(record=original)
    assert plan.restored == [] and [c.name for c in plan.kept] == [
        "status",
        "status_reason",
        "reviewed_by",
    ]
    with pytest.raises(ReviewError, match="Nothing to revert"):
        object_revert(record=original, user=lead, reason="Undo the review")
    assert Actor.objects.get(pk=actor.pk).status == "verified"


def test_revert_refuses_a_version_pointing_at_what_no_longer_exists(curator, lead):
    gone = make_actor()
    claim = make_claim(subject=gone)
    original = first_record(claim)
    claim = claim_update(
        claim=claim, user=curator, changes={"subject": None}, reason="x", expected_version=1
    )
    gone.delete()
    with pytest.raises(ReviewError, match="cannot be restored"):
        object_revert(record=original, user=lead, reason="Back", expected_version=2)
    assert Claim.objects.get(pk=claim.pk).version == 2


def test_only_claims_events_actors_and_articles_revert_here(lead):
    from facts.models import ActorAlias

    alias = ActorAlias.objects.create(actor=make_actor(), name="JNIM")
    with pytest.raises(ReviewError, match="cannot be reverted"):
        object_revert(record=first_record(alias), user=lead, reason="Back")


def test_a_link_made_twice_at_once_is_refused_not_an_error(curator, monkeypatch):
    """The existence check passes for both of two simultaneous requests; the database's
    unique rule then refuses the second, which must read as the same refusal."""
    from facts.models import ClaimLink
    from facts.services.review import claim_link_create

    first, second = make_claim(), make_claim()
    claim_link_create(from_claim=first, to_claim=second, kind="contradicts", user=curator)
    real_filter = ClaimLink.objects.filter
    monkeypatch.setattr(ClaimLink.objects, "filter", lambda **kw: real_filter(pk=-1))
    with pytest.raises(ReviewError, match="already contradicts"):
        claim_link_create(from_claim=first, to_claim=second, kind="contradicts", user=curator)
    monkeypatch.undo()
    assert ClaimLink.objects.filter(from_claim=first, to_claim=second).count() == 1
