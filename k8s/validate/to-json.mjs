#!/usr/bin/env node
// Prints the YAML documents of the given files ("-" = standard input) as one JSON array, with the same parser the
// validator uses: tests/AiProd.Deploy.Tests reads rendered overlays through it.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const out = [];
for (const file of process.argv.slice(2)) {
  const text = readFileSync(file === "-" ? 0 : file, "utf8");
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) {
      console.error(`${file}: not valid YAML: ${doc.errors[0].message}`);
      process.exit(1);
    }
    const body = doc.toJS();
    if (body !== null && body !== undefined) out.push(body);
  }
}
process.stdout.write(JSON.stringify(out));
