/* Maps of places: Leaflet (static/vendor/leaflet) over the tile server named in the settings.
 *
 * Progressive enhancement: the page is a list of places and works without this script. Each
 * [data-map] element names its places with a CSS selector (its data-map): elements with
 * data-lat and data-lon, and optionally data-count (drawn on the marker), a link (the popup's)
 * and a [data-count-text] (the popup's line of counts). The script shows the map and puts a
 * marker on it for each place; markers take the keyboard (Tab, then Enter opens the popup).
 * Nothing is written as markup: popups and labels are built as elements, as the site's
 * Content-Security-Policy asks.
 */
(function () {
  "use strict";

  function nameOf(item) {
    var link = item.querySelector("a");
    return (item.dataset.label || (link ? link.textContent : item.textContent)).trim();
  }

  function icon(count) {
    var size = count > 0 ? Math.round(28 + 8 * Math.log10(count)) : 18;
    var label = document.createElement("span");
    if (count > 0) label.textContent = String(count);
    return window.L.divIcon({
      className: count > 0 ? "map-marker" : "map-marker map-marker-point",
      html: label,
      iconSize: [size, size]
    });
  }

  function popup(item) {
    var box = document.createElement("div");
    var link = item.querySelector("a");
    var title = document.createElement(link ? "a" : "strong");
    if (link) title.href = link.href;
    title.textContent = nameOf(item);
    box.appendChild(title);
    var counts = item.querySelector("[data-count-text]");
    if (counts) {
      var line = document.createElement("p");
      line.textContent = counts.textContent;
      box.appendChild(line);
    }
    return box;
  }

  function setUp(container) {
    if (!window.L || !container.dataset.tiles) return;
    var items = Array.prototype.filter.call(
      document.querySelectorAll(container.dataset.map),
      function (item) {
        return isFinite(parseFloat(item.dataset.lat)) && isFinite(parseFloat(item.dataset.lon));
      }
    );
    if (!items.length) return;
    container.hidden = false;
    var map = window.L.map(container, { scrollWheelZoom: false });
    var tiles = window.L.tileLayer(container.dataset.tiles, {
      attribution: container.dataset.attribution,
      maxZoom: 19,
      // The tile server sees which site asks (OpenStreetMap's policy wants it), not the page.
      referrerPolicy: "strict-origin-when-cross-origin"
    });
    tiles.on("tileload", function () {
      container.dataset.tilesLoaded = String(Number(container.dataset.tilesLoaded || 0) + 1);
    });
    tiles.addTo(map);
    var points = items.map(function (item) {
      return [parseFloat(item.dataset.lat), parseFloat(item.dataset.lon)];
    });
    var zoom = parseInt(container.dataset.zoom || "12", 10);
    if (points.length === 1) {
      map.setView(points[0], zoom);
    } else {
      map.fitBounds(points, { padding: [30, 30], maxZoom: zoom });
    }
    items.forEach(function (item, index) {
      var count = parseInt(item.dataset.count || "0", 10);
      var counts = item.querySelector("[data-count-text]");
      var label = nameOf(item) + (counts ? ": " + counts.textContent.trim() : "");
      var marker = window.L.marker(points[index], { icon: icon(count), title: label });
      marker.bindPopup(popup(item));
      marker.addTo(map);
      marker.getElement().setAttribute("aria-label", label);
    });
    container.dataset.markers = String(points.length);
  }

  function start() {
    document.querySelectorAll("[data-map]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
