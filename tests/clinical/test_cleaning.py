"""Cleaning a message before tokenising keeps offsets; long text is chunked."""

from __future__ import annotations

from bot.clinical.cleaning import chunk_bounds, clean


def test_clean_keeps_offsets() -> None:
    """Cleaning maps every character back to the original."""
    cleaned = clean("A&amp;B  <i>C</i>")
    assert cleaned.text == "a&b c "
    assert cleaned.span(1, 2) == (1, 6)
    assert cleaned.span(4, 5) == (12, 13)


def test_chunk_bounds_cover_text() -> None:
    """Chunks are contiguous, cover everything and respect the size."""
    text = "word " * 1000
    bounds = chunk_bounds(text, 300)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(b - a <= 300 for a, b in bounds)
    assert all(bounds[i][1] == bounds[i + 1][0] for i in range(len(bounds) - 1))
