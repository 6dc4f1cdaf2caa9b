// Names and titles from reports (docs/assets/js/lib/names.js): invisible and
// bidi characters removed (UAX #9, UTS #39), NFKC (UAX #15), and the
// skeleton that finds look-alike names (after UTS #39 section 4).
import test from "node:test";
import assert from "node:assert/strict";
import { cleanName, scriptsOf, skeleton } from "../../docs/assets/js/lib/names.js";

test("bidi controls are removed: a title can no longer show reversed", () => {
  const bidi = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
    "\u200e", "\u200f", "\u061c"];
  for (const c of bidi) assert.equal(cleanName("Week" + c + " 1" + c, 80), "Week 1", JSON.stringify(c));
  assert.equal(cleanName("\u202eWeek 1 \u2066gnikcar\u2069", 80), "Week 1 gnikcar");
});

test("zero-width and other invisible characters are removed, not turned into spaces", () => {
  const invisible = ["\u200b", "\u200c", "\u200d", "\u2060", "\u2061", "\u2064", "\ufeff", "\u00ad", "\u180e",
    "\u034f", "\ufe0f", "\u3164", "\u{e0041}", "\u{1d173}"];
  for (const c of invisible) assert.equal(cleanName("Da" + c + "na", 80), "Dana", JSON.stringify(c));
});

test("NFKC: compatibility forms become their plain letters", () => {
  assert.equal(cleanName("\uff24\uff41\uff4e\uff41", 80), "Dana"); // full-width
  assert.equal(cleanName("\ufb01ona", 80), "fiona"); // the fi ligature
  assert.equal(cleanName("Zoe\u0308", 80), "Zo\u00eb"); // composed
  assert.equal(cleanName("\uff1dSUM(1)", 80), "=SUM(1)"); // full-width equals: the CSV guard sees it
});

test("control characters, spaces, the cap, and what is not a string", () => {
  assert.equal(cleanName("  Ana\t\u0000 Lee\u2028 ", 80), "Ana Lee");
  assert.equal(cleanName("\u00a0Ana\u3000Lee", 80), "Ana Lee");
  assert.equal(cleanName("x".repeat(100), 80), "x".repeat(80));
  assert.equal(cleanName("a" + "\ud83d\ude00".repeat(5), 4), "a\ud83d\ude00", "never half a surrogate pair");
  assert.equal(cleanName("Z" + "\u0301".repeat(40), 80), "\u0179" + "\u0301".repeat(4), "runs of marks are capped");
  assert.equal(cleanName("\u200b\u202e ", 80), "");
  for (const value of [null, undefined, 42, {}, ["Dana"]]) assert.equal(cleanName(value, 80), "");
  const long = "\ufdfa".repeat(100000); // NFKC: 18 characters each
  assert.equal(cleanName(long, 80).length <= 80, true);
});

test("skeleton: case, Cyrillic and Greek look-alikes, accents and name punctuation fold together", () => {
  const dana = skeleton("Dana");
  for (const name of ["dana", "DANA", "D\u0430na", "D\u03b1na", "Dan\u0430", "\u0110ana".replace("\u0110", "D\u0301"), " Da-na "]) {
    assert.equal(skeleton(name), dana, name);
  }
  assert.equal(skeleton("Zo\u00eb"), skeleton("Zoe"));
  assert.equal(skeleton("O\u2019Brien"), skeleton("O'Brien"));
  assert.equal(skeleton("Ian"), skeleton("lan"));
  assert.equal(skeleton("\u0421\u0435l\u0435st\u0435"), skeleton("Celeste")); // Cyrillic С and е
  assert.equal(skeleton("\u0392\u0395\u039d"), skeleton("Ben")); // Greek capitals
  assert.notEqual(skeleton("Dana"), skeleton("Dina"));
  assert.notEqual(skeleton("Ana"), skeleton("Anna"));
});

test("scriptsOf names the alphabets a name mixes", () => {
  assert.deepEqual(scriptsOf("Dana"), ["Latin"]);
  assert.deepEqual(scriptsOf("D\u0430na"), ["Latin", "Cyrillic"]);
  assert.deepEqual(scriptsOf("\u0394\u03b1\u03bd\u03b1 Lee"), ["Latin", "Greek"]);
  assert.deepEqual(scriptsOf("\u7530\u4e2d Dana"), ["Latin", "another alphabet"]);
  assert.deepEqual(scriptsOf("42"), []);
});
