#!/usr/bin/python3
"""Plots of a sweep's results table (results/<sweep>/results.csv), called by `cimsim plot` and by
the plot: block of `cimsim sweep`. Needs only the standard library and matplotlib (Debian
python3-matplotlib; run it with /usr/bin/python3).

Kinds:
  line    --y METRIC vs the swept key --x, one line per --group value, mean +- std over seeds;
          --reference LABEL=VALUE adds a dashed horizontal line (a label starting with a group
          value, e.g. "bp software", takes that group's colour)
  bars    stacked bars of the columns <--y>_* (e.g. energy_phase, area_component) per --x value
  pareto  --y (e.g. final_test_accuracy) vs the cost column --x, the Pareto front highlighted
          (lower x and higher y are better)
  curves  the metrics.csv column --y vs epoch of every point's run (runs/<point_id>/ beside the
          table), mean over seeds, one colour per --group value

Axis labels carry units derived from the column names: *_j -> J, *_s -> s, *_mm2 -> mm^2,
*_w -> W, accuracies -> %. Energies and times are shown with an SI prefix chosen for the data.
An x key swept together with others (a zip axis) is named for all of them, e.g.
"nonlinearity (LTP and LTD)". Figures are one paper column wide with 9 pt text, legends outside
the axes; a PNG is written at 400 dpi (at least 1400 px wide) with an SVG beside it.
"""

import argparse
import csv
import math
import os
import statistics
from collections import OrderedDict, defaultdict

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (backend must be chosen first)
import matplotlib.ticker  # noqa: E402

# Paper single-column size (3.5 in), every text at least 9 pt when printed at that size; PNGs at
# 400 dpi, so at least 1400 px wide.
FIGSIZE_IN = (3.5, 2.6)
MIN_FONT_PT = 9
plt.rcParams.update({"font.size": MIN_FONT_PT, "axes.titlesize": MIN_FONT_PT,
                     "axes.labelsize": MIN_FONT_PT, "xtick.labelsize": MIN_FONT_PT,
                     "ytick.labelsize": MIN_FONT_PT, "legend.fontsize": MIN_FONT_PT,
                     "legend.title_fontsize": MIN_FONT_PT, "axes.grid": True, "grid.alpha": 0.3,
                     "axes.axisbelow": True, "savefig.dpi": 400})

SI_PREFIXES = [(1e-15, "f"), (1e-12, "p"), (1e-9, "n"), (1e-6, "µ"), (1e-3, "m"), (1.0, "")]
UNIT_SUFFIXES = [("_mm2", "mm²"), ("_j", "J"), ("_s", "s"), ("_w", "W")]
# Columns that describe a point rather than measure it: never averaged, never a group of seeds.
RESULT_COLUMNS_START = "status"


def read_table(path):
    """Rows of a results table; a trailing line without newline (an interrupted append) is
    ignored, as cimsim itself does."""
    with open(path, newline="") as handle:
        text = handle.read()
    if text and not text.endswith("\n"):
        text = text[: text.rfind("\n") + 1]
    rows = list(csv.DictReader(text.splitlines(keepends=True)))
    if not rows:
        raise SystemExit(f"{path}: no rows to plot")
    return rows


def number(text):
    try:
        value = float(text)
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


class Axis:
    """How one column is shown: label with unit, and the factor applied to its values."""

    def __init__(self, column, values, title=None):
        name = column.split(".")[-1]
        self.scale = 1.0
        unit = ""
        if "accuracy" in name:
            self.scale, unit = 100.0, "%"
        else:
            for suffix, base_unit in UNIT_SUFFIXES:
                if name.endswith(suffix):
                    name = name[: -len(suffix)]
                    unit = base_unit
                    if base_unit in ("J", "s", "W"):
                        self.scale, prefix = si_prefix(values)
                        unit = prefix + base_unit
                    break
        self.name = name
        pretty = title or name.replace("_", " ")
        self.label = f"{pretty} ({unit})" if unit else pretty


def si_prefix(values):
    finite = [abs(v) for v in values if v is not None and v != 0]
    if not finite:
        return 1.0, ""
    top = max(finite)
    chosen = SI_PREFIXES[0]
    for factor, prefix in SI_PREFIXES:
        if top >= factor:
            chosen = (factor, prefix)
    return 1.0 / chosen[0], chosen[1]


def sort_key(text):
    value = number(text)
    return (0, value, "") if value is not None else (1, 0.0, text)


def config_columns(rows, exclude):
    """The columns that identify a configuration: the swept keys and trainer, without seed."""
    header = list(rows[0].keys())
    end = header.index(RESULT_COLUMNS_START) if RESULT_COLUMNS_START in header else len(header)
    return [c for c in header[:end] if c not in ("point_index", "point_id", "seed") and c not in exclude]


