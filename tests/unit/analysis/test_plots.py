"""Tests of helpers.analysis.plots: Arabic shaping, reference map data, each figure draws what it is given."""

from __future__ import annotations

import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from helpers.analysis import plots
from helpers.contract import vocab  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


# ------------------------------------------------------------------------------------------------- text

@pytest.fixture
def old_matplotlib(monkeypatch):
    """A matplotlib without complex text layout (before 3.11): Arabic must be shaped before it draws."""
    monkeypatch.setattr(plots, "_matplotlib_lays_out_arabic", lambda: False)


def test_shape_arabic_leaves_arabic_to_a_matplotlib_that_lays_it_out(monkeypatch):
    monkeypatch.setattr(plots, "_matplotlib_lays_out_arabic", lambda: True)
    assert plots.shape_arabic("بادية حمص") == "بادية حمص"  # shaping it again would draw it reversed


def test_the_layout_probe_sees_joined_letters_narrower_than_isolated_ones():
    plots._matplotlib_lays_out_arabic.cache_clear()
    assert isinstance(plots._matplotlib_lays_out_arabic(), bool)


def test_shape_arabic_joins_letters_and_reverses_to_visual_order(old_matplotlib):
    shaped = plots.shape_arabic("بادية حمص")
    assert all(0xFE70 <= ord(c) <= 0xFEFF or c == " " for c in shaped)  # presentation forms only
    assert shaped.split(" ")[0] == plots.shape_arabic("حمص")  # right-to-left: last word drawn first
    assert shaped != "بادية حمص"


def test_shape_arabic_leaves_latin_alone():
    assert plots.shape_arabic("Deir ez-Zor") == "Deir ez-Zor"
    assert plots.shape_arabic("") == ""
    assert plots.is_arabic("Homs حمص") and not plots.is_arabic("Homs")


def test_bilingual(old_matplotlib):
    assert plots.bilingual("Homs", None) == "Homs"
    assert plots.bilingual("Homs", float("nan")) == "Homs"
    assert plots.bilingual("Homs", "حمص") == "Homs  " + plots.shape_arabic("حمص")


def test_area_label_names_governorate_zone_and_place(old_matplotlib):
    shaped = plots.shape_arabic("بادية حمص")
    assert plots.area_label("badia", "Homs", "بادية حمص") == "Homs (Badia)  " + shaped
    assert plots.area_label("sdf_areas", "Raqqa", "") == "Raqqa (SDF areas)"


