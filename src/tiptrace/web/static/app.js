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
