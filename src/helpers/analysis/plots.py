"""The figures the notebooks show: one style, English labels, Arabic place names shaped for display.

Arabic text in matplotlib must be shaped (letters joined, ``arabic_reshaper``) and put in visual order
(``python-bidi``), and drawn with a font that has Arabic glyphs: matplotlib's bundled DejaVu Sans has them,
presentation forms included, so no system font is needed. Every function returns the figure it drew; saving is
separate (``save_figure``) and the caller decides when to close it.
"""

from __future__ import annotations

import io
import json
import logging
import math
import re
import struct
from collections.abc import Mapping, Sequence
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib import patheffects
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Polygon

from helpers.analysis.uncertainty import format_count
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
_COLORS = ["#0173b2", "#de8f05", "#029e73", "#d55e00", "#cc78bc", "#ca9161", "#fbafe4", "#949494", "#ece133",
           "#56b4e9"]
"""seaborn's ``colorblind`` palette (10 colours), written out so plotting needs no seaborn."""
ZONE_COLORS = dict(zip(ZONE_LABELS, [_COLORS[i] for i in (0, 3, 2, 7, 4)], strict=True))
GROUP_COLORS = dict(zip(GROUP_LABELS, [_COLORS[i] for i in (2, 3, 0, 4, 7, 1, 5)], strict=True))
SYNTHETIC_HATCH = "////"
REAL_LABEL = "real report"
SYNTHETIC_LABEL = "synthetic demo report (invented)"
RATIO_RANGE_LABEL = "rests on a qualified figure: range from its low and high (~)"
RATIO_OPEN_LABEL = "rests on a qualified figure: no upper bound (≥)"
HEATMAP_MARKS_NOTE = "≥ N: at least N (no upper bound)\n~ N: approximately N (a range)"
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
    if not is_arabic(text) or _matplotlib_lays_out_arabic():
        return text
    import arabic_reshaper  # only for a matplotlib without complex text layout (imports fontTools)
    from bidi import get_display

    return get_display(arabic_reshaper.reshape(text))


@lru_cache(maxsize=1)
def _matplotlib_lays_out_arabic() -> bool:
    """Whether this matplotlib shapes and orders Arabic itself (complex text layout, as 3.11 does).

    Measured, not assumed from a version: four joined ``ب`` are narrower than four isolated ones. Shaping the
    text again for a matplotlib that lays it out would show it reversed.
    """
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.font_manager import FontProperties

    renderer, prop = RendererAgg(100, 100, 72), FontProperties(size=20)
    joined = renderer.get_text_width_height_descent("\u0628" * 4, prop, ismath=False)[0]
    isolated = renderer.get_text_width_height_descent("\ufe8f" * 4, prop, ismath=False)[0]
    return joined < isolated - 1


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

STYLE = {
    # seaborn's set_theme(style="whitegrid", context="notebook", palette="colorblind", font=FONT), written
    # out: the same look without importing seaborn into every kernel
    "axes.axisbelow": True, "axes.edgecolor": ".8", "axes.grid": True, "axes.labelcolor": ".15",
    "axes.labelsize": 12.0, "axes.linewidth": 1.25, "axes.titlesize": 12.0,
    "font.family": [FONT], "font.sans-serif": ["Arial", FONT, "Liberation Sans", "Bitstream Vera Sans",
                                               "sans-serif"],
    "font.size": 12.0, "grid.color": ".8", "grid.linewidth": 1.0, "legend.fontsize": 11.0,
    "legend.title_fontsize": 12.0, "lines.solid_capstyle": "round", "patch.edgecolor": "w",
    "patch.force_edgecolor": True, "text.color": ".15", "xtick.bottom": False, "xtick.color": ".15",
    "xtick.labelsize": 11.0, "xtick.major.size": 6.0, "xtick.major.width": 1.25, "xtick.minor.size": 4.0,
    "xtick.minor.width": 1.0, "ytick.color": ".15", "ytick.labelsize": 11.0, "ytick.left": False,
    "ytick.major.size": 6.0, "ytick.major.width": 1.25, "ytick.minor.size": 4.0, "ytick.minor.width": 1.0,
    # the project's own
    "figure.dpi": 100, "savefig.dpi": 120, "savefig.bbox": "tight", "axes.titleweight": "bold",
    "legend.frameon": False, "svg.hashsalt": "helpers",
}
"""The rcParams ``set_style`` applies."""


