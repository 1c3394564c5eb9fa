"""Uploaded CSVs (readers/series_csv.py): files as people make them are read, every guess and cut is a Note the
page shows, and everything else gets a clear message (an UploadError key)."""
import io
import pickle
import zipfile

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app_pages.strings import EN, ZH, t
from readers.series_csv import MAX_ROWS, UploadError, decode_text, read_series, read_table, series_from


def good_csv(n=50, sep=",", header="month,value"):
    rows = [header.replace(",", sep)] + [f"2000-{k:03d}{sep}{np.sin(k / 5):.4f}" for k in range(n)]
    return "\n".join(rows) + "\n"


def read(data, column="value"):
    table = read_table(data)
    return series_from(table, column).values, table.value_columns


def error_key(data, column="value"):
    with pytest.raises(UploadError) as err:
        read(data, column)
    return err.value.key


def keys(series):
    return [n.key for n in series.notes]


def note(series, key):
    return next(n.details for n in series.notes if n.key == key)


def said_in_both_languages(series):
    """Every note is a sentence in English and Chinese with its details filled in (no placeholder left)."""
    for n in series.notes:
        for lang, table in (("en", EN), ("zh", ZH)):
            text = t(n.key, lang, **n.details)
            assert n.key in table and "{" not in text, (n.key, lang, text)


# ------------------------------------------------------------------------------ files as people make them

START = pd.Timestamp("2023-03-01")


def excel(rows, sep, encoding):
    """What Excel's "Save as CSV" writes: the cells as displayed, CRLF line ends, the locale's code page."""
    return "".join(sep.join(r) + "\r\n" for r in rows).encode(encoding)


def german_excel(n=60):
    """A German Excel: ';' between cells, decimal comma, thousands point, dates as 01.03.2023 00:30, cp1252."""
    rows = [["Zeitpunkt", "Umsatz (€)", "Temperatur"]]
    for k in range(n):
        amount = f"{1234.56 + 37.5 * k:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
        when = (START + pd.Timedelta(minutes=30 * k)).strftime("%d.%m.%Y %H:%M")
        rows.append([when, f"{amount} €", f"{12.5 + np.sin(k):.1f}".replace(".", ",")])
    return excel(rows, ";", "cp1252")


def chinese_excel(n=60):
    """A Chinese Excel: GBK, dates as 2023/1/5, headers 日期/销售额 (sales comes after another column)."""
    rows = [["日期", "气温", "销售额", "备注"]]
    for k in range(n):
        rows.append([f"2023/{k // 28 + 1}/{k % 28 + 1}", f"{20 + np.sin(k):.1f}", f"{1000 + 10 * k}", "正常"])
    return excel(rows, ",", "gbk")


def stock_download(n=60):
    rows = ["Date,Open,High,Low,Close,Adj Close,Volume"]
    for k in range(n):
        p = 100 + np.sin(k / 4) * 5
        day = (START + pd.Timedelta(days=k)).date()
        rows.append(f"{day},{p:.2f},{p + 1:.2f},{p - 1:.2f},{p + .5:.6f},{p + .4:.6f},{1_000_000 + 17 * k}")
    return ("\n".join(rows) + "\n").encode()


def statsmodels_export(name="nile", n=100):
    """pandas.DataFrame.to_csv of statsmodels' datasets: the year a float column (1871.0), an index column first."""
    header, first = {"nile": ("year,volume", 1871), "sunspots": ("YEAR,SUNACTIVITY", 1700)}[name]
    rows = ["," + header] + [f"{k},{first + k:.1f},{1000 + 100 * np.sin(k / 3):.1f}" for k in range(n)]
    return ("\n".join(rows) + "\n").encode()


def noaa_co2(n=60):
    """NOAA GML's co2_mm_mlo.csv: a '#' preamble, then year, month, decimal date and the monthly average."""
    preamble = ["# --------------------------------------------------------------------",
                "# USE OF NOAA GML DATA", "#", "# CO2 expressed as a mole fraction in dry air, ppm", "#"]
    rows = ["year,month,decimal date,average,deseasonalized,ndays,sdev,unc"]
    for k in range(n):
        rows.append(f"{1958 + (k + 2) // 12},{(k + 2) % 12 + 1},{1958.2027 + k / 12:.4f},{315.7 + np.sin(k):.2f},"
                    f"{314.4 + k / 100:.2f},-1,-9.99,-0.99")
    return ("\n".join(preamble + rows) + "\n").encode()


