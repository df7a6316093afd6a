// Formats CSL-JSON items with citeproc-js, the CSL processor inside Zotero (npm package
// `citeproc`, pinned in package-lock.json). public/cite/styles.py keeps one of these running per
// process and talks to it one JSON line at a time:
//
// in:  {"locale": "<path to locales-xx-XX.xml>", "styles": {"<name>": "<path to .csl>", …},
//       "items": [CSL-JSON item, …]}
// out: {"<name>": [{"bibliography": "<html>", "note": "<html>"}, …], …}   (one per item, in
//       order; "note" is the first-note form in a note style, else "")
// or   {"error": "<message>"}
//
// A page's numbered notes, in one request (a note style):
// in:  {"locale": …, "style": "<path to .csl>", "items": [CSL-JSON item, …],
//       "notes": [{"id": "<item id>", "locator": "<text>", "number": <note number>}, …]}
// out: {"notes": ["<html>", …]}   (one per note, in order: the first note to a source in full,
//       every later one as citeproc-js gives a "subsequent" position, which the Chicago style
//       shortens)
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
function engine(stylePath, localePath, purpose = "items") {
  const key = `${purpose}\n${stylePath}\n${localePath}`;
  if (!engines.has(key)) {
    const sys = {
      retrieveLocale: () => read(localePath),
      retrieveItem: (id) => current.get(id),
    };
    const processor = new CSL.Engine(sys, read(stylePath), "en-US", true);
    if (purpose === "notes") {
      // Notes print a source's URL or DOI as a link, as the pages always did.
      processor.opt.development_extensions.wrap_url_and_doi = true;
    }
    engines.set(key, processor);
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

// The notes of one page: citeproc-js works out each note's position (first, subsequent, ibid)
// from the notes before it, as a word processor plugin would for a document. The processor is
// emptied before and after, so that no note of one page counts as cited on the next.
function renderNotes(request) {
  const processor = engine(request.style, request.locale, "notes");
  current.clear();
  for (const item of request.items) current.set(item.id, item);
  const citations = request.notes.map((note, index) => {
    const cite = { id: note.id };
    if (note.locator) cite.locator = note.locator;
    return {
      citationID: `note-${index}`,
      citationItems: [cite],
      properties: { noteIndex: note.number },
    };
  });
  processor.restoreProcessorState([]);
  let rendered;
  try {
    rendered = processor.rebuildProcessorState(citations, "html");
  } finally {
    processor.restoreProcessorState([]);
    current.clear();
  }
  return { notes: rendered.map(([, , html]) => html.trim()) };
}

const lines = readline.createInterface({ input: process.stdin, terminal: false });
lines.on("line", (line) => {
  let answer;
  try {
    const request = JSON.parse(line);
    answer = request.notes ? renderNotes(request) : render(request);
  } catch (error) {
    answer = { error: String(error && error.stack ? error.stack : error) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
});
