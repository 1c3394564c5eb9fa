"""UI strings for the why-tools: memory ledger, connectivity, unit finder, gate saturation, switching a unit off
in English and 简体中文 (merged into app_pages.strings)."""

EN = {
    "why_title": "Why did it do that?",
    "why_pick_view": "Open a tool (each is computed for the cursor only while it is open)",
    "why_view_ledger": "Memory ledger",
    "why_view_connectivity": "What moved the guess",
    "why_view_finder": "Unit finder",
    "why_view_saturation": "Gate saturation",
    "why_view_clamp": "Switch a unit off",
    "why_how": "How to read this",
    "why_no_cell": "This network has no cell state (a GRU or plain RNN): the memory ledger, half-lives and "
                   "gate saturation need an LSTM.",
    "why_computing": "Computing…",
    # ledger
    "why_ledger_title": "What the cell of unit {unit} holds at step {step}, by the step that wrote it",
    "why_how_ledger": "Each bar is one earlier step (a character, or a value of a series): what it **wrote** "
                      "into the cell of the chosen unit (i·g at that step) that still **survives** at the cursor, "
                      "after every forget gate since has scaled it. Red adds to c, blue subtracts. The bars and the "
                      "initial state add up to c at the cursor exactly. A tall bar far back is a long memory.",
    "why_ledger_sentence": "c = {c:.2f} at “{token}”: {part:.2f} of it was written at “{source}”, {ago}, "
                           "and {share:.0%} of that write survives (this step itself wrote {now:.2f}).",
    "why_ledger_sentence_now": "c = {c:.2f} at “{token}”, the first step: {now:.2f} of it was written here, "
                               "and {share:.0%} of that write is kept.",
    "why_ledger_check": "Bars + initial state = {total:.4f}; c at the cursor = {c:.4f}.",
    "why_ledger_older": "older",
    "why_step_ago": "1 step ago",
    "why_steps_ago": "{n} steps ago",
    "why_half_lives_title": "Half-lives across units (at the cursor)",
    "why_half_life_sentence": "Unit {unit}'s half-life here is {half_life} steps: a write keeps half its size for "
                              "that long at this forget gate. Median over units: {median} steps.",
    "why_half_life_x": "unit",
    "why_half_life_y": "half-life (steps, log scale)",
    "why_half_life_hover": "unit %{x}<br>half-life %{y:.1f} steps",
    "why_forever": "more than a million",
    # connectivity
    "why_connectivity_title": "How much each earlier character moved the guess at step {step}",
    "why_how_connectivity": "The model's guess at the cursor is its most likely next character. Each earlier "
                            "character is shaded by the size of the gradient of that guess's log-probability "
                            "with respect to the character's input: orange characters moved the guess, white ones "
                            "did not. Characters after the cursor cannot matter (grey). A long text shows the last 240 "
                            "characters. For a series, the bars under it show how much each earlier value moved the "
                            "forecast made at the cursor.",
    "why_connectivity_sentence": "The guess “{guess}” ({prob:.0%}) at “{token}” was moved most by “{source}”, "
                                 "{ago}; the last 10 characters carry {recent:.0%} of the total.",
    "why_connectivity_sentence_unit": "h of unit {unit} at “{token}” was moved most by “{source}”, {ago}; the last "
                                      "10 characters carry {recent:.0%} of the total.",
    "why_connectivity_title_series": "How much each earlier value moved the forecast made at step {step}",
    "why_connectivity_sentence_series": "The forecast {guess:.4g} made at “{token}” was moved most by the value at "
                                        "“{source}”, {ago}; the last 10 values carry {recent:.0%} of the total.",
    "why_connectivity_unit": "This model has no read-out, so the shading shows what moved h of unit {unit} in its "
                             "last layer ({layer}) at the cursor.",
    # finder
    "why_finder_title": "Which units follow a hypothesis?",
    "why_how_finder": "Choose what a unit might track. Every unit's c and h is scored against it over your text: "
                      "for a yes/no hypothesis the **AUC** (1 = the unit is always higher where it holds, 0.5 = "
                      "no relation, a **−** sign means lower where it holds), for a number the **correlation** r. "
                      "Click a unit to follow it everywhere: the unit picker, the shaded text and the link follow. "
                      "Below, the best unit colours the text; the hypothesis is underlined.",
    "why_hypothesis": "Hypothesis",
    "why_hyp_regex": "Custom: a regular expression",
    "why_hyp_picked": "Custom: steps picked with the mouse",
    "why_hyp_inside_quotes": "inside quotes",
    "why_hyp_inside_brackets": "inside brackets",
    "why_hyp_bracket_depth": "bracket depth",
    "why_hyp_start_of_word": "start of a word",
    "why_hyp_position_in_word": "position in the word",
    "why_hyp_position_in_line": "position in the line",
    "why_hyp_vowel": "a vowel",
    "why_hyp_digit": "a digit",
    "why_hyp_uppercase": "an uppercase letter",
    "why_hyp_punctuation": "punctuation",
    "why_hyp_in_string": "inside a string literal",
    "why_hyp_in_one_line_string": "inside a one-line string ('...' or \"...\")",
    "why_hyp_in_triple_string": "inside a triple-quoted string (a docstring, say)",
    "why_hyp_in_prose": "prose for the reader: a comment or a docstring",
    "why_hyp_in_code_brackets": "inside brackets of code (not in strings or comments)",
    "why_hyp_indent": "indentation",
    "why_hyp_speaker_line": "a speaker's name line",
    "why_hyp_newline_next": "a line break comes next",
    "why_hyp_position_in_verse": "position in the line of verse",
    "why_hyp_line_end": "the line of verse ends next",
    "why_hyp_second_line": "in a couplet's second line (after its comma, before its full stop)",
    "why_hyp_above_mean": "above its mean",
    "why_hyp_rising": "rising",
    "why_hyp_peak": "a peak",
    "why_hyp_since_peak": "time since the last peak",
    "why_hyp_season_position": "position in the season",
    "why_regex": "Regular expression (RE2 syntax)",
    "why_regex_help": "Marks every character inside a match, e.g. `[aeiou]`, `\\d+`, `\"[^\"]*\"`. Runs on RE2, "
                      "which answers in linear time: no pattern can hang the app.",
    "why_regex_empty": "Type a regular expression to mark the characters it matches.",
    "why_regex_too_long": "That pattern is too long: at most 500 characters.",
    "why_regex_invalid": "That is not a pattern the safe engine (RE2) accepts: {detail}. Back-references (\\1) "
                         "and look-arounds ((?=…), (?<=…)) are not supported.",
    "why_regex_matches": "The pattern marks {count} of {total} characters.",
    "why_picker_title": "Drag a box (or lasso) over the characters where the unit should fire",
    "why_picked_count": "{count} steps picked.",
    "why_need_both": "The hypothesis must hold at some steps and not at others ({count} of {total} now).",
    "why_constant": "This hypothesis has the same value at every step of your text: nothing to rank.",
    "why_support": "The hypothesis holds at {holds} steps in {runs} separate run(s), and does not hold at {fails} "
                   "steps in {runs_fails} run(s).",
    "why_not_evidence": "Too little to rank by: a score is evidence only from at least {least} steps where the "
                        "hypothesis holds and {least} where it does not, each in more than one separate run. On so "
                        "few steps (or one block, such as a docstring) some unit scores high by chance, so no unit "
                        "is ranked here. Below: the unit you are looking at. Try a longer text.",
    "why_follow": "Follow a unit (best first)",
    "why_rank_label": "{unit} · {state} · {metric} {score:.2f} {sign}",
    "why_following": "Following unit {unit} ({state}).",
    "why_best_unit_title": "Unit {unit} ({state}) over your text; underlined: where the hypothesis holds",
    "why_best_unit_title_series": "Unit {unit} ({state}) over the series, with the hypothesis",
    "why_unit_state": "unit {unit} ({state})",
    # saturation
    "why_saturation_title": "How often each gate is nearly shut or nearly open",
    "why_how_saturation": "One dot per unit and gate: across is the share of steps where the gate is below 0.1 "
                          "(nearly shut), up the share where it is above 0.9 (nearly open). Dots near a corner "
                          "are gates that are almost always one or the other: a forget gate always open "
                          "**remembers**, an input gate always shut **ignores** its input. Dots in the middle "
                          "switch with the text. The ringed dots are the chosen unit.",
    "why_saturation_source": "Measured on",
    "why_saturation_held_out": "held-out text of the corpus (20,000 characters)",
    "why_saturation_input": "your text",
    "why_saturation_missing": "This model's card carries no measurement on held-out text yet: showing your text.",
    "why_saturation_sentence": "Forget gate above 0.9 on most steps (these units remember): {remember} of {units} "
                               "units. Below 0.1 on most steps (they forget at once): {forget}. Input gate below 0.1 "
                               "on most steps (they mostly ignore their input): {ignore}.",
    "why_saturation_x": "share of steps < 0.1 (shut)",
    "why_saturation_y": "share of steps > 0.9 (open)",
    "why_saturation_hover": "unit %{customdata}<br>shut %{x:.0%}, open %{y:.0%}",
    "why_gate_f": "forget gate f",
    "why_gate_i": "input gate i",
    "why_gate_o": "output gate o",
    "why_gate_z": "update gate z",
    "why_gate_r": "reset gate r",
    "why_saturation_sentence_gru": "Update gate z above 0.9 on most steps (these units keep their state): {remember} "
                                   "of {units} units. Below 0.1 on most steps (they replace it at once): {forget}.",
    # clamp
    "why_clamp_title": "Switch off: hold units fixed and read the input again",
    "why_how_clamp": "The chosen units' cell and hidden state are held at zero (or at their mean) at every step, "
                     "as if the units were removed, and the input is read again. Compare the guesses at the cursor "
                     "before and after, and the shading: blue where the character that really came next became "
                     "less likely (for a series: the forecasts before and after).",
    "why_clamp_what": "Switch off",
    "why_clamp_unit": "the chosen unit ({unit})",
    "why_clamp_top": "the top {k} units of the unit finder",
    "why_clamp_no_ranking": "Open the unit finder and choose a hypothesis first; until then the chosen unit is "
                            "switched off.",
    "why_clamp_units": "Switched off: {units}.",
    "why_clamp_value": "Hold at",
    "why_unit_one": "unit {unit}",
    "why_units_many": "units {units}",
    "why_clamp_value_zero": "zero",
    "why_clamp_value_mean": "its mean on this input",
    "why_clamp_no_head": "This network has no read-out (no predictions to compare): switching units off needs "
                         "a model that predicts, such as the bundled ones on /sentence and /series.",
    "why_before": "before",
    "why_after": "after",
    "why_change": "after − before",
    "why_clamp_sentence": "Over the whole text the log-probability of the character that actually came next "
                          "changed by {delta:+.3f} on average ({bits:+.3f} bits per character; negative = worse).",
    "why_clamp_changes_title": "Change in the log-probability of each next character",
    "why_clamp_series_sentence": "Switching off changes the forecasts by {change:.3g} on average; the mean "
                                 "squared error goes from {before:.4g} to {after:.4g}.",
    "why_forecast_at": "Forecast of the next value at the cursor: {before:.4g} before, {after:.4g} after.",
}

