"""Charts drawn as PNG images for documents (matplotlib, no display needed)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal

import matplotlib

matplotlib.use("Agg")

from matplotlib import pyplot as plt  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from danvan.documents.layout import vn  # noqa: E402

# Fonts with every Vietnamese letter; the first one installed is used.
FONTS = ["Liberation Serif", "Times New Roman", "DejaVu Serif"]
BAR = "#1f4e79"


def _style():
    plt.rcParams.update(
        {
            "font.family": "serif",
            "font.serif": FONTS,
            "font.size": 10,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "svg.fonttype": "none",
        }
    )


def _png(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=150, bbox_inches="tight")
    plt.close(fig)
    return buffer.getvalue()


def _number_axis(axis):
    axis.set_major_formatter(FuncFormatter(lambda x, _pos: vn(Decimal(str(round(x, 2))))))


def horizontal_bars(labels: Sequence[str], values: Sequence, unit: str) -> bytes:
    """Bars sorted as given (top first), each labelled with its value."""
    _style()
    height = max(1.6, 0.32 * len(labels) + 0.6)
    fig, ax = plt.subplots(figsize=(6.4, height))
    numbers = [float(v) for v in values]
    positions = list(range(len(labels)))[::-1]
    ax.barh(positions, numbers, color=BAR, height=0.6)
    ax.set_yticks(positions, labels=[_short(label) for label in labels])
    _number_axis(ax.xaxis)
    ax.set_xlabel(unit)
    top = max(numbers) if numbers else 0
    for y, number in zip(positions, numbers, strict=False):
        ax.text(number + top * 0.01, y, vn(Decimal(str(number))), va="center", fontsize=9)
    ax.set_xlim(0, top * 1.15 if top else 1)
    return _png(fig)


def month_bars(labels: Sequence[str], values: Sequence, unit: str) -> bytes:
    _style()
    fig, ax = plt.subplots(figsize=(6.4, 2.8))
    numbers = [float(v) for v in values]
    ax.bar(range(len(labels)), numbers, color=BAR, width=0.65)
    ax.set_xticks(range(len(labels)), labels=[label.split("/")[0] for label in labels])
    ax.set_xlabel("Tháng")
    ax.set_ylabel(unit)
    _number_axis(ax.yaxis)
    return _png(fig)


def _short(label: str, limit: int = 48) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"
