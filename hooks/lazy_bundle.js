/* Material's JavaScript bundle, loaded on the learner's first interaction,
   and its search index, loaded when the learner first opens search
   (hooks/lazy_bundle.py puts this in place of the bundle's <script> tag).
   Until then the page is HTML and CSS: readable, navigable by links, with the
   drawer, skip link, quizzes and progress working (they do not need the
   bundle). The first pointer move, touch, key, wheel, scroll or focus asks for
   the bundle; it starts when the browser is next idle, after that interaction
   has been handled. */
(function (src) {
  var EVENTS = ["pointerdown", "pointermove", "touchstart", "keydown", "wheel", "scroll", "focusin"];
  var OPTIONS = { capture: true, passive: true };
  var requested = false;
  // This script runs while the page is parsed, before DOMContentLoaded, which
  // fires once every deferred script has run.
  var parsed = false;
  document.addEventListener("DOMContentLoaded", function () { parsed = true; }, { once: true });

  function ready(state) {
    window.__sacBundle = state; // "ready" or "failed"; read by tests
    window.dispatchEvent(new CustomEvent("sac:bundle", { detail: state }));
  }

  function inject() {
    var add = document.addEventListener;
    // Material's document$ emits on DOMContentLoaded, which has passed when a
    // learner first interacts: a DOMContentLoaded listener added while the
    // bundle starts is called right away, as if the bundle had been deferred.
    if (document.readyState !== "loading") {
      document.addEventListener = function (type, listener) {
        if (type !== "DOMContentLoaded") return add.apply(this, arguments);
        var event = new Event(type);
        Promise.resolve().then(function () {
          if (typeof listener === "function") listener.call(document, event);
          else if (listener && typeof listener.handleEvent === "function") listener.handleEvent(event);
        });
      };
    }
    var script = document.createElement("script");
    script.src = src;
    script.onload = script.onerror = function (event) {
      document.addEventListener = add;
      ready(event.type === "load" ? "ready" : "failed");
    };
    document.body.appendChild(script);
  }

  function request() {
    if (requested) return;
    requested = true;
    EVENTS.forEach(function (type) { window.removeEventListener(type, request, OPTIONS); });
    if (window.requestIdleCallback) window.requestIdleCallback(inject, { timeout: 300 });
    else window.setTimeout(inject, 50);
  }

  EVENTS.forEach(function (type) { window.addEventListener(type, request, OPTIONS); });
  // An address that asks for a search (?q=) is a request for the bundle.
  if (/[?&]q=/.test(location.search)) request();

  /* Until the bundle runs, the interaction that asks for it would be lost
     where only the bundle handles it: opening search. A tap on the search
     button opens the search overlay (a CSS checkbox); the field gets focus
     here, inside the tap, so a phone shows its keyboard. Material's keys for
     search ("/", "s", "f", outside a text field) open it the same way. */
  function openSearch() {
    var toggle = document.getElementById("__search");
    var field = document.querySelector("[data-md-component=search-query]");
    if (!toggle || !field) return false;
    toggle.checked = true;
    field.focus();
    return true;
  }
  document.addEventListener("change", function (event) {
    if (window.document$ || !event.target || event.target.id !== "__search" || !event.target.checked) return;
    openSearch();
  }, true);
  document.addEventListener("keydown", function (event) {
    if (window.document$ || event.ctrlKey || event.metaKey || event.altKey) return;
    if (["/", "s", "f"].indexOf(event.key) === -1) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName))) return;
    if (openSearch()) event.preventDefault();
  }, true);

  /* The search index (the largest file a visit moves after the bundle, and it
     grows with every lesson) is fetched when the learner first opens search,
     not when the bundle starts: Material requests it at start-up with
     XMLHttpRequest, so that one request is held until the search field gets
     focus (Material focuses it whenever search opens) or the address asks for
     a search (?q=) or for highlighted results (?h=). */
  var wanted = /[?&][qh]=/.test(location.search);
  var held = [];
  var INDEX = /\/search\/search_index\.json(?:[?#]|$)/;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.__sacIndex = INDEX.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.__sacIndex && !wanted) {
      held.push([this, arguments]);
      return undefined;
    }
    return send.apply(this, arguments);
  };
  function searchWanted(event) {
    var target = event.target;
    if (!(target instanceof Element && target.matches("[data-md-component=search-query], #__search"))) return;
    if (wanted) return;
    wanted = true;
    held.splice(0).forEach(function (call) { send.apply(call[0], call[1]); });
  }
  document.addEventListener("focusin", searchWanted, true);
  document.addEventListener("change", searchWanted, true);

  /* For our scripts (the ES modules progress.js, and the page scripts
     progress-page.js, assignments.js and team-progress.js, through
     everyPage() in docs/assets/js/lib/site.js): sacEveryPage(fn) calls fn()
     for this page once it is parsed and every deferred and module script has
     run, and, once the bundle is there, for every page instant navigation
     shows (Material's document$, which also repeats the current page: fn must
     be safe to call twice). A module runs once per document, so it calls this
     once. This script sits at the end of the body, so it has run before any
     deferred or module script. */
  window.sacEveryPage = function (fn) {
    function follow() {
      if (!window.document$ || typeof window.document$.subscribe !== "function") return false;
      window.document$.subscribe(function () { fn(); });
      return true;
    }
    if (follow()) return;
    // In a task of its own, not in the one that runs every deferred script and
    // DOMContentLoaded: shorter tasks while the page loads (Total Blocking Time).
    function later() { window.setTimeout(function () { fn(); }, 0); }
    if (parsed) later();
    else document.addEventListener("DOMContentLoaded", later, { once: true });
    window.addEventListener("sac:bundle", follow, { once: true });
  };
})(BUNDLE_URL);
