"""Measure the parser and the corpus build at scale (run by ``make bench``; not a test).

Prints, for generated reports shaped like the sample in ``data/raw``:

1. parse throughput on one core (reports/s, ms/report) against the floor of a bare ``re.findall(r"\\d+")``
   scan over the same texts, measured in the same run, and their ratio;
2. the peak memory of the parsing process;
3. wall time and peak memory (resident set of the whole process tree: the CLI, the forkserver and the pool
   workers) of a full, cold ``python -m helpers build`` of 10,000 and 100,000 reports with ``--jobs 1`` and
   with every core.

Generated reports vary the sample deterministically from a seed (report ``i`` is the same whatever the corpus
size): numbers, governorates, how many breakdown lines each zone has, which optional sentences appear, and
Arabic-Indic instead of ASCII digits in some. By default they state no caliphate month: reports of the same
month are duplicates of each other (only one is counted), and a corpus of 100,000 reports of at most 999
months would leave 99% of its figures out of the tables. ``--with-month`` states one (then the build's
tables are small). Everything is written to a temporary folder that is deleted afterwards (``--keep``
keeps it).

Usage::

    python benchmarks/bench_build.py                       # throughput, 10k and 100k builds, jobs 1 and all
    python benchmarks/bench_build.py --sizes 10000 --jobs 2
    python benchmarks/bench_build.py --skip-build --profile  # throughput and the parser's hot spots
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

from helpers.contract.report import ReportError
from helpers.extract.parse import parse_report

# --------------------------------------------------------------------------------------------- generator

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "raw" / "000_ce1fad4af3d1fbde.txt"

_SDF_PLACES = ("دير الزور", "الحسكة", "الرقة", "حلب", "منبج", "الشدادي")
_BADIA_PLACES = ("حمص", "دير الزور", "حلب", "الرقة", "حماة")
_MONTH_NAMES = ("كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول",
                "تشرين الأول", "تشرين الثاني", "كانون الأول")
_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")

_INTROS = (
    "يواصل تنظيم “د ا ع ش” نشاطه على الأراضي السورية، ليثبت تواجده الفعلي، خلافا لإعلان قيادة التحالف "
    "الدولي لمواجهة التنظيم هزيمته في شهر مارس/آذار من العام 2019.\n"
    "ويكمن نشاط التنظيم من خلال الهجمات التي يشنها على قوات الجيش السوري وقوات سوريا الديمقراطية كلٌ في "
    "مناطق نفوذه، والتي يقابلها عمليات عسكرية مضادة تشنها قوات سوريا الديمقراطية بالتعاون مع التحالف "
    "الدولي، إضافة إلى العمليات الأمنية التي تشنها قوات الجيش السوري بالتعاون مع القوات الروسية، بهدف "
    "مواجهة خلايا التنظيم في مناطق سيطرتهما.",
    "يواصل تنظيم «د ا ع ش» تحركاته في مناطق متفرقة من الأراضي السورية، رغم مرور سنوات على إعلان التحالف "
    "الدولي القضاء على آخر جيوب التنـ ـظيم في آذار 2019.",
    "ما تزال خلايا تنظيم “الدولة الإسلامية” تنشط في البادية السورية ومناطق شمال وشرق سوريا، مستغلة "
    "اتساع الجغرافيا وضعف التنسيق الأمني بين القوى المسيطرة.",
)
_CLOSINGS = (
    "وتسعى خلايا التنظيم لاستغلال كل فرصة سانحة لإثارة الفوضى وتنفيذ عمليات الاغتيال والاستهداف التي تعمل "
    "من خلالها على إرسال رسالة مفادها أن التنظيم سيظل باقياً.",
    "ويرى مراقبون أن خلايا التنـ ـظيم تستغل اتساع الجغرافيا وضعف التنسيق الأمني لإعادة ترتيب صفوفها.",
    "",
)


def _split_total(rng: random.Random, total: int, parts: int) -> list[int]:
    """``total`` split into ``parts`` non-negative integers (a random composition)."""
    cuts = sorted(rng.randint(0, total) for _ in range(parts - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]


def _ops_word(n: int) -> str:
    return "عملية" if n in (1, 2) or n > 10 else "عمليات"


def _zone_lines(rng: random.Random, places: tuple[str, ...], prefix: str, ops: int, killed: int,
                civilians: int) -> list[str]:
    """Breakdown lines of one zone, whose operations and deaths add up to the zone's totals."""
    chosen = rng.sample(places, rng.randint(1, min(len(places), max(1, ops))))
    ops_by = [max(1, n) for n in _split_total(rng, max(0, ops - len(chosen)), len(chosen))]
    ops_by[0] += ops - sum(ops_by)
    killed_by = _split_total(rng, killed, len(chosen))
    civ_by = _split_total(rng, civilians, len(chosen))
    lines = []
    for place, n_ops, n_killed, n_civ in zip(chosen, ops_by, killed_by, civ_by, strict=True):
        victims = [f"{n_killed} من العسكريين"] if n_killed else []
        victims += ["مدني"] * (n_civ == 1) + [f"{n_civ} من المدنيين"] * (n_civ > 1)
        outcome = f" أسفرت عن مقتل {' و'.join(victims)}" if victims else " لم تسفر عن خسائر بشرية"
        lines.append(f"{n_ops} {_ops_word(n_ops)} في {prefix}{place}{outcome}")
    lines[-1] += "."
    return lines


