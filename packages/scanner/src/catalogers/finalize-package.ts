/**
 * Turns a cataloged package into an image package: OSV ecosystem, Package URL (packageurl-js)
 * and the layer that introduced it, from the package-type table (src/package-types.ts).
 */

import type { CatalogedPackage, ImagePackage, OsInfo } from "../model.js";
import { packageTypeInfo } from "../package-types.js";

/** The OSV ecosystem for a package in an image with OS `os` ("Debian:12", "npm", "Go", ...). */
export function osvEcosystem(pkg: Pick<CatalogedPackage, "type">, os: OsInfo | null): string {
  return packageTypeInfo(pkg.type).ecosystem(os);
}

/** The Package URL of a package ("pkg:deb/debian/curl@7.88.1-10?arch=amd64&distro=debian-12"). */
export function packageUrl(pkg: CatalogedPackage, os: OsInfo | null): string {
  return packageTypeInfo(pkg.type).purl(pkg, os);
}

/** Completes a cataloged package with its ecosystem, purl and introducing layer (diffID). */
export function finalizePackage(pkg: CatalogedPackage, os: OsInfo | null, layer: string): ImagePackage {
  let purl: string;
  try {
    purl = packageUrl(pkg, os);
  } catch {
    // packageurl-js rejects some odd names; keep the package and a best-effort purl.
    purl = `pkg:${pkg.type}/${encodeURIComponent(pkg.name)}@${encodeURIComponent(pkg.version)}`;
  }
  return { ...pkg, ecosystem: osvEcosystem(pkg, os), purl, layer };
}
