"""Screenshots of every page in English and Chinese: `python tools/screenshots.py` -> docs/screenshots/."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tools.app_server import app_in_chromium, wait_idle  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
VIEWS = {"overview": "/", "sentence": "/sentence?step=12&unit=58", "series": "/series?model=series_co2&step=40",
         "models": "/models"}


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    with app_in_chromium("/tmp/screenshots_streamlit.log") as (browser, url):
        page = browser.new_page(viewport={"width": 1280, "height": 1700})
        for lang in ("en", "zh"):
            for name, path in VIEWS.items():
                page.goto(f"{url}{path}{'&' if '?' in path else '?'}lang={lang}")
                wait_idle(page)
                page.wait_for_selector(".js-plotly-plot")
                wait_idle(page)
                target = OUT / f"{name}_{lang}.png"
                page.screenshot(path=str(target))
                print(target.name, target.stat().st_size // 1000, "KB")


if __name__ == "__main__":
    main()
