"""A series from a CSV as people export it: bytes in, a Table (every column as written, which hold numbers,
which are a time axis, the defaults) or a Series (values, time labels, the columns used) out, each with every
guess and cut made as Notes (a message key in app_pages/strings/series_csv.py and its details); or an UploadError
whose key names the message. Nothing here raises anything else, and nothing is changed without a Note saying so.

What is read:
- encodings: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK (Chinese Excel), Windows-1252 (Excel on
  Western Windows), tried strictly in that order (decode_text);
- `#` comment lines (NOAA files, loggers), skipped;
- separators , ; tab | (the one that splits the header and the rows alike);
- a header row, or none when the first row holds only numbers and dates;
- numbers as people write them: 1,234  1.234,56  $10,000.00  12%  with one decimal convention per file;
- time axes: dates in DATE_FORMATS (with a time, with a UTC offset), years (1871, 1871.0, 1958.21) and YYYYMM /
  YYYYMMDD numbers in a column named like a date or a year.
"""
import codecs
import csv
import re
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

MAX_ROWS = 100_000
MAX_CSV_MB = 5            # the uploaders' limit: 100,000 rows of a few columns fit well under it
MAX_COLUMNS = 500
MIN_ROWS = 30
NUMERIC_SHARE = 0.9       # a column holds numbers when at least this share of its cells read as numbers
# zip (also .xlsx, .npz), pickle, .npy, gzip, PDF, PNG
BINARY_MAGIC = (b"PK\x03\x04", b"\x80", b"\x93NUMPY", b"\x1f\x8b", b"%PDF", b"\x89PNG")
# On a tie the earlier wins: a ';' file whose numbers have decimal commas splits alike on ','.
SEPARATORS = ("\t", ";", ",", "|")


class UploadError(ValueError):
    def __init__(self, key, **details):
        super().__init__(key)
        self.key, self.details = key, details


@dataclass
class Note:
    """One guess or cut, said in the page: a message key of app_pages/strings/series_csv.py and what fills it."""
    key: str
    details: dict = field(default_factory=dict)


@dataclass
class Table:
    columns: list            # every column's name (the header, or #1, #2, ... when there is none)
    cells: dict              # name -> the cells as written (stripped strings)
    numbers: dict            # name -> float array, for the columns that hold numbers
    value_columns: list      # columns of numbers that are no time axis: what can be forecast
    time_labels: dict        # time column -> its labels (str array), in the order they were found
    lines: np.ndarray        # the file's line number (1-based) of each row
    decimal: str             # "." or ","
    notes: list              # guesses and cuts about the whole file
    column_notes: dict       # name -> notes about reading that column (thousands, currency, percent)
    time_notes: dict         # time column -> the note that says how it was read
    default_value: str | None = None
    value_note: Note | None = None
    default_time: str = ""   # "" stands for no time column (steps numbered by row)


@dataclass
class Series:
    values: np.ndarray       # (T,) float64
    labels: np.ndarray       # (T,) str: the time column's cells, or the step numbers 0..T-1
    column: str
    time_column: str         # "" when the steps are numbered by row
    decimal: str
    notes: list


# ------------------------------------------------------------------------------------------------- text

def decode_text(data):
    """bytes -> (text, Note or None). Strict decoders in turn, the first that reads every byte into plausible
    text wins: UTF-16 (BOM), UTF-8 (with or without BOM), GB18030 (when its text looks Chinese, not like
    Western text read wrongly), Windows-1252, and Latin-1 (reads any byte) last, said as a guess."""
    if not data:
        raise UploadError("err_empty_file")
    if data.startswith(BINARY_MAGIC):
        raise UploadError("err_not_csv")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _textual(data.decode("utf-16")), Note("csv_encoding_utf16")
        except UnicodeDecodeError:
            raise UploadError("err_encoding") from None
    try:
        return _textual(data.decode("utf-8-sig")), None
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
        if _looks_chinese(text):
            return _textual(text), Note("csv_encoding_gb18030")
    except UnicodeDecodeError:
        pass
    try:
        return _textual(data.decode("cp1252")), Note("csv_encoding_cp1252")
    except UnicodeDecodeError:
        return _textual(data.decode("latin-1")), Note("csv_encoding_latin1")


