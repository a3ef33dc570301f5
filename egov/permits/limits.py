"""Every limit of a permit application, defined once.

The model fields, forms, actions, URL patterns and benchmarks read them here.
Nothing here imports the rest of the app: the models import this module.
"""

from __future__ import annotations

import datetime

# ---- what people type ------------------------------------------------------------

CODE_MAX_LENGTH = 40
NAME_MAX_LENGTH = 200
LEGAL_BASIS_MAX_LENGTH = 500
# What the applicant says the application is for ("a two-storey house").
SUMMARY_MAX_LENGTH = 300
# The site: a street address or a lot number (지번).
SITE_MAX_LENGTH = 300
# Reasons: delay, extension, reassignment, rejection and its remedy.
REASON_MAX_LENGTH = 2_000
# A supplement request and the applicant's answer.
NOTE_MAX_LENGTH = 5_000
# A bank transfer's reference, as the bank prints it.
FEE_REFERENCE_MAX_LENGTH = 60
# Required documents of one permit type; steps of one procedure.
MAX_DOCUMENTS = 5
MAX_STEPS = 12
# A fee in won; the largest a permit in the catalogue charges is far below.
MAX_FEE_WON = 100_000_000

# ---- receipt numbers ----------------------------------------------------------------

# PM-2612-0000123: ``PM`` (permit), the year and month of receipt, and the
# month's sequence zero-padded to seven digits.
RECEIPT_PREFIX = "PM"
RECEIPT_SEQUENCE_MIN_DIGITS = 7
RECEIPT_SEQUENCE_MAX_DIGITS = 10
RECEIPT_NUMBER_MAX_LENGTH = 20
RECEIPT_NUMBER_PATTERN = (
    rf"PM-[0-9]{{4}}-[0-9]{{{RECEIPT_SEQUENCE_MIN_DIGITS},{RECEIPT_SEQUENCE_MAX_DIGITS}}}"
)


def format_receipt_number(period: str, sequence: int) -> str:
    """``PM-<yymm>-<sequence>``, such as ``PM-2612-0000123``."""
    return f"{RECEIPT_PREFIX}-{period}-{sequence:0{RECEIPT_SEQUENCE_MIN_DIGITS}d}"


# ---- the clock ----------------------------------------------------------------------

# A statutory period or a step's standard duration in its unit: beyond this a
# number is a typing mistake.
PERIOD_MAX_AMOUNT = 365
# Steps are stamped to the minute. A step recorded as having happened more than
# this long before it was recorded needs a supervisor, and is flagged.
BACKDATE_TOLERANCE = datetime.timedelta(minutes=10)
# Clocks of two machines never agree to the second: a moment this far ahead of
# the server's is still "now".
FUTURE_TOLERANCE = datetime.timedelta(minutes=1)
# The applicant may be asked for documents at most twice (the clock stops
# while they are awaited), each time given 1 to 30 days (7 by default).
MAX_SUPPLEMENT_REQUESTS = 2
DEFAULT_SUPPLEMENT_DAYS = 7
MAX_SUPPLEMENT_DAYS = 30
# One extension, in the period's unit, with a reason.
MAX_EXTENSIONS = 1

# ---- lists ----------------------------------------------------------------------------

QUEUE_PAGE_SIZE = 50
PUBLIC_PAGE_SIZE = 25
# A download streams this many rows per database round trip.
EXPORT_CHUNK_SIZE = 2_000
