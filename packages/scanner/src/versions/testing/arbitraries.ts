import fc from "fast-check";

/**
 * Realistic version strings per ordering, for property tests. Small alphabets on purpose, so that
 * random triples share prefixes and exercise the interesting branches (ties, suffixes, padding).
 */
const num = fc.oneof(fc.constantFrom("0", "1", "2", "10", "01", "00"), fc.nat(30).map(String));
const smallNum = fc.constantFrom("0", "1", "2", "3", "10");
const join = (parts: string[], sep: string) => parts.join(sep);
const dotted = (min: number, max: number) => fc.array(num, { minLength: min, maxLength: max }).map((p) => join(p, "."));
const opt = (arb: fc.Arbitrary<string>) => fc.option(arb, { nil: "" });

const debian = fc
  .tuple(
    opt(smallNum.map((e) => `${e}:`)),
    dotted(1, 3),
    opt(fc.constantFrom("~rc1", "~beta", "+dfsg", "+deb12u1", "a", "+really1.0", "~~")),
    opt(
      fc
        .tuple(smallNum, opt(fc.constantFrom("ubuntu1", "+deb11u2", "~bpo1", ".1", "build2")))
        .map(([r, s]) => `-${r}${s}`),
    ),
  )
  .map((p) => p.join(""));

const apkSuffix = fc.tuple(
  fc.constantFrom("alpha", "beta", "pre", "rc", "cvs", "svn", "git", "hg", "p"),
  opt(smallNum),
);
const alpine = fc
  .tuple(
    dotted(1, 4),
    opt(fc.constantFrom("a", "b", "z")),
    fc
      .array(
        apkSuffix.map(([s, n]) => `_${s}${n}`),
        { maxLength: 2 },
      )
      .map((s) => s.join("")),
    opt(fc.constantFrom("~a1b2", "~ff")),
    opt(smallNum.map((r) => `-r${r}`)),
  )
  .map((p) => p.join(""));

const rpmPart = fc
  .array(fc.oneof(num, fc.constantFrom("el9", "fc38", "rc", "git", "a", "~rc1", "^git1", "^", "~", "_", "+")), {
    minLength: 1,
    maxLength: 4,
  })
  .map((p) => join(p, "."));
const rpm = fc
  .tuple(opt(smallNum.map((e) => `${e}:`)), rpmPart, opt(rpmPart.map((r) => `-${r}`)))
  .map((p) => p.join(""));

const preId = fc.oneof(smallNum, fc.constantFrom("alpha", "beta", "rc", "a", "B", "x-y"));
const pre = fc.array(preId, { minLength: 1, maxLength: 3 }).map((p) => join(p, "."));
const semver = fc
  .tuple(
    opt(fc.constant("v")),
    fc.tuple(num, num, num).map((p) => join(p, ".")),
    opt(pre.map((p) => `-${p}`)),
    opt(fc.constantFrom("+build", "+1.2")),
  )
  .map((p) => p.join(""));
const nuget = fc
  .tuple(dotted(1, 4), opt(pre.map((p) => `-${p}`)), opt(fc.constantFrom("+build", "+AA")))
  .map((p) => p.join(""));

const pypi = fc
  .tuple(
    opt(smallNum.map((e) => `${e}!`)),
    dotted(1, 4),
    opt(fc.tuple(fc.constantFrom("a", "b", "rc", "alpha", "c", "pre"), opt(smallNum)).map(([l, n]) => l + n)),
    opt(fc.tuple(fc.constantFrom(".post", "-", ".r"), smallNum).map(([l, n]) => l + n)),
    opt(smallNum.map((n) => `.dev${n}`)),
    opt(fc.constantFrom("+local", "+1", "+local.2", "+abc.a")),
  )
  .map((p) => p.join(""));
const pypiLegacy = fc.constantFrom("0.1-bulbasaur", "1.0-foo", "2.0.x", "dev", "1.0.0-beta.foo");

// Qualifiers follow "-" (or are ".Final"-style nulls): ComparableVersion itself is not transitive
// when a "." qualifier follows a number and "-number" sublists are in play
// (10.0.alpha < 10 < 10-1.0 < 10.0.alpha in Maven too), so the generator stays out of that corner.
const mavenQualifier = fc.constantFrom(
  "alpha",
  "beta",
  "milestone",
  "rc",
  "cr",
  "snapshot",
  "sp",
  "foo",
  "a1",
  "b2",
  "m3",
  "RC1",
  "SNAPSHOT",
);
const mavenPart = fc.oneof(
  fc.tuple(fc.constantFrom(".", "-"), num).map(([sep, n]) => sep + n),
  mavenQualifier.map((q) => `-${q}`),
  fc.constantFrom(".Final", ".RELEASE", ".GA", "-ga", "-final"),
);
const maven = fc.tuple(num, fc.array(mavenPart, { maxLength: 4 })).map(([first, rest]) => first + rest.join(""));

const rubygems = fc
  .tuple(
    dotted(1, 4),
    opt(fc.tuple(fc.constantFrom(".alpha", ".beta", ".pre", ".rc", "a", "-1"), opt(smallNum)).map(([l, n]) => l + n)),
  )
  .map((p) => p.join(""));

const packagist = fc
  .tuple(
    opt(fc.constantFrom("v", "V")),
    dotted(1, 4),
    opt(
      fc
        .tuple(fc.constantFrom("-dev", "-alpha", "-beta", "-RC", "-rc", "-patch", "-pl", "a", "b"), opt(smallNum))
        .map(([l, n]) => l + n),
    ),
  )
  .map((p) => p.join(""));

const pub = fc
  .tuple(
    fc.tuple(num, num, num).map((p) => join(p, ".")),
    opt(pre.map((p) => `-${p}`)),
    opt(pre.map((p) => `+${p}`)),
  )
  .map((p) => p.join(""));
const cran = fc
  .array(fc.tuple(fc.constantFrom(".", "-"), num), { minLength: 1, maxLength: 4 })
  .map((parts) => parts.map(([sep, n], i) => (i === 0 ? n : sep + n)).join(""));
const hackage = dotted(1, 5);

/** Realistic generators keyed by an OSV ecosystem the comparator serves. */
export const REALISTIC: Record<string, fc.Arbitrary<string>> = {
  Debian: debian,
  Alpine: alpine,
  "Red Hat": rpm,
  npm: semver,
  PyPI: fc.oneof({ weight: 9, arbitrary: pypi }, { weight: 1, arbitrary: pypiLegacy }),
  Maven: maven,
  RubyGems: rubygems,
  Packagist: packagist,
  NuGet: nuget,
  Pub: pub,
  CRAN: cran,
  Hackage: hackage,
};
