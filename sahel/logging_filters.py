"""Log records kept readable."""

import logging
import re

# A queued import job carries its file's bytes (base64) among its arguments, and the job
# queue's worker logs every job with its arguments: a megabyte per line without this.
_CARRIED_BYTES = re.compile(r"(content=')([A-Za-z0-9+/=]{80,})(')")


class ShortenCarriedBytes(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "content='" in message:
            shortened = _CARRIED_BYTES.sub(
                lambda m: f"{m[1]}<{len(m[2]) * 3 // 4:,} bytes>{m[3]}", message
            )
            record.msg, record.args = shortened, None
        return True
