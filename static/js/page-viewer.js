/* The page viewer of a document page (templates/archive/_page_viewer.html).
 *
 * Progressive enhancement: without this script the page lists every page image, each with its
 * text. With it, OpenSeadragon (vendored, static/vendor/openseadragon/) shows one page at a time
 * from the site's IIIF image service, and the current page's text stands beside it. The controls
 * are the site's own buttons and a page menu (real form controls, reachable by keyboard); Page Up
 * and Page Down turn the pages from anywhere in the viewer. The address follows the page
 * (#page-<n>), so a page can be linked and a search hit opens its page.
 */
(function () {
  "use strict";

  function pageFromHash(count) {
    var match = /^#page-([0-9]+)$/.exec(window.location.hash);
    if (!match) return null;
    var number = Number(match[1]);
    return number >= 1 && number <= count ? number - 1 : null;
  }

  function setUp(reader) {
    if (typeof window.OpenSeadragon !== "function") return;
    var entries = Array.prototype.slice.call(reader.querySelectorAll(".page-entry[data-iiif-info]"));
    var box = reader.querySelector("[data-page-viewer]");
    if (!entries.length || !box) return;
    var count = entries.length;
    var canvas = box.querySelector("[data-canvas]");
    var status = box.querySelector("[data-page-status]");
    var select = box.querySelector("[data-page-select]");
    var buttons = {};
    box.querySelectorAll("button[data-action]").forEach(function (button) {
      buttons[button.dataset.action] = button;
    });

    // The page asked for in the address; else the first page a search found; else the first.
    var firstHit = document.querySelector("[data-page-link]");
    var current = pageFromHash(count);
    if (current === null) current = firstHit ? Number(firstHit.dataset.pageLink) - 1 : 0;

    var viewer = window.OpenSeadragon({
      element: canvas,
      prefixUrl: reader.dataset.prefixUrl,
      tileSources: entries.map(function (entry) { return entry.dataset.iiifInfo; }),
      sequenceMode: true,
      initialPage: current,
      showNavigationControl: false,
      showSequenceControl: false,
      crossOriginPolicy: false,
      preserveViewport: false
    });
    viewer.addHandler("tile-loaded", function () {
      reader.dataset.tilesLoaded = String(Number(reader.dataset.tilesLoaded || 0) + 1);
    });

    function mark(button, disabled) {
      // aria-disabled, not disabled: a button that turns disabled would drop the keyboard focus.
      button.setAttribute("aria-disabled", disabled ? "true" : "false");
    }

    function show(index, fromViewer) {
      if (index < 0 || index >= count) return;
      current = index;
      entries.forEach(function (entry, i) { entry.classList.toggle("is-current", i === index); });
      status.textContent = "Page " + (index + 1) + " of " + count + ": " + entries[index].dataset.label;
      select.value = String(index + 1);
      mark(buttons.previous, index === 0);
      mark(buttons.next, index === count - 1);
      var hash = "#page-" + (index + 1);
      if (window.location.hash !== hash) window.history.replaceState(null, "", hash);
      if (!fromViewer && viewer.currentPage() !== index) viewer.goToPage(index);
    }

    var actions = {
      previous: function () { show(current - 1); },
      next: function () { show(current + 1); },
      "zoom-in": function () { viewer.viewport.zoomBy(1.5); viewer.viewport.applyConstraints(); },
      "zoom-out": function () { viewer.viewport.zoomBy(1 / 1.5); viewer.viewport.applyConstraints(); },
      home: function () { viewer.viewport.goHome(); }
    };

    viewer.addHandler("page", function (event) { show(event.page, true); });
    box.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-action]");
      if (!button || button.getAttribute("aria-disabled") === "true") return;
      var action = actions[button.dataset.action];
      // The zoom buttons act on the open page; none is open until its info.json has come.
      if (action && (viewer.viewport || !/zoom|home/.test(button.dataset.action))) action();
    });
    select.addEventListener("change", function () { show(Number(select.value) - 1); });
    box.addEventListener("keydown", function (event) {
      if (event.target === select) return; // the menu's own keys
      if (event.key === "PageDown") { event.preventDefault(); show(current + 1); }
      if (event.key === "PageUp") { event.preventDefault(); show(current - 1); }
    }, true);
    window.addEventListener("hashchange", function () {
      var index = pageFromHash(count);
      if (index !== null && index !== current) {
        show(index);
        box.scrollIntoView({ block: "start" });
      }
    });

    var focusable = canvas.querySelector(".openseadragon-canvas");
    if (focusable) {
      // Keys go to the viewer (arrows move, + and - zoom): an application, named.
      focusable.setAttribute("role", "application");
      focusable.setAttribute("aria-label", "Page image: arrow keys move it, + and - zoom");
    }
    reader.classList.add("is-enhanced");
    box.hidden = false;
    show(current, true);
  }

  function start() {
    document.querySelectorAll("[data-page-reader]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
