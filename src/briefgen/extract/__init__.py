"""Extraction: pure functions over one spaCy Doc, one module per family.

actors, abbreviations, claims (with quotes and speakers), sources, incidents
(with casualties, dates, places) and summary; ``article.extract_article``
calls them in order to make one ArticleBrief.
"""
