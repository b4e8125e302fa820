// Small progressive enhancements: the pages work without this file.
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("mapform");
  var year = document.getElementById("year");
  var out = document.getElementById("yearout");
  if (year && form) {
    year.addEventListener("input", function () { if (out) out.textContent = year.value; });
    year.addEventListener("change", function () { form.submit(); });
  }
  var gsi = document.getElementById("gsi");
  if (gsi && form) gsi.addEventListener("change", function () { form.submit(); });
  var info = document.getElementById("mapinfo");
  document.querySelectorAll("#worldmap .country").forEach(function (el) {
    function show() {
      if (!info) return;
      var src = el.getAttribute("data-source");
      info.textContent = el.getAttribute("data-name") + ": " + el.getAttribute("data-label") +
        (src ? " (source: " + src + ")" : "");
    }
    el.addEventListener("mouseenter", show);
    el.addEventListener("focus", show);
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
  document.querySelectorAll(".png-btn").forEach(function (btn) {
    var box = btn.closest(".chartbox");
    var svg = box && box.querySelector("svg");
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
        canvas.toBlob(function (blob) {
          var a = document.createElement("a");
          a.href = URL.createObjectURL(blob);
          a.download = btn.getAttribute("data-name") + ".png";
          document.body.appendChild(a); a.click(); a.remove();
          setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
        }, "image/png");
      };
      img.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(data);
    });
  });
});