def _textual(text):
    head = text[:4096]
    control = sum(1 for ch in head if ord(ch) < 32 and ch not in "\r\n\t")
    if control > 0.01 * len(head):
        raise UploadError("err_not_csv")
    return text


HANZI = re.compile(r"[\u4e00-\u9fff]")


def _looks_chinese(text):
    """Western bytes read as GB18030 give rare characters wedged inside words ("Größe" -> "Gr鲞e", "München" ->
    "M黱chen"): accented lower-case letters are bytes 0xDF-0xFF, which as a GB2312 lead byte fall in its second
    level (rare characters) or outside it. A Chinese Excel export writes common characters (GB2312's first
    level, lead bytes 0xB0-0xD7, the 3,755 most used) in runs of their own."""
    wide = set(ch for ch in text[:200_000] if ord(ch) > 127)
    hanzi = [ch for ch in wide if HANZI.match(ch)]
    in_gb2312 = sum(1 for ch in wide if _gb2312_lead(ch) and (HANZI.match(ch) or not ch.isalpha()))
    first_level = sum(1 for ch in hanzi if 0xB0 <= _gb2312_lead(ch) <= 0xD7)
    if not hanzi or in_gb2312 < 0.9 * len(wide) or first_level < 0.5 * len(hanzi):
        return False
    return not re.search(r"[A-Za-z][\u4e00-\u9fff]{1,2}[A-Za-z]", text[:200_000])


def _gb2312_lead(ch):
    """The first byte of ch in GB2312, or 0 when GB2312 has no such character."""
    try:
        return ch.encode("gb2312")[0]
    except UnicodeEncodeError:
        return 0


