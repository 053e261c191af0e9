"""Date and time formats per language (settings.FORMAT_MODULE_PATH): templates name a format
("DATE_FORMAT") instead of spelling one, so a date reads "2 Dec 2026" in English,
"2 dic 2026" in Spanish and "2026年12月2日" in Japanese. Times are on the 24-hour clock
everywhere, as the company's calendars are."""
