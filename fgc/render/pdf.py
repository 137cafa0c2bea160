"""HTML to PDF with WeasyPrint: only bundled assets, tagged for accessibility, bounded in time.

Templates reference assets under ``static/print/`` through ``BASE_URL`` (https://print.invalid/): the
document is parsed with that base, so ``<link rel="stylesheet" href="base.css">`` and
``url("fonts/FGCPrintSans-Regular.ttf")`` work. The fetcher serves those files and refuses every other URL
(``file:``, ``data:``, any other host, ``..`` in any spelling, symlinks out of the folder), so nothing
is read from disk or the network. WeasyPrint 70 also sends ``<link rel=attachment>`` and ``<a
rel=attachment>`` through the fetcher; attachments are dropped before writing anyway, so not even a
bundled file can be embedded.

Fonts: only those in ``static/print/fonts/`` (see its README.md), never the machine's, so a PDF prints
the same on every server. WeasyPrint finds fonts through Fontconfig, which this module points at
``static/print/fonts/fonts.conf`` (FONTCONFIG_FILE) before WeasyPrint starts it: that configuration
lists the bundled folder alone, and puts the bundled families after whatever family a document asks
for, so every character is drawn from the first bundled font that has it: "FGC Print Sans" (DejaVu
Sans) for Latin, Greek, Cyrillic and Hebrew, then Arabic script, the Indic scripts, Ethiopic, Thai,
Chinese/Korean/kana and emoji. The bundled fonts have names of their own, so no installed font could be
taken for one. A worker sets FONTCONFIG_FILE for good as it starts; ``render_in_process`` sets it only
while it starts WeasyPrint's font configuration, so the calling process's other programs keep theirs.
WeasyPrint embeds the fonts subset.

A character that no bundled font has (a script not bundled, an emoji newer than the emoji font, a
control character) is printed as U+FFFD "�", which FGC Print Sans draws, and logged. Left alone,
WeasyPrint would draw it as an empty box and give the font it fell in (usually FGC Print Sans, the
body text's) an encoding of its own, which pypdf, and so the tools that index PDFs with it, read as
characters separated by NUL bytes: the whole page's text, not just that character.

``render`` runs WeasyPrint in a long-lived worker process (at most MAX_WORKERS, started with
"spawn" on first use, WeasyPrint imported and warmed once, one font configuration reused), so a
render costs WeasyPrint's own time plus pickling. Past ``timeout`` the worker is killed and
``RenderTimeout`` raised; the next render starts a fresh worker (≈1.5 s). Workers are also replaced
after MAX_RENDERS_PER_WORKER renders; their temporary font folders are deleted even after a kill.
Because the font configuration is reused, an ``@font-face`` rule would stay registered in that worker
for later documents: the print CSS declares none, and a new font goes in ``static/print/fonts/``.
``render_in_process`` is the same call without the worker: the baseline for tests and benchmarks.
Spawned workers re-import the ``__main__`` script, so a script that renders needs the
``if __name__ == "__main__":`` guard (flask, gunicorn and pytest are fine).

Tagging: ``pdf_variant="pdf/ua-1"`` (the default) was checked with pypdf on WeasyPrint 70.0 and
works: text (Welsh ŵ ŷ included) extracts exactly, fonts are embedded and subset, ``@bottom-center``
"Page X of Y" margin boxes render and are marked /Artifact; the catalog has /StructTreeRoot (Document,
H1…H6, P, Table/THead/TBody/TR/TH/TD, Span), /MarkInfo {/Marked true}, /Lang from ``<html lang>``,
/ViewerPreferences {/DisplayDocTitle true} and XMP metadata with ``pdfuaid:part="1"``; headings are
bookmarks; /Title, /Author, /Subject come from ``<title>``, ``<meta name=author>`` and ``<meta
name=description>``. Known limit: a table split across pages becomes one /Table per page in the
structure tree. Not checked: full PDF/UA conformance (no veraPDF here), and images need ``alt``.
"""

import atexit
import contextlib
import gc
import logging
import multiprocessing
import os
import shutil
import signal
import tempfile
import threading
import traceback
import unicodedata
from pathlib import Path
from urllib.parse import unquote, urlsplit

