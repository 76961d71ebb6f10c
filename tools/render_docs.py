#!/usr/bin/env python
"""Render the docs site without Quarto, at the URLs Quarto publishes: nbdev's own notebook processing (the `proc_nbs`
step that `nbdev-docs` runs before handing the notebooks to Quarto), nbconvert for each processed notebook, and a
page shell that does what Quarto does with the rest: the title block from the front matter, the sidebar from
nbs/sidebar.yml, pandoc's heading ids, Quarto's link attributes, `.ipynb` links turned into page links, and maths
typeset by a vendored KaTeX (tools/docs_assets/katex), so the site works with no network.

    python tools/render_docs.py                  # the site in _docs_offline/ (open _docs_offline/index.html)
    python tools/render_docs.py --out /tmp/site  # elsewhere
    python tools/render_docs.py --readme         # also write README.md from nbs/index.ipynb

Pages are named as nbdev names them for Quarto (`nbpath2html`: `nbs/00_groups.ipynb` -> `groups.html`, or the
notebook's `output-file`), and links to the published site (`site-url` in nbs/nbdev.yml) point at the local pages.
Fails (exit 1) if a notebook cannot be processed or converted, if a processed page still holds a stored error
output or an nbdev directive, or if a notebook is missing from the sidebar.
"""
import argparse, html, os, re, shutil, sys, unicodedata
from pathlib import Path
from urllib.parse import unquote, urlsplit
import nbformat, yaml
from nbconvert import HTMLExporter, MarkdownExporter
from nbconvert.filters import markdown2html
from nbconvert.preprocessors import TagRemovePreprocessor
from nbdev.config import get_config, nbpath2html
from nbdev.serve import proc_nbs
from pygments.formatters import HtmlFormatter

ASSETS = Path(__file__).resolve().parent / 'docs_assets'
DIRECTIVE = re.compile(r'^\s*#\s*\|', re.M)
QUARTO_OPTION = re.compile(r'^\s*#\|\s*([\w-]+)\s*:\s*(.*?)\s*$')
LINK_ATTRS = re.compile(r'\[([^\]\n]*)\]\(([^)\s]+)\)\{([^}\n]*)\}')     # Quarto's [text](url){target="_blank" ...}
HEADING_ATTRS = re.compile(r'^(#{1,6} .*?)\s*\{([^}\n]*)\}\s*$', re.M)   # ## Heading {#id .unnumbered}
FRONT_MATTER = re.compile(r'\s*---\n(.*?)\n---\s*$', re.S)

# ---------------------------------------------------------------- notebooks: what Quarto would do before rendering
_CELL_KEYS = {'code': {'cell_type', 'id', 'metadata', 'source', 'outputs', 'execution_count'},
              'markdown': {'cell_type', 'id', 'metadata', 'source', 'attachments'},
              'raw': {'cell_type', 'id', 'metadata', 'source', 'attachments'}}

def problems(nb) -> list:
    "What a processed notebook should not contain."
    found = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == 'code' and DIRECTIVE.search(cell.source):
            found.append(f"cell {i}: nbdev directive left in the page")
        for out in cell.get('outputs', []):
            if out.get('output_type') == 'error': found.append(f"cell {i}: stored error output {out.get('ename')}")
    return found

def apply_quarto_options(cell):
    "Do what Quarto does with the `#| key: value` cell options nbdev leaves for it: echo, output (false, asis), include."
    lines = cell.source.splitlines()
    options = {}
    while lines and (m := QUARTO_OPTION.match(lines[0])): options[m[1]] = m[2]; lines.pop(0)
    cell.source = '\n'.join(lines)
    if options.get('include') == 'false': cell.source, cell.outputs = '', []
    if options.get('echo') == 'false': cell.metadata.setdefault('tags', []).append('remove_input')
    if options.get('output') == 'false': cell.outputs = []
    if options.get('output') == 'asis':      # printed markdown: Quarto renders it as markdown, not as text
        cell.outputs = [nbformat.v4.new_output('display_data', data={'text/markdown': ''.join(o.text)})
                        if o.output_type == 'stream' else o for o in cell.outputs]

