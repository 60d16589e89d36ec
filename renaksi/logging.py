"""One JSON object per log line, so log shippers can index who did what and how long."""

import json
import logging
import time
from contextlib import contextmanager

STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """``{"time": ..., "level": ..., "logger": ..., "event": ..., <extra fields>}``."""

    def format(self, record):
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "event": record.getMessage(),
        }
        entry.update({key: value for key, value in vars(record).items() if key not in STANDARD})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


@contextmanager
def timed(logger, event, **fields):
    """Log ``event`` with ``fields``, whatever the block adds to the yielded dict, and how long
    it took - also when it fails."""
    started = time.perf_counter()
    outcome = {}
    try:
        yield outcome
    except Exception:
        duration = round((time.perf_counter() - started) * 1000)
        logger.exception(event, extra={**fields, "outcome": "error", "duration_ms": duration})
        raise
    duration = round((time.perf_counter() - started) * 1000)
    logger.info(event, extra={**fields, **outcome, "duration_ms": duration})
