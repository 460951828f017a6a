#!/usr/bin/env python3
"""Accuracy tables of docs/neurosim_parity.md: cimsim's neurosim_mlp_v3.yaml against MLP+NeuroSim V3.0.

Test accuracy after each epoch: cimsim seeds 1..CIMSIM_SEEDS (results/neurosim_parity/, written by
experiments/neurosim_parity.sh), NeuroSim every seed in docs/neurosim_reference.md. Prints
1. issue 20's criterion: the means of seeds 1 and 2 of each tool, and whether they agree within 5
   points;
2. all seeds: each tool's mean and seed standard deviation, the difference with its standard
   error (Welch), and how often two 2-seed means of one and the same tool would differ by more
   than 5 points given the seed spread measured here (normal approximation, pooled sd: the
   difference of two 2-seed means has the sd of one seed);
3. paired by seed label: cimsim's run with label L (seed L - 1, NeuroSim's NS_SEED) trains on the
   images NeuroSim's run L trains on (train.sampling: neurosim_c_rand), so the difference of each
   pair removes what the sample order does to both; mean paired difference with its standard
   error, and the sd of the paired differences against the unpaired sd of one difference.
Usage: experiments/neurosim_parity_accuracy.py [CIMSIM_SEEDS]   (default 6)
"""
import math
import statistics
import sys

from neurosim_runs import DEVICES, NS_ACCURACY, cimsim_runs, neurosim_runs, neurosim_seeds

TOLERANCE_POINTS = 5.0  # issue 20: within 5 points of NeuroSim's mean test accuracy
EPOCHS = (1, 2, 3)


def accuracies(cim, ns, device, epoch, cim_seeds, ns_seeds):
    ours = [100 * float(cim[(device, s, epoch)]['test_accuracy']) for s in cim_seeds]
    theirs = [float(ns[(device, s, epoch)][NS_ACCURACY]) for s in ns_seeds]
    return ours, theirs


def criterion_table(cim, ns):
    print('| device | cimsim seeds 1–2, epochs 1 / 2 / 3 | NeuroSim seeds 1–2 | difference (points) '
          '| within 5 |')
    print('|---|---|---|---|---|')
    for label, device in DEVICES.items():
        pairs = [accuracies(cim, ns, device, e, (1, 2), (1, 2)) for e in EPOCHS]
        ours = [statistics.mean(a) for a, _ in pairs]
        theirs = [statistics.mean(b) for _, b in pairs]
        diffs = [a - b for a, b in zip(ours, theirs)]
        met = all(abs(d) <= TOLERANCE_POINTS for d in diffs)
        print(f"| {label} | {' / '.join('%.1f' % v for v in ours)} | "
              f"{' / '.join('%.1f' % v for v in theirs)} | {' / '.join('%+.1f' % d for d in diffs)} "
              f"| {'yes' if met else 'no'} |")


def spread_row(ours, theirs):
    sd_ours, sd_theirs = statistics.stdev(ours), statistics.stdev(theirs)
    diff = statistics.mean(ours) - statistics.mean(theirs)
    se = math.sqrt(sd_ours**2 / len(ours) + sd_theirs**2 / len(theirs))
    pooled = math.sqrt(((len(ours) - 1) * sd_ours**2 + (len(theirs) - 1) * sd_theirs**2) /
                       (len(ours) + len(theirs) - 2))
    chance = 2 * (1 - statistics.NormalDist().cdf(TOLERANCE_POINTS / pooled))
    return (f'{statistics.mean(ours):.1f} ({sd_ours:.1f}) | {statistics.mean(theirs):.1f} '
            f'({sd_theirs:.1f}) | {diff:+.1f} ± {se:.1f} | {100 * chance:.0f} %')


def spread_table(cim, ns, cim_seeds):
    print('| device | epoch | cimsim mean (sd), seeds 1–%d | NeuroSim mean (sd), seeds | difference ± '
          'standard error (points) | two 2-seed means of one tool differ by > 5 points |'
          % cim_seeds[-1])
    print('|---|---|---|---|---|---|')
    for label, device in DEVICES.items():
        ns_seeds = neurosim_seeds(ns, device)
        for e in EPOCHS:
            ours, theirs = accuracies(cim, ns, device, e, cim_seeds, ns_seeds)
            name = f'{label} ({len(ns_seeds)} NeuroSim seeds)' if e == 1 else ''
            print(f'| {name} | {e} | {spread_row(ours, theirs)} |')


def paired_table(cim, ns, cim_seeds):
    print('| device | epoch | labels | mean paired difference ± standard error (points) | sd of the '
          'paired differences | sd of an unpaired difference |')
    print('|---|---|---|---|---|---|')
    for label, device in DEVICES.items():
        labels = [s for s in neurosim_seeds(ns, device) if s in cim_seeds]
        for e in EPOCHS:
            ours, theirs = accuracies(cim, ns, device, e, labels, labels)
            diffs = [a - b for a, b in zip(ours, theirs)]
            sd = statistics.stdev(diffs)
            unpaired = math.sqrt(statistics.variance(ours) + statistics.variance(theirs))
            name = label if e == 1 else ''
            print(f'| {name} | {e} | 1–{labels[-1]} | {statistics.mean(diffs):+.1f} ± '
                  f'{sd / math.sqrt(len(diffs)):.1f} | {sd:.1f} | {unpaired:.1f} |')


def main():
    seeds = int(sys.argv[1]) if len(sys.argv) > 1 else 6
    ns, cim = neurosim_runs(), cimsim_runs(seeds, 'metrics.csv')
    criterion_table(cim, ns)
    print()
    spread_table(cim, ns, tuple(range(1, seeds + 1)))
    print()
    paired_table(cim, ns, tuple(range(1, seeds + 1)))


if __name__ == '__main__':
    main()
