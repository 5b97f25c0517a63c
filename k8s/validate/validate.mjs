#!/usr/bin/env node
// Validates rendered Kubernetes, KEDA and GKE manifests offline, without an API server:
//
//   node validate.mjs FILE... ("-" reads standard input; a file may hold many YAML documents)
//
// Three passes over every document, each catching what the others cannot:
// 1. the schema of its apiVersion/kind (kubernetes-models, @kubernetes-models/keda and /gke, JSON-schema checks:
//    wrong types, missing required fields); a kind without a schema here is itself a problem;
// 2. a TypeScript type-check of the document as an object literal of that kind's interface (excess-property checks):
//    misspelt or unknown field names (`readinesProbe`, `cooldownPeriods`), which the schemas let through;
// 3. rules of our own (rules.mjs): what neither sees, such as a KEDA trigger's metadata keys, enum values the
//    schemas type as plain strings, and references between documents (a ScaledObject's target Deployment, a
//    Deployment's ConfigMaps and ServiceAccount, a Service's pods).
// Prints one line per problem, `<file>#<document> <Kind>/<name>: <message>`, and exits 1 if there is any, else prints
// `validated N documents: no problems` and exits 0. Exit 2: bad usage or unreadable input.
import { readFileSync, mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { spawnSync } from "node:child_process";
import { parseAllDocuments } from "yaml";
import { checkRules } from "./rules.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node validate.mjs FILE... (- for standard input)");
  process.exit(2);
}

const documents = [];
const problems = [];
for (const file of files) {
  let text;
  try {
    text = file === "-" ? readFileSync(0, "utf8") : readFileSync(file, "utf8");
  } catch (e) {
    console.error(`${file}: ${e.message}`);
    process.exit(2);
  }
  parseAllDocuments(text).forEach((doc, index) => {
    const where = { file, index, label: `${file}#${index}` };
    if (doc.errors.length > 0) {
      problems.push({ ...where, message: `not valid YAML: ${doc.errors[0].message}` });
      return;
    }
    const body = doc.toJS();
    if (body === null || body === undefined) return; // an empty document between two ---
    documents.push({ ...where, body });
  });
}

for (const d of documents) {
  d.label = `${d.label} ${d.body?.kind ?? "?"}/${d.body?.metadata?.name ?? "?"}`;
}

// Pass 1: the model of each apiVersion/kind and its JSON-schema validation.
for (const d of documents) {
  const { apiVersion, kind } = d.body ?? {};
  if (typeof apiVersion !== "string" || typeof kind !== "string") {
    problems.push({ ...d, message: "apiVersion and kind must be strings" });
    continue;
  }
  d.model = await loadModel(apiVersion, kind);
  if (!d.model) {
    problems.push({ ...d, message: `no schema for apiVersion ${apiVersion}, kind ${kind}: a misspelt kind or group, or a kind this check does not know` });
    continue;
  }
  try {
    new d.model.Class(d.body).validate();
  } catch (e) {
    problems.push({ ...d, message: `schema: ${oneLine(e.message)}` });
  }
}

// Pass 2: one TypeScript file, one typed constant per document, checked by tsc in one run.
problems.push(...typeCheck(documents.filter((d) => d.model)));

// Pass 3: our own rules, across the whole bundle.
problems.push(...checkRules(documents));

for (const p of problems) console.log(`${p.label}: ${p.message}`);
if (problems.length > 0) {
  console.log(`${problems.length} problem(s) in ${documents.length} document(s)`);
  process.exit(1);
}
console.log(`validated ${documents.length} documents: no problems`);

/** The model class and TypeScript interface of an apiVersion/kind, or null when no package here describes it. */
async function loadModel(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/", 2) : ["", apiVersion];
  const candidates =
    group === "keda.sh" ? [`@kubernetes-models/keda/${apiVersion}/${kind}`]
    : group.endsWith("gke.io") || group.endsWith("cloud.google.com") ? [`@kubernetes-models/gke/${apiVersion}/${kind}`]
    : group === "" ? [`kubernetes-models/${version}/${kind}`]
    : [`kubernetes-models/${apiVersion}/${kind}`];
  for (const module of candidates) {
    if (!/^[A-Za-z0-9@/._-]+$/.test(module)) return null;
    try {
      const exports = await import(module);
      const Class = exports[kind];
      if (typeof Class === "function") return { Class, module, type: `I${kind}` };
    } catch {
      // not this package
    }
  }
  return null;
}

function typeCheck(typed) {
  if (typed.length === 0) return [];
  const lines = [];
  const ranges = [];
  typed.forEach((d, i) => lines.push(`import type { ${d.model.type} as T${i} } from "${d.model.module}";`));
  typed.forEach((d, i) => {
    const json = JSON.stringify(d.body, null, 2).split("\n");
    const first = lines.length + 1;
    lines.push(`export const d${i}: T${i} = ${json[0]}`, ...json.slice(1));
    lines[lines.length - 1] += ";";
    ranges.push({ first, last: lines.length, doc: d });
  });
  const dir = mkdtempSync(join(here, ".check-"));
  try {
    writeFileSync(join(dir, "check.ts"), lines.join("\n") + "\n");
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({
      compilerOptions: {
        strict: true, noEmit: true, skipLibCheck: true, target: "es2022", module: "esnext",
        moduleResolution: "bundler", types: [],
      },
      files: ["check.ts"],
    }));
    const tsc = join(here, "node_modules", "typescript", "bin", "tsc");
    const run = spawnSync(process.execPath, [tsc, "-p", join(dir, "tsconfig.json"), "--pretty", "false"], { encoding: "utf8" });
    if (run.error) return [{ label: "tsc", message: `could not run: ${run.error.message}` }];
    const found = [];
    const pattern = /check\.ts\((\d+),(\d+)\): error (TS\d+): (.*)/;
    for (const raw of (run.stdout + run.stderr).split("\n")) {
      const m = pattern.exec(raw);
      if (!m) continue;
      const line = Number(m[1]);
      const range = ranges.find((r) => line >= r.first && line <= r.last);
      const near = (lines[line - 1] ?? "").trim().replace(/,$/, "");
      // The literal's keys are quoted JSON; name them as YAML does.
      const message = m[4].replace(/'"([^"]+)"'/g, "'$1'");
      found.push({ ...(range?.doc ?? { label: "check.ts" }), message: `fields: ${message} (at ${near})` });
    }
    if (run.status !== 0 && found.length === 0) {
      found.push({ label: "tsc", message: `failed without a diagnostic: ${oneLine(run.stdout + run.stderr)}` });
    }
    return found;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function oneLine(text) {
  return String(text).replace(/\s+/g, " ").trim();
}
