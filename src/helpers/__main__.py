"""The command line: ``isis-reports COMMAND`` (or ``python -m helpers COMMAND``), a small dispatcher.

Each subcommand lives in its own module, which exposes a function ``add_parser(subparsers)`` that registers
the subcommand's parser and sets ``func`` (``func(args) -> int``, the exit status). Modules are imported only
when needed: the requested command's alone, or all of them to list them in ``--help``. A command whose module
does not exist in this install is left out; any other error while importing one is a bug and shows as such.

A command stopped by SIGINT or SIGTERM stops the processes it started, prints one line and exits with
128 + the signal number (``helpers.interrupt``).
"""

from __future__ import annotations

import argparse
import importlib
import importlib.metadata
import logging
import os
import re
import sys
from collections.abc import Iterable, Sequence

# Subcommand -> "module:function that registers it".
COMMANDS = {
    "build": "helpers.build.corpus:add_parser",
    "synth": "helpers.synth:add_parser",
    "synth-eval": "helpers.synth:add_eval_parser",
    "run": "helpers.run.runner:add_parser",
    "fetch": "helpers.fetch.cli:add_parser",
    "evaluate": "helpers.evaluate.cli:add_parser",
}

PROG = "isis-reports"
DISTRIBUTION = "isis-reports"
_LOG_LEVELS = (logging.WARNING, logging.INFO, logging.DEBUG)


def _registrar(command: str):
    """The function that registers ``command``; None when its module does not exist in this install."""
    module_name, _, function_name = COMMANDS[command].partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name == module_name or module_name.startswith(f"{exc.name}."):
            return None
        raise  # the module exists but needs something missing: say so, do not hide the command
    return getattr(module, function_name)


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def extra_providing(module: str) -> str | None:
    """The extra of this distribution that installs ``module`` (by its top-level name), if any."""
    try:
        requirements = importlib.metadata.requires(DISTRIBUTION) or []
    except importlib.metadata.PackageNotFoundError:  # not installed as a distribution (a bare copy)
        return None
    wanted = _canonical(module.partition(".")[0])
    for requirement in requirements:
        found = re.match(r"\s*([A-Za-z0-9._-]+)[^;]*;.*\bextra\s*==\s*['\"]([^'\"]+)['\"]", requirement)
        if found and _canonical(found[1]) == wanted:
            return found[2]
    return None


def _add_verbose(parser: argparse.ArgumentParser, default) -> None:
    try:
        parser.add_argument("-v", "--verbose", action="count", default=default,
                            help="log more (-v: progress details, -vv: debugging)")
    except argparse.ArgumentError:
        pass  # the subcommand uses -v itself


def build_parser(commands: Iterable[str] = tuple(COMMANDS)) -> argparse.ArgumentParser:
    """The CLI parser with the given subcommands registered (those whose module exists).

    Args:
        commands: Subcommands to register (names of ``COMMANDS``).
    """
    parser = argparse.ArgumentParser(prog=PROG, description="Build and analyse the dataset of the "
                                     "monthly reports on ISIS activity in Syria.")
    _add_verbose(parser, 0)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in commands:
        registrar = _registrar(command)
        if registrar is None:
            logging.getLogger(__name__).debug("leaving out %s: its module is not installed", command)
            continue
        registrar(subparsers)
    for subparser in subparsers.choices.values():
        _add_verbose(subparser, argparse.SUPPRESS)
    return parser


def _requested(argv: Sequence[str]) -> str | None:
    """The subcommand named on the command line: the first argument that is not an option."""
    for arg in argv:
        if not arg.startswith("-"):
            return arg if arg in COMMANDS else None
    return None


def _configure_logging(verbosity: int) -> None:
    level = _LOG_LEVELS[min(verbosity, len(_LOG_LEVELS) - 1)]
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    # Dask's distributed (the dask extra) logs every worker's start and stop at INFO, in this process and in
    # each worker, as it is imported: only from -vv on. Its own setting, when the user made one, wins.
    os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "info" if verbosity >= 2 else "warning")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit status (2 for usage errors)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    command = _requested(argv)
    # The requested command alone; all of them for --help, or for argparse to list the choices
    parser = build_parser([command] if command and _registrar(command) else COMMANDS)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits on --help and on usage errors
        return int(exc.code or 0)
    _configure_logging(getattr(args, "verbose", 0))
    from helpers import interrupt

    try:
        with interrupt.handled():
            return int(args.func(args) or 0)
    except interrupt.Interrupted as stop:
        stopped = (f"{stop.stopped} child process{'' if stop.stopped == 1 else 'es'} stopped, "
                   if stop.stopped else "")
        print(f"{PROG} {args.command}: stopped by {stop.name}; {stopped}previous outputs left as they were",
              file=sys.stderr)
        return stop.exit_status
    except ModuleNotFoundError as exc:  # an optional dependency: name the extra that installs it
        extra = extra_providing(exc.name or "")
        if extra is None:
            raise
        print(f"{PROG} {args.command}: error: {exc.name} is not installed; it comes with the {extra} extra: "
              f"pip install '{DISTRIBUTION}[{extra}]'", file=sys.stderr)
        return 1
    except OSError as exc:  # a file or folder that is missing, not one, or not writable: a message, not a bug
        logging.getLogger(__name__).debug("%s failed", args.command, exc_info=True)
        print(f"{PROG} {args.command}: error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
