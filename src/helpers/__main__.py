"""The command line: ``python -m helpers COMMAND`` (or ``helpers COMMAND``), a small dispatcher.

Each subcommand lives in its own module, which exposes a function ``add_parser(subparsers)`` that registers
the subcommand's parser and sets ``func`` (``func(args) -> int``, the exit status). Modules are imported only
when needed: the requested command's alone, or all of them to list them in ``--help``; a module that cannot
be imported yet is left out of the list instead of breaking the other commands.

A command stopped by SIGINT or SIGTERM stops the processes it started, prints one line and exits with
128 + the signal number (``helpers.interrupt``).
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Iterable, Sequence

# Subcommand -> "module:function that registers it".
COMMANDS = {
    "build": "helpers.build.corpus:add_parser",
    "synth": "helpers.synth:add_parser",
    "synth-eval": "helpers.synth:add_eval_parser",
    "run": "helpers.run.runner:add_parser",
    "fetch": "helpers.fetch.cli:add_parser",
}

_LOG_LEVELS = (logging.WARNING, logging.INFO, logging.DEBUG)


class CommandUnavailable(RuntimeError):
    """A subcommand whose module or registering function does not exist (yet)."""


def _registrar(command: str):
    """Import the function that registers ``command``; CommandUnavailable when its module is missing."""
    module_name, _, function_name = COMMANDS[command].partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name and module_name.startswith(exc.name):
            raise CommandUnavailable(f"command {command!r} is not available: no module {module_name}"
                                     ) from exc
        raise
    try:
        return getattr(module, function_name)
    except AttributeError as exc:
        raise CommandUnavailable(f"command {command!r} is not available: {module_name} has no "
                                 f"{function_name}()") from exc


def _add_verbose(parser: argparse.ArgumentParser, default) -> None:
    try:
        parser.add_argument("-v", "--verbose", action="count", default=default,
                            help="log more (-v: progress details, -vv: debugging)")
    except argparse.ArgumentError:
        pass  # the subcommand uses -v itself


def build_parser(commands: Iterable[str] = tuple(COMMANDS), *, skip_unavailable: bool = True
                 ) -> argparse.ArgumentParser:
    """The CLI parser with the given subcommands registered.

    Args:
        commands: Subcommands to register (names of ``COMMANDS``).
        skip_unavailable: Leave out, rather than fail on, commands whose module cannot be imported.
    """
    parser = argparse.ArgumentParser(prog="helpers", description="Build and analyse the dataset of the "
                                     "monthly reports on ISIS activity in Syria.")
    _add_verbose(parser, 0)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in commands:
        try:
            registrar = _registrar(command)
        except Exception:
            if not skip_unavailable:
                raise
            logging.getLogger(__name__).debug("leaving out %s", command, exc_info=True)
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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit status (2 for usage errors)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    command = _requested(argv)
    try:
        parser = build_parser([command] if command else COMMANDS, skip_unavailable=command is None)
    except CommandUnavailable as exc:
        print(f"helpers: {exc}", file=sys.stderr)
        return 2
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
        print(f"helpers {args.command}: stopped by {stop.name}; {stopped}previous outputs left as they were",
              file=sys.stderr)
        return stop.exit_status


if __name__ == "__main__":
    sys.exit(main())
