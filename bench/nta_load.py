"""Loading a National Tax Agency full file of 5 million rows (time, peak memory).

    .venv/bin/python bench/nta_load.py [--rows 5000000] [--keep]

Writes a synthetic 法人番号 full file in the official 30-column UTF-8 format
(valid check digits; 1 % history rows with former names, 0.1 % malformed rows)
to var/, then streams it into an empty registry in var/bench-nta-ROWS.sqlite3 with
the same loader as `eigyo registry load FILE`, and reports rows/s and the peak
resident memory of the process.
"""

import argparse
import csv
import os
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DEBUG", "1")
_rows = sys.argv[sys.argv.index("--rows") + 1] if "--rows" in sys.argv else "5000000"
os.environ["EIGYO_SQLITE"] = str(ROOT / "var" / f"bench-nta-{_rows}.sqlite3")
os.environ.pop("DATABASE_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eigyo.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from eigyo.lib.corporate_number import check_digit  # noqa: E402
from eigyo.registry.file_loader import load_file  # noqa: E402
from eigyo.registry.models import RegistryAlias, RegistryEntry  # noqa: E402

PREFS = [
    ("東京都", "13", "千代田区", "1000005"),
    ("大阪府", "27", "大阪市北区", "5300001"),
    ("愛知県", "23", "名古屋市中村区", "4500002"),
    ("北海道", "01", "札幌市中央区", "0600001"),
]
WORDS = ["日本", "東洋", "中央", "大和", "富士", "三和", "太平", "北斗", "光", "明和", "新星", "旭"]
TRADES = ["商事", "工業", "製作所", "電機", "建設", "物産", "化学", "食品", "運輸", "不動産"]


def write(path: Path, rows: int) -> None:
    rng = random.Random(5)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, quoting=csv.QUOTE_MINIMAL)
        for i in range(rows):
            body = f"{i + 1:012d}"
            number = check_digit(body) + body
            pref, pcode, city, postal = rng.choice(PREFS)
            name = f"株式会社{rng.choice(WORDS)}{rng.choice(TRADES)}{i}"
            latest = "1"
            if i % 100 == 99:  # a former name of the previous company
                latest, name = "0", f"旧{name}"
                prev = f"{i:012d}"
                number = check_digit(prev) + prev
            row = [
                str(i + 1),
                number,
                "01",
                "0",
                "2026-11-20",
                "2015-10-05",
                name,
                "",
                "301",
                pref,
                city,
                f"{rng.randrange(1, 9)}丁目{rng.randrange(1, 30)}番",
                "",
                pcode,
                "101",
                postal,
                "",
                "",
                "",
                "",
                "",
                "",
                "2015-10-05",
                latest,
                "",
                "",
                "",
                "",
                "カブシキガイシャ",
                "0",
            ]
            if i % 1000 == 500:
                row = row[:12]  # malformed: too few columns
            w.writerow(row)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5_000_000)
    parser.add_argument("--keep", action="store_true", help="keep the generated CSV")
    args = parser.parse_args()
    csv_path = ROOT / "var" / f"nta-{args.rows}.csv"
    for suffix in ("", "-wal", "-shm"):
        Path(os.environ["EIGYO_SQLITE"] + suffix).unlink(missing_ok=True)
    call_command("migrate", verbosity=0)
    if not csv_path.exists():
        start = time.perf_counter()
        write(csv_path, args.rows)
        print(
            f"wrote {args.rows:,} rows ({csv_path.stat().st_size / 1e9:.2f} GB) in "
            f"{time.perf_counter() - start:.0f} s",
            flush=True,
        )
    start = time.perf_counter()
    report = load_file(csv_path, "nta")
    elapsed = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(report.summary())
    print(
        f"loaded in {elapsed:.0f} s ({report.read / elapsed:,.0f} rows/s); peak RSS "
        f"{peak_mb:,.0f} MB; registry {RegistryEntry.objects.count():,} entries, "
        f"{RegistryAlias.objects.count():,} former names; first bad row: "
        f"{report.skipped[0] if report.skipped else '-'}"
    )
    if not args.keep:
        csv_path.unlink()


if __name__ == "__main__":
    main()
