"""How fast can S5 clean up? (issue 9)

clean   wall time of the 'clean' preset on S5, frac 0.4, one K = 1 run per seed (model, data and everything built
        inside the timed call), until the member's schedule has ended; each network then confirmed in Stander et
        al.'s final state by the analyses: test accuracy ≥ 99.99%, test loss ≤ 1e-5, ≥ 99% of neurons with minimal coset
        concentration < 1 and ≥ 80% below 1e-5. Median over the seeds. Goal ≤ 30 s on a 2-core CPU.
--sweep a grid of clean-up schedules (the 'fast' preset until each member groks, then its own schedule), all
        members vectorised in one ensemble, recording losses, weight norm and the coset-concentration fractions every
        100 epochs; the concentration is computed on the device in float64 (the formula of coset_analysis, checked
        against it at start). The chapter's figure reads the summary this writes. ~30 s on one H200 for 160 members
        × 2,800 epochs; hours on a CPU.

    python benchmarks/bench_clean.py                       # the clean-preset timing, seeds 0-4
    python benchmarks/bench_clean.py --seeds 0 1 2 --threads 2
    python benchmarks/bench_clean.py --sweep nbs/data/train/clean_sweep_raw.json --sweep-seeds 8 --sweep-epochs 2800
"""
import argparse, json, math, statistics, time
import numpy as np
import torch
from grok_nb.groups import group
from grok_nb.subgroups import subgroups
from grok_nb.models import build_model
from grok_nb.data import make_data
import torch.nn.functional as F
from grok_nb.train import EnsembleAdamW, preset, train

CLEAN = dict(test_acc=0.9999, test_loss=1e-5, below_1=0.99, below_1e5=0.8)   # Stander et al.'s median model

def clean_timing(seeds):
    from grok_nb.coset_analysis import coset_report
    G, times, rows = group('S5'), [], []
    for seed in seeds:
        cfg = preset('clean', seeds=[seed], checkpoints=[])
        t0 = time.perf_counter()
        r = train(cfg, None, progress=False)
        dt = time.perf_counter() - t0
        m = r.summary['members'][0]
        below = coset_report(r.model, G)['fraction_below']
        clean = (m['test_acc'] >= CLEAN['test_acc'] and m['test_loss'] <= CLEAN['test_loss']
                 and below['1'] >= CLEAN['below_1'] and below['1e-05'] >= CLEAN['below_1e5'])
        print(f"  seed {seed}: {dt:6.1f} s, {r.summary['epochs']} epochs ({r.summary['epochs'] / dt:.0f}/s); grokked at "
              f"{m['grokked_epoch']}, stopped at {m['stopped_epoch']}; test loss {m['test_loss']:.2g}, acc {m['test_acc']:.4%}; "
              f"neurons < 1: {below['1']:.1%}, < 1e-5: {below['1e-05']:.1%}, < 1e-7: {below['1e-07']:.1%}; clean: {clean}", flush=True)
        times.append(dt if clean else float('inf')); rows.append(dict(seed=seed, seconds=round(dt, 2), clean=clean, **below))
    print(f"clean preset: median {statistics.median(times):.1f} s over seeds {list(seeds)} "
          f"({torch.get_num_threads()} threads); goal ≤ 30 s")
    return rows

# ---- the sweep --------------------------------------------------------------------------------------------------
DEFAULT_GRID = ([dict(shape='none')]
                + [dict(shape='cosine', T=T, wd=wd, lr=lr) for lr in (0.06, 0.1, 0.14) for wd in (0.7, 1.0, 1.5) for T in (1200, 1500)]
                + [dict(shape='linear', T=1500, wd=1.0, lr=0.1), dict(shape='cosine', T=2000, wd=1.0, lr=0.1),
                   dict(shape='cosine', T=2000, wd=1.0, lr=0.04), dict(shape='cosine', T=3000, wd=0.3, lr=0.04)])

def _concentration_fn(G, device):
    "f (N, F) float64 → (F,) the least C_H over proper non-trivial subgroups and both sides (coset_analysis's formula)."
    N = G.order
    Hs = [H for H in subgroups(G) if 1 < H.order < N]
    M = torch.zeros(len(Hs), N, dtype=torch.float64, device=device)
    for s, H in enumerate(Hs): M[s, torch.as_tensor(np.asarray(H.elements))] = 1
    order, table = M.sum(1), torch.as_tensor(G.table, device=device)
    def concentration(f):
        c = f - f.mean(0); total = (c * c).sum(0)
        best = torch.full((f.shape[1],), math.inf, dtype=torch.float64, device=device)
        for moved in (table, table.T):                              # [g, x] = g·x (cosets gH), x·g (cosets Hg)
            between = M @ torch.einsum('gf,gxf->xf', c, c[moved]) / order[:, None]
            within = (total - between).clamp_min(0) / (order - 1)[:, None]
            best = torch.minimum(best, (within / (total / (N - 1))).min(0).values)
        return best
    return concentration