LOGGER = logging.getLogger(__name__)
PRINT_ROOT = Path(__file__).resolve().parents[2] / "static" / "print"
FONTS_ROOT = PRINT_ROOT / "fonts"
FONTCONFIG_FILE = FONTS_ROOT / "fonts.conf"  # the bundled fonts and nothing else
HOST = "print.invalid"  # .invalid can never resolve (RFC 2606), so a leaked URL goes nowhere
BASE_URL = f"https://{HOST}/"
DEFAULT_TIMEOUT = 20  # seconds; under gunicorn's default 30 s worker timeout, so we fail first and cleanly
DEFAULT_VARIANT = "pdf/ua-1"
MAX_WORKERS = 2  # the server has two cores; a gunicorn sync worker only ever uses one
START_TIMEOUT = 60  # seconds for a new worker to import WeasyPrint
MAX_RENDERS_PER_WORKER = 1000  # then a fresh worker, in case WeasyPrint leaks memory
MAX_LOG_RECORDS = 50  # WeasyPrint warnings passed back per render; hostile HTML can cause thousands

MEDIA_TYPES = {
    ".css": "text/css",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}
METADATA_KEYS = {"title", "author", "subject", "keywords"}
REPLACEMENT = "\ufffd"  # what a character no bundled font has is printed as
# Unicode's default-ignorable code points (DerivedCoreProperties.txt): never drawn, so they need no glyph.
# With the whitespace WeasyPrint lays out itself, they are the characters left as they are without one.
DEFAULT_IGNORABLE = ((0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160), (0x17B4, 0x17B5),
                     (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164),
                     (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3),
                     (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF))
_WARM_UP_HTML = ('<!doctype html><html lang="en"><title>.</title><link rel="stylesheet" href="base.css">'
                 '<h1>Ŵ</h1><p><b>ŷ</b> <i>ŵ</i> <b><i>Ŷ</i></b></p>')


class RenderError(Exception):
    """The PDF could not be made."""

    def __init__(self, message, remote_traceback=None):
        super().__init__(message)
        self.remote_traceback = remote_traceback


class RenderTimeout(RenderError):
    """Rendering took longer than allowed; the worker was killed."""


class AssetRefused(ValueError):
    """A URL that is not a bundled print asset. WeasyPrint skips the resource."""


# --- fetching bundled assets -----------------------------------------------------------------------


def bundled_path(url, root=PRINT_ROOT):
    """The file under ``root`` that ``url`` names, or raise ``AssetRefused``."""
    root = Path(root).resolve()
    try:
        parts = urlsplit(url)
        path = unquote(parts.path, errors="strict")
    except (ValueError, UnicodeDecodeError) as exc:
        raise AssetRefused(f"malformed URL: {url!r}") from exc
    if parts.scheme.lower() != "https" or parts.netloc.lower() != HOST or parts.query:
        raise AssetRefused(f"not a bundled asset: {url!r}")
    segments = path.split("/")
    # Decoded before splitting, so %2e%2e and %2f are caught here too.
    if (segments[0] != "" or len(segments) < 2
            or any(s in ("", ".", "..") or s.startswith(".") or "\\" in s or "\0" in s for s in segments[1:])):
        raise AssetRefused(f"bad path: {url!r}")
    try:
        resolved = root.joinpath(*segments[1:]).resolve(strict=True)
    except (OSError, RuntimeError) as exc:
        raise AssetRefused(f"no such asset: {url!r}") from exc
    if not resolved.is_relative_to(root) or not resolved.is_file():
        raise AssetRefused(f"outside the print assets: {url!r}")
    if resolved.suffix.lower() not in MEDIA_TYPES:
        raise AssetRefused(f"not a servable type: {url!r}")
    return resolved


_fetcher_class = None


