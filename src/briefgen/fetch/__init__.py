"""``briefgen fetch``: the day's articles from feeds and pages, fetched politely and safely, saved where ``build`` reads them.

- ``crawl``: one run (the URLs given, then the feeds' new articles) and its report;
- ``client``: HTTP GET with the limits (deadline, size after decompression, redirects, address pinning);
- ``addresses``: which addresses may be connected to; ``politeness``: two requests at a time per host, a delay;
- ``robots``: robots.txt; ``feeds``: what a response is and a feed's entries;
- ``store``: the seen-URL store; ``saving``: the saved record and raw page; ``urls``: canonical and shown URLs.
"""

from .crawl import FetchReport, fetch_sources

__all__ = ["FetchReport", "fetch_sources"]
