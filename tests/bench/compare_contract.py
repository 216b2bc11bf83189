"""Compare a lineage's JSON under schema 1 (an older railguard) and schema 2 (this one): the same findings and
models in a new shape.

Run: ``.venv/bin/python tests/bench/compare_contract.py OLD_RAILGUARD INPUT...``, where OLD_RAILGUARD is the
console script of a railguard that writes schema 1 (e.g. a venv with the last release installed).
"""

import json
import shutil
import subprocess
import sys
from collections import Counter

from railguard.report.lineage_json import as_version_1


def compare(old_command: str, path: str) -> None:
    run = [old_command, "lineage", path, "--format", "json", "--exit-zero"]
    old = json.loads(subprocess.run(run, capture_output=True, text=True, check=False).stdout)
    run = [shutil.which("railguard") or "railguard", "lineage", path, "--format", "json", "--exit-zero"]
    new_text = subprocess.run(run, capture_output=True, text=True, check=False).stdout
    new = as_version_1(json.loads(new_text))
    _report(path, old, new, new_text)


#: What schema 1 said of each model (``as_version_1`` gives back the same fields).
FIELDS = ["id", "licence", "base_models", "relation", "inherited_restrictions", "governing_licences"]
FIELDS += ["commercial", "known_model", "hub_model"]


def _key_old(finding: dict) -> str:
    return json.dumps(finding, sort_keys=True)


def _key_new(finding: dict) -> str:
    found = {k: finding[k] for k in finding if k != "categories"}
    found["category"] = finding["categories"][0] if finding["categories"] else None  # schema 1: the first only
    return json.dumps(found, sort_keys=True)


def _report(path: str, old: dict, new: dict, new_text: str) -> None:
    a, b = Counter(map(_key_old, old["findings"])), Counter(map(_key_new, new["findings"]))
    only_old, only_new = sum((a - b).values()), sum((b - a).values())
    print(f"{path}: findings old {len(old['findings']):,}, new {len(new['findings']):,}; ", end="")
    print(f"only in old {only_old}, only in new {only_new}")
    for key in list(a - b)[:3]:
        print("  only in old:", key[:300])
    for key in list(b - a)[:3]:
        print("  only in new:", key[:300])
    om = Counter(json.dumps({k: m[k] for k in FIELDS}, sort_keys=True) for m in old["models"])
    nm = Counter(json.dumps({k: m[k] for k in FIELDS}, sort_keys=True) for m in new["models"])
    print(f"  models: old {len(old['models']):,}, new {len(new['models']):,}; differing {sum((om - nm).values())}")
    old_size = len(json.dumps(old, ensure_ascii=False, separators=(",", ":")).encode())
    print(f"  compact JSON: old {old_size:,} bytes, new {len(new_text.encode()):,} bytes")


if __name__ == "__main__":
    for item in sys.argv[2:]:
        compare(sys.argv[1], item)
