"""A job queue worker keeps its run state from one article to the next (facts/tasks.py);
inside each write it catches up with the events other workers created meanwhile, so a
report of the same event links to it instead of proposing it again."""

import pytest

from facts.ingest.languages import LanguageWorkers
from facts.ingest.pipeline import import_sources
from facts.ingest.reading.sources import Source
from facts.ingest.writing.state import RunState, load_context
from facts.ingest.writing.writer import one_writer_at_a_time
from facts.models import Article, Event

pytestmark = pytest.mark.usefixtures("reference_places")

GUINEA = (
    "Coup in Guinea\n\nSoldiers seized power in Conakry on 5 September 2021 and detained "
    "President Alpha Condé, the army said.\n"
)
NIGER_WIRE = (
    "Coup in Niger\n\nSoldiers of the presidential guard seized power in Niamey on "
    "26 July 2023 and detained President Mohamed Bazoum, officers said on television.\n"
)
NIGER_REPORT = (
    "Niger's president held\n\nOn 26 July 2023 the presidential guard detained President "
    "Mohamed Bazoum in Niamey and soldiers seized power in a coup, officials said.\n"
)


def _import(text: str, name: str, state: RunState | None = None):
    source = Source(name, None, content=text.encode())
    languages = LanguageWorkers(state.ctx, lambda: state.learned_actors) if state else None
    try:
        with one_writer_at_a_time():
            (report,) = import_sources([source], state=state, languages=languages).files
    finally:
        if languages:
            languages.close()
    assert report.status == "created", report.reason
    return report


@pytest.mark.django_db
def test_a_kept_state_links_to_an_event_another_worker_created_after_it_read_the_events():
    kept = RunState(ctx=load_context())
    _import(GUINEA, "guinea.txt", kept)  # the kept state has read the coups now
    assert kept.events_seen_through is not None
    other = _import(NIGER_WIRE, "niger-wire.txt")  # another worker, with a state of its own
    niger = Event.objects.get(claims__article_id=other.article_id, kind="coup")

    later = _import(NIGER_REPORT, "niger-report.txt", kept)

    assert later.events_linked >= 1
    assert Event.objects.filter(kind="coup").count() == 2
    assert niger.claims.filter(article_id=later.article_id).exists()
    assert niger.pk in {s.id for s in kept.events["coup"]}
    assert Article.objects.count() == 3


@pytest.mark.django_db
def test_catching_up_adds_each_new_event_once():
    kept = RunState(ctx=load_context())
    _import(GUINEA, "guinea.txt", kept)
    _import(NIGER_WIRE, "niger-wire.txt")
    kept.catch_up_events()
    kept.catch_up_events()
    ids = [s.id for s in kept.events["coup"]]
    assert sorted(ids) == sorted(Event.objects.filter(kind="coup").values_list("pk", flat=True))
    assert len(ids) == len(set(ids))


def test_the_workers_log_names_a_jobs_bytes_instead_of_printing_them():
    import logging

    from sahel.logging_filters import ShortenCarriedBytes

    carried = "QUJD" * 5_000
    record = logging.LogRecord(
        "procrastinate.worker", logging.ERROR, __file__, 1,
        "Job facts.import_article[5](name='a.txt', content='%s', supplied={}) ended", (carried,),
        None,
    )  # fmt: skip
    assert ShortenCarriedBytes().filter(record)
    assert record.getMessage() == (
        "Job facts.import_article[5](name='a.txt', content='<15,000 bytes>', supplied={}) ended"
    )
