"""PDF rendering: bundled font, nothing fetched from disk or network, time limit, tagging and metadata."""

import http.server
import io
import multiprocessing
import os
import re
import subprocess
import sys
import threading

import pytest
from fontTools.ttLib import TTFont
from pdf_checks import bundled_families, foreign_fonts, letters, text_by_font
from pypdf import PdfReader

from fgc.render import pdf

WELSH = "Ŵyr a wyres, ŷd, Llŷr, Gwŷn"


def page(body, *, head="", title="Plan", lang="cy"):
    return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
            f'<link rel="stylesheet" href="base.css">{head}</head><body>{body}</body></html>')


def read(data):
    assert data.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(data))


def text(reader):
    return "\n".join(p.extract_text() for p in reader.pages)


def fonts(reader):
    """Every font dictionary used on any page, descendant CID fonts included."""
    found = []
    for p in reader.pages:
        for font in p["/Resources"]["/Font"].values():
            font = font.get_object()
            found.append(font)
            found += [d.get_object() for d in font.get("/DescendantFonts", [])]
    return found


def decoded_streams(reader):
    """All stream contents, decompressed: embedded files and fonts are compressed in the raw bytes."""
    numbers = set(reader.xref_objStm)
    for objects in reader.xref.values():
        numbers.update(objects)
    streams = (reader.get_object(number) for number in sorted(numbers))
    return b"".join(obj.get_data() for obj in streams if hasattr(obj, "get_data"))


def titles(outline):
    """pypdf's outline as nested lists of titles: an item's children follow it as a list."""
    return [titles(item) if isinstance(item, list) else item.title for item in outline]


def worker_pids():
    return {p.pid for p in multiprocessing.active_children() if p.name == "fgc-pdf-worker"}


def test_welsh_text_extracts_exactly_from_the_bundled_font_embedded_as_a_subset():
    reader = read(pdf.render(page(f"<h1>{WELSH}</h1><p>{WELSH}. <b>Ŷ</b> <i>ŵ</i></p>")))

    lines = text(reader).splitlines()
    assert lines[0] == WELSH  # the heading, character for character
    assert lines[1] == f"{WELSH}. Ŷ ŵ"
    used = fonts(reader)
    names = {str(f["/BaseFont"]) for f in used}
    # The bundled DejaVu Sans, renamed so that no installed font can stand in for it.
    assert names and all(re.fullmatch(r"/[A-Z]{6}\+FGC-Print-Sans(-Bold|-Oblique|-Bold-Oblique)?", n)
                         for n in names), names
    programs = [f["/FontDescriptor"]["/FontFile2"].get_data() for f in used if "/FontDescriptor" in f]
    assert programs
    bundled = TTFont(pdf.FONTS_ROOT / "FGCPrintSans-Regular.ttf")
    for program in programs:
        embedded = TTFont(io.BytesIO(program))
        assert embedded["name"].getDebugName(1) == "FGC Print Sans"
        assert len(embedded.getGlyphOrder()) < len(bundled.getGlyphOrder()) / 10  # subset, not the whole font


# Text in the scripts the PDFs must print, each with the bundled family that should draw it.
SCRIPTS = {
    "Welsh": ("Ŵyr a wyres, ŷd, Llŷr", "FGC Print Sans"),
    "Polish": ("Łucja Wiśniewska, żółć", "FGC Print Sans"),
    "Romanian": ("Ștefan Țurcanu", "FGC Print Sans"),
    "Greek": ("Ελένη Παπαδάκη", "FGC Print Sans"),
    "Cyrillic": ("Олена Коваленко", "FGC Print Sans"),
    "Hebrew": ("נועה כהן", "FGC Print Sans"),
    "Arabic": ("ليلى حداد", "FGC Print Arabic"),
    "Urdu": ("ساجدہ بیگم، گڑیا", "FGC Print Arabic"),
    "Bengali": ("সুমি রহমান", "FGC Print Bengali"),
    "Punjabi": ("ਹਰਪ੍ਰੀਤ ਕੌਰ", "FGC Print Gurmukhi"),
    "Hindi": ("प्रिया शर्मा", "FGC Print Devanagari"),
    "Gujarati": ("ગુજરાતી", "FGC Print Gujarati"),
    "Tamil": ("தமிழ்", "FGC Print Tamil"),
    "Tigrinya": ("ሰላም ተስፋይ", "FGC Print Ethiopic"),
    "Chinese": ("陳美玲 王小明", "FGC Print CJK"),
    "Emoji": ("👍😀", "FGC Print Emoji"),
}


