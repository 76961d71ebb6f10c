#!/usr/bin/env python
"""Fourier transform benchmarks (issue targets: dense transform of a (5040, 256) matrix < 1 s; S8 FFT of one
function < 2 s and < 2 GB). Prints each figure; run with `python benchmarks/bench_fourier.py`."""
import resource, time, tracemalloc
import numpy as np
from grok_nb.groups import symmetric
from grok_nb.fourier import fourier_basis, irrep_power
from grok_nb.young import clausen_fft

def timed(f, repeat=3):
    best = float('inf')
    for _ in range(repeat):
        t = time.perf_counter(); out = f(); best = min(best, time.perf_counter() - t)
    return best, out

rng = np.random.default_rng(0)
S7 = symmetric(7)
t_basis, fb = timed(lambda: fourier_basis(S7), repeat=1)
print(f"S7 dense basis (5040 x 5040), built once and cached: {t_basis:.2f} s")
f = rng.normal(size=(S7.order, 256))
t_dense, _ = timed(lambda: fb.coefficients(f))
print(f"dense transform of a (5040, 256) matrix: {t_dense:.3f} s   (target < 1 s)")
t_power, _ = timed(lambda: irrep_power(S7, f, per_column=True))
print(f"power per irrep per column, (5040, 256): {t_power:.3f} s")
t_fft7, _ = timed(lambda: clausen_fft(f, 7))
print(f"Clausen FFT on S7 of the same (5040, 256) matrix: {t_fft7:.3f} s")

S8 = symmetric(8)
g = rng.normal(size=S8.order)
clausen_fft(g, 8)   # warm the per-n caches (index arrays, generator tables)
tracemalloc.start()
t_fft8, _ = timed(lambda: clausen_fft(g, 8))
_, peak = tracemalloc.get_traced_memory(); tracemalloc.stop()
print(f"Clausen FFT of one function on S8 (40,320 elements): {t_fft8:.3f} s, peak numpy/python allocation "
      f"{peak / 2**20:.0f} MiB   (targets < 2 s, < 2 GB)")
print(f"process max RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20:.2f} GiB")
