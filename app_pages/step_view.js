// Stepping in the browser (app_pages/step_view.py mounts this): the server sends the visible window's frames once
// per view and window; keys, buttons, the slider and Play move the heatmap cursor, the framed character and the
// cell panel here, and the step goes back to the server only when stepping pauses (STEP_PAUSE_MS), when Play
// stops, or when the step needs another window of frames.
const STEP_PAUSE_MS = 500;
const TYPING = "input, textarea, select, [contenteditable=''], [contenteditable=true], [role=slider], " +
  "[role=combobox], [role=listbox], [role=textbox], [role=spinbutton]";

// One stepper per page; its state outlives the reruns that call this module again with new data.
const S = (window.__lxStepper ??= { speed: 0.6 });

function windowStart(F, step) {             // app_pages/stepper.py window_start
  if (F.n <= F.max_columns) return 0;
  const half = Math.floor(F.max_columns / 2);
  return Math.min(Math.max(0, Math.floor((step - Math.floor(half / 2)) / half) * half), F.n - F.max_columns);
}

function barRow(label, left, width, colour, text) {
  return `<div class="lx-bar"><code>${label}</code><div class="lx-bar-track"><div style="left:${left.toFixed(2)}%;` +
    `width:${width.toFixed(2)}%;background:${colour}"></div></div><span>${text}</span></div>`;
}

function valueBars(F, values, columns) {    // from a zero line, scale at least -1..1 (texts: viz/panels.py bar_values)
  const bound = Math.max(1, ...values.map(text => Math.abs(parseFloat(text))));
  const rows = values.map((text, k) => {
    const v = parseFloat(text);
    const half = 50 * Math.abs(v) / bound;
    return barRow(F.cell.labels[k], v >= 0 ? 50 : 50 - half, half, v >= 0 ? F.colours[0] : F.colours[1], text);
  });
  return `<div class="lx-cell"><div class="lx-bars" style="grid-template-columns:repeat(${columns},minmax(0,1fr))">` +
    rows.join("") + "</div></div>";
}

function equation(e) {                      // viz/panels.py lstm_update
  const sym = (n, sub = "t") => `<i>${n}</i><sub>${sub}</sub>`;
  const hidden = e.length > 5 ? `<br>${sym("h")} = ${sym("o")} tanh ${sym("c")} = ${e[5]} × tanh ${e[6]} = ` +
    `<b>${e[7]}</b>` : "";                   // no h line for an LSTM with a projection (h is not one unit's)
  return `<div class="lx-equation">${sym("c")} = ${sym("f")} ${sym("c", "t−1")} + ${sym("i")} ${sym("g")} = ` +
    `${e[0]} × ${e[1]} + ${e[2]} × ${e[3]} = <b>${e[4]}</b>${hidden}</div>`;
}

function cellPanel(F, f) {                  // app_pages/stepper.py cell_frames: display-safe strings
  const parts = [`<div class="lx-cell-title">${f.t}</div>`, `<div class="lx-muted">${f.x}</div>`,
                 valueBars(F, f.b, F.cell.columns)];
  if (f.e) parts.push(equation(f.e));
  if (f.n) parts.push(`<div class="lx-muted">${f.n}</div>`);
  if (f.r) {
    const head = F.cell.table_head.map(h => `<th>${h}</th>`).join("");
    const body = f.r.map(row => "<tr>" + row.map(v => `<td>${v}</td>`).join("") + "</tr>").join("");
    parts.push(`<div class="lx-muted">${F.cell.table_title}</div><table class="lx-table"><tr>${head}</tr>${body}</table>`);
  }
  return `<div class="lx-cell-panel">${parts.join("")}</div>`;
}

function guesses(F, rows) {                 // texts: viz/panels.py prediction_rows
  if (!rows) return "";
  return `<div class="lx-predictions"><div class="lx-head">${F.guess_title}</div>` +
    rows.map(([label, text]) => barRow(label, 0, parseFloat(text), F.colours[0], text)).join("") + "</div>";
}

function textContext(F, k) {                // the text around t (app_pages/stepper.py step_frames' text)
  const T = F.text, at = F.first + k - T.from;
  const before = T.chars.slice(Math.max(0, at - T.before), at).join("");
  const after = T.chars.slice(at + 1, at + 1 + T.after).join("");
  const caption = T.caption.replace("\u0000", String(F.first + k)).replace("\u0001", T.tokens[k]);
  return '<div class="lx-desk"><div class="lx-context"><span class="lx-before">' + before + "</span>" +
    `<mark>${T.tokens[k]}</mark><span class="lx-after">${after}</span></div>` +
    `<div class="lx-muted lx-caption">${caption}</div></div>`;
}

function panelHtml(F, k) {
  const context = (F.text ? textContext(F, k) : F.context[k]) + guesses(F, F.guesses && F.guesses[k]);
  const cell = cellPanel(F, F.cell.frames[k]);
  if (F.beside) return cell + context;        // projector: the panel sits beside the heatmaps
  return `<div class="lx-side"><div style="flex:2 1 300px">${context}</div>` +
    `<div style="flex:3 1 300px">${cell}</div></div>`;
}

