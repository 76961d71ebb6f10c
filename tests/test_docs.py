"""The docs site as a reader gets it: rendered offline at the URLs Quarto publishes (tools/render_docs.py), then every
page opened in headless Chromium, driven over its DevTools protocol. A page fails on a broken internal link (file or
#fragment), a missing image, maths that KaTeX did not typeset, a JavaScript error or failed load, or text that only
Quarto should have consumed (front matter, `Out[n]:` prompts, attribute braces, cell options)."""
import ast, asyncio, importlib, json, os, re, shutil, subprocess, sys, tempfile, urllib.request, warnings
from pathlib import Path
from urllib.parse import unquote, urlsplit
import pytest, yaml
from nbdev.config import nbpath2html

ROOT = Path(__file__).resolve().parents[1]
NBS = ROOT / 'nbs'
SITE_URL = yaml.safe_load((NBS / 'nbdev.yml').read_text())['website']['site-url'].rstrip('/') + '/'
# `page.html#name`, the anchors nbdev's doc links point at: every name in the module index, private and methods too
NBDEV_ANCHORS = {url for names in importlib.import_module('grok_nb._modidx').d['syms'].values() for url, _ in names.values()}
NOTEBOOKS = sorted(p.relative_to(NBS) for p in NBS.rglob('*.ipynb')
                   if not any(part.startswith(('_', '.')) for part in p.relative_to(NBS).parts))