def noaa_climate_at_a_glance(n=60):
    preamble = ["# Contiguous U.S. Average Temperature", "# Units: Degrees Fahrenheit", "# Missing: -99"]
    rows = ["Date,Value,Anomaly"] + [f"{1895 + k // 12}{k % 12 + 1:02d},{50 + 20 * np.sin(k / 2):.2f},"
                                     f"{np.cos(k):.2f}" for k in range(n)]
    return ("\n".join(preamble + rows) + "\n").encode()


def test_a_german_excel_export_reads_decimal_commas_thousands_points_euros_and_its_dates():
    s = read_series(german_excel())
    assert s.column == "Umsatz (€)" and s.decimal == ","
    assert s.values[0] == pytest.approx(1234.56) and s.values[1] == pytest.approx(1272.06)
    assert s.time_column == "Zeitpunkt" and s.labels[0] == "01.03.2023 00:00" and s.labels[3] == "01.03.2023 01:30"
    assert {"csv_encoding_cp1252", "csv_decimal_comma", "csv_thousands", "csv_currency", "csv_time_dates"} <= set(
        keys(s))
    assert note(s, "csv_thousands")["example"] == "1.234,56 €"
    said_in_both_languages(s)


def test_a_chinese_excel_export_in_gbk_keeps_its_headers_and_prefers_the_sales_column():
    s = read_series(chinese_excel())
    assert s.column == "销售额" and s.time_column == "日期" and s.labels[4] == "2023/1/5"
    assert s.values[:3].tolist() == [1000, 1010, 1020]
    assert "csv_encoding_gb18030" in keys(s) and "csv_value_named" in keys(s)
    assert read_table(chinese_excel()).value_columns == ["气温", "销售额"]
    said_in_both_languages(s)


def test_a_utf8_excel_export_with_a_bom_reads_the_first_header_without_it():
    data = b"\xef\xbb\xbf" + "日期,销售额\n".encode() + "".join(f"2023-01-{k + 1:02d},{k * 3 % 7}\n"
                                                               for k in range(30)).encode()
    s = read_series(data)
    assert s.time_column == "日期" and s.column == "销售额" and not any(k.startswith("csv_encoding") for k in keys(s))


def test_a_stock_download_forecasts_close_not_volume_and_its_dates_are_the_axis():
    s = read_series(stock_download())
    assert s.column == "Close" and s.time_column == "Date" and s.labels[0] == "2023-03-01"
    assert read_table(stock_download()).value_columns == ["Open", "High", "Low", "Close", "Adj Close", "Volume"]
    assert read_series(stock_download(), column="Adj Close").values[0] == pytest.approx(100.4)


@pytest.mark.parametrize("name,column,year", [("nile", "volume", "1871"), ("sunspots", "SUNACTIVITY", "1700")])
def test_a_statsmodels_year_column_written_as_a_float_is_the_time_axis(name, column, year):
    s = read_series(statsmodels_export(name))
    assert s.column == column and s.labels[0] == year and s.labels[-1] == str(int(year) + 99)
    assert note(s, "csv_time_years")["example"] == f"{year}.0"
    assert "csv_value_first_skipping" in keys(s)                       # the index column 0..99 was passed over
    said_in_both_languages(s)


def test_noaa_comment_lines_are_skipped_and_said_and_the_decimal_date_is_the_time_axis():
    s = read_series(noaa_co2())
    assert note(s, "csv_comments") == {"count": 5, "first": 1, "last": 5}
    assert s.column == "average" and s.time_column == "decimal date" and s.labels[0] == "1958.2027"
    assert note(s, "csv_time_decimal_years") == {"column": "decimal date", "example": "1958.2027",
                                                 "label": "1958.2027"}
    assert note(s, "csv_value_first_skipping")["skipped"] == "year, month"
    assert note(s, "csv_rows") == {"rows": 60, "first": 7, "last": 66}          # line numbers of the file
    said_in_both_languages(s)


def test_noaa_year_and_month_numbers_in_a_date_column_are_the_time_axis():
    s = read_series(noaa_climate_at_a_glance())
    assert s.column == "Value" and s.time_column == "Date" and s.labels[0] == "189501"
    assert keys(s)[0] == "csv_comments" and "csv_time_yyyymm" in keys(s)


