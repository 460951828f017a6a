#!/usr/bin/env python3
"""Per-epoch cost table of docs/neurosim_parity.md: cimsim against MLP+NeuroSim V3.0.

cimsim: results/neurosim_parity/<device>_s<seed>/neurosim_epochs.csv, written by
experiments/neurosim_parity.sh (each epoch priced from its own recorded events). NeuroSim: the
"Per run, per epoch" table of docs/neurosim_reference.md (per-epoch increments of its printout).
Both sides: the mean of seeds 1..SEEDS at each epoch.
Usage: experiments/neurosim_parity_cost.py [SEEDS]   (default 2; prints a Markdown table)
"""
import csv
import pathlib
import statistics
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
DEVICES = {'Ag:a-Si': 'agsi', 'TaOx/HfOx': 'taox_hfox', 'PCMO': 'pcmo', 'AlOx/HfO2': 'alox_hfo2',
           'EpiRAM': 'epiram'}
# (label, neurosim_epochs.csv column, column of the reference table's per-run rows)
QUANTITIES = [('read latency (s)', 'read_latency_s', 4), ('read energy (J)', 'read_energy_j', 6),
              ('write latency (s)', 'write_latency_s', 5), ('write energy (J)', 'write_energy_j', 7)]


def neurosim_runs():
    """{(device, seed, epoch): row cells} from the reference's per-run table."""
    runs, in_table = {}, False
    for line in (ROOT / 'docs/neurosim_reference.md').read_text().splitlines():
        if line.startswith('### '):
            in_table = line.startswith('### Per run')
        cells = [c.strip() for c in line.strip('|').split('|')]
        if in_table and len(cells) > 7 and cells[0] in DEVICES and cells[1].isdigit():
            runs[(DEVICES[cells[0]], int(cells[1]), int(cells[2]))] = cells
    return runs


def cimsim_runs(seeds):
    runs = {}
    for device in DEVICES.values():
        for seed in range(1, seeds + 1):
            path = ROOT / f'results/neurosim_parity/{device}_s{seed}/neurosim_epochs.csv'
            for row in csv.DictReader(path.open()):
                runs[(device, seed, int(row['epoch']))] = row
    return runs


def main():
    seeds = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    ns, cim = neurosim_runs(), cimsim_runs(seeds)
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
