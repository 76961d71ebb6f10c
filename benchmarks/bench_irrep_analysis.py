#!/usr/bin/env python
"""Irrep-analysis benchmarks (issue 4 targets: every metric of one S5 model < 5 s on a CPU; every checkpoint of a run,
1,000 S5 checkpoints, < 1 min). Prints wall-clock and CPU seconds (the CI machine is shared: CPU seconds are the
machine-independent part; with 2 threads, wall ≈ CPU / 2 on an idle machine).

    python benchmarks/bench_irrep_analysis.py [--runs DIR] [--checkpoints 1000]

The 1,000-checkpoint run (fast preset, seed 0, early stop off, a checkpoint every epoch) is trained once into
DIR/s5_every_epoch and reused; so is the one-model run DIR/s5_fast."""
import argparse, resource, time
from pathlib import Path
import torch
from grok_nb.groups import symmetric
from grok_nb.train import preset, train, load_run
from grok_nb.irrep_analysis import irrep_report, irrep_metrics, checkpoint_model, irrep_progress

def timed(f, repeat=1):
    best = (float('inf'), float('inf'))
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        out = f()
        best = min(best, (time.perf_counter() - t, time.process_time() - c))
    return best, out

ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
ap.add_argument('--runs', type=Path, default=Path('/tmp/grok_nb_bench'))
ap.add_argument('--checkpoints', type=int, default=1000)
args = ap.parse_args()
print(f"torch threads: {torch.get_num_threads()}")
S5 = symmetric(5)

one = args.runs / 's5_fast'
result = train(preset('fast', seeds=[0]), one, resume=True, progress=False)
run = load_run(one)
model, data = run.load_checkpoint('last'), run.data()
irrep_report(model, S5, data)                       # warm the caches (irreps, Fourier basis, character tables)
(wall, cpu), report = timed(lambda: irrep_report(model, S5, data), repeat=3)
print(f"irrep_report of one S5 model (all metrics, both key criteria): {wall:.2f} s wall, {cpu:.2f} s CPU   (target < 5 s)")

E = args.checkpoints
every = args.runs / f's5_every_epoch_{E}'
config = preset('fast', seeds=[0], epochs=E - 1, early_stop=None, checkpoints=list(range(E)))
(wall, cpu), _ = timed(lambda: train(config, every, resume=True, progress=False))
run = load_run(every)
print(f"run with {len(run.checkpoints)} checkpoints ready ({wall:.0f} s wall to train or find it)")
(wall_load, cpu_load), (stacked, epochs) = timed(lambda: checkpoint_model(run))
print(f"  reading {len(epochs)} checkpoints into one {stacked.n_members}-member model: {wall_load:.1f} s wall, {cpu_load:.1f} s CPU")
(wall_m, cpu_m), _ = timed(lambda: irrep_metrics(stacked, S5, run.data(), key=['sign', 'standard'], compare=False))
print(f"  irrep_metrics over them: {wall_m:.1f} s wall, {cpu_m:.1f} s CPU ({1e3 * wall_m / len(epochs):.0f} ms wall per checkpoint)")
(wall, cpu), progress = timed(lambda: irrep_progress(run))
print(f"irrep_progress over {len(progress['epochs'])} S5 checkpoints (read + final model + all metrics): "
      f"{wall:.1f} s wall, {cpu:.1f} s CPU   (target < 60 s)")
print(f"process max RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20:.2f} GiB")
