// The course offline: the footer's status (docs/assets/js/lib/offline.js) and the
// service worker's own logic (src/course/offline/sw.js, sw-preview.js), run in a
// node:vm context with a fake worker scope and a fake Workbox. The real worker,
// with the real Workbox in Chromium: tests/browser/test_offline_browser.py.
import test from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";
import { MESSAGES, offlineStatus } from "../../docs/assets/js/lib/offline.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const OFFLINE = join(ROOT, "src/course/offline");
const SCOPE = "https://example.org/selling-as-connection/";

// ------------------------------------------------------------------ the status

test("the footer's state: a kept copy first, then what is happening, then why not", () => {
  const s = (facts) => offlineStatus(facts).state;
  assert.equal(s({ supported: false, active: true }), "unsupported");
  assert.equal(s(null), "unsupported");
  assert.equal(s({ supported: true }), "pending");
  assert.equal(s({ supported: true, registered: true, installing: true }), "saving");
  assert.equal(s({ supported: true, active: true }), "ready");
  assert.equal(s({ supported: true, active: true, online: true }), "ready");
  assert.equal(s({ supported: true, active: true, online: false }), "offline");
  // An update being downloaded does not hide that a copy is kept.
  assert.equal(s({ supported: true, active: true, installing: true }), "ready");
  assert.equal(s({ supported: true, active: true, waiting: true }), "update");
  assert.equal(s({ supported: true, active: true, waiting: true, online: false }), "update");
  assert.equal(s({ supported: true, failed: true }), "failed");
  assert.equal(s({ supported: true, failed: true, active: true }), "ready");
  assert.equal(s({ supported: true, saveData: true }), "manual");
  assert.equal(s({ supported: true, saveData: true, registered: true }), "pending");
  assert.equal(s({ supported: true, saveData: true, active: true }), "ready");
});

test("every state has a sentence (but pending), and a button only where the learner can act", () => {
  for (const [state, [text, action]] of Object.entries(MESSAGES)) {
    assert.equal(text === "", state === "pending", state);
    assert.equal(action !== "", state === "failed" || state === "manual", state);
    assert.ok(text.length <= 80, state + " fits a footer line on a phone");
  }
  assert.deepEqual(offlineStatus({ supported: true, failed: true }), {
    state: "failed",
    text: "The course could not be saved for offline use.",
    action: "Try again",
  });
});

test("lib/offline.js is pure, and offline.js adds one module to what every page loads", () => {
  const JS = join(ROOT, "docs/assets/js");
  const code = readFileSync(join(JS, "lib/offline.js"), "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
  assert.doesNotMatch(code, /\b(window|document|localStorage|location|navigator)\b/);
  assert.doesNotMatch(code, /^\s*import\s/m);
  const page = readFileSync(join(JS, "offline.js"), "utf8");
  const imported = [...page.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]).sort();
  // lib/dom.js and lib/site.js come with progress.js on every page already.
  assert.deepEqual(imported, ["./lib/dom.js", "./lib/offline.js", "./lib/site.js"]);
  assert.doesNotMatch(page.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ""), /localStorage|innerHTML/);
});

// ------------------------------------------------------------- the worker, faked

