/**
 * Turns a cataloged package into an image package: OSV ecosystem, Package URL (packageurl-js)
 * and the layer that introduced it. Ecosystem names follow https://ossf.github.io/osv-schema/;
 * distributions OSV does not cover get "<os-release ID>:<VERSION_ID>" so they match nothing.
 */

import { PackageURL } from "packageurl-js";
import type { CatalogedPackage, ImagePackage, OsInfo } from "../model.js";

/** OSV ecosystems of rpm distributions, keyed by os-release ID; `true` appends ":<major>". */
const RPM_ECOSYSTEMS: Record<string, [string, boolean]> = {
  rhel: ["Red Hat", false],
  almalinux: ["AlmaLinux", true],
  rocky: ["Rocky Linux", true],
  mageia: ["Mageia", true],
  azurelinux: ["Azure Linux", true],
};

/** purl namespaces for rpm distributions whose os-release ID is not the usual vendor name. */
const RPM_NAMESPACES: Record<string, string> = { rhel: "redhat" };

const major = (version: string) => /^\d+/.exec(version)?.[0] ?? "";
const majorMinor = (version: string) => /^\d+(?:\.\d+)?/.exec(version)?.[0] ?? "";

/** Which Debian-like distribution an OS is, for deb ecosystems and purl namespaces. */
function debFamily(os: OsInfo | null): "debian" | "ubuntu" {
  if (os === null) return "debian";
  if (os.family === "ubuntu" || (os.family !== "debian" && os.idLike.includes("ubuntu"))) return "ubuntu";
  return "debian";
}

/** The OSV ecosystem for a package in an image with OS `os` ("Debian:12", "npm", ...). */
export function osvEcosystem(pkg: Pick<CatalogedPackage, "type">, os: OsInfo | null): string {
  switch (pkg.type) {
    case "npm":
      return "npm";
    case "pypi":
      return "PyPI";
    case "deb": {
      if (debFamily(os) === "ubuntu") {
        const v = os?.family === "ubuntu" ? majorMinor(os.version) : "";
        if (v === "") return "Ubuntu";
        const [year, month] = v.split(".");
        return Number(year) % 2 === 0 && month === "04" ? `Ubuntu:${v}:LTS` : `Ubuntu:${v}`;
      }
      const v = os?.family === "debian" ? major(os.version) : "";
      return v === "" ? "Debian" : `Debian:${v}`;
    }
    case "apk": {
      if (os?.family === "wolfi") return "Wolfi";
      if (os?.family === "chainguard") return "Chainguard";
      const v = os?.family === "alpine" ? majorMinor(os.version) : "";
      return v === "" ? "Alpine" : `Alpine:v${v}`;
    }
    case "rpm": {
      if (os === null) return "Red Hat";
      const known = RPM_ECOSYSTEMS[os.family];
      if (known === undefined) return os.version ? `${os.family}:${os.version}` : os.family;
      const [name, withMajor] = known;
      return withMajor && major(os.version) ? `${name}:${major(os.version)}` : name;
    }
  }
}

/** "name" when only the version differs from the source, "name@version" when both do. */
function upstream(pkg: CatalogedPackage): string | undefined {
  const src = pkg.source;
  if (src === undefined || (src.name === pkg.name && src.version === pkg.version)) return undefined;
  return src.version && src.version !== pkg.version ? `${src.name}@${src.version}` : src.name;
}

/** The Package URL of a package ("pkg:deb/debian/curl@7.88.1-10?arch=amd64&distro=debian-12"). */
export function packageUrl(pkg: CatalogedPackage, os: OsInfo | null): string {
  const qualifiers: Record<string, string> = {};
  if (pkg.arch) qualifiers.arch = pkg.arch;
  const distro = os ? (os.version ? `${os.family}-${os.version}` : os.family) : undefined;
  switch (pkg.type) {
    case "deb":
    case "apk": {
      const up = upstream(pkg);
      if (up) qualifiers.upstream = up;
      if (distro) qualifiers.distro = distro;
      const namespace = pkg.type === "deb" ? debFamily(os) : (os?.family ?? "alpine");
      return new PackageURL(pkg.type, namespace, pkg.name, pkg.version, qualifiers).toString();
    }
    case "rpm": {
      const match = /^(\d+):(.*)$/.exec(pkg.version);
      if (match) qualifiers.epoch = match[1] as string;
      if (pkg.source) qualifiers.upstream = `${pkg.source.name}-${pkg.source.version.replace(/^\d+:/, "")}.src.rpm`;
      if (distro) qualifiers.distro = distro;
      const namespace = os ? (RPM_NAMESPACES[os.family] ?? os.family) : "redhat";
      return new PackageURL(
        "rpm",
        namespace,
        pkg.name,
        match ? (match[2] as string) : pkg.version,
        qualifiers,
      ).toString();
    }
    case "npm": {
      const slash = pkg.name.startsWith("@") ? pkg.name.indexOf("/") : -1;
      const [namespace, name] =
        slash > 0 ? [pkg.name.slice(0, slash), pkg.name.slice(slash + 1)] : [undefined, pkg.name];
      return new PackageURL("npm", namespace, name, pkg.version, undefined).toString();
    }
    case "pypi":
      return new PackageURL("pypi", undefined, pkg.name, pkg.version, undefined).toString();
  }
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
