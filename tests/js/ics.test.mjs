// The assignment's calendar file (docs/assets/js/lib/ics.js): RFC 5545 TEXT
// escaping (3.3.11), line folding at 75 octets (3.1), an all-day event (3.6.1).
import test from "node:test";
import assert from "node:assert/strict";
import { buildIcs, icsEscape, icsFold } from "../../docs/assets/js/lib/ics.js";

const octets = (s) => Buffer.byteLength(s, "utf8");

test("TEXT escaping: backslash, semicolon, comma, newlines", () => {
  assert.equal(icsEscape("a\\b;c,d\ne\r\nf\rg"), "a\\\\b\\;c\\,d\\ne\\nf\\ng");
  assert.equal(icsEscape("plain: text"), "plain: text");
  assert.equal(icsEscape(42), "42");
});

test("short lines are not folded", () => {
  assert.equal(icsFold("SUMMARY:x"), "SUMMARY:x");
  assert.equal(icsFold("x".repeat(75)), "x".repeat(75));
});

test("long lines fold at 75 octets with a leading space, and unfold to the original", () => {
  const line = "DESCRIPTION:" + "abcdefghij".repeat(20);
  const folded = icsFold(line);
  const parts = folded.split("\r\n");
  assert.equal(parts[0], line.slice(0, 75));
  assert.ok(parts.slice(1).every((p) => p.startsWith(" ")));
  assert.ok(parts.every((p) => octets(p) <= 75));
  assert.equal(folded.replace(/\r\n /g, ""), line);
});

test("folding never splits a multi-byte character", () => {
  const line = "SUMMARY:" + "é✓😀".repeat(40);
  const parts = icsFold(line).split("\r\n");
  assert.ok(parts.length > 3);
  for (const p of parts) {
    assert.ok(octets(p) <= 75, p);
    assert.ok(!p.includes("\uFFFD"));
    assert.equal(Buffer.from(p, "utf8").toString("utf8"), p);
  }
  assert.equal(parts.map((p, i) => (i ? p.slice(1) : p)).join(""), line);
});

test("buildIcs: an all-day event on the due date, CRLF, every line within 75 octets", () => {
  const ics = buildIcs({
    title: "Week 1; push, less",
    due: "2026-12-31",
    url: "https://example.org/assignment/#t=Week%201&l=a%2Fb",
    lessons: [{ title: "Pushing breaks connection", duration: 6 }, { title: "Zoë’s lesson, part 2", duration: 4 }],
  }, new Date("2026-11-29T10:00:00.123Z"), "0123456789abcdef");
  assert.ok(ics.endsWith("\r\n"));
  assert.ok(!/[^\r]\n/.test(ics), "every line ends with CRLF");
  const lines = ics.slice(0, -2).split("\r\n");
  assert.ok(lines.every((l) => octets(l) <= 75));
  const unfolded = ics.replace(/\r\n /g, "").slice(0, -2).split("\r\n");
  assert.deepEqual(unfolded.slice(0, 6), ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Selling as Connection//Assignment builder//EN",
    "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "BEGIN:VEVENT"]);
  assert.ok(unfolded.includes("UID:0123456789abcdef@selling-as-connection.invalid"));
  assert.ok(unfolded.includes("DTSTAMP:20261129T100000Z"));
  assert.ok(unfolded.includes("DTSTART;VALUE=DATE:20261231"));
  assert.ok(unfolded.includes("DTEND;VALUE=DATE:20270101"), "the next day, across a year end");
  assert.ok(unfolded.includes("SUMMARY:Due: Week 1\\; push\\, less"));
  assert.ok(unfolded.includes("DESCRIPTION:Lessons:\\n1. Pushing breaks connection (6 min)\\n2. Zoë’s lesson\\, part 2 (4 min)" +
    "\\n\\nOpen the assignment: https://example.org/assignment/#t=Week%201&l=a%2Fb"));
  assert.deepEqual(unfolded.slice(-3), ["TRANSP:TRANSPARENT", "END:VEVENT", "END:VCALENDAR"]);
});

test("buildIcs: DTEND across a month end and a leap day; a random UID otherwise", () => {
  const a = { title: "T", url: "https://example.org/", lessons: [] };
  assert.match(buildIcs({ ...a, due: "2028-02-28" }), /DTEND;VALUE=DATE:20280229\r\n/);
  assert.match(buildIcs({ ...a, due: "2026-04-30" }), /DTEND;VALUE=DATE:20260501\r\n/);
  const uid1 = buildIcs({ ...a, due: "2026-04-30" }).match(/UID:([0-9a-f]{32})@/);
  const uid2 = buildIcs({ ...a, due: "2026-04-30" }).match(/UID:([0-9a-f]{32})@/);
  assert.ok(uid1 && uid2 && uid1[1] !== uid2[1]);
});