/** A worker scope with a fake Workbox; `windows` clients, `waiting` worker or not. */
function workerScope({ windows = 1, waiting = true, cacheNames = [] } = {}) {
  const listeners = {};
  const log = [];
  const names = new Set(cacheNames);
  const routed = [];
  const waitingWorker = waiting ? { postMessage: (message) => log.push(["postMessage", message]) } : null;
  const self = {
    registration: {
      scope: SCOPE,
      waiting: waitingWorker,
      unregister: async () => { log.push(["unregister"]); return true; },
    },
    clients: {
      matchAll: async (options) => {
        log.push(["matchAll", options]);
        return Array.from({ length: windows }, (_, i) => ({
          url: SCOPE + "page" + i + "/",
          navigate: async (url) => log.push(["navigate", url]),
        }));
      },
      claim: async () => log.push(["claim"]),
    },
    caches: {
      keys: async () => [...names],
      delete: async (name) => { log.push(["delete", name]); return names.delete(name); },
    },
    addEventListener: (type, fn) => { (listeners[type] ||= []).push(fn); },
    skipWaiting: () => log.push(["skipWaiting"]),
  };
  const workbox = {
    precaching: {
      PrecacheController: class {
        constructor(options) { log.push(["controller", options]); this.list = []; }
        addToCacheList(list) { this.list.push(...list); }
        install() { log.push(["install"]); return Promise.resolve(); }
        activate() { log.push(["activate"]); return Promise.resolve(); }
      },
      PrecacheRoute: class {
        constructor(controller, options) { this.controller = controller; this.options = options; }
      },
    },
    routing: {
      Router: class {
        registerRoute(route) { routed.push(route); }
        handleRequest({ request }) {
          log.push(["router", request.url]);
          return request.url.includes("listed") ? Promise.resolve("from the cache") : undefined;
        }
      },
    },
  };
  const imported = [];
  const context = vm.createContext({
    self,
    workbox,
    importScripts: (...urls) => imported.push(...urls),
    Response,
    Promise,
    fetch: async (request) => "from the network: " + request.url,
  });
  return { context, listeners, log, names, routed, imported };
}

/** An object from the vm's realm as a plain one of this realm (deepEqual compares prototypes). */
const plain = (value) => JSON.parse(JSON.stringify(value));

function run(file, scope) {
  vm.runInContext(readFileSync(join(OFFLINE, file), "utf8"), scope.context, { filename: file });
  return scope;
}

/** Dispatch a fetch event; returns the promise given to respondWith, or undefined. */
function fetchEvent(scope, request) {
  let responded;
  const event = { request, respondWith: (promise) => { responded = Promise.resolve(promise); }, waitUntil() {} };
  scope.listeners.fetch.forEach((fn) => fn(event));
  return responded;
}

const NAVIGATION = { mode: "navigate", method: "GET", url: SCOPE + "connection/listed/#key-takeaways" };

test("sw.js loads Workbox from the site, in order, and keeps one cache named for its scope", () => {
  const scope = run("sw.js", workerScope());
  assert.deepEqual(scope.imported, ["core", "routing", "strategies", "precaching"].map(
    (name) => "assets/workbox/workbox-" + name + ".prod.js"));
  assert.deepEqual(plain(scope.log[0]), ["controller", { cacheName: "sac-offline-v1-" + SCOPE }]);
  assert.equal(scope.routed.length, 1);
  const options = scope.routed[0].options;
  assert.equal(options.cleanURLs, false);
  assert.ok(options.ignoreURLParametersMatching.some((pattern) => pattern.test("h")), "?h= is ignored");
  for (const type of ["install", "activate", "fetch", "message"]) assert.equal(scope.listeners[type].length, 1, type);
});

test("a page load with a newer version waiting and no other tab: hand over and reload", async () => {
  const scope = run("sw.js", workerScope({ windows: 1 }));
  const response = await fetchEvent(scope, NAVIGATION);
  assert.ok(response instanceof Response);
  const body = await response.text();
  assert.match(body, /location\.reload\(\)/, "reloads itself (a Refresh to a #fragment address only scrolls)");
  assert.match(body, /controllerchange/, "once the new version is in charge");
  assert.equal(response.headers.get("Refresh"), null);
  assert.deepEqual(plain(scope.log.find((entry) => entry[0] === "postMessage")), ["postMessage", { type: "sac:take-over" }]);
  assert.deepEqual(plain(scope.log.find((entry) => entry[0] === "matchAll")), ["matchAll", { type: "window" }]);
  assert.ok(!scope.log.some((entry) => entry[0] === "router"), "the old version serves nothing");
});

test("the first tab of the course (no window yet) hands over too", async () => {
  const scope = run("sw.js", workerScope({ windows: 0 }));
  assert.ok((await fetchEvent(scope, NAVIGATION)) instanceof Response);
});

