"""Korean short dates as the rest of Dari writes them (2026-12-07 02:45), not Django's
"Y-n-j" (2026-12-7 02:45) beside them; the other formats are Django's."""

SHORT_DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