ZH = {
    "why_title": "它为什么这样做？",
    "why_pick_view": "打开一个工具（每个工具只在打开时，针对光标所在的一步计算）",
    "why_view_ledger": "记忆账本",
    "why_view_connectivity": "是什么影响了预测",
    "why_view_finder": "单元查找",
    "why_view_saturation": "门饱和",
    "why_view_clamp": "关闭一个单元",
    "why_how": "怎么看",
    "why_no_cell": "这个网络没有记忆元（GRU 或普通 RNN）：记忆账本、半衰期和门饱和只适用于 LSTM。",
    "why_computing": "正在计算…",
    "why_ledger_title": "第 {step} 步时单元 {unit} 的记忆元里存着什么（按写入的时间步拆分）",
    "why_how_ledger": "每根柱子是前面的一步（一个字符，或序列中的一个值）：它当时**写入**所选单元记忆元的量"
                      "（那一步的 i·g），经过此后每个遗忘门缩放之后，在光标处仍然**留存**的部分。红色使 c 增加，"
                      "蓝色使 c 减少。所有柱子加上初始状态恰好等于光标处的 c。很远处的高柱子就是长期记忆。",
    "why_ledger_sentence": "“{token}”处 c = {c:.2f}：其中 {part:.2f} 是在“{source}”处写入的（{ago}），"
                           "那次写入有 {share:.0%} 留存至今（这一步本身写入了 {now:.2f}）。",
    "why_ledger_sentence_now": "“{token}”处 c = {c:.2f}，这是第一步：其中 {now:.2f} 是在这里写入的，"
                               "这次写入保留了 {share:.0%}。",
    "why_ledger_check": "柱子之和 + 初始状态 = {total:.4f}；光标处的 c = {c:.4f}。",
    "why_ledger_older": "更早",
    "why_step_ago": "1 步之前",
    "why_steps_ago": "{n} 步之前",
    "why_half_lives_title": "各单元的半衰期（光标处）",
    "why_half_life_sentence": "单元 {unit} 在这里的半衰期是 {half_life} 步：按这一步的遗忘门，一次写入要过"
                              "这么多步才减到一半。所有单元的中位数：{median} 步。",
    "why_half_life_x": "单元",
    "why_half_life_y": "半衰期（步，对数刻度）",
    "why_half_life_hover": "单元 %{x}<br>半衰期 %{y:.1f} 步",
    "why_forever": "超过一百万",
    "why_connectivity_title": "前面每个字符对第 {step} 步预测的影响有多大",
    "why_how_connectivity": "光标处模型的预测就是它认为最可能的下一个字符。前面每个字符的颜色深浅，取决于该预测的对数"
                            "概率对这个字符输入的梯度大小：橙色的字符影响了预测，白色的没有。光标之后的字符不可能有影响（灰色）。"
                            "长文本只显示光标前的最后 240 个字符。对时间序列，图下方的柱子表示前面每个值对光标处"
                            "所作预测的影响。",
    "why_connectivity_sentence": "“{token}”处的预测“{guess}”（{prob:.0%}）受“{source}”影响最大（{ago}）；"
                                 "最近 10 个字符占了总影响的 {recent:.0%}。",
    "why_connectivity_sentence_unit": "“{token}”处单元 {unit} 的 h 受“{source}”影响最大（{ago}）；最近 10 个字符占了"
                                      "总影响的 {recent:.0%}。",
    "why_connectivity_title_series": "前面每个值对第 {step} 步所作预测的影响有多大",
    "why_connectivity_sentence_series": "“{token}”处所作的预测 {guess:.4g} 受“{source}”处的值影响最大（{ago}）；"
                                        "最近 10 个值占了总影响的 {recent:.0%}。",
    "why_connectivity_unit": "这个模型没有输出层，所以着色显示的是什么影响了光标处最后一层（第 {layer} 层）"
                             "单元 {unit} 的 h。",
    "why_finder_title": "哪些单元符合一个假设？",
    "why_how_finder": "选择一个单元可能追踪的东西。在你的文本上，每个单元的 c 和 h 都和它对比打分：是/否型假设用 "
                      "**AUC**（1 = 假设成立处该单元总是更高，0.5 = 没有关系，**−** 号表示成立处更低），数值型假设用"
                      "**相关系数** r。点击一个单元即可处处跟随它：单元选择器、着色文本和链接都会随之改变。下面"
                      "用得分最高的单元给文本着色，假设成立的位置加了下划线。",
    "why_hypothesis": "假设",
    "why_hyp_regex": "自定义：正则表达式",
    "why_hyp_picked": "自定义：用鼠标选取的步骤",
    "why_hyp_inside_quotes": "在引号内",
    "why_hyp_inside_brackets": "在括号内",
    "why_hyp_bracket_depth": "括号深度",
    "why_hyp_start_of_word": "单词的开头",
    "why_hyp_position_in_word": "在单词中的位置",
    "why_hyp_position_in_line": "在行中的位置",
    "why_hyp_vowel": "元音字母",
    "why_hyp_digit": "数字",
    "why_hyp_uppercase": "大写字母",
    "why_hyp_punctuation": "标点",
    "why_hyp_in_string": "在字符串字面量内",
    "why_hyp_in_one_line_string": "在单行字符串内（'...' 或 \"...\"）",
    "why_hyp_in_triple_string": "在三引号字符串内（例如文档字符串）",
    "why_hyp_in_prose": "写给读者的文字：注释或文档字符串",
    "why_hyp_in_code_brackets": "在代码的括号内（不计字符串和注释）",
    "why_hyp_indent": "缩进",
    "why_hyp_speaker_line": "说话人姓名行",
    "why_hyp_newline_next": "下一个是换行",
    "why_hyp_position_in_verse": "在诗句中的位置",
    "why_hyp_line_end": "下一个是诗句末尾的标点",
    "why_hyp_second_line": "在对句中（一联的逗号之后、句号之前）",
    "why_hyp_above_mean": "高于均值",
    "why_hyp_rising": "上升",
    "why_hyp_peak": "峰值",
    "why_hyp_since_peak": "距上一个峰值的时间",
    "why_hyp_season_position": "在季节周期中的位置",
    "why_regex": "正则表达式（RE2 语法）",
    "why_regex_help": "标记每个匹配内的字符，例如 `[aeiou]`、`\\d+`、`\"[^\"]*\"`。使用 RE2 引擎，运行时间与文本长度"
                      "成线性：任何模式都不会让应用卡死。",
    "why_regex_empty": "输入一个正则表达式，标记它匹配的字符。",
    "why_regex_too_long": "这个模式太长了：最多 500 个字符。",
    "why_regex_invalid": "安全引擎（RE2）不接受这个模式：{detail}。不支持反向引用（\\1）和环视（(?=…)、(?<=…)）。",
    "why_regex_matches": "该模式标记了 {total} 个字符中的 {count} 个。",
    "why_picker_title": "在单元应当激活的字符上拖出一个框（或套索）",
    "why_picked_count": "已选取 {count} 步。",
    "why_need_both": "假设必须在一些步骤成立、在另一些步骤不成立（现在是 {total} 步中的 {count} 步）。",
    "why_constant": "这个假设在你文本的每一步取值都一样：无法排序。",
    "why_support": "该假设在 {holds} 个时间步成立（分为 {runs} 段），"
                   "在 {fails} 个时间步不成立（分为 {runs_fails} 段）。",
    "why_not_evidence": "证据太少，不予排序：只有当假设成立和不成立的时间步各至少 {least} 个、且各分布在不止一段中时，"
                        "得分才算证据。时间步这么少（或只有一整段，例如一段文档字符串）时，总会有某个隐藏单元碰巧得分很高，"
                        "所以这里不给隐藏单元排序。下面显示的是你正在查看的隐藏单元。请换一段更长的文本。",
    "why_follow": "跟随一个单元（最好的在前）",
    "why_rank_label": "{unit} · {state} · {metric} {score:.2f} {sign}",
    "why_following": "正在跟随单元 {unit}（{state}）。",
    "why_best_unit_title": "单元 {unit}（{state}）在你文本上的取值；下划线：假设成立的位置",
    "why_best_unit_title_series": "单元 {unit}（{state}）在序列上的取值，以及假设",
    "why_unit_state": "单元 {unit}（{state}）",
    "why_saturation_title": "每个门几乎关闭或几乎全开的频率",
    "why_how_saturation": "每个点是一个单元的一个门：横轴是门值低于 0.1（几乎关闭）的步数比例，纵轴是高于 0.9"
                          "（几乎全开）的比例。靠近角落的点几乎总是处于其中一种状态：总是打开的遗忘门在**记忆**，总是关闭"
                          "的输入门在**忽略**输入。中间的点随文本在两种状态之间切换。带圈的点是所选单元。",
    "why_saturation_source": "测量所用文本",
    "why_saturation_held_out": "语料中留出的文本（20,000 个字符）",
    "why_saturation_input": "你的文本",
    "why_saturation_missing": "这个模型的卡片里还没有留出文本上的测量：显示的是你的文本。",
    "why_saturation_sentence": "大多数步骤里遗忘门高于 0.9（这些单元在记忆）：{units} 个单元中有 {remember} 个。"
                               "低于 0.1（它们立刻遗忘）：{forget} 个。输入门低于 0.1（它们基本忽略输入）："
                               "{ignore} 个。",
    "why_saturation_x": "低于 0.1 的步数比例（关闭）",
    "why_saturation_y": "高于 0.9 的步数比例（全开）",
    "why_saturation_hover": "单元 %{customdata}<br>关闭 %{x:.0%}，全开 %{y:.0%}",
    "why_gate_f": "遗忘门 f",
    "why_gate_i": "输入门 i",
    "why_gate_o": "输出门 o",
    "why_gate_z": "更新门 z",
    "why_gate_r": "重置门 r",
    "why_saturation_sentence_gru": "大多数步骤里更新门 z 高于 0.9（这些单元保持状态）：{units} 个单元中有 {remember} "
                                   "个。低于 0.1（它们立刻替换状态）：{forget} 个。",
    "why_clamp_title": "关闭：把单元固定住，再读一遍输入",
    "why_how_clamp": "所选单元的记忆元和隐状态在每一步都固定为零（或其均值），就像把这些单元拿掉，然后重新读一遍输入。"
                     "比较光标处关闭前后的预测，以及着色：蓝色表示真正出现的下一个字符变得更不可能了（时间序列："
                     "比较关闭前后的预测曲线）。",
    "why_clamp_what": "关闭",
    "why_clamp_unit": "所选单元（{unit}）",
    "why_clamp_top": "单元查找中排名前 {k} 的单元",
    "why_clamp_no_ranking": "请先打开单元查找并选择一个假设；在此之前关闭的是所选单元。",
    "why_clamp_units": "已关闭：{units}。",
    "why_clamp_value": "固定为",
    "why_unit_one": "单元 {unit}",
    "why_units_many": "单元 {units}",
    "why_clamp_value_zero": "零",
    "why_clamp_value_mean": "它在这段输入上的均值",
    "why_clamp_no_head": "这个网络没有输出层（没有可比较的预测）：关闭单元需要一个会预测的模型，例如 /sentence 和 "
                         "/series 上的内置模型。",
    "why_before": "关闭前",
    "why_after": "关闭后",
    "why_change": "关闭后 − 关闭前",
    "why_clamp_sentence": "在整个文本上，实际出现的下一个字符的对数概率平均变化了 {delta:+.3f}（每字符 {bits:+.3f} "
                          "比特；负数 = 变差）。",
    "why_clamp_changes_title": "每个下一个字符的对数概率变化",
    "why_clamp_series_sentence": "关闭后预测平均变化 {change:.3g}；均方误差从 {before:.4g} 变为 {after:.4g}。",
    "why_forecast_at": "光标处对下一个值的预测：关闭前 {before:.4g}，关闭后 {after:.4g}。",
}