def generate_report(index: int, seed: int = 0, *, with_month: bool = False) -> str:
    """The generated report number ``index`` of a seeded corpus: the sample's shape with varied content.

    Args:
        index: Position in the corpus; the report depends only on it and the seed.
        seed: Corpus seed.
        with_month: State a caliphate month (then reports of the same month are duplicates in a build).
    """
    rng = random.Random(f"{seed}:{index}")
    month = rng.randint(60, 140)
    when = f"الشهر {month} من عمر “الخلافة”" if with_month else "الشهر الماضي"
    sdf_ops, badia_ops = rng.randint(3, 30), rng.randint(2, 40)
    sdf_mil, sdf_civ = rng.randint(0, 20), rng.randint(0, 5)
    badia_mil, badia_civ = rng.randint(0, 90), rng.randint(0, 3)
    civ_phrase = {0: "", 1: "مدني، و"}.get(sdf_civ, f"{sdf_civ} من المدنيين، و")
    parts = [
        rng.choice(_INTROS),
        f"وأحصت منظمات حقوقية خلال {when}، {sdf_ops} عملية قامت بها خلايا تنظيم “د ا ع ش” ضمن مناطق نفوذ "
        f"“الإدارة الذاتية”، تمت عبر هجمات مسلحة واستهدافات وتفجيرات، ووفقاً للتوثيقات، فقد بلغت حصيلة القتلى "
        f"جراء العمليات آنفة الذكر {sdf_mil + sdf_civ} قتلى، هم: {civ_phrase}{sdf_mil} من القوات العسكرية.",
        "وتوزعت العمليات على النحو الآتي:",
        *_zone_lines(rng, _SDF_PLACES, "", sdf_ops, sdf_mil, sdf_civ),
        f"وادعت قوات التحالف الدولي اعتقال {rng.randint(1, 60)} من قيادات وعناصر التنظيم بعمليات أمنية "
        "مشتركة مع قوات سوريا الديمقراطية بالحسكة ودير الزور والرقة.",
    ]
    if rng.random() < 0.6:
        parts[-1] += (" بالإضافة لذلك، قتل قيادي يشغل منصب “أمير الزكاة” في المنطقة الجنوبية بعملية أمنية "
                      "نفذتها قوات التحالف الدولي في ريف الشدادي بمحافظة الحسكة وذلك بتاريخ "
                      f"{rng.randint(1, 28)} {rng.choice(_MONTH_NAMES)}.")
    parts += [
        f"وبالانتقال إلى البادية السورية، فقد شهد {when} عمليات متواصلة للتنظيم ضمن البادية السورية، "
        "والتي تتمثل بشن الهجمات ونصب الكمائن واستهداف قوات الجيش السوري والدفاع الوطني.",
        f"ووثقت المنظمات {badia_ops} عملية لعناصر التنظيم، خلفت مقتل {badia_mil + badia_civ} من الجيش "
        f"السوري والقوات الموالية له والمدنيين. كما قتل {rng.randint(0, 30)} من التنظيم بغارات روسية "
        "على البادية.",
        "وتوزعت العمليات على النحو الآتي:",
        *_zone_lines(rng, _BADIA_PLACES, "بادية ", badia_ops, badia_mil, badia_civ),
    ]
    if rng.random() < 0.5:
        parts.append(f"كذلك خسر التنظيم {rng.randint(1, 9)} من عناصره بحوادث فلتان أمني ضمن محافظة درعا")
    parts.append(rng.choice(_CLOSINGS))
    text = "\n".join(p for p in parts if p) + "\n"
    return text.translate(_INDIC) if rng.random() < 0.1 else text


