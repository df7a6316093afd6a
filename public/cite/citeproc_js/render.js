// Formats CSL-JSON items with citeproc-js, the CSL processor inside Zotero (npm package
// `citeproc`, pinned in package-lock.json). public/cite/styles.py keeps one of these running per
// process and talks to it one JSON line at a time:
//
// in:  {"locale": "<path to locales-xx-XX.xml>", "styles": {"<name>": "<path to .csl>", …},
//       "items": [CSL-JSON item, …]}
// out: {"<name>": [{"bibliography": "<html>", "note": "<html>"}, …], …}   (one per item, in
//       order; "note" is the first-note form in a note style, else "")
// or   {"error": "<message>"}
"use strict";
const fs = require("fs");
const readline = require("readline");
const CSL = require("citeproc");

const files = new Map();
function read(path) {
  if (!files.has(path)) files.set(path, fs.readFileSync(path, "utf8"));
  return files.get(path);
}

// One engine per style, reused: parsing an 18th-edition Chicago style takes far longer than
// formatting an item. updateItems() replaces the engine's whole registry, so nothing of one
// citation (disambiguation, "ibid.") carries over to the next.
const engines = new Map();
const current = new Map();
function engine(stylePath, localePath) {
  const key = `${stylePath}\n${localePath}`;
  if (!engines.has(key)) {
    const sys = {
      retrieveLocale: () => read(localePath),
      retrieveItem: (id) => current.get(id),
    };
    engines.set(key, new CSL.Engine(sys, read(stylePath), "en-US", true));
  }
  return engines.get(key);
}

function render(request) {
  const result = {};
  for (const [name, path] of Object.entries(request.styles)) {
    const processor = engine(path, request.locale);
    result[name] = request.items.map((item) => {
      current.clear();
      current.set(item.id, item);
      // An item registered before under the same id (the same page, since edited) would keep its
      // old bibliography entry: citeproc-js reuses a registered id's entry. Empty the registry.
      processor.updateItems([]);
      processor.updateItems([item.id]);
      const [, entries] = processor.makeBibliography();
      const note =
        processor.opt.xclass === "note" ? processor.makeCitationCluster([{ id: item.id }]) : "";
      return { bibliography: entries.join("").trim(), note: note.trim() };
    });
  }
  return result;
}

const lines = readline.createInterface({ input: process.stdin, terminal: false });
lines.on("line", (line) => {
  let answer;
  try {
    answer = render(JSON.parse(line));
  } catch (error) {
    answer = { error: String(error && error.stack ? error.stack : error) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
});
