"""From the web to ``data/raw``: report pages fetched politely, kept byte for byte, with their provenance.

One concern per module: ``config`` (settings and the series' feeds and words from ``data/feeds.toml``),
``http`` (the polite client: per-host delay, retries, conditional requests, limits), ``robots``,
``wayback`` (the archive fallback), ``feeds`` (RSS/Atom and the series filter), ``sources`` (URLs and sources
files), ``naming`` (URL -> file name), ``sidecar`` (provenance JSON and atomic writes; read by the build),
``store`` (versions of a page on disk), ``fetcher`` (one page), ``session`` (one run and its summary),
``monthly`` (the scheduled rerun's "fetch, then the newest month") and ``cli``.
"""
