"""UI strings for the step-through explorer: heatmaps, forget strip, projector mode, keys, continue the text
in English and 简体中文 (merged into app_pages.strings)."""

EN = {
    # what a named unit of a model card tracks (the card's "feature"), beside the unit's number
    "role_speaker_line": "speaker's name",
    "role_position_in_line": "position in line",
    "role_newline_next": "line break next",
    "role_in_string": "inside a string",
    "role_in_one_line_string": "one-line string",
    "role_in_triple_string": "triple-quoted string",
    "role_in_prose": "comment or docstring",
    "role_bracket_depth": "bracket depth",
    "role_indent": "indentation",
    "role_position_in_verse": "position in verse",
    "role_line_end": "end of line",
    "role_second_line": "couplet's second line",
    "role_in_code_brackets": "inside brackets",
    "role_scores": " · {metric} {held:.2f} held-out, {outside:.2f} outside",
    "role_scores_held": " · {metric} {held:.2f} held-out",
    "role_holds_both": " · holds on both",
    # features named in words by the first bundled models' cards (char_english, char_english_2layer)
    # words inside the figures and tables
    "word_unit": "unit",
    "word_step": "step",
    "colour_range": "98% inside",
    "colour_per_unit": "range<br>per row",
    "strip_title": "Where did it forget?",
    "strip_mean": "mean f of all {count} units",
    "strip_unit": "unit {unit}",
    "mean_f": "mean f",
    "strip_low": "lowest at step {step} “{token}”: {value}",
    "window_short": "steps {first}–{last} of {total}",
    "labels_every": "Labels are shown every {every} steps, with the step number below; hover a column to read "
                    "the label of any step.",
    # controls
    "gates_shown": "Heatmaps",
    "gates_all": "all",
    "first_step": "First step",
    "last_step": "Last step",
    "pause": "Pause",
    "play_speed": "Seconds per step",
    "keys_hint": "Keys: ← → one step · space play / pause · Home / End first / last step",
    "rows_title": "Rows and colours",
    "rows_caption": "Units the model card names come first, with what they track; then the most active units.",
    "unit_option": "{unit} · {role}",
    # projector mode
    "projector": "Projector mode",
    "projector_help": "Large text and one gate at a time, so the step controls, the heatmap, the cell and the "
                      "text fit on one 1280×720 screen. The link keeps it (view=projector).",
    "shaded_label": "Text coloured by unit {unit} ({state}); the framed character is step t.",
    # continue the text
    "continue_title": "Continue the text",
    "continue_button": "Continue with the model",
    "continue_length": "Characters to add",
    "continue_temperature": "Temperature",
    "continue_temperature_help": "Low: the model's likeliest characters; high: more surprising ones. At 0 it takes "
                                 "the likeliest character every time, which often ends in a loop (the same few "
                                 "characters, or spaces, over and over): greedy decoding. The repetition guard below "
                                 "(off by default) breaks such loops.",
    "continue_loop": "Starting at character {start} of what it wrote, the model repeats the same {period} "
                     "character(s) over and over ({repeats:.1f} times): “{piece}”. At a low temperature it takes "
                     "the likeliest "
                     "character at each step, and once a stretch repeats, the same state gives the same characters "
                     "again: greedy decoding falls into loops. Raise the temperature to break out.",
    "continue_seed": "Seed",
    "continue_seed_help": "The same seed and settings give the same continuation.",
    "continue_done": "Added {count} characters written by the model; the view below now steps through them too.",
    "continue_full": "The text is already {limit:,} characters long: nothing more can be added.",
    "continue_guard": "Repetition guard ({n} characters)",
    "continue_guard_help": "Off by default. On: the model never writes a stretch of {n} characters that is "
                           "already in the text; where it would, that character is ruled out and the next one is "
                           "chosen among the others (at temperature 0, the likeliest of them). It breaks "
                           "greedy loops, and what comes out is no longer what the model alone would write.",
    "continue_done_guard": "Added {count} characters written by the model with the repetition guard on: no "
                           "stretch of {n} characters was written twice, so where the model would have repeated "
                           "itself it took its next choice instead. The view below steps through them too.",
}

