"""The web export in a real browser: Debian's headless Chromium (/usr/bin/chromium, installed by
tools/system-deps.sh --test) driven by Playwright. Playwright's own browser downloads are never used.
Screenshots go to tests/artifacts/ (not in git)."""

import functools
import os
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from publisher.build import build
from publisher.config import load_project
from publisher.render.localize import render_inline

from helpers import ARTIFACTS, REPO, copy_project, set_base_url

CHROMIUM = Path(os.environ.get("PUBLISHER_CHROMIUM", "/usr/bin/chromium"))
if not CHROMIUM.is_file():
    pytest.skip(f"no Chromium at {CHROMIUM} (Debian: apt-get install chromium, or make test as "
                "root, which runs tools/system-deps.sh --test)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (the test extra) drives Chromium")
axe_module = pytest.importorskip("axe_playwright_python.sync_playwright",
                                 reason="axe-playwright-python (the test extra) ships axe-core")

WCAG_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):   # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A plain static server (like a web host) over a folder that holds the exports."""
    www = tmp_path_factory.mktemp("www")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(www)))
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield www, f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def sites(server, release):
    """The relative export copied into a sub-folder, and one built with base_url = its address."""
    www, origin = server
    relative = www / "sub" / "folder"
    shutil.copytree(release, relative)
    project = copy_project(REPO, www.parent / "absolute-project")
    set_base_url(project, f"{origin}/site")
    absolute = load_project(project)
    build(absolute)
    shutil.copytree(absolute.output_dir, www / "site")
    return {"relative": f"{origin}/sub/folder/", "absolute": f"{origin}/site/"}


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                              args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


def test_switcher_goes_from_azerbaijani_to_english_and_back(page, sites):
    page.goto(sites["relative"] + "az/victory-day-2024.html")
    assert page.locator("html").get_attribute("lang") == "az"
    page.locator('nav.languages a[hreflang="en"]').click()
    page.wait_for_load_state()
    assert page.url == sites["relative"] + "en/victory-day-2024.html"
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Victory Day"
    switch = page.locator('nav.languages a[hreflang="az"]')
    assert switch.inner_text() == "Azərbaycanca" and switch.get_attribute("lang") == "az"
    switch.click()
    page.wait_for_load_state()
    assert page.url == sites["relative"] + "az/victory-day-2024.html"
    assert page.locator("h1").inner_text() == "Zəfər Günü"


@pytest.mark.parametrize("which", ["relative", "absolute"])
def test_every_link_and_asset_resolves(page, sites, which):
    """Crawl from the root page: every page, stylesheet, font, PDF, feed answers 200, and no
    request goes to another host."""
    start = sites[which]
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(start))
    failures, foreign = [], []
    page.on("response", lambda r: r.status >= 400 and failures.append((r.status, r.url)))
    page.on("requestfailed", lambda r: failures.append(("failed", r.url)))
    page.on("request", lambda r: not r.url.startswith(origin) and foreign.append(r.url))
    seen, queue, pages = set(), [start], 0
    while queue:
        url = queue.pop()
        url = url.removesuffix("index.html") if url.endswith("/index.html") else url
        if url in seen:
            continue
        seen.add(url)
        assert url.startswith(start), f"link out of the export: {url}"
        if url.endswith((".html", "/")):
            response = page.goto(url)
            assert response.status == 200, url
            page.wait_for_load_state("networkidle")
            pages += 1
            hrefs = page.eval_on_selector_all(
                "a[href], link[href]", "els => els.map(e => e.href)")
            queue += [h.split("#")[0] for h in hrefs if h.startswith(origin)]
        else:
            response = page.request.get(url)
            assert response.status == 200, url
    assert pages == 7                     # root, 2 indexes, 4 publications
    assert not failures and not foreign, (failures, foreign)
    assert any(u.endswith(".pdf") for u in seen) and any(u.endswith("site.css") for u in seen)
    if which == "absolute":
        assert start + "sitemap.xml" not in seen      # not linked; but there and served:
        assert page.request.get(start + "sitemap.xml").status == 200
        assert any(u.endswith("/feed.xml") for u in seen)
    missing = page.goto(start + "404.html")
    assert missing.status == 200 and page.locator("section[lang=az] h1").inner_text() == "Səhifə tapılmadı"
    assert not failures


