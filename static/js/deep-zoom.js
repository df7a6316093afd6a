/* Deep zoom for photographs and document pages: OpenSeadragon over the site's IIIF image service.
 *
 * Progressive enhancement: the page shows still images and works without this script. The script
 * shows an "explore" button; opening it starts OpenSeadragon on the info.json addresses found in
 * [data-iiif-info] attributes, with the site's own buttons (real <button>s, reachable by keyboard)
 * instead of OpenSeadragon's drawn ones. Escape or "Close" puts focus back on the button.
 */
(function () {
  "use strict";

  function setUp(container) {
    if (typeof window.OpenSeadragon !== "function") return;
    var scope = document.querySelector(container.dataset.deepZoom) || document;
    var named = scope.matches && scope.matches("[data-iiif-info]")
      ? [scope]
      : scope.querySelectorAll("[data-iiif-info]");
    var sources = Array.prototype.map.call(named, function (element) {
      return element.dataset.iiifInfo;
    });
    if (!sources.length) return;
    var openButton = container.querySelector('[data-action="open"]');
    var panel = container.querySelector(".deep-zoom-panel");
    var canvas = container.querySelector("[data-canvas]");
    var status = container.querySelector(".deep-zoom-status");
    var viewer = null;
    var page = 0;

    if (sources.length > 1) {
      container.querySelectorAll("[data-sequence]").forEach(function (button) {
        button.hidden = false;
      });
    }

    function announce() {
      if (sources.length > 1) status.textContent = "Page " + (page + 1) + " of " + sources.length;
    }

    function open() {
      panel.hidden = false;
      openButton.setAttribute("aria-expanded", "true");
      if (!viewer) {
        viewer = window.OpenSeadragon({
          element: canvas,
          prefixUrl: container.dataset.prefixUrl,
          tileSources: sources,
          sequenceMode: sources.length > 1,
          showNavigationControl: false,
          showSequenceControl: false,
          showNavigator: true,
          navigatorAutoFade: false,
          crossOriginPolicy: false,
          preserveViewport: false,
          // A tile the server is too busy to draw now (503) or will not draw yet (429) is asked
          // for again a little later (docs/photographs-and-iiif.md, bounded image work).
          tileRetryMax: 3,
          tileRetryDelay: 2000
        });
        viewer.addHandler("page", function (event) {
          page = event.page;
          announce();
        });
        viewer.addHandler("tile-loaded", function () {
          container.dataset.tilesLoaded = String(Number(container.dataset.tilesLoaded || 0) + 1);
        });
        announce();
      }
      var focusable = canvas.querySelector(".openseadragon-canvas");
      if (focusable) {
        // Keys go to the viewer (arrows move, + and - zoom): an application, named.
        focusable.setAttribute("role", "application");
        focusable.setAttribute("aria-label", "Zoomable image: arrow keys move it, + and - zoom");
        focusable.focus();
      }
    }

    function close() {
      panel.hidden = true;
      openButton.setAttribute("aria-expanded", "false");
      openButton.focus();
    }

    var actions = {
      open: function () { if (panel.hidden) { open(); } else { close(); } },
      close: close,
      "zoom-in": function () { viewer.viewport.zoomBy(1.5); viewer.viewport.applyConstraints(); },
      "zoom-out": function () { viewer.viewport.zoomBy(1 / 1.5); viewer.viewport.applyConstraints(); },
      home: function () { viewer.viewport.goHome(); },
      rotate: function () { viewer.viewport.setRotation((viewer.viewport.getRotation() + 90) % 360); },
      previous: function () { if (page > 0) viewer.goToPage(page - 1); },
      next: function () { if (page < sources.length - 1) viewer.goToPage(page + 1); }
    };

    container.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-action]");
      if (button && actions[button.dataset.action]) actions[button.dataset.action]();
    });
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") close();
    });
    container.hidden = false;
  }

  function start() {
    document.querySelectorAll("[data-deep-zoom]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