def write_corpus(directory: Path, n: int, seed: int = 0, *, with_month: bool = False) -> int:
    """Write ``n`` generated reports as UTF-8 ``.txt`` files (100 per subfolder); return the bytes written."""
    total = 0
    for i in range(n):
        folder = directory / f"{i // 100:05d}"
        if i % 100 == 0:
            folder.mkdir(parents=True, exist_ok=True)
        data = generate_report(i, seed, with_month=with_month).encode("utf-8")
        (folder / f"gen_{i:07d}.txt").write_bytes(data)
        total += len(data)
    return total


# --------------------------------------------------------------------------------------------- measuring


def _timed_loop(fn, texts: list[str], min_seconds: float) -> float:
    """Seconds per pass of ``fn`` over every text, repeating passes until ``min_seconds`` have elapsed."""
    passes, start = 0, time.perf_counter()
    while True:
        for text in texts:
            fn(text)
        passes += 1
        elapsed = time.perf_counter() - start
        if elapsed >= min_seconds:
            return elapsed / passes


def _parse_quietly(text: str) -> None:
    try:
        parse_report(text)
    except ReportError:
        pass


def throughput(texts: list[str], min_seconds: float = 2.0) -> dict:
    """Parse and bare-scan times over the same texts, on this one process (one core)."""
    _parse_quietly(texts[0])  # load lexicons, compile patterns
    digits = re.compile(r"\d+")
    scan = _timed_loop(lambda t: re.findall(digits, t), texts, min_seconds / 4)
    parse = _timed_loop(_parse_quietly, texts, min_seconds)
    n = len(texts)
    return {"reports": n, "chars_per_report": sum(map(len, texts)) / n, "parse_ms": parse / n * 1e3,
            "scan_ms": scan / n * 1e3, "reports_per_s": n / parse, "ratio": parse / scan}


def profile(texts: list[str], top: int = 25) -> str:
    """The parser's hot spots over the texts (cProfile, sorted by own time)."""
    profiler = cProfile.Profile()
    profiler.runcall(lambda: [_parse_quietly(t) for t in texts])
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(top)
    return out.getvalue()