// The heatmap cursor (a line over the Plotly figure's plot area, viz/figures.py column_fraction) and the framed
// character in the shaded text: one <style> in the document, rewritten on every step.
function cursorCss(F, step) {
  const c = F.cursor, k = step - F.first;
  let css = "";
  if (c && k >= 0 && k < F.count) {
    const fraction = (k - c.range[0]) / (c.range[1] - c.range[0]), m = c.margin, inner = m.l + m.r;
    const box = `.st-key-${c.box} [data-testid=stPlotlyChart]`;
    css += `${box} { position: relative; }${box}::after { content: ''; position: absolute; pointer-events: none; ` +
      `z-index: 2; top: ${m.t}px; height: ${c.height - m.t - m.b}px; left: calc(${m.l}px + (100% - ${inner}px) * ` +
      `${fraction.toFixed(6)} - ${c.width / 2}px); width: ${c.width}px; background: ${c.colour}; }`;
  }
  css += `.lx-shaded > span:nth-child(${step + 1}) { outline: 3px solid ${F.colours[2]}; outline-offset: -1px; ` +
    "border-radius: 2px; }";
  return css;
}

function followText(step) {                 // keep the framed character in view inside a scrolling text box
  const box = document.querySelector(".lx-shaded");
  if (!box || box.scrollHeight <= box.clientHeight + 1) return;
  const span = box.children[step];
  if (!span) return;
  const top = span.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
  const h = span.offsetHeight, line = parseFloat(getComputedStyle(box).lineHeight) || h;
  if (top < box.scrollTop || top + h > box.scrollTop + box.clientHeight)     // its line becomes the second one shown
    box.scrollTop = Math.max(0, Math.round((top - (line - h) / 2 - line) / line) * line);
}

function show(ui) {
  const F = S.frames, step = S.step, k = step - F.first;
  ui.slider.max = String(Math.max(F.n - 1, 1));
  ui.slider.disabled = F.n < 2;
  if (Number(ui.slider.value) !== step) ui.slider.value = String(step);
  ui.value.textContent = String(step);
  ui.play.innerHTML = `<span aria-hidden="true">${S.playing ? "⏸" : "▶"}</span> ${S.playing ? F.words.pause : F.words.play}`;
  ui.play.setAttribute("aria-pressed", String(!!S.playing));
  ui.speeds.forEach(b => b.setAttribute("aria-pressed", String(Number(b.dataset.speed) === S.speed)));
  if (k >= 0 && k < F.count) {
    ui.panel.innerHTML = panelHtml(F, k);
    ui.panel.classList.remove("lx-waiting");
  } else {
    ui.panel.classList.add("lx-waiting");     // another window's frames are on their way from the server
  }
  let style = document.getElementById("lx-step-style");
  if (!style) {
    style = document.createElement("style");
    style.id = "lx-step-style";
    document.head.appendChild(style);
  }
  style.textContent = cursorCss(F, step);
  followText(step);
}

function skeleton(parent, F) {
  const w = F.words;
  const speeds = F.speeds.map(s => `<button type="button" class="lx-speed" data-speed="${s}">${s} s</button>`).join("");
  parent.innerHTML = `<div class="lx-stepper${F.beside ? " lx-beside" : ""}">
<div class="lx-step-bar st-key-lx_bar_steps">
  <button type="button" data-move="first" title="${w.first} (Home)" aria-label="${w.first}">⏮</button>
  <button type="button" data-move="prev" title="${w.previous} (←)" aria-label="${w.previous}">◀</button>
  <label class="lx-step-slider"><span class="lx-step-label">${w.step}</span>
    <input type="range" min="0" step="1" aria-label="${w.step}"><output class="lx-step-value"></output></label>
  <button type="button" data-move="next" title="${w.next} (→)" aria-label="${w.next}">▶</button>
  <button type="button" data-move="last" title="${w.last} (End)" aria-label="${w.last}">⏭</button>
  <span class="lx-break"></span>
  <button type="button" class="lx-play" title="${w.play} / ${w.pause} (space)"></button>
  <span class="lx-speeds" role="group" aria-label="${w.speed}" title="${w.speed}">${speeds}</span>
</div>
<div class="lx-panel"></div></div>`;
  const q = sel => parent.querySelector(sel);
  return { slider: q("input[type=range]"), value: q(".lx-step-value"), play: q(".lx-play"), panel: q(".lx-panel"),
           speeds: Array.from(parent.querySelectorAll(".lx-speed")), moves: parent.querySelectorAll("[data-move]") };
}

// The server's bytes (app_pages/step_view.py mount): a line of JSON {id, jump, eager}, then the window's frames as
// JSON, read only when their id is new (the same frames come back with every rerun that draws the stepper).
function unpack(bytes) {
  const cut = bytes.indexOf(10);                                      // the first "\n"
  const text = new TextDecoder();
  const head = JSON.parse(text.decode(bytes.subarray(0, cut)));
  if (S.id !== head.id) {
    S.id = head.id;
    S.frames = JSON.parse(text.decode(bytes.subarray(cut + 1)));
  }
  return head;
}