def test_the_bundled_fonts_have_names_no_installed_font_has_and_come_with_their_licences():
    families = bundled_families()
    assert {family for _, family in SCRIPTS.values()} <= families
    assert all(family.startswith("FGC Print ") for family in families), families
    for notice in ("LICENSE-DejaVu.txt", "LICENSE-Noto.txt", "README.md"):
        assert (pdf.PRINT_ROOT / "fonts" / notice).is_file(), notice


def test_every_script_bold_and_italic_print_with_bundled_fonts_whatever_the_html_asks_for():
    rows = "".join(f"<p>{name}: {words} <b>{words}</b> <i>{words}</i> <b><i>{words}</i></b></p>"
                   for name, (words, _) in SCRIPTS.items())
    asks = "".join(f'<p style="font-family: {family}">{SCRIPTS["Welsh"][0]} {SCRIPTS["Arabic"][0]} <b>bold</b></p>'
                   for family in ('"DejaVu Sans"', "Helvetica", "Arial", "serif", "monospace", "cursive",
                                  '"Noto Sans"', '"Noto Color Emoji"', "system-ui"))
    picture = ('<svg width="200" height="40"><text x="0" y="20" font-family="Helvetica, Arial, sans-serif" '
               'font-weight="bold">Gwŷn ليلى</text></svg>')
    reader = read(pdf.render(page(rows + asks + picture)))

    assert foreign_fonts(reader) == [], "a font from the machine, not static/print/fonts/"
    drawn = text_by_font(reader)
    for name, (words, family) in SCRIPTS.items():
        for word in words.split():
            # By its letters, as a vowel sign may read back moved (see pdf_checks.letters); emoji have none.
            used = {font for text, font in drawn
                    if (letters(word) in letters(text) if letters(word) else word in text)}
            assert used == {family}, (name, word, used)


def test_text_no_bundled_font_can_draw_prints_as_a_replacement_and_spoils_nothing_else(caplog):
    # Tibetan, a private-use character, an unassigned one and a control character: no bundled font has them.
    # Drawn as .notdef, any one of them gave its font an encoding pypdf reads as NUL-separated bytes.
    unknown = "བོད \ue000 \U0010fffd \u0378 \x07"
    joiners = "ਪ੍ਰ \u200d \u200c \u00ad \ufe0f"  # default-ignorable: drawn as nothing, left alone
    reader = read(pdf.render(page(f"<p>Before {unknown} after.</p><p><b>Bold {unknown}</b> ŵ {joiners}</p>")))

    lines = [" ".join(line.split()) for line in text(reader).splitlines()]
    assert lines[:2] == ["Before ��� � � � � after.", "Bold ��� � � � � ŵ ਪ੍ਰ"]
    assert foreign_fonts(reader) == []
    for font in fonts(reader):
        if font.get("/Subtype") == "/Type0":
            assert font["/Encoding"] == "/Identity-H", font["/BaseFont"]
    warnings = [r.getMessage() for r in caplog.records if r.name == pdf.LOGGER.name]
    assert any("7 characters" in m and "U+0F56 TIBETAN LETTER BA" in m and "U+0007 Cc" in m for m in warnings)
    assert not any("notdef" in m for m in warnings)


def test_the_machines_fontconfig_is_never_used_in_a_worker_or_in_process(monkeypatch):
    html = page("<p>Gwŷn ليلى 👍 <b>陳美玲</b> <i>ŵ</i></p>")
    monkeypatch.setenv("FONTCONFIG_FILE", "/etc/fonts/fonts.conf")  # as if the server's were set
    pdf.shutdown()  # a new worker, started with that environment
    assert foreign_fonts(read(pdf.render(html))) == []

    monkeypatch.setattr(pdf, "_font_config", None)  # a new font configuration in this process
    assert foreign_fonts(read(pdf.render_in_process(html))) == []
    assert os.environ["FONTCONFIG_FILE"] == "/etc/fonts/fonts.conf", "this process's own is put back"

def test_printable_keeps_what_the_bundled_fonts_draw_and_what_needs_no_glyph():
    kept = f"{WELSH} ليلى 陳美玲 👍🏽 👨\u200d👩\u200d👧 \u00ad\u200b\u2066x\u2069\t\n <p>&amp;</p>"
    assert pdf.printable(kept) == (kept, [])
    assert pdf.printable("a\u0f56b\u0378\u0f56\x01") == ("a\ufffdb\ufffd\ufffd\ufffd", ["\x01", "\u0378", "\u0f56"])


@pytest.fixture
def listener():
    """A local HTTP server that records every request made to it."""
    requests = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"body { color: red }")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server.server_address[1], requests
    server.shutdown()
    server.server_close()


