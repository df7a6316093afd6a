// The independent check of tests/public/cite/test_styles.py: renders CSL-JSON items with citeproc-js
// outside the application (no worker, no cache, no cleaning), from the same style and locale
// files. One engine per style (building one for an 18th-edition Chicago style takes seconds);
// updateItems() gives it one item at a time, as a single-entry bibliography.
// stdin: {"locale": path, "styles": {name: path}, "items": [...]};
// stdout: {name: [{"bibliography": html, "note": html or ""}, ...]}.
"use strict";
const fs = require("fs");
const path = require("path");
const CSL = require(path.join(__dirname, "../../../public/cite/citeproc_js/node_modules/citeproc"));

const input = JSON.parse(fs.readFileSync(0, "utf8"));
const locale = fs.readFileSync(input.locale, "utf8");
const byId = new Map(input.items.map((item) => [item.id, item]));
const sys = { retrieveLocale: () => locale, retrieveItem: (id) => byId.get(id) };
const out = {};
for (const [name, stylePath] of Object.entries(input.styles)) {
  const engine = new CSL.Engine(sys, fs.readFileSync(stylePath, "utf8"), "en-US", true);
  out[name] = input.items.map((item) => {
    engine.updateItems([item.id]);
    const note = engine.opt.xclass === "note" ? engine.makeCitationCluster([{ id: item.id }]) : "";
    return { bibliography: engine.makeBibliography()[1].join(""), note };
  });
}
process.stdout.write(JSON.stringify(out));
