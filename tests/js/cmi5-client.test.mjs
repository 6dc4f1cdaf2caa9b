// The cmi5 AU's HTTP side (docs/assets/js/lms/cmi5.js) against a fake LMS and LRS:
// the order of what reaches the LRS when the page goes while a request is still out.
// The statements themselves are tested in lms.test.mjs and, against Ralph, in
// tests/browser/test_lms_cmi5.py.
import test from "node:test";
import assert from "node:assert/strict";
import { webcrypto } from "node:crypto";

import { AU_STATE_ID, EXT_SESSION, LAUNCH_DATA_ID } from "../../docs/assets/js/lib/lms-cmi5.js";
import { cleanState } from "../../docs/assets/js/lib/state.js";

const ENDPOINT = "http://lrs.test/xAPI/";
const LESSONS = ["connection/a", "connection/b"];
const COURSE = { lessons: LESSONS, passMark: 80, checks: [], titles: {} };

/** A launch query string, as an LMS writes it (cmi5 §8.1). */
function search() {
  const params = new URLSearchParams({
    endpoint: ENDPOINT,
    fetch: "http://lms.test/fetch",
    actor: JSON.stringify({ objectType: "Agent", name: "Ada Okafor", account: { homePage: "http://lms.test", name: "ada" } }),
    registration: "3f2b8c1e-6a4d-4e2f-9b7a-1c2d3e4f5a6b",
    activityId: "http://lms.test/au/1",
  });
  return "?" + params.toString();
}

/** Progress with ``done`` lessons complete (one quiz each, right). */
function progress(done) {
  const lessons = {};
  for (const id of done) {
    lessons[id] = {
      status: "complete", answered: 1, correct: 1, total: 1, completedAt: "2026-12-01",
      updatedAt: "2026-12-01T09:00:00.000Z", answers: { "quiz-0": { correct: true, at: "2026-12-01T09:00:00.000Z" } },
    };
  }
  return cleanState({ version: 2, lessons, retired: {}, assessments: {}, reviews: {}, learner: { name: "" } });
}

/**
 * A fake LMS (the fetch URL, the State API) and LRS (POST statements) in globalThis.fetch.
 * Statement POSTs wait until release() so a test decides when each request returns.
 */
function fakeServers() {
  /** @type {{statements: any[], keepalive: boolean, release: () => void}[]} */
  const posts = [];
  globalThis.window = { crypto: webcrypto };
  globalThis.document = { createElement: () => ({}), head: { appendChild() {} } };
  globalThis.fetch = async (url, init = {}) => {
    const json = (body, status = 200) => ({ ok: status < 300, status, json: async () => body });
    if (url === "http://lms.test/fetch") return json({ "auth-token": "dG9rZW4=" });
    if (String(url).startsWith(ENDPOINT + "activities/state?")) {
      const id = new URL(url).searchParams.get("stateId");
      if ((init.method || "GET") === "PUT") return json(null, 204);
      if (id === LAUNCH_DATA_ID) {
        return json({
          contextTemplate: { extensions: { [EXT_SESSION]: "6e1f6a4e-0000-4000-8000-000000000001" } },
          launchMode: "Normal", moveOn: "CompletedOrPassed", masteryScore: 0.8,
        });
      }
      if (id === AU_STATE_ID) return json(null, 404);
    }
    if (url === ENDPOINT + "statements" && init.method === "POST") {
      let release;
      const done = new Promise((resolve) => { release = resolve; });
      posts.push({ statements: JSON.parse(init.body), keepalive: !!init.keepalive, release });
      await done;
      return json([], 200);
    }
    throw new Error("unexpected request " + url);
  };
  return posts;
}

const verbOf = (s) => s.verb.id.split("/").pop();
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

test("the page goes while a request is out: the last request carries the rest, once, and nothing follows terminated", async () => {
  const posts = fakeServers();
  const { connectCmi5 } = await import("../../docs/assets/js/lms/cmi5.js");
  const adapter = await connectCmi5(COURSE, search());
  assert.ok(adapter && !("failed" in adapter), JSON.stringify(adapter));

  adapter.report(progress(["connection/a"]), null); // initialized + lesson a: request 1 goes out
  await tick();
  assert.equal(posts.length, 1);
  adapter.report(progress(LESSONS), null); // lesson b and completed wait behind request 1
  adapter.end(progress(LESSONS), null); // pagehide while request 1 is out
  await tick();
  assert.equal(posts.length, 2, "the keepalive request goes at once, beside request 1");
  assert.equal(posts[1].keepalive, true);

  posts[0].release(); // request 1 returns: its loop must not send the queue again
  await tick();
  posts[1].release();
  await tick();
  await tick();

  assert.equal(posts.length, 2, "no request after the one carrying terminated");
  const sent = posts.flatMap((p) => p.statements);
  const ids = sent.map((s) => s.id);
  assert.equal(new Set(ids).size, ids.length, "no statement twice");
  assert.deepEqual(posts[0].statements.map(verbOf), ["initialized", "completed"]);
  assert.equal(posts[0].statements[1].object.id, "http://lms.test/au/1/lessons/connection/a");
  const last = posts[1].statements;
  assert.equal(verbOf(last[last.length - 1]), "terminated");
  assert.equal(sent.filter((s) => verbOf(s) === "terminated").length, 1);
  const times = sent.map((s) => Date.parse(s.timestamp));
  assert.deepEqual([...times].sort((a, b) => a - b), times, "timestamps in the order sent");
});