ZH = {
    "role_speaker_line": "说话人姓名",
    "role_position_in_line": "行内位置",
    "role_newline_next": "即将换行",
    "role_in_string": "字符串内部",
    "role_in_one_line_string": "单行字符串内部",
    "role_in_triple_string": "三引号字符串内部",
    "role_in_prose": "注释或文档字符串",
    "role_bracket_depth": "括号深度",
    "role_indent": "缩进",
    "role_position_in_verse": "诗句内位置",
    "role_line_end": "诗句末尾",
    "role_second_line": "一联的对句",
    "role_in_code_brackets": "括号内部",
    "role_scores": " · 留出文本 {metric} {held:.2f}，外部文本 {outside:.2f}",
    "role_scores_held": " · 留出文本 {metric} {held:.2f}",
    "role_holds_both": " · 两段文本上都成立",
    "word_unit": "单元",
    "word_step": "时间步",
    "colour_range": "含 98% 的值",
    "colour_per_unit": "每行<br>各自范围",
    "strip_title": "它在哪里遗忘？",
    "strip_mean": "全部 {count} 个单元的 f 平均值",
    "strip_unit": "单元 {unit}",
    "mean_f": "f 平均值",
    "strip_low": "最低在第 {step} 步“{token}”：{value}",
    "window_short": "共 {total} 步中的第 {first}–{last} 步",
    "labels_every": "每隔 {every} 步显示一个标注，下方是步数；鼠标悬停在某一列上可看到任意一步的标注。",
    "gates_shown": "热力图",
    "gates_all": "全部",
    "first_step": "第一步（Home 键）",
    "last_step": "最后一步（End 键）",
    "pause": "暂停",
    "play_speed": "每步秒数",
    "keys_hint": "键盘：←/→ 键 前后移动一步 · 空格键 播放/暂停 · Home 键/End 键 跳到第一步/最后一步",
    "rows_title": "行与颜色",
    "rows_caption": "模型卡片中已命名的单元排在最前，并注明各自追踪什么；其后是最活跃的单元。",
    "unit_option": "{unit} · {role}",
    "projector": "投影模式",
    "projector_help": "大字号，一次只显示一个门，让时间步控件、热力图、单元面板和文字都能放进一屏 1280×720 的画面。"
                      "链接会保留这一模式（view=projector）。",
    "shaded_label": "按单元 {unit}（{state}）着色的文字；加框的字符就是第 t 步。",
    "continue_title": "续写文本",
    "continue_button": "让模型续写",
    "continue_length": "续写的字符数",
    "continue_temperature": "温度",
    "continue_temperature_help": "低：模型最可能的字符；高：更出人意料的字符。温度为 0 时每一步都取最可能的字符，"
                                 "常常陷入循环（同样几个字符或空格一遍又一遍）：这就是贪心解码。"
                                 "下面的“防重复”（默认关闭）可以打破这种循环。",
    "continue_loop": "模型从它写出的第 {start} 个字符起，一遍又一遍地重复同样的 {period} 个字符（{repeats:.1f} 遍）："
                     "“{piece}”。温度低时，它每一步都取最可能的字符；一旦某一段重复出现，相同的状态又给出相同的字符："
                     "贪心解码会陷入循环。调高温度可以跳出循环。",
    "continue_seed": "随机种子",
    "continue_seed_help": "相同的种子和设置会得到相同的续写。",
    "continue_done": "已添加模型写出的 {count} 个字符；下面的逐步视图现在也包含它们。",
    "continue_full": "文本已有 {limit:,} 个字符，不能再添加了。",
    "continue_guard": "防重复（{n} 个字符）",
    "continue_guard_help": "默认关闭。打开后，模型不会写出文本中已有的连续 {n} 个字符；"
                           "本会如此时，排除那个字符，从其余字符中选取（温度为 0 时取其中最可能的）。"
                           "这能打破贪心解码的循环，但写出的已不完全是模型自己会写的内容。",
    "continue_done_guard": "已添加模型写出的 {count} 个字符，防重复已打开：没有哪段连续 {n} 个字符被写了两次，"
                           "模型本要重复自己的地方改取了它的下一个选择。下面的视图也可以逐步查看这些字符。",
}
