/**
 * Everything regscan knows about a package type, in one table keyed by the type: whether it is
 * an OS or a language package, its OSV ecosystem, its Package URL (packageurl-js), the name and
 * version advisories are matched on, and the OSV exports `regscan db update` fetches for it.
 * Ecosystem names follow https://ossf.github.io/osv-schema/; distributions OSV does not cover get
 * "<os-release ID>:<VERSION_ID>" so they match nothing.
 */

import { PackageURL } from "packageurl-js";
import { goAdvisoryVersion } from "./matching/go-versions.js";
import type { CatalogedPackage, OsInfo, PackageType } from "./model.js";

export interface PackageTypeInfo {
  /** "os": a distribution's package manager (SARIF OsPackageVulnerability); else "language". */
  kind: "os" | "language";
  /** OSV exports (`<name>/all.zip`) that hold this type's advisories, fetched by default. */
  osvExports: readonly string[];
  /** The OSV ecosystem of this type's packages in an image with OS `os`. */
  ecosystem(os: OsInfo | null): string;
  purl(pkg: CatalogedPackage, os: OsInfo | null): string;
  /**
   * The name and version advisories are looked up by, or null when the package must not be
   * matched (an unknown Maven group, a Go module without a version).
   */
  advisoryKey(pkg: CatalogedPackage): { name: string; version: string } | null;
}

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
const distro = (os: OsInfo | null) => (os ? (os.version ? `${os.family}-${os.version}` : os.family) : undefined);

/** Which Debian-like distribution an OS is, for deb ecosystems and purl namespaces. */
function debFamily(os: OsInfo | null): "debian" | "ubuntu" {
  if (os === null) return "debian";
  if (os.family === "ubuntu" || (os.family !== "debian" && os.idLike.includes("ubuntu"))) return "ubuntu";
  return "debian";
}

/** "name" when only the version differs from the source, "name@version" when both do. */
function upstream(pkg: CatalogedPackage): string | undefined {
  const src = pkg.source;
  if (src === undefined || (src.name === pkg.name && src.version === pkg.version)) return undefined;
  return src.version && src.version !== pkg.version ? `${src.name}@${src.version}` : src.name;
}

/** Distributions publish advisories by source package (dpkg `Source:`, apk origin, source rpm). */
function bySource(pkg: CatalogedPackage) {
  return pkg.source ? { name: pkg.source.name, version: pkg.source.version || pkg.version } : byName(pkg);
}

function byName(pkg: CatalogedPackage) {
  return { name: pkg.name, version: pkg.version };
}

function osPurl(pkg: CatalogedPackage, os: OsInfo | null, namespace: string): string {
  const qualifiers: Record<string, string> = {};
  if (pkg.arch) qualifiers.arch = pkg.arch;
  const up = upstream(pkg);
  if (up) qualifiers.upstream = up;
  const d = distro(os);
  if (d) qualifiers.distro = d;
  return new PackageURL(pkg.type, namespace, pkg.name, pkg.version, qualifiers).toString();
}

/** Splits "a/b/c" at its last "/" into purl namespace "a/b" and name "c" (Go module paths, npm scopes). */
function split(name: string, at: number): [string | undefined, string] {
  return at > 0 ? [name.slice(0, at), name.slice(at + 1)] : [undefined, name];
}