def determined_by(rows, keys, column):
    """True when rows agreeing on `keys` always agree on `column` (a zip partner of the x key,
    or a copy of the group such as train.trainer.type for trainer)."""
    seen = {}
    for r in rows:
        k = tuple(r[c] for c in keys if c)
        if seen.setdefault(k, r[column]) != r[column]:
            return False
    return True


def groups_of(rows, group):
    out = OrderedDict()
    for row in sorted(rows, key=lambda r: sort_key(r[group]) if group else 0):
        out.setdefault(row[group] if group else "", []).append(row)
    return out


def mean_std(values):
    values = [v for v in values if v is not None]
    if not values:
        return None, None
    return statistics.fmean(values), (statistics.stdev(values) if len(values) > 1 else 0.0)


def legend_outside(ax, handles=None, labels=None, title=None):
    """The legend to the right of the axes, never over the data."""
    if handles is None:
        handles, labels = ax.get_legend_handles_labels()
    if handles:
        ax.legend(handles, labels, title=title, bbox_to_anchor=(1.02, 1), loc="upper left",
                  borderaxespad=0)


def save(fig, args):
    """The figure as asked, with its legend; a PNG also as an SVG beside it (vector copy)."""
    fig.savefig(args.out, format=args.format, bbox_inches="tight")
    if args.format == "png":
        fig.savefig(os.path.splitext(args.out)[0] + ".svg", format="svg", bbox_inches="tight")
    plt.close(fig)


def finish(fig, ax, args, title, legend_title=None):
    if title:
        ax.set_title(title)
    group = args.group.split(".")[-1] if args.group else None
    if legend_title:
        group = f"{group}\n{legend_title}" if group else legend_title
    legend_outside(ax, title=group)
    save(fig, args)


def split_words(column):
    return column.split(".")[-1].split("_")


def lockstep_label(rows, column, others):
    """A label naming `column` and the columns swept in lockstep with it (a zip axis), e.g.
    nonlinearity_ltp with nonlinearity_ltd -> "nonlinearity (LTP and LTD)"; None when none."""
    partners = [c for c in others if c != column
                and len({r[c] for r in rows}) > 1
                and determined_by(rows, [column], c) and determined_by(rows, [c], column)]
    if not partners:
        return None
    names = [split_words(c) for c in [column] + partners]
    common = []
    for words in zip(*names):
        if len(set(words)) != 1:
            break
        common.append(words[0])
    tails = [" ".join(w[len(common):]) for w in names]
    tails = [t.upper() if t.isalpha() and len(t) <= 4 else t for t in tails]
    if not common:
        return " and ".join(" ".join(w) for w in names)
    return " ".join(common) + " (" + " and ".join(tails) + ")"


def plot_line(rows, args):
    """Mean +- std over the rows sharing (group, x) and all other swept keys but seed."""
    xs_all = [number(r[args.x]) for r in rows]
    numeric_x = all(v is not None for v in xs_all)
    x_axis = Axis(args.x, xs_all if numeric_x else [],
                  title=lockstep_label(rows, args.x, config_columns(rows, {args.group})))
    y_axis = Axis(args.y, [number(r[args.y]) for r in rows])
    fig, ax = plt.subplots(figsize=FIGSIZE_IN)
    seeds = len({r.get("seed", "") for r in rows})
    others = [c for c in config_columns(rows, {args.x, args.group})
              if not determined_by(rows, [args.x], c)
              and not (args.group and determined_by(rows, [args.group], c))]
    categories = sorted({r[args.x] for r in rows}, key=sort_key)
    group_colors = {}
    for name, members in groups_of(rows, args.group).items():
        series = defaultdict(list)
        for r in members:
            series[(tuple(r[c] for c in others), r[args.x])].append(number(r[args.y]))
        by_rest = defaultdict(list)
        for (rest, x), ys in series.items():
            by_rest[rest].append((x, ys))
        for rest, points in by_rest.items():
            points.sort(key=lambda p: sort_key(p[0]))
            xs = [number(x) * x_axis.scale if numeric_x else categories.index(x) for x, _ in points]
            stats = [mean_std(ys) for _, ys in points]
            keep = [i for i, (m, _) in enumerate(stats) if m is not None]
            rest_text = [f"{c.split('.')[-1]}={v}" for c, v in zip(others, rest)] if len(by_rest) > 1 else []
            label = ", ".join([name] * bool(name) + rest_text)
            drawn = ax.errorbar([xs[i] for i in keep], [stats[i][0] * y_axis.scale for i in keep],
                                yerr=[stats[i][1] * y_axis.scale for i in keep], marker="o",
                                markersize=3, linewidth=1, capsize=2, label=label or None)
            group_colors.setdefault(name, drawn.lines[0].get_color())
    styles = {}  # one dash pattern per kind of reference ("software", "nominal chip", ...)
    for label, value in getattr(args, "reference", None) or []:
        owner, _, rest = label.partition(" ")
        kind = rest if owner in group_colors else label
        style = styles.setdefault(kind, ["--", ":", "-."][len(styles) % 3])
        ax.axhline(value * y_axis.scale, color=group_colors.get(owner, "0.4"), linestyle=style,
                   linewidth=0.8, label=label)
    if numeric_x:
        positive = [v for v in xs_all if v > 0]
        if getattr(args, "logx", False) or (len(positive) == len(xs_all) and max(positive) / min(positive) >= 100):
            ax.set_xscale("log")
    else:
        ax.set_xticks(range(len(categories)))
        ax.set_xticklabels(categories, rotation=30 if len(categories) > 4 else 0)
    ax.set_xlabel(getattr(args, "xlabel", None) or x_axis.label)
    ax.set_ylabel(getattr(args, "ylabel", None) or y_axis.label)
    spread = (f"mean ± sd over {seeds} seeds" if seeds > 1 else "1 seed: no spread shown")
    finish(fig, ax, args, args.title, legend_title=spread)


