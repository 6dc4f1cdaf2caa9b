/* Selling as Connection: the course kept on the learner's device (a service worker).

   Written into the built site as sw.js, at the site's root, by hooks/offline.py
   (course.offline.service_worker fills in the three lines marked "build:").
   Its scope is the folder it is served from, so it only ever answers for this
   copy of the course, also under a sub-path such as /selling-as-connection/.

   - Install: downloads every file of the precache list (pages, assets,
     course.json, the search index), one at a time, each checked against the
     SHA-256 it had at build time (Subresource Integrity). One failure and the
     install fails, so a half-saved course is never used; the page's status
     says so and the next visit tries again.
   - Fetch: a request for a listed file is answered from the cache; nothing
     else is touched (no runtime caching, never another origin's response).
   - Update: a new deployment is a new sw.js (its list changed). The browser
     installs it next to the running one, downloading only the files whose
     revision changed, and keeps it waiting, so every page keeps being served
     from one version. On the next visit (a page load in the learner's only
     tab of the course) the running worker hands over: it tells the new one to
     take over and answers that load with a page that reloads itself at once,
     which the new version answers. Activation removes the
     files the new list no longer holds.

   Workbox's runtime (workbox-core, -routing, -strategies, -precaching; MIT,
   its LICENSE beside the files) is served from the site itself. Why, with the
   figures: tools/decisions/0016-offline-service-worker.md. */
/* global importScripts, workbox */
"use strict";

var BUILD = "dev"; // build: the version of this list (a hash of every url and revision)
var RUNTIME = "assets/workbox/"; // build: Workbox's folder, relative to this file
var PRECACHE = []; // build: [{url, revision, integrity}], urls relative to this file

importScripts(
  RUNTIME + "workbox-core.prod.js",
  RUNTIME + "workbox-routing.prod.js",
  RUNTIME + "workbox-strategies.prod.js",
  RUNTIME + "workbox-precaching.prod.js"
);

/* One cache per copy of the course: the scope is part of its name, so two
   courses on one origin (GitHub Pages project sites share one) never share or
   remove each other's files. CACHE_FORMAT changes only if the way files are
   kept changes; the build's version is in each entry's revision. */
var CACHE_FORMAT = "sac-offline-v1-";
var CACHE = CACHE_FORMAT + self.registration.scope;

var precache = new workbox.precaching.PrecacheController({ cacheName: CACHE });
precache.addToCacheList(PRECACHE);
var router = new workbox.routing.Router();
router.registerRoute(
  new workbox.precaching.PrecacheRoute(precache, {
    // A static site: no query string changes a page (search links add ?h=, and
    // ?q= opens search), so every parameter is ignored when looking a file up.
    ignoreURLParametersMatching: [/./],
    directoryIndex: "index.html",
    cleanURLs: false,
  })
);

self.addEventListener("install", function (event) {
  event.waitUntil(precache.install(event));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    precache
      .activate(event)
      .then(removeOtherFormats)
      // The first install takes over the pages already open (they came from
      // the same build), so instant navigation works offline from then on.
      .then(function () { return self.clients.claim(); })
  );
});

self.addEventListener("message", function (event) {
  var data = event.data;
  if (data && data.type === "sac:take-over") self.skipWaiting();
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (handOverWanted(request, self.registration)) {
    event.respondWith(handOverOrServe(event));
    return;
  }
  var response = router.handleRequest({ event: event, request: request });
  if (response) event.respondWith(response);
});

/** A page load (not a script's fetch) while a newer version waits. */
function handOverWanted(request, registration) {
  return request.mode === "navigate" && request.method === "GET" && !!registration.waiting;
}

/* The page that answers a load while the new version takes over. The new
   version activates only once this worker has no request left in flight (the
   browser waits for that even after skipWaiting), so the page waits for it to
   be in charge (controllerchange, or no worker waiting any more; 3 s at most)
   and then reloads itself, which the new version answers. location.reload(),
   not a Refresh header or <meta http-equiv="refresh">: those navigate to the
   same address, which for an address with a #fragment (assignment links,
   section links) only scrolls. A reload that has not replaced this page 4 s
   later is started again: in Chromium, about one load in five made while the
   new version was activating never finished (tests/browser/test_offline_browser.py
   saw it stay pending after the new version was active), and a second load,
   which cancels it, is answered at once. This page is made here, not by the
   site, so no policy applies to its one inline script. */
var RELOAD =
  '<!doctype html><meta charset="utf-8"><title>Updating the course</title><script>' +
  "(function(){var done=false,sw=navigator.serviceWorker;" +
  "function go(){if(!done){done=true;location.reload();" +
  "setInterval(function(){location.reload();},4000);}}" +
  'sw.addEventListener("controllerchange",go);' +
  "sw.getRegistration().then(function(r){if(!r||!r.waiting)go();},go);" +
  "setTimeout(go,3000);})()" +
  '</script><noscript><meta http-equiv="refresh" content="0"></noscript>';

/** With no other tab of the course open, the new version takes over and this
    load is repeated under it; otherwise this one keeps serving its own files. */
function handOverOrServe(event) {
  return self.clients.matchAll({ type: "window" }).then(function (windows) {
    var waiting = self.registration.waiting;
    if (waiting && windows.length < 2) {
      waiting.postMessage({ type: "sac:take-over" });
      return new Response(RELOAD, { headers: { "Content-Type": "text/html; charset=utf-8" } });
    }
    return router.handleRequest({ event: event, request: event.request }) || fetch(event.request);
  });
}

/** Caches of this scope in another format (a later CACHE_FORMAT's, or an
    earlier one's) are removed; other scopes' caches are left alone. */
function removeOtherFormats() {
  var scope = self.registration.scope;
  return self.caches.keys().then(function (names) {
    return Promise.all(
      names
        .filter(function (name) {
          var found = /^sac-offline-v\d+-(.*)$/.exec(name);
          return name !== CACHE && !!found && found[1] === scope;
        })
        .map(function (name) { return self.caches.delete(name); })
    );
  });
}
