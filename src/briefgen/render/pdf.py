"""HTML to PDF with WeasyPrint, fetching nothing but the theme's own files.

WeasyPrint's default fetcher follows ``file://`` and http(s) URLs; the brief's
HTML comes partly from untrusted articles, so the fetcher here allows only
``data:`` URLs and files inside the theme folders.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

from weasyprint import HTML
from weasyprint.urls import URLFetcher


class ThemeOnlyFetcher(URLFetcher):
    """A URL fetcher for ``data:`` URLs and files under the allowed folders; it refuses the rest."""

    def __init__(self, allowed_dirs: list[Path]):
        super().__init__(allowed_protocols={"data", "file"}, allow_redirects=False)
        self.allowed_dirs = [d.resolve() for d in allowed_dirs]

    def fetch(self, url, headers=None):
        parsed = urlparse(url)
        if parsed.scheme == "file":
            path = Path(unquote(parsed.path)).resolve()
            if not any(path.is_relative_to(folder) for folder in self.allowed_dirs):
                raise ValueError(f"briefgen fetches no file outside the theme: {url}")
        elif parsed.scheme != "data":
            raise ValueError(f"briefgen fetches nothing from the network: {url}")
        return super().fetch(url, headers)


def html_to_pdf(html: str, theme_dirs: list[Path]) -> bytes:
    fetcher = ThemeOnlyFetcher(theme_dirs)
    return HTML(string=html, base_url=theme_dirs[-1].as_uri() + "/", url_fetcher=fetcher).write_pdf()
