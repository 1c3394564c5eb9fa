"""UI strings for the step-through explorer: heatmaps, forget strip, projector mode, keys, continue the text
in English and 简体中文 (merged into viz.i18n)."""

EN = {
}

ZH = {
}
