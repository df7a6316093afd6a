/* Starts Redoc on /api/redoc/ (templates/api/redoc.html) without an inline script.
 *
 * Redoc's styled-components add <style> elements as they render; the Content-Security-Policy
 * lets them in only with the answer's nonce, which this script's own tag carries (readable from
 * script as .nonce, never as an attribute) and Redoc's `nonce` option puts on each of them.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var container = document.getElementById("redoc-container");
  window.Redoc.init(container.dataset.specUrl, { nonce: script.nonce }, container);
})();
