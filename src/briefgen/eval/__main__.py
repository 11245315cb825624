"""``python -m briefgen.eval TASK ...``: dispatch to one evaluation task."""

from __future__ import annotations

import argparse
import sys

from . import summaries

TASKS = {"summaries": summaries}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m briefgen.eval", description=__doc__)
    tasks = parser.add_subparsers(dest="task", required=True)
    for name, task in TASKS.items():
        task.add_arguments(tasks.add_parser(name, help=(task.__doc__ or name).splitlines()[0]))
    args = parser.parse_args(argv)
    return TASKS[args.task].run(args)


if __name__ == "__main__":
    sys.exit(main())
