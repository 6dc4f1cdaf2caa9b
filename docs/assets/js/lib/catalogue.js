// @ts-check
/**
 * The course catalogue, course.json (written by hooks/course_pages.py from src/course/model.py): modules in
 * order, lessons by id (title, url, module, duration, quizzes), aliases
 * (former lesson id -> current id) and assessments (module checks, the final). It comes from our own server but is read
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
 * @property {Record<string, CatalogueAssessment>} assessments module checks by module id, and "final"
 */
/**
 * @typedef {object} CatalogueAssessment
 * @property {"module" | "final"} kind
 * @property {string | null} module
 * @property {string} title
 * @property {string} url
 * @property {number} passMark percent
 * @property {number} questions
 * @property {number} draw
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
    assessments: validAssessments(data.assessments),
    order: modules.reduce(function (/** @type {string[]} */ ids, m) {
      return ids.concat(m.lessons.filter(function (id) { return data.lessons[id]; }));
    }, []),
  };
}

/**
 * The assessments of course.json, well-formed ones only.
 * @param {any} value
 * @returns {Record<string, CatalogueAssessment>}
 */
function validAssessments(value) {
  /** @type {Record<string, CatalogueAssessment>} */
  const out = {};
  if (!value || typeof value !== "object" || Array.isArray(value)) return out;
  Object.keys(value).forEach(function (id) {
    const a = value[id];
    if (!a || typeof a !== "object" || (a.kind !== "module" && a.kind !== "final")) return;
    if (typeof a.url !== "string" || typeof a.title !== "string") return;
    const mark = Number.isInteger(a.passMark) && a.passMark >= 0 && a.passMark <= 100 ? a.passMark : 80;
    out[id] = {
      kind: a.kind,
      module: typeof a.module === "string" ? a.module : null,
      title: a.title,
      url: a.url,
      passMark: mark,
      questions: Number.isInteger(a.questions) ? a.questions : 0,
      draw: Number.isInteger(a.draw) ? a.draw : 0,
    };
  });
  return out;
}