def test_arabic_draws_without_missing_glyphs():
    plots.set_style()
    fig, ax = plt.subplots()
    ax.set_title(plots.shape_arabic("دير الزور"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph ... missing from font(s)"
        fig.canvas.draw()


def test_set_style_uses_a_font_with_arabic_glyphs():
    plots.set_style()
    assert plots.FONT in matplotlib.rcParams["font.family"]


def test_label_falls_back_to_the_value():
    assert plots.label(plots.ZONE_LABELS, "badia") == "Badia (Syrian desert)"
    assert plots.label({}, "other_forces") == "other forces"


# -------------------------------------------------------------------------------------------- reference

def test_governorates_cover_the_vocabulary():
    gov = plots.governorates()
    assert len(gov) == 14
    assert dict(zip(gov["admin1"], gov["admin1_pcode"], strict=True)) == vocab.ADMIN1_PCODES
    assert gov["name_ar"].map(plots.is_arabic).all()
    assert gov["lon"].between(35.5, 42.5).all() and gov["lat"].between(32.3, 37.4).all()


def test_boundaries_are_the_14_governorates_from_natural_earth():
    shapes = plots.governorate_shapes()
    named = shapes.dropna(subset=["admin1_pcode"])
    assert dict(zip(named["admin1"], named["admin1_pcode"], strict=True)) == vocab.ADMIN1_PCODES
    homs = next(s for s in shapes.itertuples() if s.admin1 == "Homs")
    ring = max(homs.polygons, key=len)
    assert matplotlib.path.Path(ring).contains_point((37.5, 34.5))  # Palmyra's desert is in Homs
    points = plots.label_points()
    assert 40 < points["Deir ez-Zor"][0] < 41.5 and 36 < points["Hasakah"][1] < 37.2


# --------------------------------------------------------------------------------------------- figures

MONTHS = pd.Index([110, 111, 112], name="month")


def test_line_chart_draws_one_line_per_series_and_the_smoothed_ones():
    wide = pd.DataFrame({"badia": [1.0, np.nan, 3.0], "sdf_areas": [2.0, 2.0, 2.0]}, index=MONTHS)
    fig = plots.line_chart(wide, "t", "ops", plots.ZONE_LABELS, plots.ZONE_COLORS,
                           smooth=wide.rolling(2).mean())
    ax = fig.axes[0]
    assert len([line for line in ax.lines if line.get_linestyle() == "--"]) == 2
    assert len([line for line in ax.lines if not line.get_label().startswith("_")]) == 2
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Badia (Syrian desert)",
                                                                   "SDF areas (north-east)", "trailing mean"]
    assert ax.get_xticklabels()[-1].get_text() == "112\nNov 23"


def test_stacked_bars_stack_segments():
    wide = pd.DataFrame({"civilians": [1.0, 2.0, np.nan], "sdf": [3.0, 0.0, 1.0]}, index=MONTHS)
    fig = plots.stacked_bars(wide, "t", "deaths", plots.GROUP_LABELS, plots.GROUP_COLORS)
    bars = fig.axes[0].patches
    assert len(bars) == 6
    assert [b.get_y() for b in bars[3:]] == [1.0, 2.0, 0.0]


def test_stacked_bars_by_category():
    wide = pd.DataFrame({"civilians": [1, 2]}, index=["badia", "sdf_areas"])
    fig = plots.stacked_bars(wide, "t", "%", months_axis=False)
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["Badia (Syrian desert)",
                                                                     "SDF areas (north-east)"]


def test_ranked_bars_largest_on_top_with_values():
    values = pd.Series([9, 4, 1], index=["Homs", "Raqqa", "بادية حلب"])
    fig = plots.ranked_bars(values, "t", "ops")
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[-1] == "Homs" and labels[0] == plots.shape_arabic("بادية حلب")
    assert sorted(t.get_text().strip() for t in ax.texts) == ["1", "4", "9"]


def test_heatmap_writes_the_counts_and_leaves_gaps_blank():
    matrix = pd.DataFrame({110: [np.nan, np.nan], 111: [12.0, 0.0], 112: [9.0, 1.0]},
                          index=["Homs", "Aleppo"])
    fig = plots.heatmap(matrix, "t", "ops")
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert texts == ["12", "9", "0", "1"]


def test_empty_selections_say_so():
    nothing = pd.Series(dtype="int64")
    assert fig_texts(plots.ranked_bars(nothing, "t", "ops")) == ["no data for this selection"]
    empty = pd.DataFrame({110: [np.nan]}, index=["Homs"])
    assert fig_texts(plots.heatmap(empty, "t", "ops")) == ["no data for this selection"]


def fig_texts(fig) -> list[str]:
    return [t.get_text() for t in fig.axes[0].texts]


def test_syria_map_colours_governorates_and_greys_what_is_not_stated():
    values = plots.governorates().assign(value=np.nan)
    values.loc[values["admin1"] == "Homs", "value"] = 9
    values["synthetic"] = 0.0
    fig = plots.syria_map(values, "t", "operations")
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.texts]
    assert len(labels) == 14
    assert "Homs  " + plots.shape_arabic("حمص") + "\n9" in labels
    hatches = {p.get_hatch() for p in ax.patches}
    assert ".." in hatches  # governorates with nothing stated: not coloured as 0
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["not stated (no area line)"]
    assert not ax.axison  # no lat/long axes


def test_syria_map_hatches_synthetic_values():
    values = plots.governorates().assign(value=1.0, synthetic=0.0)
    values.loc[values["admin1"] == "Raqqa", "synthetic"] = 1.0
    fig = plots.syria_map(values, "t", "operations")
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert legend == ["includes " + plots.SYNTHETIC_LABEL]


