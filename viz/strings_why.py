"""UI strings for the why-tools: memory ledger, connectivity, unit finder, gate saturation, switching a unit off
in English and 简体中文 (merged into viz.i18n)."""

EN = {
}

ZH = {
}
