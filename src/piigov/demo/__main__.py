"""``python -m piigov.demo ROOT [--seed N]``: generate the demo data and print counts (never values)."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from piigov.demo.generate import generate_demo


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m piigov.demo", description=__doc__)
    parser.add_argument(
        "root", type=Path, help="directory to create share/, taskforce.sqlite and manifest.json in"
    )
    parser.add_argument("--seed", type=int, default=2023)
    parser.add_argument("--files-per-folder", type=int, default=6)
    args = parser.parse_args(argv)
    try:
        manifest = generate_demo(args.root, seed=args.seed, files_per_folder=args.files_per_folder)
    except ValueError as exc:
        print(f"piigov.demo: {exc}", file=sys.stderr)
        return 2
    classes = Counter(f.expected_class for f in manifest.files)
    values = sum(len(f.planted) for f in manifest.files)
    persons = sum(1 for f in manifest.files for v in f.planted if v.entity_type == "PERSON")
    summary = ", ".join(f"{count} {name}" for name, count in sorted(classes.items()))
    print(
        f"demo share: {len(manifest.files)} files ({summary}); {values} planted values "
        f"({persons} person names); taskforce db: {len(manifest.taskforce_rows)} rows (seed {args.seed})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