def test_line_chart_marks_synthetic_months_ranges_and_open_bounds():
    wide = pd.DataFrame({"badia": [10.0, 22.0, 32.0]}, index=MONTHS)
    low = pd.DataFrame({"badia": [10.0, 22.0, 30.0]}, index=MONTHS)
    high = pd.DataFrame({"badia": [10.0, np.inf, 34.0]}, index=MONTHS)
    fig = plots.line_chart(wide, "t", "ops", plots.ZONE_LABELS, plots.ZONE_COLORS, synthetic=[111, 112],
                           low=low, high=high)
    ax = fig.axes[0]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["Badia (Syrian desert)", plots.REAL_LABEL, plots.SYNTHETIC_LABEL,
                      "range of an approximate number (~)", "at least (no upper bound, ≥)"]
    hollow = [line for line in ax.lines if line.get_markerfacecolor() == "white"]
    assert len(hollow) == 1 and list(hollow[0].get_xdata()) == [111, 112]
    assert len(ax.collections) == 1  # the band of the approximate month


def test_line_chart_of_real_months_only_needs_no_kind_legend():
    wide = pd.DataFrame({"badia": [1.0, np.nan, 3.0]}, index=MONTHS)
    fig = plots.line_chart(wide, "t", "ops", plots.ZONE_LABELS, plots.ZONE_COLORS)
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == ["Badia (Syrian desert)"]


def test_bars_and_heatmap_hatch_synthetic_months():
    wide = pd.DataFrame({"civilians": [1.0, 2.0, 3.0]}, index=MONTHS)
    fig = plots.stacked_bars(wide, "t", "deaths", plots.GROUP_LABELS, plots.GROUP_COLORS, synthetic=[112],
                             marks={112: "≥"})
    bars = fig.axes[0].patches
    assert [b.get_hatch() for b in bars] == [None, None, plots.SYNTHETIC_HATCH]
    assert plots.SYNTHETIC_LABEL in [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert "≥" in fig_texts(fig)
    matrix = pd.DataFrame({111: [1.0], 112: [2.0]}, index=["Homs"])
    heat = plots.heatmap(matrix, "t", "ops", synthetic=[112])
    ticks = [t.get_text() for t in heat.axes[0].get_xticklabels()]
    assert ticks[0].startswith("111\n") and ticks[1].startswith("112*")
    ranked = plots.ranked_bars(pd.Series([9, 4], index=["Homs", "Raqqa"]), "t", "ops",
                               synthetic=pd.Series([3, 0], index=["Homs", "Raqqa"]))
    assert [t.get_text() for t in ranked.axes[0].get_legend().get_texts()] == [plots.REAL_LABEL,
                                                                                 plots.SYNTHETIC_LABEL]


def test_save_figure_creates_the_folder(tmp_path):
    fig, _ = plt.subplots()
    path = plots.save_figure(fig, "x", tmp_path / "reports" / "figures")
    assert path == tmp_path / "reports" / "figures" / "x.png"
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# ----------------------------------------------------------------------------- uncertainty marks

def test_heatmap_cells_carry_the_marks_of_the_tables_and_a_note_explains_them():
    matrix = pd.DataFrame({110: [np.nan, np.nan], 111: [12.0, 0.0], 112: [9.0, 1.0]},
                          index=["Homs", "Aleppo"])
    low = matrix.copy()
    low.loc["Homs", 112] = 7.0
    high = matrix.copy()
    high.loc["Homs", 111], high.loc["Homs", 112] = np.inf, 11.0
    fig = plots.heatmap(matrix, "t", "ops", low=low, high=high)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.texts] == ["≥ 12", "~ 9", "0", "1"]
    assert [t.get_text() for t in fig.legends[0].get_texts()] == [plots.HEATMAP_MARKS_NOTE]
    exact = plots.heatmap(matrix, "t", "ops", low=matrix, high=matrix)
    assert not exact.legends  # nothing qualified: no note


def test_heatmap_note_sits_beside_the_synthetic_legend():
    matrix = pd.DataFrame({111: [20.0], 112: [2.0]}, index=["Homs"])
    fig = plots.heatmap(matrix, "t", "ops", synthetic=[112], low=matrix, high=matrix.replace(20.0, np.inf))
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend == [f"* {plots.SYNTHETIC_LABEL}", plots.HEATMAP_MARKS_NOTE]
    assert [t.get_text() for t in fig.axes[0].texts] == ["≥ 20", "2"]
    # dark text on the light cell, light text on the dark one (readable on both)
    assert [t.get_color() for t in fig.axes[0].texts] == ["w", ".15"]


def test_cell_texts_leave_gaps_blank():
    matrix = pd.DataFrame({1: [np.nan, 3.0]}, index=["a", "b"])
    assert plots.cell_texts(matrix).to_dict() == {1: {"a": "", "b": "3"}}


