"""Uploaded CSVs: what is accepted, and a clear message (an UploadError key) for everything else."""
import io
import pickle
import zipfile

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from viz.uploads import MAX_ROWS, UploadError, date_columns, parse_series_csv, series_from


def good_csv(n=50, sep=",", header="month,value"):
    rows = [header.replace(",", sep)] + [f"2000-{k:03d}{sep}{np.sin(k / 5):.4f}" for k in range(n)]
    return "\n".join(rows) + "\n"


def read(data, column="value"):
    df, columns = parse_series_csv(data)
    return series_from(df, column), columns


def error_key(data, column="value"):
    with pytest.raises(UploadError) as err:
        read(data, column)
    return err.value.key


def test_a_plain_csv_gives_its_numeric_column():
    values, columns = read(good_csv().encode())
    assert columns == ["value"] and values.shape == (50,)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "latin-1"])
def test_common_encodings_are_read(encoding):
    text = "étiquette,value\n" + "".join(f"café {k},{k * 0.5}\n" for k in range(40))
    df, columns = parse_series_csv(text.encode(encoding))
    assert columns == ["value"] and df.columns[0] == "étiquette" and df.iloc[3, 0] == "café 3"


def test_semicolon_separated_with_decimal_commas():
    text = "t;value\n" + "".join(f"{k};{k / 2}\n".replace(".", ",") for k in range(40))
    values, _ = read(text.encode())
    assert values[3] == 1.5


def test_tab_separated():
    values, _ = read(good_csv(sep="\t").encode())
    assert len(values) == 50


HOSTILE = {
    "empty": (b"", "err_empty_file"),
    "binary named .csv": (bytes(range(256)) * 20, "err_not_csv"),
    "a zip": (b"PK\x03\x04" + b"\x00" * 100, "err_not_csv"),
    "a pickle": (pickle.dumps({"value": [1, 2, 3]}), "err_not_csv"),
    "header only": (b"month,value\n", "err_header_only"),
    "one row": (b"month,value\n2000-01,3\n", "err_too_few_rows"),
    "no numbers": (b"a,b\n" + b"x,y\n" * 40, "err_no_numeric"),
    "inf": (good_csv().replace("0.0000", "inf").encode(), "err_inf"),
    "NaN gap": (good_csv().replace("0.1987", "").encode(), "err_nan_gaps"),
    "constant": (b"t,value\n" + b"1,5\n" * 40, "err_constant"),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_unusable_files_get_a_clear_error(name):
    data, key = HOSTILE[name]
    assert error_key(data) == key


def test_an_all_nan_column_is_not_offered():
    data = b"t,value,empty\n" + b"".join(f"{k},{k},\n".encode() for k in range(40))
    _, columns = read(data)
    assert columns == ["t", "value"]


def test_too_many_rows_are_refused_with_the_limit():
    data = ("value\n" + "1\n2\n" * (MAX_ROWS // 2 + 1)).encode()
    with pytest.raises(UploadError) as err:
        parse_series_csv(data)
    assert err.value.key == "err_too_many_rows" and err.value.details["limit"] == MAX_ROWS


def test_a_million_rows_under_the_size_limit_are_refused():
    data = ("value\n" + "".join(f"{k % 97}\n" for k in range(1_000_000))).encode()     # 2.9 MB: under 5 MB
    assert error_key(data) == "err_too_many_rows"


def test_a_real_zip_archive_is_refused():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("data.csv", good_csv())
    assert error_key(buf.getvalue()) == "err_not_csv"


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_raise_anything_but_an_upload_error(data):
    try:
        df, columns = parse_series_csv(data)
        for column in columns:
            series_from(df, column)
    except UploadError:
        pass


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=500))
def test_arbitrary_text_never_raises_anything_but_an_upload_error(text):
    try:
        df, columns = parse_series_csv(text.encode("utf-8"))
        for column in columns:
            values = series_from(df, column)
            assert np.all(np.isfinite(values))
    except UploadError:
        pass


def dated_csv(dates, header="when,value"):
    return (header + "\n" + "".join(f"{d},{np.sin(k / 5):.4f}\n" for k, d in enumerate(dates))).encode()


DATES = {  # a format people write dates in -> 40 such dates in order
    "year-month": [f"{2001 + k // 12}-{k % 12 + 1:02d}" for k in range(40)],
    "ISO day": [f"2001-{k // 28 + 1:02d}-{k % 28 + 1:02d}" for k in range(40)],
    "US day": [f"{k // 28 + 1:02d}/{k % 28 + 1:02d}/2001" for k in range(40)],
    "European day": [f"{k % 28 + 1:02d}.{k // 28 + 1:02d}.2001" for k in range(40)],
    "day first with slashes": [f"{k % 28 + 1:02d}/{k // 28 + 1:02d}/2001" for k in range(40)],
    "ISO with time": [f"2001-03-15 {k % 24:02d}:{k % 60:02d}" for k in range(40)],
    "ISO with T and seconds": [f"2001-03-{k % 28 + 1:02d}T12:00:{k % 60:02d}" for k in range(40)],
    "year/month/day": [f"2001/{k // 28 + 1:02d}/{k % 28 + 1:02d}" for k in range(40)],
}


@pytest.mark.parametrize("name", DATES)
def test_a_column_of_dates_is_the_time_axis_not_a_value(name):
    df, columns = parse_series_csv(dated_csv(DATES[name]))
    assert date_columns(df) == ["when"] and columns == ["value"]


NOT_DATES = {  # cells that are no dates, or not all of them
    "text": [f"item {k}" for k in range(40)],
    "row numbers": [str(k) for k in range(40)],
    "numbers that look like days": [str(20010301 + k) for k in range(40)],
    "short slashes": [f"{k % 12 + 1}/{k % 28 + 1}/3" for k in range(40)],
    "month 13": ["2001-13"] * 40,
    "impossible day both ways": ["13/13/2001"] * 40,
    "dates with a word among them": [f"2001-{k % 12 + 1:02d}" for k in range(39)] + ["soon"],
    "dates with a gap": [f"2001-{k % 12 + 1:02d}" for k in range(39)] + [""],
    "dates in two formats": [f"2001-{k % 12 + 1:02d}" for k in range(20)] + ["03/15/2001"] * 20,
}


@pytest.mark.parametrize("name", NOT_DATES)
def test_columns_that_are_not_all_dates_in_one_format_are_not_taken_for_time(name):
    df, _ = parse_series_csv(dated_csv(NOT_DATES[name]))
    assert date_columns(df) == []


def test_a_numeric_year_column_stays_a_number():
    df, columns = parse_series_csv(dated_csv([str(1700 + k) for k in range(40)], "year,value"))
    assert date_columns(df) == [] and columns == ["year", "value"]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=12), min_size=30, max_size=40))
def test_arbitrary_cells_never_raise_while_looking_for_dates(cells):
    try:
        df, _ = parse_series_csv(dated_csv([c.replace(",", "").replace("\n", "") for c in cells]))
    except UploadError:
        return
    assert set(date_columns(df)) <= {str(c) for c in df.columns}
