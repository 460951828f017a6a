"""Both sides of the NeuroSim parity tables (docs/neurosim_parity.md), read from where they live.

NeuroSim: the "Per run, per epoch" table of docs/neurosim_reference.md (MLP+NeuroSim V3.0 runs on
this machine; per-epoch increments of its printout). cimsim: results/neurosim_parity/<device>_s<seed>/
as written by experiments/neurosim_parity.sh.
"""
import csv
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
DEVICES = {'Ag:a-Si': 'agsi', 'TaOx/HfOx': 'taox_hfox', 'PCMO': 'pcmo', 'AlOx/HfO2': 'alox_hfo2',
           'EpiRAM': 'epiram'}
# Columns of the reference table's per-run rows.
NS_ACCURACY, NS_READ_LATENCY, NS_WRITE_LATENCY, NS_READ_ENERGY, NS_WRITE_ENERGY = 3, 4, 5, 6, 7


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


def neurosim_seeds(runs, device):
    return sorted({s for (d, s, _) in runs if d == device})


def cimsim_runs(seeds, table):
    """{(device, seed, epoch): row} from each run's `table` (metrics.csv, neurosim_epochs.csv)."""
    runs = {}
    for device in DEVICES.values():
        for seed in range(1, seeds + 1):
            path = ROOT / f'results/neurosim_parity/{device}_s{seed}/{table}'
            for row in csv.DictReader(path.open()):
                runs[(device, seed, int(row['epoch']))] = row
    return runs
