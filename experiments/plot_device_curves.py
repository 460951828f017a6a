#!/usr/bin/python3
"""Plots the output of `cimsim device-curve DIR`: conductance vs pulse (LTP then LTD) for every
sampled device, and the update size vs conductance ("symmetry" plot). Reads DIR/curve.csv and
DIR/update_size.csv, writes DIR/device_curve.png and DIR/update_size.png (1280 px wide, 9 pt
text or larger, legends outside the traces) and an SVG copy of each. Needs only the standard
library and matplotlib (Debian python3-matplotlib)."""

import argparse
import csv
import os
from collections import defaultdict

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (backend must be chosen first)

# 6.4 in at 200 dpi = 1280 px; every text at least 9 pt.
FIGSIZE_IN = (6.4, 4.0)
plt.rcParams.update({"font.size": 10, "axes.titlesize": 11, "legend.fontsize": 9,
                     "xtick.labelsize": 9, "ytick.labelsize": 9, "savefig.dpi": 200})
LEGEND_DEVICES = 8  # more devices than this get no legend (each line is one sampled device)


def save(fig, out_path):
    """PNG at the size above plus an SVG beside it; the outside legend kept in the frame."""
    fig.savefig(out_path, bbox_inches="tight")
    fig.savefig(os.path.splitext(out_path)[0] + ".svg", bbox_inches="tight")
    plt.close(fig)

def read_rows(path):
    with open(path, newline="") as handle:
        return list(csv.DictReader(handle))


def unit_for(rows):
    """Axis scale and label: microsiemens, or nanosiemens for sub-uS devices."""
    top = max(abs(float(r["conductance_siemens"])) for r in rows)
    return (1e9, "nS") if top < 1e-6 else (1e6, "µS")


def plot_curves(rows, title, out_path):
    scale, unit = unit_for(rows)
    pulses = defaultdict(list)
    values = defaultdict(list)
    ltd_start = None
    for row in rows:
        device = int(row["device"])
        pulses[device].append(int(row["pulse"]))
        values[device].append(float(row["conductance_siemens"]) * scale)
        if row["phase"] == "ltd" and ltd_start is None:
            ltd_start = int(row["pulse"]) - 1
    fig, ax = plt.subplots(figsize=FIGSIZE_IN)
    for device in sorted(pulses):
        ax.plot(pulses[device], values[device], linewidth=0.9, label=f"device {device}")
    if ltd_start is not None:
        ax.axvline(ltd_start, color="0.6", linestyle="--", linewidth=0.8)
        ax.text(ltd_start * 0.5, ax.get_ylim()[1], "LTP", ha="center", va="top", fontsize=10)
        ax.text(ltd_start * 1.5, ax.get_ylim()[1], "LTD", ha="center", va="top", fontsize=10)
    ax.set_xlabel("pulse number (potentiation, then depression)")
    ax.set_ylabel(f"conductance ({unit})")
    ax.set_title(title)
    if len(pulses) <= LEGEND_DEVICES:
        ax.legend(bbox_to_anchor=(1.02, 1), loc="upper left", borderaxespad=0)
    save(fig, out_path)


def plot_update_sizes(rows, title, out_path):
    scale, unit = unit_for(rows)
    fig, ax = plt.subplots(figsize=FIGSIZE_IN)
    for direction, color in (("up", "tab:red"), ("down", "tab:blue")):
        g = [float(r["conductance_siemens"]) * scale for r in rows if r["direction"] == direction]
        dg = [float(r["delta_siemens"]) * scale for r in rows if r["direction"] == direction]
        ax.scatter(g, dg, s=3, color=color, alpha=0.5, label=f"{direction} pulse")
    ax.axhline(0, color="0.6", linewidth=0.8)
    ax.set_xlabel(f"conductance before the pulse ({unit})")
    ax.set_ylabel(f"conductance change ({unit})")
    ax.set_title(title + ": update size")
    ax.legend(bbox_to_anchor=(1.02, 1), loc="upper left", borderaxespad=0, markerscale=3)
    save(fig, out_path)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("dir", help="folder written by `cimsim device-curve`")
    parser.add_argument("--title", default="", help="plot title")
    args = parser.parse_args()
    plot_curves(read_rows(os.path.join(args.dir, "curve.csv")), args.title,
                os.path.join(args.dir, "device_curve.png"))
    plot_update_sizes(read_rows(os.path.join(args.dir, "update_size.csv")), args.title,
                      os.path.join(args.dir, "update_size.png"))


if __name__ == "__main__":
    main()
