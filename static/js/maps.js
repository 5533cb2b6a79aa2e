// Choropleth maps (territories/_map.html): the area under the pointer or the keyboard focus is
// outlined on top of its neighbours (SVG has no z-index: a path drawn later would hide part of a
// thicker stroke). Without JavaScript the CSS outline still shows, partly covered.
(function () {
  if (window.aidessMaps) return;  // the fragment may be included more than once on a page
  window.aidessMaps = true;
  function highlight(event, on) {
    const area = event.target.closest && event.target.closest(".aidess-map a");
    if (!area) return;
    const overlay = area.ownerSVGElement.querySelector(".aidess-map__highlight");
    overlay.setAttribute("d", on ? area.querySelector("path").getAttribute("d") : "");
  }
  document.addEventListener("focusin", function (event) { highlight(event, true); });
  document.addEventListener("focusout", function (event) { highlight(event, false); });
  document.addEventListener("mouseover", function (event) { highlight(event, true); });
  document.addEventListener("mouseout", function (event) { highlight(event, false); });
})();
