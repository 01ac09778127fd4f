"""Step 1: reading bytes. Pure; no database."""

import re

import pytest

from facts.ingest.reading import ReadError, normalize_text, read_document


def test_utf8_text_is_read_normalised_and_hashed():
    raw = "Goi\u0308ta took power.\r\nSecond line.  \r\n".encode()
    doc = read_document("a.txt", raw)
    assert doc.text == "Goïta took power.\nSecond line.\n"  # NFC, Unix line ends, no trailing space
    assert len(doc.sha256) == 64


def test_byte_order_mark_is_dropped():
    assert read_document("a.txt", "\ufeffTitle\n\nBody.".encode()).text == "Title\n\nBody."


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"", "empty file"),
        (b"   \n\t\n", "no text (only whitespace)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (a NUL byte at offset 8)"),
        ("Côte d'Ivoire".encode("latin-1"), "not UTF-8 (byte 0xf4 at offset 1)"),
        (bytes(range(1, 32)) * 10, "binary file"),
    ],
)
def test_unusable_input_is_refused_with_its_reason(raw, reason):
    with pytest.raises(ReadError, match=re.escape(reason)):
        read_document("bad.txt", raw)


def test_over_size_input_is_refused():
    with pytest.raises(ReadError, match="over the limit of 10 bytes"):
        read_document("big.txt", b"x" * 11, max_bytes=10)


def test_unsupported_file_type_is_refused():
    with pytest.raises(ReadError, match=re.escape("unsupported file type '.pdf'")):
        read_document("report.pdf", b"%PDF-1.7")


def test_normalisation_is_idempotent():
    text = "Ndaw\u00a0met N\u2019Daw\r\n"
    assert normalize_text(normalize_text(text)) == normalize_text(text)
