"""A full-size NTA file streams in constant memory.

Pure test, no database.

Run alone: .venv/bin/python -m pytest eigyo/registry/tests/test_formats_*.py -q
-p no:django -o addopts="". Parsing speed of a 200,000-row NTA file:
.venv/bin/python -m eigyo.registry.tests.test_formats_scale
"""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

from eigyo.lib import corporate_number
from eigyo.registry.formats import read_nta

# --------------------------------------------------------------------------- scale


def write_nta_file(path: Path, rows: int) -> None:
    """A full NTA file of `rows` realistic rows (valid numbers, kana, address;
    an English name on one row in ten), written in blocks."""
    with path.open("w", encoding="utf-8", newline="") as f:
        for start in range(0, rows, 10_000):
            block = []
            for i in range(start, min(start + 10_000, rows)):
                twelve = f"{i + 100_000:012d}"
                number = corporate_number.check_digit(twelve) + twelve
                name_en = f'"Sample {i} Co., Ltd."' if i % 10 == 0 else ""
                block.append(
                    f'{i + 1},{number},01,0,2015-11-13,2015-10-05,"株式会社サンプル{i}",,301,'
                    f'"東京都","千代田区","丸の内１丁目{i % 100}－１",,13,101,1000005,,,,,,,'
                    f'2015-10-05,1,{name_en},,,,"サンプル",0\n'
                )
            f.write("".join(block))


def test_200k_row_file_streams_in_constant_memory(tmp_path):
    path = tmp_path / "00_zenkoku_all.csv"
    write_nta_file(path, 200_000)
    assert path.stat().st_size > 35_000_000
    count = last = 0
    tracemalloc.start()
    try:
        for item in read_nta(path):
            count += 1
            last = item.line
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (count, last) == (200_000, 200_000)
    assert peak < 2 * 1024 * 1024, f"peak {peak / 1024:.0f} KiB"


if __name__ == "__main__":  # the speed figure: python -m eigyo.registry.tests.test_formats_scale
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "nta.csv"
        write_nta_file(target, 200_000)
        started = time.perf_counter()
        n = sum(1 for _ in read_nta(target))
        seconds = time.perf_counter() - started
        size = target.stat().st_size / 1e6
        print(f"{n} rows ({size:.0f} MB) in {seconds:.2f} s: {n / seconds:,.0f} rows/s")
        tracemalloc.start()
        sum(1 for _ in read_nta(target))
        print(f"tracemalloc peak {tracemalloc.get_traced_memory()[1] / 1024:.0f} KiB")
        tracemalloc.stop()
