"""The library must be what the notebooks export, and the notebooks must be clean: nbdev-export and nbdev-clean
run on a copy of the project must change nothing (CI fails otherwise)."""
import json, shutil, subprocess, sys
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parents[1]

@pytest.fixture(scope='module')
def project_copy(tmp_path_factory):
    dst = tmp_path_factory.mktemp('project')
    for name in ('pyproject.toml', 'nbs', 'grok_nb', 'README.md'):
        src = ROOT / name
        if src.is_dir(): shutil.copytree(src, dst / name, ignore=shutil.ignore_patterns('__pycache__', '.ipynb_checkpoints'))
        elif src.exists(): shutil.copy2(src, dst / name)
    return dst

def _files(root, pattern): return {p.relative_to(root): p.read_bytes() for p in root.glob(pattern)}

def test_library_matches_notebooks(project_copy):
    before = _files(project_copy, 'grok_nb/*.py')
    subprocess.run([sys.executable, '-c', 'from nbdev.doclinks import nbdev_export; nbdev_export()'],
                   cwd=project_copy, check=True)
    after = _files(project_copy, 'grok_nb/*.py')
    changed = sorted(str(p) for p in set(before) | set(after) if before.get(p) != after.get(p))
    assert not changed, f"grok_nb/ is out of sync with nbs/: run nbdev-export and commit ({changed})"

def test_notebooks_are_clean(project_copy):
    before = _files(project_copy, 'nbs/**/*.ipynb')
    subprocess.run([sys.executable, '-c', 'from nbdev.clean import nbdev_clean; nbdev_clean()'],
                   cwd=project_copy, check=True)
    after = _files(project_copy, 'nbs/**/*.ipynb')
    dirty = sorted(str(p) for p in before if before[p] != after[p])
    assert not dirty, f"notebooks not clean: run nbdev-clean and commit ({dirty})"
