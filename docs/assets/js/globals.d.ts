/**
 * Types for the globals our browser modules (docs/assets/js/, // @ts-check)
 * meet but do not define: Material for MkDocs' document$, mkdocs-quiz's event
 * and confetti, and the inline loader in hooks/lazy_bundle.js. For editors and
 * `tsc --noEmit -p jsconfig.json` only; mkdocs.yml exclude_docs keeps this file
 * out of the built site.
 */

/** Material's observable of the current document (RxJS; replays the last page). */
interface MaterialDocument$ {
  subscribe(next: (document: Document) => void): { unsubscribe(): void };
}

/** detail of mkdocs-quiz's "quizProgressUpdate" (quiz.js updateDisplay). */
interface QuizProgressDetail {
  total: number;
  answered: number;
  correct: number;
  /** answered / total, in percent */
  percentage: number;
  /** correct / total, in percent */
  score: number;
}

interface JSConfettiLike {
  addConfetti(options?: object): Promise<void>;
}

interface Window {
  /** Material's document$: defined once its bundle has run (loaded on first interaction). */
  document$?: MaterialDocument$;
  /** hooks/lazy_bundle.js: fn() for this page and every page instant navigation shows. */
  sacEveryPage?: (fn: () => void) => void;
  /** hooks/lazy_bundle.js: the bundle's state once it has loaded or failed (tests read it). */
  __sacBundle?: "ready" | "failed";
  /** js-confetti, loaded by mkdocs-quiz when confetti is on (hooks/quiz_assets.py). */
  JSConfetti?: { new (options?: object): JSConfettiLike; prototype: JSConfettiLike & { __sacQuiet?: boolean } };
}

interface WindowEventMap {
  /** mkdocs-quiz, after every answer and after it restores a page's answers. */
  quizProgressUpdate: CustomEvent<QuizProgressDetail>;
  /** hooks/lazy_bundle.js, once Material's bundle has loaded or failed. */
  "sac:bundle": CustomEvent<"ready" | "failed">;
}
