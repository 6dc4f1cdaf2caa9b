// @ts-check
/**
 * The course offline, on every built page (hooks/offline.py adds this module at
 * the end of each page; `mkdocs serve` has no offline copy and no such script).
 *
 * - Registers the service worker (sw.js at the site root, written by the build
 *   from src/course/offline/sw.js) once the page has loaded and the browser is
 *   idle, so it never competes with the page for the network or the main
 *   thread; the worker then downloads the course in the background. With Data
 *   Saver on, nothing downloads until the learner presses "Save for offline
 *   use". The worker's URL and scope come from this module's own URL
 *   (assets/js/ -> ../../), so they are right under any sub-path.
 * - Shows whether the course is available offline in every page's footer
 *   (the [data-offline-status] line of overrides/partials/copyright.html, with
 *   data-state set for tests and styles; the sentences: lib/offline.js). The
 *   footer is replaced by instant navigation, so it is drawn again for every
 *   page (lib/site.js everyPage); a change while a page is shown is announced
 *   politely (aria-live), the first sentence of each page is not.
 *
 * - Keeps a page on one version: when a newer version of the course takes over
 *   while this page (from the older one) is open, in another tab's page load
 *   (see sw.js, "Update"), this page's next step to another page of the course
 *   (a link, or back and forward) is a full page load from the new version,
 *   not Material's instant navigation, which would put the new version's
 *   content into this page's older scripts and styles.
 *
 * Progress stays in localStorage (store.js); nothing here reads or writes it.
 */
import { el } from "./lib/dom.js";
import { offlineStatus } from "./lib/offline.js";
import { everyPage } from "./lib/site.js";

var WORKER = new URL("../../sw.js", import.meta.url).href;
var SCOPE = new URL("../../", import.meta.url).href;
var container = "serviceWorker" in navigator ? navigator.serviceWorker : null;
var connection = /** @type {any} */ (navigator).connection;

var facts = {
  supported: !!container && window.isSecureContext !== false,
  saveData: !!(connection && connection.saveData),
  registered: false,
  failed: false,
};
/** @type {ServiceWorkerRegistration | null} */
var registration = null;
/** This page was served by a worker (so a later controller is a newer version). */
var controlled = !!(container && container.controller);
/** A newer version took over while this page is open: leave it by full page loads. */
var stale = false;

function current() {
  return offlineStatus({
    supported: facts.supported,
    saveData: facts.saveData,
    registered: facts.registered,
    failed: facts.failed,
    active: !!(registration && registration.active),
    installing: !!(registration && registration.installing),
    waiting: !!(registration && registration.waiting),
    online: navigator.onLine !== false,
  });
}

function render() {
  try {
    var status = current();
    document.querySelectorAll("[data-offline-status]").forEach(function (node) {
      show(/** @type {HTMLElement} */ (node), status);
    });
  } catch (e) {
    /* the footer line is a convenience: never break the page for it */
  }
}

/**
 * @param {HTMLElement} node
 * @param {import("./lib/offline.js").OfflineStatus} status
 */
function show(node, status) {
  if (node.getAttribute("data-state") !== status.state) {
    node.setAttribute("data-state", status.state);
    var text = node.querySelector("[data-offline-text]");
    if (!text) text = node.appendChild(el("span", { "data-offline-text": "" }));
    text.textContent = status.text;
    var button = node.querySelector("button");
    if (status.action) {
      if (!button) {
        button = node.appendChild(el("button", { type: "button", className: "sac-offline__action" }));
        // Looks like the footer's links (its colour on the dark footer, underlined);
        // set through the CSSOM, which the page's policy allows (no style= in HTML).
        button.style.color = "inherit";
        button.style.textDecoration = "underline";
        button.style.marginLeft = "0.4em";
        button.addEventListener("click", register);
      }
      button.textContent = status.action;
    } else if (button) {
      button.remove();
    }
  }
  // Once the page's first sentence is in, later changes are read out (not that one:
  // a returning learner would hear "Available offline" on every page).
  if (status.state !== "pending" && !node.hasAttribute("aria-live")) {
    node.setAttribute("aria-live", "polite");
  }
}

function register() {
  if (!container || facts.registered) return;
  facts.registered = true;
  facts.failed = false;
  container.register(WORKER, { scope: SCOPE }).then(follow, function () {
    facts.registered = false;
    facts.failed = true;
    render();
  });
  render();
}

/** @param {ServiceWorkerRegistration} found */
function follow(found) {
  registration = found;
  found.addEventListener("updatefound", function () {
    watch(found.installing);
  });
  watch(found.installing);
  watch(found.waiting);
  render();
}

/** @param {ServiceWorker | null} worker */
function watch(worker) {
  if (!worker) return;
  worker.addEventListener("statechange", function () {
    if (worker.state === "redundant" && !(registration && registration.active)) {
      // The download failed (offline, storage full, a file changed on the
      // server mid-deployment): no copy is kept; the learner can try again.
      facts.registered = false;
      facts.failed = true;
    }
    render();
  });
}

/** After the load event, when the browser is next idle. @param {() => void} fn */
function whenIdle(fn) {
  function idle() {
    if (window.requestIdleCallback) window.requestIdleCallback(fn, { timeout: 5000 });
    else window.setTimeout(fn, 1000);
  }
  if (document.readyState === "complete") idle();
  else window.addEventListener("load", idle, { once: true });
}

/** A click on a link to another page of the course, while stale: let the browser
    load it (Material's listener on the body never sees the click).
    @param {MouseEvent} event */
function leaveByPageLoad(event) {
  if (!stale || event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  var target = /** @type {Element | null} */ (event.target);
  var link = target && target.closest ? target.closest("a[href]") : null;
  if (!link || link.hasAttribute("target") || link.hasAttribute("download")) return;
  var to = new URL(/** @type {HTMLAnchorElement} */ (link).href, location.href);
  if (to.href.indexOf(SCOPE) !== 0) return;
  if (to.pathname === location.pathname && to.search === location.search) return; // a #section
  event.stopImmediatePropagation();
}

function start() {
  if (!container || !facts.supported) return;
  container.addEventListener("controllerchange", function () {
    if (controlled) stale = true;
    controlled = true;
    render();
  });
  document.addEventListener("click", leaveByPageLoad, true);
  // Back and forward: Material answers them with instant navigation too.
  window.addEventListener("popstate", function (event) {
    if (!stale) return;
    event.stopImmediatePropagation();
    location.reload();
  });
  window.addEventListener("online", render);
  window.addEventListener("offline", render);
  container
    .getRegistration(SCOPE)
    .then(function (found) {
      // Another site's worker on this origin (a wider scope) is not ours, and a
      // registration whose install failed has no worker: register (try) again.
      if (found && found.scope === SCOPE && (found.active || found.installing || found.waiting)) {
        facts.registered = true;
        follow(found);
      } else if (!facts.saveData) {
        whenIdle(register);
      }
      render();
    })
    .catch(function () {
      if (!facts.saveData) whenIdle(register);
    });
}

try {
  start();
} catch (e) {
  /* a browser that refuses service workers here (private mode): no offline copy */
}
everyPage(render);
