// The shape of docs/assets/js/: ES modules with // @ts-check, relative
// imports that resolve, pure modules Node can import, no innerHTML, and what
// every page imports (the first visit to a lesson has a byte budget).
import test from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const JS = join(ROOT, "docs/assets/js");
const files = ["", "lib"].flatMap((dir) =>
  readdirSync(join(JS, dir)).filter((f) => f.endsWith(".js")).map((f) => join(JS, dir, f)));
const IMPORT = /^\s*(?:import|export)\s[^;]*?from\s*"([^"]+)"|^\s*import\s*"([^"]+)"/gm;

/** @param {string} file @returns {string[]} absolute paths it imports */
function imports(file) {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(IMPORT)].map((m) => resolve(dirname(file), m[1] || m[2]));
}

/** @param {string} file @returns {Set<string>} every module it needs, itself excluded */
function closure(file) {
  const seen = new Set();
  const walk = (f) => imports(f).forEach((dep) => { if (!seen.has(dep)) { seen.add(dep); walk(dep); } });
  walk(file);
  return seen;
}

// Modules with no browser API at top level or in their functions (tests/js/ tests them).
const PURE = ["anatomy", "ids", "text", "dates", "state", "progress-file", "assignment-link", "report", "csv", "ics",
  "names", "team", "assessment", "review", "dashboard", "xapi", "xapi-vocab", "lms-cmi5", "lms-status"]
  .map((name) => join(JS, "lib", name + ".js"));

test("every module starts with // @ts-check and imports files that exist", () => {
  assert.ok(files.length >= 15);
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    assert.ok(text.startsWith("// @ts-check\n"), relative(ROOT, file));
    for (const dep of imports(file)) assert.ok(existsSync(dep), relative(ROOT, file) + " imports " + dep);
  }
});

test("pure modules import only pure modules and no browser globals", async () => {
  for (const file of PURE) {
    for (const dep of imports(file)) assert.ok(PURE.includes(dep), relative(ROOT, file) + " imports " + relative(ROOT, dep));
    const text = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
    assert.doesNotMatch(text, /\b(window|document|localStorage|location|navigator)\b/, relative(ROOT, file));
    await import(pathToFileURL(file).href); // Node has no DOM: importing proves it
  }
});

test("data never goes into the page as HTML", () => {
  for (const file of files) {
    const code = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
    assert.doesNotMatch(code, /innerHTML|outerHTML|insertAdjacentHTML|document\.write/, relative(ROOT, file));
  }
});

test("every page loads only what every page needs (first-visit budget)", () => {
  const everyPage = [...closure(join(JS, "progress.js"))].map((f) => relative(JS, f)).sort();
  assert.deepEqual(everyPage, ["lib/anatomy.js", "lib/assessment.js", "lib/assignment-link.js", "lib/catalogue.js",
    "lib/dashboard.js", "lib/dates.js", "lib/dom.js", "lib/ids.js", "lib/review.js", "lib/site.js", "lib/state.js",
    "lib/text.js", "lib/view-store.js", "store.js"]);
});

test("mkdocs.yml loads progress.js as a module and nothing else on every page", () => {
  const yml = readFileSync(join(ROOT, "mkdocs.yml"), "utf8");
  const block = yml.split("extra_javascript:")[1].split(/\n\S/)[0];
  const entries = block.split("\n").filter((l) => /^\s+- /.test(l));
  assert.deepEqual(entries.map((l) => l.trim()), ["- path: assets/js/progress.js"]);
  assert.match(block, /type: module/);
});
