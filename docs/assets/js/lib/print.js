// @ts-check
/**
 * Print one part of a page: a class on <html> selects it in course.css's
 * print styles while the print dialog is open, and is removed on
 * "afterprint" (or when print() fails, or `fallbackMs` after print() returns,
 * for browsers that never fire afterprint).
 */

/**
 * @param {string} className
 * @param {number} [fallbackMs]
 */
export function printWithClass(className, fallbackMs) {
  const root = document.documentElement;
  root.classList.add(className);
  const done = function () {
    root.classList.remove(className);
    window.removeEventListener("afterprint", done);
  };
  window.addEventListener("afterprint", done);
  try {
    window.print();
  } catch (e) {
    done();
    return;
  }
  if (fallbackMs) window.setTimeout(done, fallbackMs);
}
