// @ts-check
/**
 * The one DOM helper every script uses to build elements.
 *
 * el(tag, attrs, text): attrs are set with setAttribute ("className" sets the
 * class; use "" for boolean attributes such as hidden); text, when given, is
 * set with textContent. Data never goes through innerHTML, so a stored,
 * linked or pasted value can only ever become text.
 */

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, string> | null} [attrs]
 * @param {string | number | null} [text]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, attrs, text) {
  const node = document.createElement(tag);
  Object.keys(attrs || {}).forEach(function (name) {
    const value = /** @type {Record<string, string>} */ (attrs)[name];
    if (name === "className") node.className = value;
    else node.setAttribute(name, value);
  });
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}
