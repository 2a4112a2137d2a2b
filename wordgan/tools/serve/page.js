// The page's only script: reads the form, asks /api/draw, shows the answer. Text from the server is only
// ever set as textContent, never as HTML.
"use strict";
const $ = (id) => document.getElementById(id);
let latest = 0;  // the number of the newest request, so a slow older answer never overwrites a newer one

function query() {
  const params = new URLSearchParams();
  params.set("word", $("word").value);
  if ($("second").value.trim()) {
    params.set("second", $("second").value);
    params.set("amount", $("amount").value);
  }
  params.set("seed", $("seed").value);
  params.set("n", $("n").value);
  params.set("truncation", $("truncation-off").checked ? "off" : $("truncation").value);
  params.set("temperature", $("temperature-raw").checked ? "raw" : $("temperature").value);
  return params.toString();
}

function showValues() {
  $("amount-value").textContent = Number($("amount").value).toFixed(2);
  $("seed-value").textContent = $("seed").value;
  $("n-value").textContent = $("n").value;
  $("truncation-value").textContent = $("truncation-off").checked ? "off" : $("truncation").value;
  $("temperature-value").textContent = $("temperature-raw").checked ? "raw" : $("temperature").value;
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

async function drawNow(event) {
  if (event) event.preventDefault();
  if (!$("word").value.trim()) return;
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
  $("error").textContent = failed || "";
  if (failed) {  // no stale pictures under a message about this request
    $("title").textContent = "";
    $("images").replaceChildren();
    $("tables").replaceChildren();
    $("download").hidden = true;
    return;
  }
  $("title").textContent = answer.title;
  const images = $("images");
  images.replaceChildren(...answer.images.map((src, i) => {
    const img = document.createElement("img");
    img.src = src;
    img.alt = `${answer.title} #${i}`;
    return img;
  }));
  $("tables").replaceChildren(...answer.words.map(wordTable));
  $("download").href = "/api/grid.png?" + params;
  $("download").hidden = false;
}

let timer = null;
function redrawSoon() {
  showValues();
  clearTimeout(timer);
  timer = setTimeout(drawNow, 250);
}

// Put a slider at the model's own setting, widening its range when the model's lies outside it.
function showSetting(id, value) {
  const slider = $(id);
  if (value < Number(slider.min)) slider.min = value;
  if (value > Number(slider.max)) slider.max = value;
  slider.value = value;
}

async function start() {
  const info = await (await fetch("/api/info")).json();
  $("model").textContent = info.model + "; trained on: " + info.label_words.join(", ");
  $("word").maxLength = info.limits.text_chars;
  $("second").maxLength = info.limits.text_chars;
  $("n").max = info.limits.n;
  if (info.truncation === null) $("truncation-off").checked = true; else showSetting("truncation", info.truncation);
  if (info.temperature === null) $("temperature-raw").checked = true; else showSetting("temperature", info.temperature);
  showValues();
  $("form").addEventListener("submit", drawNow);
  for (const id of ["amount", "seed", "n", "truncation", "temperature", "truncation-off", "temperature-raw"]) {
    $(id).addEventListener("input", redrawSoon);
  }
}
start();