export const PACKAGE_TYPES = {
  deb: {
    kind: "os",
    osvExports: ["Debian", "Ubuntu"],
    ecosystem(os) {
      if (debFamily(os) === "ubuntu") {
        const v = os?.family === "ubuntu" ? majorMinor(os.version) : "";
        if (v === "") return "Ubuntu";
        const [year, month] = v.split(".");
        return Number(year) % 2 === 0 && month === "04" ? `Ubuntu:${v}:LTS` : `Ubuntu:${v}`;
      }
      const v = os?.family === "debian" ? major(os.version) : "";
      return v === "" ? "Debian" : `Debian:${v}`;
    },
    purl: (pkg, os) => osPurl(pkg, os, debFamily(os)),
    advisoryKey: bySource,
  },
  apk: {
    kind: "os",
    osvExports: ["Alpine"],
    ecosystem(os) {
      if (os?.family === "wolfi") return "Wolfi";
      if (os?.family === "chainguard") return "Chainguard";
      const v = os?.family === "alpine" ? majorMinor(os.version) : "";
      return v === "" ? "Alpine" : `Alpine:v${v}`;
    },
    purl: (pkg, os) => osPurl(pkg, os, os?.family ?? "alpine"),
    advisoryKey: bySource,
  },
  rpm: {
    kind: "os",
    osvExports: [],
    ecosystem(os) {
      if (os === null) return "Red Hat";
      const known = RPM_ECOSYSTEMS[os.family];
      if (known === undefined) return os.version ? `${os.family}:${os.version}` : os.family;
      const [name, withMajor] = known;
      return withMajor && major(os.version) ? `${name}:${major(os.version)}` : name;
    },
    purl(pkg, os) {
      const qualifiers: Record<string, string> = {};
      if (pkg.arch) qualifiers.arch = pkg.arch;
      const match = /^(\d+):(.*)$/.exec(pkg.version);
      if (match) qualifiers.epoch = match[1] as string;
      if (pkg.source) qualifiers.upstream = `${pkg.source.name}-${pkg.source.version.replace(/^\d+:/, "")}.src.rpm`;
      const d = distro(os);
      if (d) qualifiers.distro = d;
      const namespace = os ? (RPM_NAMESPACES[os.family] ?? os.family) : "redhat";
      return new PackageURL(
        "rpm",
        namespace,
        pkg.name,
        match ? (match[2] as string) : pkg.version,
        qualifiers,
      ).toString();
    },
    advisoryKey: bySource,
  },
  npm: {
    kind: "language",
    osvExports: ["npm"],
    ecosystem: () => "npm",
    purl(pkg) {
      const [namespace, name] = split(pkg.name, pkg.name.startsWith("@") ? pkg.name.indexOf("/") : -1);
      return new PackageURL("npm", namespace, name, pkg.version, undefined).toString();
    },
    advisoryKey: byName,
  },
  pypi: {
    kind: "language",
    osvExports: ["PyPI"],
    ecosystem: () => "PyPI",
    purl: (pkg) => new PackageURL("pypi", undefined, pkg.name, pkg.version, undefined).toString(),
    advisoryKey: byName,
  },
  golang: {
    kind: "language",
    osvExports: ["Go"],
    ecosystem: () => "Go",
    purl(pkg) {
      const [namespace, name] = split(pkg.name, pkg.name.lastIndexOf("/"));
      return new PackageURL("golang", namespace, name, pkg.version, undefined).toString();
    },
    // OSV's Go records have no "v" and name the toolchain "stdlib" with versions like 1.21.3.
    advisoryKey(pkg) {
      const version = goAdvisoryVersion(pkg.name, pkg.version);
      return version === null ? null : { name: pkg.name, version };
    },
  },
  maven: {
    kind: "language",
    osvExports: ["Maven"],
    ecosystem: () => "Maven",
    purl(pkg) {
      const [namespace, name] = split(pkg.name, pkg.name.indexOf(":"));
      // A maven purl needs the group: an archive of unknown group gets a generic one instead.
      const type = namespace === undefined ? "generic" : "maven";
      return new PackageURL(type, namespace, name, pkg.version, undefined).toString();
    },
    // OSV names Maven packages "group:artifact": without a known group there is nothing to match.
    advisoryKey: (pkg) => (pkg.name.includes(":") ? byName(pkg) : null),
  },
} as const satisfies Record<PackageType, PackageTypeInfo>;

/** The table entry of a package type. */
export function packageTypeInfo(type: PackageType): PackageTypeInfo {
  return PACKAGE_TYPES[type];
}

/** OSV exports `regscan db update` fetches when the database holds none yet. */
export const DEFAULT_OSV_EXPORTS: readonly string[] = Array.from(
  new Set(Object.values(PACKAGE_TYPES).flatMap((t): readonly string[] => t.osvExports)),
).sort((a, b) => a.localeCompare(b, "en"));
