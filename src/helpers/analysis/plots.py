"""The figures the notebooks show: one seaborn style, English labels, Arabic place names shaped for display.

Arabic text in matplotlib must be shaped (letters joined, ``arabic_reshaper``) and put in visual order
(``python-bidi``), and drawn with a font that has Arabic glyphs: matplotlib's bundled DejaVu Sans has them,
presentation forms included, so no system font is needed. Every function returns the figure it drew; saving is
separate (``save_figure``) and the caller decides when to close it.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Mapping, Sequence
from functools import cache
from importlib import resources
from pathlib import Path

import arabic_reshaper
import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from bidi import get_display
from matplotlib.figure import Figure

from helpers.contract import calendar

logger = logging.getLogger(__name__)

FONT = "DejaVu Sans"
ZONE_LABELS = {
    "sdf_areas": "SDF areas (north-east)",
    "badia": "Badia (Syrian desert)",
    "government_areas": "Other government areas",
    "other": "Other areas",
    "all": "Several zones (headline only)",
}
GROUP_LABELS = {
    "civilians": "Civilians",
    "government_forces": "Government forces",
    "sdf": "SDF",
    "other_forces": "Other forces",
    "unspecified": "Not specified",
    "isis": "ISIS members",
    "all": "All",
}
ZONE_SHORT = {"sdf_areas": "SDF areas", "badia": "Badia", "government_areas": "gov. areas", "other": "other",
              "all": "several zones"}
_COLORS = sns.color_palette("colorblind", 10).as_hex()
ZONE_COLORS = dict(zip(ZONE_LABELS, [_COLORS[i] for i in (0, 3, 2, 7, 4)], strict=True))
GROUP_COLORS = dict(zip(GROUP_LABELS, [_COLORS[i] for i in (2, 3, 0, 4, 7, 1, 5)], strict=True))
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")


# ------------------------------------------------------------------------------------------------- text

def is_arabic(text: str) -> bool:
    """Whether ``text`` contains Arabic letters."""
    return bool(_ARABIC.search(text or ""))


def shape_arabic(text: str) -> str:
    """Text ready for matplotlib: Arabic letters joined and in visual order; other text unchanged.

    Args:
        text: Logical-order text, e.g. ``"بادية حمص"`` or ``"Homs"``.

    Returns:
        The display form (presentation-form letters, right-to-left runs reversed).
    """
    if not is_arabic(text):
        return text
    return get_display(arabic_reshaper.reshape(text))


def bilingual(english: str, arabic: str | None) -> str:
    """``"Homs  حمص"`` with the Arabic shaped, or just the English when there is no Arabic name."""
    if not arabic or (isinstance(arabic, float) and math.isnan(arabic)):
        return english
    return f"{english}  {shape_arabic(arabic)}"


def area_label(zone: str, admin1: str, place_ar: str | None) -> str:
    """``"Homs (Badia)  بادية حمص"``: an area line's governorate and zone, and its Arabic name shaped."""
    return bilingual(f"{admin1} ({label(ZONE_SHORT, zone)})", place_ar)


def label(mapping: Mapping[str, str], key: str) -> str:
    """The English label of a vocabulary value (the value itself when it has none)."""
    return mapping.get(key, str(key).replace("_", " "))


# ------------------------------------------------------------------------------------------------ style

def set_style() -> None:
    """The project's plotting style: seaborn whitegrid, DejaVu Sans (Latin and Arabic glyphs), fixed sizes."""
    sns.set_theme(style="whitegrid", context="notebook", palette="colorblind", font=FONT)
    mpl.rcParams.update({
        "figure.dpi": 100,
        "savefig.dpi": 120,
        "savefig.bbox": "tight",
        "axes.titleweight": "bold",
        "axes.titlesize": 12,
        "legend.frameon": False,
        "svg.hashsalt": "helpers",
    })


