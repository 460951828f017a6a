#!/usr/bin/env python3
"""Per-epoch cost table of docs/neurosim_parity.md: cimsim against MLP+NeuroSim V3.0.

cimsim: results/neurosim_parity/<device>_s<seed>/neurosim_epochs.csv, written by
experiments/neurosim_parity.sh (each epoch priced from its own recorded events). NeuroSim: the
"Per run, per epoch" table of docs/neurosim_reference.md (per-epoch increments of its printout).
Both sides: the mean of seeds 1..SEEDS at each epoch.
Usage: experiments/neurosim_parity_cost.py [SEEDS]   (default 2; prints a Markdown table)
"""
import statistics
import sys

from neurosim_runs import (DEVICES, NS_READ_ENERGY, NS_READ_LATENCY, NS_WRITE_ENERGY,
                           NS_WRITE_LATENCY, cimsim_runs, neurosim_runs)

# (label, neurosim_epochs.csv column, column of the reference table's per-run rows)
QUANTITIES = [('read latency (s)', 'read_latency_s', NS_READ_LATENCY),
              ('read energy (J)', 'read_energy_j', NS_READ_ENERGY),
              ('write latency (s)', 'write_latency_s', NS_WRITE_LATENCY),
              ('write energy (J)', 'write_energy_j', NS_WRITE_ENERGY)]


def main():
    seeds = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    ns, cim = neurosim_runs(), cimsim_runs(seeds, 'neurosim_epochs.csv')
    epochs = sorted({e for (_, _, e) in ns})
    span = ' / '.join(str(e) for e in epochs)
    print(f'| device | quantity | cimsim, epochs {span} | NeuroSim, epochs {span} | ratio per epoch '
          f'| ratio of the sums |')
    print('|---|---|---|---|---|---|')
    for label, device in DEVICES.items():
        for i, (quantity, column, cell) in enumerate(QUANTITIES):
            ours = [statistics.mean(float(cim[(device, s, e)][column]) for s in range(1, seeds + 1))
                    for e in epochs]
            theirs = [statistics.mean(float(ns[(device, s, e)][cell]) for s in range(1, seeds + 1))
                      for e in epochs]
            ratios = ' / '.join('%.2f' % (a / b) for a, b in zip(ours, theirs))
            print(f"| {label if i == 0 else ''} | {quantity} | {' / '.join('%.3g' % v for v in ours)} "
                  f"| {' / '.join('%.3g' % v for v in theirs)} | {ratios} | {sum(ours) / sum(theirs):.2f} |")


if __name__ == '__main__':
    main()
