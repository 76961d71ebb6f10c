"""Time the coset analysis (grok_nb.coset_analysis): coset concentration of every neuron over every subgroup.

    python benchmarks/bench_cosets.py            # S5 × 128 neurons and S6 × 256 neurons
    python benchmarks/bench_cosets.py --repeat 5

Issue 5's targets: all 156 subgroups of S5 × 128 neurons in < 1 s, all 1,455 subgroups of S6 × 256 neurons in < 10 s.
Columns (seconds, best of --repeat): 'setup' = enumerating the subgroups and their (subgroups × elements) membership
matrix (once per group, cached); 'one input' = both sides' concentrations of one input's functions (N × width)
over all subgroups; 'neurons' = `neuron_cosets` on an untrained model of Stander et al.'s widths: f_L, f_R and the
unembedding rows, both sides each, with the best subgroups (what the paper computes, and more); 'report' =
`coset_report` (that plus names, the JSON entries and the ablation on all N² pairs)."""
import argparse, os, platform, time
import numpy as np
import torch
from grok_nb.groups import group
from grok_nb.subgroups import subgroups
from grok_nb.models import build_model
from grok_nb.coset_analysis import membership_matrix, coset_concentration, neuron_cosets, coset_report, SIDES

SETTINGS = {'S5': dict(embed_dim=256, hidden=128), 'S6': dict(embed_dim=512, hidden=256)}   # Stander et al.'s widths

def best_of(f, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter(); f(); times.append(time.perf_counter() - start)
    return min(times)

def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--repeat', type=int, default=3)
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f} (other processes share these cores)")
    print(f"numpy {np.__version__}, torch {torch.__version__}, python {platform.python_version()}, {os.cpu_count()} CPUs, "
          f"torch threads {torch.get_num_threads()}")
    print(f"{'group':>5} {'subgroups':>9} {'neurons':>7} {'setup s':>8} {'one input s':>11} {'neurons s':>9} {'report s':>8}  target")
    for name, widths in SETTINGS.items():
        G = group(name)
        start = time.perf_counter()
        membership_matrix(G); G.table
        setup = time.perf_counter() - start
        model = build_model('stander_mlp', G.order, **widths)
        f = np.random.default_rng(0).normal(size=(G.order, widths['hidden']))
        t_one = best_of(lambda: [coset_concentration(G, f, side) for side in SIDES], args.repeat)
        t_neurons = best_of(lambda: neuron_cosets(model, G), args.repeat)
        t_report = best_of(lambda: coset_report(model, G), 1)   # includes the ablation on all N² pairs: once
        target = 1.0 if name == 'S5' else 10.0
        print(f"{name:>5} {len(subgroups(G)):>9} {widths['hidden']:>7} {setup:>8.2f} {t_one:>11.3f} {t_neurons:>9.3f} {t_report:>8.3f}  "
              f"< {target:g} s: {'ok' if t_neurons < target else 'MISSED'}")

if __name__ == '__main__':
    main()
