/* Selling as Connection under `mkdocs serve`: no offline copy.

   hooks/offline.py writes this file as sw.js in the preview, where pages change
   with every edit. A worker left on this address by a built copy of the site
   (make build, then a server on the same port) would otherwise keep answering
   with the old pages: the browser checks sw.js on each page load, finds this
   one, and it removes the offline copy of this scope, unregisters itself and
   reloads the open pages from the preview. */
"use strict";

self.addEventListener("install", function () {
  self.skipWaiting();
});

self.addEventListener("activate", function (event) {
  var scope = self.registration.scope;
  event.waitUntil(
    self.caches
      .keys()
      .then(function (names) {
        return Promise.all(
          names
            .filter(function (name) {
              var found = /^sac-offline-v\d+-(.*)$/.exec(name);
              return !!found && found[1] === scope;
            })
            .map(function (name) { return self.caches.delete(name); })
        );
      })
      .then(function () { return self.registration.unregister(); })
      .then(function () { return self.clients.matchAll({ type: "window" }); })
      .then(function (windows) {
        windows.forEach(function (client) { client.navigate(client.url); });
      })
  );
});