def bundled_fetcher(root=PRINT_ROOT):
    """A WeasyPrint URL fetcher for the files under ``root`` only. Imports WeasyPrint."""
    global _fetcher_class
    if _fetcher_class is None:
        # Defined late so importing this module (the web process) does not import WeasyPrint.
        from weasyprint.urls import URLFetcher, URLFetcherResponse

        class BundledFetcher(URLFetcher):
            def __init__(self, root):
                # No protocols, no redirects: even the base class's opener cannot fetch anything.
                super().__init__(allowed_protocols=(), allow_redirects=False, fail_on_errors=False)
                self.root = Path(root).resolve()

            def fetch(self, url, headers=None):
                path = bundled_path(url, self.root)
                return URLFetcherResponse(url, path.read_bytes(),
                                          {"Content-Type": MEDIA_TYPES[path.suffix.lower()]})

        _fetcher_class = BundledFetcher
    return _fetcher_class(root)


# --- the WeasyPrint call ---------------------------------------------------------------------------


def _check(html, metadata):
    if not isinstance(html, str):
        raise TypeError("html must be a str")
    unknown = set(metadata or {}) - METADATA_KEYS
    if unknown:
        raise ValueError(f"unknown metadata keys: {sorted(unknown)}")


_weasyprint_lock = threading.Lock()  # one render at a time per process: the font configuration is shared
_font_config = None


@contextlib.contextmanager
def bundled_fonts_only():
    """FONTCONFIG_FILE set to the bundled fonts' configuration, then put back as it was.

    Fontconfig reads FONTCONFIG_FILE each time a configuration is loaded, which WeasyPrint does on import
    and in each FontConfiguration(): start both inside this.
    """
    previous = os.environ.get("FONTCONFIG_FILE")
    os.environ["FONTCONFIG_FILE"] = str(FONTCONFIG_FILE)
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("FONTCONFIG_FILE", None)
        else:
            os.environ["FONTCONFIG_FILE"] = previous


_drawable = None


def drawable_characters():
    """Every character some bundled font has a glyph for, from their character maps (read once)."""
    global _drawable
    if _drawable is None:
        from fontTools.ttLib import TTFont

        codes = set()
        for path in FONTS_ROOT.iterdir():
            if path.suffix.lower() in (".ttf", ".otf"):
                codes.update(TTFont(path, lazy=True).getBestCmap())
        _drawable = frozenset(map(chr, codes))
    return _drawable


def _needs_no_glyph(char):
    code = ord(char)
    return char in "\t\n\r\f" or any(low <= code <= high for low, high in DEFAULT_IGNORABLE)


def printable(html):
    """``html`` with every character no bundled font can draw replaced by REPLACEMENT, and those characters."""
    missing = sorted(char for char in set(html) - drawable_characters() if not _needs_no_glyph(char))
    if not missing:
        return html, []
    return html.translate(dict.fromkeys(map(ord, missing), REPLACEMENT)), missing


def _describe(char):
    return f"U+{ord(char):04X} {unicodedata.name(char, unicodedata.category(char))}"


def _write_pdf(html, pdf_variant, metadata):
    global _font_config
    options = {"pdf_variant": pdf_variant}
    html, missing = printable(html)
    if missing:
        LOGGER.warning("%d characters no bundled font has were printed as U+FFFD: %s", len(missing),
                       ", ".join(map(_describe, missing[:20])))
    with _weasyprint_lock:
        if _font_config is None:
            with bundled_fonts_only():
                from weasyprint.text.fonts import FontConfiguration

                # Reused across renders: a fresh one per render leaks ≈250 kB; a shared one stays flat
                # (checked over 360 renders).
                _font_config = FontConfiguration()
        import weasyprint

        html_document = weasyprint.HTML(string=html, base_url=BASE_URL, url_fetcher=bundled_fetcher())
        document = html_document.render(font_config=_font_config, **options)
        # Attachments are only fetched while writing: drop them first so nothing is embedded.
        document.metadata.attachments = []
        for page in document.pages:
            page.links = [link for link in page.links if link[0] != "attachment"]
        metadata = metadata or {}
        if "title" in metadata:
            document.metadata.title = metadata["title"]
        if "author" in metadata:
            document.metadata.authors = [metadata["author"]]
        if "subject" in metadata:
            document.metadata.description = metadata["subject"]
        if "keywords" in metadata:
            document.metadata.keywords = list(metadata["keywords"])
        return document.write_pdf(**options)


