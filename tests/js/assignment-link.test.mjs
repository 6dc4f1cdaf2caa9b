// Assignment links (docs/assets/js/lib/assignment-link.js): the fragment is
// the whole assignment, and every value in it is untrusted.
import test from "node:test";
import assert from "node:assert/strict";
import anatomy from "../../docs/assets/js/lib/anatomy.js";
import { LIMITS, assignmentHash, assignmentUrl, hasAssignment, parseAssignment } from "../../docs/assets/js/lib/assignment-link.js";

const ROOT = "https://example.org/course/";

test("limits come from anatomy.js", () => {
  assert.equal(LIMITS.title, anatomy.assignment.titleChars);
  assert.equal(LIMITS.note, anatomy.assignment.noteChars);
  assert.equal(LIMITS.lessons, anatomy.assignment.lessons);
  assert.equal(LIMITS.name, anatomy.learnerNameChars);
});

test("round trip: what the builder writes is what the view reads", () => {
  const a = { title: "Week 1: push less & listen", due: "2030-05-01", note: "Start with\nthe first one. Ünïcode ✓ 50% #1", ids: ["connection/a", "service/b-c"] };
  const url = assignmentUrl(a, ROOT);
  assert.ok(url.startsWith(ROOT + "assignment/#v=2&t="), url);
  assert.ok(url.endsWith("&end=1"), url);
  const back = parseAssignment(new URL(url).hash);
  assert.deepEqual(back, { title: a.title, due: a.due, badDue: false, note: a.note, ids: a.ids, rejected: 0, incomplete: false });
  assert.equal(parseAssignment(assignmentHash(a)).title, a.title, "the # is optional");
});

test("no due date and no note are left out of the link", () => {
  const hash = assignmentHash({ title: "T", due: null, ids: ["a/b"] });
  assert.equal(hash, "v=2&t=T&l=a%2Fb&end=1");
  assert.deepEqual(parseAssignment(hash), { title: "T", due: null, badDue: false, note: "", ids: ["a/b"], rejected: 0, incomplete: false });
});

test("a link cut off anywhere before its end is incomplete (issue 18)", () => {
  const hash = assignmentHash({ title: "Week 1", due: "2030-05-01", note: "Read both.", ids: ["connection/a", "service/b"] });
  assert.equal(parseAssignment(hash).incomplete, false);
  for (let cut = 1; cut < hash.length - "&end=1".length + 5; cut += 1) {
    const a = parseAssignment(hash.slice(0, cut));
    assert.equal(a.incomplete, true, hash.slice(0, cut));
    assert.equal(hasAssignment(a), true, "an incomplete link is shown as one: " + hash.slice(0, cut));
  }
  // Links made before "v=2" (title, due date, lessons, note): complete once they name a lesson.
  assert.equal(parseAssignment("#t=Old&due=2030-05-01&l=a/b").incomplete, false);
  assert.equal(parseAssignment("#t=Old&l=a/b").incomplete, false);
  assert.equal(parseAssignment("#t=Old&due=2030-05-01&l=").incomplete, true);
  assert.equal(parseAssignment("#t=Old&due=2030-0").incomplete, true);
  assert.equal(parseAssignment("#t=Old%20link").incomplete, true);
  // A jump to a heading is no assignment at all.
  for (const hash of ["#try-it", "", "#"]) {
    assert.equal(parseAssignment(hash).incomplete, false, hash);
    assert.equal(hasAssignment(parseAssignment(hash)), false, hash);
  }
});

test("truncation: title, note and lesson count are capped", () => {
  const ids = Array.from({ length: 45 }, (_, i) => "m/l" + i);
  const long = "#t=" + "x".repeat(500) + "&n=" + "y".repeat(5000) + "&l=" + ids.join(",");
  const a = parseAssignment(long);
  assert.equal(a.title, "x".repeat(120));
  assert.equal(a.note, "y".repeat(1000));
  assert.deepEqual(a.ids, ids.slice(0, 40));
  assert.equal(a.rejected, 5);
  // the builder never writes more than the view reads
  const back = parseAssignment(assignmentHash({ title: "x".repeat(500), note: "y".repeat(5000), ids }));
  assert.equal(back.title.length, 120);
  assert.equal(back.note.length, 1000);
  assert.equal(back.ids.length, 40);
  assert.equal(back.rejected, 0);
});

test("a fragment longer than LIMITS.hash is cut before it is read", () => {
  const a = parseAssignment("#l=a/b&t=" + "z".repeat(LIMITS.hash) + "&n=never");
  assert.deepEqual(a.ids, ["a/b"]);
  assert.equal(a.note, "");
});

test("hostile values stay plain text; invalid ids are counted, not kept", () => {
  const payload = '<img src=x onerror=alert(1)>"\'</script>';
  const hash = "#t=" + encodeURIComponent(payload + "\u0000\u2028\t\r\n x") +
    "&due=" + encodeURIComponent("2030-02-30") +
    "&l=" + ["a/b", "A/B", "../x", "a/b", "javascript:alert(1)", " c/d ", "", "a/b/c"].map(encodeURIComponent).join(",") +
    "&n=" + encodeURIComponent("one\r\ntwo\r\rthree\n\n\n\nfour\u0007");
  const a = parseAssignment(hash);
  assert.equal(a.title, payload + " x");
  assert.equal(a.due, null);
  assert.equal(a.badDue, true);
  assert.deepEqual(a.ids, ["a/b", "c/d"]);
  assert.equal(a.rejected, 4);
  assert.equal(a.note, "one\ntwo\n\nthree\n\nfour");
});

test("due dates: real calendar dates between 2000 and 2100 only", () => {
  for (const [due, ok] of [["2030-05-01", true], ["2000-01-01", true], ["2100-12-31", true], ["1999-12-31", false],
    ["2101-01-01", false], ["2030-13-01", false], ["2030-5-1", false], ["2028-02-29", true], ["2030-02-29", false]]) {
    assert.equal(parseAssignment("#l=a/b&due=" + due).due, ok ? due : null, due);
  }
});

test("values that are not strings or not a query give an empty assignment", () => {
  for (const value of [undefined, null, 42, {}, "", "#", "#&&&", "#%E0%A4%A"]) {
    const a = parseAssignment(value);
    assert.equal(hasAssignment(a), false, String(value));
  }
  assert.equal(hasAssignment(parseAssignment("#t=Only%20a%20title")), true);
});

test("repeated parameters: the first one counts", () => {
  assert.equal(parseAssignment("#t=first&t=second&l=a/b").title, "first");
});