@pytest.fixture(scope='module')
def site(tmp_path_factory):
    "The offline site and the README rendered beside it."
    out = tmp_path_factory.mktemp('site')
    run = subprocess.run([sys.executable, 'tools/render_docs.py', '--out', str(out), '--readme', str(out / 'README.md')],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    return out

# ------------------------------------------------------------------ the render itself
def test_pages_have_published_names(site):
    "Each notebook becomes the page nbdev/Quarto publish (number prefix stripped), and nothing else is written."
    pages = {p.relative_to(site) for p in site.rglob('*.html')}
    test_pages = {nbpath2html(nb) for nb in NOTEBOOKS}
    assert pages == test_pages, f"missing: {sorted(map(str, test_pages - pages))}; unexpected: {sorted(map(str, pages - test_pages))}"

def test_readme_is_current(site):
    assert (site / 'README.md').read_text() == (ROOT / 'README.md').read_text(), \
        "README.md is stale: regenerate it from nbs/index.ipynb with `python tools/render_docs.py --readme`"

def test_subtitles_are_one_line():
    "nbdev reads only the first `>` line as the page's description (and the module's summary): more lines are lost."
    for nb in NOTEBOOKS:
        first = json.loads((NBS / nb).read_text(encoding='utf-8'))['cells'][0]
        quote = [l for l in ''.join(first['source']).splitlines() if l.startswith('>')]
        assert len(quote) == 1, f"{nb}: the subtitle spans {len(quote)} lines; write it as one `> ...` line"

def test_package_docs_list_every_module():
    "The package docstring and llms.txt (both written by nbdev-export from index.ipynb) name every module."
    source = (ROOT / 'grok_nb' / '__init__.py').read_text(encoding='utf-8')
    with warnings.catch_warnings():   # nbdev writes the docstring without an r prefix: "\rho" would hold a carriage return
        warnings.simplefilter('error')
        init = ast.get_docstring(ast.parse(source))
    llms = (NBS / 'llms.txt').read_text(encoding='utf-8')
    for module in sorted(p.stem for p in (ROOT / 'grok_nb').glob('*.py') if not p.name.startswith('_')):
        link = f"[grok_nb.{module}]({SITE_URL}"
        assert link in init, f"grok_nb.{module} is not in the package docstring: add it to the modules table of nbs/index.ipynb, then nbdev-export"
        assert link in llms, f"grok_nb.{module} is not in nbs/llms.txt: add it to the modules table of nbs/index.ipynb, then nbdev-export"

def test_api_page_lists_every_public_name(site):
    "The API reference (nbs/90_api.ipynb, a stored output) holds every name of every module's `__all__`."
    api = (site / 'api.html').read_text(encoding='utf-8')
    for path in sorted((ROOT / 'grok_nb').glob('*.py')):
        if path.name.startswith('_'): continue
        module = importlib.import_module(f'grok_nb.{path.stem}')
        missing = [n for n in getattr(module, '__all__', []) if f'<code>{n}</code>' not in api]
        assert not missing, f"grok_nb.{path.stem}: {missing} not in the API page: run `python tools/execute_nb.py nbs/90_api.ipynb`"

# ------------------------------------------------------------------ the browser
def chromium() -> str | None:
    "The Chromium (or Chrome) binary: $CHROMIUM, else the first of the usual names on PATH."
    names = [os.environ.get('CHROMIUM', ''), 'chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']
    return next((shutil.which(n) for n in names if n and shutil.which(n)), None)

class DevTools:
    "A minimal client of Chromium's DevTools protocol over one websocket (tornado's client: no new dependency)."
    def __init__(self, ws): self.ws, self.last_id, self.events = ws, 0, []

    async def call(self, method: str, **params):
        self.last_id += 1
        await self.ws.write_message(json.dumps(dict(id=self.last_id, method=method, params=params)))
        while True:
            message = await self._read()
            if message.get('id') == self.last_id:
                if 'error' in message: raise RuntimeError(f"{method}: {message['error']}")
                return message.get('result', {})

    async def until(self, method: str):
        "Read events until `method` arrives."
        while (await self._read()).get('method') != method: pass

    async def _read(self) -> dict:
        raw = await self.ws.read_message()
        if raw is None: raise RuntimeError("Chromium closed the DevTools connection")
        message = json.loads(raw)
        if 'method' in message: self.events.append(message)
        return message

def problems_in_events(events) -> list:
    "JavaScript exceptions, console errors, and resources that failed to load."
    found, urls = [], {e['params']['requestId']: e['params']['request']['url'] for e in events
                        if e['method'] == 'Network.requestWillBeSent'}
    for e in events:
        p = e.get('params', {})
        if e['method'] == 'Runtime.exceptionThrown':
            d = p['exceptionDetails']
            found.append(f"JavaScript error: {d.get('exception', {}).get('description') or d.get('text')}"[:300])
        elif e['method'] == 'Runtime.consoleAPICalled' and p.get('type') in ('error', 'assert'):
            found.append('console error: ' + ' '.join(str(a.get('value', a.get('description', ''))) for a in p['args'])[:300])
        elif e['method'] == 'Log.entryAdded' and p['entry']['level'] == 'error':
            found.append(f"browser error: {p['entry']['text']} {p['entry'].get('url', '')}"[:300])
        elif e['method'] == 'Network.loadingFailed' and not p.get('canceled'):
            found.append(f"failed to load ({p.get('errorText')}): {urls.get(p.get('requestId'), p.get('requestId'))}")
    return found

# What the page shows a reader: links, images, ids, and the text outside code (where maths and stray markup would be)
READ_PAGE = """(() => {
  const skip = 'pre, code, script, style, .katex, .katex-display';
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT,
    {acceptNode: n => n.parentElement.closest(skip) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT});
  const text = [];
  while (walker.nextNode()) text.push(walker.currentNode.nodeValue);
  return {
    links: [...document.querySelectorAll('a[href]')].map(a => a.href),
    broken_images: [...document.images].filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src.slice(0, 120)),
    ids: [...document.querySelectorAll('[id]')].map(e => e.id),
    maths: document.querySelectorAll('.katex').length,
    maths_errors: [...document.querySelectorAll('.katex-error')].map(e => e.textContent.slice(0, 100)),
    sidebar_links: document.querySelectorAll('nav.sidebar a').length,
    text: text.join('\\n'),
  };
})()"""

STRAY = {  # text a page must not show outside code: what nbconvert or nbdev would print where Quarto consumes it
    'unrendered maths': re.compile(r'\$\$?[^$\n]{1,200}?\$\$?|\\\(|\\\['),
    'an Out[n]/In[n] prompt': re.compile(r'\b(?:Out|In)\s*\[\s*\d*\s*\]:'),
    'front matter': re.compile(r'^(?:---|output-file:|title:|description:)', re.M),
    'Quarto attribute text': re.compile(r'\]\([^)]*\)\{|\{[.#][\w-]+[^}]*\}|\{target=|^:::', re.M),
    'a cell option': re.compile(r'^#\|', re.M),
}

async def read_pages(browser: str, pages: list, profile: Path) -> dict:
    "Open each page in one headless Chromium; what each shows and what went wrong while it loaded."
    from tornado.websocket import websocket_connect
    proc = await asyncio.create_subprocess_exec(
        browser, '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--remote-debugging-port=0',
        f'--user-data-dir={profile}', 'about:blank', stderr=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.DEVNULL)
    try:
        while not (m := re.search(rb'DevTools listening on (ws://[^\s]+)', await asyncio.wait_for(proc.stderr.readline(), 30))): pass
        port = urlsplit(m[1].decode()).port
        targets = json.loads(urllib.request.urlopen(f'http://127.0.0.1:{port}/json/list', timeout=10).read())
        page_ws = next(t['webSocketDebuggerUrl'] for t in targets if t['type'] == 'page')
        tools = DevTools(await websocket_connect(page_ws, max_message_size=2**28))
        for domain in ('Page', 'Runtime', 'Log', 'Network'): await tools.call(f'{domain}.enable')
        seen = {}
        for page in pages:
            tools.events = []
            await tools.call('Page.navigate', url=page.as_uri())
            await asyncio.wait_for(tools.until('Page.loadEventFired'), 30)
            result = await tools.call('Runtime.evaluate', expression=READ_PAGE, returnByValue=True)
            if 'exceptionDetails' in result: raise RuntimeError(f"{page}: {result['exceptionDetails']}")
            seen[page] = dict(result['result']['value'], errors=problems_in_events(tools.events))
        tools.ws.close()
        return seen
    finally:
        proc.kill(); await proc.wait()

def test_every_page_in_chromium(site):
    browser = chromium()
    if browser is None: pytest.skip("Chromium not found: `apt-get install chromium` (as .ci/run does) or set CHROMIUM=/path/to/chrome")
    pages = sorted(site.rglob('*.html'))
    with tempfile.TemporaryDirectory() as profile:
        seen = asyncio.run(asyncio.wait_for(read_pages(browser, pages, Path(profile)), 240))
    ids = {page.resolve(): set(s['ids']) for page, s in seen.items()}
    failures, undocumented = [], set()
    for page, s in seen.items():
        name = page.relative_to(site)
        failures += [f"{name}: {e}" for e in s['errors']]
        failures += [f"{name}: missing image {src}" for src in s['broken_images']]
        failures += [f"{name}: maths KaTeX could not typeset: {e}" for e in s['maths_errors']]
        for what, pattern in STRAY.items():
            failures += [f"{name}: {what}: {m[:80]!r}" for m in pattern.findall(s['text'])[:3]]
        if not s['sidebar_links']: failures.append(f"{name}: no sidebar")
        for link in s['links']:
            url = urlsplit(link)
            if link.startswith(SITE_URL): failures.append(f"{name}: link to the published site not made local: {link}")
            if url.scheme != 'file': continue
            target = Path(unquote(url.path)).resolve()
            if not target.exists(): failures.append(f"{name}: broken link {link}")
            elif url.fragment and target in ids and unquote(url.fragment) not in ids[target]:
                anchor = f"{target.relative_to(site.resolve()).as_posix()}#{unquote(url.fragment)}"
                if anchor in NBDEV_ANCHORS: undocumented.add(anchor)
                else: failures.append(f"{name}: link to a missing anchor {anchor}")
    if undocumented:   # nbdev links every name of its module index; its show_doc documents public top-level ones only
        warnings.warn(f"{len(undocumented)} doc links (nbdev's, to names their chapter does not show_doc) land at the "
                      f"top of the page: {', '.join(sorted(undocumented)[:20])}")
    assert seen[site / 'index.html']['maths'] > 0, "the home page shows maths, but KaTeX typeset none"
    assert not failures, f"{len(failures)} problems in the docs:\n" + '\n'.join(sorted(set(failures))[:60])
