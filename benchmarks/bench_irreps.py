"""Benchmarks for grok_nb.representations (the irreps of S7 and S8) and grok_nb.decomposition (the numerical path that
`irreps` takes for a group given only by its Cayley table).

Run from the repository root:  python benchmarks/bench_irreps.py [--big]

Prints wall time and peak memory: `tracemalloc` peak of the call (numpy reports its buffers to tracemalloc)
and the process's peak RSS so far (`resource`). Each measurement first drops the group's cached irreps.
--big adds the numerical path on groups of order 1,920 (S5 x D8) and 5,040 (S7), given only by their tables.
"""
import argparse, resource, time, tracemalloc
import numpy as np
from grok_nb.groups import symmetric, dihedral, direct_product, from_table
from grok_nb.representations import irreps, irrep, character_table

def measure(fn):
    "(result, seconds, tracemalloc peak bytes) of one call."
    tracemalloc.start(); tracemalloc.reset_peak()
    start = time.perf_counter(); result = fn(); seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]; tracemalloc.stop()
    return result, seconds, peak

def rss_gib(): return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20   # KiB on Linux

def fresh(G):
    "G with this module's per-group caches dropped (the constructors return one cached Group per argument)."
    for key in ('irreps', 'irrep_names', 'character_table', 'decomposition.word_tree'): G.cache.pop(key, None)
    return G

def all_matrices(G):
    "Build every irrep's matrices (they stay cached on the irreps); total number of entries."
    return sum(rho.matrices.size for rho in irreps(G))

def character_agreement(G):
    "Max |difference| between the sorted character lists of the closed form and of the numerical path on G's table."
    by_value = lambda reps: np.array(sorted((rho.character for rho in reps), key=lambda chi: tuple(np.round(chi, 6))))
    closed, numerical = by_value(irreps(G)), by_value(irreps(from_table(G.table)))
    if closed.shape != numerical.shape: return np.inf
    return float(np.abs(closed - numerical).max())

def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--big', action='store_true', help='also the numerical path on groups of order 1,920 and 5,040')
    args = parser.parse_args()

    # 1. S7: every irrep's matrices (Σ d² = 5040, so 5040² numbers)
    total, seconds, peak = measure(lambda: all_matrices(fresh(symmetric(7))))
    print(f"S7, all {len(irreps(symmetric(7)))} irreps' matrices ({total:,} numbers, {total * 8 / 2**20:.0f} MiB): "
          f"{seconds:.2f} s, tracemalloc peak {peak / 2**20:.0f} MiB")

    # 2. S8: one irrep at a time (the largest twice: the first call also faults in 2.4 GiB of fresh pages)
    for name, label in [('(4,2,1,1)', 'first call'), ('(4,2,1,1)', 'again'), ('(7,1)', ''), ('(8)', '')]:
        m, seconds, peak = measure(lambda: irrep(fresh(symmetric(8)), name).matrices)
        print(f"S8 irrep {name:>10} (d = {m.shape[1]:>2}) {label:<10}: {seconds:6.2f} s, output {m.nbytes / 2**30:.3f} GiB, "
              f"tracemalloc peak {peak / 2**30:.3f} GiB, process peak RSS {rss_gib():.2f} GiB")
        del m
    T, seconds, peak = measure(lambda: character_table(fresh(symmetric(8))))
    print(f"S8 character table ({T.values.shape[0]} x {T.values.shape[1]}, no matrices): {seconds:.2f} s, "
          f"tracemalloc peak {peak / 2**20:.0f} MiB")

    # 3. the numerical path: decomposition (eigh of an N x N convolution), then all matrices
    groups = [symmetric(5), symmetric(6), direct_product(symmetric(5), dihedral(3))]
    if args.big: groups += [direct_product(symmetric(5), dihedral(8)), symmetric(7)]
    for G in groups:
        table = from_table(G.table, name=f'{G.name} (table)')
        reps, seconds, peak = measure(lambda: irreps(table))
        total, seconds_m, peak_m = measure(lambda: all_matrices(table))
        kinds = ''.join(rho.kind[0].upper() for rho in reps)
        print(f"numerical path {table.name:>16} |G| = {G.order:>4}: {len(reps):>2} irreps ({kinds}); decomposition {seconds:5.2f} s "
              f"(peak {peak / 2**20:4.0f} MiB), all matrices {seconds_m:5.2f} s (peak {peak_m / 2**20:4.0f} MiB)")

    # 4. numerical path vs closed forms: same characters (as multisets)
    for G in [symmetric(5), symmetric(6), dihedral(12), direct_product(symmetric(4), dihedral(5))]:
        print(f"characters, closed form vs numerical path, {G.name:>6}: max |difference| {character_agreement(G):.1e}")

if __name__ == '__main__': main()
