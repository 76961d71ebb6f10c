"""Training speed on a CPU: issue 3, §6 P1 and P2.

P1  wall time until the first evaluation with test accuracy ≥ 99% on S5 at train fraction 0.4 with the 'fast'
    preset, one K = 1 run per seed (model, data and everything built inside the timed call), median over the seeds.
    Goal ≤ 30 s.
P2  epochs per second of grok_nb's S5 MLP (chughtai_mlp: factorised first layer, batched AdamW, through `train`)
    against `plain_concat_mlp` (concatenated embeddings, nn.Linear, torch.optim.AdamW), same data, same process,
    interleaved repeats. Goal ≥ 5×.

The machine may be shared: every ratio is measured inside one run, timings are repeated and the median is printed.

    python benchmarks/bench_train.py                 # P1 over seeds 0-4 and P2 with 1 thread
    python benchmarks/bench_train.py --threads 1 2   # P2 with each thread count
    python benchmarks/bench_train.py --skip-p1       # P2 only
    python benchmarks/bench_train.py --sweep nbs/data/train/fast_grokking_sweep.json   # the curves of nbs/12_train (~30–60 min)
"""
import argparse, json, statistics, time
import torch
import torch.nn.functional as F
from grok_nb.groups import group
from grok_nb.data import make_data
from grok_nb.models import plain_concat_mlp
from grok_nb.train import PRESETS, preset, train

RESULTS = {}   # what --json writes

def p1(seeds, eval_every, cap):
    print(f"P1: S5, frac 0.4, K = 1 per seed, time until test acc ≥ 0.99 (evaluated every {eval_every} epochs); goal ≤ 30 s")
    times, epochs = [], []
    for seed in seeds:
        cfg = preset('fast', seeds=[seed], eval_every=eval_every, early_stop=(0.99, 0), checkpoints=[], epochs=cap)
        t0 = time.perf_counter()
        r = train(cfg, None, progress=False)
        dt = time.perf_counter() - t0
        g = r.summary['grokked_epoch']
        print(f"  seed {seed}: {dt:6.1f} s  grokked at epoch {g}  ({r.summary['epochs'] / dt:.0f} epochs/s)", flush=True)
        if g is None: dt = float('inf')
        times.append(dt); epochs.append(g)
    print(f"  setting: lr {cfg.lr}, weight decay {cfg.weight_decay}, betas {cfg.betas}, model {cfg.model} {cfg.model_options}")
    RESULTS['p1'] = dict(seeds=list(seeds), seconds=[round(t, 2) for t in times], grokked_epoch=epochs, eval_every=eval_every,
                         threads=torch.get_num_threads(), lr=cfg.lr, weight_decay=cfg.weight_decay, betas=list(cfg.betas),
                         model=cfg.model, model_options=cfg.model_options)
    print(f"  P1 median {statistics.median(times):.1f} s (min {min(times):.1f}, max {max(times):.1f}) over seeds {seeds}; "
          f"median epochs to grok {statistics.median([e or float('inf') for e in epochs]):.0f}; target ≤ 30 s")
    return times

def p2(threads, epochs, repeats):
    print(f"P2: S5 MLP (E 120×256 twice, W 512→128, W_U 128→120), 5760 training pairs, full batch, {epochs} epochs per timing")
    G = group('S5')
    data = make_data(G, 0.4, [0])
    a, b, y = (t[data.train_idx[0]] for t in (data.a, data.b, data.labels))
    results = {}
    for n in threads:
        torch.set_num_threads(n)
        plain = plain_concat_mlp(G.order, seed=0)
        opt = torch.optim.AdamW(plain.parameters(), lr=1e-3, weight_decay=1.0, betas=(0.9, 0.98))
        def plain_epochs(E):
            for _ in range(E):
                loss = F.cross_entropy(plain(a, b), y)
                opt.zero_grad(); loss.backward(); opt.step()
        cfg = preset('chughtai-s5', epochs=epochs, eval_every=epochs, checkpoints=[])   # same model, same work per epoch
        plain_epochs(3); train(cfg.replace(epochs=3, eval_every=3), None, progress=False)  # warm-up
        ours, base = [], []
        for _ in range(repeats):                          # interleaved, so that load changes hit both alike
            t0 = time.perf_counter(); train(cfg, None, progress=False); ours.append(epochs / (time.perf_counter() - t0))
            t0 = time.perf_counter(); plain_epochs(epochs); base.append(epochs / (time.perf_counter() - t0))
        ratios = [o / p for o, p in zip(ours, base)]
        results[n] = dict(ours=round(statistics.median(ours), 2), plain=round(statistics.median(base), 2),
                          ratio=round(statistics.median(ratios), 3))
        print(f"  threads {n}: grok_nb {results[n]['ours']:6.1f} epochs/s   plain_concat_mlp {results[n]['plain']:6.1f} epochs/s   "
              f"speed-up {results[n]['ratio']:.2f}× (median of {repeats}; per repeat {', '.join(f'{r:.2f}' for r in ratios)}); goal ≥ 5×")
    # Where the speed-up comes from: multiply-adds per epoch (forward + backward) of each layer.
    n, N, d, H = len(y), G.order, 256, 128
    first_plain = 3 * 2 * n * (2 * d) * H           # forward, grad of W, grad of the concatenated embeddings
    first_ours = 3 * 2 * N * (2 * d) * H             # the same three products on the N projected elements only
    unembed = 3 * 2 * n * H * N                      # identical in both: forward, grad of W_U, grad of the hidden layer
    print(f"  flops per epoch: first layer plain {first_plain / 1e9:.2f} G vs factorised {first_ours / 1e9:.3f} G "
          f"(×{n // N} fewer: {n} pairs vs {N} elements); unembedding {unembed / 1e9:.2f} G in both; "
          f"bound on the speed-up if every flop cost the same: {(first_plain + unembed) / (first_ours + unembed):.1f}×")
    RESULTS['p2'] = {str(k): v for k, v in results.items()}
    return results

