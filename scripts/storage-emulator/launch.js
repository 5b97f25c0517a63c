#!/usr/bin/env node
// Runs firebase-tools' Cloud Storage emulator offline: no Java, no rules-runtime download, no `firebase` CLI.
//
//   node launch.js [--host 127.0.0.1] [--port 9199] [--dir <blob folder>] [--project demo-aiprod]
//                  [--enforce-preconditions]
//
// Prints one line `storage emulator ready on http://HOST:PORT` once it listens, then serves the GCS JSON API
// (`/storage/v1/...`, `/upload/storage/v1/...`, `/download/...`, `/b/...`) until SIGINT/SIGTERM.
//
// Why it looks like this (see also src/Assets/README.md):
// - `firebase emulators:start` needs Java 21 and downloads the Storage rules runtime jar. The GCS JSON API routes
//   never consult Firebase security rules, so the rules runtime and rules manager are replaced by no-ops here.
// - These are internal modules of firebase-tools: package.json pins its exact version for that reason.
// - The emulator keeps object metadata in memory and only the bytes in --dir; a restart starts empty.
//
// --enforce-preconditions is OUR addition on top of the real emulator, not emulator behaviour: the emulator as
// shipped ignores ifGenerationMatch. With the flag, an upload (media or resumable) or a delete whose
// ifGenerationMatch does not hold gets 412 conditionNotMet, as on real GCS. A resumable upload is checked when it is
// started and again when its bytes arrive (the emulator commits on the first PUT); the check is not atomic with the
// commit (two uploads finishing in the same instant are not serialised), which is enough for tests and local runs,
// not a proof of GCS semantics.
"use strict";

const path = require("path");
const fs = require("fs");
const { AsyncLocalStorage } = require("async_hooks");

const lib = path.join(__dirname, "node_modules", "firebase-tools", "lib");
if (!fs.existsSync(lib)) {
  console.error(`firebase-tools is not installed beside ${__filename}: run 'npm ci' in ${__dirname} (or scripts/ensure-deps.sh).`);
  process.exit(2);
}

const args = parseArgs(process.argv.slice(2));
const host = args.host || "127.0.0.1";
const port = Number(args.port || 9199);
const dir = path.resolve(args.dir || path.join(require("os").tmpdir(), `aiprod-storage-emulator-${port}`));
const projectId = args.project || "demo-aiprod";
if (!projectId.startsWith("demo-")) {
  console.error(`--project must begin with 'demo-' (an offline demo project), not '${projectId}'.`);
  process.exit(2);
}

const express = require(require.resolve("express", { paths: [path.join(lib, "..")] }));
const { StorageEmulator } = require(path.join(lib, "emulator", "storage", "index.js"));
const { StorageRulesRuntime } = require(path.join(lib, "emulator", "storage", "rules", "runtime.js"));
const { EmulatorRegistry } = require(path.join(lib, "emulator", "registry.js"));
const server = require(path.join(lib, "emulator", "storage", "server.js"));

// The rules runtime is a Java process fetched from the internet on first start; nothing on the GCS API uses it.
StorageRulesRuntime.prototype.start = async () => {};
StorageRulesRuntime.prototype.stop = async () => {};

class OfflineStorageEmulator extends StorageEmulator {
  createRulesManager() {
    return {
      start: async () => ({ errors: [], warnings: [], all: [] }),
      stop: async () => {},
      getRuleset: () => undefined,
    };
  }

  getPersistenceTmpDir() {
    return this.args.dir;
  }

  async start() {
    const { host, port } = this.getInfo();
    const inner = await server.createApp(this.args.projectId, this);
    const app = express();
    if (this.args.enforcePreconditions) {
      app.use(generationPreconditions(this));
    }
    app.use(inner);
    this._app = app;
    const listening = app.listen(port, host);
    await new Promise((resolve, reject) => listening.once("listening", resolve).once("error", reject));
    this.httpServer = listening;
  }
}

