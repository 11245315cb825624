"""Evaluation commands: score briefgen's extractors against the shared dev sets.

Run ``python -m briefgen.eval TASK FILE``; each task is a module here with
``add_arguments(parser)`` and ``run(args) -> exit status``.
"""
