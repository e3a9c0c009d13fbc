"""Coverage-guided fuzzing (atheris) of the reader and ``parse_report`` with hostile input.

Each input picks one of these shapes and is fed to ``reader.bytes_to_text`` and/or ``parse_report``:

0. raw bytes, read as a ``.txt`` or ``.html`` file;
1. random Unicode text;
2. a real report (the conformance fixtures and the sample) mutated: snippets of hostile text inserted,
   ranges deleted, lines duplicated, numbers replaced by huge or odd ones, Arabic-Indic digits, HTML,
   stretches rewritten (confusable letters, widened or quoted gaps between words: ``REWRITES``);
3. thousands of repeated report lines (breakdown lines, tolls, lists), joined by newlines, spaces or commas;
4. one very long line;
5. a report inside deeply nested HTML elements.

Only the project's documented input errors may escape: ``ReadError`` and ``NotAReportError``.
``ParserError`` (an internal exception the parser wrapped: a bug), any other exception, and an input
whose parse is slower than ``--budget-ms`` + ``--per-kb-ms`` per KiB of text (superlinear behaviour, such as
catastrophic regex backtracking) or raises the peak memory by more than ``--rss-jump-mb`` are findings.
By default a finding stops the run with its traceback (the libFuzzer way, the input is saved as
``crash-*``); with ``--record DIR`` every distinct finding (by exception type and the line it was raised
at) is written to ``DIR`` with its input and the run goes on.
Coverage instrumentation slows the parser down many times, so a slow finding is only a suspect:
``--replay DIR`` runs the recorded inputs again on uninstrumented code and reports the real times.

Usage (``pip install -e '.[fuzz]'``; atheris runs on Linux and macOS with CPython 3.8-3.11+)::

    python fuzz/fuzz_parse.py -atheris_runs=100000 --record fuzz/findings
    python fuzz/fuzz_parse.py --replay fuzz/findings               # confirm findings without instrumentation
    python fuzz/fuzz_parse.py -max_total_time=600 corpus_dir/     # libFuzzer options pass through
"""

from __future__ import annotations

import argparse
import atexit
import hashlib
import logging
import resource
import sys
import time
import traceback
from pathlib import Path

import atheris

if "--replay" in sys.argv:  # time recorded inputs on the code as it runs in production: not instrumented
    from helpers.contract.report import NotAReportError, ParserError, ReadError
    from helpers.extract.parse import parse_report
    from helpers.read.reader import bytes_to_text
else:
    with atheris.instrument_imports(include=["helpers"]):
        from helpers.contract.report import NotAReportError, ParserError, ReadError
        from helpers.extract.parse import parse_report
        from helpers.read.reader import bytes_to_text

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "tests" / "data" / "conformance").glob("*.txt")) + [
    ROOT / "data" / "raw" / "000_ce1fad4af3d1fbde.txt"]
