"""Every limit of a complaint, defined once.

The model fields, forms, actions, URL patterns and benchmarks read them here,
so a limit changes in one place. Nothing here imports the rest of the app:
the models import this module.
"""

from __future__ import annotations

# ---- what people type ------------------------------------------------------------

TITLE_MAX_LENGTH = 200
LOCATION_MAX_LENGTH = 300
# Long enough for a detailed grievance (ePeople's own limit is about 4,000
# Korean characters); a longer text is a paste gone wrong.
BODY_MAX_LENGTH = 10_000
# What an officer types in for a citizen at a counter or on the phone.
FILED_BODY_MAX_LENGTH = 20_000
# The citizen's answer to a request for more information.
REPLY_MAX_LENGTH = 10_000
# A rating's comment; the reason for appealing a repeat closure.
COMMENT_MAX_LENGTH = 2_000
# Generous for a real answer, small enough that nobody pastes a book into a case.
ANSWER_MAX_LENGTH = 20_000
# Internal notes, requests for more information, notices of closure.
NOTE_MAX_LENGTH = 5_000
# Reasons for a transfer or an extension; legal basis, refusal reason and remedy.
REASON_MAX_LENGTH = 2_000
# What an officer types to find the unit a case goes to: a name, never a paragraph.
UNIT_QUERY_MAX_LENGTH = 100

# ---- receipt numbers ------------------------------------------------------------------

# EP-2611-0000123: ``EP`` (ePeople), the year and month of receipt, and the month's
# sequence zero-padded to seven digits (ePeople receives about 1.2 million a month).
RECEIPT_PREFIX = "EP"
RECEIPT_SEQUENCE_MIN_DIGITS = 7
# The month's counter (ReceiptCounter.last_number) is a PositiveIntegerField,
# which holds up to 2,147,483,647 in every database Django supports: ten digits.
RECEIPT_SEQUENCE_MAX_DIGITS = 10
# The column holding a receipt number; the longest one the pattern admits fits.
RECEIPT_NUMBER_MAX_LENGTH = 20
# Every receipt number allocate_receipt_number can give, and nothing else: the
# citizen's and the staff's URLs, and any other reader, match with this.
RECEIPT_NUMBER_PATTERN = (
    rf"[A-Za-z]{{2}}-[0-9]{{4}}-"
    rf"[0-9]{{{RECEIPT_SEQUENCE_MIN_DIGITS},{RECEIPT_SEQUENCE_MAX_DIGITS}}}"
)


def format_receipt_number(period: str, sequence: int) -> str:
    """``EP-<yymm>-<sequence>``, such as ``EP-2611-0000123``."""
    return f"{RECEIPT_PREFIX}-{period}-{sequence:0{RECEIPT_SEQUENCE_MIN_DIGITS}d}"


# ---- the statutory clock ----------------------------------------------------------------

# A processing period (or one extension) is at most this many working days:
# beyond three months a number is a typing mistake, not a service standard.
PERIOD_MAX_WORKING_DAYS = 60
# A second review has this many working days, whatever the complaint type.
SECOND_REVIEW_DAYS = 7
# The citizen may be asked for more information at most twice, each time given
# between one and 30 working days (seven unless the officer says otherwise).
MAX_SUPPLEMENT_REQUESTS = 2
DEFAULT_SUPPLEMENT_DAYS = 7
MAX_SUPPLEMENT_DAYS = 30
# Once by the officer, once more with the citizen's consent.
MAX_EXTENSIONS = 2

# ---- people and repeats -----------------------------------------------------------------

# A joint complaint (다수인관련민원) is one that five or more people sign together;
# the author is the first of them.
JOINT_COMPLAINT_SIGNATORIES = 5
# The repeat rule: the same content answered twice already.
ANSWERED_REPEATS_BEFORE_CLOSING = 2

# ---- lists ------------------------------------------------------------------------------------

QUEUE_PAGE_SIZE = 50
MY_PAGE_SIZE = 20
PUBLIC_PAGE_SIZE = 20

# Filing for a person with no account (actions.file_without_account).
# The access code printed on the receipt: eight characters from an alphabet with
# no look-alikes (no 0/O, 1/I/L), about 8.5 * 10**11 codes; the follow page lets
# an address and a receipt number try only FOLLOW_ATTEMPTS_PER_HOUR of them.
ACCESS_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
ACCESS_CODE_LENGTH = 8
FOLLOW_ATTEMPTS_PER_HOUR = 10
# The one-time code texted to claim a complaint into an account: six digits,
# valid ten minutes, five tries, and one new code a minute at most.
CLAIM_CODE_LENGTH = 6
CLAIM_CODE_MINUTES = 10
CLAIM_CODE_ATTEMPTS = 5
CLAIM_CODE_RESEND_SECONDS = 60
NAME_MAX_LENGTH = 100
POSTAL_ADDRESS_MAX_LENGTH = 300
# Where the record-only accounts of people with no account live: ".invalid"
# (RFC 2606) can never receive mail.
NO_ACCOUNT_DOMAIN = "no-account.invalid"

# ---- surges: a category rising in a district, week over week ------------------------------

# A (category, district) surges when complaints filed in the last full week
# (Monday to Sunday, in the office's time zone) number at least
# SURGE_MIN_COMPLAINTS and at least SURGE_FACTOR times those of the week
# before (any number, when the week before had none). Ten keeps a handful of
# neighbours from flagging a street; doubling is what an official notices.
SURGE_MIN_COMPLAINTS = 10
SURGE_FACTOR = 2
# What an official types as the title of what they open from a surge.
FOLLOW_UP_TITLE_MAX_LENGTH = 300
# The surge page lists at most this many of the complaints behind a surge.
SURGE_COMPLAINTS_SHOWN = 200