def _ratio_chart():
    wide = pd.DataFrame({"badia": [2.0, 0.5, 1.0]}, index=MONTHS)
    low = pd.DataFrame({"badia": [1.5, 0.5, 1.0]}, index=MONTHS)
    high = pd.DataFrame({"badia": [2.5, np.inf, 1.0]}, index=MONTHS)
    return plots.line_chart(wide, "t", "deaths per operation", plots.ZONE_LABELS, plots.ZONE_COLORS,
                            low=low, high=high, ranges="bars")


def test_ratio_chart_draws_error_bars_and_marks_an_open_bound():
    ax = _ratio_chart().axes[0]
    bars = [c for c in ax.containers if isinstance(c, matplotlib.container.ErrorbarContainer)]
    assert len(bars) == 1
    segments = bars[0].lines[2][0].get_segments()
    assert [(float(s[0][0]), float(s[0][1]), float(s[1][1])) for s in segments] == [(110.0, 1.5, 2.5)]
    assert not [c for c in ax.collections if isinstance(c, matplotlib.collections.PolyCollection)]  # no band
    carets = [line for line in ax.lines if line.get_marker() == 6]
    assert len(carets) == 1 and list(carets[0].get_xdata()) == [111]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["Badia (Syrian desert)", plots.RATIO_RANGE_LABEL, plots.RATIO_OPEN_LABEL]


def test_ratio_chart_of_exact_numbers_has_no_marks():
    wide = pd.DataFrame({"badia": [2.0, 0.5, 1.0]}, index=MONTHS)
    fig = plots.line_chart(wide, "t", "ratio", plots.ZONE_LABELS, plots.ZONE_COLORS, low=wide, high=wide,
                           ranges="bars")
    ax = fig.axes[0]
    assert not ax.containers or not any(isinstance(c, matplotlib.container.ErrorbarContainer)
                                        for c in ax.containers)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Badia (Syrian desert)"]
    with pytest.raises(ValueError, match="ranges"):
        plots.line_chart(wide, "t", "ratio", ranges="whiskers")


def test_show_figure_draws_once_displays_the_saved_png_and_closes(tmp_path, monkeypatch):
    import IPython
    import IPython.display

    plots.set_style()  # figure.dpi 100, savefig.dpi 120
    shown = []
    monkeypatch.setattr(IPython, "get_ipython", lambda: object())
    monkeypatch.setattr(IPython.display, "display", shown.append)
    fig, ax = plt.subplots(figsize=(4, 2))
    ax.set_title("Operations per month")
    path = plots.show_figure(fig, "x", tmp_path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    [image] = shown
    assert image.data == path.read_bytes()  # the notebook shows the very file that was saved
    assert image._repr_png_()[1]["alt"] == "Operations per month"  # alt text for the HTML export
    assert image.width == round(plots._png_width(image.data) * 100 / 120)  # the inline size
    assert not plt.fignum_exists(fig.number)


def test_show_figure_outside_ipython_only_saves(tmp_path):
    fig, _ = plt.subplots()
    path = plots.show_figure(fig, "y", tmp_path, footnote="a note")
    assert path.is_file() and not plt.fignum_exists(fig.number)


def test_line_chart_leaves_room_above_its_highest_point():
    wide = pd.DataFrame({"sdf_areas": [0.2], "badia": [0.18]}, index=[112])
    fig = plots.line_chart(wide, "ratio", "ratio", plots.ZONE_LABELS, plots.ZONE_COLORS)
    bottom, top = fig.axes[0].get_ylim()
    assert bottom == 0 and top >= 0.2 * 1.05  # the point at 0.2 is drawn whole, not cut by the frame
    plt.close(fig)


def test_line_chart_names_the_trailing_mean_only_when_it_draws_one():
    one = pd.DataFrame({"badia": [3.0]}, index=[112])
    two = pd.DataFrame({"badia": [3.0, 4.0]}, index=[111, 112])
    for wide, shown in ((one, False), (two, True)):
        fig = plots.line_chart(wide, "t", "ops", plots.ZONE_LABELS, plots.ZONE_COLORS, smooth=wide)
        names = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
        assert ("trailing mean" in names) is shown
        plt.close(fig)