HTML_SEEDS = sorted((ROOT / "tests" / "data").rglob("*.html"))
EXPECTED = (ReadError, NotAReportError)
SNIPPETS = (
    "د ا ع ش", "التنـ ـظيم", "خلا*فة", "د.ا.ع.ش", "١٢٣", "۴۵", "1,000", "٬", "ـــ", "\u200f", "\u200b",
    "\u064b",
    "مقتل", "مدني", "عنصرين", "بينهم", "طفل", "منذ", "مطلع العام", "أكثر من", "نحو", "عملية", "عمليات في",
    "بادية حمص", "دير الزور", "الحسكة", "ريف", "قسد", "التحالف الدولي", "الشهر 112 من عمر الخلافة",
    "الشهر الثالث بعد المئة", "23 تشرين الثاني", "مارس/آذار 2019", "العام 2023", "ألفان و192", "ثلاث مئة",
    "أحد عشر", "وإحدى وعشرين", "%", "، ", ": ", ".", "\n", "\r\n", '"', "“", "«", "<br>", "<p>", "</p>",
    "<html><body><article>", "</article></body></html>", "&amp;", "\x00", "\ufeff", "\ud7ff", "🙂",
    "ISIS", "killed", "civilians", "in the Syrian desert", "since March 2019",
)
LINES = (
    "5 عملية في دير الزور أسفرت عن مقتل 1 من العسكريين",
    "9 عمليات في بادية حمص أسفرت عن مقتل 53 عسكريين، ومدني، و13 من التنظيم",
    "مقتل 5 ",
    "ومدني ",
    "1 في بادية حلب أسفرت عن مقتل 2 من العسكريين",
    "قتل 37 مدنياً بينهم طفل وسيدة",
    "وادعت قوات التحالف الدولي اعتقال 17 من قيادات وعناصر التنظيم",
    "منذ مطلع العام 2023 قتل 120 من العسكريين",
    "ثلاثة وعشرين",
    "الشهر 112 ",
    "د ا ع ش ",
)
# Rewrites of a stretch: letters re.IGNORECASE takes for ASCII ones (dotless ı, long ſ, the Kelvin sign) and
# the gaps between a phrase's words widened, quoted or hyphenated (both crashed the parser once).
REWRITES = ({"i": "ı"}, {"s": "ſ"}, {"k": "\u212a"}, {" ": "  "}, {" ": ' "'}, {" ": "-"}, {" ": " “"},
            {"ي": "ى"}, {"ة": "ه"}, {"ا": "أ"})
TAGS = ("div", "p", "span", "article", "section", "b", "h1", "li", "ul", "table", "tr", "td", "header", "nav")

_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def _seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8", errors="replace") for p in SEEDS + HTML_SEEDS]


TEXTS = _seed_texts()  # a list, as PickValueInList wants


def _mutate(fdp: atheris.FuzzedDataProvider, text: str) -> str:
    """Apply up to 16 mutations chosen by the fuzzer to a report's text."""
    chars = list(text)
    for _ in range(fdp.ConsumeIntInRange(1, 16)):
        if not fdp.remaining_bytes():
            break
        pos = fdp.ConsumeIntInRange(0, len(chars))
        op = fdp.ConsumeIntInRange(0, 7)
        if op == 0:
            chars[pos:pos] = fdp.PickValueInList(list(SNIPPETS))
        elif op == 1:
            chars[pos:pos] = fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(1, 40))
        elif op == 2:
            del chars[pos:pos + fdp.ConsumeIntInRange(1, 200)]
        elif op == 3:
            chars[pos:pos] = str(fdp.ConsumeIntInRange(0, 2**63)) * fdp.ConsumeIntInRange(1, 3)
        elif op == 4:
            chars[pos:pos] = fdp.PickValueInList(list(SNIPPETS)) * fdp.ConsumeIntInRange(2, 300)
        elif op == 5:
            line = "".join(chars).split("\n")
            k = fdp.ConsumeIntInRange(0, max(0, len(line) - 1))
            chars[pos:pos] = ("\n" + line[k]) * fdp.ConsumeIntInRange(1, 50)
        elif op == 6:
            chars[pos:pos] = str(fdp.ConsumeIntInRange(0, 10**6)).translate(_INDIC)
        else:
            end = pos + fdp.ConsumeIntInRange(1, 400)
            rewrite = str.maketrans(fdp.PickValueInList(list(REWRITES)))
            chars[pos:end] = "".join(chars[pos:end]).translate(rewrite)
    return "".join(chars)