@pytest.mark.parametrize("stamp", ["2023-01-{d:02d}T{h:02d}:00:00+00:00", "2023-01-{d:02d}T{h:02d}:00:00+01:00",
                                   "2023-01-{d:02d} {h:02d}:00:00+0000", "2023-01-{d:02d}T{h:02d}:00:00Z",
                                   "{d:02d}.01.2023 {h:02d}:30", "2023-01-{d:02d} {h:02d}:00:00.000"])
def test_time_stamps_with_offsets_and_day_first_dates_with_times_are_the_time_axis(stamp):
    stamps = [stamp.format(d=k // 24 + 1, h=k % 24) for k in range(40)]
    data = ("timestamp,temperature\n" + "".join(f"{c},{k % 7}.5\n" for k, c in enumerate(stamps))).encode()
    s = read_series(data)
    assert s.time_column == "timestamp" and s.labels[1] == stamp.format(d=1, h=1)


def test_a_one_column_file_without_header_keeps_its_first_value():
    data = "".join(f"{np.sin(k / 3) + 5:.3f}\n" for k in range(40)).encode()
    s = read_series(data)
    assert len(s.values) == 40 and s.values[0] == pytest.approx(5.0) and s.column == "#1"
    assert note(s, "csv_no_header") == {"first": "5.000", "count": 1}
    said_in_both_languages(s)


def test_fifty_thousand_rows_are_read_whole():
    stamps = pd.date_range("2020-01-01", periods=50_000, freq="min").strftime("%Y-%m-%d %H:%M")
    data = ("time,value\n" + "".join(f"{c},{np.sin(k / 50):.4f}\n" for k, c in enumerate(stamps))).encode()
    s = read_series(data)
    assert len(s.values) == 50_000 and note(s, "csv_rows") == {"rows": 50_000, "first": 2, "last": 50_001}


# --------------------------------------------------------------------------------- numbers people write

@pytest.mark.parametrize("cells,expected,decimal", [
    (["1,234", "12,345", "1,234,567"], [1234, 12345, 1234567], "."),
    (["1.234,56", "12.345,6", "0,5"], [1234.56, 12345.6, 0.5], ","),
    (["$10,000.00", "$9,999.50", "-$1.25"], [10000, 9999.5, -1.25], "."),
    (["12%", "7.5%", "-3%"], [12, 7.5, -3], "."),
    (["€ 1.234,5", "€ 99,0", "€ 1,0"], [1234.5, 99, 1], ","),
    (["1 234,5", "2 000,25", "3,5"], [1234.5, 2000.25, 3.5], ","),
])
def test_numbers_as_people_write_them(cells, expected, decimal):
    sep = ";" if decimal == "," else ","
    quoted = [f'"{c}"' if sep in c else c for c in cells]                # as Excel and csv.writer quote them
    data = f"t{sep}amount\n" + "".join(f"{k}{sep}{quoted[k % 3]}\n" for k in range(30))
    s = read_series(data.encode(), column="amount")
    assert s.decimal == decimal and s.values[:3] == pytest.approx(expected)
    said_in_both_languages(s)


def test_the_decimal_convention_is_decided_per_file_by_the_cells_that_show_it():
    # 1.234 alone could be either; 2,5 in another column settles it for the whole file
    data = "a;b\n" + "".join(f"1.234;2,{k % 10}\n" for k in range(30))
    table = read_table(data.encode())
    assert table.decimal == "," and table.numbers["a"][0] == 1234 and table.numbers["b"][3] == 2.3
    data = "a,b\n" + "".join(f'"1,234",2.{k % 10}\n' for k in range(30))
    table = read_table(data.encode())
    assert table.decimal == "." and table.numbers["a"][0] == 1234


def test_an_undecided_decimal_mark_follows_the_separator_and_is_said_a_guess():
    assert [n.key for n in read_table(b"a;b\n" + b"1.234;5\n" * 30).notes] == ["csv_decimal_guess_comma"]
    assert read_table(b"a;b\n" + b"1.234;5\n" * 30).numbers["a"][0] == 1234
    assert [n.key for n in read_table(b"a,b\n" + b"1,5\n" * 30).notes] == ["csv_decimal_guess_point"]


def test_percent_values_stay_in_percent_and_that_is_said():
    s = read_series(("t,rate\n" + "".join(f"{k},{k % 9 + 0.5}%\n" for k in range(30))).encode(), "rate")
    assert s.values[0] == 0.5 and note(s, "csv_percent") == {"column": "rate", "count": 30, "example": "0.5%",
                                                            "value": 0.5}


# ------------------------------------------------------------------------------------------- encodings

WESTERN = ["Größe", "München", "Würzburg", "Äpfel", "Crème brûlée", "Été", "Señor Müller", "Preis in €", "Ærø",
           "Straße", "façade", "naïve", "Zürich", "Bäckerei", "Öl", "Übergröße"]
CHINESE = ["日期", "销售额", "收盘价", "气温（℃）", "北京", "上海市", "降水量", "备注", "销量（件）", "单价/元"]


@pytest.mark.parametrize("word", WESTERN)
def test_western_text_saved_as_windows_1252_is_not_taken_for_chinese(word):
    text, note_ = decode_text(f"name,value\n{word},1\n".encode("cp1252"))
    assert word in text and note_.key == "csv_encoding_cp1252"


@pytest.mark.parametrize("word", CHINESE)
def test_chinese_text_saved_as_gbk_is_read_as_chinese(word):
    text, note_ = decode_text(f"{word},value\n2023/1/1,1\n".encode("gbk"))
    assert text.startswith(word) and note_.key == "csv_encoding_gb18030"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "latin-1", "cp1252"])
