"""How each language writes dates and times, where Django's defaults differ from its convention.

Django's English writes the month first and the time in a.m. and p.m.
("Dec. 7, 2026, 1:48 p.m."); egov writes English as governments outside the
United States do, the day first and the clock of 24 hours ("7 December 2026,
13:48"). Korean puts 오전 and 오후 before the time ("2026년 12월 7일 오후 1:48"),
where Django puts them after. Indonesian writes the month in full ("7 Desember 2026,
13.48" rather than Django's "7 Des. 2026"). Every page and message formats dates through these names
(``DATE_FORMAT``, ``DATETIME_FORMAT`` and the short ones), never a pattern of
its own, so these files decide them everywhere.
"""
