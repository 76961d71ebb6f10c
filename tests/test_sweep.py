"""Sweeps on Dask distributed (grok_nb.sweep), on a 2-worker LocalCluster: the tiny example spec runs every cell once;
a rerun with resume retrains nothing; a worker killed mid-sweep costs nothing but time; a corrupt cell directory is
reported, not reused; a failing cell is retried, then recorded while the others finish; bad specs fail in one line.
Nothing here depends on how a training trajectory turns out beyond what holds for every seed (a run reaches its epoch
count, its metrics rows are one per evaluation)."""
import csv, json, os, shutil, signal, threading, time
from pathlib import Path
import numpy as np
import pytest
from fastcore import test as fc     # fc.test_eq, fc.test_fail: aliased, so that pytest does not collect them as tests

distributed = pytest.importorskip('distributed')
from grok_nb.sweep import (sweep, load_spec, sweep_cells, load_sweep, add_sweep_arguments, run_sweep_command, CELLS,
                           SWEEP_FILE)
from grok_nb.train import CONFIG, METRICS, STATE, SUMMARY, load_run

ROOT = Path(__file__).resolve().parents[1]
TINY = ROOT / 'examples' / 'sweep-tiny.toml'

@pytest.fixture(scope='module')
def cluster():
    "One LocalCluster of 2 worker processes (1 thread each) for the whole module: starting one costs seconds."
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=50) as cluster:
        yield cluster

@pytest.fixture(scope='module')
def tiny(cluster, tmp_path_factory):
    "The tiny example spec, swept once: (the sweep directory, its cells)."
    out = tmp_path_factory.mktemp('tiny') / 'sweep'
    result = sweep(TINY, out, scheduler=cluster.scheduler_address, threads=1, progress=False)
    return out, sweep_cells(load_spec(TINY)), result

def _files(out: Path) -> dict:
    "Every file under the cells, with its modification time and size."
    return {p.relative_to(out): (p.stat().st_mtime_ns, p.stat().st_size) for p in (out / CELLS).rglob('*') if p.is_file()}

def _check_ran_once(path: Path, config):
    "A cell's run: finished at its epoch count, one metrics row per member and evaluation, epochs strictly increasing."
    run = load_run(path)
    fc.test_eq(run.summary['epochs'], config.epochs)
    epochs = run.metrics['epoch']
    assert (np.diff(epochs) > 0).all() and epochs[-1] == config.epochs, epochs
    rows = (path / METRICS).read_text().splitlines()[1:]
    fc.test_eq(len(rows), len(epochs) * config.n_members)

def test_tiny_sweep_runs_every_cell_once(tiny):
    out, cells, result = tiny
    fc.test_eq(len(cells), 8)
    fc.test_eq(result.counts(), {'completed': 8})
    fc.test_eq(sorted(p.name for p in (out / CELLS).iterdir()), sorted(c.key for c in cells))
    for cell in cells: _check_ran_once(out / CELLS / cell.key, cell.config)
    with open(out / 'results.csv') as f: rows = list(csv.DictReader(f))
    fc.test_eq(sorted((r['key'], int(r['seed'])) for r in rows), sorted((c.key, s) for c in cells for s in c.config.seeds))
    for row in rows:                                    # each row carries its cell's axis values
        axes = next(c.axes for c in cells if c.key == row['key'])
        fc.test_eq((row['group'], float(row['lr']), int(row['model_options.hidden'])), tuple(axes.values()))
    assert (out / 'phase_diagram.png').stat().st_size > 0
    stored = json.loads((out / SWEEP_FILE).read_text())
    fc.test_eq([c['key'] for c in stored['cells']], [c.key for c in cells])

def test_resume_retrains_nothing(tiny):
    out, cells, _ = tiny
    before = _files(out)
    again = sweep(TINY, out, resume=True, progress=False)          # no scheduler: nothing to run, so no cluster starts
    fc.test_eq(again.counts(), {'finished': 8})
    fc.test_eq(_files(out), before)
    fc.test_fail(lambda: sweep(TINY, out, progress=False), contains='pass resume=True')

def test_corrupt_cells_are_reported_and_failures_recorded(tiny, cluster, tmp_path, capsys):
    out, cells, _ = tiny
    copy = tmp_path / 'sweep'
    shutil.copytree(out, copy)
    bad_config, bad_summary, bad_state = (copy / CELLS / c.key for c in cells[:3])
    (bad_config / CONFIG).write_text((bad_config / CONFIG).read_text()[:50])          # a truncated config.json
    (bad_summary / SUMMARY).write_text('{"epochs": 6')                                  # a truncated summary.json
    (bad_state / SUMMARY).unlink(); (bad_state / STATE).write_bytes(b'not a torch file')   # unfinished, state unreadable
    kept = (bad_config / CONFIG).read_bytes()
    result = sweep(TINY, copy, scheduler=cluster.scheduler_address, resume=True, retries=1, progress=False)
    by_key = {c['key']: c for c in result.cells}
    fc.test_eq(by_key[bad_config.name]['status'], 'corrupt')
    assert 'config.json cannot be read' in by_key[bad_config.name]['error']
    fc.test_eq(by_key[bad_summary.name]['status'], 'corrupt')
    assert 'summary.json cannot be read' in by_key[bad_summary.name]['error']
    fc.test_eq(by_key[bad_state.name]['status'], 'failed')                               # retried once, then recorded
    fc.test_eq(by_key[bad_state.name]['attempts'], 2)
    assert 'cannot read the state' in by_key[bad_state.name]['error'], by_key[bad_state.name]['error']
    fc.test_eq(sum(c['status'] == 'finished' for c in result.cells), 5)                # the sweep went on
    fc.test_eq((bad_config / CONFIG).read_bytes(), kept)                                 # reported, not reused or overwritten
    fc.test_eq(len(result.rows), 5 * 2)
    # the command line: exit status 1, one line per bad cell
    args = add_sweep_arguments(__import__('argparse').ArgumentParser()).parse_args([str(TINY), '--out', str(copy), '--resume', '--no-progress',
                                                                                   '--scheduler', cluster.scheduler_address])
    fc.test_eq(run_sweep_command(args), 1)
    printed = capsys.readouterr().out
    fc.test_eq(printed.count('corrupt cell'), 2); fc.test_eq(printed.count('failed cell'), 1)

