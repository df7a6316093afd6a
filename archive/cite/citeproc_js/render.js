// Formats CSL-JSON items with citeproc-js, the CSL processor inside Zotero (npm package
// `citeproc`, pinned in package-lock.json). Called by archive/cite/styles.py.
//
// stdin:  {"locale": "<path to locales-en-US.xml>",
//          "styles": {"<name>": "<path to .csl>", …},
//          "items": [CSL-JSON item, …]}
// stdout: {"<name>": [{"bibliography": "<html>", "note": "<html>"}, …], …}
// one entry per item, in order; "note" is the first-note form of a note style, else "".
"use strict";
const fs = require("fs");
const CSL = require("citeproc");

const input = JSON.parse(fs.readFileSync(0, "utf8"));
const locale = fs.readFileSync(input.locale, "utf8");
const result = {};
for (const [name, path] of Object.entries(input.styles)) {
  const style = fs.readFileSync(path, "utf8");
  result[name] = input.items.map((item) => {
    const sys = {
      retrieveLocale: () => locale,
      retrieveItem: (id) => (id === item.id ? item : null),
    };
    const engine = new CSL.Engine(sys, style, "en-US", true);
    engine.updateItems([item.id]);
    const [, entries] = engine.makeBibliography();
    let note = "";
    if (engine.cslXml.dataObj.attrs["class"] === "note") {
      note = engine.makeCitationCluster([{ id: item.id }]);
    }
    return { bibliography: entries.join("").trim(), note: note.trim() };
  });
}
process.stdout.write(JSON.stringify(result));
