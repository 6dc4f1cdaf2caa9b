// @ts-check
/**
 * Assessments (module checks and the final assessment, issue 15): drawing the
 * questions of an attempt, scoring it, and the results kept in progress.
 *
 * A bank question is {id, module}: the quiz's element id ("quiz-3") and the
 * module it belongs to. An attempt draws `count` questions: all of a module
 * check's, or for the final assessment a stratified draw (the modules take
 * turns, in a random order, so every module is asked about; within a module
 * the questions are random). Every attempt draws anew.
 *
 * A result (stored under progress.assessments[<id>], see lib/state.js):
 *   {"percent": 83, "correct": 10, "total": 12, "passed": true,
 *    "at": "2026-12-01T10:00:00.000Z",
 *    "modules": {"connection": {"correct": 2, "total": 3}, ...}}
 * and the record of an assessment keeps the first attempt, the best one (the
 * highest percent; the earlier of equal ones) and the number of attempts.
 *
 * The percent is rounded down, so a pass is never rounded into being.
 *
 * Pure: no browser API (tests/js/ imports it).
 */

/**
 * @typedef {object} BankQuestion
 * @property {string} id
 * @property {string} module
 */
/**
 * @typedef {object} ModuleScore
 * @property {number} correct
 * @property {number} total
 */
/**
 * @typedef {object} Result
 * @property {number} percent 0-100, rounded down
 * @property {number} correct
 * @property {number} total
 * @property {boolean} passed percent >= the pass mark
 * @property {string | null} at ISO 8601 time of the submission
 * @property {Record<string, ModuleScore>} modules
 */
/**
 * @typedef {object} AssessmentRecord
 * @property {number} attempts
 * @property {Result | null} first
 * @property {Result | null} best
 */

/**
 * Fisher-Yates shuffle of a copy.
 * @template T
 * @param {T[]} items
 * @param {() => number} random in [0, 1)
 * @returns {T[]}
 */
export function shuffle(items, random) {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    const t = out[i];
    out[i] = out[j];
    out[j] = t;
  }
  return out;
}

/**
 * The questions of one attempt, in the order they are asked.
 * @param {BankQuestion[]} bank
 * @param {number} count how many to draw (all when >= the bank)
 * @param {() => number} random in [0, 1)
 * @returns {BankQuestion[]}
 */
export function drawQuestions(bank, count, random) {
  /** @type {Record<string, BankQuestion[]>} */
  const byModule = {};
  bank.forEach(function (q) {
    (byModule[q.module] = byModule[q.module] || []).push(q);
  });
  const modules = shuffle(Object.keys(byModule), random);
  const piles = modules.map(function (m) { return shuffle(byModule[m], random); });
  const drawn = [];
  const wanted = Math.min(count, bank.length);
  while (drawn.length < wanted) {
    for (let i = 0; i < piles.length && drawn.length < wanted; i += 1) {
      const next = piles[i].shift();
      if (next) drawn.push(next);
    }
  }
  return shuffle(drawn, random);
}

/**
 * Score an attempt.
 * @param {Array<{module: string, correct: boolean}>} answers one per question asked
 *   (an unanswered question is not correct)
 * @param {number} passMark percent
 * @param {Date} [now]
 * @returns {Result}
 */
export function scoreAttempt(answers, passMark, now) {
  /** @type {Record<string, ModuleScore>} */
  const modules = {};
  let correct = 0;
  answers.forEach(function (a) {
    const m = (modules[a.module] = modules[a.module] || { correct: 0, total: 0 });
    m.total += 1;
    if (a.correct) {
      m.correct += 1;
      correct += 1;
    }
  });
  const total = answers.length;
  const percent = total ? Math.floor((correct * 100) / total) : 0;
  return { percent, correct, total, passed: total > 0 && percent >= passMark, at: (now || new Date()).toISOString(), modules };
}

/**
 * @param {unknown} n
 * @returns {number}
 */
function count(n) {
  return typeof n === "number" && Number.isInteger(n) && n >= 0 && n <= 1000 ? n : 0;
}

/**
 * One stored result, repaired, or null.
 * @param {unknown} value
 * @returns {Result | null}
 */
export function cleanResult(value) {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const raw = /** @type {Record<string, any>} */ (value);
  const total = count(raw.total);
  const correct = Math.min(count(raw.correct), total);
  if (!total) return null;
  const at = typeof raw.at === "string" && raw.at.length <= 40 && !isNaN(Date.parse(raw.at))
    ? new Date(raw.at).toISOString() : null;
  /** @type {Record<string, ModuleScore>} */
  const modules = {};
  if (raw.modules && typeof raw.modules === "object" && !Array.isArray(raw.modules)) {
    Object.keys(raw.modules).slice(0, 50).forEach(function (m) {
      const s = raw.modules[m];
      if (/^[a-z0-9][a-z0-9-]{0,59}$/.test(m) && s && typeof s === "object") {
        const t = count(s.total);
        if (t) modules[m] = { correct: Math.min(count(s.correct), t), total: t };
      }
    });
  }
  const percent = Math.floor((correct * 100) / total);
  // "passed" is kept as stored: the pass mark is the page's, not known here.
  return { percent, correct, total, passed: raw.passed === true, at, modules };
}

/**
 * @param {Result | null} a
 * @param {Result | null} b
 * @returns {Result | null} the earlier (an unknown time counts as later)
 */
function earlier(a, b) {
  if (!a) return b;
  if (!b) return a;
  const ta = a.at || "~";
  const tb = b.at || "~";
  if (ta !== tb) return ta < tb ? a : b;
  return a.percent <= b.percent ? a : b;
}

/**
 * @param {Result | null} a
 * @param {Result | null} b
 * @returns {Result | null} the better (higher percent; then passed; then the earlier)
 */
function better(a, b) {
  if (!a) return b;
  if (!b) return a;
  if (a.percent !== b.percent) return a.percent > b.percent ? a : b;
  if (a.passed !== b.passed) return a.passed ? a : b;
  return earlier(a, b);
}

/**
 * One assessment's record, repaired, or null.
 * @param {unknown} value
 * @returns {AssessmentRecord | null}
 */
export function cleanAssessment(value) {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const raw = /** @type {Record<string, any>} */ (value);
  const first = cleanResult(raw.first);
  const best = better(cleanResult(raw.best), first);
  if (!first && !best) return null;
  return { attempts: Math.max(count(raw.attempts), 1), first: first || best, best };
}

/**
 * Add an attempt's result to a record (either may be missing).
 * @param {AssessmentRecord | null | undefined} record
 * @param {Result} result
 * @returns {AssessmentRecord}
 */
export function addAttempt(record, result) {
  if (!record) return { attempts: 1, first: result, best: result };
  return {
    attempts: record.attempts + 1,
    first: earlier(record.first, result),
    best: better(record.best, result),
  };
}

/**
 * Merge two records of one assessment (two tabs, an import): the earlier first
 * attempt, the better best, the larger number of attempts. Commutative,
 * associative and idempotent.
 * @param {AssessmentRecord | null | undefined} a
 * @param {AssessmentRecord | null | undefined} b
 * @returns {AssessmentRecord | null}
 */
export function mergeAssessments(a, b) {
  if (!a) return b || null;
  if (!b) return a;
  return {
    attempts: Math.max(a.attempts, b.attempts),
    first: earlier(a.first, b.first),
    best: better(a.best, b.best),
  };
}