# Four cells of a second or more each: S4 at 1,000 epochs with a state saved every 100, so a kill lands mid-training.
KILL_SPEC = dict(name='kill', seeds=[0, 1],
                 config=dict(group='S4', model='chughtai_mlp', frac=0.5, epochs=1000, weight_decay=1.0, eval_every=50,
                             model_options=dict(embed_dim=32, hidden=32), checkpoints=dict(log=0, every=100)),
                 axes=dict(lr=[0.003, 0.01, 0.02, 0.03]))

def test_killed_worker_costs_nothing_but_time(cluster, tmp_path):
    out, cells = tmp_path / 'sweep', sweep_cells(KILL_SPEC)
    outcome = {}
    def run():
        try: outcome['result'] = sweep(KILL_SPEC, out, scheduler=cluster.scheduler_address, threads=1, progress=False, plot=False)
        except BaseException as e: outcome['error'] = e
    thread = threading.Thread(target=run); thread.start()
    killed = None
    with distributed.Client(cluster.scheduler_address) as client:
        deadline = time.time() + 60
        while killed is None and thread.is_alive() and time.time() < deadline:
            for cell in cells:      # a cell that has saved a state and not finished: kill the worker training it
                path = out / CELLS / cell.key
                if (path / STATE).exists() and not (path / SUMMARY).exists():
                    worker = next((w for w, keys in client.processing().items() if f'cell-{cell.key}-0' in keys), None)
                    if worker is None: continue
                    os.kill(client.run(os.getpid, workers=[worker])[worker], signal.SIGKILL)
                    killed = cell; break
            time.sleep(0.05)
    thread.join(timeout=120)
    assert killed is not None, "no cell was caught mid-training"
    assert 'error' not in outcome, outcome.get('error')
    result = outcome['result']
    fc.test_eq(result.counts(), {'completed': 4})
    fc.test_eq(sorted(p.name for p in (out / CELLS).iterdir()), sorted(c.key for c in cells))
    for cell in cells: _check_ran_once(out / CELLS / cell.key, cell.config)
    # the killed cell was resumed from its saved state, not started again: its summary has two training segments
    assert len(load_run(out / CELLS / killed.key).summary['segments']) >= 2
    fc.test_eq(len(result.rows), 4 * 2)

@pytest.mark.parametrize('changes, fragment', [
    (dict(axes={'width': [64]}), "unknown axis 'width'"),
    (dict(axes={'lr': {'start': 0, 'stop': 1, 'num': 3, 'log': True}}), 'a log range needs start and stop > 0'),
    (dict(axes={'group': ['C5', 'S3', 'S99']}), 'cell group=S99'),
    (dict(axes={'frac': [0.5, 1.0]}), 'frac'),
    (dict(axes={'model_options.width': [8]}), "unknown option(s) ['width']"),
    (dict(config={'epochs': 0}), 'epochs'),
    (dict(preset='no-such-preset'), "unknown preset 'no-such-preset'"),
    (dict(seeds='zero'), 'seeds'),
    (dict(extra=1), "unknown key(s) ['extra']"),
])
def test_bad_spec_fails_in_one_line_before_anything_starts(tmp_path, changes, fragment):
    spec = load_spec(TINY)
    spec = {**spec, **{k: ({**spec[k], **v} if k in ('axes', 'config') else v) for k, v in changes.items()}}
    with pytest.raises(ValueError) as e: sweep(spec, tmp_path / 'out', workers=2, progress=False)
    assert fragment in str(e.value) and '\n' not in str(e.value), str(e.value)
    assert not (tmp_path / 'out').exists(), "a bad spec must fail before anything is written"

def test_bad_input_on_the_command_line(tmp_path, capsys):
    broken = tmp_path / 'broken.toml'
    broken.write_text('name = "x"\n[axes\nlr = [1]\n')
    parser = add_sweep_arguments(__import__('argparse').ArgumentParser())
    for argv, fragment in [([str(broken)], 'is not valid TOML'), ([str(tmp_path / 'missing.toml')], 'is not a file'),
                           ([str(TINY), '--workers', '0'], 'workers must be an integer ≥ 1'),
                           ([str(TINY), '--scheduler', 'localhost'], "scheduler must be an address")]:
        fc.test_eq(run_sweep_command(parser.parse_args(argv + ['--out', str(tmp_path / 'out')])), 2)
        err = capsys.readouterr().err
        assert fragment in err and err.count('\n') == 1, err
