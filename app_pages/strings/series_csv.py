"""UI strings for CSVs read by readers/series_csv.py: every guess and cut it makes, said on /series and /models in
English and 简体中文 (merged into app_pages.strings). The csv_* keys are the Notes' keys."""

EN = {
    "csv_kept": "Working on **{file}**, the file you uploaded before going to another page (the uploader above "
                "starts empty when you come back). Upload another file to replace it.",
    "csv_forget": "Forget this file",
    "csv_read_title": "How this file was read",
    "csv_encoding_utf16": "Text encoding: UTF-16 (the file starts with its byte-order mark).",
    "csv_encoding_gb18030": "Text encoding: GB18030/GBK, as Excel saves CSVs on Chinese Windows (the file is not "
                            "UTF-8).",
    "csv_encoding_cp1252": "Text encoding: Windows-1252, as Excel saves CSVs on Western European Windows (the file "
                           "is not UTF-8).",
    "csv_encoding_latin1": "Text encoding: neither UTF-8, GBK nor Windows-1252; read as Latin-1, so letters beyond "
                           "plain ASCII may show wrongly. Save the file as UTF-8 if they do.",
    "csv_comments": "Skipped {count} comment line(s) starting with # (lines {first:,}–{last:,} of the file).",
    "csv_no_header": "The first row holds numbers (“{first}”), so it is read as data, not as a header; the {count} "
                     "column(s) are named #1, #2, …",
    "csv_decimal_point": "Numbers are read with a decimal point, as “{example}” shows; a comma separates "
                         "thousands (1,234.5 is one thousand two hundred thirty-four and a half).",
    "csv_decimal_comma": "Numbers are read with a decimal comma, as “{example}” shows; a point or a space "
                         "separates thousands (1.234,5 is one thousand two hundred thirty-four and a half).",
    "csv_decimal_guess_point": "No number shows its decimal mark, so a decimal point is assumed (the file is "
                               "separated by “{sep}”).",
    "csv_decimal_guess_comma": "No number shows its decimal mark. The file is separated by “{sep}”, as where people "
                               "write a decimal comma (German or French Excel), so a decimal comma is assumed: "
                               "1.234 is read as one thousand two hundred thirty-four.",
    "csv_decimal_mixed": "“{column}”: {count:,} cell(s), such as “{example}”, are written with the other decimal "
                         "mark, so they are not read as numbers.",
    "csv_thousands": "“{column}”: thousands separators read (“{example}” is {value:,.10g}).",
    "csv_currency": "“{column}”: currency signs dropped from {count:,} cell(s) (“{example}” is read as "
                    "{value:,.10g}).",
    "csv_percent": "“{column}”: the values are percentages; the % sign is dropped from {count:,} cell(s) "
                   "(“{example}” is read as {value:,.10g}).",
    "csv_value_named": "Value column: “{column}”, chosen by its name. Pick another above.",
    "csv_value_first": "Value column: “{column}”, the first column of numbers that is not a time axis. Pick "
                       "another above.",
    "csv_value_first_skipping": "Value column: “{column}”, the first column of numbers that is not time, row "
                                "numbers or a calendar part (passed over: {skipped}). Pick another above.",
    "csv_time_dates": "Time axis: “{column}”, dates written like “{example}”, shown as written.",
    "csv_time_years": "Time axis: “{column}”, read as years (“{example}” is shown as {label}).",
    "csv_time_decimal_years": "Time axis: “{column}”, read as years with their fraction (like “{example}”), shown "
                              "as written.",
    "csv_time_yyyymm": "Time axis: “{column}”, numbers read as a year and a month (YYYYMM, like “{example}”).",
    "csv_time_yyyymmdd": "Time axis: “{column}”, numbers read as dates (YYYYMMDD, like “{example}”).",
    "csv_time_repeated": "“{column}” holds dates, but they repeat (“{example}” {count:,} times), so it is not used "
                         "as the time axis: the file may hold several series, one after another or interleaved "
                         "(upload one series per file).",
    "csv_time_picked": "Steps are labelled by “{column}”, as picked above.",
    "csv_time_none": "No time axis: the steps are numbered by row (0, 1, 2, …).",
    "csv_rows": "{rows:,} rows of values (lines {first:,}–{last:,} of the file).",
    # /series: what training reads, said before and after
    "train_prompt": "No model knows this series yet: press “Train a forecaster on this series” (a few seconds; 16 "
                    "units, 300 steps). It trains on the first {train:,} of the {points:,} points (80%); the other "
                    "{held:,} are held out to score it.",
    "train_prompt_capped": "No model knows this series yet: press “Train a forecaster on this series” (a few "
                           "seconds; 16 units, 300 steps). Training reads at most {cap:,} points, so it trains on "
                           "the first {train:,} of the {points:,} points (80% of the first {cap:,}); the other "
                           "{held:,} are held out to score it.",
    "trained_on": "Trained here on the first {train:,} of the {points:,} points.",
    # /models: a CSV of inputs
    "csv_inputs_columns": "Inputs x_t: the columns {columns} (the first {d} columns of numbers that are not time).",
    "csv_inputs_cut": "The file has {rows:,} rows; the model reads the first {limit:,} (rows 1–{limit:,}).",
    "csv_inputs_all": "The model reads all {rows:,} rows.",
    "csv_list_separator": ", ",
    "err_not_numbers": "The column “{column}” has {count:,} cell(s) that are not numbers, the first on line {row:,} "
                       "of the file: “{cell}”. Fix or remove them and upload again, or pick another column.",
}

