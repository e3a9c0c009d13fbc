"""IPython extension for the kernels ``helpers run`` starts: each figure carries its title as alt text.

The inline backend displays a matplotlib figure as a PNG without any text; the HTML export then has images a
screen reader cannot describe. This extension wraps the PNG formatter of figures so each image's display
metadata holds ``{"alt": <the figure's title>}``, which the HTML export writes into the ``alt`` attribute.
Loaded with ``--IPKernelApp.extensions=helpers.run.kernel``; nothing in the notebooks changes.
"""

from __future__ import annotations

from collections.abc import Callable


def with_alt_text(print_png: Callable) -> Callable:
    """A PNG formatter for figures that returns ``(png, {"alt": title})`` (just the PNG when untitled)."""

    def formatter(fig):
        from helpers.analysis.plots import figure_title  # noqa: PLC0415 - loaded by the notebooks' figures already

        data = print_png(fig)
        title = figure_title(fig)
        return (data, {"alt": title}) if data and title else data

    formatter.helpers_alt_text = True
    return formatter


def _wrap_png_formatter(shell) -> None:
    """Wrap the current figure PNG formatter once (the inline backend registers it on first use)."""
    try:
        from matplotlib.figure import Figure
    except ImportError:  # pragma: no cover - matplotlib is a dependency
        return
    png = shell.display_formatter.formatters["image/png"]
    current = png.type_printers.get(Figure)
    if current is not None and not getattr(current, "helpers_alt_text", False):
        png.for_type(Figure, with_alt_text(current))


def load_ipython_extension(shell) -> None:
    """Before figures are flushed after each cell, make sure their PNG formatter adds alt text."""
    shell.events.register("post_execute", lambda: _wrap_png_formatter(shell))