def quarto_markdown(md: str) -> str:
    "Pandoc attributes that Quarto reads and nbconvert would print: on links (as HTML attributes) and on headings."
    md = LINK_ATTRS.sub(lambda m: f'<a href="{m[2]}" {m[3]}>{m[1]}</a>', md)
    def heading(m):
        ident = re.search(r'#([\w.:-]+)', m[2])
        return m[1] + (f' <span data-heading-id="{ident[1]}"></span>' if ident else '')
    return HEADING_ATTRS.sub(heading, md)

def read_processed(path: Path):
    "A processed notebook and its front matter (nbdev writes it as a raw cell 0; Quarto reads it, it is no content)."
    nb = nbformat.read(path, as_version=4, capture_validation_error={})
    front = {}
    if nb.cells and nb.cells[0].cell_type == 'raw' and (m := FRONT_MATTER.match(nb.cells[0].source)):
        front = yaml.safe_load(m[1]) or {}
        nb.cells.pop(0)
    for cell in nb.cells:
        for key in set(cell) - _CELL_KEYS[cell.cell_type]: del cell[key]
        cell.metadata.pop('execution', None)  # timing that nbdev's show_doc execution records, not nbformat schema
        if cell.cell_type == 'code':
            apply_quarto_options(cell)
            for out in cell.outputs:
                md = out.get('data', {}).get('text/markdown')
                if md: out.data['text/markdown'] = quarto_markdown(''.join(md))
        if cell.cell_type == 'markdown':      # nbdev leaves `#| export: true` option lines for Quarto, which drops them
            lines = cell.source.splitlines()
            while lines and QUARTO_OPTION.match(lines[0]): lines.pop(0)
            cell.source = quarto_markdown('\n'.join(lines))
    return nb, front

# ---------------------------------------------------------------- the site: pages, URLs, sidebar
def page_path(notebook: Path, front: dict) -> Path:
    "The page Quarto writes for `notebook` (relative to nbs/): its `output-file`, else nbdev's name without the number."
    return notebook.parent / front['output-file'] if front.get('output-file') else nbpath2html(notebook)

def relative(target: str, page: Path) -> str:
    "URL of site path `target` from `page` (both relative to the site root)."
    up = len(page.parent.parts)
    return '../' * up + target if up else target

def sidebar_entries(sidebar_yml: Path) -> list:
    "nbs/sidebar.yml as Quarto reads it: the `website.sidebar.contents` list (notebook paths and sections)."
    cfg = yaml.safe_load(sidebar_yml.read_text(encoding='utf-8'))
    return cfg['website']['sidebar']['contents']

def sidebar_notebooks(entries) -> list:
    "Every notebook the sidebar names, in order."
    found = []
    for e in entries:
        if isinstance(e, str): found.append(e)
        elif 'contents' in e: found += sidebar_notebooks(e['contents'])
        elif 'href' in e: found.append(e['href'])
    return found

def sidebar_html(entries, pages: dict, titles: dict, current: Path) -> str:
    "The sidebar as nested lists; the current page marked `active`."
    items = []
    for e in entries:
        if isinstance(e, dict) and 'section' in e:
            items.append(f'<li class="section"><span class="section-title">{html.escape(e["section"])}</span>'
                         + sidebar_html(e['contents'], pages, titles, current) + '</li>')
            continue
        nb = Path(e if isinstance(e, str) else e['href'])
        if nb not in pages: continue            # reported by `render`
        target = pages[nb]
        text = e.get('text') if isinstance(e, dict) else None
        active = ' class="active"' if target == current else ''
        items.append(f'<li><a{active} href="{relative(target.as_posix(), current)}">'
                     f'{html.escape(text or titles[nb])}</a></li>')
    return '<ul>' + ''.join(items) + '</ul>'

# ---------------------------------------------------------------- HTML: what pandoc and Quarto do to the body
def pandoc_id(text: str) -> str:
    "Pandoc's auto identifier (Quarto's heading ids): lowercase, spaces to hyphens, only alphanumerics and _-. kept."
    text = unicodedata.normalize('NFC', html.unescape(re.sub(r'<[^>]+>', '', text))).replace('$', '')
    text = ''.join(c for c in text if c.isalnum() or c in '_-. \n').strip().lower()
    text = re.sub(r'\s+', '-', text)
    text = re.sub(r'^[^a-z]+', '', text)
    return text or 'section'

