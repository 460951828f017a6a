#!/usr/bin/python3
"""Writes the BP-vs-DFA study report from the results tables of its sweeps (run.sh calls it).

  report.py --results results/bp_vs_dfa --out experiments/bp_vs_dfa --cimsim build/cimsim

reads <results>/<sweep>/results.csv for every sweep of sweeps/, draws the plots into
<out>/plots/ (with experiments/plot_results.py), copies the tables into <out>/data/ and writes
<out>/report.md; with --compare SIZE DIR it sets a finished study of another size beside this one
(run.sh passes results/bp_vs_dfa_full at the default size, and the reverse). Every sentence of
findings is computed from the tables: means and standard deviations over seeds, and a difference
between two rules counts only when it exceeds twice its standard error (and half a point; with one
seed, 2 points). The set-up tables are read from the points' resolved configs (recipe.py), the
study's wall time from <results>/wall_s (run.sh adds each invocation's time to it). Needs the
standard library and Debian's python3-matplotlib and python3-yaml.
"""

import argparse
import datetime
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections import OrderedDict, defaultdict
from types import SimpleNamespace

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import plot_results as pr  # noqa: E402  (experiments/plot_results.py)
import recipe  # noqa: E402  (recipe.py, beside this file)

ACC = "final_test_accuracy"
TOLERANCE_POINTS = 1.0  # "stays within this many points of its best"


# ---------------------------------------------------------------- tables and statistics

def load(results_dir, sweep):
    """Completed rows of a sweep and the number of points that ended otherwise (diverged)."""
    path = os.path.join(results_dir, sweep, "results.csv")
    if not os.path.exists(path):
        raise SystemExit(f"{path}: missing; run experiments/bp_vs_dfa/run.sh first")
    rows = pr.read_table(path)
    done = [r for r in rows if r["status"] == "completed"]
    return done, len(rows) - len(done)


def nominal_of(sweep):
    """The NOMINALS prefix a sweep starts from ("" for nominal.yaml's)."""
    return next((p for p in NOMINALS if p and sweep.startswith(p)), "")


def rule_names(cimsim):
    """The learning rules in the order cimsim registers them (`cimsim list trainers --json`)."""
    listed = subprocess.run([cimsim, "list", "trainers", "--json"], check=True, capture_output=True,
                            text=True).stdout
    return [rule["name"] for rule in json.loads(listed)["trainers"]]


def rule_label(name):
    """A rule as the report writes it ("bp" -> "BP")."""
    return name.upper()


def rules_in(rules, *tables):
    """The rules of `rules` (in its order) that trained in any row of the tables."""
    present = {r["trainer"] for rows in tables for r in rows}
    return [t for t in rules if t in present]


def derive(rows, column, function):
    for r in rows:
        r[column] = function(r)
    return rows


def layer_count(row):
    return str(row["model.layers"].count("units"))


def preset_of(row):
    return row["hardware.device"].split("preset:")[1].strip(" }")


def stats(rows, x, y=ACC, split=None):
    """{(trainer, split value): [(x text, mean, sd, n), ...] sorted by x} over seeds."""
    cells = defaultdict(list)
    for r in rows:
        value = pr.number(r[y])
        if value is not None:
            cells[(r["trainer"], r[split] if split else "", r[x])].append(value)
    out = defaultdict(list)
    for (trainer, part, xv), values in cells.items():
        mean, sd = pr.mean_std(values)
        out[(trainer, part)].append((xv, mean, sd, len(values)))
    for series in out.values():
        series.sort(key=lambda p: pr.sort_key(p[0]))
    return out


def cell(rows, trainer, y=ACC, **where):
    """Mean, sd, n of y over the rows of one trainer matching column=value filters (sd None for
    a single value: no spread to show)."""
    values = [pr.number(r[y]) for r in rows if r["trainer"] == trainer
              and all(r[k] == v for k, v in where.items())]
    values = [v for v in values if v is not None]
    mean, sd = pr.mean_std(values)
    return mean, (sd if len(values) > 1 else None), len(values)


def differs(a, b):
    """Sign of mean(b) - mean(a) when it exceeds twice its standard error and half a point, else 0.
    a, b: (mean, sd, n). With one seed only differences of 2 points count."""
    (ma, sa, na), (mb, sb, nb) = a, b
    if ma is None or mb is None:
        return 0
    gap = mb - ma
    if min(na, nb) < 2:
        return (gap > 0) - (gap < 0) if abs(gap) >= 0.02 else 0
    se = math.sqrt(sa * sa / na + sb * sb / nb)
    return (gap > 0) - (gap < 0) if abs(gap) > max(2 * se, 0.005) else 0


# ---------------------------------------------------------------- formatting

def pct(value, sd=None):
    if value is None:
        return "–"
    return f"{100 * value:.1f} %" if sd is None else f"{100 * value:.1f} ± {100 * sd:.1f} %"


def si(value, unit):
    if value is None:
        return "–"
    if unit == "mm²":
        return f"{value:.3g} mm²"
    if value == 0:
        return f"0 {unit}"
    for factor, prefix in reversed(pr.SI_PREFIXES):
        if abs(value) >= factor:
            return f"{value / factor:.3g} {prefix}{unit}"
    return f"{value:.3g} {unit}"


def xtext(value):
    number = pr.number(value)
    return f"{number:g}" if number is not None else value


def plural(count, noun):
    return f"{count} {noun}{'' if count == 1 else 's'}"


def joined(items):
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# ---------------------------------------------------------------- plots

class Plots:
    def __init__(self, out_dir, rules):
        self.rules = rules  # rule names in registry order
        self.dir = os.path.join(out_dir, "plots")
        os.makedirs(self.dir, exist_ok=True)

    def _args(self, name, **kw):
        args = SimpleNamespace(x="", y=ACC, group="trainer", title="", format="png", runs="",
                               xlabel="", ylabel="", reference=[], table="", logx=False)
        for k, v in kw.items():
            setattr(args, k, v)
        args.out = os.path.join(self.dir, name + ".png")
        return args

    def draw(self, kind, name, rows, **kw):
        """One plot_results.py plot (line, pareto, bars or curves); returns its path in the report."""
        drawers = {"line": pr.plot_line, "pareto": pr.plot_pareto, "bars": pr.plot_bars,
                   "curves": pr.plot_curves}
        drawers[kind](rows, self._args(name, **kw))
        return f"plots/{name}.png"

    def tradeoff(self, name, rows, panels):
        """Accuracy vs a latency column, one point per (trainer, depth) joined along depth and
        labelled with it, one panel per (column, title)."""
        fig, axes = pr.plt.subplots(1, len(panels), figsize=(2 * pr.FIGSIZE_IN[0], pr.FIGSIZE_IN[1]))
        for ax, (column, title) in zip(axes, panels):
            spread = [pr.number(r[column]) for r in rows if pr.number(r[column])]
            if max(spread) > 10 * min(spread):
                ax.set_xscale("log")  # a linear axis where all points lie within one decade
            for trainer in rules_in(self.rules, rows):
                series = stats([r for r in rows if r["trainer"] == trainer], "depth", column)
                latency = {p[0]: p[1] for p in series.get((trainer, ""), [])}
                points = [(latency[p[0]], p[1], p[2], p[0]) for p in stats(rows, "depth")[(trainer, "")]
                          if p[0] in latency]
                if not points:
                    continue
                xs, ys, errs, depths = zip(*points)
                line = ax.errorbar(xs, [100 * y for y in ys], yerr=[100 * e for e in errs], marker="o",
                                   markersize=3, capsize=1.5, linewidth=0.8,
                                   label=rule_label(trainer))
                for x, y, depth in zip(xs, ys, depths):
                    ax.annotate(depth, (x, 100 * y), textcoords="offset points", xytext=(3, 2),
                                fontsize=6, color=line[0].get_color())
            ax.set_xlabel("training latency per sample (s)")
            ax.set_ylabel("final test accuracy (%)")
            ax.set_title(title)
            ax.legend(loc="lower left")
        return self._save(fig, name)

    def dots(self, name, rows, category, title, trainers):
        """Accuracy per category (one row each) with one marker per trainer, mean +- sd."""
        cats = sorted({r[category] for r in rows}, key=str.lower)
        fig, ax = pr.plt.subplots(figsize=(pr.FIGSIZE_IN[0], 0.22 * len(cats) + 0.9))
        markers = "osD^"
        for k, trainer in enumerate(trainers):
            ys, xs, errs = [], [], []
            for i, c in enumerate(cats):
                mean, sd, n = cell(rows, trainer, **{category: c})
                if mean is not None:
                    ys.append(i + (k - (len(trainers) - 1) / 2) * 0.15)
                    xs.append(100 * mean)
                    errs.append(100 * (sd or 0))
            ax.errorbar(xs, ys, xerr=errs, fmt=markers[k % 4], markersize=3, capsize=1.5,
                        linewidth=0.8, label=rule_label(trainer))
        ax.set_yticks(range(len(cats)))
        ax.set_yticklabels(cats)
        ax.invert_yaxis()
        ax.set_xlabel("final test accuracy (%)")
        ax.set_title(title)
        ax.legend(loc="lower left")
        return self._save(fig, name)

    def _save(self, fig, name):
        fig.tight_layout()
        fig.savefig(os.path.join(self.dir, name + ".png"))
        pr.plt.close(fig)
        return f"plots/{name}.png"