def test_common_encodings_are_read(encoding):
    text = "étiquette,value\n" + "".join(f"café {k},{k * 0.5}\n" for k in range(40))
    table = read_table(text.encode(encoding))
    assert table.value_columns == ["value"] and table.columns[0] == "étiquette" and table.cells["étiquette"][3] == \
        "café 3"


# ------------------------------------------------------------------------------------------- layout

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


def test_a_gap_is_named_by_its_line_in_the_file():
    data = b"# logger v2\n# site 4\nt,value\n" + b"".join(f"{k},{'' if k == 7 else k % 5}\n".encode()
                                                         for k in range(40))
    with pytest.raises(UploadError) as err:
        read_series(data, column="value")
    assert err.value.details == {"count": 1, "row": 11}                  # the 11th line of the file


def test_an_all_nan_column_is_not_offered():
    data = b"t,value,empty\n" + b"".join(f"{k},{k},\n".encode() for k in range(40))
    _, columns = read(data)
    assert columns == ["t", "value"]


def test_too_many_rows_are_refused_with_the_limit():
    data = ("value\n" + "1\n2\n" * (MAX_ROWS // 2 + 1)).encode()
    with pytest.raises(UploadError) as err:
        read_table(data)
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
        table = read_table(data)
        for column in table.value_columns:
            series_from(table, column)
    except UploadError:
        pass


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=500))
def test_arbitrary_text_never_raises_anything_but_an_upload_error(text):
    try:
        table = read_table(text.encode("utf-8"))
        for column in table.value_columns:
            s = series_from(table, column)
            assert np.all(np.isfinite(s.values))
    except UploadError:
        pass


# ------------------------------------------------------------------------------------------- time axes

def dated_csv(dates, header="when,value"):
    return (header + "\n" + "".join(f"{d},{np.sin(k / 5):.4f}\n" for k, d in enumerate(dates))).encode()


DATES = {  # a format people write dates in -> 40 such dates in order
    "year-month": [f"{2001 + k // 12}-{k % 12 + 1:02d}" for k in range(40)],
    "ISO day": [f"2001-{k // 28 + 1:02d}-{k % 28 + 1:02d}" for k in range(40)],
    "US day": [f"{k // 28 + 1:02d}/{k % 28 + 1:02d}/2001" for k in range(40)],
    "European day": [f"{k % 28 + 1:02d}.{k // 28 + 1:02d}.2001" for k in range(40)],
    "European day with time": [f"{k % 28 + 1:02d}.03.2001 {k % 24:02d}:30" for k in range(40)],
    "day first with slashes": [f"{k % 28 + 1:02d}/{k // 28 + 1:02d}/2001" for k in range(40)],
    "ISO with time": [f"2001-03-15 {k % 24:02d}:{k % 60:02d}" for k in range(40)],
    "ISO with T and seconds": [f"2001-03-{k % 28 + 1:02d}T12:00:{k % 60:02d}" for k in range(40)],
    "ISO with an offset": [f"2001-{k // 28 + 3:02d}-{k % 28 + 1:02d}T12:00:00+00:00" for k in range(40)],
    "year/month/day": [f"2001/{k // 28 + 1:02d}/{k % 28 + 1:02d}" for k in range(40)],
    "Chinese Excel": [f"2001/{k // 28 + 1}/{k % 28 + 1}" for k in range(40)],
    "Chinese with characters": [f"{2001 + k // 12}年{k % 12 + 1}月" for k in range(40)],
}


