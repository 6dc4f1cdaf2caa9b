// @ts-check
/**
 * Where the site is, and when a page is shown.
 *
 * siteRoot(): absolute URL of the site root, ending in "/". A page marked
 * data-site-root (written by hooks/team_leads.py relative to that page) wins,
 * because Material's __config "base" is relative to the first page loaded and
 * instant navigation does not update it; otherwise __config's base, resolved
 * against the current address (right on the page the script arrived on).
 *
 * everyPage(fn): fn() for this page and for every page Material's instant
 * navigation shows (window.sacEveryPage, defined inline by hooks/lazy_bundle.js,
 * which follows document$ once Material's bundle has loaded). fn must be safe
 * to call twice for one page.
 */

/** @returns {string} */
export function siteRoot() {
  try {
    const marked = document.querySelector("[data-site-root]");
    if (marked) return new URL(marked.getAttribute("data-site-root") || "./", location.href).href;
  } catch (e) {
    /* fall back to __config */
  }
  let base = ".";
  try {
    const config = document.getElementById("__config");
    const parsed = config ? JSON.parse(config.textContent || "") : null;
    if (parsed && typeof parsed.base === "string") base = parsed.base || ".";
  } catch (e) {
    /* keep "." */
  }
  try {
    return new URL(base.replace(/\/?$/, "/"), location.href).href;
  } catch (e) {
    return location.origin + "/";
  }
}

/**
 * @param {() => void} fn
 */
export function everyPage(fn) {
  if (typeof window.sacEveryPage === "function") {
    window.sacEveryPage(fn);
    return;
  }
  // Without the loader (a theme change): this page only.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn, { once: true });
  else window.setTimeout(fn, 0);
}
