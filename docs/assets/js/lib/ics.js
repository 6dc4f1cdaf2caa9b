// @ts-check
/**
 * Calendar files (.ics): the assignment's (one all-day event on the due date)
 * and spaced review's "remind me" (one all-day event on the next review day).
 * Follows RFC 5545: CRLF line ends, content lines folded at 75 octets of UTF-8
 * without splitting a character (3.1), TEXT values escaped (3.3.11), an
 * all-day event as DTSTART;VALUE=DATE and DTEND the next day (3.6.1).
 * Titles and lesson names come from the builder form and course.json and are
 * escaped like any text.
 *
 * Pure: no browser API (tests/js/ imports it; crypto.getRandomValues is
 * global in browsers and Node).
 */
import { localDate } from "./dates.js";

/**
 * RFC 5545 3.3.11 TEXT escaping: backslash, semicolon, comma, newline.
 * @param {unknown} text
 * @returns {string}
 */
export function icsEscape(text) {
  return String(text).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/**
 * RFC 5545 3.1: fold a content line so no line exceeds 75 octets (UTF-8),
 * never splitting a character; continuation lines start with one space.
 * @param {string} line
 * @returns {string}
 */
export function icsFold(line) {
  const encoder = new TextEncoder();
  /** @type {string[]} */
  const out = [];
  let current = "";
  let octets = 0;
  const limit = 75;
  Array.from(line).forEach(function (ch) {
    const size = encoder.encode(ch).length;
    if (octets + size > limit) {
      out.push(current);
      current = " ";
      octets = 1;
    }
    current += ch;
    octets += size;
  });
  out.push(current);
  return out.join("\r\n");
}

/**
 * @param {string} value "YYYY-MM-DD"
 * @returns {string} "YYYYMMDD"
 */
function icsDate(value) {
  return value.replace(/-/g, "");
}

/**
 * @param {Date} date
 * @returns {string} UTC "YYYYMMDDTHHMMSSZ"
 */
function icsStamp(date) {
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

/** @returns {string} 32 hex digits */
function randomId() {
  const bytes = new Uint8Array(16);
  const crypto = globalThis.crypto;
  if (crypto && crypto.getRandomValues) crypto.getRandomValues(bytes);
  else bytes.forEach(function (_, i) { bytes[i] = Math.floor(Math.random() * 256); });
  return Array.from(bytes, function (b) { return (b < 16 ? "0" : "") + b.toString(16); }).join("");
}

/**
 * A VCALENDAR with one all-day VEVENT; CRLF text.
 * @param {{summary: string, day: string, description: string, url: string, product: string}} e
 *   day: a clean "YYYY-MM-DD"
 * @param {Date} [now] DTSTAMP
 * @param {string} [uid] the event's UID before "@" (random when omitted)
 * @returns {string}
 */
function allDayEvent(e, now, uid) {
  const next = localDate(e.day);
  next.setDate(next.getDate() + 1);
  const pad = function (/** @type {number} */ n) { return (n < 10 ? "0" : "") + n; };
  const end = next.getFullYear() + pad(next.getMonth() + 1) + pad(next.getDate());
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Selling as Connection//" + e.product + "//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "BEGIN:VEVENT",
    "UID:" + (uid || randomId()) + "@selling-as-connection.invalid",
    "DTSTAMP:" + icsStamp(now || new Date()),
    "DTSTART;VALUE=DATE:" + icsDate(e.day),
    "DTEND;VALUE=DATE:" + end,
    "SUMMARY:" + icsEscape(e.summary),
    "DESCRIPTION:" + icsEscape(e.description),
    "URL:" + e.url,
    "TRANSP:TRANSPARENT",
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return lines.map(icsFold).join("\r\n") + "\r\n";
}

/**
 * The assignment's calendar file: one all-day event on the due date.
 * @param {{title: string, due: string, url: string, lessons: Array<{title: string, duration: number}>}} a
 *   due: a clean "YYYY-MM-DD"
 * @param {Date} [now] DTSTAMP
 * @param {string} [uid] the event's UID before "@" (random when omitted)
 * @returns {string}
 */
export function buildIcs(a, now, uid) {
  const description = "Lessons:\n" + a.lessons.map(function (l, i) {
    return (i + 1) + ". " + l.title + " (" + l.duration + " min)";
  }).join("\n") + "\n\nOpen the assignment: " + a.url;
  return allDayEvent({ summary: "Due: " + a.title, day: a.due, description: description, url: a.url,
    product: "Assignment builder" }, now, uid);
}

/**
 * The "remind me" file of spaced review: one all-day event on the next review day.
 * @param {{day: string, count: number, url: string}} r day: a clean "YYYY-MM-DD";
 *   count: questions due that day; url: the review page
 * @param {Date} [now] DTSTAMP
 * @param {string} [uid] the event's UID before "@" (random when omitted)
 * @returns {string}
 */
export function reviewReminderIcs(r, now, uid) {
  const what = r.count === 1 ? "1 question" : r.count + " questions";
  return allDayEvent({ summary: "Review: " + what + " (Selling as connection)", day: r.day,
    description: "A few minutes of review keep what you learned. Open the review page: " + r.url,
    url: r.url, product: "Review" }, now, uid);
}