@pytest.mark.parametrize("name", DATES)
def test_a_column_of_dates_is_the_time_axis_not_a_value(name):
    table = read_table(dated_csv(DATES[name]))
    assert list(table.time_labels) == ["when"] and table.value_columns == ["value"]


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
    "years that repeat": [str(2001 + k // 4) for k in range(40)],
    "numbers named like nothing in particular": [str(1900 + 3 * k) for k in range(40)],
}


@pytest.mark.parametrize("name", NOT_DATES)
def test_columns_that_are_not_all_dates_in_one_format_are_not_taken_for_time(name):
    table = read_table(dated_csv(NOT_DATES[name]))
    assert table.time_labels == {}


def test_dates_that_repeat_are_no_time_axis_and_that_is_said():
    """Long-format files hold several series under one date column (a row per date and region)."""
    data = "date,region,sales\n" + "".join(f"2023-01-{k // 2 + 1:02d},{'north' if k % 2 else 'south'},{k}\n"
                                          for k in range(60))
    s = read_series(data.encode())
    assert s.time_column == "" and s.column == "sales"
    assert note(s, "csv_time_repeated") == {"column": "date", "example": "2023-01-01", "count": 2}
    said_in_both_languages(s)


@pytest.mark.parametrize("header", ["year,value", "Year,value", "年份,value", "Jahr,value"])
def test_a_year_column_is_the_time_axis(header):
    table = read_table(dated_csv([str(1700 + k) for k in range(40)], header))
    time_column = header.split(",")[0]
    assert list(table.time_labels) == [time_column] and table.value_columns == ["value"]
    assert series_from(table).labels[0] == "1700"
    assert series_from(table, time_column="").labels[0] == "0"           # the user can still number by row


def test_the_picked_value_and_time_columns_are_used_and_said():
    s = read_series(stock_download(), column="Volume", time_column="")
    assert s.column == "Volume" and s.labels[0] == "0" and "csv_time_none" in keys(s)
    assert "csv_value_named" not in keys(s)                              # a pick is no guess


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=12), min_size=30, max_size=40))
def test_arbitrary_cells_never_raise_while_looking_for_dates(cells):
    try:
        table = read_table(dated_csv([c.replace(",", "").replace("\n", "") for c in cells]))
    except UploadError:
        return
    assert set(table.time_labels) <= set(table.columns)


def test_cells_written_with_the_other_decimal_mark_are_not_read_as_numbers_and_that_is_said():
    data = "t,value\n" + "".join(f'{k},{k}.5\n' for k in range(38)) + '38,"2,5"\n39,"3,5"\n'
    table = read_table(data.encode())
    assert table.decimal == "." and np.isnan(table.numbers["value"][-2:]).all()
    mixed = [n for n in table.column_notes["value"] if n.key == "csv_decimal_mixed"]
    assert [n.details for n in mixed] == [{"column": "value", "count": 2, "example": "2,5"}]
    with pytest.raises(UploadError) as err:                              # named by its line and as written
        series_from(table, "value")
    assert err.value.key == "err_not_numbers"
    assert err.value.details == {"column": "value", "count": 2, "row": 40, "cell": "2,5"}


def test_western_words_with_accents_anywhere_are_never_taken_for_chinese():
    """Lower-case accented letters are bytes 0xDF-0xFF: read as GB18030, two of them make a rare character
    (GB2312's second level) or none. 2,000 files of made-up words with accents at any place, in cp1252."""
    rng = np.random.default_rng(0)
    letters, accents = list("abcdefghijklmnoprstuvwz"), list("äöüßéèêàâçñíóúùôûëïœ")

    def word():
        w = list(rng.choice(letters, rng.integers(2, 10)))
        for _ in range(rng.integers(1, 3)):
            w.insert(int(rng.integers(0, len(w) + 1)), str(rng.choice(accents)))
        return "".join(w)

    taken = []
    for _ in range(2000):
        text = " ".join(word() for _ in range(rng.integers(1, 4))) + ";Wert\n" + \
            "".join(f"{word()};{k},5\n" for k in range(int(rng.choice([0, 1, 5]))))
        if decode_text(text.encode("cp1252"))[1].key != "csv_encoding_cp1252":
            taken.append(text)
    assert taken == []
