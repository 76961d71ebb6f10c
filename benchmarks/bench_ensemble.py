"""Many seeds at once (issue 3 §4): training speed of an ensemble of K members trained as one batched computation,
for K = 1, 16, 100, on S5 with Chughtai et al.'s MLP at the papers' setting (full batch, frac 0.4, AdamW).

Prints, per K: epochs per second of the whole ensemble, model-epochs per second (K × that: what K separate runs
would have to reach), and the speed-up over training the K models one by one (K = 1's speed). All figures come from
one process. Each is the slope between two runs of different lengths, so start-up and evaluation costs cancel.
Runs on the GPU when there is one (device 'auto'), else on the CPU.

P3 (issue 3 §6, on a GPU): S6 at Stander et al.'s setting, epochs per second per model for an ensemble of 100, and the
projected time to train all 100 to grokking (epochs to grok × seconds per ensemble epoch; the papers train S6 for 50k
epochs, the default projection; pass the epoch at which a run of yours grokked with --grok-epochs):

    python benchmarks/bench_ensemble.py --preset stander-s6 --members 1 100 --precision bf16 --grok-epochs 50000

    python benchmarks/bench_ensemble.py [--group S5 | --preset NAME] [--members 1 16 100] [--device auto] [--threads N]
                                        [--chunk-pairs P] [--seconds 3] [--grok-epochs E]
"""
import argparse, time
import torch
from grok_nb.train import TrainConfig, preset, train, resolve_device


def seconds_per_epoch(base: TrainConfig, K: int, target_seconds: float) -> float:
    "Steady-state seconds per epoch of a K-member ensemble: slope of the loop time between a short and a long run."
    def loop_seconds(epochs):
        config = base.replace(seeds=list(range(K)), epochs=epochs, eval_every=epochs)   # evaluate at 0 and the end only
        return train(config).summary['seconds']
    loop_seconds(2)                                                                   # warm-up (allocator, kernels)
    short = 3
    probe = (loop_seconds(short + 5) - loop_seconds(short)) / 5
    long = short + max(5, int(target_seconds / max(probe, 1e-6)))
    return (loop_seconds(long) - loop_seconds(short)) / (long - short)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--group', default='S5')
    p.add_argument('--preset', default=None, help="a grok_nb.train preset (e.g. stander-s6) instead of --group/--frac")
    p.add_argument('--grok-epochs', type=int, default=None, help="project the time to train the largest ensemble this many epochs")
    p.add_argument('--frac', type=float, default=0.4)
    p.add_argument('--members', type=int, nargs='+', default=[1, 16, 100])
    p.add_argument('--device', default='auto')
    p.add_argument('--precision', default='float32')
    p.add_argument('--threads', type=int, default=None, help='torch CPU threads (default: torch\'s choice)')
    p.add_argument('--chunk-pairs', type=int, default=None, help='pairs per forward pass (default: automatic)')
    p.add_argument('--seconds', type=float, default=3.0, help='approximate seconds per timed run')
    args = p.parse_args()
    if args.threads: torch.set_num_threads(args.threads)
    device = resolve_device(args.device)
    name = torch.cuda.get_device_name(device) if device.type == 'cuda' else f'CPU, {torch.get_num_threads()} threads'
    if args.preset:
        base = preset(args.preset, epochs=1, device=args.device, precision=args.precision, chunk_pairs=args.chunk_pairs,
                      checkpoints=[], early_stop=None)
    else:
        base = TrainConfig(group=args.group, model='chughtai_mlp', frac=args.frac, epochs=1, lr=1e-3, weight_decay=1.0,
                           device=args.device, precision=args.precision, chunk_pairs=args.chunk_pairs, checkpoints=[])
    print(f"{args.preset or 'custom'}: {base.group}, {base.model} {base.model_options or '(256/128)'}, frac {base.frac}, "
          f"full batch, {args.precision}, on {device} ({name})")
    print(f"{'K':>5} {'ensemble epochs/s':>18} {'model-epochs/s':>15} {'speed-up vs one by one':>23}")
    single = None
    for K in args.members:
        t0 = time.perf_counter()
        per_epoch = seconds_per_epoch(base, K, args.seconds)
        per_model = K / per_epoch
        if single is None and K == 1: single = per_model
        speedup = f"{per_model / single:.1f}x" if single else 'n/a (no K=1)'
        print(f"{K:>5} {1 / per_epoch:>18.1f} {per_model:>15.1f} {speedup:>23}   ({time.perf_counter() - t0:.0f} s)", flush=True)
    if args.grok_epochs:
        hours = args.grok_epochs * per_epoch / 3600
        print(f"projected: {K} models × {args.grok_epochs} epochs = {hours:.2f} h of this device "
              f"({hours * 3600 / K:.0f} s per model); goal for 100 S6 models: < 1 h")


if __name__ == '__main__':
    main()
