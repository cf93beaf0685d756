/**
 * Go versions as OSV's Go records write them (golang/vulndb): SemVer without the "v", and the
 * toolchain (package `stdlib`) as SemVer too: `go1.21.3` → `1.21.3`, `go1.20` → `1.20.0`,
 * `go1.21rc2` → `1.21.0-rc.2`, `go1.19beta1` → `1.19.0-beta.1` (vulndb's conversion of Go tags).
 */

const GO_TAG = /^go(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:(beta|rc)(\d+))?(?=$|[\s+-])/;

/** A toolchain version (`go1.21.3`, `go1.22.1 X:boringcrypto`) as SemVer, or null (`devel …`). */
export function goToolchainSemver(version: string): string | null {
  const m = GO_TAG.exec(version.trim());
  if (m === null) return null;
  const [, majorV, minor = "0", patch = "0", pre, preNumber] = m;
  return `${majorV}.${minor}.${patch}${pre ? `-${pre}.${preNumber}` : ""}`;
}

/**
 * The version to compare with OSV Go records, or null when there is none to compare: a module
 * built from a local directory (`(devel)`), an empty version, a `devel` toolchain.
 */
export function goAdvisoryVersion(name: string, version: string): string | null {
  if (name === "stdlib" || name === "toolchain") return goToolchainSemver(version);
  if (version === "" || version === "(devel)") return null;
  return version.startsWith("v") ? version.slice(1) : version;
}