# ---------------------------------------------------------------- findings

def describe_axis(rows, x, label, worse, split=None, split_label=None, trainers=("bp", "dfa")):
    """Plain-words findings of an accuracy-vs-x sweep of BP and DFA. worse: 'higher' when larger
    x is the harsher setting, 'lower' when smaller x is."""
    lines = []
    series = stats(rows, x, split=split)
    parts = sorted({part for _, part in series}, key=pr.sort_key)
    for part in parts:
        prefix = f"At {split_label} {xtext(part)}: " if split else ""
        texts = []
        for trainer in trainers:
            points = series.get((trainer, part))
            if not points:
                continue
            ordered = points if worse == "higher" else list(reversed(points))
            benign, harsh = ordered[0], ordered[-1]
            top = max(range(len(ordered)), key=lambda i: ordered[i][1])
            best = ordered[top]
            change = ("falls" if harsh[1] < benign[1] - 0.005
                      else "rises" if harsh[1] > benign[1] + 0.005 else "stays level")
            text = (f"**{rule_label(trainer)}** {change} from {pct(benign[1])} at {label} "
                    f"{xtext(benign[0])} to {pct(harsh[1])} at {xtext(harsh[0])}")
            if top > 0:
                text += f"; its best is {pct(best[1])} at {xtext(best[0])}"
            drop = next((p for p in ordered[top + 1:] if p[1] < best[1] - TOLERANCE_POINTS / 100), None)
            if drop is not None:
                text += (f"; it first falls more than {TOLERANCE_POINTS:g} point below "
                         f"{'that' if top > 0 else 'its best'} at {xtext(drop[0])}")
            elif top + 1 < len(ordered):
                text += (f"; harsher values stay within {TOLERANCE_POINTS:g} point of it" if top > 0
                         else f"; every value stays within {TOLERANCE_POINTS:g} point of its best")
            texts.append(text)
        lines.append(prefix + ". ".join(texts) + ".")
        lines.append(prefix + compare(series.get(("bp", part), []), series.get(("dfa", part), []), label))
    return lines


def compare(bp, dfa, label):
    """Which rule is ahead where, beyond the seed spread."""
    by_x = {p[0]: p for p in bp}
    ahead = {1: [], -1: [], 0: []}
    gaps = {1: [], -1: []}
    for p in dfa:
        q = by_x.get(p[0])
        if q is None:
            continue
        sign = differs(q[1:], p[1:])
        ahead[sign].append(xtext(p[0]))
        if sign:
            gaps[sign].append(abs(p[1] - q[1]))
    said = []
    for sign, name in ((-1, "BP"), (1, "DFA")):
        if ahead[sign]:
            where = "at every value" if not ahead[-sign] and not ahead[0] else f"at {label} {joined(ahead[sign])}"
            low, high = f"{100 * min(gaps[sign]):.1f}", f"{100 * max(gaps[sign]):.1f}"
            by = low if low == high else f"{low}–{high}"
            said.append(f"{name} is ahead {where} (by {by} points)")
    if ahead[0]:
        rest = "everywhere" if not ahead[1] and not ahead[-1] else f"at {joined(ahead[0])}"
        said.append(f"the two are within the seed spread {rest}")
    if not said:
        return "No common values to compare."
    text = joined(said) + "."
    return text[0].upper() + text[1:]


# The one-at-a-time sweeps: results folder, x column, axis label, which end is harsh ("higher":
# larger x is worse), title and the explanation printed above the plot. Optional: split (a second
# swept column drawn as separate lines), derived (computes x from a row and its recipe.Point),
# logx, nominal (also draw the nominal chip's accuracy).
NONIDEALITIES = [
    dict(sweep="nonlinearity", x="hardware.device.nonlinearity_ltp", label="nonlinearity",
         worse="higher", title="LTP/LTD nonlinearity",
         explain="NeuroSim nonlinearity labels, LTP = +x and LTD = -x (Ag:a-Si is 2.4 / -4.88). A "
                 "nonlinear cell takes big steps near g_min and small ones near g_max, so the same "
                 "pulse count changes the weight by an amount that depends on the weight and on the "
                 "direction."),
    dict(sweep="c2c", x="hardware.device.c2c_std", label="c2c sd", worse="higher",
         title="Cycle-to-cycle variation",
         explain="Each write adds N(0, sd (g_max - g_min) sqrt(pulses)) (NeuroSim; Ag:a-Si 0.035)."),
    dict(sweep="d2d", x="hardware.device.nonlinearity_d2d_std", label="d2d sd", worse="higher",
         title="Device-to-device variation",
         explain="Each cell draws its own LTP and LTD nonlinearity labels around the nominal 0 with "
                 "this sd (NeuroSim's d2d model): cells differ in curve shape and asymmetry."),
    dict(sweep="levels", x="hardware.device.levels_ltp", label="levels", worse="lower",
         title="Number of conductance levels",
         explain="Levels per branch; one pulse moves a cell by (g_max - g_min) / (levels - 1). "
                 "Stochastic pulse rounding keeps small updates unbiased."),
    dict(sweep="on_off", x="on_off_ratio", label="on/off ratio", worse="lower", title="On/off ratio",
         explain="g_max / g_min at 3 % and 10 % relative read noise per cell. The pair's difference "
                 "is sensed before the ADC, so the ratio acts through read noise: a low ratio means "
                 "large conductances on both sides of every pair and so more noise for the same "
                 "weight; dotted: the nominal chip (no read noise).",
         split="hardware.device.read_noise_std", split_label="read noise", logx=True, nominal=True,
         derived=lambda r, point: f"{float(point.get('hardware.device.g_max_siemens')) / float(r['hardware.device.g_min_siemens']):.3g}"),
    dict(sweep="stuck", x="stuck_fraction", label="stuck fraction", worse="higher",
         title="Stuck cells",
         explain="A fraction of all cells frozen from the start, half at g_min and half at g_max.",
         derived=lambda r, point: f"{float(r['hardware.device.stuck_at_g_min_fraction']) + float(r['hardware.device.stuck_at_g_max_fraction']):.3g}"),
]
QUANTIZATION = [
    dict(sweep="adc_bits", x="hardware.tile.adc_bits", label="ADC bits", worse="lower",
         title="ADC resolution",
         explain="Bits of every column conversion: forward reads and BP's transposed reads (DFA's "
                 "B·e is digital)."),
    dict(sweep="input_bits", x="hardware.tile.input_bits", label="input bits", worse="lower",
         title="Input resolution",
         explain="DAC bits of the vectors driven into the arrays: activations, and for BP the "
                 "errors of its transposed reads."),
    dict(sweep="weight_bits", x="hardware.device.bits", label="weight bits", worse="lower",
         title="Weight/cell bits",
         explain="Exact b-bit digital cells (SRAM CIM): no device noise, one pulse moves one LSB, "
                 "updates rounded stochastically to whole LSBs."),
    dict(sweep="error_bits", x="train.quantization.error_bits", label="error bits", worse="lower",
         title="Error (teaching-signal) bits",
         explain="Each layer's delta quantized per batch to this many bits before it drives the "
                 "gradient (and, for BP, the transposed read); dotted: the nominal chip with float "
                 "errors.", nominal=True),
    dict(sweep="gradient_bits", x="train.quantization.gradient_bits", label="gradient bits",
         worse="lower", title="Gradient bits",
         explain="The weight update dW quantized per update before it becomes pulses; dotted: the "
                 "nominal chip with float updates.", nominal=True),
]


