import { compareDigits, isDigitCode, isDigits, isLetterCode, sign, type VersionComparator } from "./comparator.js";
import { cachedParser } from "./parse-cache.js";

/**
 * Debian version order: a port of dpkg's `dpkg_version_compare` / `verrevcmp`
 * (lib/dpkg/version.c) over `[epoch:]upstream[-revision]`.
 *
 * dpkg rejects a non-numeric epoch; here such a string keeps its colon in the upstream part
 * (epoch 0), so it still gets a defined place. Surrounding whitespace is ignored, as dpkg does.
 */
interface DebianVersion {
  epoch: string;
  upstream: string;
  revision: string;
}

const parse = cachedParser((input: string): DebianVersion => {
  let rest = input.trim();
  let epoch = "0";
  const colon = rest.indexOf(":");
  if (colon >= 0 && isDigits(rest.slice(0, colon))) {
    epoch = rest.slice(0, colon);
    rest = rest.slice(colon + 1);
  }
  const hyphen = rest.lastIndexOf("-");
  if (hyphen < 0) return { epoch, upstream: rest, revision: "" };
  return { epoch, upstream: rest.slice(0, hyphen), revision: rest.slice(hyphen + 1) };
});

/** dpkg's `order()`: '~' before the end, letters before everything else, digits as 0. */
function order(s: string, i: number): number {
  if (i >= s.length) return 0;
  const c = s.charCodeAt(i);
  if (isDigitCode(c)) return 0;
  if (isLetterCode(c)) return c;
  if (c === 126) return -1; // '~'
  return c + 256;
}

/** dpkg's `verrevcmp`: alternating non-digit and digit runs. */
export function verrevcmp(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while ((i < a.length && !isDigitCode(a.charCodeAt(i))) || (j < b.length && !isDigitCode(b.charCodeAt(j)))) {
      const ac = order(a, i);
      const bc = order(b, j);
      if (ac !== bc) return sign(ac - bc);
      i++;
      j++;
    }
    const ai = i;
    const bj = j;
    while (i < a.length && isDigitCode(a.charCodeAt(i))) i++;
    while (j < b.length && isDigitCode(b.charCodeAt(j))) j++;
    const diff = compareDigits(a.slice(ai, i) || "0", b.slice(bj, j) || "0");
    if (diff !== 0) return diff;
  }
  return 0;
}

function compareDebian(a: string, b: string): number {
  const va = parse(a);
  const vb = parse(b);
  return (
    compareDigits(va.epoch, vb.epoch) || verrevcmp(va.upstream, vb.upstream) || verrevcmp(va.revision, vb.revision)
  );
}

/** dpkg ordering for Debian and Ubuntu. */
export const dpkgComparator: VersionComparator = {
  name: "dpkg",
  ecosystems: ["Debian", "Ubuntu"],
  compare: compareDebian,
};
