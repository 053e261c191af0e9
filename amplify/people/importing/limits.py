"""How much one uploaded file may hold, beyond its size in bytes (a setting, checked on upload).

The row limit is the setting `AMPLIFY_IMPORT_MAX_ROWS`, passed in by the service. The others
protect the worker from an XLSX file that is small on upload and huge once unzipped (a
"decompression bomb"): an XLSX is a zip of XML files, and a few of them are read whole.
"""

from __future__ import annotations

# Far more than an HR export has (nine known columns plus whatever else the HR system adds).
MAX_COLUMNS = 500
# Everything inside one XLSX, unzipped. A 200,000-row export is about 100 MB of XML.
MAX_UNZIPPED_BYTES = 256 * 1024 * 1024
# Worksheet XML is streamed; the other parts (styles, workbook, relationships) are read whole.
MAX_PART_BYTES = 16 * 1024 * 1024
# Shared strings (every distinct text in the workbook) are held in memory while reading.
MAX_SHARED_STRINGS_BYTES = 64 * 1024 * 1024
MAX_SHARED_STRINGS = 1_000_000
# Spreadsheet XML compresses 5-30 times; a bomb compresses a thousand times. Parts under
# 1 MB unzipped are too small to matter, whatever their ratio.
MAX_COMPRESSION_RATIO = 200
RATIO_FLOOR_BYTES = 1024 * 1024
MAX_PARTS = 10_000
# Excel holds at most 32,767 characters in a cell: with UTF-8 and XML escapes, under 256 KB.
MAX_CELL_BYTES = 256 * 1024
