#!/usr/bin/python3
"""Plots the output of `cimsim device-curve DIR`: conductance vs pulse (LTP then LTD) for every
sampled device, and the update size vs conductance ("symmetry" plot). Reads DIR/curve.csv and
DIR/update_size.csv, writes DIR/device_curve.png and DIR/update_size.png. Needs only the
standard library and matplotlib (Debian python3-matplotlib)."""

import argparse
import csv
import os
from collections import defaultdict

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (backend must be chosen first)

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
    fig, ax = plt.subplots(figsize=(4.6, 3.1), dpi=80)
    for device in sorted(pulses):
        ax.plot(pulses[device], values[device], linewidth=0.9, label=f"device {device}")
    if ltd_start is not None:
        ax.axvline(ltd_start, color="0.6", linestyle="--", linewidth=0.8)
        ax.text(ltd_start * 0.5, ax.get_ylim()[1], "LTP", ha="center", va="top", fontsize=8)
        ax.text(ltd_start * 1.5, ax.get_ylim()[1], "LTD", ha="center", va="top", fontsize=8)
    ax.set_xlabel("pulse number")
    ax.set_ylabel(f"conductance ({unit})")
    ax.set_title(title, fontsize=9)
    if len(pulses) <= 8:
        ax.legend(fontsize=6, loc="lower center")
    fig.tight_layout()
    fig.savefig(out_path)
    plt.close(fig)


def plot_update_sizes(rows, title, out_path):
    scale, unit = unit_for(rows)
    fig, ax = plt.subplots(figsize=(4.6, 3.1), dpi=80)
    for direction, color in (("up", "tab:red"), ("down", "tab:blue")):
        g = [float(r["conductance_siemens"]) * scale for r in rows if r["direction"] == direction]
        dg = [float(r["delta_siemens"]) * scale for r in rows if r["direction"] == direction]
        ax.scatter(g, dg, s=3, color=color, alpha=0.5, label=f"{direction} pulse")
    ax.axhline(0, color="0.6", linewidth=0.8)
    ax.set_xlabel(f"conductance before the pulse ({unit})")
    ax.set_ylabel(f"conductance change ({unit})")
    ax.set_title(title + ": update size", fontsize=9)
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(out_path)
    plt.close(fig)


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
