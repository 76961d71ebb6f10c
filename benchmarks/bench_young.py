"""Benchmarks for grok_nb.young: Young's orthogonal form and Clausen's FFT over S_n.

Run from the repository root:  python benchmarks/bench_young.py [--all-s8]

Prints wall time (best of a few runs where cheap) and peak memory: `tracemalloc` peak of the call (numpy
reports its buffers to tracemalloc) and the process's peak RSS so far (`resource`).
"""
import argparse, math, resource, time, tracemalloc
import numpy as np
from grok_nb.young import partitions, hook_dimension, yor_matrices, clausen_fft, clausen_ifft, partition_name

def measure(fn, repeat=1):
    """(result, best seconds, tracemalloc peak bytes): `repeat` untraced timing runs, then one traced run
    (timed too when repeat = 0, for calls too big to hold two results at once)."""
    best = math.inf
    for _ in range(repeat):
        start = time.perf_counter(); result = fn(); best = min(best, time.perf_counter() - start)
        del result
    tracemalloc.start(); tracemalloc.reset_peak()
    start = time.perf_counter(); result = fn(); traced = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]; tracemalloc.stop()
    return result, (best if repeat else traced), peak

def rss_gb(): return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20   # KiB on Linux

def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--all-s8', action='store_true', help='time yor_matrices for every irrep of S8, not only the largest')
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    # combinatorial plans are cached per n; build them once (through the public functions: the trivial irrep's
    # matrices build the Coxeter walk, one FFT the coset order) so the figures below are the per-call cost
    for n in (7, 8): yor_matrices((n,)); clausen_fft(np.zeros(math.factorial(n)), n)

    # 1. yor_matrices for every irrep of S7
    peaks = [measure(lambda: yor_matrices(lam), repeat=0)[2] for lam in partitions(7)]
    t0 = time.perf_counter()
    for lam in partitions(7): yor_matrices(lam)
    total7 = time.perf_counter() - t0
    print(f"yor_matrices, all 15 irreps of S7 (5,040 elements): {total7:.3f} s total; "
          f"largest tracemalloc peak {max(peaks) / 2**20:.1f} MiB")

    # 2. yor_matrices on S8: the largest irrep twice (the first call also faults in 2.4 GiB of fresh pages,
    #    which is slow on some virtual machines), then every irrep with --all-s8
    lams8 = sorted(partitions(8), key=hook_dimension, reverse=True)
    for label, lam in [('first call', lams8[0]), ('again', lams8[0])] + [('', lam) for lam in (lams8 if args.all_s8 else [])]:
        rho, seconds, peak = measure(lambda: yor_matrices(lam), repeat=0)
        print(f"yor_matrices {partition_name(lam):>15} of S8 (d = {hook_dimension(lam):>2}){' ' + label if label else '':<11}: "
              f"{seconds:6.2f} s, output {rho.nbytes / 2**30:.2f} GiB, tracemalloc peak {peak / 2**30:.2f} GiB, "
              f"process peak RSS {rss_gb():.2f} GiB")
        del rho

    # 3. Clausen's FFT and inverse on S7 and S8, one function; dense einsum for comparison on S7
    for n in (7, 8):
        f = rng.standard_normal(math.factorial(n))
        fhat, seconds, peak = measure(lambda: clausen_fft(f, n), repeat=5)
        back, inv_seconds, inv_peak = measure(lambda: clausen_ifft(fhat, n), repeat=5)
        err = np.abs(back - f).max()
        print(f"clausen_fft  S{n}: {seconds * 1e3:7.1f} ms, tracemalloc peak {peak / 2**20:6.1f} MiB")
        print(f"clausen_ifft S{n}: {inv_seconds * 1e3:7.1f} ms, tracemalloc peak {inv_peak / 2**20:6.1f} MiB, round-trip error {err:.1e}")
    f = rng.standard_normal(5040)
    t0 = time.perf_counter(); rhos = {lam: yor_matrices(lam) for lam in partitions(7)}; build = time.perf_counter() - t0
    t0 = time.perf_counter(); dense = {lam: np.einsum('g,gij->ij', f, rho) for lam, rho in rhos.items()}; contract = time.perf_counter() - t0
    fhat = clausen_fft(f, 7)
    err = max(np.abs(fhat[lam] - dense[lam]).max() for lam in dense)
    print(f"dense S7: building all YOF matrices {build * 1e3:.0f} ms + einsum {contract * 1e3:.1f} ms "
          f"(max |FFT - dense| = {err:.1e})")
    # a batch: 128 functions at once (e.g. the 128 hidden neurons of a network)
    F = rng.standard_normal((40320, 128))
    _, seconds, peak = measure(lambda: clausen_fft(F, 8))
    print(f"clausen_fft  S8, batch of 128 functions: {seconds:.2f} s, tracemalloc peak {peak / 2**20:.0f} MiB")
    print(f"process peak RSS: {rss_gb():.2f} GiB")

if __name__ == '__main__':
    main()
