"""Intervals answer like a scan over the spans, overlapping or not."""

from hypothesis import given
from hypothesis import strategies as st

from helpers.text.intervals import Intervals

spans = st.lists(
    st.tuples(st.integers(0, 60), st.integers(0, 30)).map(lambda t: (t[0], t[0] + t[1])), max_size=12
)


@given(spans, st.integers(-5, 100))
def test_a_position_is_inside_exactly_when_a_span_holds_it(found, pos):
    assert (pos in Intervals(found)) == any(a <= pos < b for a, b in found)


@given(spans, st.integers(0, 100), st.integers(0, 20))
def test_a_span_starts_in_a_window_exactly_when_one_does(found, start, width):
    expected = any(start <= a < start + width for a, _ in found)
    assert Intervals(found).starts_within(start, start + width) == expected


def test_nested_and_overlapping_spans():
    inside = Intervals([(0, 10), (2, 3), (12, 14)])
    assert [p in inside for p in (0, 5, 9, 10, 11, 12, 14)] == [True, True, True, False, False, True, False]