# The sweeps run on every nominal network (sections 6 and 7 repeat them on the MLP and the CNN).
SHARED_AXES = {"mlp_": ("nonlinearity", "c2c", "d2d", "adc_bits"), "cnn_": ("nonlinearity", "adc_bits")}
NOMINALS = {"": "NeuroSim 400-100-10", "mlp_": "MLP 784-256-128-10", "cnn_": "LeNet-5-like CNN"}


# ---------------------------------------------------------------- the report

class Report:
    def __init__(self, args):
        self.args = args
        self.out = args.out
        self.rules = rule_names(args.cimsim)
        self.plots = Plots(self.out, self.rules)
        self.md = []
        self.tables = {}
        self.excluded = {}
        self.points = {}   # NOMINALS prefix: recipe.Point of its nominal chip
        self.summary = []  # (section, axis, bp nominal, bp harsh, dfa nominal, dfa harsh, lead)
        self.leads = {}    # (nominal prefix, sweep): (harsh x, bp harsh, dfa harsh, lead)

    def rows(self, sweep):
        if sweep not in self.tables:
            rows, excluded = load(self.args.results, sweep)
            self.tables[sweep] = rows
            self.excluded[sweep] = excluded
        return [dict(r) for r in self.tables[sweep]]

    def w(self, *lines):
        self.md.extend(lines)

    def image(self, path, alt):
        self.w(f"![{alt}]({path})", "")

    def software_refs(self, dataset, nominal=False, prefix=""):
        """Reference lines: each rule's software float accuracy, and with nominal=True its
        accuracy on the nominal crossbars (the nonlinearity sweep's linear point). prefix names
        the nominal ("" NeuroSim MLP, "mlp_", "cnn_"; see NOMINALS)."""
        rows = [r for r in self.rows(prefix + "software") if r.get("data.dataset", "mnist") == dataset]
        sweep = prefix + ("nonlinearity" if dataset == "mnist" else "nonlinearity_fashion")
        chip = self.linear(sweep)
        refs = []
        for trainer in ("bp", "dfa"):
            for label, source in (("software", rows), ("nominal chip", chip if nominal else [])):
                mean, _, n = cell(source, trainer)
                if n:
                    refs.append((f"{trainer} {label}", mean))
        return refs

    # -- sections

    def linear(self, sweep):
        """Rows of a nonlinearity sweep at its linear point: the nominal chip."""
        return [r for r in self.rows(sweep) if pr.number(r["hardware.device.nonlinearity_ltp"]) == 0]

    def pulse_widths(self, prefix):
        """The write pulse width of a nominal chip as it ran, and Ag:a-Si's (the slow cell the
        report prices beside it), in seconds."""
        return (self.nominal_point(prefix).get("hardware.device.pulse_width_s"),
                recipe.preset("agsi")["pulse_width_s"])

    def pricings(self):
        """Re-pricings of the MLP depth runs' recorded events (cimsim cost --events): label,
        overrides. The first is the runs' own."""
        fast, slow = self.pulse_widths("mlp_")
        return [(f"{si(fast, 's')}, B in SRAM", []),
                (f"{si(fast, 's')}, B on tiles", ["--set", "hardware.feedback.array=crossbar"]),
                (f"{si(slow, 's')}, B in SRAM",
                 ["--set", f"hardware.cost.electricals.write_pulse_width_s={slow!r}"])]

    def nominal_point(self, prefix):
        """A point of a nominal as it ran: its nonlinearity sweep's linear point (read once)."""
        if prefix not in self.points:
            sweep = prefix + "nonlinearity"
            self.points[prefix] = recipe.Point(self.args.results, sweep, self.linear(sweep)[0]["point_id"])
        return self.points[prefix]

    def convergence(self):
        """Test accuracy along training on each nominal chip, from its runs' metrics.csv."""
        self.w("Convergence of the nominal chips (test accuracy after each epoch, mean over seeds):", "",
               "| nominal | rule | training | epoch 1 | next to last epoch | last epoch | gain in the last epoch |",
               "|---|---|---|---|---|---|---|")
        for prefix, name in NOMINALS.items():
            sweep = prefix + "nonlinearity"
            for t in ("bp", "dfa"):
                curves = [self.curve(sweep, r) for r in self.linear(sweep) if r["trainer"] == t]
                curve = [statistics.fmean(c[e] for c in curves) for e in range(min(map(len, curves)))]
                before = pct(curve[-2]) if len(curve) > 1 else "–"
                gain = f"{100 * (curve[-1] - curve[-2]):+.1f} points" if len(curve) > 1 else "–"
                self.w(f"| {name} | {rule_label(t)} | {self.nominal_point(prefix).size()} | "
                       f"{pct(curve[0])} | {before} | {pct(curve[-1])} | {gain} |")
        self.w("")

    def curve(self, sweep, row):
        """Test accuracy after each epoch of one run."""
        path = os.path.join(self.args.results, sweep, "runs", row["point_id"], "metrics.csv")
        return [pr.number(m["test_accuracy"]) for m in pr.read_table(path)]

    def size(self):
        """Training size of each nominal as it ran, and the seed counts of its sweeps."""
        parts = []
        for prefix, name in NOMINALS.items():
            seeds = sorted({len({r["seed"] for r in rows}) for sweep, rows in self.tables.items()
                            if nominal_of(sweep) == prefix and rows})
            parts.append(f"{name}: {self.nominal_point(prefix).size()}, "
                         f"{' or '.join(map(str, seeds))} seed{'' if seeds == [1] else 's'}")
        return "; ".join(parts)

    def effort(self):
        """How many runs this study trained, their core time and run.sh's wall time (a sentence)."""
        points = sum(len(r) + self.excluded[s] for s, r in self.tables.items())
        wall = sum(pr.number(r["wall_s"]) or 0 for rows in self.tables.values() for r in rows)
        elapsed = os.path.join(self.args.results, "wall_s")
        timed = ""
        if os.path.exists(elapsed):
            with open(elapsed) as handle:
                minutes = float(handle.read()) / 60
            timed = (f"; run.sh spent {minutes:.0f} min ({minutes / 60:.1f} h) of wall time on its sweeps, "
                     "summed over the invocations that filled these tables")
        return f"{points} training runs of {wall / 60:.0f} core-minutes in all{timed}."

    def header(self):
        a = self.args
        version = run([a.cimsim, "--version"]).strip()
        commit = run(["git", "-C", HERE, "rev-parse", "--short", "HEAD"]).strip() or "unknown"
        if len({r["seed"] for rows in self.tables.values() for r in rows}) > 1:
            spread = ("mean ± standard deviation over seeds; a rule is called ahead only where the gap "
                      "exceeds twice its standard error and half a point.")
        else:
            spread = ("one seed per point; with no seed spread to measure, a rule is called ahead only "
                      "where the gap is at least 2 points.")
        return [
            "# In-situ training on CIM hardware: BP vs DFA",
            "",
            f"Generated by `experiments/bp_vs_dfa/run.sh{'' if a.size == 'default' else ' --' + a.size}` "
            f"on {datetime.date.today().isoformat()} with {version} (commit {commit}), {a.size} size "
            f"({self.size()}). {self.effort()} "
            "Every number and sentence below is computed from the tables in `data/` by `report.py`; "
            "rerunning `run.sh` regenerates the whole page. Accuracies are the test accuracy after "
            "the last epoch, " + spread,
            "",
        ]

    def setup(self):
        self.w("## Set-up", "",
               "Every sweep of sections 1–5 starts from `nominal.yaml` and changes one thing "
               "(`sweeps/*.yaml`); sections 6 and 7 repeat the decisive sweeps from two more "
               "nominals, an MLP people train on MNIST (`nominal_mlp.yaml`) and a LeNet-5-like "
               "CNN (`nominal_cnn.yaml`):", "",
               "| part | nominal (`nominal.yaml`: the NeuroSim MLP set-up on a linear device) |", "|---|---|",
               *(f"| {part} | {text} |" for part, text in self.nominal_point("").parts().items()), "")
        rows = self.rows("software")
        rules = rules_in(self.rules, rows)
        self.w("Software float reference (same networks and training in ideal float memory):", "",
               "| dataset | " + " | ".join(map(rule_label, rules)) + " |", "|---" * (len(rules) + 1) + "|")
        for dataset in ("mnist", "fashion_mnist"):
            part = [r for r in rows if r["data.dataset"] == dataset]
            self.w(f"| {dataset} | " + " | ".join(pct(*cell(part, t)[:2]) for t in rules) + " |")
        nominal = self.linear("nonlinearity")
        self.w("", "On the nominal crossbars (MNIST): BP " + pct(*cell(nominal, "bp")[:2]) + ", DFA "
               + pct(*cell(nominal, "dfa")[:2]) + ".", "")
        self.convergence()

    def axis_section(self, sweep, x, label, worse, title, explain, section, split=None,
                     split_label=None, derived=None, dataset="mnist", logx=False, nominal=False,
                     prefix=""):
        rows = self.rows(prefix + sweep)
        if derived:
            # A derived x may need a value of the point's resolved configuration (g_max).
            derive(rows, x, lambda r: derived(
                r, recipe.Point(self.args.results, prefix + sweep, r["point_id"])))
        self.w(f"### {title}", "", explain, "")
        refs = self.software_refs(dataset, nominal, prefix)
        path = self.plots.draw("line", f"{prefix}{sweep}_accuracy", rows, x=x, xlabel=label,
                               reference=refs, title=title, logx=logx)
        self.image(path, title)
        for line in describe_axis(rows, x, label, worse, split, split_label):
            self.w(f"- {line}")
        if self.excluded[prefix + sweep]:
            self.w(f"- {self.excluded[prefix + sweep]} run(s) of this sweep diverged and are left out.")
        self.w("")
        series = stats(rows, x, split=split)
        part = sorted({p for _, p in series}, key=pr.sort_key)[-1]
        bp, dfa = series.get(("bp", part)), series.get(("dfa", part))
        if bp and dfa:
            benign = 0 if worse == "higher" else -1
            harsh = -1 - benign
            lead = differs(bp[harsh][1:], dfa[harsh][1:])
            self.leads[(prefix, sweep)] = (xtext(bp[harsh][0]), bp[harsh][1], dfa[harsh][1],
                                           {-1: "BP", 1: "DFA", 0: "tie"}[lead])
            self.summary.append((section, f"{title} ({xtext(bp[benign][0])} → {xtext(bp[harsh][0])})",
                                 bp[benign][1], bp[harsh][1], dfa[benign][1], dfa[harsh][1],
                                 {-1: "BP", 1: "DFA", 0: "tie"}[lead]))
        return rows

    def nonidealities(self):
        self.w("## 1. Device nonidealities", "",
               "One nonideality at a time on the linear nominal device; dashed lines: the software "
               "float accuracy of each rule.", "")
        for axis in NONIDEALITIES:
            self.axis_section(section="nonidealities", **axis)

    def quantization(self):
        self.w("## 2. Quantization", "")
        for axis in QUANTIZATION:
            rows = self.axis_section(section="quantization", **axis)
            if axis["sweep"] == "adc_bits":
                self.adc_costs(rows)

    def adc_costs(self, adc):
        x = "hardware.tile.adc_bits"
        path = self.plots.draw("line", "adc_bits_energy", adc, x=x, xlabel="ADC bits",
                               y="energy_per_training_sample_j", title="Energy vs ADC resolution")
        path2 = self.plots.draw("pareto", "adc_bits_pareto", adc, x="energy_per_training_sample_j",
                                title="ADC bits: accuracy vs energy")
        self.w("| energy vs ADC bits | accuracy vs energy |", "|---|---|",
               f"| ![energy]({path}) | ![pareto]({path2}) |", "",
               "- " + cost_range(adc, x, "energy_per_training_sample_j", "energy per training sample",
                                 "J", "ADC bits"),
               "- " + cost_range(adc, x, "chip_area_mm2", "chip area", "mm²", "ADC bits"), "")

    def scaling(self):
        self.w("## 3. Depth and width: latency, energy and area", "",
               "Depth = number of weight layers (1 to 4 hidden layers of 100), trained with BP, FA, "
               "DFA and DRTP (FA equals DFA at depth 2). Latency is the "
               "schedule of one training sample built from the events each run recorded: BP passes "
               "the error down one transposed read per layer, DFA projects the output error to "
               "every layer at once; every layer programs as soon as its own delta is known.", "")
        rows = derive(self.rows("depth"), "depth", layer_count)
        acc = self.plots.draw("line", "depth_accuracy", rows, x="depth", xlabel="depth (weight layers)",
                              reference=self.software_refs("mnist"), title="Accuracy vs depth")
        lat = self.plots.draw("line", "depth_latency", rows, x="depth", y="latency_per_training_sample_s",
                              xlabel="depth (weight layers)", title="Training step latency")
        err = self.plots.draw("line", "depth_error_phase", rows, x="depth", y="error_phase_latency_s",
                              xlabel="depth (weight layers)", title="Error phase (output → all deltas)")
        speed = speedup_rows(rows)
        spd = self.plots.draw("line", "depth_speedup", speed, x="depth", y="speed_up", group="phase",
                              xlabel="depth (weight layers)", ylabel="BP latency / DFA latency",
                              title="DFA speed-up over BP")
        energy = self.plots.draw("line", "depth_energy", rows, x="depth", y="energy_per_training_sample_j",
                                 xlabel="depth (weight layers)", title="Energy per training sample")
        area = self.plots.draw("line", "depth_area", rows, x="depth", y="chip_area_mm2",
                               xlabel="depth (weight layers)", title="Chip area")
        bars = self.plots.draw("bars", "depth_latency_phases", rows, x="depth", y="latency_phase",
                               title="Latency by phase (sum over layers)")
        self.w("| | |", "|---|---|", f"| ![accuracy]({acc}) | ![speed-up]({spd}) |",
               f"| ![latency]({lat}) | ![error phase]({err}) |",
               f"| ![energy]({energy}) | ![area]({area}) |", "")
        self.image(bars, "latency by phase")
        for line in describe_axis(rows, "depth", "depth", "higher", trainers=rules_in(self.rules, rows)):
            self.w(f"- {line}")
        for line in speedup_findings(speed):
            self.w(f"- {line}")
        deepest = max((r["depth"] for r in rows), key=pr.sort_key)
        shares = [programming_share(rows, t, deepest) for t in ("bp", "dfa")]
        self.w(f"- Programming (the weight-update phase) is {100 * shares[0]:.0f} % (BP) and "
               f"{100 * shares[1]:.0f} % (DFA) of the summed phase latencies at depth {deepest}: "
               "rows of a tile are programmed one after another, so it bounds the gain of the "
               "whole step far below that of the error phase.")
        self.w("- " + cost_pair(rows, "depth", "energy_per_training_sample_j", "energy per training sample", "J"),
               "- " + cost_pair(rows, "depth", "chip_area_mm2", "chip area", "mm²"), "")
        self.extrapolation()
        rows = self.rows("width")
        width_x = "model.layers[0].units"
        acc = self.plots.draw("line", "width_accuracy", rows, x=width_x, xlabel="hidden units",
                              reference=self.software_refs("mnist"), title="Accuracy vs width")
        energy = self.plots.draw("line", "width_energy", rows, x=width_x, y="energy_per_training_sample_j",
                                 xlabel="hidden units", title="Energy per training sample")
        lat = self.plots.draw("line", "width_latency", rows, x=width_x, y="latency_per_training_sample_s",
                              xlabel="hidden units", title="Training step latency")
        area = self.plots.draw("line", "width_area", rows, x=width_x, y="chip_area_mm2", xlabel="hidden units",
                               title="Chip area")
        self.w("### Width", "", "One hidden layer of 25 to 400 units. Layers wider than 100 start "
               "from U[-s, s] with s = sqrt(100 / width): NeuroSim's U[-1, 1] saturates the sigmoid "
               "output layer when it sums 400 hidden units.", "", "| | |", "|---|---|", f"| ![accuracy]({acc}) | ![energy]({energy}) |",
               f"| ![latency]({lat}) | ![area]({area}) |", "")
        for line in describe_axis(rows, width_x, "width", "lower"):
            self.w(f"- {line}")
        self.w("- " + cost_pair(rows, width_x, "energy_per_training_sample_j", "energy per training sample", "J"),
               "- " + cost_pair(rows, width_x, "latency_per_training_sample_s", "latency per training sample", "s"),
               "- " + cost_pair(rows, width_x, "chip_area_mm2", "chip area", "mm²"), "")

    def extrapolation(self):
        """The analytic cost model (cimsim cost, no training) of the nominal chip to depth 8."""
        fast, slow = self.pulse_widths("")
        self.w("### Deeper than trained: the cost model to depth 8", "",
               "`cimsim cost` prices the nominal chip analytically (assumed activity, no training) "
               f"for 2–8 weight layers, with the nominal {si(fast, 's')} pulses and with Ag:a-Si's "
               f"{si(slow, 's')}:", "",
               "| depth | pulse | BP step | DFA step | step speed-up | BP error phase | DFA error phase | error-phase speed-up | BP energy | DFA energy | BP area | DFA area |",
               "|---|---|---|---|---|---|---|---|---|---|---|---|")
        for pulse in (fast, slow):
            for depth in (2, 3, 4, 6, 8):
                layers = "[" + ", ".join(["{units: 100, activation: sigmoid}"] * (depth - 1)
                                         + ["{units: 10, activation: sigmoid}"]) + "]"
                report = {}
                for trainer in ("bp", "dfa"):
                    report[trainer] = cost_json(self.args.cimsim, os.path.join(HERE, "nominal.yaml"), [
                        "--set", f"model.layers={layers}", "--set", f"train.trainer.type={trainer}",
                        "--set", f"hardware.device.pulse_width_s={pulse!r}"])
                b, d = report["bp"], report["dfa"]
                self.w(f"| {depth} | {si(pulse, 's')} | {si(b['latency_per_training_sample_s'], 's')} "
                       f"| {si(d['latency_per_training_sample_s'], 's')} "
                       f"| {b['latency_per_training_sample_s'] / d['latency_per_training_sample_s']:.2f} "
                       f"| {si(b['error_phase_latency_s'], 's')} | {si(d['error_phase_latency_s'], 's')} "
                       f"| {b['error_phase_latency_s'] / d['error_phase_latency_s']:.1f} "
                       f"| {si(b['energy_per_training_sample_j'], 'J')} | {si(d['energy_per_training_sample_j'], 'J')} "
                       f"| {b['chip_area_mm2']:.3f} mm² | {d['chip_area_mm2']:.3f} mm² |")
        self.w("", "The error-phase speed-up grows with depth because BP's error phase is N−1 "
               "transposed reads in sequence and DFA's one projection; the whole step gains less, "
               "since the forward pass is sequential under both rules, and nothing when slow pulses "
               "make programming (concurrent under both rules) the longest part of a step.", "")

    def presets(self, sweep, dataset, title, trainers):
        rows = derive(self.rows(sweep), "device", preset_of)
        self.w(f"### {title}", "")
        dots = self.plots.dots(f"{sweep}_accuracy", rows, "device", title, trainers)
        rows_bp = [r for r in rows if r["trainer"] in ("bp", "dfa")]
        energy = self.plots.draw("pareto", f"{sweep}_pareto_energy", rows_bp, x="energy_per_training_sample_j",
                                   title="Accuracy vs energy (one dot per device)")
        latency = self.plots.draw("pareto", f"{sweep}_pareto_latency", rows_bp, x="latency_per_training_sample_s",
                                    title="Accuracy vs latency (one dot per device)")
        self.w("| | |", "|---|---|", f"| ![accuracy]({dots}) | ![energy]({energy}) |",
               f"| ![latency]({latency}) | |", "")
        self.w("| device | " + " | ".join(rule_label(t) for t in trainers)
               + " | energy / sample (BP, DFA) | latency / sample (BP, DFA) | area (BP, DFA) | pulses / sample (BP) |",
               "|---" * (len(trainers) + 5) + "|")
        devices = sorted({r["device"] for r in rows}, key=str.lower)
        best = {}
        for device in devices:
            accs = [cell(rows, t, device=device) for t in trainers]
            for t, a in zip(trainers, accs):
                best.setdefault(t, []).append((a[0] or 0, device))
            costs = [cell(rows, t, y, device=device)[0] for y in ("energy_per_training_sample_j",
                     "latency_per_training_sample_s", "chip_area_mm2") for t in ("bp", "dfa")]
            pulses = cell(rows, "bp", "pulses_per_training_sample", device=device)[0]
            self.w(f"| {device} | " + " | ".join(pct(a[0], a[1]) for a in accs)
                   + f" | {si(costs[0], 'J')}, {si(costs[1], 'J')} | {si(costs[2], 's')}, {si(costs[3], 's')}"
                   + f" | {costs[4]:.3f}, {costs[5]:.3f} mm² | {pulses or 0:.0f} |")
        self.w("")
        for t in trainers:
            ranked = sorted(best[t], reverse=True)
            self.w(f"- {rule_label(t)}: best on {ranked[0][1]} ({pct(ranked[0][0])}), "
                   f"then {ranked[1][1]} ({pct(ranked[1][0])}); worst on {ranked[-1][1]} ({pct(ranked[-1][0])}).")
        lead = defaultdict(list)
        for device in devices:
            lead[differs(cell(rows, "bp", device=device), cell(rows, "dfa", device=device))].append(device)
        self.w(f"- BP is ahead of DFA on {len(lead[-1])} of {len(devices)} devices"
               + (f" ({', '.join(lead[-1])})" if lead[-1] else "")
               + f", DFA ahead on {len(lead[1])}" + (f" ({', '.join(lead[1])})" if lead[1] else "")
               + f", within the seed spread on {len(lead[0])}.")
        refs = dict(self.software_refs(dataset))
        if "bp software" in refs:
            self.w(f"- Software float reference: BP {pct(refs['bp software'])}, DFA {pct(refs.get('dfa software'))}.")
        slow = si(recipe.preset("agsi")["pulse_width_s"], "s")
        self.w("- Energy and latency per sample follow the pulses each device needs and its pulse "
               "width: a device with tiny steps fires many pulses per update, one with slow pulses "
               f"(Ag:a-Si, {slow}) spends the step programming while the periphery leaks.", "")
        return rows

    def device_section(self):
        self.w("## 4. The device presets side by side", "",
               "Each published preset (`configs/devices/`, cimsim list presets) in place of the "
               "nominal device, everything else nominal (PCM: potentiation-only pairs refreshed every "
               "1000 updates).", "")
        self.w("10,000 training images per epoch (the small-step devices fire pulses on nearly every "
               "cell at every update, which makes them the slowest to simulate). FA is not run: with "
               "one hidden layer it is the same rule as DFA (both send the output delta to the hidden "
               "layer through one fixed random matrix); section 3 compares BP, FA, DFA and DRTP where "
               "they differ.", "")
        rows = self.presets("presets_mnist", "mnist", "Device presets on MNIST", ["bp", "dfa"])
        chosen = [r for r in rows if r["device"] in ("agsi", "epiram", "ideal") and r["trainer"] in ("bp", "dfa")]
        derive(chosen, "run", lambda r: f"{rule_label(r['trainer'])} {r['device']}")
        path = self.plots.draw("curves", "presets_mnist_curves", chosen, y="test_accuracy", group="run",
                                 runs=os.path.join(self.args.results, "presets_mnist", "runs"),
                                 title="Training curves")
        self.image(path, "training curves")

    def fashion(self):
        self.w("## 5. Fashion-MNIST", "")
        self.presets("presets_fashion", "fashion_mnist", "Device presets on Fashion-MNIST", ["bp", "dfa"])
        self.axis_section(sweep="nonlinearity_fashion", x="hardware.device.nonlinearity_ltp",
                          label="nonlinearity", worse="higher",
                          title="LTP/LTD nonlinearity on Fashion-MNIST",
                          explain="The nonlinearity sweep of section 1 on Fashion-MNIST.",
                          section="Fashion-MNIST", dataset="fashion_mnist")

    def nominal_setup(self, prefix):
        """Set-up table of a second nominal (the parts that differ from nominal.yaml's, read
        from the points that ran) and its software and nominal-chip accuracies."""
        base = self.nominal_point("").parts()
        own = self.nominal_point(prefix).parts()
        self.w("| part | nominal |", "|---|---|",
               *(f"| {part} | {text} |" for part, text in own.items() if text != base[part]), "")
        soft = self.rows(prefix + "software")
        chip = self.linear(prefix + "nonlinearity")
        rules = rules_in(self.rules, soft, chip)
        self.w("| | " + " | ".join(map(rule_label, rules)) + " |", "|---" * (len(rules) + 1) + "|",
               "| software float | " + " | ".join(pct(*cell(soft, t)[:2]) for t in rules) + " |",
               "| nominal chip | " + " | ".join(pct(*cell(chip, t)[:2]) for t in rules) + " |", "")

    def shared_sweeps(self, prefix, section):
        for axis in NONIDEALITIES + QUANTIZATION:
            if axis["sweep"] in SHARED_AXES[prefix]:
                self.axis_section(section=section, prefix=prefix,
                                  **dict(axis, title=f"{axis['title']} ({NOMINALS[prefix]})"))

    def side_by_side(self, prefix):
        """Which rule leads at the harshest value of each shared sweep, on both nominals."""
        self.w("Both nominals at the harshest value of each sweep they share:", "",
               f"| sweep (harsh value) | {NOMINALS['']}: BP, DFA, ahead | {NOMINALS[prefix]}: BP, DFA, ahead | conclusion |",
               "|---|---|---|---|")
        changed = []
        for sweep in SHARED_AXES[prefix]:
            a, b = self.leads.get(("", sweep)), self.leads.get((prefix, sweep))
            if a is None or b is None:
                continue
            same = a[3] == b[3]
            if not same:
                changed.append(sweep)
            self.w(f"| {sweep} ({a[0]}; {b[0]}) | {pct(a[1])}, {pct(a[2])}, {a[3]} "
                   f"| {pct(b[1])}, {pct(b[2])}, {b[3]} | {'same' if same else 'changes'} |")
        self.w("", "- " + (f"The conclusion changes on {joined(changed)}." if changed else
                           "The conclusion is the same on every shared sweep."), "")

    def second_nominal(self):
        prefix = "mlp_"
        self.w("## 6. A second nominal: the 784-256-128-10 MLP", "",
               "The NeuroSim network is weak in float (400-100-10 sigmoid, MSE: BP and DFA stay "
               "below 94 %), so the sweeps that decide the comparison are repeated on the MLP people "
               "train on MNIST, on the same linear nominal device and periphery "
               "(`nominal_mlp.yaml`, sweeps `mlp_*.yaml`). Its ADC full scale is fixed: a range "
               "calibrated on the untrained network clips DFA's growing sums. What differs from "
               "`nominal.yaml`:", "")
        self.nominal_setup(prefix)
        self.shared_sweeps(prefix, NOMINALS[prefix])
        self.side_by_side(prefix)
        self.mlp_depth()

    def mlp_depth(self):
        """Depth on the MLP nominal: accuracy of every rule and the cost of the same runs,
        re-priced from their recorded events with slow pulses and with B on tiles."""
        sweep = "mlp_depth"
        rows = derive(self.rows(sweep), "depth", layer_count)
        depths = sorted({r["depth"] for r in rows}, key=pr.sort_key)
        pricings = self.pricings()
        fast, slow = (si(pulse, "s") for pulse in self.pulse_widths("mlp_"))
        self.w("### Depth: accuracy and cost of the same runs", "",
               f"784-256x(d−1)-10 tanh MLPs, d = {joined(depths)} weight layers, trained in situ with BP, FA, "
               f"DFA and DRTP ({plural(len({r['seed'] for r in rows}), 'seed')}). Energy, latency per training sample and area come from the "
               f"events each run recorded, priced as run ({fast} pulses, B in SRAM) and re-priced "
               "with `cimsim cost --events` with B of FA/DFA/DRTP on analog tiles of the same device "
               f"(its reads at the analytic activity) and with Ag:a-Si's {slow} pulses.", "")
        keys = ("latency_per_training_sample_s", "energy_per_training_sample_j", "chip_area_mm2")
        for r in rows:
            run_dir = os.path.join(self.args.results, sweep, "runs", r["point_id"])
            for key in keys:  # the first pricing is the run's own
                r[priced(key, pricings[0][0])] = r[key]
            for label, overrides in pricings[1:]:
                report = cost_json(self.args.cimsim, os.path.join(run_dir, "resolved.yaml"),
                                   ["--events", os.path.join(run_dir, "events.json"), *overrides])
                for key in keys:
                    r[priced(key, label)] = str(report[key])
        acc = self.plots.draw("line", "mlp_depth_accuracy", rows, x="depth", xlabel="depth (weight layers)",
                              reference=self.software_refs("mnist", prefix="mlp_"), title="MLP accuracy vs depth")
        trade = self.plots.tradeoff("mlp_depth_tradeoff", rows, [
            ("latency_per_training_sample_s", f"{fast} pulses"),
            (priced("latency_per_training_sample_s", pricings[2][0]), f"{slow} pulses (Ag:a-Si)")])
        self.w(f"![accuracy vs depth]({acc})", "",
               "Accuracy against training latency per sample, one point per (rule, depth), the "
               "numbers are depths (B in SRAM):", "", f"![accuracy vs latency]({trade})", "",
               "| depth | rule | accuracy | latency: " + " | latency: ".join(l for l, _ in pricings)
               + " | energy: " + " | energy: ".join(l for l, _ in pricings) + " | area (B in SRAM, on tiles) |",
               "|---" * (3 + 2 * len(pricings) + 1) + "|")
        for depth in depths:
            for t in rules_in(self.rules, rows):
                if not cell(rows, t, depth=depth)[2]:
                    continue
                value = lambda key, label: cell(rows, t, priced(key, label), depth=depth)[0]
                self.w(f"| {depth} | {rule_label(t)} | {pct(*cell(rows, t, depth=depth)[:2])} | "
                       + " | ".join(si(value("latency_per_training_sample_s", l), "s") for l, _ in pricings) + " | "
                       + " | ".join(si(value("energy_per_training_sample_j", l), "J") for l, _ in pricings)
                       + f" | {value('chip_area_mm2', pricings[0][0]):.3f}, {value('chip_area_mm2', pricings[1][0]):.3f} mm² |")
        self.w("")
        for line in describe_axis(rows, "depth", "depth", "higher", trainers=rules_in(self.rules, rows)):
            self.w(f"- {line}")
        for depth in (depths[0], depths[-1]):
            gap = cell(rows, "bp", depth=depth)[0] - cell(rows, "dfa", depth=depth)[0]
            speed = [cell(rows, "bp", k, depth=depth)[0] / cell(rows, "dfa", k, depth=depth)[0]
                     for k in ("latency_per_training_sample_s",
                               priced("latency_per_training_sample_s", pricings[2][0]), "error_phase_latency_s")]
            self.w(f"- At depth {depth} DFA's training step is {speed[0]:.2f}x as fast as BP's with {fast} "
                   f"pulses ({speed[1]:.2f}x with {slow} pulses; error phase {speed[2]:.1f}x) and DFA is "
                   f"{100 * abs(gap):.1f} points {'behind' if gap > 0 else 'ahead of'} BP.")
        self.w("")

    def cnn_section(self):
        prefix = "cnn_"
        self.w("## 7. A convolutional network: LeNet-5 in situ", "",
               "The LeNet-5-like CNN of `configs/experiments/mnist_lenet_*.yaml` on the linear nominal "
               "device (`nominal_cnn.yaml`, sweeps `cnn_*.yaml`). Each conv layer's kernel matrix "
               "(5·5·C_in + bias rows) is read once per output position; BP reads the same arrays "
               "transposed and folds the errors back (col2im), DFA projects the output error onto "
               "each layer's whole output map with a fixed random B in SRAM. A conv update is "
               "summed over positions and batch and programmed once per batch. What differs "
               "from `nominal.yaml`:", "")
        self.nominal_setup(prefix)
        self.shared_sweeps(prefix, NOMINALS[prefix])
        rows = self.rows("cnn_adc_bits")
        x = "hardware.tile.adc_bits"
        energy = self.plots.draw("line", "cnn_adc_bits_energy", rows, x=x, xlabel="ADC bits",
                                 y="energy_per_training_sample_j", title="CNN: energy per training sample")
        latency = self.plots.draw("line", "cnn_adc_bits_latency", rows, x=x, xlabel="ADC bits",
                                  y="latency_per_training_sample_s", title="CNN: latency per training sample")
        self.w("| energy vs ADC bits | latency vs ADC bits |", "|---|---|",
               f"| ![energy]({energy}) | ![latency]({latency}) |", "",
               "| ADC bits | rule | accuracy | energy / sample | latency / sample | error phase | area |",
               "|---|---|---|---|---|---|---|")
        for bits in sorted({r[x] for r in rows}, key=pr.sort_key):
            for t in ("bp", "dfa"):
                where = {x: bits}
                self.w(f"| {bits} | {rule_label(t)} | {pct(*cell(rows, t, **where)[:2])} "
                       f"| {si(cell(rows, t, 'energy_per_training_sample_j', **where)[0], 'J')} "
                       f"| {si(cell(rows, t, 'latency_per_training_sample_s', **where)[0], 's')} "
                       f"| {si(cell(rows, t, 'error_phase_latency_s', **where)[0], 's')} "
                       f"| {si(cell(rows, t, 'chip_area_mm2', **where)[0], 'mm²')} |")
        self.w("", "- " + cost_range(rows, x, "energy_per_training_sample_j", "energy per training sample", "J", "ADC bits"),
               "- " + cost_range(rows, x, "latency_per_training_sample_s", "latency per training sample", "s", "ADC bits"), "")
        self.side_by_side(prefix)

    def summary_table(self):
        out = ["## Summary", "",
               "Accuracy at the benign and at the harshest value of each sweep (MNIST unless "
               "named), and which rule leads at the harshest value:", "",
               "| section | sweep | BP benign | BP harsh | DFA benign | DFA harsh | ahead when harsh |",
               "|---|---|---|---|---|---|---|"]
        for section, axis, b0, b1, d0, d1, lead in self.summary:
            out.append(f"| {section} | {axis} | {pct(b0)} | {pct(b1)} | {pct(d0)} | {pct(d1)} | {lead} |")
        counts = defaultdict(int)
        for *_, lead in self.summary:
            counts[lead] += 1
        out += ["", f"At the harshest setting BP leads in {counts['BP']} sweeps, DFA in {counts['DFA']}, "
                f"and {counts['tie']} end within the seed spread.", ""]
        return out

    def sections(self):
        self.rows("software")
        self.setup()
        self.nonidealities()
        self.quantization()
        self.scaling()
        self.device_section()
        self.fashion()
        self.second_nominal()
        self.cnn_section()

    def size_comparison(self):
        """The summary's harsh values and the nominal chips beside those of a finished study of
        another size (--compare SIZE DIR), and that study's size and time."""
        size, folder = self.args.compare
        with tempfile.TemporaryDirectory() as scratch:
            other = Report(SimpleNamespace(**{**vars(self.args), "results": folder, "out": scratch,
                                              "size": size, "compare": None}))
            other.sections()
        this = self.args.size
        out = [f"## The {this} and the {size} size", "",
               f"The same sweeps at the {size} size (`run.sh --{size}`): {other.size()}. "
               f"{other.effort()}", "",
               f"| nominal chip | {this}: BP, DFA | {size}: BP, DFA |", "|---|---|---|"]
        for prefix, name in NOMINALS.items():
            chips = [[pct(*cell(report.linear(prefix + "nonlinearity"), t)[:2]) for t in ("bp", "dfa")]
                     for report in (self, other)]
            out.append(f"| {name} | {', '.join(chips[0])} | {', '.join(chips[1])} |")
        out += ["", "At the harshest value of each sweep:", "",
                f"| section | sweep | {this}: BP, DFA, ahead | {size}: BP, DFA, ahead | conclusion |",
                "|---|---|---|---|---|"]
        changed = []
        for (section, axis, _, b1, _, d1, lead), theirs in zip(self.summary, other.summary):
            assert (section, axis) == theirs[:2], (section, axis, theirs[:2])
            same = lead == theirs[6]
            if not same:
                changed.append(f"{axis} ({section})")
            out.append(f"| {section} | {axis} | {pct(b1)}, {pct(d1)}, {lead} "
                       f"| {pct(theirs[3])}, {pct(theirs[5])}, {theirs[6]} | {'same' if same else 'changes'} |")
        out += ["", "- " + (f"The conclusion changes on {len(changed)} of {len(self.summary)} sweeps: "
                            f"{joined(changed)}." if changed else
                            "The conclusion is the same on every sweep."), ""]
        return out

    def write(self):
        if self.args.compare and not os.path.exists(os.path.join(self.args.compare[1], "complete")):
            raise SystemExit(f"{self.args.compare[1]}: not a finished study (run.sh writes 'complete' "
                             "there when every sweep has run)")
        self.sections()
        compared = self.size_comparison() if self.args.compare else []
        text = "\n".join(self.header() + self.summary_table() + compared + self.md) + "\n"
        os.makedirs(os.path.join(self.out, "data"), exist_ok=True)
        for sweep in self.tables:
            shutil.copyfile(os.path.join(self.args.results, sweep, "results.csv"),
                            os.path.join(self.out, "data", sweep + ".csv"))
        path = os.path.join(self.out, "report.md")
        with open(path + ".tmp", "w") as handle:
            handle.write(text)
        os.replace(path + ".tmp", path)
        print(f"wrote {path}")


