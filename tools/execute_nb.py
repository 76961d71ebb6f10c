#!/usr/bin/env python
"""Execute notebooks in place to store their outputs (the docs' figures), like `jupyter nbconvert --execute
--inplace`, but skipping the cells flagged with the project's `tst_flags` (`#| slow`, `#| cuda`) unless asked, and
keeping whatever outputs those cells already hold (e.g. from a long run on a GPU). Then cleans them with nbdev.

    python tools/execute_nb.py nbs/12_train.ipynb [more.ipynb ...] [--flags "slow cuda"]
"""
import argparse, re
from pathlib import Path
import nbformat
from nbclient import NotebookClient
from nbdev.clean import clean_nb
from nbdev.config import get_config
from fastcore.xtras import dict2obj

DIRECTIVE = re.compile(r'^\s*#\s*\|\s*([\w-]+)\s*$')

def cell_flags(source: str) -> set:
    "The bare `#| flag` directives at the top of a cell."
    flags = set()
    for line in source.splitlines():
        if not line.strip(): continue
        m = DIRECTIVE.match(line)
        if not m:
            if line.lstrip().startswith('#|'): continue      # `#| key: value` options
            break
        flags.add(m[1])
    return flags

class SkipFlagged(NotebookClient):
    "Runs every code cell except those carrying a skipped flag, whose stored outputs are left as they are."
    skip = frozenset()
    async def async_execute_cell(self, cell, cell_index, *args, **kwargs):
        if cell.cell_type == 'code' and cell_flags(cell.source) & self.skip: return cell
        return await super().async_execute_cell(cell, cell_index, *args, **kwargs)

def execute(path: Path, run_flags=()):
    skip = set(get_config().tst_flags) - set(run_flags)
    nb = nbformat.read(path, as_version=4)
    client = SkipFlagged(nb, timeout=3600, kernel_name='python3', resources={'metadata': {'path': str(path.parent)}})
    client.skip = frozenset(skip)
    client.execute()
    clean_nb(dict2obj(nb, list_func=list))
    nbformat.write(nb, path)
    print(f"{path}: executed (skipped cells flagged {sorted(skip) or 'nothing'})")

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('notebooks', nargs='+', type=Path)
    ap.add_argument('--flags', default='', help='flagged cells to run as well, e.g. "slow"')
    args = ap.parse_args()
    for nb in args.notebooks: execute(nb, args.flags.split())
