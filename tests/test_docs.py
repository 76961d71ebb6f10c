"""The docs build without Quarto: nbdev's processing + nbconvert renders every notebook to HTML (tools/render_docs.py)."""
import subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

def test_docs_render_offline(tmp_path):
    readme = tmp_path / 'README.md'
    run = subprocess.run([sys.executable, 'tools/render_docs.py', '--out', str(tmp_path), '--readme', str(readme)], cwd=ROOT,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    pages = {p.stem for p in tmp_path.glob('*.html')}
    notebooks = {p.stem for p in (ROOT / 'nbs').glob('*.ipynb')}
    assert pages == notebooks, f"pages missing: {sorted(notebooks - pages)}"
    assert readme.read_text() == (ROOT / 'README.md').read_text(), \
        "README.md is stale: regenerate it from nbs/index.ipynb with `python tools/render_docs.py --readme`"
