// legday-coach Mini App: the user's record as an SVG chart and day-by-day check-ins.
// Loads nothing from another origin (so not Telegram's hosted telegram-web-app.js): the launch
// parameters come from the URL fragment as Telegram passes them (#tgWebAppData=...), and
// window.Telegram.WebApp is used only when a client or a test provides it. Every value from the
// server is shown with textContent or as an SVG attribute, never parsed as HTML.
"use strict";

(function () {
  const SVG = "http://www.w3.org/2000/svg";
  const COLOUR = /^#[0-9a-fA-F]{3,8}$/;
  const launch = new URLSearchParams(window.location.hash.slice(1));
  const webApp = window.Telegram && window.Telegram.WebApp ? window.Telegram.WebApp : null;
  let record = null;
  let range = 56;
  let selected = null;

  function $(id) { return document.getElementById(id); }

  // --- Talking to the Telegram client without its script ------------------------------------
  function postEvent(type, data) {
    const body = JSON.stringify(data || {});
    try {
      if (window.TelegramWebviewProxy && window.TelegramWebviewProxy.postEvent) {
        window.TelegramWebviewProxy.postEvent(type, body); // mobile clients
      } else if (window.external && typeof window.external.notify === "function") {
        window.external.notify(JSON.stringify({ eventType: type, eventData: data || {} }));
      } else if (window.parent !== window) {
        window.parent.postMessage(JSON.stringify({ eventType: type, eventData: data || {} }),
          "https://web.telegram.org");
      }
    } catch (error) { /* not inside Telegram: nothing to tell */ }
  }

  function initData() {
    if (webApp && webApp.initData) return webApp.initData;
    return launch.get("tgWebAppData") || "";
  }

  function language() {
    try {
      const user = JSON.parse(new URLSearchParams(initData()).get("user") || "{}");
      return typeof user.language_code === "string" ? user.language_code : "";
    } catch (error) { return ""; }
  }

  // --- Theme ------------------------------------------------------------------------------------
  function luminance(hex) {
    let h = hex.slice(1);
    if (h.length <= 4) h = h.split("").map((c) => c + c).join("");
    const [r, g, b] = [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16) / 255);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }

  function applyTheme(params, scheme) {
    const root = document.documentElement;
    if (params && typeof params === "object") {
      for (const [key, value] of Object.entries(params)) {
        if (/^[a-z_]+$/.test(key) && typeof value === "string" && COLOUR.test(value)) {
          root.style.setProperty("--tg-theme-" + key.replace(/_/g, "-"), value);
        }
      }
    }
    const bg = params && typeof params.bg_color === "string" && COLOUR.test(params.bg_color)
      ? params.bg_color : null;
    let dark = scheme === "dark";
    if (!scheme) {
      dark = bg ? luminance(bg) < 0.5
        : window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
    }
    root.dataset.scheme = dark ? "dark" : "light";
  }

  function themeFromLaunch() {
    try { return JSON.parse(launch.get("tgWebAppThemeParams") || "null"); }
    catch (error) { return null; }
  }

  function watchTheme() {
    if (webApp) {
      applyTheme(webApp.themeParams, webApp.colorScheme);
      if (typeof webApp.onEvent === "function") {
        webApp.onEvent("themeChanged", () => applyTheme(webApp.themeParams, webApp.colorScheme));
      }
      return;
    }
    applyTheme(themeFromLaunch(), null);
    // Without Telegram's script the client still sends events: through WebView.receiveEvent on
    // phones and desktop, as window messages on the web.
    const receive = (type, data) => {
      if (type === "theme_changed" && data && data.theme_params) applyTheme(data.theme_params, null);
    };
    window.Telegram = window.Telegram || {};
    window.Telegram.WebView = window.Telegram.WebView || { receiveEvent: receive };
    window.addEventListener("message", (event) => {
      if (event.origin !== "https://web.telegram.org") return;
      try {
        const message = JSON.parse(event.data);
        receive(message.eventType, message.eventData);
      } catch (error) { /* not a client event */ }
    });
    postEvent("web_app_request_theme");
  }

  // --- Page -------------------------------------------------------------------------------------
  function text(id, value) { $(id).textContent = value == null ? "" : String(value); }

  function node(tag, attrs, content) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, v);
    if (content != null) el.textContent = String(content);
    return el;
  }

  function svg(tag, attrs) {
    const el = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, String(v));
    return el;
  }

  function fail(message) {
    $("record").hidden = true;
    $("empty").hidden = true;
    text("status", message);
  }

  function backToChat() {
    if (webApp && typeof webApp.close === "function") { webApp.close(); return; }
    if (window.TelegramWebviewProxy || window.parent !== window) { postEvent("web_app_close"); return; }
    if (record && typeof record.chat_url === "string" && record.chat_url.startsWith("https://t.me/")) {
      window.location.href = record.chat_url;
    }
  }

  function dayNumber(iso) { return Math.round(Date.parse(iso + "T00:00:00Z") / 86400000); }

  function drawChart() {
    const box = $("chart");
    box.replaceChildren();
    const width = Math.max(260, Math.round(box.clientWidth || 320));
    const height = 212;
    const left = 8, right = 8, top = 18, bottom = 52;
    const last = dayNumber(record.today);
    const first = last - range + 1;
    const step = (width - left - right) / range;
    const x = (n) => left + (n - first + 0.5) * step;
    const y = (s) => top + (3 - s) * ((height - top - bottom) / 3);
    const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, width, height, role: "img" });
    chart.setAttribute("aria-label", record.texts.chart);
    record.scale.forEach((label, level) => {
      chart.append(svg("line", { class: "grid", x1: left, x2: width - right, y1: y(level), y2: y(level) }));
      const caption = svg("text", { class: "axis-label", x: left + 2, y: y(level) - 4 });
      caption.textContent = label;
      chart.append(caption);
    });
    const shown = record.days.filter((d) => dayNumber(d.date) >= first);
    // Wide, invisible targets under the marks: a day is easy to tap on a phone even when its
    // point is a few pixels from the next.
    for (const day of shown) {
      const wide = Math.max(step, 12);
      chart.append(svg("rect", { class: "hit", "data-date": day.date, x: x(dayNumber(day.date)) - wide / 2,
        y: 0, width: wide, height }));
    }
    for (const day of shown.filter((d) => d.leg_day)) {
      chart.append(svg("rect", { class: "leg", "data-date": day.date, x: x(dayNumber(day.date)) - step / 2,
        y: top - 6, width: Math.max(step, 3), height: height - top - bottom + 6 }));
    }
    const points = shown.filter((d) => d.soreness !== null);
    if (points.length > 1) {
      const path = points.map((d, i) => `${i ? "L" : "M"}${x(dayNumber(d.date)).toFixed(1)},${y(d.soreness)}`);
      chart.append(svg("path", { class: "line", d: path.join(" ") }));
    }
    const base = height - bottom + 8;
    for (const day of shown) {
      const cx = x(dayNumber(day.date));
      const size = Math.min(7, Math.max(4, step * 0.8));
      day.sessions.forEach((s, i) => {
        // The strength and mobility routine is no run nor cross-training: it is listed when
        // the day is tapped, not marked on the chart.
        if (s.kind === "routine") return;
        const cy = base + i * (size + 2);
        chart.append(s.kind === "cross"
          ? svg("rect", { class: "cross-mark", "data-date": day.date, x: cx - size / 2, y: cy, width: size, height: size })
          : svg("circle", { class: "jog-mark", "data-date": day.date, cx, cy: cy + size / 2, r: size / 2 }));
      });
      // An easy run told in a check-in, not timed: a timed run's mark, hollow (as on the PNG).
      const marks = day.sessions.length + (day.run_told ? 1 : 0);
      if (day.run_told) {
        const cy = base + day.sessions.length * (size + 2);
        chart.append(svg("circle", { class: "told-mark", "data-date": day.date, cx, cy: cy + size / 2, r: size / 2 - 0.75 }));
      }
      // Activity files under the sessions, as diamonds coloured by how each counted.
      day.activities.forEach((a, i) => {
        const h = size / 2 + 0.5;
        const cy = base + (marks + i) * (size + 2);
        const mark = svg("path", { class: "file-mark " + cssClass(a.class), "data-date": day.date,
          "data-class": a.class, "data-sport": a.sport,
          d: `M${cx.toFixed(1)},${cy} l${h},${h} l${-h},${h} l${-h},${-h} Z` });
        mark.setAttribute("aria-label", `${a.label} · ${a.class_label}`);
        chart.append(mark);
      });
    }
    // A pain day: a warning triangle just above its walking level.
    for (const day of points.filter((d) => d.pain)) {
      const cx = x(dayNumber(day.date)), tip = y(day.soreness) - 16;
      const mark = svg("path", { class: "pain-mark", "data-date": day.date,
        d: `M${cx.toFixed(1)},${tip} l5,9 l-10,0 Z` });
      mark.setAttribute("aria-label", record.texts.pain);
      chart.append(mark);
    }
    for (const day of points) {
      chart.append(svg("circle", { class: "point" + (day.date === selected ? " selected" : ""),
        "data-date": day.date, cx: x(dayNumber(day.date)), cy: y(day.soreness), r: Math.min(6, Math.max(3.5, step * 0.45)) }));
    }
    const ticks = record.ticks.filter((t) => dayNumber(t.date) >= first);
    const every = Math.max(1, Math.ceil(ticks.length * 64 / width));
    ticks.forEach((tick, i) => {
      if (i % every) return;
      const label = svg("text", { class: "axis-label", x: x(dayNumber(tick.date)), y: height - 4, "text-anchor": "end" });
      label.textContent = tick.short;
      chart.append(label);
    });
    chart.addEventListener("click", (event) => {
      const date = event.target && event.target.getAttribute && event.target.getAttribute("data-date");
      if (date) showDay(date);
    });
    box.append(chart);
  }

  // Only the classes the stylesheet knows reach the class attribute.
  function cssClass(kind) {
    return ["long_race", "hard_session", "easy_run", "other", "leg_day", "ask_legs", "not_used"].includes(kind)
      ? kind.replace(/_/g, "-") : "other";
  }

  function showDay(date) {
    const day = record.days.find((d) => d.date === date);
    if (!day) return;
    selected = date;
    const panel = $("detail");
    panel.replaceChildren(node("h3", {}, day.label));
    const list = node("dl");
    const row = (term, value) => { list.append(node("dt", {}, term), node("dd", {}, value)); };
    if (day.pain) panel.append(node("p", { class: "pain" }, record.texts.pain));
    if (day.checkin) {
      panel.append(node("p", { class: "band " + day.checkin.band }, day.checkin.band_label));
      row(record.texts.workout, day.checkin.workout);
      if (day.checkin.that_day) row(record.texts.that_day, day.checkin.that_day);
      row(record.texts.walking, day.checkin.walking);
      row(record.texts.advice, day.checkin.verdict);
    } else {
      panel.append(node("p", { class: "hint" }, record.texts.no_checkin));
    }
    if (day.leg_day) row(record.texts.leg_day, "✓");
    if (day.run_told) row(record.texts.run_told, "✓");
    for (const s of day.sessions) {
      row(s.label, s.feeling ? `${s.duration} · ${s.feeling}` : s.duration);
    }
    for (const a of day.activities) {
      const numbers = [a.distance, a.moving, a.heart_rate].filter((v) => v).join(" · ");
      const why = node("dd", { class: "file" }, numbers);
      why.append(node("span", { class: "why " + cssClass(a.class) },
        a.reason ? `${a.class_label}: ${a.reason}` : a.class_label));
      list.append(node("dt", {}, `${a.label} ${a.time}`), why);
    }
    if (list.childElementCount) panel.append(list);
    for (const note of day.checkin ? day.checkin.notes : []) {
      panel.append(node("p", { class: "hint note" }, note));
    }
    panel.hidden = false;
    drawChart();
  }

  function drawRanges() {
    const group = $("ranges");
    group.replaceChildren();
    for (const option of record.ranges) {
      const button = node("button", { type: "button", "aria-pressed": String(option.days === range) }, option.label);
      button.addEventListener("click", () => { range = option.days; drawRanges(); drawChart(); });
      group.append(button);
    }
  }

  function show(data) {
    record = data;
    document.documentElement.lang = data.language || "en";
    const t = data.texts;
    text("title", t.title);
    text("status", "");
    if (data.empty) {
      text("empty-line", t.empty);
      text("back", t.back);
      $("back").addEventListener("click", backToChat);
      $("empty").hidden = false;
      return;
    }
    range = data.default_range;
    text("streak", data.streak);
    text("chart-head", t.chart);
    text("tap", t.tap);
    text("load", data.load);
    $("load").hidden = !data.load;
    text("evidence", data.evidence);
    const legend = $("legend");
    legend.replaceChildren(node("li", { class: "leg" }, t.leg_day), node("li", { class: "jog" }, t.jog),
      node("li", { class: "told" }, t.run_told), node("li", { class: "cross" }, t.cross), node("li", { class: "file" }, t.activity),
      node("li", { class: "pain" }, t.pain));
    $("record").hidden = false;
    drawRanges();
    drawChart();
    let resized = null;
    window.addEventListener("resize", () => {
      clearTimeout(resized);
      resized = setTimeout(drawChart, 100);
    });
  }

  async function load() {
    watchTheme();
    if (webApp) {
      if (typeof webApp.ready === "function") webApp.ready();
      if (typeof webApp.expand === "function") webApp.expand();
    } else {
      postEvent("web_app_ready");
      postEvent("web_app_expand");
    }
    const data = initData();
    let answer;
    try {
      answer = await fetch("app/api/history", {
        headers: { Authorization: "tma " + data, "Accept-Language": language() || navigator.language || "en" },
        credentials: "omit",
        cache: "no-store",
      });
    } catch (error) {
      fail("…");
      return;
    }
    let body = null;
    try { body = await answer.json(); } catch (error) { body = null; }
    if (!answer.ok || !body) {
      fail(body && typeof body.message === "string" ? body.message : String(answer.status));
      return;
    }
    show(body);
  }

  document.addEventListener("DOMContentLoaded", load);
})();
