"""The page in a real headless Chromium, driven as a visitor uses it: type a word, wait, look at the images."""
from __future__ import annotations

import base64
import io
import json
import shutil

import numpy as np
import pytest
from PIL import Image

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as ready  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from tests.picture_text import spaces_seen  # noqa: E402
from tests.support import SHIPPED

CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM and DRIVER), reason="needs Debian's chromium and chromium-driver (scripts/setup.sh installs them as root)"
)


@pytest.fixture(scope="module")
def downloads(tmp_path_factory):
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(tmp_path_factory, downloads):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads), "download.prompt_for_download": False})
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


def test_the_interpolation_slider_walks_toward_the_second_word(browser, server):
    draw(browser, server, "boots", second="sandals")
    WebDriverWait(browser, 120).until(ready.text_to_be_present_in_element((By.ID, "title"), "boots -> sandals at 0.50"))
    halfway = [image.tobytes() for image in shown_images(browser)]
    amount = browser.find_element(By.ID, "amount")
    browser.execute_script("arguments[0].value = 1; arguments[0].dispatchEvent(new Event('input'))", amount)
    WebDriverWait(browser, 120).until(ready.text_to_be_present_in_element((By.ID, "title"), "boots -> sandals at 1.00"))
    assert browser.find_element(By.ID, "amount-value").text == "1.00"
    at_sandals = [image.tobytes() for image in shown_images(browser)]
    assert len(at_sandals) == 8 and all(a != b for a, b in zip(halfway, at_sandals))  # the same noise, another condition


def test_the_download_link_saves_the_grid_of_what_is_shown(browser, server, downloads):
    draw(browser, server, "bag")
    WebDriverWait(browser, 120).until(ready.text_to_be_present_in_element((By.ID, "title"), "bag"))
    browser.find_element(By.ID, "download").click()
    saved = downloads / "wordgan-bag-seed0-n8-t0.03-trunc1.5.png"
    WebDriverWait(browser, 120).until(lambda b: saved.exists() and saved.stat().st_size > 0)
    grid = Image.open(saved)
    assert grid.width >= 8 * 28 * 3 and np.asarray(grid.convert("L")).std() > 10  # a row of 8 drawings, tripled


def test_the_downloaded_grid_records_its_settings_and_keeps_its_spaces(browser, server, downloads):
    """In its text chunks, its two caption lines and its name; the page's title says the same."""
    draw(browser, server, "boots", second="sandals")
    WebDriverWait(browser, 120).until(ready.text_to_be_present_in_element((By.ID, "title"), "boots -> sandals at 0.50"))
    settings = "seed 0, 8 images, temperature 0.03, truncation 1.5"
    assert browser.find_element(By.ID, "settings").text == settings
    assert browser.title == f"boots -> sandals at 0.50 ({settings}) - wordgan"
    browser.find_element(By.ID, "download").click()
    saved = downloads / "wordgan-boots_-_sandals_at_0.50-seed0-n8-t0.03-trunc1.5.png"
    WebDriverWait(browser, 120).until(lambda b: saved.exists() and saved.stat().st_size > 0)
    grid = Image.open(saved)
    assert (grid.text["Title"], grid.text["Description"]) == ("boots -> sandals at 0.50", settings)
    assert json.loads(grid.text["wordgan"])["second"] == "sandals"
    caption = np.asarray(grid.convert("L"))
    assert spaces_seen(caption[:16]) == 4  # "boots -> sandals at 0.50", not "boots->sandalsat 0.50"
    assert spaces_seen(caption[16:32]) == settings.count(" ")


def test_bad_input_shows_a_message_and_no_stale_images(browser, server):
    draw(browser, server, "boots - winter +")
    WebDriverWait(browser, 120).until(ready.text_to_be_present_in_element((By.ID, "error"), "operator without a word"))
    assert browser.find_elements(By.CSS_SELECTOR, "#images img") == []
    assert not browser.find_element(By.ID, "download").is_displayed()


def test_the_sliders_start_at_the_models_own_settings(browser, server):
    browser.get(server + "/")
    WebDriverWait(browser, 120).until(lambda b: b.find_element(By.ID, "model").text.startswith("dcgan"))
    assert browser.find_element(By.ID, "temperature").get_attribute("value") == "0.03"  # the shipped model's
    assert browser.find_element(By.ID, "truncation").get_attribute("value") == "1.5"
    assert browser.find_element(By.ID, "temperature-value").text == "0.03"


def test_a_slider_widens_to_a_model_setting_outside_its_range(browser, serve_model, tmp_path):
    """A model whose snapping temperature (0.5) lies beyond the slider's 0.3 is shown at 0.5, not clamped."""
    import json

    from safetensors import safe_open
    from safetensors.torch import load_file, save_file
    with safe_open(str(SHIPPED), "pt") as handle:
        header = handle.metadata()
    metadata = json.loads(header["wordgan"])
    metadata["config"]["snap_temperature"] = 0.5
    header["wordgan"] = json.dumps(metadata)
    warm = tmp_path / "warm.safetensors"
    save_file(load_file(str(SHIPPED)), str(warm), metadata=header)
    browser.get(serve_model(warm) + "/")
    WebDriverWait(browser, 120).until(lambda b: b.find_element(By.ID, "model").text.startswith("dcgan"))
    slider = browser.find_element(By.ID, "temperature")
    assert slider.get_attribute("value") == "0.5" and float(slider.get_attribute("max")) >= 0.5


