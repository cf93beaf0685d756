// Packages the extension as regscan-<version>.vsix with @vscode/vsce (pnpm package:vscode).
// The workspace package is @regscan/vscode-extension; the published extension is `regscan`, so the
// files that ship are staged in a temporary folder with a manifest of that name: the .vsix holds
// exactly them (vsce ls lists them), nothing of the workspace. Usage: package-vsix.mjs [OUT.vsix]
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const out = resolve(process.argv[2] ?? join(root, `regscan-${manifest.version}.vsix`));
const vsce = join(root, "node_modules/.bin/vsce");

/** The files that ship, besides package.json. */
export const SHIPPED = ["dist/extension.js", "media", "images", "README.md", "CHANGELOG.md", "LICENSE"];

execFileSync(process.execPath, [join(root, "scripts/build.mjs"), "--production"], { stdio: "inherit" });
const stage = mkdtempSync(join(tmpdir(), "regscan-vsix-"));
try {
  for (const path of SHIPPED) cpSync(join(root, path), join(stage, path), { recursive: true });
  const { scripts, dependencies, devDependencies, private: _private, ...shipped } = manifest;
  writeFileSync(
    join(stage, "package.json"),
    `${JSON.stringify({ ...shipped, name: "regscan", files: SHIPPED }, null, 2)}\n`,
  );
  const env = { ...process.env, VSCE_TELEMETRY: "false" };
  const files = execFileSync(vsce, ["ls", "--no-dependencies"], { cwd: stage, env, encoding: "utf8" });
  process.stdout.write(`Files in the .vsix:\n${files}`);
  const flags = ["--no-dependencies", "--allow-missing-repository", "--no-rewrite-relative-links"];
  execFileSync(vsce, ["package", ...flags, "--out", out], { cwd: stage, env, stdio: "inherit" });
} finally {
  rmSync(stage, { recursive: true, force: true });
}