def test_hostile_html_fetches_nothing_and_embeds_nothing(listener, tmp_path, caplog):
    port, requests = listener
    local = f"http://127.0.0.1:{port}"
    hostname = open("/etc/hostname", encoding="utf-8").read().strip()
    secret = tmp_path / "secret.txt"  # /etc/hostname may be too short to search for safely
    secret.write_text("marker 5f0c8a1e-secret-case-file")
    head = (
        '<link rel=attachment href="file:///etc/hostname">'
        f'<link rel=attachment href="{secret.as_uri()}">'
        '<link rel=attachment href="base.css">'  # a bundled file the fetcher would serve
        '<link rel=stylesheet href="file:///etc/passwd">'
        f'<link rel=stylesheet href="{local}/sheet.css">'
        f'<style>@import url({local}/import.css);'
        f'@font-face {{ font-family: X; src: url({local}/font.ttf), local("DejaVu Sans"); }}'
        f'.bg {{ background: url({local}/y) }}</style>'
    )
    body = (
        '<p class="bg">Visible text</p>'
        '<img src="file:///etc/passwd" alt="">'
        f'<img src="{local}/x" alt="">'
        '<a rel=attachment href="file:///etc/hostname">x</a>'
        f'<a rel=attachment href="{secret.as_uri()}">x</a>'
        '<a rel=attachment href="base.css">y</a>'
        f'<object data="{local}/object"></object>'
        f'<svg width="10" height="10"><image href="{local}/svg.png" width="10" height="10"/>'
        '<image href="file:///etc/hostname" width="10" height="10"/></svg>'
        '<img src="../../../../etc/passwd" alt=""><img src="%2e%2e/%2e%2e/etc/passwd" alt="">'
    )
    data = pdf.render(page(body, head=head))
    reader = read(data)

    assert requests == []
    assert "Visible text" in text(reader)
    assert reader.attachments == {}
    assert "/EmbeddedFiles" not in reader.trailer["/Root"].get("/Names", {})
    annotations = [a.get_object() for p in reader.pages for a in p.get("/Annots", [])]
    assert not [a for a in annotations if a.get("/Subtype") == "/FileAttachment"]
    contents = data + decoded_streams(reader)
    assert b"5f0c8a1e-secret-case-file" not in contents
    if len(hostname) >= 8:
        assert hostname.encode() not in contents
    assert b"root:x:0:0" not in contents
    refusals = [r.getMessage() for r in caplog.records if r.name == pdf.LOGGER.name]
    assert any("file:///etc/passwd" in m and "AssetRefused" in m for m in refusals)  # visible in the app's log


def test_fetcher_serves_bundled_files_only(tmp_path):
    fetcher = pdf.bundled_fetcher()
    css = fetcher.fetch(pdf.BASE_URL + "base.css")
    assert css.read() == (pdf.PRINT_ROOT / "base.css").read_bytes()
    assert css.content_type == "text/css"
    font = fetcher.fetch(pdf.BASE_URL + "fonts/FGCPrintSans-Bold.ttf")
    assert font.content_type == "font/ttf" and font.read()[:4] == b"\0\1\0\0"

    # A symlink inside the folder may not lead out of it.
    (tmp_path / "inside.css").write_text("p {}")
    (tmp_path / "alias.css").symlink_to(tmp_path / "inside.css")
    outside = tmp_path.parent / f"{tmp_path.name}-outside.css"
    outside.write_text("secret")
    (tmp_path / "escape.css").symlink_to(outside)
    local = pdf.bundled_fetcher(tmp_path)
    assert local.fetch(pdf.BASE_URL + "alias.css").read() == b"p {}"
    with pytest.raises(pdf.AssetRefused):
        local.fetch(pdf.BASE_URL + "escape.css")


@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    "file:///work/main/static/print/base.css",
    "data:text/css,body{}",
    "http://print.invalid/base.css",
    "https://print.invalid:443/base.css",
    "https://user@print.invalid/base.css",
    "https://print.invalid.example.com/base.css",
    "https://127.0.0.1/base.css",
    "https://print.invalid/base.css?v=1",
    "https://print.invalid/../../../etc/passwd",
    "https://print.invalid/fonts/../../../../etc/passwd",
    "https://print.invalid/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "https://print.invalid/%2E%2E%2F%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
    "https://print.invalid/fonts/..%2f..%2f..%2fetc/passwd",
    "https://print.invalid//etc/passwd",
    "https://print.invalid/%2fetc%2fpasswd",
    "https://print.invalid/fonts\\..\\base.css",
    "https://print.invalid/base.css%00.ttf",
    "https://print.invalid/fonts/README.md",  # bundled, but not a type the renderer needs
    "https://print.invalid/fonts",
    "https://print.invalid/missing.css",
])
def test_fetcher_refuses_anything_but_a_bundled_file(url):
    with pytest.raises(pdf.AssetRefused):
        pdf.bundled_fetcher().fetch(url)