def save_figure(fig: Figure, name: str, directory: Path | str, footnote: str | None = None) -> Path:
    """Save ``fig`` as ``directory/name.png`` (the folder is created) without volatile metadata.

    Args:
        fig: The figure.
        name: File stem, e.g. ``01_operations_by_zone``.
        directory: Target folder, e.g. ``reports/figures``.
        footnote: A note printed under the plot (e.g. that it includes synthetic demo data), so the saved
            image carries it wherever it goes.

    Returns:
        The written path.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{name}.png"
    if footnote:
        fig.text(0.01, 0.005, footnote, ha="left", va="bottom", fontsize=8, color="dimgray", style="italic")
    fig.savefig(path, metadata={"Software": None})
    logger.info("saved %s", path)
    return path


# ------------------------------------------------------------------------------------------- month axes

def _month_axis(ax, months: Sequence[int], max_ticks: int = 12) -> None:
    """Caliphate months on the x axis, labelled with the calendar month their period ends in."""
    months = list(months)
    step = max(1, math.ceil(len(months) / max_ticks))
    ticks = months[::step]
    ax.set_xticks(ticks)
    ax.set_xticklabels([f"{m}\n{calendar.month_period(m)[1]:%b %y}" for m in ticks], fontsize=8)
    ax.set_xlabel("caliphate month (period ends)")
    if len(months) == 1:
        ax.set_xlim(months[0] - 1, months[0] + 1)


def line_chart(wide: pd.DataFrame, title: str, ylabel: str, labels: Mapping[str, str] | None = None,
               colors: Mapping[str, str] | None = None, smooth: pd.DataFrame | None = None,
               figsize: tuple[float, float] = (10, 4)) -> Figure:
    """One line per column of a month-indexed table; optional smoothed lines drawn dashed on top.

    Args:
        wide: Month × series table (NaN breaks the line).
        title: Axes title.
        ylabel: Y axis label.
        labels: Legend label per column.
        colors: Colour per column.
        smooth: Same shape as ``wide`` (e.g. a rolling mean), drawn dashed in the same colours.
        figsize: Figure size in inches.
    """
    labels, colors = labels or {}, colors or {}
    fig, ax = plt.subplots(figsize=figsize)
    for column in wide.columns:
        color = colors.get(column)
        ax.plot(wide.index, wide[column], marker="o", markersize=3, linewidth=1.2, color=color,
                label=label(labels, column))
        if smooth is not None and column in smooth:
            ax.plot(smooth.index, smooth[column], linestyle="--", linewidth=2, color=color, alpha=0.6)
    _month_axis(ax, wide.index)
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    ax.set_ylim(bottom=0)
    _legend(ax, len(wide.columns))
    fig.tight_layout()
    return fig


def _legend(ax, n: int) -> None:
    """The legend right of the axes, so it never hides data."""
    if n:
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8)


def stacked_bars(wide: pd.DataFrame, title: str, ylabel: str, labels: Mapping[str, str] | None = None,
                 colors: Mapping[str, str] | None = None, figsize: tuple[float, float] = (10, 4),
                 months_axis: bool = True) -> Figure:
    """Stacked bars, one bar per row of ``wide`` and one segment per column (missing = no bar).

    Args:
        wide: Row × segment table (month-indexed when ``months_axis``).
        title: Axes title.
        ylabel: Y axis label.
        labels: Legend label per column.
        colors: Colour per column.
        figsize: Figure size in inches.
        months_axis: Label the x axis as caliphate months; otherwise rows are categories.
    """
    labels, colors = labels or {}, colors or {}
    fig, ax = plt.subplots(figsize=figsize)
    x = list(wide.index) if months_axis else list(range(len(wide)))
    bottom = pd.Series(0.0, index=wide.index)
    for column in wide.columns:
        values = wide[column].fillna(0.0)
        ax.bar(x, values, bottom=bottom, color=colors.get(column), label=label(labels, column), width=0.8)
        bottom = bottom + values
    if months_axis:
        _month_axis(ax, wide.index)
    else:
        ax.set_xticks(x)
        ax.set_xticklabels([label(ZONE_LABELS, i) for i in wide.index], fontsize=9)
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    _legend(ax, len(wide.columns))
    fig.tight_layout()
    return fig


# ------------------------------------------------------------------------------------------- categories

def _no_data(ax) -> None:
    """An empty axes that says so, instead of a blank frame."""
    ax.text(0.5, 0.5, "no data for this selection", ha="center", va="center", transform=ax.transAxes,
            fontsize=10, color="#555555")
    ax.set_xticks([])
    ax.set_yticks([])


def ranked_bars(values: pd.Series, title: str, xlabel: str, names: Sequence[str] | None = None,
                color: str | None = None, figsize: tuple[float, float] = (8, 4)) -> Figure:
    """Horizontal bars, largest at the top.

    Args:
        values: Values in display order (largest first).
        title: Axes title.
        xlabel: X axis label.
        names: Bar labels (already shaped, e.g. from ``bilingual``); the index as text by default.
        color: Bar colour.
        figsize: Figure size in inches.
    """
    names = list(names) if names is not None else [shape_arabic(str(i)) for i in values.index]
    fig, ax = plt.subplots(figsize=figsize)
    ax.set_title(title)
    if values.empty:
        _no_data(ax)
        return fig
    positions = list(range(len(values)))
    bottom_up = values.to_numpy()[::-1]
    ax.barh(positions, bottom_up, color=color or _COLORS[0])
    ax.set_yticks(positions)
    ax.set_yticklabels(names[::-1], fontsize=9)
    for y, v in zip(positions, bottom_up, strict=True):
        ax.text(v, y, f" {v:g}", va="center", fontsize=8)
    ax.set_xlabel(xlabel)
    ax.margins(x=0.12)
    fig.tight_layout()
    return fig


def heatmap(matrix: pd.DataFrame, title: str, cbar_label: str, figsize: tuple[float, float] | None = None
            ) -> Figure:
    """A row × month heatmap with the counts written in the cells; NaN cells stay blank.

    Args:
        matrix: Counts, rows (e.g. governorates) × caliphate months; NaN where nothing was stated.
        title: Axes title.
        cbar_label: Colour bar label.
        figsize: Figure size in inches (default: from the number of rows and months).
    """
    figsize = figsize or (max(8.0, 0.55 * matrix.shape[1] + 3), max(3.0, 0.4 * matrix.shape[0] + 1.5))
    fig, ax = plt.subplots(figsize=figsize)
    columns = [f"{m}\n{calendar.month_period(int(m))[1]:%b %y}" for m in matrix.columns]
    shown = matrix.set_axis(columns, axis=1)
    ax.set_title(title)
    if matrix.empty or matrix.isna().all().all():
        _no_data(ax)
        return fig
    sns.heatmap(shown.astype("float64"), ax=ax, annot=len(matrix.columns) <= 24, fmt=".0f", cmap="Reds",
                linewidths=0.5, cbar_kws={"label": cbar_label}, annot_kws={"fontsize": 7})
    ax.grid(False)
    ax.set_xlabel("caliphate month (period ends); blank: no area lines that month")
    ax.set_ylabel("")
    ax.tick_params(axis="x", labelsize=8, rotation=0)
    fig.tight_layout()
    return fig


# ------------------------------------------------------------------------------------------------- map

@cache
def _reference(name: str) -> pd.DataFrame:
    with resources.files("helpers.data").joinpath(name).open(encoding="utf-8") as handle:
        return pd.read_csv(handle, comment="#")


def syria_outline() -> pd.DataFrame:
    """Syria's simplified outline (``lon``, ``lat``; closed ring), shipped in ``helpers/data``."""
    return _reference("syria_outline.csv").sort_values("order")[["lon", "lat"]].reset_index(drop=True)


