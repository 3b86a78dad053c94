"""Letter counts behind the outlet's share of a sentence (speakers._letters_before)."""

from dossier.resolve.speakers import _covered_letters, _letters_before


def test_letters_before_counts_letters_up_to_each_offset() -> None:
    text = "Rain, 12 mm!"
    letters = _letters_before(text)
    assert len(letters) == len(text) + 1
    assert letters[-1] == sum(1 for c in text if c.isalpha())
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            assert letters[end] - letters[start] == sum(1 for c in text[start:end] if c.isalpha())


def test_covered_letters_counts_only_letters_inside_the_spans() -> None:
    text = "The mayor said the bridge would open in May."
    covered = [(0, 9), (15, 25), (40, 44)]
    letters = _letters_before(text)
    starts = [s for s, _ in covered]
    for start, end in [(0, len(text)), (4, 20), (10, 14), (26, 44)]:
        expected = sum(
            1
            for i in range(start, end)
            if text[i].isalpha() and any(s <= i < e for s, e in covered)
        )
        assert _covered_letters(letters, start, end, covered, starts) == expected
