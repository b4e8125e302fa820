// Small progressive enhancements: the pages work without this file.
// The map: year changes fetch a few KB of JSON (no reload); a play button; a tooltip drawn over
// the map (it takes no room, so nothing shifts); tap once for details, again to open the page.
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("mapform");
  var year = document.getElementById("year");
  var out = document.getElementById("yearout");
  var gsi = document.getElementById("gsi");
  if (gsi && form) gsi.addEventListener("change", function () { form.submit(); });
  var map = document.getElementById("worldmap");
  var tip = document.getElementById("mapinfo");
  if (!map || !tip) return;
  var figure = map.parentNode;
  var shapes = {};
  map.querySelectorAll(".country").forEach(function (el) {
    shapes[el.getAttribute("data-iso3")] = el;
    var t = el.querySelector("title");  // the tooltip replaces the browser's own
    if (t) { el.setAttribute("aria-label", t.textContent); t.remove(); }
  });
  var current = null, down = null;
  function tipText(el) {
    var src = el.getAttribute("data-source");
    return el.getAttribute("data-name") + ": " + el.getAttribute("data-label") +
      (src ? " (source: " + src + ")" : "");
  }
  function show(el, x, y) {
    current = el;
    tip.textContent = tipText(el);
    tip.hidden = false;
    var box = figure.getBoundingClientRect();
    if (x === undefined) {
      var r = el.getBoundingClientRect();
      x = r.left + r.width / 2; y = r.top + r.height / 2;
    }
    var sx = figure.scrollLeft;  // on a phone the map pans sideways inside its figure
    var left = Math.min(Math.max(x - box.left + sx + 12, sx + 4), sx + box.width - tip.offsetWidth - 4);
    var top = y - box.top + 16;
    if (top + tip.offsetHeight > box.height) top = Math.max(y - box.top - tip.offsetHeight - 12, 0);
    tip.style.left = left + "px"; tip.style.top = top + "px";
  }
  function hide() { tip.hidden = true; current = null; }
  Object.keys(shapes).forEach(function (iso3) {
    var el = shapes[iso3];
    // Only a real mouse hovers: a tap must not count as a hover (then the tap would navigate).
    el.addEventListener("pointermove", function (e) {
      if (e.pointerType === "mouse") show(el, e.clientX, e.clientY);
    });
    el.addEventListener("pointerleave", function (e) { if (e.pointerType === "mouse") hide(); });
    el.addEventListener("focus", function () { show(el); });
    el.addEventListener("blur", hide);
    // A tap on a country whose details are not shown yet shows them (the tap also focuses
    // the link, so remember what was shown before it); the next tap opens the page.
    el.addEventListener("pointerdown", function () {
      down = { el: el, showing: current === el && !tip.hidden };
    });
    el.addEventListener("click", function (e) {
      var d = down; down = null;
      if (d && d.el === el && !d.showing) { e.preventDefault(); show(el, e.clientX, e.clientY); }
    });
  });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") hide(); });
  if (!year) return;

  var h1 = document.getElementById("maph1");
  var note = document.getElementById("mapnote");
  var rated = document.getElementById("maprated");
  var list = document.getElementById("maplist");
  var loaded = {};
  var shownYear = year.value;
  // The map's download, permalink and citation follow the year shown.
  function retarget(from, to) {
    if (String(from) === String(to)) return;
    var pat = new RegExp("(year=|tiers/|Report |map-)" + from, "g");
    document.querySelectorAll(".map-tools a").forEach(function (a) {
      a.href = a.getAttribute("href").replace(pat, "$1" + to);
      if (a.classList.contains("permalink")) a.href = location.origin + "/?year=" + to;
    });
    document.querySelectorAll(".map-tools .cite p, .map-tools .cite pre").forEach(function (el) {
      el.textContent = el.textContent.replace(pat, "$1" + to);
    });
  }
  function paint(data) {
    Object.keys(shapes).forEach(function (iso3) {
      var el = shapes[iso3], v = data.values[iso3];
      var fill = v ? v.fill : "url(#pat-nodata)";
      el.querySelectorAll("path, circle").forEach(function (s) { s.setAttribute("fill", fill); });
      el.setAttribute("data-label", v ? v.label : "no value");
      el.setAttribute("data-source", v ? v.source : "");
      el.setAttribute("aria-label", el.getAttribute("data-name") + ": " + (v ? v.label : "no value"));
    });
    if (h1) h1.textContent = data.title;
    document.title = data.title + " - tiptrace";
    var mt = document.getElementById("maptitle");
    if (mt) mt.textContent = data.title;
    if (note) { note.textContent = data.note; note.classList.toggle("incomplete", data.missing > 0); }
    if (rated) rated.textContent = data.rated;
    if (list) { list.setAttribute("data-year", data.year); if (list.open) fillList(data); }
    retarget(shownYear, data.year);
    shownYear = data.year;
    if (current) show(current);
  }
  function load(y, then) {
    if (loaded[y]) { then(loaded[y]); return; }
    fetch("/api/v1/map/tiers/" + y).then(function (r) { return r.json(); })
      .then(function (data) { loaded[y] = data; then(data); });
  }
  function go(y) {
    out.textContent = y;
    load(y, function (data) {
      if (String(data.year) !== String(year.value)) return;  // a later move won
      paint(data);
      history.replaceState(null, "", "/?year=" + y);
    });
  }
  year.addEventListener("input", function () { out.textContent = year.value; });
  year.addEventListener("change", function () { go(year.value); });
  var play = document.getElementById("play");
  var timer = null;
  function stop() {
    clearInterval(timer); timer = null;
    play.textContent = "Play"; play.setAttribute("aria-pressed", "false");
  }
  if (play) {
    play.hidden = false;
    play.addEventListener("click", function () {
      if (timer) { stop(); return; }
      if (year.value === year.max) { year.value = year.min; go(year.value); }
      play.textContent = "Pause"; play.setAttribute("aria-pressed", "true");
      timer = setInterval(function () {
        if (Number(year.value) >= Number(year.max)) { stop(); return; }
        year.value = Number(year.value) + 1; go(year.value);
      }, 1200);
    });
  }
  function fillList(data) {
    var body = document.getElementById("maplist-body");
    var rows = Object.keys(data.values).map(function (iso3) {
      var el = shapes[iso3];
      return [el ? el.getAttribute("data-name") : iso3, iso3, data.values[iso3]];
    }).sort(function (a, b) { return a[0].localeCompare(b[0]); });
    var table = document.createElement("table");
    var head = table.createTHead().insertRow();
    ["Country", "Tier", "Source"].forEach(function (t) {
      var th = document.createElement("th"); th.scope = "col"; th.textContent = t; head.appendChild(th);
    });
    var tb = table.createTBody();
    rows.forEach(function (r) {
      var tr = tb.insertRow();
      var a = document.createElement("a"); a.href = "/country/" + r[1]; a.textContent = r[0];
      tr.insertCell().appendChild(a);
      tr.insertCell().textContent = r[2].label;
      var src = tr.insertCell(); src.className = "src"; src.textContent = r[2].source || "";
    });
    var cap = table.createCaption(); cap.textContent = data.title + " (" + data.rated + " countries)";
    body.replaceChildren(table);
  }
  if (list) list.addEventListener("toggle", function () {
    if (list.open) load(list.getAttribute("data-year"), fillList);
  });
});

