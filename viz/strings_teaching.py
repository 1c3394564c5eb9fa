"""UI strings for the teaching pages /cell, /compare, /learn and lesson links
in English and 简体中文 (merged into viz.i18n)."""

EN = {
}

ZH = {
}