def _repeated(fdp: atheris.FuzzedDataProvider, max_chars: int) -> str:
    line = fdp.PickValueInList(list(LINES))
    joiner = fdp.PickValueInList(["\n", " ", "، ", ", ", ""])
    times = fdp.ConsumeIntInRange(1, max(1, max_chars // (len(line) + 2)))
    head = "في البادية السورية نفذ التنظيم 40 عملية خلال الشهر 112 من عمر الخلافة، وتوزعت على النحو الآتي:\n"
    return head + joiner.join([line] * times)


def _long_line(fdp: atheris.FuzzedDataProvider, max_chars: int) -> str:
    text = fdp.PickValueInList(TEXTS).replace("\n", fdp.PickValueInList([" ", "، ", ""]))
    return (text * (max_chars // max(1, len(text)) + 1))[: fdp.ConsumeIntInRange(1, max_chars)]


def _nested_html(fdp: atheris.FuzzedDataProvider, max_depth: int) -> bytes:
    depth = fdp.ConsumeIntInRange(1, max_depth)
    tag = fdp.PickValueInList(list(TAGS))
    body = fdp.PickValueInList(TEXTS).replace("\n", "<br>")
    close = fdp.ConsumeBool()
    page = f"<html><body>{f'<{tag}>' * depth}{body}{f'</{tag}>' * depth if close else ''}</body></html>"
    return page.encode("utf-8")


def _inputs(data: bytes, max_chars: int) -> tuple[bytes | None, str | None, str]:
    """The bytes to read (or None) and the text to parse (or None) an input stands for, and its shape."""
    fdp = atheris.FuzzedDataProvider(data)
    shape = fdp.ConsumeIntInRange(0, 5)
    if shape == 0:
        suffix = fdp.PickValueInList([".txt", ".html"])
        return fdp.ConsumeBytes(fdp.remaining_bytes()), None, f"bytes{suffix}"
    if shape == 1:
        return None, fdp.ConsumeUnicodeNoSurrogates(fdp.remaining_bytes()), "unicode"
    if shape == 2:
        text = _mutate(fdp, fdp.PickValueInList(TEXTS))
        if text.lstrip().startswith("<") or fdp.ConsumeBool():  # a page, or a text read from its bytes
            return text.encode("utf-8", "surrogatepass"), None, "mutated file"
        return None, text, "mutated"
    if shape == 3:
        return None, _repeated(fdp, max_chars), "repeated lines"
    if shape == 4:
        return None, _long_line(fdp, max_chars), "long line"
    return _nested_html(fdp, max(1, max_chars // 50)), None, "nested html"


class Finding(Exception):
    """An input that broke a rule of the target: an undocumented exception, or too slow a parse."""


def check(data: bytes, max_chars: int, budget_s: float, per_kib_s: float) -> None:
    """Run the reader and the parser on one fuzz input; raise ``Finding`` (or the bug) when a rule breaks."""
    run(*_inputs(data, max_chars), budget_s, per_kib_s)


def run(raw: bytes | None, text: str | None, shape: str, budget_s: float, per_kib_s: float) -> None:
    """Read ``raw`` (when given) and parse the text; raise ``Finding`` (or the bug) when a rule breaks."""
    if raw is not None:
        try:
            read = bytes_to_text(raw, name="fuzz", suffix=".html" if "html" in shape else ".txt")
        except ReadError:
            read = None
        text = text if text is not None else read
    if text is None:
        return
    start = time.perf_counter()
    try:
        parse_report(text, report_id="fuzz")
    except ParserError as exc:
        raise Finding(f"ParserError on {shape} input: {exc}") from exc.__cause__
    except EXPECTED:
        pass
    elapsed = time.perf_counter() - start
    allowed = budget_s + per_kib_s * len(text) / 1024
    if elapsed > allowed:
        raise Finding(f"slow parse of {shape} input: {elapsed:.2f} s for {len(text):,} characters "
                      f"(allowed {allowed:.2f} s)")


class Recorder:
    """Keep one example of each distinct finding in a folder, and count inputs."""

    def __init__(self, directory: Path | None) -> None:
        self.directory = directory
        self.seen: set[str] = set()
        self.inputs = 0
        if directory is not None:
            directory.mkdir(parents=True, exist_ok=True)

    @staticmethod
    def signature(exc: Finding) -> str:
        """What makes findings the same: the exception and the line raising it, or the kind of slowness."""
        cause = exc.__cause__
        if cause is None:
            return str(exc).split(":")[0]
        frames = traceback.extract_tb(cause.__traceback__)
        where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
        return f"{type(cause).__name__} at {where}"

    def record(self, data: bytes, exc: Finding, max_chars: int) -> None:
        """Save the input (fuzz bytes, and the file or text they stand for) and traceback of a new finding."""
        signature = self.signature(exc)
        if signature in self.seen:
            return
        self.seen.add(signature)
        digest = hashlib.sha1(data).hexdigest()[:12]
        (self.directory / f"finding-{digest}.bin").write_bytes(data)
        raw, text, shape = _inputs(data, max_chars)
        if raw is not None:
            (self.directory / f"finding-{digest}.file").write_bytes(raw)
        else:
            (self.directory / f"finding-{digest}.text").write_bytes(text.encode("utf-8", "surrogatepass"))
        cause = "".join(traceback.format_exception(exc.__cause__)) if exc.__cause__ else ""
        text = f"{signature}\n{exc}\n\n{cause}"
        (self.directory / f"finding-{digest}.txt").write_text(text, encoding="utf-8")
        print(f"\nFINDING {signature}: {str(exc)[:300]}", file=sys.stderr, flush=True)


def replay(directory: Path, budget_s: float, per_kib_s: float) -> int:
    """Run every recorded file or text again and print what it does now; return how many still fail."""
    failing = 0
    for path in sorted([*directory.glob("*.file"), *directory.glob("*.text")]):
        data = path.read_bytes()
        raw, text = (data, None) if path.suffix == ".file" else (None, data.decode("utf-8", "surrogatepass"))
        start = time.perf_counter()
        try:
            run(raw, text, path.suffix, budget_s, per_kib_s)
            outcome = "passes"
        except Exception as exc:  # report every kind of failure, then go on with the next input
            failing += 1
            outcome = f"FAILS: {exc}"
        size = len(text) if text is not None else len(raw)
        print(f"{path.name}: {size:,} {'characters' if text is not None else 'bytes'}, "
              f"{time.perf_counter() - start:.2f} s, {outcome[:300]}")
    return failing


def main(argv: list[str]) -> None:
    """Parse our options, pass the others to libFuzzer, and fuzz (or replay recorded findings)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], add_help=False)
    parser.add_argument("--record", type=Path, help="record findings in this folder and keep going")
    parser.add_argument("--replay", type=Path, help="run the inputs recorded in this folder, uninstrumented")
    parser.add_argument("--max-chars", type=int, default=200_000, help="size of generated hostile texts")
    parser.add_argument("--budget-ms", type=float, default=1000, help="time allowed for any parse")
    parser.add_argument("--per-kb-ms", type=float, default=3, help="extra time allowed per KiB of text")
    parser.add_argument("--rss-jump-mb", type=float, default=256,
                        help="an input that raises the peak memory of the process by more is a finding")
    args, libfuzzer_args = parser.parse_known_args(argv[1:])
    logging.disable(logging.CRITICAL)  # parse_report logs bugs it wraps; the target reports them
    if args.replay is not None:
        sys.exit(1 if replay(args.replay, args.budget_ms / 1000, args.per_kb_ms / 1000) else 0)
    recorder = Recorder(args.record)

    def target(data: bytes) -> None:
        recorder.inputs += 1
        peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
        try:
            check(data, args.max_chars, args.budget_ms / 1000, args.per_kb_ms / 1000)
            jump = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before) / 1024
            if jump > args.rss_jump_mb:
                raise Finding(f"memory blowup: the peak memory rose by {jump:.0f} MiB on one input")
        except Finding as exc:
            if args.record is None:
                raise
            recorder.record(data, exc, args.max_chars)
        except Exception as exc:
            if args.record is None:
                raise
            finding = Finding(f"{type(exc).__name__} escaped: {exc}")
            finding.__cause__ = exc
            recorder.record(data, finding, args.max_chars)

    atexit.register(lambda: print(f"\ninputs run: {recorder.inputs:,}; distinct findings: "
                                  f"{len(recorder.seen)}", file=sys.stderr))
    atheris.Setup([argv[0], *libfuzzer_args], target)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