// Chart tools: PNG of the SVG shown (drawn on a canvas, so the file is exactly the chart), and
// the citations' retrieval date set to the reader's today (a cached page keeps the build day).
document.addEventListener("DOMContentLoaded", function () {
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  var now = new Date();
  var iso = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  var months = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
  document.querySelectorAll(".tools").forEach(function (tools) {
    var built = tools.getAttribute("data-date");
    if (!built || built === iso) return;
    var b = built.split("-").map(Number);
    var apaOld = months[b[1] - 1] + " " + b[2] + ", " + b[0];
    var apaNew = months[now.getMonth()] + " " + now.getDate() + ", " + now.getFullYear();
    tools.querySelectorAll(".cite p, .cite pre").forEach(function (el) {
      el.textContent = el.textContent.split(built).join(iso).split(apaOld).join(apaNew)
        .split(built.replace(/-/g, "")).join(iso.replace(/-/g, ""));
    });
  });
  function chartOf(btn) {  // the chart a button belongs to: its figure's, or the map's
    var box = btn.closest(".chartbox") || document.querySelector(".map.chartbox");
    return box && box.querySelector("svg");
  }
  function save(blob, name) {
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a); a.click(); a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
  }
  document.querySelectorAll(".svg-btn").forEach(function (btn) {
    var svg = chartOf(btn);
    if (!svg) return;
    btn.hidden = false;
    btn.addEventListener("click", function () {
      var data = new XMLSerializer().serializeToString(svg);
      save(new Blob([data], { type: "image/svg+xml" }), btn.getAttribute("data-name") + ".svg");
    });
  });
  document.querySelectorAll(".png-btn").forEach(function (btn) {
    var svg = chartOf(btn);
    if (!svg) return;
    btn.hidden = false;
    btn.addEventListener("click", function () {
      var w = svg.viewBox.baseVal.width, h = svg.viewBox.baseVal.height, scale = 2;
      var data = new XMLSerializer().serializeToString(svg);
      var img = new Image();
      img.onload = function () {
        var canvas = document.createElement("canvas");
        canvas.width = w * scale; canvas.height = h * scale;
        var ctx = canvas.getContext("2d");
        ctx.fillStyle = "#fff"; ctx.fillRect(0, 0, canvas.width, canvas.height);
        ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
        canvas.toBlob(function (blob) { save(blob, btn.getAttribute("data-name") + ".png"); },
          "image/png");
      };
      img.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(data);
    });
  });
});