def plot_bars(rows, args):
    """One stacked bar per (group, x) configuration, averaged over seeds and other keys."""
    columns = [c for c in rows[0].keys() if c.startswith(args.y + "_")]
    values = [number(r[c]) for r in rows for c in columns]
    axis = Axis(columns[0], values, title=args.y.replace("_", " by "))
    # Name each part of the stack by what lies between the family prefix and the unit suffix.
    parts = [Axis(c[len(args.y) + 1:], []).name.replace("_", " ") for c in columns]
    bars = OrderedDict()
    for r in sorted(rows, key=lambda r: (sort_key(r[args.group]) if args.group else 0, sort_key(r[args.x]))):
        key = (r[args.group] + "\n" if args.group else "") + r[args.x]
        bars.setdefault(key, []).append(r)
    fig, ax = plt.subplots(figsize=(max(FIGSIZE_IN[0], 0.45 * len(bars) + 1.8), FIGSIZE_IN[1]))
    bottoms = [0.0] * len(bars)
    colors = plt.get_cmap("tab20").colors
    for k, (column, part) in enumerate(zip(columns, parts)):
        heights = []
        for members in bars.values():
            mean, _ = mean_std([number(r[column]) for r in members])
            heights.append((mean or 0.0) * axis.scale)
        if not any(heights):
            continue
        ax.bar(range(len(bars)), heights, bottom=bottoms, label=part, color=colors[k % len(colors)],
               width=0.7)
        bottoms = [b + h for b, h in zip(bottoms, heights)]
    ax.set_xticks(range(len(bars)))
    ax.set_xticklabels(list(bars.keys()), rotation=30 if len(bars) > 4 else 0)
    x_name = lockstep_label(rows, args.x, config_columns(rows, {args.group})) or Axis(args.x, []).label
    # Tick labels read "group\nx": the label names them in that order.
    ax.set_xlabel((f"{args.group.split('.')[-1]} / " if args.group else "") + x_name)
    ax.set_ylabel(axis.label)
    if args.title:
        ax.set_title(args.title)
    # Legend entries top to bottom as the parts are stacked (the last drawn lies on top).
    handles, labels = ax.get_legend_handles_labels()
    legend_outside(ax, handles[::-1], labels[::-1], title="mean over seeds")
    save(fig, args)


def pareto_front(points):
    """Points no other point beats on both lower x and higher y, sorted by x."""
    front = []
    best_y = -math.inf
    for x, y in sorted(points, key=lambda p: (p[0], -p[1])):
        if y > best_y:
            front.append((x, y))
            best_y = y
    return front


