// 基层赋能减负平台 — page behaviour. No inline scripts: charts read their option objects from
// <script type="application/json" data-chart-for="ID"> blocks rendered by the server.
(function () {
  "use strict";

  function drawCharts(root) {
    if (typeof window.echarts === "undefined") return;
    root.querySelectorAll("script[type='application/json'][data-chart-for]").forEach(function (node) {
      var target = document.getElementById(node.getAttribute("data-chart-for"));
      if (!target || target.getAttribute("data-drawn") === "1") return;
      var option;
      try { option = JSON.parse(node.textContent); } catch (e) { return; }
      var chart = window.echarts.init(target, null, { renderer: "canvas" });
      chart.setOption(option);
      target.setAttribute("data-drawn", "1");
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }

  // Confirmation for destructive buttons without inline handlers: <button data-confirm="…">.
  document.addEventListener("click", function (event) {
    var el = event.target.closest("[data-confirm]");
    if (el && !window.confirm(el.getAttribute("data-confirm"))) event.preventDefault();
  });

  document.addEventListener("DOMContentLoaded", function () { drawCharts(document); });
  document.addEventListener("htmx:afterSwap", function (event) { drawCharts(event.target); });
})();
