/**
 * Reads a Java archive (and the archives nested in it, to a bounded depth) while it streams by,
 * keeping only its Maven coordinates: each `META-INF/maven/<g>/<a>/pom.properties` and the
 * `META-INF/MANIFEST.MF` attributes that identify it. Nested archives are read from their inflated
 * bytes as those arrive: nothing is buffered but small metadata files.
 */

import { type ManifestFields, type PomProperties, parseManifest, parsePomProperties } from "./java-metadata.js";
import { type ZipBudget, type ZipEntryConsumer, ZipStreamReader } from "./zip-stream-reader.js";

export const JAVA_ARCHIVE_LIMITS = {
  /** Archives nested below the outer file (ear → war → jar → jar). */
  maxDepth: 3,
  /** Entries over the outer archive and everything nested in it. */
  maxEntries: 200_000,
  /** Inflated bytes of nested archives and metadata, over the outer archive. */
  maxInflatedBytes: 1024 * 1024 * 1024,
  maxRatio: 100,
  maxPrefix: 1024 * 1024,
  maxMetadataFile: 256 * 1024,
  maxPomsPerArchive: 1000,
  maxArchives: 10_000,
} as const;

/** Suffixes of archives read (Syft's list without .rar, which is usually not a ZIP). */
export const JAVA_ARCHIVE_SUFFIX = /\.(?:jar|war|ear|jpi|hpi|sar|par|nar|kar)$/i;
const POM_PROPERTIES = /^META-INF\/maven\/[^/]+\/[^/]+\/pom\.properties$/i;
const MANIFEST = /^META-INF\/MANIFEST\.MF$/i;

export interface ArchiveRecord {
  /** Where the archive is inside the outer one ("" for the outer itself, "WEB-INF/lib/a.jar:lib/b.jar"). */
  path: string;
  /** Its file name ("a.jar"). */
  file: string;
  poms: PomProperties[];
  manifest?: ManifestFields;
}

export interface JavaArchiveResult {
  archives: ArchiveRecord[];
  problems: string[];
}

/** A push-based reader of one outer archive; `end()` gives what it found. */
export class JavaArchiveReader {
  readonly #result: JavaArchiveResult = { archives: [], problems: [] };
  readonly #budget: ZipBudget = {
    entries: JAVA_ARCHIVE_LIMITS.maxEntries,
    inflatedBytes: JAVA_ARCHIVE_LIMITS.maxInflatedBytes,
    maxRatio: JAVA_ARCHIVE_LIMITS.maxRatio,
    maxPrefix: JAVA_ARCHIVE_LIMITS.maxPrefix,
  };
  readonly #zip: ZipStreamReader;

  constructor(fileName: string) {
    this.#zip = this.#open("", fileName, 0);
  }

  /** Feeds the next bytes; false once the archive's entries are all read. */
  write(chunk: Uint8Array): boolean {
    this.#zip.write(chunk);
    return !this.#zip.finished;
  }

  end(): JavaArchiveResult {
    this.#zip.end();
    return this.#result;
  }

  #open(path: string, file: string, depth: number): ZipStreamReader {
    const record: ArchiveRecord = { path, file, poms: [] };
    if (this.#result.archives.length < JAVA_ARCHIVE_LIMITS.maxArchives) this.#result.archives.push(record);
    else this.#problem(`more than ${JAVA_ARCHIVE_LIMITS.maxArchives} nested archives; the rest were not read`);
    const where = path === "" ? "" : `${path}: `;
    return new ZipStreamReader(
      {
        onProblem: (message) => this.#problem(`${where}${message}`),
        onEntry: (entry) => {
          const name = entry.name;
          if (MANIFEST.test(name) && record.manifest === undefined) {
            return this.#text(name, (text) => {
              record.manifest = parseManifest(text);
            });
          }
          if (POM_PROPERTIES.test(name)) {
            return this.#text(name, (text) => {
              const pom = parsePomProperties(text);
              if (pom === undefined) this.#problem(`${where}${name} has no usable groupId, artifactId and version`);
              else if (record.poms.length < JAVA_ARCHIVE_LIMITS.maxPomsPerArchive) record.poms.push(pom);
            });
          }
          if (!JAVA_ARCHIVE_SUFFIX.test(name)) return undefined;
          const nestedPath = path === "" ? name : `${path}:${name}`;
          if (depth >= JAVA_ARCHIVE_LIMITS.maxDepth) {
            this.#problem(
              `${nestedPath} is nested more than ${JAVA_ARCHIVE_LIMITS.maxDepth} archives deep; it was not read`,
            );
            return undefined;
          }
          const nested = this.#open(nestedPath, name.slice(name.lastIndexOf("/") + 1), depth + 1);
          return { write: (data) => nested.write(data), end: () => nested.end() };
        },
      },
      this.#budget,
    );
  }

  /** Collects a small text entry (bounded), then hands it to `done`. */
  #text(name: string, done: (text: string) => void): ZipEntryConsumer {
    const parts: Uint8Array[] = [];
    let size = 0;
    let tooLarge = false;
    return {
      write: (data) => {
        size += data.length;
        if (size > JAVA_ARCHIVE_LIMITS.maxMetadataFile) tooLarge = true;
        else parts.push(data.slice());
      },
      end: () => {
        if (tooLarge) return this.#problem(`${name} is over ${JAVA_ARCHIVE_LIMITS.maxMetadataFile} bytes; not read`);
        const bytes = new Uint8Array(size);
        let at = 0;
        for (const p of parts) {
          bytes.set(p, at);
          at += p.length;
        }
        done(new TextDecoder().decode(bytes));
      },
    };
  }

  #problem(message: string): void {
    if (this.#result.problems.length < 100) this.#result.problems.push(message);
  }
}
