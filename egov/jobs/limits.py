"""Every limit of the jobs service, defined once.

The models, forms, actions, checker and benchmarks read them here. Nothing
here imports the rest of the app.
"""

from __future__ import annotations

import datetime

COMPANY_NAME_MAX_LENGTH = 200
TITLE_MAX_LENGTH = 200
DESCRIPTION_MAX_LENGTH = 10_000
# Skills, hours, benefits, how to apply: a paragraph each.
SHORT_TEXT_MAX_LENGTH = 2_000
REASON_MAX_LENGTH = 2_000
# A checker rule's pattern: a word or a short regular expression.
PATTERN_MAX_LENGTH = 200

# "valid through" is required and at most this far ahead: a posting nobody
# renews is stale after three months, and Work24 uses the same horizon.
MAX_VALIDITY = datetime.timedelta(days=90)
# The employer is reminded this long before the posting expires.
EXPIRY_REMINDER_BEFORE = datetime.timedelta(days=7)
MAX_OPENINGS = 10_000
# 50 years: more than anyone asks for.
MAX_EXPERIENCE_YEARS = 50
# 1,000,000,000 won is beyond any salary and well inside a 64-bit column.
MAX_SALARY = 1_000_000_000

# ---- minimum wage -------------------------------------------------------------------

# The hourly minimum wage the Minister of Employment and Labor announces for
# each year under the Minimum Wage Act, art. 8 and 10; an employer must pay at
# least this much (art. 6). Officers can set a year that is not listed here
# (egov.jobs.actions.set_minimum_wage); the table is the default.
MINIMUM_WAGE_BY_YEAR = {2024: 9_860, 2025: 10_030, 2026: 10_320}
# Converting a salary to an hourly rate: a 40-hour week (Labor Standards Act
# art. 50) with the paid weekly day off (art. 55) counts 209 hours a month,
# the figure the ministry announces the monthly minimum with.
HOURS_PER_DAY = 8
HOURS_PER_WEEK = 48  # 40 hours and 8 paid for the weekly day off
HOURS_PER_MONTH = 209
HOURS_PER_YEAR = HOURS_PER_MONTH * 12

# ---- search ---------------------------------------------------------------------------

PAGE_SIZE = 20
MAX_POSTED_WITHIN_DAYS = 90
QUERY_MAX_LENGTH = 200
SAVED_SEARCH_NAME_MAX_LENGTH = 100
SAVED_SEARCH_QUERY_MAX_LENGTH = 1_000
# Enough for anyone's job hunt; more is a script.
MAX_SAVED_SEARCHES = 20
FEED_SIZE = 20