def content_lines(text):
    """-> (lines, their 1-based line numbers in the file, Note or None): blank lines and `#` comments left out."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept, numbers, comments = [], [], []
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped.startswith("#"):
            comments.append(number)
        elif stripped.strip(",;\t|"):
            kept.append(line)
            numbers.append(number)
    note = Note("csv_comments", {"count": len(comments), "first": comments[0], "last": comments[-1]}) \
        if comments else None
    return kept, numbers, note


def pick_separator(lines):
    """The separator that splits the first line (a header, or the first row) as it splits most rows."""
    sample = lines[:60]
    best, best_share = ",", 0.0
    for sep in SEPARATORS:
        try:
            counts = [len(row) for row in csv.reader(sample, delimiter=sep)]
        except csv.Error:
            continue
        if not counts:
            continue
        mode, times = Counter(counts).most_common(1)[0]
        share = times / len(counts)
        if mode > 1 and counts[0] == mode and share > best_share:
            best, best_share = sep, share
    return best


def split_rows(lines, numbers, sep):
    """-> (rows of stripped cells, the file line number of each row); refuses too many rows or columns."""
    rows, at = [], []
    reader = csv.reader(iter(lines), delimiter=sep)
    try:
        for row in reader:
            if len(rows) > MAX_ROWS + 1:             # the header and MAX_ROWS rows, and one more to know
                raise UploadError("err_too_many_rows", limit=MAX_ROWS)
            cells = [c.strip() for c in row]
            if any(cells):
                rows.append(cells)
                at.append(numbers[reader.line_num - 1])
    except csv.Error:
        raise UploadError("err_not_csv") from None
    width = max((len(r) for r in rows), default=0)
    if width > MAX_COLUMNS:
        raise UploadError("err_not_csv")
    rows = [r if len(r) == width else r + [""] * (width - len(r)) for r in rows]
    return rows, np.array(at, dtype=np.int64)


# ----------------------------------------------------------------------------------------------- numbers

CURRENCY = "$€£¥￥₹"
MINUS = "\u2212"
# Decimal point: 1,234,567.5 or 1234.5 or .5 (with an exponent or not)
POINT = r"[+-]?(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
# Decimal comma: 1.234.567,5 or 1 234,5 (space, narrow space, apostrophe) or 1234,5 or ,5
COMMA = r"[+-]?(?:(?:\d{1,3}(?:[.\u00a0\u202f' ]\d{3})+|\d+)(?:,\d*)?|,\d+)(?:[eE][+-]?\d+)?"
SPECIAL = {"inf", "+inf", "-inf", "infinity", "+infinity", "-infinity"}


POINT_RE, COMMA_RE = re.compile(POINT), re.compile(COMMA)
# A sign, a currency sign before or after, a percent sign after: "-$1.25", "$-1.25", "1.234,56 €", "12%"
AFFIXES = re.compile(rf"([+-]?)\s*([{CURRENCY}]?)\s*([+-]?)(.*?)\s*([{CURRENCY}]?)\s*(%?)", re.DOTALL)
GROUPING = re.compile(r"[.\u00a0\u202f' ]")
EVIDENCE_ROWS = 2000      # the decimal mark is decided from the first rows of every column


def read_cell(cell, decimal):
    """One cell -> (value or NaN, what was read across or taken off: {"grouped", "currency", "percent"} and
    "other" when the cell is a number written with the other decimal mark)."""
    sign1, cur1, sign2, core, cur2, pct = AFFIXES.fullmatch(cell.replace(MINUS, "-")).groups()
    if sign1 and sign2 or (cur1 and cur2):
        return np.nan, set()
    core = sign1 + sign2 + core
    signs = ({"currency"} if cur1 or cur2 else set()) | ({"percent"} if pct else set())
    if (POINT_RE if decimal == "." else COMMA_RE).fullmatch(core):
        if decimal == ".":
            grouped, plain = "," in core, core.replace(",", "")
        else:
            plain = GROUPING.sub("", core)
            grouped, plain = plain != core, plain.replace(",", ".")
        return float(plain), signs | ({"grouped"} if grouped else set())
    if core.lower() in SPECIAL and not signs:
        return float(core), set()
    if (COMMA_RE if decimal == "." else POINT_RE).fullmatch(core):
        return np.nan, {"other"}
    return np.nan, set()


def read_numbers(cells, decimal):
    """A column's cells -> (float array, {flag: indices of the cells it applies to}), or None as soon as more
    than 1 - NUMERIC_SHARE of its cells are no numbers. Plain numbers go through pandas' C parser; only the
    others (1,234  $5  12%  a word) are read one by one."""
    n = len(cells)
    budget = n - int(np.ceil(NUMERIC_SHARE * n))          # cells that may be no number (empty ones among them)
    plain = cells if decimal == "." else np.array([c.replace(",", ".") if "." not in c else "x" for c in cells],
                                                  dtype=object)
    try:
        values = np.array(plain, dtype=np.float64)                  # a column of plain numbers, in C
    except (ValueError, TypeError, OverflowError):
        try:
            values = pd.to_numeric(pd.Series(plain, dtype=object), errors="coerce").to_numpy(np.float64, copy=True)
        except (ValueError, TypeError, OverflowError):
            values = np.full(n, np.nan)
    flags = {}
    for k in np.flatnonzero(np.isnan(values)):
        cell = cells[k]
        if cell.lower() in ("nan", ""):
            value, found = np.nan, set()
        else:
            value, found = read_cell(cell, decimal)
        values[k] = value
        for flag in found:
            flags.setdefault(flag, []).append(k)
        if np.isnan(value):
            budget -= 1
            if budget < 0:
                return None
    return values, flags


def decide_decimal(columns, sep):
    """One decimal convention for the whole file, from the cells only one convention reads (12.5 or 1,234.5
    against 1,5 or 1.234,56) in the first EVIDENCE_ROWS rows; else from the separator (';' files come from
    locales that write 1,5). -> (decimal, notes)."""
    votes = {".": [0, ""], ",": [0, ""]}
    for cells in columns:
        for cell in cells[:EVIDENCE_ROWS]:
            if "." not in cell and "," not in cell:
                continue
            core = "".join(AFFIXES.fullmatch(cell.replace(MINUS, "-")).group(1, 3, 4))
            point, comma = bool(POINT_RE.fullmatch(core)), bool(COMMA_RE.fullmatch(core))
            if point != comma:
                vote = votes["." if point else ","]
                vote[0] += 1
                if len(cell) > len(vote[1]):                 # the longest says most: 1,234,567.5 over 0.5
                    vote[1] = cell
    (n_point, ex_point), (n_comma, ex_comma) = votes["."], votes[","]
    if n_point == n_comma == 0:
        decimal = "," if sep == ";" else "."
        return decimal, [Note("csv_decimal_guess_comma" if decimal == "," else "csv_decimal_guess_point",
                              {"sep": _sep_name(sep)})]
    decimal = "." if n_point >= n_comma else ","
    return decimal, [Note("csv_decimal_point" if decimal == "." else "csv_decimal_comma",
                          {"example": ex_point if decimal == "." else ex_comma})]


def _sep_name(sep):
    return {"\t": "tab", ",": ",", ";": ";", "|": "|"}[sep]


def _column_notes(name, cells, numbers, flags):
    """What reading this column's numbers read across or took off (thousands separators, currency, percent
    signs), and its cells written with the other decimal mark (not read as numbers)."""
    notes = []
    for flag, key in (("grouped", "csv_thousands"), ("currency", "csv_currency"), ("percent", "csv_percent")):
        if flag in flags:
            k = flags[flag][0]
            notes.append(Note(key, {"column": name, "count": len(flags[flag]), "example": str(cells[k]),
                                    "value": float(numbers[k])}))
    if "other" in flags:
        notes.append(Note("csv_decimal_mixed", {"column": name, "count": len(flags["other"]),
                                                "example": str(cells[flags["other"][0]])}))
    return notes


# ------------------------------------------------------------------------------------------------- time

# How people write dates and times. A column is a time axis when every cell is a date in one of them (the same
# one for the whole column). Which of day and month comes first may stay open (01/02/2001): cells are shown as
# written, never reinterpreted.
DATE_FORMATS = (
    "%Y-%m", "%Y-%m-%d", "%Y/%m", "%Y/%m/%d", "%m/%d/%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y年%m月", "%Y年%m月%d日",
    "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M:%S.%f", "%Y/%m/%d %H:%M", "%Y/%m/%d %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y %H:%M:%S",
    "%m/%d/%Y %H:%M", "%m/%d/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S",
    # with a UTC offset: +00:00, +0100 or Z
    "%Y-%m-%dT%H:%M%z", "%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S.%f%z", "%Y-%m-%d %H:%M:%S%z",
    "%Y-%m-%d %H:%M%z",
)
DATE_NAME = re.compile(r"date|time|datum|zeit|日期|时间|時間|period", re.IGNORECASE)
YEAR_NAME = re.compile(r"year|\byr\b|jahr|ann[ée]e|año|年", re.IGNORECASE)


def _parses_as(cells, fmt):
    """True when every cell is a date in the format fmt."""
    try:
        parsed = pd.to_datetime(cells, format=fmt, errors="coerce", utc="%z" in fmt)
    except (ValueError, TypeError, OverflowError):
        return False
    return bool(len(cells)) and bool(parsed.notna().all())


def date_format(cells):
    """The format of DATE_FORMATS every cell is written in, or None."""
    cells = pd.Series(cells, dtype=object).astype(str)
    if not len(cells) or (cells == "").any() or cells.str.fullmatch(r"[+-]?\d*\.?\d*").all():   # numbers stay numbers
        return None
    head = cells.iloc[:50]
    for fmt in DATE_FORMATS:
        if _parses_as(head, fmt) and _parses_as(cells, fmt):
            return fmt
    return None


def numeric_time(name, numbers, first):
    """A column of numbers that is a time axis -> (labels, note key) or None: years (1871, 1871.0, 1958.21:
    rising, between 1000 and 2200, in a column named like a year or a date, or the first column counting up one
    by one) or YYYYMM / YYYYMMDD in a column named like a date."""
    if not len(numbers) or not np.all(np.isfinite(numbers)) or not np.all(np.diff(numbers) > 0):
        return None
    whole = bool(np.all(numbers == np.round(numbers)))
    named = bool(YEAR_NAME.search(name) or DATE_NAME.search(name))
    if 1000 <= numbers[0] and numbers[-1] <= 2200 and (named or (first and whole and np.all(np.diff(numbers) == 1))):
        if whole:
            return np.array([str(int(v)) for v in numbers]), "csv_time_years"
        return None, "csv_time_decimal_years"                      # NOAA's 1958.2027: shown as written
    if named and whole and DATE_NAME.search(name):
        for digits, fmt in ((6, "%Y%m"), (8, "%Y%m%d")):
            text = pd.Series([str(int(v)) for v in numbers])
            if text.str.len().eq(digits).all() and _parses_as(text, fmt):
                return text.to_numpy(), "csv_time_yyyymm" if digits == 6 else "csv_time_yyyymmdd"
    return None


# ------------------------------------------------------------------------------------------- value column

PREFERRED = ("close", "adj close", "adj. close", "adjusted close", "price", "value", "sales", "销售额", "wert",
             "收盘价", "收盘", "价格", "数值", "销量", "值")
CALENDAR = {"year", "yr", "month", "day", "quarter", "qtr", "week", "weekday", "hour", "minute", "second", "jahr",
            "monat", "tag", "stunde", "年", "月", "日", "季度", "周", "小时", "年份", "月份"}
ROW_NAMES = {"", "index", "id", "row", "no", "no.", "nr", "#", "unnamed: 0", "序号", "编号"}


def _plain_name(name):
    return re.sub(r"[\s_]+", " ", str(name)).strip(" *").lower()


def default_value_column(candidates, numbers):
    """-> (column, Note): a column named like a price, a value or sales (close, adj close, price, value, sales,
    销售额, Wert, ...), else the first that is neither row numbers nor a calendar part, else the first."""
    plain = {c: _plain_name(c) for c in candidates}
    for term in PREFERRED:
        for c in candidates:
            if plain[c] == term:
                return c, Note("csv_value_named", {"column": c})
    for term in PREFERRED:
        for c in candidates:
            if (re.search(rf"\b{re.escape(term)}\b", plain[c]) if term.isascii() else term in plain[c]):
                return c, Note("csv_value_named", {"column": c})
    skipped = []
    for c in candidates:
        v = numbers[c]
        counting = len(v) > 1 and (np.array_equal(v, np.arange(len(v))) or np.array_equal(v, np.arange(1, len(v) + 1)))
        if plain[c] in CALENDAR or plain[c] in ROW_NAMES or counting:
            skipped.append(c)
            continue
        return c, Note("csv_value_first_skipping" if skipped else "csv_value_first",
                       {"column": c, "skipped": ", ".join(skipped)})
    return candidates[0], Note("csv_value_first", {"column": candidates[0], "skipped": ""})


# ------------------------------------------------------------------------------------------------ reading

def _names(first_row, header):
    if not header:
        return [f"#{k + 1}" for k in range(len(first_row))]
    names, seen = [], Counter()
    for k, cell in enumerate(first_row):
        name = cell or f"#{k + 1}"
        seen[name] += 1
        names.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return names


def read_table(data):
    """bytes -> Table; raises UploadError. See the module's docstring for what is read."""
    text, encoding_note = decode_text(data)
    lines, line_numbers, comment_note = content_lines(text)
    if not lines:
        raise UploadError("err_empty_file")
    sep = pick_separator(lines)
    rows, at = split_rows(lines, line_numbers, sep)
    if not rows:
        raise UploadError("err_empty_file")
    grid = np.array(rows, dtype=object)                              # (rows, columns) of strings
    decimal, decimal_notes = decide_decimal([grid[1:, k] for k in range(grid.shape[1])], sep)
    # No header when the first row holds only numbers and dates (a one-column file of numbers, for one)
    first = [c for c in rows[0] if c]
    header = not first or not all(not np.isnan(read_cell(c, decimal)[0]) or date_format([c]) for c in first)
    names = _names(rows[0], header)
    body = slice(1, None) if header else slice(None)
    if grid[body].shape[0] == 0:
        raise UploadError("err_header_only")
    if grid[body].shape[0] > MAX_ROWS:
        raise UploadError("err_too_many_rows", limit=MAX_ROWS)
    notes = [n for n in (encoding_note, comment_note) if n]
    if not header:
        notes.append(Note("csv_no_header", {"first": rows[0][0], "count": len(names)}))
    notes += decimal_notes
    cells, numbers, column_notes = {}, {}, {}
    for k, name in enumerate(names):
        column = grid[body, k]
        cells[name] = column.astype(str)
        read = read_numbers(column, decimal)
        if read is not None:
            numbers[name], flags = read
            column_notes[name] = _column_notes(name, column, numbers[name], flags)
    time_labels, time_notes = {}, {}
    for k, name in enumerate(names):
        if name in numbers:
            found = numeric_time(name, numbers[name], k == 0)
            if found:
                labels, key = found
                labels = cells[name] if labels is None else labels
                time_labels[name] = labels
                time_notes[name] = Note(key, {"column": name, "example": str(cells[name][0]), "label": str(labels[0])})
        else:
            fmt = date_format(cells[name])
            repeated = Counter(cells[name].tolist()).most_common(1)[0] if fmt else (None, 1)
            if fmt and repeated[1] == 1:
                time_labels[name] = cells[name]
                time_notes[name] = Note("csv_time_dates", {"column": name, "example": str(cells[name][0])})
            elif fmt:                  # dates that repeat: several series in one file (by region, by product)?
                notes.append(Note("csv_time_repeated", {"column": name, "example": repeated[0],
                                                        "count": repeated[1]}))
    value_columns = [c for c in numbers if c not in time_labels]
    table = Table(names, cells, numbers, value_columns, time_labels, at[body], decimal, notes, column_notes,
                  time_notes)
    if value_columns:
        table.default_value, table.value_note = default_value_column(value_columns, numbers)
    table.default_time = next(iter(time_labels), "")
    return table


