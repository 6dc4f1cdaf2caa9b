// @ts-check
/**
 * Files the learner or lead saves: made in the browser from text, never sent
 * anywhere.
 *
 * downloadLink(anchor, ...): point a link at the text (the previous object URL
 * of that link, and those of links no longer in the page, are released).
 * downloadNow(...): save at once (a temporary link is clicked; its URL is
 * released after 10 s).
 */

/** @type {Array<{anchor: HTMLAnchorElement, url: string}>} */
let objectUrls = [];

/**
 * @param {HTMLAnchorElement} anchor
 * @param {string} text
 * @param {string} type MIME type
 * @param {string} filename
 */
export function downloadLink(anchor, text, type, filename) {
  // Release the link's previous file, and those of links no longer on the page
  // (instant navigation swapped them out).
  objectUrls = objectUrls.filter(function (u) {
    const stale = u.anchor === anchor || !u.anchor.isConnected;
    if (stale) URL.revokeObjectURL(u.url);
    return !stale;
  });
  const url = URL.createObjectURL(new Blob([text], { type: type }));
  objectUrls.push({ anchor: anchor, url: url });
  anchor.href = url;
  anchor.setAttribute("download", filename);
}

/**
 * Save `text` as a file now. Throws when the browser cannot make the file.
 * @param {string} text
 * @param {string} type MIME type
 * @param {string} filename
 */
export function downloadNow(text, type, filename) {
  const url = URL.createObjectURL(new Blob([text], { type: type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
}