test("with another tab open, the running version keeps serving its own files", async () => {
  const scope = run("sw.js", workerScope({ windows: 2 }));
  assert.equal(await fetchEvent(scope, NAVIGATION), "from the cache");
  assert.ok(!scope.log.some((entry) => entry[0] === "postMessage"));
  const unlisted = { ...NAVIGATION, url: SCOPE + "not-kept/" };
  assert.equal(await fetchEvent(scope, unlisted), "from the network: " + unlisted.url);
});

test("no newer version: the precache answers what it lists, and nothing else is touched", async () => {
  const scope = run("sw.js", workerScope({ waiting: false }));
  assert.equal(await fetchEvent(scope, NAVIGATION), "from the cache");
  assert.equal(await fetchEvent(scope, { mode: "cors", method: "GET", url: SCOPE + "listed.js" }), "from the cache");
  // Not listed (another origin's, or a file the list leaves out): no respondWith at all,
  // so the browser fetches it as if there were no worker.
  assert.equal(fetchEvent(scope, { mode: "no-cors", method: "GET", url: "https://elsewhere.example/x.js" }), undefined);
  assert.equal(fetchEvent(scope, { mode: "navigate", method: "GET", url: SCOPE + "sw.js" }), undefined);
});

test("a script's fetch or a POST never triggers the hand-over", async () => {
  const scope = run("sw.js", workerScope({ windows: 1 }));
  assert.equal(await fetchEvent(scope, { mode: "cors", method: "GET", url: SCOPE + "listed/" }), "from the cache");
  assert.equal(fetchEvent(scope, { mode: "navigate", method: "POST", url: SCOPE + "x/" }), undefined);
  assert.ok(!scope.log.some((entry) => entry[0] === "postMessage"));
});

test("take-over message: the waiting version activates", () => {
  const scope = run("sw.js", workerScope());
  scope.listeners.message[0]({ data: { type: "sac:take-over" } });
  scope.listeners.message[0]({ data: "anything else" });
  scope.listeners.message[0]({ data: null });
  assert.deepEqual(scope.log.filter((entry) => entry[0] === "skipWaiting"), [["skipWaiting"]]);
});

test("activation removes this scope's caches of other formats, never another course's, then claims", async () => {
  const other = "https://example.org/another-course/";
  const scope = run("sw.js", workerScope({
    cacheNames: [
      "sac-offline-v1-" + SCOPE,
      "sac-offline-v0-" + SCOPE,
      "sac-offline-v2-" + SCOPE,
      "sac-offline-v1-" + other,
      "sac-offline-v1-" + SCOPE + "nested/",
      "workbox-precache-v2-" + SCOPE,
    ],
  }));
  let waited;
  scope.listeners.activate[0]({ waitUntil: (promise) => { waited = promise; } });
  await waited;
  assert.deepEqual(scope.log.filter((entry) => entry[0] === "delete").map((entry) => entry[1]).sort(),
    ["sac-offline-v0-" + SCOPE, "sac-offline-v2-" + SCOPE]);
  const order = scope.log.map((entry) => entry[0]);
  assert.ok(order.indexOf("activate") < order.indexOf("delete"));
  assert.equal(order[order.length - 1], "claim");
});

test("the preview's worker removes this scope's offline copy, unregisters and reloads the pages", async () => {
  const other = "https://example.org/another-course/";
  const scope = run("sw-preview.js", workerScope({
    windows: 2,
    cacheNames: ["sac-offline-v1-" + SCOPE, "sac-offline-v1-" + other, "unrelated"],
  }));
  scope.listeners.install[0]({});
  let waited;
  scope.listeners.activate[0]({ waitUntil: (promise) => { waited = promise; } });
  await waited;
  const kinds = scope.log.map((entry) => entry[0]);
  assert.deepEqual(kinds, ["skipWaiting", "delete", "unregister", "matchAll", "navigate", "navigate"]);
  assert.deepEqual(scope.log[1], ["delete", "sac-offline-v1-" + SCOPE]);
  assert.equal(scope.listeners.fetch, undefined, "answers nothing: the preview serves every page");
});
