"""Kill -9 a training process at random moments, resume it each time, and check that the run it finally completes
is the uninterrupted run, bit for bit: the same metrics.csv bytes, the same checkpoints, the same final parameters,
the same summary (wall-clock times excepted). After every kill the run directory must be readable. Twice: a plain run,
and one whose members follow lr / weight-decay schedules that start when each member groks."""
import json, random, signal, subprocess, sys, time
import pytest
from pathlib import Path
import torch
from grok_nb.train import TrainConfig, load_run, METRICS, STATE, SUMMARY

# A small run of a few seconds: S4 (576 pairs), a narrow MLP, two members, scheduled checkpoints every 20 epochs and
# a resume point at least every 0.1 s of wall time, so that kills land between, and during, the writes.
PLAIN = dict(group='S4', model='chughtai_mlp', frac=0.5, epochs=600, seeds=[0, 1], lr=[3e-3, 1e-3], weight_decay=1.0,
             model_options=dict(embed_dim=32, hidden=32), eval_every=3, checkpoints=dict(log=5, every=20))
# With schedules: C23 groks within the run, so each member's schedule starts at its own grokking (a mark that resume
# must restore), switches its weight decay, and stops it at the end of a 100-epoch cosine; the run ends when both have.
SCHEDULED = dict(group='C23', model='morwani', model_options=dict(width=128), frac=0.6, epochs=900, seeds=[0, 1], lr=1e-2,
                 weight_decay=1.0, eval_every=5, checkpoints=dict(log=5, every=20),
                 schedule=dict(start='grokked', shape='cosine', epochs=100, lr=2e-2, weight_decay=0.5))
CHILD = """
import sys, torch
torch.set_num_threads(1)          # the same arithmetic in every process (and no oversubscription on 2 cores)
from grok_nb.train import TrainConfig, train
train(TrainConfig(**{config}), sys.argv[1], resume=True, save_every_seconds=0.1)
"""

def _start(out, config):
    return subprocess.Popen([sys.executable, '-c', CHILD.format(config=repr(config)), str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)

def _finish(proc):
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 0, stderr.decode()[-2000:]

def _check_readable(run_dir: Path):
    "Whatever a kill left must load: config, metrics, state, every checkpoint."
    if not (run_dir / 'config.json').exists(): return 0
    run = load_run(run_dir)
    metrics = run.metrics
    assert metrics['train_loss'].shape[1] == 2 and (len(metrics['epoch']) == 0 or (metrics['epoch'][1:] > metrics['epoch'][:-1]).all())
    if (run_dir / STATE).exists(): torch.load(run_dir / STATE, weights_only=True)
    for epoch in run.checkpoints: run.state_dict(epoch)
    return torch.load(run_dir / STATE, weights_only=True)['epoch'] if (run_dir / STATE).exists() else 0

def _summary(run_dir):
    s = json.loads((run_dir / SUMMARY).read_text())
    return {k: v for k, v in s.items() if k not in ('seconds', 'segments')}

@pytest.mark.parametrize('config', [PLAIN, SCHEDULED], ids=['plain', 'scheduled'])
def test_kill_and_resume_is_exact(tmp_path, config):
    reference = tmp_path / 'uninterrupted'
    _finish(_start(reference, config))
    killed, rng, resumed_from = tmp_path / 'killed', random.Random(0), []
    # the first kill at a random moment of start-up (maybe before anything is written), then kills during training:
    # wait until the child has saved at least once more, then kill it a random few milliseconds later
    proc = _start(killed, config); time.sleep(rng.uniform(0.0, 1.5)); proc.send_signal(signal.SIGKILL); proc.wait()
    resumed_from.append(_check_readable(killed))
    for _ in range(5):
        before = (killed / STATE).stat().st_mtime_ns if (killed / STATE).exists() else 0
        proc = _start(killed, config)
        deadline = time.time() + 60
        while proc.poll() is None and time.time() < deadline:
            if (killed / STATE).exists() and (killed / STATE).stat().st_mtime_ns != before: break
            time.sleep(0.005)
        time.sleep(rng.uniform(0.0, 0.4))
        if proc.poll() is not None: break                       # it finished first: nothing left to kill
        proc.send_signal(signal.SIGKILL); proc.wait()
        resumed_from.append(_check_readable(killed))
    _finish(_start(killed, config))
    print("resumed from epochs", resumed_from)
    assert len(set(resumed_from)) >= 3, f"the kills did not interrupt training at different epochs: {resumed_from}"
    # bit for bit: metrics, checkpoints, final state, summary
    assert (killed / METRICS).read_bytes() == (reference / METRICS).read_bytes()
    a, b = load_run(reference), load_run(killed)
    assert a.checkpoints == b.checkpoints and len(a.checkpoints) > 10
    for name, value in a.parameters().items(): assert torch.equal(value, b.parameters()[name]), name
    final_a, final_b = (torch.load(r / STATE, weights_only=True) for r in (reference, killed))
    for name in final_a['model']: assert torch.equal(final_a['model'][name], final_b['model'][name]), name
    for m, n in zip(final_a['optimizer']['exp_avg_sq'], final_b['optimizer']['exp_avg_sq']): assert torch.equal(m, n)
    summary = _summary(killed)
    assert _summary(reference) == summary
    if 'schedule' in config:      # both members grokked, ran their schedule to its end and stopped there, ending the run
        assert all(m['grokked_epoch'] is not None and m['stopped_epoch'] == m['schedule_start'] + 100 for m in summary['members'])
        assert summary['status'] == 'early_stopped' and summary['epochs'] == max(m['stopped_epoch'] for m in summary['members'])
    else: assert summary['epochs'] == config['epochs']
    assert len(json.loads((killed / SUMMARY).read_text())['segments']) >= 2
    assert not list(killed.rglob('.*.tmp')), "temporary files left behind"
