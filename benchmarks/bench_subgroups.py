"""Time the enumeration of all subgroups (grok_nb.subgroups) for S4, A5, S5, S6, and print the counts.

    python benchmarks/bench_subgroups.py          # S4, A5, S5, S6
    python benchmarks/bench_subgroups.py --s7     # also S7 (11,300 subgroups; needs max_order=5040, ~0.5 GB)

Each group is built fresh, so nothing is cached between rows. Columns: the Cayley table (built lazily by
grok_nb.groups), subgroups(G), the names and descriptions of all subgroups (isomorphism types, with their
explicit isomorphism checks), and coset_labels(G) for both sides."""
import argparse, os, platform, time
import numpy as np
from grok_nb.groups import group
from grok_nb.subgroups import subgroups, subgroup_classes, coset_labels

LITERATURE = {'S4': (30, 11), 'A5': (59, 9), 'S5': (156, 19), 'S6': (1455, 56), 'S7': (11300, 96)}

def timed(f):
    start = time.perf_counter(); out = f(); return out, time.perf_counter() - start

def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--s7', action='store_true', help='also enumerate S7 (order 5040)')
    args = parser.parse_args()
    names = ['S4', 'A5', 'S5', 'S6'] + (['S7'] if args.s7 else [])
    print(f"numpy {np.__version__}, python {platform.python_version()}, {os.cpu_count()} CPUs")
    print(f"{'group':>5} {'order':>6} {'subgroups':>9} {'classes':>7} {'literature':>11} "
          f"{'table s':>8} {'subgroups s':>11} {'names s':>8} {'cosets s':>8}")
    for name in names:
        G = group(name)
        _, t_table = timed(lambda: G.table)
        found, t_sub = timed(lambda: subgroups(G, max_order=max(720, G.order)))
        _, t_names = timed(lambda: [H.description for H in found])
        _, t_cosets = timed(lambda: (coset_labels(G, 'left'), coset_labels(G, 'right')))
        counts = (len(found), len(subgroup_classes(G)))
        ok = 'ok' if counts == LITERATURE[name] else f'EXPECTED {LITERATURE[name]}'
        print(f"{name:>5} {G.order:>6} {counts[0]:>9} {counts[1]:>7} {ok:>11} "
              f"{t_table:>8.3f} {t_sub:>11.3f} {t_names:>8.3f} {t_cosets:>8.3f}")

if __name__ == '__main__':
    main()
