/**
 * Java archive cataloger: `.jar`, `.war`, `.ear` (and the other Java archive suffixes) are read
 * while the layer streams, with the archives nested in them (`WEB-INF/lib/*.jar`,
 * `BOOT-INF/lib/*.jar`, …) to a bounded depth. One `maven` package per pom.properties; an archive
 * without a pom.properties of its own gets a lower-confidence package from its MANIFEST.MF and file
 * name (matched only when its group is known). A nested package's `path` says where it is:
 * `/app/app.war:WEB-INF/lib/x.jar`. Archives owned by an OS package are left to the OS cataloger.
 */

import type { CatalogContext, CatalogedPackage, Cataloger, CatalogOutput, FileView, Notice } from "../model.js";
import { decodeExtract, encodeExtract } from "./extract-marker.js";
import {
  type ArchiveRecord,
  JAVA_ARCHIVE_SUFFIX,
  JavaArchiveReader,
  type JavaArchiveResult,
} from "./java-archive-extractor.js";
import { describesArchive, manifestIdentity } from "./java-metadata.js";
import { isOwned } from "./owned-paths.js";

const FORMAT = "java-archive/1";
/** Outer archives larger than this are not read (a notice says so). */
export const MAX_JAVA_ARCHIVE = 2 * 1024 * 1024 * 1024;

function isResult(value: unknown): value is JavaArchiveResult {
  const v = value as JavaArchiveResult | undefined;
  return typeof v === "object" && v !== null && Array.isArray(v.archives) && Array.isArray(v.problems);
}

function archivePackages(outer: string, archive: ArchiveRecord): CatalogedPackage[] {
  const path = archive.path === "" ? outer : `${outer}:${archive.path}`;
  const packages: CatalogedPackage[] = [];
  for (const pom of archive.poms) {
    packages.push({ name: `${pom.groupId}:${pom.artifactId}`, version: pom.version, type: "maven", path });
  }
  if (archive.poms.some((pom) => describesArchive(pom, archive.file))) return packages;
  const identity = archive.manifest === undefined ? undefined : manifestIdentity(archive.manifest, archive.file);
  if (identity === undefined) return packages;
  // A renamed archive (run.jar) whose manifest names one of its pom.properties adds nothing.
  const same = (pom: (typeof archive.poms)[number]) =>
    pom.version === identity.version && (identity.group === undefined || identity.group === pom.groupId);
  if (archive.poms.some(same)) return packages;
  const name = identity.group === undefined ? identity.artifact : `${identity.group}:${identity.artifact}`;
  if (!packages.some((p) => p.name === name && p.version === identity.version)) {
    packages.push({ name, version: identity.version, type: "maven", path, confidence: "low" });
  }
  return packages;
}

function catalogJavaArchives(view: FileView, context: CatalogContext): CatalogOutput {
  const packages: CatalogedPackage[] = [];
  const notices: Notice[] = [];
  for (const path of Array.from(view.paths()).sort()) {
    const data = view.get(path);
    const value = data === undefined ? undefined : decodeExtract(FORMAT, data);
    if (!isResult(value) || isOwned(context.ownedPaths, path)) continue;
    const outer = `/${path}`;
    for (const problem of value.problems) {
      notices.push({
        code: "java_archive_unreadable",
        message: `${outer}: ${problem}; packages in it may be missing.`,
        path: outer,
        incomplete: true,
      });
    }
    for (const archive of value.archives) {
      const found = archivePackages(outer, archive);
      if (found.length === 0 && !value.problems.length) {
        const where = archive.path === "" ? outer : `${outer}:${archive.path}`;
        notices.push({
          code: "java_archive_unidentified",
          message: `${where} has no pom.properties and no version in its manifest or file name; it is not reported.`,
          path: outer,
        });
      }
      for (const p of found) packages.push(p);
    }
  }
  return { packages, notices };
}

/** The Java archive cataloger plug-in. */
export const javaArchiveCataloger: Cataloger = {
  id: "java-archive",
  version: "1",
  // Nothing is kept by path; the extractor keeps each archive's coordinates.
  maxFileSize: 0,
  wants: () => false,
  extract: {
    accepts: (entry) => JAVA_ARCHIVE_SUFFIX.test(entry.path),
    open(entry) {
      const reader = new JavaArchiveReader(entry.path.slice(entry.path.lastIndexOf("/") + 1));
      const tooLarge = entry.size > MAX_JAVA_ARCHIVE;
      return {
        write(chunk) {
          return !tooLarge && reader.write(chunk);
        },
        end() {
          if (tooLarge) {
            const problem = `the archive is over ${MAX_JAVA_ARCHIVE} bytes and was not read`;
            return encodeExtract(FORMAT, { archives: [], problems: [problem] } satisfies JavaArchiveResult);
          }
          return encodeExtract(FORMAT, reader.end());
        },
      };
    },
  },
  catalog: catalogJavaArchives,
};