def test_a_whitespace_only_word_clears_the_old_images_and_says_why(browser, server):
    draw(browser, server, "boots")
    WebDriverWait(browser, 120).until(lambda b: len(b.find_elements(By.CSS_SELECTOR, "#images img")) == 8)
    box = browser.find_element(By.ID, "word")
    box.clear()
    box.send_keys("   ")
    browser.find_element(By.ID, "draw").click()  # the same page: its images were there a moment ago
    WebDriverWait(browser, 120).until(ready.text_to_be_present_in_element((By.ID, "error"), "the word is empty"))
    assert browser.find_elements(By.CSS_SELECTOR, "#images img") == []
    assert browser.find_element(By.ID, "title").text == "" and browser.find_element(By.ID, "tables").text == ""
    assert not browser.find_element(By.ID, "download").is_displayed() and browser.title == "wordgan"


def test_typing_a_second_word_redraws_without_enter(browser, server):
    """As the sliders do: after a pause in typing, with no click and no Enter."""
    draw(browser, server, "boots")
    WebDriverWait(browser, 120).until(ready.text_to_be_present_in_element((By.ID, "title"), "boots"))
    browser.find_element(By.ID, "second").send_keys("sandals")
    WebDriverWait(browser, 120).until(ready.text_to_be_present_in_element((By.ID, "title"), "boots -> sandals at 0.50"))
    browser.find_element(By.ID, "second").clear()
    browser.find_element(By.ID, "second").send_keys(" ")  # an emptied box goes back to the first word alone
    WebDriverWait(browser, 120).until(lambda b: b.find_element(By.ID, "title").text == "boots")


def test_the_examples_under_the_box_draw_when_clicked(browser, server):
    browser.get(server + "/")
    WebDriverWait(browser, 120).until(lambda b: b.find_element(By.ID, "model").text.startswith("dcgan"))
    examples = browser.find_element(By.ID, "examples")
    kinds = [kind.text for kind in examples.find_elements(By.CLASS_NAME, "kind")]
    assert kinds == ["trained:", "new:", "phrase:", "arithmetic:"]
    assert [button.text for button in examples.find_elements(By.TAG_NAME, "button")] == [
        "t-shirt", "sandals", "boots", "slipper", "kimono", "tee shirt", "boots + sandals"]
    for text in ("kimono", "tee shirt", "boots + sandals"):
        examples.find_element(By.XPATH, f"button[text()='{text}']").click()
        WebDriverWait(browser, 120).until(lambda b: b.find_element(By.ID, "title").text == text)
        assert browser.find_element(By.ID, "word").get_attribute("value") == text
        assert len(shown_images(browser)) == 8


def test_the_image_size_slider_enlarges_the_images_and_the_grid(browser, server):
    draw(browser, server, "sandals")
    WebDriverWait(browser, 120).until(lambda b: len(b.find_elements(By.CSS_SELECTOR, "#images img")) == 8)
    before = [img.get_attribute("src") for img in browser.find_elements(By.CSS_SELECTOR, "#images img")]
    assert browser.find_element(By.CSS_SELECTOR, "#images img").size == {"width": 84, "height": 84}
    zoom = browser.find_element(By.ID, "zoom")
    browser.execute_script("arguments[0].value = 6; arguments[0].dispatchEvent(new Event('input'))", zoom)
    WebDriverWait(browser, 10).until(lambda b: b.find_element(By.CSS_SELECTOR, "#images img").size["width"] == 168)
    assert browser.find_element(By.ID, "zoom-value").text == "6x (168 px)"
    assert [img.get_attribute("src") for img in browser.find_elements(By.CSS_SELECTOR, "#images img")] == before
    assert "zoom=6" in browser.find_element(By.ID, "download").get_attribute("href")


def test_the_seed_box_takes_every_seed_wordgan_generate_takes(browser, server):
    """Up to 2**64 - 1, exactly: past 2**53 a JavaScript number would round the seed."""
    browser.get(server + "/")
    WebDriverWait(browser, 120).until(lambda b: b.find_element(By.ID, "model").text.startswith("dcgan"))
    assert browser.find_element(By.ID, "seed-range").text == "0 to 18446744073709551615"
    draw(browser, server, "bag")
    WebDriverWait(browser, 120).until(ready.text_to_be_present_in_element((By.ID, "settings"), "seed 0,"))
    at_zero = [image.tobytes() for image in shown_images(browser)]
    seed = browser.find_element(By.ID, "seed")
    seed.clear()
    seed.send_keys("18446744073709551614")
    browser.find_element(By.ID, "seed-next").click()
    assert seed.get_attribute("value") == "18446744073709551615"
    WebDriverWait(browser, 120).until(
        ready.text_to_be_present_in_element((By.ID, "settings"), "seed 18446744073709551615,"))
    assert all(a != b for a, b in zip(at_zero, (image.tobytes() for image in shown_images(browser))))
    seed.send_keys("0")  # 184467440737095516150: too large
    WebDriverWait(browser, 120).until(
        ready.text_to_be_present_in_element((By.ID, "error"), "seed must be between 0 and 18446744073709551615"))
