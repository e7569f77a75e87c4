// Tổng quan: charts (plotly.js, served from the installed package) and the commune map
// (Leaflet without any tile server: points over a plain background). Data comes from
// json_script blocks; every bar and point links to where its figure comes from.
(function () {
  "use strict";

  function readJSON(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  var vnNumber = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 2 });

  function drawCharts() {
    var charts = readJSON("dv-charts");
    if (!charts || !window.Plotly) { return; }
    charts.forEach(function (chart) {
      var box = document.querySelector('[data-chart="' + chart.key + '"]');
      if (!box) { return; }
      if (!chart.labels.length) { box.textContent = box.getAttribute("data-empty") || ""; return; }
      var horizontal = chart.kind !== "column";
      var labels = chart.labels.slice(), values = chart.values.slice(), texts = chart.texts.slice(), urls = chart.urls.slice();
      if (horizontal) { labels.reverse(); values.reverse(); texts.reverse(); urls.reverse(); }
      var trace = {
        type: "bar",
        orientation: horizontal ? "h" : "v",
        x: horizontal ? values : labels,
        y: horizontal ? labels : values,
        text: texts,
        textposition: "auto",
        hovertemplate: "%{" + (horizontal ? "y" : "x") + "}: %{text} " + chart.unit + "<extra></extra>",
        marker: { color: "#a31d1d" },
        customdata: urls
      };
      var height = horizontal ? Math.max(220, 28 * labels.length + 60) : 300;
      var layout = {
        height: height,
        margin: { l: horizontal ? 190 : 50, r: 20, t: 10, b: 40 },
        separators: ",.",
        xaxis: { automargin: true, tickformat: horizontal ? ",~f" : undefined },
        yaxis: { automargin: true, tickformat: horizontal ? undefined : ",~f" },
        font: { family: "system-ui, sans-serif", size: 12 }
      };
      window.Plotly.newPlot(box, [trace], layout, { displaylogo: false, responsive: true, modeBarButtonsToRemove: ["select2d", "lasso2d"] });
      box.on("plotly_click", function (event) {
        var point = event.points && event.points[0];
        if (point && point.customdata) { window.location.href = point.customdata; }
      });
    });
  }

  function drawMap() {
    var box = document.getElementById("dv-map");
    var points = readJSON("dv-points");
    if (!box || !points || !window.L) { return; }
    var map = window.L.map(box, { attributionControl: false, zoomSnap: 0.25 });
    var max = points.reduce(function (m, p) { return Math.max(m, p.value); }, 0);
    var unit = box.getAttribute("data-unit") || "";
    var none = box.getAttribute("data-none") || "";
    var drill = box.getAttribute("data-drill");
    var bounds = [];
    points.forEach(function (p) {
      var active = p.count > 0;
      var radius = active ? 5 + 11 * Math.sqrt(max ? p.value / max : 0) : 4;
      var marker = window.L.circleMarker([p.lat, p.lon], {
        radius: radius,
        color: active ? "#7d1515" : "#888",
        weight: 1,
        fillColor: active ? "#a31d1d" : "#ffffff",
        fillOpacity: active ? 0.7 : 0.9
      }).addTo(map);
      var label = p.name + ": " + (active ? vnNumber.format(p.value) + " " + unit : none);
      marker.bindTooltip(label);
      marker.on("click", function () { window.location.href = drill + "&commune=" + p.id; });
      bounds.push([p.lat, p.lon]);
    });
    if (bounds.length) { map.fitBounds(bounds, { padding: [20, 20] }); } else { map.setView([21.3, 105.55], 10); }
  }

  document.addEventListener("DOMContentLoaded", function () {
    drawCharts();
    drawMap();
  });
})();
