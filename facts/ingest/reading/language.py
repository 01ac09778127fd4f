"""The language a document is written in, told from its text by py3langid (a naive Bayes
model over byte n-grams that ships inside the package: nothing is downloaded).

Only languages the news of the region is written in are candidates: a short or mixed text
then cannot come out as a language no source uses. A text the model is not sure of (a few
words, a list of names) is taken to be in `FALLBACK`, the language most of the sources are in.
"""

import functools

# The news languages of the region and of the wires and institutions that report on it.
CANDIDATES = (
    "en", "fr", "ar", "es", "pt", "de", "it", "ru", "zh", "tr", "nl", "uk", "pl", "ha", "sw",
)  # fmt: skip
FALLBACK = "en"
# Below this probability (of the candidates), the text is too short or too mixed to tell.
MIN_PROBABILITY = 0.5
# The head of an article tells its language as well as the whole: 4,000 characters take
# about half a millisecond, a whole long article several.
SAMPLE_CHARS = 4_000

# The environment variable that fixes the language a process analyses in (the analysis
# steps compile one language pack when they are first imported). Defined here, below the
# analysis, so that a process can set it before anything imports the steps.
LANGUAGE_VARIABLE = "SAHEL_ANALYSIS_LANGUAGE"


@functools.cache
def _identifier():
    # Imported and loaded on first use: the model takes most of a second to load, which a
    # process that never reads an article should not pay.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier  # type: ignore[import-untyped]

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(CANDIDATES))
    return identifier


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the language `text` is written in, or FALLBACK when the model
    cannot tell."""
    return _language_of_sample(text[:SAMPLE_CHARS])


# An import asks twice of each article: to choose the process that analyses it, then in it.
@functools.lru_cache(maxsize=64)
def _language_of_sample(sample: str) -> str:
    code, probability = _identifier().classify(sample)
    return code if probability >= MIN_PROBABILITY else FALLBACK
