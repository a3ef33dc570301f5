"""Every limit of participation (proposals, petitions, consultations), defined once.

The models, forms, actions, settings and tests read them here. Nothing here
imports the rest of the app: the models import this module.
"""

from __future__ import annotations

# ---- what people type --------------------------------------------------------------

TITLE_MAX_LENGTH = 200
# Each part of a proposal (the problem, the current situation, the proposed
# change, the expected effect): room for a page of detail, not for a book.
SECTION_MAX_LENGTH = 5_000
PETITION_BODY_MAX_LENGTH = 5_000
# An agency's reasons for a decision, a petition's official response.
REASON_MAX_LENGTH = 5_000
RESPONSE_MAX_LENGTH = 10_000
MILESTONE_MAX_LENGTH = 300
AWARD_MAX_LENGTH = 300
COMMENT_MAX_LENGTH = 2_000
OPTION_MAX_LENGTH = 200
QUESTION_MAX_LENGTH = 300
# A consultation offers between two and ten options.
MIN_OPTIONS = 2
MAX_OPTIONS = 10

# ---- the statutory clock -------------------------------------------------------------

# Regulations on Public Proposals (국민 제안 규정) art. 10(1): the agency reviews a
# proposal and tells the proposer whether it is adopted within 30 days of receipt.
DEFAULT_REVIEW_DAYS = 30
# An agency may promise a shorter review, never one longer than the regulation's.
MAX_REVIEW_DAYS = DEFAULT_REVIEW_DAYS

# ---- petitions -----------------------------------------------------------------------------

# Supporters a petition needs (its author's signature included) before a moderator looks at it.
SUPPORTERS_BEFORE_MODERATION = 5
# The defaults of settings.PETITION_RESPONSE_THRESHOLD, PETITION_HEARING_THRESHOLD,
# PETITION_RESPONSE_DAYS and PETITION_OPEN_DAYS (settings.py reads them from the environment).
DEFAULT_RESPONSE_THRESHOLD = 10_000
DEFAULT_HEARING_THRESHOLD = 100_000
DEFAULT_RESPONSE_DAYS = 30
DEFAULT_OPEN_DAYS = 90

# ---- consultations -------------------------------------------------------------------------

# A breakdown shows a group (a province, an age band) only when it holds at least
# this many people, so that nobody's vote can be read off a small group.
MIN_GROUP_SIZE = 10

# ---- lists ------------------------------------------------------------------------------------

PAGE_SIZE = 20
SIMILAR_LIMIT = 5

# ---- rate limits (egov.lib.ratelimit) ----------------------------------------------------------

# Signing: far more than any person signs in an hour, few enough to brake a
# script; an address is shared (a campus, a mobile carrier's NAT), so it gets more.
SIGNATURES_PER_HOUR_PER_ACCOUNT = 60
SIGNATURES_PER_HOUR_PER_ADDRESS = 600
COMMENTS_PER_HOUR_PER_ACCOUNT = 20
COMMENTS_PER_HOUR_PER_ADDRESS = 200

# ---- "was this page useful?" -----------------------------------------------------------------

# The longest page address kept; longer ones are not pages of ours.
FEEDBACK_PATH_MAX_LENGTH = 300
FEEDBACK_COMMENT_MAX_LENGTH = 1_000
FEEDBACK_PER_HOUR_PER_ADDRESS = 60
REPORTS_PER_HOUR_PER_ADDRESS = 30
# A consultation stays open at most this many days.
MAX_CONSULTATION_DAYS = 365

# A big petition's signatures by district and province (its map and tables) are
# made again at most this often and shared by every reader (queries._tally):
# at a million signatures one tally takes a few hundred milliseconds. Its count
# is read from the petition and is never behind; a smaller petition's tally is
# exact whenever it is read.
PETITION_TALLY_SECONDS = 3
PETITION_TALLY_MIN_SIGNATURES = 10_000
TALLY_KEPT_SECONDS = 3600