def test_fonts_are_self_hosted_and_used(page, sites):
    page.goto(sites["relative"] + "az/victory-day-2024.html")
    page.wait_for_load_state("networkidle")
    loaded = page.evaluate("""async () => { await document.fonts.ready;
        return [...document.fonts].filter(f => f.status == 'loaded').map(f => f.family) }""")
    assert {"\"Noto Serif\"", "\"Noto Sans\""} <= set(loaded) or {"Noto Serif", "Noto Sans"} <= set(loaded)


PAGES = ["index.html", "en/index.html", "az/index.html", "az/victory-day-2024.html",
         "en/victory-day-background.html", "404.html"]


@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_wcag_a_or_aa_violation(page, sites, path):
    page.goto(sites["relative"] + path)
    page.wait_for_load_state("networkidle")
    results = axe_module.Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_A_AA}})
    violations = results.response["violations"]
    assert results.response["passes"], "axe ran no check"
    assert not violations, [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
                            for v in violations]


@pytest.mark.parametrize("width", [375, 1280])
def test_renders_at_phone_and_desktop_width(browser, sites, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        for path in ("az/victory-day-2024.html", "az/index.html"):
            page.goto(sites["relative"] + path)
            page.wait_for_load_state("networkidle")
            overflow = page.evaluate("document.documentElement.scrollWidth")
            assert overflow <= width, f"{path} is {overflow}px wide at {width}px"
            body = page.locator("body").bounding_box()
            assert body["width"] <= min(width, 46 * 17 + 1)      # max-width 46rem
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            name = path.replace("/", "-").removesuffix(".html")
            page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
        # The skip link is hidden until focused, then visible and leads to main.
        page.goto(sites["relative"] + "az/victory-day-2024.html")
        skip = page.locator("a.skip")
        assert skip.bounding_box()["x"] < 0
        page.keyboard.press("Tab")
        assert skip.evaluate("e => e === document.activeElement")
        assert skip.bounding_box()["x"] >= 0 and skip.inner_text() == "Əsas məzmuna keçin"
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"
    finally:
        context.close()


# ------------------------------------------------------------------ the Markdown a newsroom writes

WIDE = "| " + " | ".join(f"Column {n} heading" for n in range(1, 9)) + " |\n" + \
       "|" + "---|" * 8 + "\n" + "| " + " | ".join(f"{n * 1000:,}" for n in range(1, 9)) + " |\n"


def test_a_table_scrolls_inside_the_page_at_375_px_and_axe_finds_nothing(browser, rich):
    page_file = rich / "dist" / "az" / "victory-day-background.html"
    html = page_file.read_text(encoding="utf-8")
    # The built page with a wide table after the first: eight columns never fit 375 px.
    cells = WIDE.split("\n")
    wide = ('<div class="table-scroll" tabindex="0"><table><thead><tr>'
            + "".join(f'<th scope="col">{render_inline(c.strip())}</th>' for c in cells[0].strip("| ").split(" | "))
            + "</tr></thead><tbody><tr>"
            + "".join(f"<td>{c.strip()}</td>" for c in cells[2].strip("| ").split(" | "))
            + "</tr></tbody></table></div>")
    page_file.with_name("wide.html").write_text(html.replace("</table>\n</div>", "</table>\n</div>\n" + wide, 1),
                                                encoding="utf-8")
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    try:
        page.goto(page_file.with_name("wide.html").as_uri())
        page.wait_for_load_state("load")
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        wrappers = page.evaluate("""[...document.querySelectorAll('.table-scroll')].map(
            w => [w.scrollWidth, w.clientWidth])""")
        assert len(wrappers) == 2 and wrappers[1][0] > wrappers[1][1]     # the wide one scrolls
        image = page.evaluate("""(() => { const i = document.querySelector('figure.image img');
            return [i.naturalWidth, i.getBoundingClientRect().width] })()""")
        assert image[0] == 1200 and image[1] <= 375                  # loaded, and fits
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "az-markdown-375.png"), full_page=True)
        results = axe_module.Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_A_AA}})
        violations = results.response["violations"]
        assert results.response["passes"] and not violations, [
            (v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
    finally:
        context.close()
