"""briefgen: turn the day's news articles into a structured brief."""

__version__ = "0.1.0"