def test_a_render_past_its_timeout_is_killed_and_the_next_render_works():
    pdf.warm_up()
    rows = "".join(f"<tr><td>{i}</td><td>{WELSH} {i}</td></tr>" for i in range(2000))
    before = worker_pids()
    temp_dirs = {w.temp_dir for w in pdf._live}
    assert all(os.path.isdir(d) for d in temp_dirs)

    with pytest.raises(pdf.RenderTimeout):
        pdf.render(page(f"<table>{rows}</table>"), timeout=0.01)

    killed = before - worker_pids()
    assert killed  # the busy worker is gone, not left rendering in the background
    for pid in killed:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
    assert [d for d in temp_dirs if not os.path.exists(d)]  # its copies of the fonts are deleted too
    assert WELSH in text(read(pdf.render(page(f"<p>{WELSH}</p>"))))


def test_worker_is_reused_and_survives_a_weasyprint_error():
    pdf.render(page("<p>one</p>"))
    pids = worker_pids()
    with pytest.raises(pdf.RenderError, match="KeyError"):
        pdf.render(page("<p>two</p>"), pdf_variant="no/such-variant")
    assert "three" in text(read(pdf.render(page("<p>three</p>"))))
    assert worker_pids() == pids


def test_a_worker_is_replaced_after_its_quota_of_renders(monkeypatch):
    monkeypatch.setattr(pdf, "MAX_RENDERS_PER_WORKER", 1)
    pdf.render(page("<p>one</p>"))
    first = worker_pids()
    assert "two" in text(read(pdf.render(page("<p>two</p>"))))
    assert not first & worker_pids()
    assert all(os.path.isdir(w.temp_dir) for w in pdf._live)
    assert len(pdf._live) <= pdf.MAX_WORKERS


def test_renders_from_several_threads_at_once():
    results = {}

    def work(n):
        results[n] = text(read(pdf.render(page(f"<p>Document {n}</p>"))))

    threads = [threading.Thread(target=work, args=(n,)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert {n: f"Document {n}" in results[n] for n in range(3)} == {0: True, 1: True, 2: True}
    assert len(worker_pids()) <= pdf.MAX_WORKERS


def test_metadata_bookmarks_tags_and_page_numbers():
    filler = "".join(f"<p>{WELSH} {i}.</p>" for i in range(60))
    html = page(f"<h1>Family plan</h1><h2>Who is in the family</h2>{filler}<h2>The plan</h2><h3>Safety</h3>",
                head='<meta name="author" content="FGC Service"><meta name="description" content="Plan for Llŷr">',
                title="Family plan for Llŷr")
    reader = read(pdf.render(html))

    assert reader.metadata.title == "Family plan for Llŷr"
    assert reader.metadata.author == "FGC Service"
    assert reader.metadata.subject == "Plan for Llŷr"
    assert titles(reader.outline) == ["Family plan", ["Who is in the family", "The plan", ["Safety"]]]

    pages = len(reader.pages)
    assert pages >= 2
    for number, p in enumerate(reader.pages, start=1):
        assert f"Page {number} of {pages}" in p.extract_text()

    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert catalog["/Lang"] == "cy"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert b'pdfuaid:part="1"' in catalog["/Metadata"].get_object().get_data()
    tree = catalog["/StructTreeRoot"].get_object()
    document = tree["/K"][0].get_object() if isinstance(tree["/K"], list) else tree["/K"].get_object()
    assert document["/S"] == "/Document"
    roles = [kid.get_object()["/S"] for kid in document["/K"]]
    assert roles[:3] == ["/H1", "/H2", "/P"] and "/H3" in roles


def test_metadata_argument_overrides_the_html():
    reader = read(pdf.render(page("<p>x</p>"), metadata={"title": "Letter to Gwŷn", "author": "FGC",
                                                         "subject": "Invitation", "keywords": ["fgc", "letter"]}))
    assert (reader.metadata.title, reader.metadata.author, reader.metadata.subject) == (
        "Letter to Gwŷn", "FGC", "Invitation")
    assert reader.metadata["/Keywords"] == "fgc, letter"
    with pytest.raises(ValueError):
        pdf.render(page("<p>x</p>"), metadata={"creator": "x"})


def test_untagged_variant_and_in_process_baseline_match():
    html = page(f"<h1>{WELSH}</h1>")
    plain = read(pdf.render(html, pdf_variant=None))
    baseline = read(pdf.render_in_process(html))
    assert "/StructTreeRoot" not in plain.trailer["/Root"]
    assert "/StructTreeRoot" in baseline.trailer["/Root"]
    assert WELSH in text(plain) and WELSH in text(baseline)


def test_importing_the_module_does_not_import_weasyprint():
    code = "import sys, fgc.render.pdf; sys.exit('weasyprint' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