def fix_headings(body: str) -> str:
    "nbconvert's heading ids (`Hello-$x%5E2$`) replaced by pandoc's (`hello-x2`), so fragments match the published site."
    seen = {}
    def one(m):
        level, inner = m[1], re.sub(r'<a class="anchor-link".*?</a>', '', m[3])
        ident = re.search(r'<span data-heading-id="([^"]+)"></span>', inner)
        inner = re.sub(r'\s*<span data-heading-id="[^"]+"></span>', '', inner)
        base = ident[1] if ident else pandoc_id(inner)
        n = seen.get(base, 0); seen[base] = n + 1
        hid = base if n == 0 else f'{base}-{n}'
        return f'<h{level} id="{hid}">{inner}<a class="anchor-link" href="#{hid}">¶</a></h{level}>'
    return re.sub(r'<h([1-6]) id="([^"]*)">(.*?)</h\1>', one, body, flags=re.S)

def fix_links(body: str, page: Path, notebook: Path, pages: dict, site_url: str) -> str:
    "Links to notebooks become links to their pages; links to the published site become links to the local pages."
    def one(m):
        url = html.unescape(m[2])
        if site_url and url.startswith(site_url):
            path = url[len(site_url):].lstrip('/') or 'index.html'
            if path.endswith('/'): path += 'index.html'
            return f'{m[1]}"{html.escape(relative(path, page))}"'
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not parts.path.endswith('.ipynb'): return m[0]
        target = Path(os.path.normpath(notebook.parent / unquote(parts.path)))
        if target in pages:
            frag = f'#{parts.fragment}' if parts.fragment else ''
            return f'{m[1]}"{html.escape(relative(pages[target].as_posix(), page) + frag)}"'
        return m[0]
    return re.sub(r'(\bhref=)"([^"]*)"', one, body)