def set_style() -> None:
    """The project's plotting style: seaborn's whitegrid look, DejaVu Sans (Latin and Arabic), fixed sizes."""
    mpl.rcParams.update(STYLE)
    mpl.rcParams["axes.prop_cycle"] = mpl.cycler(color=_COLORS)


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
    return _save_png(fig, name, directory, footnote)[0]


def show_figure(fig: Figure, name: str, directory: Path | str, footnote: str | None = None) -> Path:
    """Save ``fig`` as ``save_figure`` does, show that same PNG in the notebook, and close the figure.

    The figure is drawn once: the PNG written to ``directory`` is the image the notebook displays (at the
    size the inline backend would show it, ``figure.dpi``, with the figure's title as alt text), instead
    of the inline backend drawing the figure a second time after the cell. Outside IPython nothing is
    displayed. The figure is closed either way, so use the returned path, not the figure, afterwards.

    Args:
        fig: The figure.
        name: File stem, e.g. ``01_operations_by_zone``.
        directory: Target folder, e.g. ``reports/figures``.
        footnote: A note printed under the plot (see ``save_figure``).

    Returns:
        The written path.
    """
    path, png = _save_png(fig, name, directory, footnote)
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with the notebooks extra
        get_ipython = None  # noqa: N806
    if get_ipython is not None and get_ipython() is not None:
        from IPython.display import Image, display

        width = round(_png_width(png) * fig.dpi / _saved_dpi(fig))
        title = figure_title(fig)
        display(Image(data=png, format="png", width=width, alt=title or None))
    plt.close(fig)
    return path


