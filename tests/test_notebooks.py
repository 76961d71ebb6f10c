"""One pytest test per notebook: each runs through nbdev's own notebook runner, which skips the cells whose
flags are listed in `tst_flags` (`slow`, `cuda`) exactly as `nbdev-test` does."""
from pathlib import Path
import pytest
from nbdev.config import get_config
from nbdev.test import test_nb as run_notebook  # aliased: pytest would collect a name starting with test_

cfg = get_config()
NBS = sorted(p for p in Path(cfg.nbs_path).rglob('*.ipynb')
             if not any(part.startswith(('_', '.')) for part in p.relative_to(cfg.nbs_path).parts))

@pytest.mark.parametrize('notebook', NBS, ids=[str(p.relative_to(cfg.nbs_path)) for p in NBS])
def test_notebook(notebook):
    ok, seconds = run_notebook(notebook, skip_flags=cfg.tst_flags, basepath=cfg.config_path)
    assert ok, f"{notebook.name} failed (see the traceback above)"
