"""Sweep speed (issue 13): the wall time of a 16-cell sweep on a LocalCluster of 2 Dask workers (its start-up included)
against the same cells trained one after another in one process, and the scheduling overhead per cell.

Goal on an idle 2-core machine: ratio ≥ 1.6, overhead < 0.5 s per cell.

    python benchmarks/bench_sweep.py [--workers 2] [--epochs 800]

The overhead is measured on a running cluster (workers started and warmed up) with 16 one-epoch cells: the worker
time a cell costs beyond its training loop, (wall × workers − Σ training seconds) / cells — the Dask round trip, the
cell's directory checks, building its model and data, and writing its run directory.
"""
import argparse, json, os, tempfile, time
from pathlib import Path

def spec(epochs: int) -> dict:
    "16 cells (4 learning rates × 4 weight decays) of 2 seeds: S4, Chughtai et al.'s MLP at width 64."
    return dict(name='bench', seeds=[0, 1],
                config=dict(group='S4', model='chughtai_mlp', frac=0.5, epochs=epochs, eval_every=50,
                            model_options=dict(embed_dim=64, hidden=64), checkpoints=dict(log=0)),
                axes=dict(lr=[0.003, 0.01, 0.02, 0.04], weight_decay=[0.3, 1.0, 2.0, 3.0]))

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--workers', type=int, default=2)
    ap.add_argument('--epochs', type=int, default=800, help='epochs per cell')
    ap.add_argument('--sequential-threads', type=int, help="torch threads of the one-process baseline (default: torch's, one per core)")
    args = ap.parse_args()
    import torch, distributed
    from grok_nb.sweep import sweep, sweep_cells
    from grok_nb.train import train, load_run
    cores = len(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') else os.cpu_count()
    cells = sweep_cells(spec(args.epochs))
    if args.sequential_threads: torch.set_num_threads(args.sequential_threads)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        t0 = time.perf_counter()
        for cell in cells: train(cell.config, tmp / 'sequential' / cell.key, progress=False)
        sequential = time.perf_counter() - t0
        t0 = time.perf_counter()
        sweep(spec(args.epochs), tmp / 'sweep', workers=args.workers, progress=False, plot=False)
        swept = time.perf_counter() - t0
        print(f"{len(cells)} cells × 2 seeds, S4, {args.epochs} epochs each, {cores} cores")
        print(f"one after another in one process ({torch.get_num_threads()} torch threads): {sequential:.1f} s")
        print(f"sweep on a new LocalCluster of {args.workers} workers (start-up included):     {swept:.1f} s")
        print(f"ratio: {sequential / swept:.2f}× (goal ≥ 1.6× with 2 workers on an idle 2-core machine)")
        # overhead per cell on a running cluster
        with distributed.LocalCluster(n_workers=args.workers, threads_per_worker=1, dashboard_address=':0',
                                      silence_logs=50) as cluster:
            sweep(dict(spec(1), name='warm-up', axes=dict(lr=[0.01, 0.02])), tmp / 'warm-up',
                  scheduler=cluster.scheduler_address, threads=1, progress=False, plot=False)    # workers import torch
            t0 = time.perf_counter()
            done = sweep(spec(1), tmp / 'overhead', scheduler=cluster.scheduler_address, threads=1, progress=False, plot=False)
            wall = time.perf_counter() - t0
        training = sum(load_run(done.path / 'cells' / c['key']).summary['seconds'] for c in done.cells)
        overhead = (wall * args.workers - training) / len(done.cells)
        print(f"scheduling overhead per cell (16 one-epoch cells on a running cluster): {overhead:.3f} s "
              f"(wall {wall:.2f} s; goal < 0.5 s)")
        print(json.dumps(dict(cells=len(cells), epochs=args.epochs, workers=args.workers, sequential_s=round(sequential, 2),
                              sweep_s=round(swept, 2), ratio=round(sequential / swept, 3), overhead_per_cell_s=round(overhead, 4))))

if __name__ == '__main__':      # Dask's worker processes import this file again: nothing may run at import
    main()