# The sweep behind the train chapter's curves: one-knob series through the fast setting (lr 0.04, weight decay 3,
# betas (0.9, 0.98), init scale 1, width 128), 5 seeds per point. Each point: (series, knobs that differ from 'fast').
SWEEP = [('weight decay at lr 0.04', dict(weight_decay=wd)) for wd in (0.5, 1, 2, 3, 4, 6)] + \
        [('lr at weight decay 3', dict(lr=lr)) for lr in (0.005, 0.01, 0.02, 0.06, 0.1)] + \
        [('beta2', dict(betas=(0.9, b2))) for b2 in (0.95, 0.999)] + \
        [('init scale', dict(init_scale=s)) for s in (0.5, 2.0)] + \
        [('hidden width', dict(hidden=h)) for h in (64, 256)]

def _knobs(changes):
    "Every knob of a sweep point, the fast preset's value where the point does not change it."
    fast = preset('fast')
    return dict(lr=changes.get('lr', fast.lr), weight_decay=changes.get('weight_decay', fast.weight_decay),
                betas=list(changes.get('betas', fast.betas)), init_scale=changes.get('init_scale', 1.0),
                hidden=changes.get('hidden', 128))

def sweep(path, seeds, eval_every, cap, hold=200):
    """Epochs to grok for every point of SWEEP (each point one ensemble of len(seeds) members), written to `path`
    after every point; points already in `path` are skipped, so an interrupted sweep resumes where it stopped."""
    from pathlib import Path
    torch.set_num_threads(1)
    path = Path(path)
    out = json.loads(path.read_text()) if path.exists() else dict(
        group='S5', model='chughtai_mlp', frac=0.4, eval_every=eval_every, epochs_cap=cap, hold=hold,
        seeds=list(seeds), torch=torch.__version__, runs=[])
    for r in out['runs']: r.update({k: v for k, v in _knobs({}).items() if k not in r})   # files from before the extra knobs
    for series, changes in SWEEP:
        knobs = _knobs(changes)
        if any(all(r[k] == v for k, v in knobs.items()) for r in out['runs']): continue
        options = {k: knobs[k] for k in ('init_scale', 'hidden') if k in changes}
        cfg = preset('fast', seeds=list(seeds), lr=knobs['lr'], weight_decay=knobs['weight_decay'], betas=tuple(knobs['betas']),
                     model_options=options, epochs=cap, eval_every=eval_every, early_stop=(0.99, hold), checkpoints=[])
        t0 = time.perf_counter(); r = train(cfg, None, progress=False); dt = time.perf_counter() - t0
        m = r.metrics
        for k, member in enumerate(r.summary['members']):
            g = member['grokked_epoch']
            after = float(m['test_acc'][m['epoch'] >= g, k].min()) if g is not None else None
            out['runs'].append(dict(series=series, **knobs, seed=seeds[k], memorised_epoch=member['memorised_epoch'],
                                    grokked_epoch=g, min_test_acc_after_grok=after, final_test_acc=round(member['test_acc'], 6),
                                    epochs_run=r.summary['epochs']))
        print(f"  {series} {changes}: grokked at {[x['grokked_epoch'] for x in out['runs'][-len(seeds):]]} "
              f"({r.summary['epochs']} epochs, {dt:.0f} s)", flush=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix('.tmp'); tmp.write_text(json.dumps(out, indent=0)); tmp.replace(path)
    print(f"wrote {path}")

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--seeds', type=int, nargs='+', default=[0, 1, 2, 3, 4])
    ap.add_argument('--threads', type=int, nargs='+', default=[1])
    ap.add_argument('--eval-every', type=int, default=10)
    ap.add_argument('--cap', type=int, default=3000, help='epochs cap per run')
    ap.add_argument('--p2-epochs', type=int, default=100)
    ap.add_argument('--repeats', type=int, default=5)
    ap.add_argument('--sweep', metavar='JSON', help='run the sweep of the chapter instead and write its results here')
    ap.add_argument('--json', metavar='PATH', help='also write the P1/P2 figures to this JSON file')
    ap.add_argument('--skip-p1', action='store_true'); ap.add_argument('--skip-p2', action='store_true')
    args = ap.parse_args()
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads available by default")
    if args.sweep: sweep(args.sweep, args.seeds, args.eval_every, args.cap); raise SystemExit
    if not args.skip_p2: p2(args.threads, args.p2_epochs, args.repeats)
    if not args.skip_p1:
        torch.set_num_threads(args.threads[0])
        p1(args.seeds, args.eval_every, args.cap)
    if args.json:
        from pathlib import Path
        RESULTS.update(torch=torch.__version__, when=time.strftime('%Y-%m-%d'))
        Path(args.json).write_text(json.dumps(RESULTS, indent=1)); print(f"wrote {args.json}")