def series_from(table, column=None, time_column=None):
    """The column (default: table.default_value) as finite floats, labelled by time_column (None: the table's
    default; "": the row number). Gaps, infinities and a constant column are explained, never dropped."""
    column = table.default_value if column is None else column
    if column not in table.value_columns:
        raise UploadError("err_no_numeric")
    values = table.numbers[column]
    if len(values) < MIN_ROWS:
        raise UploadError("err_too_few_rows", rows=len(values), minimum=MIN_ROWS)
    if np.all(np.isnan(values)):
        raise UploadError("err_all_nan", column=column)
    infinite = np.isinf(values)
    if infinite.any():
        raise UploadError("err_inf", count=int(infinite.sum()), row=int(table.lines[np.flatnonzero(infinite)[0]]))
    gaps = np.isnan(values)
    if gaps.any():
        first = int(np.flatnonzero(gaps)[0])
        cell, row = str(table.cells[column][first]), int(table.lines[first])
        if cell:                                                    # a word, a date, 2,5 in a file of 2.5
            raise UploadError("err_not_numbers", column=column, count=int(gaps.sum()), row=row, cell=cell)
        raise UploadError("err_nan_gaps", count=int(gaps.sum()), row=row)
    if np.ptp(values) == 0:
        raise UploadError("err_constant", column=column)
    time_column = table.default_time if time_column is None else time_column
    if time_column and time_column in table.time_labels:
        labels = np.asarray(table.time_labels[time_column], dtype=str)
        time_note = table.time_notes[time_column]
    elif time_column and time_column in table.cells:                # a column the user picked as labels
        labels = pd.Series(table.cells[time_column], dtype=str).str.replace(r"[\x00-\x1f\x7f]", " ", regex=True)
        labels = labels.to_numpy(dtype=str)
        time_note = Note("csv_time_picked", {"column": time_column})
    else:
        time_column, labels = "", np.arange(len(values)).astype(str)
        time_note = Note("csv_time_none")
    notes = list(table.notes)
    if column == table.default_value and table.value_note:
        notes.append(table.value_note)
    notes += table.column_notes.get(column, []) + [time_note]
    notes.append(Note("csv_rows", {"rows": len(values), "first": int(table.lines[0]), "last": int(table.lines[-1])}))
    return Series(values, labels, column, time_column, table.decimal, notes)


def read_series(data, column=None, time_column=None):
    """bytes -> Series (see series_from); raises UploadError."""
    table = read_table(data)
    if not table.value_columns:
        raise UploadError("err_no_numeric")
    return series_from(table, column, time_column)
