"""What editions cost: recording one, its size, and reading N editions and diffing them at 1x and 100x the seed.

Run: `.venv/bin/python bench/editions.py [--scales 1,100] [--editions 30]`. Nothing is asserted; the
figures go into BENCHMARKS.md ("Editions"). Each edition after the first shifts one stance and one figure.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))

from synthetic import write_content  # noqa: E402

from generator.content.schema import Position  # noqa: E402
from generator.content.validate import check_content  # noqa: E402
from generator.model.changes import history  # noqa: E402
from generator.model.editions import RecordRequest, load_editions, record_edition, snapshot  # noqa: E402
from generator.project import Project  # noqa: E402


def bench(scale: int, count: int) -> dict[str, float]:
    """Record `count` editions of synthetic content at `scale`; time recording, reading and diffing."""
    folder = Path(tempfile.mkdtemp(prefix=f"bench-editions-{scale}x-"))
    write_content(folder / "content", scale)
    content = check_content(Project.at(folder))
    record_times = []
    for day in range(count):
        briefing = content.briefing.model_copy(update={"as_of": content.briefing.as_of.replace(day=1 + day % 28, month=1 + day // 28)})
        stances = list(content.stances)
        stances[day % len(stances)] = stances[day % len(stances)].model_copy(update={"position": list(Position)[day % 5]})
        figures = list(content.figures)
        figures[0] = figures[0].model_copy(update={"value": float(day)})
        content = type(content)(**{**vars(content), "briefing": briefing, "stances": stances, "figures": figures})
        start = time.perf_counter()
        record_edition(content, folder / "content", RecordRequest())
        record_times.append(time.perf_counter() - start)
    start = time.perf_counter()
    editions = load_editions(folder / "content")
    loaded = time.perf_counter() - start
    start = time.perf_counter()
    history(editions, content)
    diffed = time.perf_counter() - start
    size = len(snapshot(content, "x").model_dump_json(indent=2).encode())
    return {"record_ms": statistics.median(record_times) * 1000, "load_ms": loaded * 1000, "history_ms": diffed * 1000, "kib": size / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scales", default="1,100")
    parser.add_argument("--editions", type=int, default=30)
    args = parser.parse_args()
    print(f"| Scale | One snapshot | Record one (median) | Read {args.editions} editions | Diff all + trajectories |")
    print("|---|---|---|---|---|")
    for scale in (int(s) for s in args.scales.split(",")):
        r = bench(scale, args.editions)
        print(f"| {scale}x | {r['kib']:.0f} KiB | {r['record_ms']:.0f} ms | {r['load_ms']:.0f} ms | {r['history_ms']:.0f} ms |")


if __name__ == "__main__":
    main()
