"""Benchmarks for grok_nb.margins (issue 10): the margin of one S5 model over all 14,400 pairs, and a C_p run
trained until its normalised margin reaches 0.95 γ*.

Run from the repository root:  python benchmarks/bench_margins.py [--threads 1] [--p 31] [--seeds 0 1 2 3]

Goals: the S5 margin in < 0.5 s; C_31 (width 240 = twice the theorem's 4(p−1), the CI schedule of chapter `margins`:
the paper's lr doubling for 2,000 steps, then λ halved every 125 steps with the loss-following step size) to ≥ 0.95 γ*
in ≤ 2 minutes on a 2-core CPU. Each timing is the median of several repeats (the margin) or one run per seed (training: the
step at which the recorded normalised margin first reaches 0.95 γ*, and the wall time until then).
"""
import argparse, time
import numpy as np
import torch
from grok_nb.groups import group
from grok_nb.margins import (margin, normalised_margin, max_margin_network, margin_theorem, train_max_margin,
                             CI_RUNS, CI_OPTIONS)
from grok_nb.reference import reference_run

def median_time(fn, repeats: int = 5) -> float:
    fn()                                                    # warm-up (Fourier basis, allocator)
    times = []
    for _ in range(repeats):
        start = time.perf_counter(); fn(); times.append(time.perf_counter() - start)
    return float(np.median(times))

def bench_s5_margin():
    G = group('S5')
    member = reference_run('S5').load_checkpoint().member(0)
    with torch.no_grad(): f_L, f_R = member.left_right()
    ref = [x.detach()[0] for x in (f_L, f_R, member.unembed)]     # the ReLU net u = E_L W_L, v = E_R W_R, w = U
    seconds = median_time(lambda: margin(*ref, G, 'relu'))
    print(f"S5 margin over all pairs, clean reference member (ReLU, m = {ref[0].shape[1]}): {seconds:.3f} s (goal < 0.5 s)")
    opt = max_margin_network(G)                             # the constructed optimum, m = 1190, float64
    seconds = median_time(lambda: normalised_margin(*opt, G), repeats=3)
    ratio = float(normalised_margin(*opt, G)) / margin_theorem(G)['gamma_star']
    print(f"S5 normalised margin, constructed optimum (x², m = {opt[0].shape[1]}): {seconds:.3f} s; margin / γ* = {ratio:.9f}")

def bench_cp(p: int, seeds):
    name = f'C{p}'
    width = CI_RUNS.get(name, {}).get('width', 8 * (p - 1))      # twice the width condition 4(p−1)
    options = {**CI_OPTIONS, 'record_every': 50}
    gamma = margin_theorem(name)['gamma_star']
    for seed in seeds:
        start = time.perf_counter()
        run = train_max_margin(name, width=width, **{**options, 'seeds': [seed]})
        seconds = time.perf_counter() - start
        ratio = run['normalised_margin'][:, 0] / gamma
        reached = np.flatnonzero(ratio >= 0.95)
        when = (f"reached 0.95 γ* at step {run['steps'][reached[0]]} (≈ {seconds * run['steps'][reached[0]] / options['steps']:.0f} s)"
                if len(reached) else "never reached 0.95 γ*")
        print(f"{name}, m = {width}, seed {seed}: {options['steps']} steps in {seconds:.0f} s, final margin / γ* = {ratio[-1]:.3f}; {when}")

if __name__ == '__main__':
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--threads', type=int, default=1, help='torch threads (1 is fastest for these small tensors on a shared CPU)')
    parser.add_argument('--p', type=int, default=31)
    parser.add_argument('--seeds', type=int, nargs='+', default=[0])
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} thread(s)")
    bench_s5_margin()
    bench_cp(args.p, args.seeds)