def governorates() -> pd.DataFrame:
    """The 14 governorates: ``admin1_pcode``, ``admin1``, ``name_ar`` and approximate ``lon``, ``lat``."""
    return _reference("syria_admin1.csv").copy()


def legend_values(largest: float) -> list[float]:
    """Round marker-legend values: the largest value and about a quarter of it (when that differs)."""
    quarter = float(max(1, round(largest / 4)))
    return [largest, quarter] if quarter < largest else [largest]


def syria_map(points: pd.DataFrame, title: str, value_label: str, color: str | None = None,
              figsize: tuple[float, float] = (7, 6.5), max_marker: float = 1400.0) -> Figure:
    """Syria's outline with a marker per governorate, area proportional to its value.

    Args:
        points: ``admin1``, ``name_ar``, ``lon``, ``lat``, ``value`` (see ``analysis.map_values``), optionally
            ``label_dx``, ``label_dy`` (label offset in points, as in ``governorates()``).
        title: Axes title.
        value_label: What the values count, for the legend.
        color: Marker colour.
        figsize: Figure size in inches.
        max_marker: Marker area (pt²) of the largest value.
    """
    outline = syria_outline()
    fig, ax = plt.subplots(figsize=figsize)
    ax.fill(outline["lon"], outline["lat"], facecolor="#f2f2f2", edgecolor="#777777", linewidth=1)
    largest = max(float(points["value"].max()), 1.0)
    sizes = points["value"] / largest * max_marker
    active = points["value"] > 0
    color = color or _COLORS[3]
    ax.scatter(points.loc[active, "lon"], points.loc[active, "lat"], s=sizes[active], color=color, alpha=0.6,
               edgecolor="black", linewidth=0.6, zorder=3)
    ax.scatter(points.loc[~active, "lon"], points.loc[~active, "lat"], s=12, facecolor="white",
               edgecolor="#777777", zorder=3)
    for _, row in points.iterrows():
        text = bilingual(row["admin1"], row.get("name_ar"))
        if row["value"] > 0:
            text += f"\n{int(row['value'])}"
        dx, dy = row.get("label_dx", 0), row.get("label_dy", -10)
        ha = "center" if dx == 0 else ("left" if dx > 0 else "right")
        va = "top" if dy < 0 and dx == 0 else ("bottom" if dy > 0 else "center")
        ax.annotate(text, (row["lon"], row["lat"]), xytext=(dx, dy), textcoords="offset points", ha=ha, va=va,
                    fontsize=7, zorder=4)
    for value in legend_values(largest):
        ax.scatter([], [], s=value / largest * max_marker, color=color, alpha=0.6, edgecolor="black",
                   label=f"{value:g}")
    ax.legend(title=value_label, loc="lower right", labelspacing=2.2, borderpad=1.2, fontsize=8,
              title_fontsize=8)
    ax.set_aspect(1 / math.cos(math.radians(35)))
    ax.set_xlim(34.8, 42.6)
    ax.set_ylim(32.1, 37.5)
    ax.set_xlabel("longitude")
    ax.set_ylabel("latitude")
    ax.set_title(title)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    return fig