class TreeMemory:
    """Sample the resident memory of a process and all its descendants, and keep the peaks."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        self.root = psutil.Process(pid)
        self.interval = interval
        self.peak_tree = self.peak_root = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        try:
            processes = [self.root, *self.root.children(recursive=True)]
        except psutil.Error:
            return
        total = 0
        for process in processes:
            try:
                rss = process.memory_info().rss
            except psutil.Error:
                continue
            total += rss
            if process.pid == self.root.pid:
                self.peak_root = max(self.peak_root, rss)
        self.peak_tree = max(self.peak_tree, total)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.interval)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def run_build(raw: Path, processed: Path, jobs: int, engine: str, cache: bool = True) -> dict:
    """Time one cold ``python -m helpers build`` in a subprocess and sample its memory."""
    shutil.rmtree(processed, ignore_errors=True)
    command = [sys.executable, "-m", "helpers", "build", str(raw), str(processed), "--jobs", str(jobs), "-q"]
    if engine != "local":
        command += ["--engine", engine]
    if not cache:
        command.append("--no-cache")
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    with TreeMemory(process.pid) as memory:
        out, err = process.communicate()
    wall = time.perf_counter() - start
    if process.returncode not in (0, 1):
        raise RuntimeError(f"build failed ({process.returncode}): {err[-2000:]}")
    figures = processed / "figures.parquet"
    return {"jobs": jobs, "engine": engine, "wall_s": wall, "peak_tree_mb": memory.peak_tree / 2**20,
            "peak_main_mb": memory.peak_root / 2**20, "exit": process.returncode,
            "figures_mb": figures.stat().st_size / 2**20 if figures.exists() else 0.0}


# --------------------------------------------------------------------------------------------- report


def _machine() -> str:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = psutil.virtual_memory().total / 2**30
    return (f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GiB RAM, Python {sys.version.split()[0]}, "
            f"{sys.platform}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000],
                        help="corpus sizes to build (default: 10000 100000)")
    parser.add_argument("--jobs", type=int, nargs="*", default=None,
                        help="--jobs values of each build (default: 1 and the number of cores)")
    parser.add_argument("--engine", default="local", choices=("local", "dask"), help="build engine")
    parser.add_argument("--no-cache", action="store_true",
                        help="build with --no-cache (no parse cache written: one file less per report)")
    parser.add_argument("--throughput-reports", type=int, default=1000,
                        help="distinct generated reports in the throughput measure (default: 1000)")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed")
    parser.add_argument("--with-month", action="store_true", help="generated reports state a month")
    parser.add_argument("--skip-build", action="store_true", help="measure throughput only")
    parser.add_argument("--profile", action="store_true", help="print the parser's hot spots")
    parser.add_argument("--keep", action="store_true", help="keep the temporary corpus folder")
    args = parser.parse_args(argv)
    jobs = args.jobs or sorted({1, os.cpu_count() or 1})

    print(f"machine: {_machine()}", flush=True)
    texts = [generate_report(i, args.seed, with_month=args.with_month)
             for i in range(args.throughput_reports)]
    t = throughput(texts)
    print(f"parse, one core: {t['reports_per_s']:,.0f} reports/s ({t['parse_ms']:.3f} ms/report, "
          f"{t['reports']} reports of {t['chars_per_report']:,.0f} characters on average)")
    print(f"bare re.findall(r'\\d+') scan: {t['scan_ms'] * 1e3:.1f} us/report")
    print(f"parser / bare scan: {t['ratio']:.1f}x (target: at most 25x)")
    sample = SAMPLE.read_text(encoding="utf-8")
    one = throughput([sample], min_seconds=1.0)
    print(f"the sample report ({len(sample):,} characters): {one['parse_ms']:.3f} ms, bare scan "
          f"{one['scan_ms'] * 1e3:.1f} us, ratio {one['ratio']:.1f}x")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this parsing process: {peak:.0f} MiB", flush=True)
    if args.profile:
        print(profile(texts[:300]))
    if args.skip_build:
        return 0

    root = Path(tempfile.mkdtemp(prefix="helpers-bench-"))
    try:
        for size in args.sizes:
            raw = root / f"raw_{size}"
            start = time.perf_counter()
            written = write_corpus(raw, size, args.seed, with_month=args.with_month)
            print(f"\ncorpus of {size:,} reports ({written / 2**20:.0f} MiB) written in "
                  f"{time.perf_counter() - start:.1f} s", flush=True)
            for n_jobs in jobs:
                r = run_build(raw, root / f"processed_{size}_{n_jobs}", n_jobs, args.engine,
                              cache=not args.no_cache)
                print(f"  build --jobs {n_jobs} ({r['engine']}{', no cache' if args.no_cache else ''}): "
                      f"{r['wall_s']:.1f} s wall, "
                      f"{size / r['wall_s']:,.0f} reports/s, peak memory {r['peak_tree_mb']:.0f} MiB "
                      f"(all processes; main {r['peak_main_mb']:.0f} MiB), figures.parquet "
                      f"{r['figures_mb']:.1f} MiB, exit {r['exit']}", flush=True)
            if not args.keep:
                shutil.rmtree(raw, ignore_errors=True)
    finally:
        if args.keep:
            print(f"kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
