// In the repository, keeps dist/regscan.mjs (the bundle the package ships) in step with the
// sources, so `pnpm regscan` runs the JavaScript a user installs. Fresh means: no file the last
// build read (the metafile's inputs outside node_modules: this package's and every workspace
// package's sources it bundles), no folder holding one (a file added or removed), the lockfile,
// the build script and package.json changed since that build started. Otherwise rebuild (esbuild,
// under a second) under a lock file, writing every output through a rename (a process starting
// meanwhile sees the old or the new file, never half of one) with the entry and the stamp last.
// Outputs of older builds stay a day, for processes that still load their lazy chunks.

import {
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";

const PACKAGE = fileURLToPath(new URL("..", import.meta.url));
const DIST = join(PACKAGE, "dist");
const ENTRY = join(DIST, "regscan.mjs");
const STAMP = join(DIST, ".build-stamp.json");
const LOCK = join(DIST, ".build.lock");
/** A lock older than this is left over by a killed build (a build takes about a second). */
const LOCK_STALE_MS = 60_000;
const LOCK_WAIT_MS = 120_000;
const KEEP_OLD_OUTPUTS_MS = 24 * 60 * 60 * 1000;

/** Rebuilds dist/ when a source is newer than its last build; returns whether it built. */
export async function ensureFreshBundle() {
  if (isFresh()) return false;
  const release = await acquireLock();
  try {
    if (isFresh()) return false; // another process built it while we waited
    await rebuild();
    return true;
  } finally {
    release();
  }
}

function isFresh() {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(STAMP, "utf8"));
  } catch (error) {
    if (error.code === "ENOENT" || error instanceof SyntaxError) return false; // never built, or torn
    throw error;
  }
  const lists = [stamp?.outputs, stamp?.inputs, stamp?.folders];
  if (typeof stamp?.startedAt !== "number" || !lists.every(Array.isArray)) return false; // another layout
  if (stamp.outputs.some((path) => mtimeOf(resolve(PACKAGE, path)) === null)) return false;
  for (const path of [...stamp.inputs, ...stamp.folders]) {
    const mtime = mtimeOf(resolve(PACKAGE, path));
    if (mtime === null || mtime >= stamp.startedAt) return false;
  }
  return true;
}

function mtimeOf(path) {
  try {
    return statSync(path).mtimeMs;
  } catch (error) {
    if (error.code === "ENOENT" || error.code === "ENOTDIR") return null; // removed: rebuild
    throw error;
  }
}

async function rebuild() {
  const [{ build }, { cliBuildOptions }] = await Promise.all([import("esbuild"), import("./build-cli.mjs")]);
  const startedAt = Date.now();
  const result = await build({ ...cliBuildOptions(DIST), write: false, metafile: true });
  const outputs = result.outputFiles.map((f) => f.path).sort((a, b) => (a === ENTRY) - (b === ENTRY));
  const contents = new Map(result.outputFiles.map((f) => [f.path, f.contents]));
  for (const path of outputs) writeAtomically(path, contents.get(path)); // chunks first, the entry last
  const inputs = Object.keys(result.metafile.inputs).filter((p) => !p.split("/").includes("node_modules"));
  const extra = [findUp("pnpm-lock.yaml"), join(PACKAGE, "bin", "build-cli.mjs"), join(PACKAGE, "package.json")];
  const stamp = {
    startedAt,
    outputs: outputs.map((p) => relative(PACKAGE, p)),
    inputs: [...inputs, ...extra.filter((p) => p !== null).map((p) => relative(PACKAGE, p))],
    folders: [...new Set(inputs.map((p) => dirname(p)))],
  };
  writeAtomically(STAMP, JSON.stringify(stamp));
  removeOldOutputs(new Set(outputs));
}

function writeAtomically(path, data) {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, data);
  renameSync(temp, path);
}

function findUp(name) {
  for (let dir = PACKAGE; ; dir = dirname(dir)) {
    if (mtimeOf(join(dir, name)) !== null) return join(dir, name);
    if (dirname(dir) === dir) return null;
  }
}

/** Removes bundle files (and temp files of killed builds) no build has written for a day. */
function removeOldOutputs(current) {
  for (const name of readdirSync(DIST)) {
    const path = join(DIST, name);
    if (current.has(path) || !(name.endsWith(".mjs") || name.endsWith(".tmp"))) continue;
    const mtime = mtimeOf(path);
    if (mtime !== null && Date.now() - mtime > KEEP_OLD_OUTPUTS_MS) rmSync(path, { force: true });
  }
}

/** Takes dist/.build.lock (created exclusively, holding our pid); returns its release. */
async function acquireLock() {
  mkdirSync(DIST, { recursive: true });
  const token = `${process.pid} ${Date.now()}\n`;
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      const fd = openSync(LOCK, "wx");
      writeSync(fd, token);
      closeSync(fd);
      return () => {
        if (readLock() === token) rmSync(LOCK, { force: true });
      };
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
    }
    const held = readLock();
    if (held !== null && lockIsStale(held)) {
      if (readLock() === held) rmSync(LOCK, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(`another process has been building the CLI for 2 minutes (${LOCK}); delete the file if none is`);
    }
    await sleep(50);
  }
}

function readLock() {
  try {
    return readFileSync(LOCK, "utf8");
  } catch (error) {
    if (error.code === "ENOENT") return null; // released meanwhile
    throw error;
  }
}

/** The holder is gone (no such process) or the lock is older than any build. */
function lockIsStale(content) {
  const [pid, since] = content.trim().split(" ").map(Number);
  if (!Number.isInteger(pid) || !Number.isFinite(since)) {
    // Created but not yet written (or torn): stale only once old.
    const mtime = mtimeOf(LOCK);
    return mtime !== null && Date.now() - mtime > LOCK_STALE_MS;
  }
  if (Date.now() - since > LOCK_STALE_MS) return true;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return error.code === "ESRCH"; // EPERM: alive, someone else's
  }
}