def plot_pareto(rows, args):
    """Every configuration (mean over seeds) as a dot, coloured by group; the front joined."""
    x_axis = Axis(args.x, [number(r[args.x]) for r in rows])
    y_axis = Axis(args.y, [number(r[args.y]) for r in rows])
    fig, ax = plt.subplots(figsize=FIGSIZE_IN)
    others = config_columns(rows, {args.group})
    every = []
    for name, members in groups_of(rows, args.group).items():
        configs = defaultdict(list)
        for r in members:
            configs[tuple(r[c] for c in others)].append(r)
        pts = []
        for members_of_config in configs.values():
            x, _ = mean_std([number(r[args.x]) for r in members_of_config])
            y, _ = mean_std([number(r[args.y]) for r in members_of_config])
            if x is not None and y is not None:
                pts.append((x * x_axis.scale, y * y_axis.scale))
        every += pts
        ax.scatter([p[0] for p in pts], [p[1] for p in pts], s=14, alpha=0.8, label=name or None)
    front = pareto_front(every)
    ax.plot([p[0] for p in front], [p[1] for p in front], color="black", linewidth=1, zorder=3,
            marker="o", markersize=5, markerfacecolor="none", label="Pareto front")
    xs = [p[0] for p in every if p[0] > 0]
    if xs and len(xs) == len(every) and max(xs) / min(xs) >= 100:
        ax.set_xscale("log")
    ax.set_xlabel(getattr(args, "xlabel", None) or x_axis.label)
    ax.set_ylabel(getattr(args, "ylabel", None) or y_axis.label)
    finish(fig, ax, args, args.title)


def plot_curves(rows, args):
    """metrics.csv of each point's run, averaged over seeds per configuration."""
    runs_dir = args.runs or os.path.join(os.path.dirname(os.path.abspath(args.table)), "runs")
    others = config_columns(rows, {args.group})
    curves = defaultdict(lambda: defaultdict(list))  # (group, config) -> epoch -> values
    for r in rows:
        path = os.path.join(runs_dir, r["point_id"], "metrics.csv")
        if not os.path.exists(path):
            continue
        with open(path, newline="") as handle:
            for m in csv.DictReader(handle):
                value = number(m.get(args.y))
                if value is not None:
                    key = (r[args.group] if args.group else "", tuple(r[c] for c in others))
                    curves[key][int(m["epoch"])].append(value)
    if not curves:
        raise SystemExit(f"no metrics.csv with column {args.y} under {runs_dir}")
    axis = Axis(args.y, [v for c in curves.values() for vs in c.values() for v in vs])
    fig, ax = plt.subplots(figsize=FIGSIZE_IN)
    colors = {}
    styles = defaultdict(int)  # configurations drawn so far per group: picks the line style
    cycle = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    for (name, config), by_epoch in sorted(curves.items(), key=lambda kv: sort_key(kv[0][0])):
        color = colors.setdefault(name, cycle[len(colors) % len(cycle)])
        style = ["-", "--", ":", "-."][styles[name] % 4]
        styles[name] += 1
        epochs = sorted(by_epoch)
        ax.plot(epochs, [statistics.fmean(by_epoch[e]) * axis.scale for e in epochs], color=color,
                linestyle=style, linewidth=0.9, alpha=0.85,
                label=name if name and name not in ax.get_legend_handles_labels()[1] else None)
    ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    ax.set_xlabel("epoch")
    ax.set_ylabel(axis.label)
    finish(fig, ax, args, args.title)


def reference(text):
    label, _, value = text.rpartition("=")
    if not label or number(value) is None:
        raise argparse.ArgumentTypeError(f"expected LABEL=VALUE, got {text!r}")
    return label, number(value)


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("table", help="results table (CSV) written by cimsim sweep or merge")
    parser.add_argument("--kind", required=True, choices=["line", "bars", "pareto", "curves"])
    parser.add_argument("--x", default="", help="x column (not for curves)")
    parser.add_argument("--y", required=True, help="metric column (bars: column family prefix)")
    parser.add_argument("--group", default="", help="column with one line/colour per value")
    parser.add_argument("--format", default="png", choices=["png", "svg", "pdf"])
    parser.add_argument("--out", required=True, help="output file")
    parser.add_argument("--title", default="", help="plot title")
    parser.add_argument("--runs", default="", help="run folders for curves (default: runs/ beside the table)")
    parser.add_argument("--xlabel", default="", help="x axis label instead of the column name")
    parser.add_argument("--ylabel", default="", help="y axis label instead of the column name")
    parser.add_argument("--logx", action="store_true", help="line plots: logarithmic x axis")
    parser.add_argument("--reference", action="append", default=[], type=reference,
                        metavar="LABEL=VALUE", help="line plots: a dashed horizontal line (repeatable)")
    args = parser.parse_args()
    rows = [r for r in read_table(args.table) if r.get("status", "completed") == "completed"]
    if not rows:
        raise SystemExit(f"{args.table}: no completed rows")
    needed = [c for c in (args.x, args.group) if c] + ([args.y] if args.kind in ("line", "pareto") else [])
    for column in needed:
        if column not in rows[0]:
            raise SystemExit(f"{args.table}: no column {column}")
    draw = {"line": plot_line, "bars": plot_bars, "pareto": plot_pareto, "curves": plot_curves}
    draw[args.kind](rows, args)


if __name__ == "__main__":
    main()