def render_in_process(html, *, pdf_variant=DEFAULT_VARIANT, metadata=None):
    """PDF bytes from ``html``, rendered in this process with no time limit: for tests and benchmarks."""
    _check(html, metadata)
    return _write_pdf(html, pdf_variant, metadata)


# --- worker processes ------------------------------------------------------------------------------


class _Collect(logging.Handler):
    """Keeps the render's warnings (WeasyPrint's: skipped resources, bad CSS; ours) to send back with the result."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.records = []

    def emit(self, record):
        if len(self.records) < MAX_LOG_RECORDS:
            source = "WeasyPrint: " if record.name.startswith("weasyprint") else ""
            self.records.append((record.levelno, source + record.getMessage()[:500]))


def _serve(conn, temp_dir):
    """Worker loop: render requests from ``conn`` until it closes or sends None."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C on a dev server is the parent's to handle
    # Before anything here can start Fontconfig: this process only ever sees the bundled fonts.
    os.environ["FONTCONFIG_FILE"] = str(FONTCONFIG_FILE)
    # WeasyPrint copies @font-face fonts (the print CSS has none) into a temporary folder: this one is
    # deleted on the way out, or by the parent after a kill.
    tempfile.tempdir = temp_dir
    collect = _Collect()
    logging.getLogger("weasyprint").addHandler(collect)
    LOGGER.addHandler(collect)
    try:
        # Pays Pango's and the fonts' first-use costs now rather than in the first real render.
        _write_pdf(_WARM_UP_HTML, DEFAULT_VARIANT, None)
    except Exception:
        # Not fatal: the first real render will fail with the same error and report it to the caller.
        LOGGER.warning("PDF worker warm-up failed:\n%s", traceback.format_exc())
    conn.send("ready")
    try:
        while True:
            try:
                request = conn.recv()
            except EOFError:
                return  # the parent has gone, perhaps killed without running its exit handlers
            if request is None:
                return
            collect.records = []
            try:
                reply = ("ok", _write_pdf(*request), collect.records)
            except Exception as exc:
                reply = ("error", f"{type(exc).__name__}: {exc}", traceback.format_exc(), collect.records)
            try:
                conn.send(reply)
            except OSError:
                return  # the parent stopped listening
    finally:
        shutil.rmtree(temp_dir, ignore_errors=True)


class _Worker:
    def __init__(self):
        # spawn, not fork (the caller may have threads) nor forkserver (its server is not fork-safe:
        # a gunicorn worker forked after it started cannot use it).
        context = multiprocessing.get_context("spawn")
        self.temp_dir = tempfile.mkdtemp(prefix="fgc-pdf-")
        self.conn, child_conn = context.Pipe()
        self.process = context.Process(target=_serve, args=(child_conn, self.temp_dir), name="fgc-pdf-worker",
                                       daemon=True)
        try:
            self.process.start()
        except BaseException:
            shutil.rmtree(self.temp_dir, ignore_errors=True)
            raise
        finally:
            child_conn.close()
        self.ready = False
        self.ready_lock = threading.Lock()  # warm_up and a render may both wait for the same worker
        self.renders = 0

    def wait_ready(self):
        with self.ready_lock:
            if self.ready:
                return
            try:
                if not self.conn.poll(START_TIMEOUT):
                    raise RenderError("the PDF worker did not start in time")
                self.conn.recv()
            except (EOFError, OSError) as exc:
                raise RenderError("the PDF worker failed to start") from exc
            self.ready = True

    def call(self, request, timeout):
        self.renders += 1
        try:
            self.conn.send(request)
            if not self.conn.poll(timeout):
                raise RenderTimeout(f"rendering took longer than {timeout} s")
            return self.conn.recv()
        except (EOFError, OSError) as exc:
            raise RenderError("the PDF worker died") from exc

    def stop(self, graceful):
        if graceful and self.process.is_alive():
            try:
                self.conn.send(None)
            except OSError:
                pass
            self.process.join(1)
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()
        shutil.rmtree(self.temp_dir, ignore_errors=True)


_lock = threading.Lock()
_slots = threading.BoundedSemaphore(MAX_WORKERS)
_idle = []  # started workers waiting for work
_live = set()  # every worker this process started and has not stopped


