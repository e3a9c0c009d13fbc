"""The ``synth`` and ``synth-eval`` subcommands.

``isis-reports synth --months 90-125 --seed 7 OUT_DIR`` writes the demo corpus and its ground truth;
``isis-reports synth-eval --n 2000`` renders N reports, parses them and prints precision and recall
of the figures per variation family and option.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from helpers.synth.demo import LAST_MONTH, first_month, parse_months, write_corpus
from helpers.synth.evaluate import evaluate
from helpers.synth.variations import default_options, excluded_options, families

log = logging.getLogger(__name__)


def _options(include_all: bool) -> dict[str, tuple[str, ...]]:
    return dict(families()) if include_all else default_options()


def _months(spec: str) -> list[int]:
    """``--months``: ``parse_months``, its ValueError as argparse's usage error (a message, exit status 2)."""
    try:
        return parse_months(spec)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _count(text: str) -> int:
    """A whole number of at least 1 (``--n``, ``--jobs``), else argparse's usage error."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return value


def _execution_months(spec: str) -> list[int]:
    """``--executions``: execution-report months, a ValueError as argparse's usage error."""
    from helpers.synth.executions import parse_execution_months  # noqa: PLC0415

    try:
        return parse_execution_months(spec)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def run_synth(args: argparse.Namespace) -> int:
    """Write the demo corpus (or, with ``--executions``, synthetic execution reports); exit status 0."""
    if args.executions:
        from helpers.synth.executions import GROUND_TRUTH, write_execution_corpus  # noqa: PLC0415

        written = write_execution_corpus(Path(args.out_dir), args.executions, seed=args.seed)
        print(f"wrote {len(written)} synthetic execution reports (months {args.executions[0]}-"
              f"{args.executions[-1]} of the 2014-2019 numbering, seed {args.seed}) and {GROUND_TRUTH} "
              f"to {args.out_dir}")
        return 0
    months = args.months
    reports = write_corpus(Path(args.out_dir), months, seed=args.seed, options=_options(args.all_variations))
    print(f"wrote {len(reports)} synthetic reports (months {months[0]}-{months[-1]}, seed {args.seed}) "
          f"and ground_truth.csv, manifest.csv to {args.out_dir}")
    return 0


def run_eval(args: argparse.Namespace) -> int:
    """Print precision and recall per variation option; exit status 1 when ``--min-recall`` is not met."""
    result = evaluate(args.n, seed=args.seed, options=_options(args.all_variations), jobs=args.jobs,
                      keep_failures=args.show_failures)
    table = result.table()
    with_pct = table.assign(precision=(100 * table["precision"]).round(2),
                            recall=(100 * table["recall"]).round(2))
    columns = ["family", "option", "reports", "exact_reports", "expected", "matched", "precision", "recall",
               "errors", "wrong_month", "unexplained", "check_surprises"]
    print(with_pct[columns].to_string(index=False))
    overall = result.overall.row()
    print(f"\n{overall['reports']} reports, {overall['exact_reports']} exact round trips; figures: precision "
          f"{100 * overall['precision']:.2f}%, recall {100 * overall['recall']:.2f}%")
    if not args.all_variations and excluded_options():
        left_out = "; ".join(f"{k}={','.join(v)}" for k, v in excluded_options().items())
        print(f"options left out of the default set (use --all-variations to include them): {left_out}")
    for failure in result.failures:
        print("\n" + failure.explain())
    if args.csv:
        table.to_csv(args.csv, index=False)
    executions_ok = _eval_executions(args.executions, args.seed) if args.executions else True
    return 0 if overall["recall"] >= args.min_recall and executions_ok else 1


def _eval_executions(n: int, seed: int) -> bool:
    """Round-trip ``n`` synthetic 2014-2019 execution reports; print how many are exact."""
    from helpers.synth.executions import execution_round_trip, execution_sample  # noqa: PLC0415

    failed = [r for r in (execution_round_trip(**spec) for spec in execution_sample(n, seed)) if not r.ok]
    print(f"\n{n} execution reports (2014-2019), {n - len(failed)} exact round trips")
    for r in failed[:2]:
        print(f"\n{r.text}missing {r.missing}\nextra {r.extra}")
        print(f"month ok {r.month_ok}; unexplained {r.unexplained}")
    return not failed


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register ``synth``: write a synthetic demo corpus with its ground truth."""
    parser = subparsers.add_parser(
        "synth", help="write a synthetic demo corpus (reports marked synthetic) and its ground truth",
        description="Render one synthetic report per caliphate month into OUT_DIR, with ground_truth.csv and "
                    "manifest.csv. The numbers are invented; every file is named synthetic_*.")
    parser.add_argument("out_dir", metavar="OUT_DIR", help="folder to write (e.g. data/raw/synthetic)")
    parser.add_argument("--months", type=_months, default="90-125",
                        help="caliphate months, e.g. 90-125 or 90-95,110 (the generator writes months "
                             f"{first_month()}-{LAST_MONTH})")
    parser.add_argument("--seed", type=int, default=7, help="seed of truths, variations and wording")
    parser.add_argument("--all-variations", action="store_true",
                        help="also draw the options left out of the default set")
    parser.add_argument("--executions", type=_execution_months, default=None, metavar="MONTHS",
                        help="write synthetic 2014-2019 execution reports instead, for these months of their "
                             "numbering (1-57), e.g. 1-57")
    parser.set_defaults(func=run_synth)
    return parser


def add_eval_parser(subparsers) -> argparse.ArgumentParser:
    """Register ``synth-eval``: parser precision/recall on rendered synthetic reports."""
    parser = subparsers.add_parser(
        "synth-eval", help="render N synthetic reports, parse them, print precision/recall per variation",
        description="Round-trip N synthetic reports through the parser and report, per variation family and "
                    "option, the share of expected figures found (recall) and of found figures expected "
                    "(precision).")
    parser.add_argument("--n", type=_count, default=2000, help="number of reports")
    parser.add_argument("--seed", type=int, default=0, help="seed of the sample")
    parser.add_argument("--jobs", type=_count, default=1, help="worker processes")
    parser.add_argument("--all-variations", action="store_true",
                        help="also draw the options left out of the default set")
    parser.add_argument("--show-failures", type=int, default=2, metavar="K",
                        help="print the first K failed round trips")
    parser.add_argument("--csv", help="also write the table to this CSV file")
    parser.add_argument("--executions", type=int, default=0, metavar="N",
                        help="also round-trip N synthetic 2014-2019 execution reports (exit status 1 if any "
                             "is not exact)")
    parser.add_argument("--min-recall", type=float, default=0.0,
                        help="exit with status 1 when overall recall is below this fraction")
    parser.set_defaults(func=run_eval)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run ``synth`` or ``synth-eval`` directly (``python -m helpers.synth.cli synth ...``)."""
    parser = argparse.ArgumentParser(prog="helpers.synth")
    subparsers = parser.add_subparsers(dest="command", required=True)
    add_parser(subparsers)
    add_eval_parser(subparsers)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
