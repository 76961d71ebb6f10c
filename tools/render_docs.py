#!/usr/bin/env python
"""Render the docs without Quarto: nbdev's own notebook processing (the same `proc_nbs` step that `nbdev-docs`
runs before handing the notebooks to Quarto), then `nbconvert --to html` for every processed notebook.

    python tools/render_docs.py            # HTML pages in _docs_offline/
    python tools/render_docs.py --readme   # also write README.md from nbs/index.ipynb

Fails (exit 1) if a notebook cannot be processed or converted, or if a processed page still holds a stored
error output or an nbdev directive (`#| export`, ...) that the processing should have removed.
"""
import argparse, re, sys
from pathlib import Path
from nbconvert import HTMLExporter, MarkdownExporter
from nbconvert.preprocessors import TagRemovePreprocessor
from nbdev.config import get_config
from nbdev.serve import proc_nbs
import nbformat, yaml

DIRECTIVE = re.compile(r'^\s*#\s*\|', re.M)
QUARTO_OPTION = re.compile(r'^\s*#\|\s*([\w-]+)\s*:\s*(.*?)\s*$')

def problems(nb) -> list:
    "What a processed notebook should not contain."
    found = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == 'code' and DIRECTIVE.search(cell.source):
            found.append(f"cell {i}: nbdev directive left in the page")
        for out in cell.get('outputs', []):
            if out.get('output_type') == 'error': found.append(f"cell {i}: stored error output {out.get('ename')}")
    return found

_CELL_KEYS = {'code': {'cell_type', 'id', 'metadata', 'source', 'outputs', 'execution_count'},
              'markdown': {'cell_type', 'id', 'metadata', 'source', 'attachments'},
              'raw': {'cell_type', 'id', 'metadata', 'source', 'attachments'}}

def apply_quarto_options(cell):
    "Do what Quarto would do with the `#| key: value` cell options nbdev leaves for it (here: `echo: false`)."
    lines = cell.source.splitlines()
    options = {}
    while lines and (m := QUARTO_OPTION.match(lines[0])): options[m[1]] = m[2]; lines.pop(0)
    cell.source = '\n'.join(lines)
    if options.get('echo') == 'false': cell.metadata.setdefault('tags', []).append('remove_input')

def read_processed(path: Path):
    "A processed notebook, minus the private keys nbdev's processors attach to cells (nbformat rejects them)."
    nb = nbformat.read(path, as_version=4, capture_validation_error={})
    for cell in nb.cells:
        for key in set(cell) - _CELL_KEYS[cell.cell_type]: del cell[key]
        cell.metadata.pop('execution', None)  # timing that nbdev's show_doc execution records, not nbformat schema
        if cell.cell_type == 'code': apply_quarto_options(cell)
    return nb

def frontmatter_as_heading(md: str) -> str:
    "Quarto turns the YAML front matter into the page title; a README on GitHub needs it as markdown."
    m = re.match(r'\s*---\n(.*?)\n---\n', md, re.S)
    if not m: return md
    meta = yaml.safe_load(m[1]) or {}
    head = f"# {meta.get('title', '')}\n\n" + (f"> {meta['description']}\n" if meta.get('description') else '')
    return head + md[m.end():]

def render(out_dir: Path, readme: Path = None) -> int:
    cfg = get_config()
    cache = proc_nbs(path=str(cfg.nbs_path), n_workers=0, force=True)
    out_dir.mkdir(parents=True, exist_ok=True)
    html, failures = HTMLExporter(), 0
    html.register_preprocessor(TagRemovePreprocessor(remove_input_tags={'remove_input'}), enabled=True)
    pages = sorted(p for p in cache.rglob('*.ipynb') if not p.name.startswith('_'))
    for page in pages:
        nb = read_processed(page)
        bad = problems(nb)
        body, _ = html.from_notebook_node(nb)
        target = out_dir / page.relative_to(cache).with_suffix('.html')
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(body, encoding='utf-8')
        status = 'ok' if not bad else 'FAILED: ' + '; '.join(bad)
        failures += bool(bad)
        print(f"{page.relative_to(cache)} -> {target} ({len(body) // 1024} KB) {status}")
    if readme:
        index = read_processed(cache / cfg.readme_nb)
        index.metadata['language_info'] = {'name': 'python'}   # fenced code blocks tagged ```python
        md, _ = MarkdownExporter().from_notebook_node(index)
        md = frontmatter_as_heading(md)
        Path(readme).write_text(md, encoding='utf-8')
        print(f"{readme} written from {cfg.readme_nb}")
    print(f"{len(pages)} pages rendered, {failures} with problems")
    return int(failures > 0 or not pages)

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--out', default='_docs_offline', help='output directory for the HTML pages')
    ap.add_argument('--readme', nargs='?', const='README.md', default=None, metavar='PATH',
                    help='also write the README (default README.md) from the index notebook')
    args = ap.parse_args()
    sys.exit(render(Path(args.out), args.readme))
