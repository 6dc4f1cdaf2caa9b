// @ts-check
/**
 * Names and titles from untrusted reports: cleaned for display and keying, and
 * compared for look-alikes.
 *
 *   cleanName(value, max) -> string   what the page shows, keys and exports
 *   skeleton(name) -> string          equal for names a person would read alike
 *   scriptsOf(name) -> string[]       the writing systems of its letters
 *
 * cleanName removes what a reader cannot see but a browser acts on: the bidi
 * controls of UAX #9 (Bidi_Control: U+061C, U+200E, U+200F, U+202A-U+202E,
 * U+2066-U+2069, which can show a title reversed) and every other format or
 * default-ignorable character (UAX #44 Default_Ignorable_Code_Point and
 * General_Category Cf: U+00AD, U+200B-U+200D, U+2060-U+2064, U+FEFF, variation
 * selectors, tags...), the invisible characters UTS #39 section 3 and UTR #36
 * section 2 name as spoofing tools. It then applies NFKC (UAX #15), so that
 * compatibility forms (full-width "Ｄａｎａ", ligatures, the micro sign) key as
 * their plain letters, and caps runs of combining marks.
 *
 * skeleton() is after UTS #39 section 4 (skeleton: NFD, map each confusable
 * character to its prototype, NFD), cut down to what a team table needs and
 * case-insensitive on purpose: a lead reads "dana", "Dana" and "Dаna" (Cyrillic
 * "а") as one person. It drops marks ("Zoë" ~ "Zoe"), spaces and name
 * punctuation, maps a hand-picked subset of confusables.txt (Cyrillic, Greek and
 * Armenian letters that look Latin, dotless i), lower-cases, and then folds
 * "i", "l", "1" (and "I") together, "0" into "o", "rn" into "m", "vv" into "w".
 * Two different names with one skeleton are near-duplicates: the page keeps
 * them apart and says so; it never merges them.
 *
 * Pure: no browser API (tests/js/ imports it).
 */

/**
 * Invisible characters: bidi controls, format characters and default
 * ignorables (see the header for the sources).
 */
const INVISIBLE = /[\p{Bidi_Control}\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;
/** More than this many combining marks on one letter are dropped (UAX #15's stream-safe format allows 30). */
const MAX_MARKS = 4;
const MARK_RUN = new RegExp("(\\p{M}{" + MAX_MARKS + "})\\p{M}+", "gu");

/**
 * A name or title as the page shows, keys and exports it: a string only,
 * invisible characters removed, NFKC, control characters as spaces, spaces
 * collapsed, at most `max` UTF-16 units (never half a surrogate pair). Anything
 * but a string gives "".
 * @param {unknown} value
 * @param {number} max
 * @returns {string}
 */
export function cleanName(value, max) {
  if (typeof value !== "string") return "";
  // The cap first bounds the work: NFKC expands a character at most 18 times.
  let text = value.slice(0, max * 8).replace(INVISIBLE, "").normalize("NFKC").replace(INVISIBLE, "");
  text = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, " ").replace(MARK_RUN, "$1")
    .replace(/\s+/g, " ").trim();
  if (text.length > max) {
    text = text.slice(0, max);
    if (/[\ud800-\udbff]$/.test(text)) text = text.slice(0, -1);
    text = text.trim();
  }
  return text;
}

/**
 * Letters that look like Latin ones, from Unicode's confusables.txt (UTS #39):
 * Cyrillic, Greek and Armenian, both cases where both look Latin.
 * @type {Record<string, string>}
 */
const LOOKALIKE = {
  // Cyrillic capitals and small letters
  "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T",
  "Х": "X", "У": "Y", "Ү": "Y", "Ѕ": "S", "І": "I", "Ј": "J", "Ԛ": "Q", "Ԝ": "W", "Һ": "H", "Ӏ": "l",
  "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "ү": "y", "х": "x", "ѕ": "s", "і": "i",
  "ј": "j", "ԁ": "d", "һ": "h", "ԛ": "q", "ԝ": "w", "ӏ": "l",
  // Greek
  "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O",
  "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "ϒ": "Y",
  "α": "a", "ο": "o", "ρ": "p", "ν": "v", "ι": "i", "κ": "k", "υ": "u", "χ": "x", "γ": "y", "ϲ": "c",
  "ϳ": "j", "ω": "w", "η": "n", "μ": "u",
  // Armenian
  "օ": "o", "ս": "u", "ո": "n", "հ": "h", "զ": "q", "ց": "g",
  // Latin letters that look like other Latin letters
  "ı": "i", "ȷ": "j", "ɑ": "a", "ɩ": "i", "ɡ": "g",
};
const LOOKALIKE_RE = new RegExp("[" + Object.keys(LOOKALIKE).join("") + "]", "gu");

/**
 * The near-duplicate key of a name (after UTS #39 section 4, see the header):
 * two names with the same skeleton look alike to a reader. Not for display.
 * @param {string} name a cleaned name (cleanName)
 * @returns {string}
 */
export function skeleton(name) {
  return name.normalize("NFKD").replace(/\p{M}/gu, "")
    .replace(LOOKALIKE_RE, function (c) { return LOOKALIKE[c]; })
    .toLowerCase()
    .replace(/[\s.\-_'\u2018\u2019\u02bc`]/g, "")
    .replace(/[i1|!]/g, "l").replace(/0/g, "o").replace(/rn/g, "m").replace(/vv/g, "w");
}

/** The writing systems scriptsOf() names; others are "another alphabet". */
const SCRIPTS = ["Latin", "Cyrillic", "Greek", "Armenian"];
const SCRIPT_RE = SCRIPTS.map(function (s) { return new RegExp("\\p{Script=" + s + "}", "u"); });

/**
 * The writing systems of the letters in `name` (UAX #24 Script property), in
 * the order Latin, Cyrillic, Greek, Armenian, then "another alphabet" for any
 * other letter. A name with more than one is mixed-script, a spoofing sign
 * (UTS #39 section 5.1).
 * @param {string} name
 * @returns {string[]}
 */
export function scriptsOf(name) {
  const found = SCRIPTS.filter(function (s, i) { return SCRIPT_RE[i].test(name); });
  const other = name.replace(/[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Armenian}]/gu, "");
  if (/\p{L}/u.test(other)) found.push("another alphabet");
  return found;
}
