import { describe, expect, it } from "vitest";
import { manifestIdentity, nameFromFile, parseManifest, parsePomProperties, parseProperties } from "./java-metadata.js";

describe("Java archive metadata", () => {
  it("parses Java properties: comments, separators, continuations, escapes", () => {
    const props = parseProperties("# c\n! c\na=1\nb : 2\nc 3\nd=long\\\n   value\ne=\\u0041\\tB\n  f=  x  \n");
    expect(Object.fromEntries(props)).toEqual({ a: "1", b: "2", c: "3", d: "longvalue", e: "A\tB", f: "x" });
  });

  it.each([
    { text: "groupId=g\nartifactId=a\nversion=1\n", expected: { groupId: "g", artifactId: "a", version: "1" } },
    { text: "groupId=g\nartifactId=a\n", expected: undefined },
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an unresolved Maven placeholder, as written
    { text: "groupId=g\nartifactId=a\nversion=${project.version}\n", expected: undefined },
  ])("pom.properties $text", ({ text, expected }) => {
    expect(parsePomProperties(text)).toEqual(expected);
  });

  it("reads the manifest's main section, joining 72-byte continuation lines", () => {
    const text =
      "Manifest-Version: 1.0\r\nBundle-SymbolicName: org.example.a.very.long.symbolic.name.that.goes.on.a\r\n nd.on;singleton:=true\r\nimplementation-version: 1.2.3\r\n\r\nName: x\r\nImplementation-Version: 9\r\n";
    expect(parseManifest(text)).toEqual({
      "Bundle-SymbolicName": "org.example.a.very.long.symbolic.name.that.goes.on.and.on;singleton:=true",
      "Implementation-Version": "1.2.3",
    });
  });

  it.each([
    { file: "commons-io-2.11.0.jar", expected: { artifact: "commons-io", version: "2.11.0" } },
    { file: "log4j-core.jar", expected: { artifact: "log4j-core", version: "" } },
    { file: "guava-31.1-jre.jar", expected: { artifact: "guava", version: "31.1-jre" } },
    { file: "jsr305-0.1~+svn49.jar", expected: { artifact: "jsr305", version: "0.1~+svn49" } },
    { file: "commons-lang3-3.12.0.jar", expected: { artifact: "commons-lang3", version: "3.12.0" } },
  ])("file name $file", ({ file, expected }) => {
    expect(nameFromFile(file)).toEqual(expected);
  });

  it.each([
    {
      name: "Implementation-* with a vendor id: group known",
      manifest: { "Implementation-Version": "4.13.2", "Implementation-Vendor-Id": "junit", "Bundle-Version": "4.12" },
      file: "junit4.jar",
      expected: { group: "junit", artifact: "junit4", version: "4.13.2" },
    },
    {
      name: "Bundle-* only: group unknown",
      manifest: { "Bundle-SymbolicName": "com.google.inject;singleton:=true", "Bundle-Version": "4.2.3" },
      file: "",
      expected: { group: undefined, artifact: "com.google.inject", version: "4.2.3" },
    },
    {
      name: "a vendor id that is not a group",
      manifest: { "Implementation-Vendor-Id": "The Apache Software Foundation" },
      file: "x-1.0.jar",
      expected: { group: undefined, artifact: "x", version: "1.0" },
    },
    { name: "no version anywhere", manifest: {}, file: "app.jar", expected: undefined },
  ])("manifest identity: $name", ({ manifest, file, expected }) => {
    expect(manifestIdentity(manifest, file)).toEqual(expected);
  });
});