/** Answers 412 where ifGenerationMatch does not hold (see the header comment: our addition, not the emulator's). */
function generationPreconditions(emulator) {
  const layer = emulator.adminStorageLayer;
  const uploads = emulator.uploadService;
  const started = new AsyncLocalStorage();
  const conditions = new Map(); // resumable upload id -> { bucket, name, ifGenerationMatch }
  const startResumable = uploads.startResumableUpload.bind(uploads);
  uploads.startResumableUpload = (request) => {
    const upload = startResumable(request);
    const condition = started.getStore();
    if (condition !== undefined) {
      conditions.set(upload.id, { bucket: upload.bucketId, name: upload.objectId, ifGenerationMatch: condition });
    }
    return upload;
  };

  const holds = (bucket, name, expected) => {
    const current = layer.getMetadata(bucket, name);
    return expected === "0" ? current === undefined : current !== undefined && String(current.generation) === expected;
  };
  const conditionNotMet = (res) =>
    res.status(412).json({
      error: {
        code: 412,
        message: "At least one of the pre-conditions you specified did not hold.",
        errors: [{ message: "At least one of the pre-conditions you specified did not hold.", domain: "global", reason: "conditionNotMet" }],
      },
    });
  const router = express.Router();
  const json = express.json({ limit: "130mb" });

  router.post("/upload/storage/v1/b/:bucket/o", (req, res, next) => {
    const expected = req.query.ifGenerationMatch?.toString();
    if (expected === undefined) return next();
    const resumable = (req.query.uploadType || req.header("X-Goog-Upload-Protocol")) === "resumable";
    if (!resumable) {
      const name = req.query.name?.toString();
      if (!name) return res.status(501).json({ error: { code: 501, message: "launch.js checks ifGenerationMatch on media and resumable uploads only." } });
      return holds(req.params.bucket, name, expected) ? next() : conditionNotMet(res);
    }
    json(req, res, (err) => {
      if (err) return next(err);
      const raw = req.query.name?.toString() || req.body?.name;
      const name = raw?.startsWith("/") ? raw.slice(1) : raw;
      if (name && !holds(req.params.bucket, name, expected)) return conditionNotMet(res);
      started.run(expected, next);
    });
  });

  router.put("/upload/storage/v1/b/:bucket/o", (req, res, next) => {
    const condition = conditions.get(req.query.upload_id?.toString());
    if (condition === undefined) return next();
    conditions.delete(req.query.upload_id.toString());
    return holds(condition.bucket, condition.name, condition.ifGenerationMatch) ? next() : conditionNotMet(res);
  });

  router.delete(["/b/:bucket/o/:name", "/storage/v1/b/:bucket/o/:name"], (req, res, next) => {
    const expected = req.query.ifGenerationMatch?.toString();
    if (expected === undefined || holds(req.params.bucket, req.params.name, expected)) return next();
    return conditionNotMet(res);
  });
  return router;
}

function parseArgs(argv) {
  const parsed = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--enforce-preconditions") {
      parsed.enforcePreconditions = true;
    } else if (/^--(host|port|dir|project)$/.test(arg) && i + 1 < argv.length) {
      parsed[arg.slice(2)] = argv[++i];
    } else if (/^--(host|port|dir|project)=/.test(arg)) {
      const [key, ...value] = arg.slice(2).split("=");
      parsed[key] = value.join("=");
    } else {
      console.error(`Unknown argument '${arg}'. Usage: node launch.js [--host H] [--port P] [--dir D] [--project demo-x] [--enforce-preconditions]`);
      process.exit(2);
    }
  }
  return parsed;
}

async function main() {
  fs.mkdirSync(dir, { recursive: true });
  const emulator = new OfflineStorageEmulator({ host, port, projectId, dir, enforcePreconditions: !!args.enforcePreconditions });
  await EmulatorRegistry.start(emulator);
  console.log(`storage emulator ready on http://${host}:${port}`);
  const stop = () => {
    // Only the listener is closed: the blob folder belongs to whoever passed --dir (the emulator's own stop deletes it).
    emulator.httpServer.close();
    emulator.httpServer.closeAllConnections?.();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((err) => {
  console.error(`storage emulator failed to start: ${err?.stack || err}`);
  process.exit(1);
});