def _save_png(fig: Figure, name: str, directory: Path | str, footnote: str | None) -> tuple[Path, bytes]:
    """Render ``fig`` once as PNG, write it to ``directory/name.png`` and return the path and the bytes."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{name}.png"
    if footnote:
        fig.text(0.01, 0.005, footnote, ha="left", va="bottom", fontsize=8, color="dimgray", style="italic")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    png = buffer.getvalue()
    path.write_bytes(png)
    logger.info("saved %s", path)
    return path, png


def _saved_dpi(fig: Figure) -> float:
    """The resolution ``savefig`` uses (``savefig.dpi``, or the figure's own for ``"figure"``)."""
    dpi = mpl.rcParams["savefig.dpi"]
    return float(fig.dpi if dpi == "figure" else dpi)


def _png_width(png: bytes) -> int:
    """Width in pixels from a PNG's header (the IHDR chunk follows the 8-byte signature)."""
    return struct.unpack(">I", png[16:20])[0]


def figure_title(fig: Figure) -> str:
    """The figure's title for alt text: its suptitle, else its axes' titles joined by ``; ``, or empty.

    ``show_figure`` sets it on the PNG it displays, ``helpers.run.kernel`` on inline-backend figures.
    """
    suptitle = getattr(fig, "_suptitle", None)
    if suptitle is not None and suptitle.get_text().strip():
        return " ".join(suptitle.get_text().split())
    titles = []
    for ax in fig.get_axes():
        for loc in ("center", "left", "right"):
            text = " ".join(ax.get_title(loc).split())
            if text and text not in titles:
                titles.append(text)
    return "; ".join(titles)


# ------------------------------------------------------------------------------------------- month axes

def _month_axis(ax, months: Sequence[int], max_ticks: int = 12) -> None:
    """Caliphate months on the x axis, labelled with the calendar month their period ends in."""
    months = list(months)
    step = max(1, math.ceil(len(months) / max_ticks))
    ticks = months[::step]
    ax.set_xticks(ticks)
    ax.set_xticklabels([f"{m}\n{calendar.series_period(m)[1]:%b %y}" for m in ticks], fontsize=8)
    ax.set_xlabel("caliphate month (period ends)")
    if len(months) == 1:
        ax.set_xlim(months[0] - 1, months[0] + 1)


def line_chart(wide: pd.DataFrame, title: str, ylabel: str, labels: Mapping[str, str] | None = None,
               colors: Mapping[str, str] | None = None, smooth: pd.DataFrame | None = None,
               figsize: tuple[float, float] = (10, 4), synthetic: Sequence[int] = (),
               low: pd.DataFrame | None = None, high: pd.DataFrame | None = None,
               ranges: str = "band") -> Figure:
    """One line per column of a month-indexed table; optional smoothed lines drawn dashed on top.

    Real months are filled markers, synthetic months hollow ones; where ``low`` / ``high`` differ from the
    value, a shaded band shows the range (approximate numbers) and a ``^`` marks an open upper bound (at
    least). For a ratio (``ranges="bars"``) the range is an error bar at each month instead, and a ``^``
    marks a ratio whose upper bound is open: either way the month rests on a qualified figure. A NaN (not
    stated, or no report) breaks the line: a gap, never a zero. The legend says which marker is which.

    Args:
        wide: Month × series table (NaN breaks the line).
        title: Axes title.
        ylabel: Y axis label.
        labels: Legend label per column.
        colors: Colour per column.
        smooth: Same shape as ``wide`` (e.g. a rolling mean), drawn dashed in the same colours.
        figsize: Figure size in inches.
        synthetic: The months whose numbers come from synthetic demo reports.
        low: Low estimates, same shape as ``wide`` (optional).
        high: High estimates, same shape as ``wide`` (optional; ``inf`` for at least).
        ranges: ``band`` (a shaded band: counts) or ``bars`` (error bars: ratios such as deaths per
            operation, whose months each rest on their own figures).
    """
    if ranges not in ("band", "bars"):
        raise ValueError(f"ranges must be 'band' or 'bars', got {ranges!r}")
    labels, colors = labels or {}, colors or {}
    fig, ax = plt.subplots(figsize=figsize)
    is_synthetic = wide.index.isin(list(synthetic))
    any_band = any_open = False
    palette = iter(_COLORS)
    for column in wide.columns:
        color = colors.get(column) or next(palette)
        y = wide[column]
        name = label(labels, column) + (" (not stated in any month)" if y.isna().all() else "")
        ax.plot(wide.index, y, linewidth=1.2, color=color, label=name)
        ax.plot(wide.index[~is_synthetic], y[~is_synthetic], "o", markersize=4, color=color)
        ax.plot(wide.index[is_synthetic], y[is_synthetic], "o", markersize=5, markerfacecolor="white",
                markeredgecolor=color, markeredgewidth=1.2)
        if low is not None and high is not None and column in low and column in high:
            lo, hi = low[column], high[column]
            if ranges == "bars":
                finite = np.isfinite(hi) & ((hi > y) | (lo < y)) & y.notna()
                below = (np.isinf(hi) & (lo < y) & y.notna()).to_numpy()
                drawn = finite.to_numpy() | below
                if finite.any():
                    any_band = True
                if drawn.any():
                    up = np.where(finite, hi - y, 0.0)[drawn]
                    ax.errorbar(wide.index[drawn], y[drawn], yerr=[(y - lo)[drawn], up], fmt="none",
                                ecolor=color, elinewidth=1.2, capsize=3)
            else:
                finite = np.isfinite(hi) & (hi > lo)
                if finite.any():
                    any_band = True
                    ax.fill_between(wide.index, lo.where(finite), hi.where(finite), color=color, alpha=0.18,
                                    linewidth=0)
            opened = np.isinf(hi) & y.notna()
            if opened.any():
                any_open = True
                ax.plot(wide.index[opened], y[opened], linestyle="", marker=6, markersize=9, color=color)
        if smooth is not None and column in smooth:
            ax.plot(smooth.index, smooth[column], linestyle="--", linewidth=2, color=color, alpha=0.6)
    _month_axis(ax, wide.index)
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    ax.set_ylim(bottom=0)
    top = ax.get_ylim()[1]
    if top > 0:
        ax.set_ylim(top=top * 1.05)  # room above the highest point, so a point at the top stays whole
    handles, names = ax.get_legend_handles_labels()
    extra = _kind_handles(bool((~is_synthetic).any()), bool(is_synthetic.any()))
    if any_band and ranges == "bars":
        extra.append((Line2D([], [], marker="|", markersize=10, markeredgewidth=1.2, linestyle="",
                             color="gray"), RATIO_RANGE_LABEL))
    elif any_band:
        extra.append((Patch(color="gray", alpha=0.3), "range of an approximate number (~)"))
    if any_open and ranges == "bars":
        extra.append((Line2D([], [], marker=6, linestyle="", color="gray"), RATIO_OPEN_LABEL))
    elif any_open:
        extra.append((Line2D([], [], marker=6, linestyle="", color="gray"), "at least (no upper bound, ≥)"))
    if smooth is not None and (smooth.notna().sum() >= 2).any():  # a mean of one month draws no line
        extra.append((Line2D([], [], linestyle="--", color="gray"), "trailing mean"))
    _legend(ax, handles + [h for h, _ in extra], names + [n for _, n in extra])
    fig.tight_layout()
    return fig


def _kind_handles(real: bool, synthetic: bool) -> list[tuple]:
    """Legend entries for real (filled) and synthetic (hollow) markers, when the chart has both kinds."""
    if not synthetic:
        return []
    out = []
    if real:
        out.append((Line2D([], [], marker="o", linestyle="", color="gray"), REAL_LABEL))
    out.append((Line2D([], [], marker="o", linestyle="", markerfacecolor="white", markeredgecolor="gray"),
                SYNTHETIC_LABEL))
    return out


def _legend(ax, handles: list, names: list[str]) -> None:
    """The legend right of the axes, so it never hides data."""
    if handles:
        ax.legend(handles, names, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8)


def stacked_bars(wide: pd.DataFrame, title: str, ylabel: str, labels: Mapping[str, str] | None = None,
                 colors: Mapping[str, str] | None = None, figsize: tuple[float, float] = (10, 4),
                 months_axis: bool = True, synthetic: Sequence = (),
                 marks: Mapping | None = None) -> Figure:
    """Stacked bars, one bar per row of ``wide`` and one segment per column (missing = no bar).

    Rows in ``synthetic`` (synthetic demo months) are hatched, with a legend entry; ``marks`` writes a mark
    above a bar (``≥`` or ``~`` for a total that holds qualified numbers).

    Args:
        wide: Row × segment table (month-indexed when ``months_axis``).
        title: Axes title.
        ylabel: Y axis label.
        labels: Legend label per column.
        colors: Colour per column.
        figsize: Figure size in inches.
        months_axis: Label the x axis as caliphate months; otherwise rows are categories.
        synthetic: Rows drawn hatched (synthetic demo data).
        marks: Row -> text written above its bar.
    """
    labels, colors = labels or {}, colors or {}
    fig, ax = plt.subplots(figsize=figsize)
    x = list(wide.index) if months_axis else list(range(len(wide)))
    hatched = wide.index.isin(list(synthetic))
    bottom = pd.Series(0.0, index=wide.index)
    for column in wide.columns:
        values = wide[column].fillna(0.0)
        bars = ax.bar(x, values, bottom=bottom, color=colors.get(column), label=label(labels, column),
                      width=0.8)
        for bar, synthetic_row in zip(bars, hatched, strict=True):
            if synthetic_row:
                bar.set_hatch(SYNTHETIC_HATCH)
                bar.set_edgecolor("white")
        bottom = bottom + values
    for row, text in (marks or {}).items():
        if row in wide.index and text:
            position = x[list(wide.index).index(row)]
            ax.text(position, bottom[row], text, ha="center", va="bottom", fontsize=8)
    if months_axis:
        _month_axis(ax, wide.index)
    else:
        ax.set_xticks(x)
        ax.set_xticklabels([_category_label(i) for i in wide.index], fontsize=9)
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    handles, names = ax.get_legend_handles_labels()
    if hatched.any():
        handles.append(Patch(facecolor="lightgray", hatch=SYNTHETIC_HATCH, edgecolor="white"))
        names.append(SYNTHETIC_LABEL)
    if marks and any(marks.values()):
        handles.append(Line2D([], [], linestyle=""))
        names.append("≥ / ~ above a bar: at least / approximate")
    _legend(ax, handles, names)
    fig.tight_layout()
    return fig


def _category_label(value: str) -> str:
    """A zone's label; ``"badia (synthetic)"`` (a zone split by kind) on two lines."""
    match = re.fullmatch(r"(\w+) \((real|synthetic)\)", str(value))
    if match:
        return f"{label(ZONE_SHORT, match.group(1))}\n({match.group(2)})"
    return label(ZONE_LABELS, value)


# ------------------------------------------------------------------------------------------- categories

def _no_data(ax) -> None:
    """An empty axes that says so, instead of a blank frame."""
    ax.text(0.5, 0.5, "no data for this selection", ha="center", va="center", transform=ax.transAxes,
            fontsize=10, color="#555555")
    ax.set_xticks([])
    ax.set_yticks([])


def ranked_bars(values: pd.Series, title: str, xlabel: str, names: Sequence[str] | None = None,
                color: str | None = None, figsize: tuple[float, float] = (8, 4),
                synthetic: pd.Series | None = None) -> Figure:
    """Horizontal bars, largest at the top; the part from synthetic demo months hatched, with a legend.

    Args:
        values: Values in display order (largest first).
        title: Axes title.
        xlabel: X axis label.
        names: Bar labels (already shaped, e.g. from ``bilingual``); the index as text by default.
        color: Bar colour.
        figsize: Figure size in inches.
        synthetic: The part of each value that comes from synthetic demo months (same index).
    """
    names = list(names) if names is not None else [shape_arabic(str(i)) for i in values.index]
    fig, ax = plt.subplots(figsize=figsize)
    ax.set_title(title)
    if values.empty:
        _no_data(ax)
        return fig
    positions = list(range(len(values)))
    bottom_up = values.to_numpy()[::-1]
    fake = (synthetic.reindex(values.index).fillna(0).to_numpy()[::-1] if synthetic is not None
            else np.zeros(len(values)))
    color = color or _COLORS[0]
    real = bottom_up - fake
    ax.barh(positions, real, color=color, label=REAL_LABEL if (real > 0).any() else None)
    if fake.any():
        ax.barh(positions, fake, left=bottom_up - fake, color=color, alpha=0.45, hatch=SYNTHETIC_HATCH,
                edgecolor="white", label=SYNTHETIC_LABEL)
        ax.legend(loc="lower right", fontsize=8)
    ax.set_yticks(positions)
    ax.set_yticklabels(names[::-1], fontsize=9)
    for y, v in zip(positions, bottom_up, strict=True):
        ax.text(v, y, f" {v:g}", va="center", fontsize=8)
    ax.set_xlabel(xlabel)
    ax.margins(x=0.12)
    fig.tight_layout()
    return fig


def heatmap(matrix: pd.DataFrame, title: str, cbar_label: str, figsize: tuple[float, float] | None = None,
            synthetic: Sequence[int] = (), low: pd.DataFrame | None = None,
            high: pd.DataFrame | None = None) -> Figure:
    """A row × month heatmap with the counts written in the cells; NaN cells stay blank.

    Columns of synthetic demo months are hatched and their labels marked ``*``, with a legend. With ``low``
    and ``high`` a cell's number carries the tables' marks (``uncertainty.format_count``): ``≥ 22`` for a
    count with no upper bound, ``~ 32`` for a range, and the legend says what they mean. The legend is the
    figure's (``fig.legends``), right of the colour bar. Cells are coloured by the best estimate.

    Args:
        matrix: Counts, rows (e.g. governorates) × caliphate months; NaN where nothing was stated.
        title: Axes title.
        cbar_label: Colour bar label.
        figsize: Figure size in inches (default: from the number of rows and months).
        synthetic: Months (columns) from synthetic demo reports.
        low: Low estimates, same shape as ``matrix`` (optional).
        high: High estimates, same shape as ``matrix`` (optional; ``inf`` for at least).
    """
    figsize = figsize or (max(8.0, 0.55 * matrix.shape[1] + 3), max(3.0, 0.4 * matrix.shape[0] + 1.5))
    fig, ax = plt.subplots(figsize=figsize)
    synthetic = [m for m in matrix.columns if m in set(synthetic)]
    columns = [f"{m}{'*' if m in synthetic else ''}\n{calendar.series_period(int(m))[1]:%b %y}"
               for m in matrix.columns]
    ax.set_title(title)
    if matrix.empty or matrix.isna().all().all():
        _no_data(ax)
        return fig
    values = np.ma.masked_invalid(matrix.to_numpy(dtype="float64"))
    colormap = mpl.colormaps["Reds"]
    mesh = ax.pcolormesh(values, cmap=colormap, vmin=float(values.min()), vmax=float(values.max()),
                         linewidths=0.5, edgecolor="white")
    ax.set(xlim=(0, matrix.shape[1]), ylim=(0, matrix.shape[0]))
    ax.invert_yaxis()
    for spine in ax.spines.values():
        spine.set_visible(False)
    bar = fig.colorbar(mesh, ax=ax, label=cbar_label)
    bar.outline.set_linewidth(0)
    ax.set_xticks(np.arange(matrix.shape[1]) + 0.5)
    ax.set_xticklabels(columns)
    ax.set_yticks(np.arange(matrix.shape[0]) + 0.5)
    ax.set_yticklabels([str(i) for i in matrix.index], va="center")
    marked = False
    if len(matrix.columns) <= 24:
        texts = cell_texts(matrix, low, high)
        for (row, col), text in np.ndenumerate(texts.to_numpy()):
            if values.mask is not np.ma.nomask and values.mask[row, col]:
                continue
            dark = _relative_luminance(mesh.cmap(mesh.norm(values[row, col]))) <= 0.408
            ax.text(col + 0.5, row + 0.5, text, ha="center", va="center", fontsize=7,
                    color="w" if dark else ".15")
            marked |= text.startswith(("≥", "~"))
    ax.grid(False)
    for i, month in enumerate(matrix.columns):
        if month in synthetic:
            ax.add_patch(mpl.patches.Rectangle((i, 0), 1, matrix.shape[0], fill=False, hatch="//",
                                               edgecolor="#888888", linewidth=0))
    handles, names = [], []
    if synthetic:
        handles.append(Patch(facecolor="white", hatch="//", edgecolor="#888888"))
        names.append(f"* {SYNTHETIC_LABEL}")
    if marked:
        handles.append(Line2D([], [], linestyle=""))
        names.append(HEATMAP_MARKS_NOTE)
    ax.set_xlabel("caliphate month (period ends); blank: no area lines that month")
    ax.set_ylabel("")
    ax.tick_params(axis="x", labelsize=8, rotation=0)
    fig.tight_layout()
    if handles:  # right of the colour bar, clear of the cells and the labels (the saved PNG takes it in)
        fig.legend(handles, names, loc="upper left", bbox_to_anchor=(1.0, 0.9), fontsize=8,
                   handlelength=1.5 if synthetic else 0, handletextpad=0.5 if synthetic else 0)
    return fig


def cell_texts(matrix: pd.DataFrame, low: pd.DataFrame | None = None,
               high: pd.DataFrame | None = None) -> pd.DataFrame:
    """The text of each heatmap cell: the count with its mark (``22``, ``≥ 22``, ``~ 32``), ``""`` if NaN.

    Args:
        matrix: Best estimates.
        low: Low estimates, same shape (default: the best estimates).
        high: High estimates, same shape (default: the best estimates; ``inf`` for at least).
    """
    low = matrix if low is None else low.reindex_like(matrix)
    high = matrix if high is None else high.reindex_like(matrix)
    texts = [["" if pd.isna(b) else format_count(b, lo, hi) for b, lo, hi in zip(rb, rl, rh, strict=True)]
             for rb, rl, rh in zip(matrix.to_numpy(), low.to_numpy(), high.to_numpy(), strict=True)]
    return pd.DataFrame(texts, index=matrix.index, columns=matrix.columns)


def _relative_luminance(color) -> float:
    """Relative luminance of an RGB(A) colour (WCAG), which decides dark or light text on a cell."""
    rgb = np.asarray(mpl.colors.to_rgba(color)[:3])
    rgb = np.where(rgb <= 0.03928, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    return float(rgb.dot([0.2126, 0.7152, 0.0722]))


# ------------------------------------------------------------------------------------------------- map

@cache
def _reference(name: str) -> pd.DataFrame:
    with resources.files("helpers.data").joinpath(name).open(encoding="utf-8") as handle:
        return pd.read_csv(handle, comment="#")


@cache
def _boundaries() -> dict:
    with resources.files("helpers.data").joinpath("syria_admin1.geojson").open(encoding="utf-8") as handle:
        return json.load(handle)


def governorate_shapes() -> pd.DataFrame:
    """Syria's governorates from Natural Earth admin-1 (simplified; see ``data/README_syria_admin1.md``).

    Returns:
        One row per feature: ``admin1``, ``admin1_pcode`` (null for the UNDOF zone), ``polygons`` (a list of
        rings, each an (n, 2) lon/lat array; outer rings first).
    """
    rows = []
    for feature in _boundaries()["features"]:
        props = feature["properties"]
        rings = [np.asarray(ring) for polygon in feature["geometry"]["coordinates"] for ring in polygon[:1]]
        rows.append({"admin1": props["admin1"], "admin1_pcode": props["admin1_pcode"], "polygons": rings})
    return pd.DataFrame(rows)


LABEL_OFFSETS = {"Damascus": (-48, 4), "Quneitra": (-42, -6), "Tartus": (-40, 0), "Latakia": (-38, 6),
                 "Daraa": (-30, -16), "Suwayda": (18, -18), "Idlib": (-34, 10)}
"""Label offsets (points) for governorates too small or too near the coast for a label inside them."""


def label_points() -> dict[str, tuple[float, float]]:
    """Per governorate, the centroid (lon, lat) of its largest polygon: where its label goes."""
    points = {}
    for shape in governorate_shapes().itertuples(index=False):
        ring = max(shape.polygons, key=lambda r: abs(_area(r)))
        x, y = ring[:, 0], ring[:, 1]
        cross = x * np.roll(y, -1) - np.roll(x, -1) * y
        area = cross.sum() / 2
        points[shape.admin1] = (float(((x + np.roll(x, -1)) * cross).sum() / (6 * area)),
                                float(((y + np.roll(y, -1)) * cross).sum() / (6 * area)))
    return points


def _area(ring: np.ndarray) -> float:
    x, y = ring[:, 0], ring[:, 1]
    return float((x * np.roll(y, -1) - np.roll(x, -1) * y).sum() / 2)


def governorates() -> pd.DataFrame:
    """The 14 governorates: ``admin1_pcode``, ``admin1``, ``name_ar``, label point ``lon``, ``lat``."""
    return _reference("syria_admin1.csv").copy()


def syria_map(values: pd.DataFrame, title: str, value_label: str, cmap: str = "Reds",
              figsize: tuple[float, float] = (7.5, 5.6)) -> Figure:
    """The governorates of Syria coloured by a value (choropleth), each labelled in English and Arabic.

    A governorate whose value is missing (nothing stated) is grey and hatched ``not stated``, never 0; one
    whose value includes synthetic demo months is hatched ``////``. Boundaries: Natural Earth admin-1.

    Args:
        values: ``admin1``, ``name_ar``, ``value`` (see ``analysis.map_values``), optionally ``synthetic``
            (the part of the value from synthetic months). Labels go at ``label_points``.
        title: Axes title.
        value_label: What the values count, for the colour bar.
        cmap: Matplotlib colour map.
        figsize: Figure size in inches.
    """
    shapes = governorate_shapes()
    by_name = values.set_index("admin1")
    fig, ax = plt.subplots(figsize=figsize)
    stated = by_name["value"].dropna()
    largest = max(float(stated.max()) if len(stated) else 0.0, 1.0)
    norm = mpl.colors.Normalize(vmin=0, vmax=largest)
    colormap = plt.get_cmap(cmap)
    any_missing = any_synthetic = False
    for shape in shapes.itertuples(index=False):
        governorate = not pd.isna(shape.admin1_pcode)  # the UNDOF zone is no governorate
        value = by_name["value"].get(shape.admin1, np.nan) if governorate else np.nan
        fake = by_name["synthetic"].get(shape.admin1, 0) if "synthetic" in by_name else 0
        if not governorate:
            face, hatch = "#e6e6e6", None
        elif pd.isna(value):
            face, hatch, any_missing = "#f0f0f0", "..", True
        else:
            face, hatch = colormap(norm(value)), None
            if fake and fake > 0:
                hatch, any_synthetic = SYNTHETIC_HATCH, True
        for ring in shape.polygons:
            ax.add_patch(Polygon(ring, closed=True, facecolor=face, edgecolor="#555555", linewidth=0.6,
                                 hatch=hatch))
    points = label_points()
    for _, row in values.iterrows():
        text = bilingual(row["admin1"], row.get("name_ar"))
        if not pd.isna(row["value"]):
            text += f"\n{row['value']:g}"
        dx, dy = LABEL_OFFSETS.get(row["admin1"], (0, 0))
        line = {"arrowstyle": "-", "color": "#555555", "linewidth": 0.5} if dx or dy else None
        ax.annotate(text, points[row["admin1"]], xytext=(dx, dy), textcoords="offset points",
                    ha="center" if dx == 0 else ("left" if dx > 0 else "right"), va="center", fontsize=7,
                    arrowprops=line, path_effects=[patheffects.withStroke(linewidth=2.5, foreground="white")])
    bar = fig.colorbar(mpl.cm.ScalarMappable(norm=norm, cmap=colormap), ax=ax, shrink=0.6, pad=0.02)
    bar.set_label(value_label)
    handles, names = [], []
    if any_missing:
        handles.append(Patch(facecolor="#f0f0f0", hatch="..", edgecolor="#555555"))
        names.append("not stated (no area line)")
    if any_synthetic:
        handles.append(Patch(facecolor="white", hatch=SYNTHETIC_HATCH, edgecolor="#555555"))
        names.append("includes " + SYNTHETIC_LABEL)
    if handles:
        ax.legend(handles, names, loc="lower right", fontsize=8)
    ax.set_aspect(1 / math.cos(math.radians(35)))
    ax.set_xlim(35.5, 42.5)
    ax.set_ylim(32.2, 37.5)
    ax.set_axis_off()
    ax.set_title(title)
    fig.text(0.99, 0.005, "Boundaries: Natural Earth admin-1 (public domain), simplified", fontsize=6,
             color="gray", ha="right", va="bottom")
    fig.tight_layout()
    return fig


# ------------------------------------------------------------------------------------ the whole life

LIFE_COLORS = {"executions": "#7f3b08", "operations": _COLORS[0], "deaths caused by ISIS": _COLORS[3]}


def whole_life_chart(life: pd.DataFrame, title: str = "The whole life of the series",
                     figsize: tuple[float, float] = (10, 4), synthetic: Sequence[int] = ()) -> Figure:
    """Executions per month (2014-2019 reports) and operations and deaths (2019-) as separate lines.

    What the reports count changes between the two eras, so the lines are never joined: each is drawn only
    over the months whose report counts it, and a dotted vertical line marks each month where the counting
    changes, labelled with what is counted on either side.
    """
    fig, ax = plt.subplots(figsize=figsize)
    columns = [c for c in LIFE_COLORS if c in life]
    is_synthetic = life.index.isin(list(synthetic))
    for column in columns:
        y = life[column]
        name = column + (" (no report counts it)" if y.isna().all() else "")
        ax.plot(life.index, y, linewidth=1.2, color=LIFE_COLORS[column], label=name)
        ax.plot(life.index[~is_synthetic], y[~is_synthetic], "o", markersize=3, color=LIFE_COLORS[column])
        ax.plot(life.index[is_synthetic], y[is_synthetic], "o", markersize=4, markerfacecolor="white",
                markeredgecolor=LIFE_COLORS[column])
    eras = life["era"][life["era"] != "none"]
    changes = [m for prev, (m, era) in zip(eras.to_numpy()[:-1], list(eras.items())[1:], strict=True)
               if era != prev]
    for month in changes:  # the line follows the last month counted the old way
        last = eras[eras.index < month]
        x = last.index[-1] + 0.5
        ax.axvline(x, color="0.3", linestyle=":", linewidth=1)
        ax.annotate(f"counted: {last.iloc[-1]} | {eras[month]}", (x, 1),
                    xycoords=("data", "axes fraction"), ha="center", va="bottom", fontsize=8)
    if len(life.index):
        _month_axis(ax, list(life.index))
    ax.set_title(title, pad=18 if changes else 6)
    ax.set_ylabel("per month")
    ax.legend(fontsize=8, loc="upper left")
    return fig