def _checkout():
    """A ready worker for this thread alone: an idle one, else a new one (the caller holds a slot)."""
    with _lock:
        worker = None
        while _idle and worker is None:
            worker = _idle.pop()
            if not worker.process.is_alive():
                _live.discard(worker)
                worker.stop(graceful=False)
                worker = None
        if worker is None:
            worker = _Worker()
            _live.add(worker)
    try:
        worker.wait_ready()  # at once unless it was started by warm_up or as a replacement
    except BaseException:
        _discard(worker)
        raise
    return worker


def _checkin(worker):
    with _lock:
        if worker not in _live:
            return  # stopped by shutdown() meanwhile
        if worker.renders < MAX_RENDERS_PER_WORKER:
            _idle.append(worker)
            return
        _live.discard(worker)
        replacement = _Worker()  # starts loading WeasyPrint now, while this one exits
        _live.add(replacement)
        _idle.append(replacement)
    worker.stop(graceful=True)


def _discard(worker):
    with _lock:
        _live.discard(worker)
    worker.stop(graceful=False)


def render(html, *, timeout=DEFAULT_TIMEOUT, pdf_variant=DEFAULT_VARIANT, metadata=None):
    """PDF bytes from ``html``, rendered in a worker process.

    ``timeout`` (seconds) bounds the render and, separately, any wait for a free worker; starting a
    new worker (first use, or after a kill) is bounded by START_TIMEOUT. ``pdf_variant=None`` gives
    an untagged PDF. ``metadata`` may override the HTML's ``title``, ``author``, ``subject`` and
    ``keywords`` (a list). WeasyPrint's warnings (such as refused URLs) are logged to this module's
    logger. Raises ``RenderTimeout``, or ``RenderError`` if WeasyPrint fails.
    """
    _check(html, metadata)
    if not timeout > 0:
        raise ValueError("timeout must be a positive number of seconds")
    if not _slots.acquire(timeout=timeout):
        raise RenderTimeout(f"no PDF worker was free within {timeout} s")
    try:
        worker = _checkout()
        try:
            reply = worker.call((html, pdf_variant, metadata), timeout)
        except BaseException:
            _discard(worker)  # killed mid-render: its state is unknown
            raise
        _checkin(worker)
    finally:
        _slots.release()
    for level, message in reply[-1]:
        LOGGER.log(level, "%s", message)
    if reply[0] == "error":
        raise RenderError(reply[1], remote_traceback=reply[2])
    return reply[1]


def warm_up(wait=True):
    """Start a worker now rather than on the first render; with ``wait``, until it has WeasyPrint loaded.

    Call it in the process that serves requests: workers started before a fork (gunicorn
    ``--preload``) are not shared with the forked children.
    """
    with _lock:
        if _live:
            return
        worker = _Worker()
        _live.add(worker)
        _idle.append(worker)
    if wait:
        try:
            worker.wait_ready()
        except RenderError:
            with _lock:
                if worker in _idle:
                    _idle.remove(worker)
            _discard(worker)
            raise


def shutdown():
    """Stop every worker: idle ones politely, busy ones (their renders fail) by killing. Runs at exit."""
    with _lock:
        workers = list(_live)
        idle = set(_idle)
        _live.clear()
        _idle.clear()
    for worker in workers:
        worker.stop(graceful=worker in idle)


def _at_exit():
    global _font_config
    shutdown()
    _font_config = None  # render_in_process's: its finaliser deletes its temporary font folder
    gc.collect()


def _forget_after_fork():
    # A forked child (a gunicorn worker under --preload) must not use or stop the parent's workers,
    # nor delete the fonts folder of the parent's font configuration.
    global _lock, _slots, _idle, _live, _weasyprint_lock, _font_config
    for worker in _live:
        multiprocessing.process._children.discard(worker.process)  # or the child's exit would kill them
    if _font_config is not None:
        _font_config._folder = None
        _font_config = None
    _lock = threading.Lock()
    _slots = threading.BoundedSemaphore(MAX_WORKERS)
    _weasyprint_lock = threading.Lock()
    _idle = []
    _live = set()


atexit.register(_at_exit)
os.register_at_fork(after_in_child=_forget_after_fork)
