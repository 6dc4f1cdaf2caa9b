// @ts-check
/**
 * Every course page of an LMS package loads this (course.package.variant adds it): it
 * tells the launcher around the page (launcher.js) where the learner is and what the
 * progress store holds, and makes the links the scripts write at run time open files.
 *
 * - In a frame: on load it posts {"type": "sac:hello", "path"} to the parent, merges the
 *   {"type": "sac:restore", "state"} answer into the store (store.js save), and posts
 *   {"type": "sac:state", "path", "state"} now and after every change (Store.subscribe).
 *   Only the parent's messages count, and only to this origin. The launcher also sees the
 *   store's writes through the "storage" event; the messages make it work where storage
 *   is blocked, and give it the page (lesson_location).
 * - Always: a followed link to a folder of this package ("../progress/", written by a
 *   script from a fixed path) opens its index.html (course.package.site rewrote the links
 *   in the HTML at build time; an LMS serves files, not folder indexes).
 */
import * as Store from "../store.js";
import { siteRoot } from "../lib/site.js";

const root = new URL(siteRoot());
const path = decodeURIComponent(location.pathname.slice(root.pathname.length)) || "index.html";
const target = location.origin === "null" ? "*" : location.origin;

/**
 * @param {Record<string, unknown>} message
 */
function post(message) {
  try {
    window.parent.postMessage(message, target);
  } catch (e) {
    /* no launcher to tell */
  }
}

if (window.parent && window.parent !== window) {
  window.addEventListener("message", function (event) {
    if (event.source !== window.parent || !event.data || event.data.type !== "sac:restore") return;
    if (event.data.state) Store.save(event.data.state);
  });
  Store.subscribe(function (state) { post({ type: "sac:state", path: path, state: state }); });
  post({ type: "sac:hello", path: path });
  post({ type: "sac:state", path: path, state: Store.load() });
}

document.addEventListener("click", function (event) {
  const start = /** @type {Element | null} */ (event.target instanceof Element ? event.target : null);
  const link = start ? /** @type {HTMLAnchorElement | null} */ (start.closest("a[href]")) : null;
  if (!link || link.target === "_blank") return;
  let url;
  try {
    url = new URL(link.href, location.href);
  } catch (e) {
    return;
  }
  if (url.origin !== location.origin || !url.pathname.startsWith(root.pathname) || !url.pathname.endsWith("/")) return;
  url.pathname += "index.html";
  link.href = url.href;
}, true);
