"""A run's metrics.jsonl (training/OrleansGan.Training/Trainer/MetricsJournal.cs): one JSON line per step or summary."""
import json
import math

from commands import StageFailed


def read_journal(path):
    """Every complete line; an unterminated last line (a write cut short) is left out, as the trainer does."""
    try:
        with open(path) as f:
            text = f.read()
    except OSError as e:
        raise StageFailed(f"{path}: {e.strerror}")
    complete = text[:text.rfind("\n") + 1]
    return [json.loads(line) for line in complete.splitlines() if line.strip()]


def finite(value):
    """Losses are numbers, or "NaN"/"Infinity" strings when they broke."""
    return isinstance(value, (int, float)) and math.isfinite(value)
