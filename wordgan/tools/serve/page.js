// The page's only script: reads the form, asks /api/draw, shows the answer. Text from the server is only
// ever set as textContent, never as HTML.
"use strict";
const $ = (id) => document.getElementById(id);
let latest = 0;  // the number of the newest request, so a slow older answer never overwrites a newer one
let imageWidth = 28, imageHeight = 28;  // the model's, from /api/info

// Every field the server reads; the seed stays text, as a number above 2**53 would lose its last digits.
function query() {
  const params = new URLSearchParams();
  params.set("word", $("word").value);
  if ($("second").value.trim()) {
    params.set("second", $("second").value);
    params.set("amount", $("amount").value);
  }
  params.set("seed", $("seed").value.trim());
  params.set("n", $("n").value);
  params.set("truncation", $("truncation-off").checked ? "off" : $("truncation").value);
  params.set("temperature", $("temperature-raw").checked ? "raw" : $("temperature").value);
  params.set("zoom", $("zoom").value);
  return params.toString();
}

function showValues() {
  $("amount-value").textContent = Number($("amount").value).toFixed(2);
  $("n-value").textContent = $("n").value;
  $("truncation-value").textContent = $("truncation-off").checked ? "off" : $("truncation").value;
  $("temperature-value").textContent = $("temperature-raw").checked ? "raw" : $("temperature").value;
  $("zoom-value").textContent = `${$("zoom").value}x (${imageWidth * $("zoom").value} px)`;
}

function cell(row, text, tag = "td") {
  const element = document.createElement(tag);
  element.textContent = text;
  row.appendChild(element);
  return element;
}

function wordTable(word) {
  const box = document.createElement("div");
  const line = document.createElement("p");
  line.className = "line";
  line.textContent = word.text + ": " + word.similar.map(([label, sim]) => `${label} ${sim.toFixed(2)}`).join(", ");
  box.appendChild(line);
  const note = document.createElement("p");
  note.textContent = word.note;
  box.appendChild(note);
  if (word.unfamiliar) {
    const warning = document.createElement("p");
    warning.className = "warning";
    warning.textContent = "warning: " + word.unfamiliar;
    box.appendChild(warning);
  }
  const weights = new Map(word.drawn_as || []);
  const table = document.createElement("table");
  const head = table.insertRow();
  ["label word", "similarity", ""].concat(word.drawn_as ? ["drawn as"] : []).forEach((t) => cell(head, t, "th"));
  for (const [label, sim] of word.similar) {
    const row = table.insertRow();
    cell(row, label);
    cell(row, sim.toFixed(2));
    const bar = document.createElement("span");
    bar.className = "bar";
    bar.style.width = Math.max(0, sim) * 120 + "px";
    cell(row, "").appendChild(bar);
    if (word.drawn_as) cell(row, weights.has(label) ? weights.get(label).toFixed(2) : "");
  }
  box.appendChild(table);
  return box;
}

// The images at the zoom slider's size; the grid to download, enlarged as much.
function showZoom() {
  showValues();
  for (const img of $("images").children) {
    img.style.width = imageWidth * $("zoom").value + "px";
    img.style.height = imageHeight * $("zoom").value + "px";
  }
  if (!$("download").hidden) $("download").href = "/api/grid.png?" + query();
}

// No stale pictures under a message about another request (an empty box included: the server says why).
function clearAnswer(message) {
  $("error").textContent = message;
  $("title").textContent = "";
  $("settings").textContent = "";
  $("images").replaceChildren();
  $("tables").replaceChildren();
  $("download").hidden = true;
  document.title = "wordgan";
}

async function drawNow(event) {
  if (event) event.preventDefault();
  const number = ++latest;
  const params = query();
  $("status").textContent = "drawing...";
  let answer, failed = null;
  try {
    const response = await fetch("/api/draw?" + params);
    answer = await response.json();
    if (!response.ok) failed = answer.error || `error ${response.status}`;
  } catch (error) {
    failed = "the server did not answer: " + error;
  }
  if (number !== latest) return;
  $("status").textContent = "";
  if (failed) {
    clearAnswer(failed);
    return;
  }
  $("error").textContent = "";
  $("title").textContent = answer.title;
  $("settings").textContent = answer.settings;
  document.title = `${answer.title} (${answer.settings}) - wordgan`;
  $("images").replaceChildren(...answer.images.map((src, i) => {
    const img = document.createElement("img");
    img.src = src;
    img.alt = `${answer.title} #${i}`;
    return img;
  }));
  $("tables").replaceChildren(...answer.words.map(wordTable));
  $("download").hidden = false;
  showZoom();
}

let timer = null;
function redrawSoon(delay = 250) {
  showValues();
  clearTimeout(timer);
  timer = setTimeout(drawNow, delay);
}

// Put a slider at the model's own setting, widening its range when the model's lies outside it.
function showSetting(id, value) {
  const slider = $(id);
  if (value < Number(slider.min)) slider.min = value;
  if (value > Number(slider.max)) slider.max = value;
  slider.value = value;
}

function nextSeed() {
  const seed = $("seed").value.trim();
  $("seed").value = /^[0-9]+$/.test(seed) ? (BigInt(seed) + 1n).toString() : "0";
  drawNow();
}

function showExamples(examples) {
  const kinds = {trained: "trained:", new: "new:", phrase: "phrase:", arithmetic: "arithmetic:"};
  const box = $("examples");
  box.replaceChildren("Try ");
  let kind = null;
  for (const example of examples) {
    if (example.kind !== kind) {
      kind = example.kind;
      const caption = document.createElement("span");
      caption.className = "kind";
      caption.textContent = kinds[kind] || kind + ":";
      box.append(" ", caption);
    }
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = example.text;
    button.addEventListener("click", () => {
      $("word").value = example.text;
      $("second").value = "";
      drawNow();
    });
    box.appendChild(button);
  }
}

async function start() {
  const info = await (await fetch("/api/info")).json();
  $("model").textContent = info.model + "; trained on: " + info.label_words.join(", ");
  [imageHeight, imageWidth] = info.image_shape.slice(1);
  $("word").maxLength = info.limits.text_chars;
  $("second").maxLength = info.limits.text_chars;
  $("n").max = info.limits.n;
  $("seed-range").textContent = `0 to ${info.limits.seed}`;
  if (info.truncation === null) $("truncation-off").checked = true; else showSetting("truncation", info.truncation);
  if (info.temperature === null) $("temperature-raw").checked = true; else showSetting("temperature", info.temperature);
  showExamples(info.examples);
  showValues();
  $("form").addEventListener("submit", drawNow);
  for (const id of ["amount", "n", "truncation", "temperature", "truncation-off", "temperature-raw"]) {
    $(id).addEventListener("input", () => redrawSoon());
  }
  $("second").addEventListener("input", () => redrawSoon(400));  // typing: wait for a pause
  $("seed").addEventListener("input", () => redrawSoon(400));
  $("seed-next").addEventListener("click", nextSeed);
  $("zoom").addEventListener("input", showZoom);  // the same images, bigger: nothing to redraw
}
start();
