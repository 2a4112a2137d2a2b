"""The page in a real headless Chromium, driven as a visitor uses it: type a word, wait, look at the images."""
from __future__ import annotations

import base64
import io
import shutil

import numpy as np
import pytest
from PIL import Image

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as ready  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM and DRIVER), reason="needs Debian's chromium and chromium-driver (scripts/setup.sh installs them as root)"
)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1200,900",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=webdriver.ChromeService(executable_path=DRIVER), options=options)
    yield driver
    driver.quit()


def draw(browser, server, word: str, second: str = "") -> None:
    browser.get(server + "/")
    wait = WebDriverWait(browser, 120)
    wait.until(lambda b: b.find_element(By.ID, "model").text.startswith("dcgan"))  # /api/info answered
    for field, text in (("word", word), ("second", second)):
        box = browser.find_element(By.ID, field)
        box.clear()
        box.send_keys(text)
    browser.find_element(By.ID, "draw").click()


def shown_images(browser) -> list[np.ndarray]:
    return [
        np.asarray(Image.open(io.BytesIO(base64.b64decode(img.get_attribute("src").split(",", 1)[1]))))
        for img in browser.find_elements(By.CSS_SELECTOR, "#images img")
    ]


def test_typing_a_word_shows_its_images_and_tables(browser, server):
    draw(browser, server, "slipper")
    WebDriverWait(browser, 120).until(ready.text_to_be_present_in_element((By.ID, "title"), "slipper"))
    images = shown_images(browser)
    assert len(images) == 8  # the count slider's default
    assert all(image.shape == (28, 28) and image.std() > 10 for image in images)
    assert len({image.tobytes() for image in images}) == 8  # eight noise vectors, eight drawings
    shown = browser.find_element(By.ID, "tables").text
    assert shown.startswith("slipper: ") and "sandals 0." in shown and "new to the model" in shown
    assert "drawn as" in shown
    link = browser.find_element(By.ID, "download")
    assert link.is_displayed() and "/api/grid.png?word=slipper" in link.get_attribute("href")
    assert browser.find_element(By.ID, "error").text == ""


def test_a_second_word_and_the_sliders_redraw(browser, server):
    draw(browser, server, "boots", second="sandals")
    WebDriverWait(browser, 120).until(ready.text_to_be_present_in_element((By.ID, "title"), "boots -> sandals at 0.50"))
    count = browser.find_element(By.ID, "n")
    browser.execute_script("arguments[0].value = 3; arguments[0].dispatchEvent(new Event('input'))", count)
    WebDriverWait(browser, 120).until(lambda b: len(b.find_elements(By.CSS_SELECTOR, "#images img")) == 3)
    assert browser.find_element(By.ID, "n-value").text == "3"


def test_bad_input_shows_a_message_and_no_stale_images(browser, server):
    draw(browser, server, "boots - winter +")
    WebDriverWait(browser, 120).until(ready.text_to_be_present_in_element((By.ID, "error"), "operator without a word"))
    assert browser.find_elements(By.CSS_SELECTOR, "#images img") == []
    assert not browser.find_element(By.ID, "download").is_displayed()