ZH = {
    "csv_kept": "正在使用 **{file}**：这是你离开本页之前上传的文件（回到本页时，上方的上传框会显示为空）。"
                "上传另一个文件即可替换它。",
    "csv_forget": "不再使用这个文件",
    "csv_read_title": "这个文件是如何读取的",
    "csv_encoding_utf16": "文本编码：UTF-16（文件以字节顺序标记开头）。",
    "csv_encoding_gb18030": "文本编码：GB18030/GBK，即中文 Windows 上 Excel 保存 CSV 时所用的编码（文件不是 UTF-8）。",
    "csv_encoding_cp1252": "文本编码：Windows-1252，即西欧语言 Windows 上 Excel 保存 CSV 时所用的编码"
                           "（文件不是 UTF-8）。",
    "csv_encoding_latin1": "文本编码：既不是 UTF-8、GBK，也不是 Windows-1252；按 Latin-1 读取，因此 ASCII 以外的字母"
                           "可能显示错误。如果是这样，请把文件另存为 UTF-8。",
    "csv_comments": "跳过了 {count} 行以 # 开头的注释（文件第 {first:,}–{last:,} 行）。",
    "csv_no_header": "第一行是数字（“{first}”），因此按数据读取，而不是表头；这 {count} 列被命名为 #1、#2、…",
    "csv_decimal_point": "数字按小数点读取，如“{example}”所示；逗号是千位分隔符（1,234.5 即一千二百三十四点五）。",
    "csv_decimal_comma": "数字按小数逗号读取，如“{example}”所示；点或空格是千位分隔符"
                         "（1.234,5 即一千二百三十四点五）。",
    "csv_decimal_guess_point": "没有哪个数字能看出小数符号，因此假定为小数点（文件以“{sep}”分隔）。",
    "csv_decimal_guess_comma": "没有哪个数字能看出小数符号。文件以“{sep}”分隔，这是使用小数逗号的地区"
                               "（德语或法语 Excel）的做法，因此假定为小数逗号：1.234 读作一千二百三十四。",
    "csv_decimal_mixed": "“{column}”：有 {count:,} 个单元格（例如“{example}”）使用了另一种小数符号，因此不按数字读取。",
    "csv_thousands": "“{column}”：已识别千位分隔符（“{example}”即 {value:,.10g}）。",
    "csv_currency": "“{column}”：已去掉 {count:,} 个单元格中的货币符号（“{example}”读作 {value:,.10g}）。",
    "csv_percent": "“{column}”：这些值是百分数；已去掉 {count:,} 个单元格中的 % 号（“{example}”读作 {value:,.10g}）。",
    "csv_value_named": "数值列：“{column}”，按列名选出。可以在上方改选其他列。",
    "csv_value_first": "数值列：“{column}”，即第一个不是时间轴的数值列。可以在上方改选其他列。",
    "csv_value_first_skipping": "数值列：“{column}”，即第一个不是时间、行号或日历字段的数值列（跳过了：{skipped}）。"
                                "可以在上方改选其他列。",
    "csv_time_dates": "时间轴：“{column}”，日期写法如“{example}”，按原样显示。",
    "csv_time_years": "时间轴：“{column}”，按年份读取（“{example}”显示为 {label}）。",
    "csv_time_decimal_years": "时间轴：“{column}”，按带小数的年份读取（如“{example}”），按原样显示。",
    "csv_time_yyyymm": "时间轴：“{column}”，数字按年和月读取（YYYYMM，如“{example}”）。",
    "csv_time_yyyymmdd": "时间轴：“{column}”，数字按日期读取（YYYYMMDD，如“{example}”）。",
    "csv_time_repeated": "“{column}”是日期，但有重复（“{example}”出现 {count:,} 次），因此不用作时间轴："
                         "文件里可能有几个序列，前后相接或交错排列（请每个文件只放一个序列）。",
    "csv_time_picked": "按上方所选，用“{column}”标注各步。",
    "csv_time_none": "没有时间轴：各步按行号编号（0、1、2、…）。",
    "csv_rows": "共 {rows:,} 行数值（文件第 {first:,}–{last:,} 行）。",
    "train_prompt": "还没有模型认识这个序列：请点击“在这个序列上训练预测模型”（几秒钟；16 个单元，300 步）。"
                    "它在 {points:,} 个点中的前 {train:,} 个（80%）上训练；其余 {held:,} 个点留出，用来评分。",
    "train_prompt_capped": "还没有模型认识这个序列：请点击“在这个序列上训练预测模型”（几秒钟；16 个单元，300 步）。"
                           "训练最多读取 {cap:,} 个点，因此它在 {points:,} 个点中的前 {train:,} 个（前 {cap:,} 个的 "
                           "80%）上训练；其余 {held:,} 个点留出，用来评分。",
    "trained_on": "已在这里用 {points:,} 个点中的前 {train:,} 个训练。",
    "csv_inputs_columns": "输入 x_t：列 {columns}（前 {d} 个不是时间的数值列）。",
    "csv_inputs_cut": "文件有 {rows:,} 行；模型读取前 {limit:,} 行（第 1–{limit:,} 行）。",
    "csv_inputs_all": "模型读取全部 {rows:,} 行。",
    "csv_list_separator": "、",
    "err_not_numbers": "“{column}”列有 {count:,} 个单元格不是数字，第一个在文件第 {row:,} 行：“{cell}”。"
                       "请修正或删除它们后重新上传，或改选其他列。",
}