def copy_images(body: str, notebook: Path, page: Path, nbs: Path, out: Path):
    "Copy the local images a page shows (markdown `![](images/x.png)`) next to it, as Quarto does."
    for src in re.findall(r'<img[^>]*\bsrc="([^"]+)"', body):
        src = html.unescape(src)
        if urlsplit(src).scheme or src.startswith('/'): continue
        origin = nbs / notebook.parent / src
        if origin.exists():
            dest = out / page.parent / src
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(origin, dest)

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} – {site}</title>
<link rel="stylesheet" href="{root}assets/katex/katex.min.css">
<link rel="stylesheet" href="{root}assets/site.css">
<link rel="stylesheet" href="{root}styles.css">
</head>
<body>
<nav class="sidebar">
<a class="site-title" href="{root}index.html">{site}</a>
{sidebar}
</nav>
<main>
<header class="title-block">
<h1 class="title">{title}</h1>
{description}
</header>
{body}
</main>
<script src="{root}assets/katex/katex.min.js"></script>
<script src="{root}assets/katex/contrib/auto-render.min.js"></script>
<script>
renderMathInElement(document.body, {{
  delimiters: [{{left: '$$', right: '$$', display: true}}, {{left: '$', right: '$', display: false}},
               {{left: '\\\\[', right: '\\\\]', display: true}}, {{left: '\\\\(', right: '\\\\)', display: false}}],
  throwOnError: false
}});
</script>
</body>
</html>
"""

def write_assets(out: Path, nbs: Path):
    "KaTeX, the site's layout and code colours, and the project's styles.css."
    shutil.copytree(ASSETS / 'katex', out / 'assets' / 'katex', dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns('*.md', 'LICENSE'))
    css = (ASSETS / 'site.css').read_text(encoding='utf-8') + '\n' + HtmlFormatter(style='default').get_style_defs('.highlight')
    (out / 'assets' / 'site.css').write_text(css, encoding='utf-8')
    if (nbs / 'styles.css').exists(): shutil.copyfile(nbs / 'styles.css', out / 'styles.css')

def inline_markdown(md: str) -> str:
    "A one-paragraph markdown string (a description) as HTML, without the enclosing <p>."
    return re.sub(r'^\s*<p>(.*)</p>\s*$', r'\1', markdown2html(md), flags=re.S)

# ---------------------------------------------------------------- README
def frontmatter_as_heading(front: dict) -> str:
    "Quarto turns the front matter into the page title; a README on GitHub needs it as markdown."
    return f"# {front.get('title', '')}\n\n" + (f"> {front['description']}\n\n" if front.get('description') else '')

def write_readme(readme: Path, nb, front: dict, nbs: Path):
    "README.md from the processed index notebook: local images are addressed from the repository root."
    nb.metadata['language_info'] = {'name': 'python'}   # fenced code blocks tagged ```python
    exporter = MarkdownExporter(exclude_input_prompt=True, exclude_output_prompt=True)
    exporter.register_preprocessor(TagRemovePreprocessor(remove_input_tags={'remove_input'}), enabled=True)
    md, _ = exporter.from_notebook_node(nb)
    prefix = nbs.resolve().relative_to(Path(get_config().config_path).resolve()).as_posix() + '/'   # README sits at the root
    md = re.sub(r'(!\[[^\]]*\]\()(?![a-z]+:|/)', r'\1' + prefix, md)
    Path(readme).write_text(frontmatter_as_heading(front) + md.lstrip('\n'), encoding='utf-8')

# ---------------------------------------------------------------- the whole render
def render(out_dir: Path, readme: Path = None) -> int:
    cfg = get_config()
    nbs = Path(cfg.nbs_path)
    site_url = (yaml.safe_load((nbs / 'nbdev.yml').read_text()) or {}).get('website', {}).get('site-url', '').rstrip('/') + '/'
    cache = proc_nbs(path=str(nbs), n_workers=0, force=True)
    out_dir.mkdir(parents=True, exist_ok=True)
    notebooks = sorted(p.relative_to(cache) for p in cache.rglob('*.ipynb')
                       if not any(part.startswith(('_', '.')) for part in p.relative_to(cache).parts))
    processed = {nb: read_processed(cache / nb) for nb in notebooks}
    pages = {nb: page_path(nb, front) for nb, (_, front) in processed.items()}
    titles = {nb: front.get('title', nb.stem) for nb, (_, front) in processed.items()}
    entries = sidebar_entries(nbs / 'sidebar.yml')
    in_sidebar = [Path(p) for p in sidebar_notebooks(entries)]
    failures = 0
    for missing in sorted(set(in_sidebar) - set(pages)):
        print(f"nbs/sidebar.yml names {missing}, which is not a notebook: fix the sidebar"); failures += 1
    for lost in sorted(set(pages) - set(in_sidebar)):
        print(f"{lost} is not in nbs/sidebar.yml: add it to a section"); failures += 1
    in_sidebar = [p for p in in_sidebar if p in pages]
    exporter = HTMLExporter(template_name='basic', exclude_input_prompt=True, exclude_output_prompt=True)
    exporter.register_preprocessor(TagRemovePreprocessor(remove_input_tags={'remove_input'}), enabled=True)
    write_assets(out_dir, nbs)
    for nb_path, (nb, front) in processed.items():
        bad = problems(nb)
        page = pages[nb_path]
        body, _ = exporter.from_notebook_node(nb)
        body = fix_links(fix_headings(body), page, nb_path, pages, site_url)
        copy_images(body, nb_path, page, nbs, out_dir)
        root = relative('', page)
        description = f'<p class="description">{inline_markdown(front["description"])}</p>' if front.get('description') else ''
        sidebar = sidebar_html(entries, pages, titles, page)
        text = PAGE.format(title=html.escape(titles[nb_path]), site=html.escape(cfg.lib_name), root=root,
                           sidebar=sidebar, description=fix_links(description, page, nb_path, pages, site_url),
                           body=body)
        target = out_dir / page
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding='utf-8')
        failures += bool(bad)
        print(f"{nb_path} -> {page} ({len(text) // 1024} KB) {'ok' if not bad else 'FAILED: ' + '; '.join(bad)}")
    if readme:
        index = Path(cfg.readme_nb)
        nb, front = processed[index]
        write_readme(readme, nb, front, nbs)
        print(f"{readme} written from {cfg.readme_nb}")
    print(f"{len(pages)} pages rendered, {failures} problems")
    return int(failures > 0 or not pages)

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--out', default='_docs_offline', help='output directory for the site')
    ap.add_argument('--readme', nargs='?', const='README.md', default=None, metavar='PATH',
                    help='also write the README (default README.md) from the index notebook')
    args = ap.parse_args()
    sys.exit(render(Path(args.out), args.readme))
