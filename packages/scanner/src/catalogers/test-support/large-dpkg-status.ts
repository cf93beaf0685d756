/**
 * Test support (Node only): a large but legal dpkg status file. Its stanzas are the installed
 * stanzas of the real `dpkg-debian` fixture, cycled, each with a unique `Package:` name, keeping
 * the fields that name and place a package (Package, Status, Priority, Section, Installed-Size,
 * Maintainer, Architecture, Multi-Arch, Source, Version: relations, descriptions and conffiles
 * are left out so that 130,000 stanzas stay well under the cataloger's 64 MiB file cap).
 */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fixtureDir } from "./fixture-view.js";

const KEPT = new Set([
  "Package",
  "Status",
  "Priority",
  "Section",
  "Installed-Size",
  "Maintainer",
  "Architecture",
  "Multi-Arch",
  "Source",
  "Version",
]);

/** The real installed stanzas, trimmed to the kept fields. */
function realStanzas(): string[] {
  const text = readFileSync(join(fixtureDir("dpkg-debian"), "var/lib/dpkg/status"), "utf8");
  return text
    .split(/\n\n+/)
    .filter((stanza) => /^Status: install ok installed$/m.test(stanza))
    .map((stanza) =>
      stanza
        .split("\n")
        .filter((line) => KEPT.has(line.slice(0, line.indexOf(":"))))
        .join("\n"),
    );
}

/** A status file of `count` installed packages named `<real name>-<n>`, n from 0. */
export function largeDpkgStatus(count: number): string {
  const stanzas = realStanzas();
  const parts: string[] = [];
  for (let n = 0; n < count; n++) {
    parts.push(stanzas[n % stanzas.length]!.replace(/^Package: (.+)$/m, (_, name: string) => `Package: ${name}-${n}`));
  }
  return `${parts.join("\n\n")}\n`;
}
