// @ts-check
/**
 * The course catalogue, course.json (written by hooks/course_pages.py from src/course/model.py): modules in
 * order, lessons by id (title, url, module, duration, quizzes) and aliases
 * (former lesson id -> current id). It comes from our own server but is read
 * like any input: validCatalogue() keeps only well-formed modules.
 *
 * fetchCourse(root) loads it once per document and address; a failed load is
 * not kept, so a later call tries again. validCatalogue is pure (tests/js/).
 */

/**
 * @typedef {object} CatalogueModule
 * @property {string} id
 * @property {string} title
 * @property {string} [url]
 * @property {string[]} lessons
 */
/**
 * @typedef {object} CatalogueLesson
 * @property {string} [title]
 * @property {string} [url]
 * @property {string} [module]
 * @property {number} [duration]
 * @property {number} [quizzes]
 */
/**
 * @typedef {object} Catalogue
 * @property {CatalogueModule[]} modules
 * @property {Record<string, CatalogueLesson>} lessons
 * @property {Record<string, string>} aliases
 * @property {string[]} order every lesson id, in course order
 */

/** @type {Record<string, Promise<any>>} */
const loads = {};

/**
 * Parsed course.json below `root` (an absolute URL ending in "/"), or null when
 * it cannot be loaded or is not a JSON object.
 * @param {string} root
 * @returns {Promise<any>}
 */
export function fetchCourse(root) {
  const url = new URL("course.json", root).href;
  if (!loads[url]) {
    loads[url] = fetch(url, { credentials: "same-origin" })
      .then(function (r) {
        return r.ok ? r.json() : null;
      })
      .then(function (data) {
        return data && typeof data === "object" ? data : null;
      })
      .catch(function () {
        return null;
      })
      .then(function (data) {
        if (!data) delete loads[url];
        return data;
      });
  }
  return loads[url];
}

/**
 * The catalogue, or null when `data` is not one.
 * @param {any} data parsed course.json
 * @returns {Catalogue | null}
 */
export function validCatalogue(data) {
  if (!data || typeof data !== "object" || !Array.isArray(data.modules)) return null;
  if (!data.lessons || typeof data.lessons !== "object") return null;
  /** @type {CatalogueModule[]} */
  const modules = data.modules.filter(function (/** @type {any} */ m) {
    return m && typeof m.id === "string" && typeof m.title === "string" && Array.isArray(m.lessons);
  });
  return {
    modules: modules,
    lessons: data.lessons,
    aliases: data.aliases && typeof data.aliases === "object" ? data.aliases : {},
    order: modules.reduce(function (/** @type {string[]} */ ids, m) {
      return ids.concat(m.lessons.filter(function (id) { return data.lessons[id]; }));
    }, []),
  };
}
