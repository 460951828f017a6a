"""A study nominal's set-up, written from the resolved configuration of a point that ran.

The report's set-up tables and size line are read from runs/<id>/resolved.yaml and summary.json
(what `cimsim sweep` keeps for every point), so they cannot drift from nominal*.yaml, the sweep
files or run.sh's resizing. Needs Debian's python3-yaml.
"""

import json
import os
import re
from collections import OrderedDict

import yaml

LOSSES = {"mse": "MSE loss", "cross_entropy": "softmax cross-entropy"}
INITS = {"uniform": "uniform init in [-1, 1]", "xavier": "Xavier init", "he": "He init"}
NORMALIZE = {"unit": "pixels scaled to [0, 1]", "standard": "pixels standardized", "none": "raw pixels"}
DATASETS = {"mnist": "MNIST", "fashion_mnist": "Fashion-MNIST", "idx": "IDX files"}


class Point:
    """The resolved configuration and run summary of one finished point of a sweep."""

    def __init__(self, results_dir, sweep, point_id):
        run_dir = os.path.join(results_dir, sweep, "runs", point_id)
        with open(os.path.join(run_dir, "resolved.yaml")) as handle:
            self.config = numbers(yaml.safe_load(handle))
        with open(os.path.join(run_dir, "summary.json")) as handle:
            self.summary = json.load(handle)

    def get(self, path):
        node = self.config
        for key in path.split("."):
            node = node[key]
        return node

    @property
    def train_images(self):
        return int(self.summary["cost"]["epoch_samples"])

    def size(self):
        """'60,000 training images x 5 epochs'."""
        return f"{self.train_images:,} training images x {epochs(self.get('train.epochs'))}"

    def network(self):
        layers = self.get("model.layers")
        if all(layer.get("type", "dense") == "dense" for layer in layers):
            inputs = self.summary["cost"]["layers"][0]["inputs"] - int(bool(self.get("model.bias")))
            shape = "-".join(str(n) for n in [inputs] + [layer["units"] for layer in layers])
        else:
            shape = " – ".join(layer_text(layer) for layer in layers if layer["type"] != "flatten")
        hidden = sorted({layer["activation"] for layer in layers[:-1] if "activation" in layer})
        return (f"{shape}, {'/'.join(hidden)} hidden, {layers[-1]['activation']} output, "
                f"{LOSSES[self.get('model.loss')]}, {INITS[self.get('model.init')]}")

    def data(self):
        crop = self.get("data.crop")
        test = self.get("data.test_limit")
        return (f"{DATASETS[self.get('data.dataset')]}"
                f"{f' centre-cropped to {crop}x{crop}' if crop else ''}, "
                f"{NORMALIZE[self.get('data.normalize')]}, "
                f"{self.train_images:,} training images, "
                f"{'all test images' if not test else f'{test:,} test images'}")

    def training(self):
        batch = self.get("train.batch_size")
        decay = self.get("train.lr_decay")
        momentum = self.get("train.momentum")
        return (("per-sample" if batch == 1 else f"batch {batch} (programmed once per batch)")
                + f" in-situ SGD, learning rate {self.get('train.learning_rate'):g}"
                + (f" x {decay:g} per epoch" if decay != 1 else "")
                + (f", momentum {momentum:g}" if momentum else "")
                + f", {epochs(self.get('train.epochs'))}")

    def device(self):
        d = self.get("hardware.device")
        g_min, g_max = d["g_min_siemens"], d["g_max_siemens"]
        linear = d["nonlinearity_ltp"] == 0 and d["nonlinearity_ltd"] == 0
        variation = d["c2c_std"] or d["nonlinearity_d2d_std"]
        return (f"`{d['type']}` model{' made linear (labels 0/0)' if linear else ''}, "
                f"{d['levels_ltp']} levels per branch, {g_min * 1e9:g} nS–{g_max * 1e6:g} µS "
                f"(on/off {g_max / g_min:g}), {'no variation' if not variation else 'with variation'}, "
                f"{'no read noise' if not d['read_noise_std'] else 'read noise'}, "
                f"{d['pulse_width_s'] * 1e9:g} ns pulses")

    def tiles(self):
        t, c = self.get("hardware.tile"), self.get("hardware.crossbar")
        adc_range = (f"ADC full scale fixed at {c['adc_range_fraction']:g} of the largest possible sum"
                     if c["adc_range"] == "fixed" else f"{c['adc_range']} ADC range")
        return (f"{t['rows']}x{t['cols']}, {t['mapping']} mapping, {t['input_bits']}-bit "
                f"{t['input_mode'].upper()} inputs, {t['adc_bits']}-bit {t['adc_type'].upper()} ADC per "
                f"{t['cols_per_adc']} columns, {adc_range}, weight range {c['weight_range']:g}, "
                f"{c['pulse_rounding']} pulse rounding, at most {c['max_pulses']} pulses per update")

    def cost(self):
        c = self.get("hardware.cost")
        return (f"{c['node_nm']:g} nm, {c['clock_hz'] / 1e9:g} GHz; energy, latency and area priced "
                "from the events each run recorded")

    def feedback(self):
        array = self.get("hardware.feedback.array")
        return {"software": "fixed random B in digital SRAM with MAC lanes",
                "crossbar": "fixed random B on analog tiles of the same device"}.get(array, array)

    def parts(self):
        """The set-up table's rows, part name to text."""
        return OrderedDict([("data", self.data()), ("network", self.network()),
                            ("training", self.training()), ("device", self.device()),
                            ("tiles", self.tiles()), ("cost", self.cost()),
                            ("feedback (FA/DFA/DRTP)", self.feedback())])


def epochs(count):
    return f"{count} epoch{'' if count == 1 else 's'}"


# cimsim writes reals such as 1e-08, which YAML 1.1 (PyYAML) reads as strings.
REAL = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")


def numbers(node):
    """The parsed YAML with every string that spells a real turned into a float."""
    if isinstance(node, dict):
        return {k: numbers(v) for k, v in node.items()}
    if isinstance(node, list):
        return [numbers(v) for v in node]
    return float(node) if isinstance(node, str) and REAL.fullmatch(node) else node


def preset(name):
    """A device preset of configs/devices/ as `device: {preset: NAME}` starts from it."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "configs", "devices",
                        name + ".yaml")
    with open(path) as handle:
        return numbers(yaml.safe_load(handle))


def layer_text(layer):
    kind = layer["type"]
    if kind == "conv2d":
        pad = f" (pad {layer['padding']})" if layer["padding"] else ""
        return f"conv {layer['channels']}@{layer['kernel']}x{layer['kernel']}{pad}"
    if kind in ("max_pool", "avg_pool"):
        return f"{kind.split('_')[0]} pool {layer['kernel']}"
    return str(layer["units"])
