"""Screenshots of every page in English and Chinese: `python tools/screenshots.py` -> docs/screenshots/."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, start_app, wait_idle  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
VIEWS = {"overview": "/", "sentence": "/sentence?step=12&unit=58", "series": "/series?model=series_co2&step=40"}


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    proc, url = start_app("/tmp/screenshots_streamlit.log")
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
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
            browser.close()
    finally:
        proc.terminate()
        proc.wait(10)


if __name__ == "__main__":
    main()
