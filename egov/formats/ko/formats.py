"""Korean, with 오전 and 오후 before the time: "2026년 12월 7일 오후 1:48"."""

DATE_FORMAT = "Y년 n월 j일"
TIME_FORMAT = "A g:i"
DATETIME_FORMAT = "Y년 n월 j일 A g:i"
YEAR_MONTH_FORMAT = "Y년 n월"
MONTH_DAY_FORMAT = "n월 j일"
SHORT_DATE_FORMAT = "Y. n. j."
SHORT_DATETIME_FORMAT = "Y. n. j. H:i"
FIRST_DAY_OF_WEEK = 0  # Sunday, as Korean calendars print it
