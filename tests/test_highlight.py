"""Quotes highlighted in their article (facts/highlight.py)."""

from facts.highlight import Span, highlight, passage

TEXT = "Soldiers seized power in 2020 and again in 2021. Then calm."


def test_claims_quoting_the_same_words_each_get_a_link():
    sentence_end = TEXT.index(".") + 1
    html = highlight(
        TEXT,
        [
            Span(0, sentence_end, "/claim/1/", "first coup"),
            Span(0, sentence_end, "/claim/2/", "second coup"),
        ],
    )
    assert html.count('<mark class="claim-quote"') == 2
    assert 'href="/claim/1/"' in html and 'href="/claim/2/"' in html
    # The second link sits where the shared quote ends, the text itself is not repeated.
    assert html.count("Soldiers seized power") == 1
    assert html.index('href="/claim/2/"') > html.index("again in 2021.")


def test_overlapping_claims_are_each_linked_once():
    html = highlight(TEXT, [Span(0, 20, "/claim/1/", "a"), Span(9, 30, "/claim/2/", "b")])
    assert html.count('href="/claim/1/"') >= 1 and html.count('href="/claim/2/"') >= 1
    assert "claim-also" not in html


def test_a_passage_without_context_is_the_quotes_own_paragraph():
    text = "First paragraph.\n\nThe quoted words sit here. And more.\n\nLast paragraph."
    start = text.index("The quoted")
    html = passage(text, start, start + len("The quoted words sit here."), url="#c", label="C")
    assert "First paragraph" in html and "Last paragraph" in html  # the default widens
    html = passage(
        text, start, start + len("The quoted words sit here."), url="#c", label="C", context=0
    )
    assert "First paragraph" not in html and "Last paragraph" not in html
    assert "And more." in html
