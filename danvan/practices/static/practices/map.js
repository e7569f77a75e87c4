// The map of the register: circle markers at commune coordinates over a plain background.
// No tile server (the site works offline); district centres give the reader bearings.
(function () {
  "use strict";
  var box = document.getElementById("practice-map");
  var source = document.getElementById("practice-map-data");
  if (!box || !source || typeof L === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var map = L.map(box, { attributionControl: false, zoomSnap: 0.25 });
  var bounds = L.latLngBounds([]);
  var COLOURS = { model: "#a31d1d", person: "#1d5fa3", collective: "#1d8a4a" };

  function text(tag, value, className) {
    var node = document.createElement(tag);
    node.textContent = value;
    if (className) {
      node.className = className;
    }
    return node;
  }

  data.districts.forEach(function (district) {
    var at = [district.lat, district.lon];
    bounds.extend(at);
    L.circleMarker(at, {
      radius: 16, color: "#777", weight: 1, dashArray: "3 3", fill: false, interactive: false
    }).addTo(map).bindTooltip(district.name, {
      permanent: true, direction: "center", className: "district-label"
    });
  });

  data.points.forEach(function (point) {
    var at = [point.lat, point.lon];
    bounds.extend(at);
    var kinds = {};
    point.items.forEach(function (item) { kinds[item.kind] = true; });
    var colour = Object.keys(kinds).length === 1 ? COLOURS[point.items[0].kind] : "#7a4d9c";
    var popup = document.createElement("div");
    popup.appendChild(text("strong", point.name));
    if (point.district) {
      popup.appendChild(text("div", point.district, "small text-muted"));
    }
    var list = document.createElement("ul");
    list.className = "ps-3 mb-0";
    point.items.forEach(function (item) {
      var li = document.createElement("li");
      var link = text("a", item.name);
      link.href = item.url;
      li.appendChild(link);
      if (item.kind !== "model") {
        li.appendChild(text("span", " (" + item.kind_label + ")", "small text-muted"));
      }
      list.appendChild(li);
    });
    popup.appendChild(list);
    L.circleMarker(at, {
      radius: 5 + 2 * Math.min(point.items.length, 6),
      color: colour, weight: 1, fillColor: colour, fillOpacity: 0.7,
      className: "practice-point"
    }).addTo(map).bindPopup(popup).bindTooltip(point.name + " (" + point.items.length + ")");
  });

  if (bounds.isValid()) {
    map.fitBounds(bounds.pad(0.1), { maxZoom: 12 });
  } else {
    map.setView([21.3, 105.55], 10);
  }
})();
