"""UI strings for fixes across /sentence, /series and /models: language switch, uploads, series forecasts
in English and 简体中文 (merged into viz.i18n)."""

EN = {
}

ZH = {
}