def _losses(model, a, b, labels):
    "Per-member mean cross-entropy (K,) and number correct (K,) on the pairs (K, n), in one pass (the trainer's, unchunked)."
    logits = model(a, b)                                                          # (K, n, N)
    per_pair = F.cross_entropy(logits.transpose(1, 2), labels, reduction='none')   # (K, n)
    return per_pair.double().mean(1), (logits.argmax(-1) == labels).sum(1)

def sweep(out, grid, n_seeds, epochs):
    device = 'cuda' if torch.cuda.is_available() else 'cpu'
    G = group('S5'); N = G.order
    members = [(i, s) for i in range(len(grid)) for s in range(n_seeds)]
    K, seeds = len(members), [s for _, s in members]
    base = preset('fast')
    model = build_model(base.model, N, n_members=K, seeds=seeds).to(device)
    d = make_data(G, base.frac, seeds).to(device)
    train_pairs = (d.a[d.train_idx], d.b[d.train_idx], d.labels[d.train_idx])
    test_pairs = (d.a[d.test_idx], d.b[d.test_idx], d.labels[d.test_idx])
    opt = EnsembleAdamW(model.parameters(), [base.lr] * K, [base.weight_decay] * K, betas=base.betas)
    concentration = _concentration_fn(G, device)
    from grok_nb.coset_analysis import input_functions, fit_cosets       # check the device formula once
    f_L = input_functions(model.member(0).cpu(), 0)[0]
    assert np.abs(concentration(torch.as_tensor(f_L, device=device)).cpu().numpy() - fit_cosets(G, f_L)['concentration']).max() < 1e-9

    def weaker_input_concentration():
        with torch.no_grad():
            f_L, f_R = model.left_right()
            out = []
            for k0 in range(0, K, 16):
                f = torch.cat([f_L[k0:k0 + 16], f_R[k0:k0 + 16]]).double()           # (2k, N, H)
                k = f.shape[0] // 2
                out.append(concentration(f.permute(1, 0, 2).reshape(N, -1)).view(2, k, -1).max(0).values.cpu())
        return torch.cat(out).numpy()
    start, log, t0 = [None] * K, [], time.time()
    for e in range(epochs + 1):
        loss, _ = _losses(model, *train_pairs)
        loss.sum().backward()
        if e % 10 == 0:
            with torch.no_grad(): test_loss, correct = _losses(model, *test_pairs)
            acc = (correct.double() / test_pairs[2].shape[1]).cpu()
            start = [s if s is not None or acc[k] < 0.99 else e for k, s in enumerate(start)]
        scale, wd = np.ones(K), np.full(K, base.weight_decay)
        for k, (i, _) in enumerate(members):
            c = grid[i]
            if start[k] is not None and c['shape'] != 'none':
                x = min((e - start[k]) / c['T'], 1.0)
                scale[k] = (0.5 * (1 + math.cos(math.pi * x)) if c['shape'] == 'cosine' else 1 - x) * c['lr'] / base.lr
                wd[k] = c['wd']
        if e % 50 == 0:
            row = dict(epoch=e, train_loss=loss.cpu().tolist(), test_loss=test_loss.cpu().tolist(), test_acc=acc.tolist(),
                       weight_norm=model.sum_sq_weights().double().cpu().tolist(), start=list(start))
            if e % 100 == 0:
                C = weaker_input_concentration()
                row['frac'] = [[float((C[k] < t).mean()) for t in (1, 1e-5, 1e-7)] for k in range(K)]
            log.append(row)
        if e % 500 == 0: print(e, f"{time.time() - t0:.0f} s", flush=True)
        opt.step(torch.from_numpy(scale), torch.from_numpy(wd)); opt.zero_grad()
    json.dump(dict(configs=grid, members=members, log=log, device=str(device), seconds=time.time() - t0), open(out, 'w'))

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--seeds', type=int, nargs='+', default=[0, 1, 2, 3, 4])
    ap.add_argument('--threads', type=int, default=None)
    ap.add_argument('--sweep', help='write the raw sweep to this JSON file instead of timing the preset')
    ap.add_argument('--sweep-grid', help='a JSON file with a list of schedules (default: the grid above)')
    ap.add_argument('--sweep-seeds', type=int, default=8); ap.add_argument('--sweep-epochs', type=int, default=2800)
    ap.add_argument('--json', help='write the timing results here')
    args = ap.parse_args()
    if args.threads: torch.set_num_threads(args.threads)
    if args.sweep:
        sweep(args.sweep, json.load(open(args.sweep_grid)) if args.sweep_grid else DEFAULT_GRID, args.sweep_seeds, args.sweep_epochs)
    else:
        rows = clean_timing(args.seeds)
        if args.json: json.dump(rows, open(args.json, 'w'), indent=1)
