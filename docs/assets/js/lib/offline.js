// @ts-check
/**
 * What the footer says about the offline copy of the course (pure: no browser API).
 *
 * offlineStatus(facts) turns what offline.js knows about the service worker into
 * one state, a sentence for the learner and the action a button offers:
 *
 *   unsupported  the browser has no service workers (or the page is not on https)
 *   update       a copy is kept, and a newer version is saved for the next visit
 *   offline      a copy is kept and the device is offline: this is it
 *   ready        a copy is kept (available offline)
 *   saving       the first copy is being downloaded
 *   failed       the download failed (offer: try again)
 *   manual       Data Saver is on, so nothing downloads until the learner asks
 *   pending      nothing yet: the download starts once the page is idle
 */

/**
 * @typedef {object} OfflineFacts
 * @property {boolean} supported  navigator.serviceWorker exists in a secure context
 * @property {boolean} [active]   the registration has an active worker (its copy is complete)
 * @property {boolean} [installing] a worker is installing (downloading its copy)
 * @property {boolean} [waiting]  a newer worker is installed and waits for the next visit
 * @property {boolean} [failed]   the last install failed and no copy is kept
 * @property {boolean} [saveData] the browser asks to save data (Data Saver)
 * @property {boolean} [registered] a registration exists or was asked for
 * @property {boolean} [online]   navigator.onLine (true when unknown)
 */

/**
 * @typedef {object} OfflineStatus
 * @property {"unsupported"|"update"|"offline"|"ready"|"saving"|"failed"|"manual"|"pending"} state
 * @property {string} text   what the footer says ("" for pending)
 * @property {string} action a button's label, or "" for none
 */

/** @type {Record<OfflineStatus["state"], [string, string]>} */
export var MESSAGES = {
  unsupported: ["This browser cannot keep the course for offline use.", ""],
  update: ["Available offline. A newer version is saved and opens on your next visit.", ""],
  offline: ["You are offline: this is the copy saved on your device.", ""],
  ready: ["Available offline on this device.", ""],
  saving: ["Saving the course for offline use\u2026", ""],
  failed: ["The course could not be saved for offline use.", "Try again"],
  manual: ["Not saved for offline use (Data Saver is on).", "Save for offline use"],
  pending: ["", ""],
};

/**
 * @param {OfflineFacts} facts
 * @returns {OfflineStatus}
 */
export function offlineStatus(facts) {
  /** @type {OfflineStatus["state"]} */
  var state;
  if (!facts || !facts.supported) state = "unsupported";
  else if (facts.active && facts.waiting) state = "update";
  else if (facts.active) state = facts.online === false ? "offline" : "ready";
  else if (facts.installing) state = "saving";
  else if (facts.failed) state = "failed";
  else if (facts.saveData && !facts.registered) state = "manual";
  else state = "pending";
  return { state: state, text: MESSAGES[state][0], action: MESSAGES[state][1] };
}
