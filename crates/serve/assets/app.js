// vanban: the little the pages need from script. Everything works without it.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // "/" jumps to the search box, as on most search sites.
  document.addEventListener("keydown", function (e) {
    var t = e.target;
    var typing = t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT");
    if (e.key === "/" && !typing) {
      var box = document.getElementById("q") || document.getElementById("number");
      if (box) { e.preventDefault(); box.focus(); box.select(); }
    }
  });
  // Changing the order re-runs the search.
  document.querySelectorAll("select[data-autosubmit]").forEach(function (s) {
    s.addEventListener("change", function () { if (s.form) { s.form.submit(); } });
  });
  // A fact named in the address is brought into view and given the focus.
  if (location.hash.indexOf("#f-") === 0) {
    var target = document.getElementById(location.hash.slice(1));
    if (target) {
      target.setAttribute("tabindex", "-1");
      target.focus();
      target.scrollIntoView({ block: "center" });
    }
  }
});
