"""Take docs/images/serve.png: start `wordgan serve` on the shipped model, type a phrase in headless
Chromium, screenshot the page. Needs Debian's chromium and chromium-driver and selenium.

    OMP_NUM_THREADS=1 .venv/bin/python scripts/serve_screenshot.py [WORD] [OUT]
"""
from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ready
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "checkpoints" / "sentence-transformers-dcgan-fashion-mnist.safetensors"


def main(word: str = "running shoes", out: str = str(ROOT / "docs" / "images" / "serve.png")) -> None:
    server = subprocess.Popen([sys.executable, "-m", "wordgan", "serve", str(MODEL), "--port", "0", "--quiet"],
                              stderr=subprocess.PIPE, text=True)
    try:
        url = next(m.group(1) for line in server.stderr if (m := re.search(r"on (http://\S+/)", line)))
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--window-size=1100,850", f"--user-data-dir={tempfile.mkdtemp()}"):
            options.add_argument(flag)
        browser = webdriver.Chrome(service=webdriver.ChromeService("/usr/bin/chromedriver"), options=options)
        try:
            browser.get(url)
            WebDriverWait(browser, 120).until(lambda b: b.find_element(By.ID, "model").text.startswith("dcgan"))
            browser.find_element(By.ID, "word").send_keys(word)
            browser.find_element(By.ID, "draw").click()
            WebDriverWait(browser, 120).until(ready.text_to_be_present_in_element((By.ID, "title"), word))
            browser.save_screenshot(out)
        finally:
            browser.quit()
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"wrote {out}")


if __name__ == "__main__":
    main(*sys.argv[1:])