# ---------------------------------------------------------------- cost helpers

def run(command):
    try:
        return subprocess.run(command, check=True, capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return ""


def cost_json(cimsim, config, arguments):
    """`cimsim cost CONFIG ARGUMENTS --json` (analytic, or re-priced with --events) as a dict."""
    with tempfile.TemporaryDirectory() as scratch:
        path = os.path.join(scratch, "cost.json")
        subprocess.run([cimsim, "-q", "cost", config, *arguments, "--json", path], check=True,
                       capture_output=True)
        with open(path) as handle:
            return json.load(handle)


def priced(column, label):
    """The column of a cost figure under one of Report.pricings() (mlp_depth rows)."""
    return f"{column} [{label}]"


def speedup_rows(rows):
    """BP/DFA latency ratios per depth (means over seeds), as rows for plot_line."""
    out = []
    for depth in sorted({r["depth"] for r in rows}, key=pr.sort_key):
        for phase, column in (("training step", "latency_per_training_sample_s"),
                              ("error phase", "error_phase_latency_s")):
            bp = cell(rows, "bp", column, depth=depth)[0]
            dfa = cell(rows, "dfa", column, depth=depth)[0]
            if bp and dfa:
                out.append(OrderedDict([("depth", depth), ("phase", phase), ("status", "completed"),
                                        ("speed_up", str(bp / dfa))]))
    return out


def programming_share(rows, trainer, depth):
    """Weight-update latency as a fraction of the four phase latencies (means over seeds)."""
    phases = [cell(rows, trainer, f"latency_phase_{p}_s", depth=depth)[0] or 0.0
              for p in ("forward", "error_propagation", "weight_gradient", "weight_update")]
    return phases[-1] / sum(phases) if sum(phases) else 0.0


def speedup_findings(speed):
    lines = []
    for phase in ("error phase", "training step"):
        points = [(r["depth"], float(r["speed_up"])) for r in speed if r["phase"] == phase]
        if points:
            lines.append(f"DFA's {phase} speed-up over BP goes from {points[0][1]:.2f} at depth "
                         f"{points[0][0]} to {points[-1][1]:.2f} at depth {points[-1][0]}"
                         + (f" (BP's error phase is N − 1 = {int(points[-1][0]) - 1} transposed "
                            "reads in sequence at that depth)." if phase == "error phase" else "."))
    return lines


def cost_pair(rows, x, column, what, unit):
    xs = sorted({r[x] for r in rows}, key=pr.sort_key)
    parts = []
    for trainer in ("bp", "dfa"):
        lo, hi = cell(rows, trainer, column, **{x: xs[0]})[0], cell(rows, trainer, column, **{x: xs[-1]})[0]
        parts.append(f"{rule_label(trainer)} {si(lo, unit)} → {si(hi, unit)}")
    ratio = [cell(rows, "bp", column, **{x: v})[0] / cell(rows, "dfa", column, **{x: v})[0] for v in (xs[0], xs[-1])]
    return (f"{what.capitalize()} from {x.split('.')[-1]} {xtext(xs[0])} to {xtext(xs[-1])}: "
            f"{'; '.join(parts)} (BP/DFA {ratio[0]:.2f} → {ratio[1]:.2f}).")


def cost_range(rows, x, column, what, unit, label):
    xs = sorted({r[x] for r in rows}, key=pr.sort_key)
    bp = [cell(rows, "bp", column, **{x: v})[0] for v in (xs[0], xs[-1])]
    dfa = [cell(rows, "dfa", column, **{x: v})[0] for v in (xs[0], xs[-1])]
    return (f"{what.capitalize()} at {label} {xtext(xs[0])} → {xtext(xs[-1])}: BP {si(bp[0], unit)} → "
            f"{si(bp[1], unit)}, DFA {si(dfa[0], unit)} → {si(dfa[1], unit)}.")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--results", required=True, help="folder with one results folder per sweep")
    parser.add_argument("--out", required=True, help="folder for report.md, plots/ and data/")
    parser.add_argument("--cimsim", required=True, help="the cimsim executable (for cimsim cost)")
    parser.add_argument("--size", default="default", choices=["default", "full", "smoke"])
    parser.add_argument("--compare", nargs=2, metavar=("SIZE", "DIR"),
                        help="set a finished study of another size beside this one (run.sh does)")
    Report(parser.parse_args()).write()


if __name__ == "__main__":
    main()