export default function ({ parentElement, data: bytes, setStateValue }) {
  S.cleanup?.();        // Streamlit calls this again when the data change, without the cleanup it returned before
  const data = unpack(bytes);
  const F = S.frames;
  const fresh = S.parent !== parentElement;
  const jump = data.jump.join(",");
  if (fresh) S.playing = false;
  if (fresh || S.jump !== jump) {             // a new page, or the server moved the step itself (a continuation)
    S.step = data.jump[0];
    S.sent = data.jump[0];
    // the browser takes the step the server moved, and says so after the next frame: sent at once, the echo
    // started a run carrying widgets not yet redrawn (the unit box's old unit, in 2 of 5 fresh sessions)
    if (data.jump[2]) requestAnimationFrame(() => setTimeout(() => setStateValue("step", S.sent), 0));
  }
  S.jump = jump;
  S.parent = parentElement;
  S.step = Math.min(Math.max(S.step, 0), F.n - 1);
  if (!F.speeds.includes(S.speed)) S.speed = F.default_speed;

  const root = parentElement.querySelector(".lx-step-root") ?? parentElement;   // not the parent: it holds the CSS
  let ui = root.__lxUi;
  if (!ui || ui.layout !== `${F.beside}/${F.words.step}` || !root.contains(ui.slider)) {
    ui = root.__lxUi = skeleton(root, F);
    ui.layout = `${F.beside}/${F.words.step}`;
  }

  let pause = null, timer = null;
  const send = () => {                         // the server learns the step: URL, links, why-tools follow
    clearTimeout(pause);
    pause = null;
    if (S.step !== S.sent) {
      S.sent = S.step;
      setStateValue("step", S.step);
    }
  };
  const moveTo = (step) => {
    const n = S.frames.n;
    step = Math.min(Math.max(step, 0), n - 1);
    if (step === S.step) return;
    S.step = step;
    show(ui);
    if (windowStart(S.frames, step) !== S.frames.first) send();      // the heatmaps need another window
    else if (!S.playing) {
      const first = data.eager && pause === null;          // a why-tool is open: it follows the first step at once
      if (first) send();
      clearTimeout(pause);
      pause = setTimeout(send, STEP_PAUSE_MS);
    }
  };
  const play = (on) => {
    S.playing = on;
    clearInterval(timer);
    timer = null;
    if (on) timer = setInterval(() => moveTo(S.step + 1 < S.frames.n ? S.step + 1 : 0), S.speed * 1000);
    else send();
    show(ui);
  };
  const act = { first: () => moveTo(0), prev: () => moveTo(S.step - 1), next: () => moveTo(S.step + 1),
                last: () => moveTo(S.frames.n - 1) };
  const onKey = (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented) return;
    const target = e.target instanceof Element ? e.target : null;
    if (target && target.closest(TYPING)) return;                       // typing, or a widget's own keys
    const move = { ArrowRight: "next", ArrowLeft: "prev", Home: "first", End: "last" }[e.key];
    if (move) act[move]();
    else if (e.key === " " && !(target && target.closest("button, a, summary"))) play(!S.playing);
    else return;
    e.preventDefault();
  };
  const onPointer = (e) => {                  // a click elsewhere (a link to another page, a widget) takes the step
    if (pause !== null && !root.contains(e.target)) send();
  };
  const onMove = (e) => act[e.currentTarget.dataset.move]();
  const onSlide = () => moveTo(Number(ui.slider.value));
  const onPlay = () => play(!S.playing);
  const onSpeed = (e) => {
    S.speed = Number(e.currentTarget.dataset.speed);
    if (S.playing) play(true); else show(ui);
  };
  ui.moves.forEach(b => b.addEventListener("click", onMove));
  ui.slider.addEventListener("input", onSlide);
  ui.slider.addEventListener("change", onSlide);
  ui.play.addEventListener("click", onPlay);
  ui.speeds.forEach(b => b.addEventListener("click", onSpeed));
  document.addEventListener("keydown", onKey);
  document.addEventListener("pointerdown", onPointer, true);
  window.addEventListener("pagehide", send);
  show(ui);
  if (S.playing) play(true);

  const cleanup = () => {                      // before the next call with new data, or when the view goes
    if (S.cleanup === cleanup) S.cleanup = null;
    if (pause !== null) send();
    clearInterval(timer);
    ui.moves.forEach(b => b.removeEventListener("click", onMove));
    ui.slider.removeEventListener("input", onSlide);
    ui.slider.removeEventListener("change", onSlide);
    ui.play.removeEventListener("click", onPlay);
    ui.speeds.forEach(b => b.removeEventListener("click", onSpeed));
    document.removeEventListener("keydown", onKey);
    document.removeEventListener("pointerdown", onPointer, true);
    window.removeEventListener("pagehide", send);
  };
  S.cleanup = cleanup;
  return cleanup;
}
