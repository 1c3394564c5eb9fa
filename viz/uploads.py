"""Reading a series from an uploaded CSV: bytes in, a clean numeric column out, or an UploadError whose key
names an English/Chinese message (viz/i18n.py). Nothing here raises anything else."""
import csv
import io

import numpy as np
import pandas as pd

MAX_ROWS = 100_000
MAX_CSV_MB = 5            # the uploaders' limit: 100,000 rows of a few columns fit well under it
MIN_ROWS = 30
# zip (also .xlsx, .npz), pickle, .npy, gzip, PDF, PNG
BINARY_MAGIC = (b"PK\x03\x04", b"\x80", b"\x93NUMPY", b"\x1f\x8b", b"%PDF", b"\x89PNG")


class UploadError(ValueError):
    def __init__(self, key, **details):
        super().__init__(key)
        self.key, self.details = key, details


def decode(data):
    """bytes -> text: UTF-8 (with or without BOM), UTF-16 with BOM, else Latin-1; binary is refused."""
    if not data:
        raise UploadError("err_empty_file")
    if data.startswith(BINARY_MAGIC):
        raise UploadError("err_not_csv")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise UploadError("err_encoding") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")                 # every byte is a Latin-1 character
    head = text[:4096]
    control = sum(1 for ch in head if ord(ch) < 32 and ch not in "\r\n\t")
    if control > 0.01 * len(head):
        raise UploadError("err_not_csv")
    return text


def read_table(data):
    """bytes -> DataFrame with a header row; separators ',', ';', tab and '|' are detected."""
    text = decode(data)
    try:
        sep = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|").delimiter
    except csv.Error:
        sep = ","
    try:
        decimal = "," if sep == ";" else "."             # semicolon files usually write 1,5 for 1.5
        df = pd.read_csv(io.StringIO(text), sep=sep, decimal=decimal, nrows=MAX_ROWS + 1, skipinitialspace=True)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeError, ValueError):
        raise UploadError("err_not_csv") from None
    if df.shape[1] == 0:
        raise UploadError("err_not_csv")
    if len(df) > MAX_ROWS:
        raise UploadError("err_too_many_rows", limit=MAX_ROWS)
    return df


def numeric_columns(df):
    """Columns where at least 90% of the cells read as numbers."""
    found = []
    for name in df.columns:
        values = pd.to_numeric(df[name], errors="coerce")
        if len(df) and values.notna().mean() >= 0.9:
            found.append(str(name))
    return found


# How people write dates and times. Only whole formats count: a column is a time axis when every cell is a date
# in one of them. Bare numbers (years, 20010315) stay numbers: they may as well be values.
DATE_FORMATS = ("%Y-%m", "%Y-%m-%d", "%Y/%m", "%Y/%m/%d", "%m/%d/%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d %H:%M",
                "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S")


def date_columns(df):
    """Names of the columns whose every cell is a date written in one of DATE_FORMATS (the same one for the
    whole column). Which of day and month comes first may stay open (01/02/2001): the cells are shown as
    written, never reinterpreted."""
    found = []
    for name in df.columns:
        cells = df[name]
        if not pd.api.types.is_string_dtype(cells) or cells.isna().any():       # numbers stay numbers
            continue
        cells = cells.astype(str).str.strip()
        for fmt in DATE_FORMATS:
            try:
                parsed = pd.to_datetime(cells, format=fmt, errors="coerce")
            except (ValueError, TypeError, OverflowError):
                continue
            if len(cells) and parsed.notna().all():
                found.append(str(name))
                break
    return found


def series_from(df, column):
    """The chosen column as finite floats; NaN gaps inside and non-finite values are explained, not dropped
    silently."""
    if column not in [str(c) for c in df.columns]:
        raise UploadError("err_no_numeric")
    raw = df[[c for c in df.columns if str(c) == column][0]]
    values = pd.to_numeric(raw, errors="coerce").to_numpy(dtype=float)
    if len(values) < MIN_ROWS:
        raise UploadError("err_too_few_rows", rows=len(values), minimum=MIN_ROWS)
    if np.all(np.isnan(values)):
        raise UploadError("err_all_nan", column=column)
    infinite = np.isinf(values)
    if infinite.any():
        raise UploadError("err_inf", count=int(infinite.sum()), row=int(np.flatnonzero(infinite)[0]) + 2)
    gaps = np.isnan(values)
    if gaps.any():
        raise UploadError("err_nan_gaps", count=int(gaps.sum()), row=int(np.flatnonzero(gaps)[0]) + 2)
    if np.ptp(values) == 0:
        raise UploadError("err_constant", column=column)
    return values


def parse_series_csv(data):
    """bytes -> (DataFrame, numeric column names, dates excluded: see date_columns); raises UploadError."""
    df = read_table(data)
    if len(df) == 0:
        raise UploadError("err_header_only")
    dates = date_columns(df)
    columns = [c for c in numeric_columns(df) if c not in dates]
    if not columns:
        raise UploadError("err_no_numeric")
    return df, columns
