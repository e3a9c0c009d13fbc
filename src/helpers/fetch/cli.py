"""``python -m helpers fetch``: reports from the web into ``data/raw/web``, each with a provenance sidecar."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from helpers import paths
from helpers.fetch.config import load_config
from helpers.fetch.sources import SourcesError, Target, check_url, read_sources

logger = logging.getLogger(__name__)

DEFAULT_OUT = paths.RAW_DIR / "web"


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register ``fetch`` on the CLI's subcommands."""
    parser = subparsers.add_parser(
        "fetch", help="fetch reports from the web into data/raw/web (with provenance sidecars)",
        description="Fetch report pages into OUT (data/raw/web): the URLs given, those of a sources file, "
                    "and with --feeds the series' entries of the configured RSS/Atom feeds. Each page is "
                    "kept exactly as received, named from its URL, with a .json provenance sidecar; a "
                    "changed page becomes a new version, an unchanged one is not written again. Pages that "
                    "are gone or refused come from the Wayback Machine when it has them.")
    parser.add_argument("urls", nargs="*", metavar="URL", help="pages to fetch")
    parser.add_argument("-s", "--sources", type=Path, metavar="CSV",
                        help="a sources file: CSV with the columns url, month, language, note (only url "
                             "required)")
    parser.add_argument("--feeds", action="store_true",
                        help="read the configured feeds and fetch their entries of the series")
    parser.add_argument("--config", type=Path, metavar="TOML",
                        help="fetch configuration (default: the package's data/feeds.toml)")
    parser.add_argument("--base-url", metavar="URL", help="the site the configured feed paths belong to")
    parser.add_argument("--wayback-url", metavar="URL", help="the Wayback Availability API endpoint")
    parser.add_argument("--cdx-url", metavar="URL", help="the Wayback CDX API endpoint (asked second)")
    parser.add_argument("--no-wayback", action="store_true", help="never fall back to the Wayback Machine")
    parser.add_argument("--archived", action="store_true",
                        help="take every page from the Wayback Machine (closest snapshot), not the site")
    parser.add_argument("-o", "--out", type=Path, default=DEFAULT_OUT, metavar="OUT",
                        help="where pages are kept (default: data/raw/web)")
    parser.add_argument("--delay", type=float, metavar="S", help="seconds between requests to one host")
    parser.add_argument("--timeout", type=float, metavar="S", help="seconds allowed per connect or read")
    parser.add_argument("--retries", type=int, metavar="N", help="further attempts on 429/5xx/timeouts")
    parser.add_argument("--max-mb", type=float, metavar="MB", help="size limit of one page in MiB")
    parser.add_argument("--user-agent", metavar="TEXT", help="the User-Agent (add a contact address)")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary")
    parser.set_defaults(func=run_cli)
    return parser


def _overrides(args: argparse.Namespace) -> dict:
    changes = {"delay": args.delay, "timeout": args.timeout, "retries": args.retries,
               "user_agent": args.user_agent,
               "max_bytes": int(args.max_mb * 2**20) if args.max_mb is not None else None}
    return {name: value for name, value in changes.items() if value is not None}


def targets_from(args: argparse.Namespace) -> list[Target]:
    """The pages named on the command line and in the sources file.

    Raises:
        SourcesError: A URL or the sources file is malformed.
    """
    targets = [Target(check_url(url, "command line")) for url in args.urls]
    if args.sources is not None:
        targets += read_sources(args.sources)
    return targets


def run_cli(args: argparse.Namespace) -> int:
    """Run ``fetch`` from parsed CLI arguments, print the summary, and return the exit status."""
    from tqdm.contrib.logging import logging_redirect_tqdm

    from helpers.fetch.session import fetch

    try:
        targets = targets_from(args)
        config = load_config(args.config, base_url=args.base_url, wayback_url=args.wayback_url,
                             cdx_url=args.cdx_url)
        config = config.with_overrides(**_overrides(args))
    except (SourcesError, OSError, ValueError) as exc:
        logger.error("%s", exc)
        return 2
    if not targets and not args.feeds:
        logger.error("nothing to fetch: give URLs, --sources CSV or --feeds")
        return 2
    with logging_redirect_tqdm():
        result = fetch(targets, config=config, out_dir=args.out, feeds=config.feeds if args.feeds else (),
                       archived=args.archived, use_wayback=not args.no_wayback,
                       progress=False if args.quiet else None)
    if not args.quiet:
        print(result.summary())
    return result.exit_code()
