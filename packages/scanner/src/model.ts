/**
 * The scanner's shared vocabulary: what catalogers see (a view of the image's files) and what
 * they report (packages). Sources and the layer walk produce views; catalogers read them.
 */

/** Package kinds regscan reports. Part of the JSON report contract. */
export type PackageType = "deb" | "apk" | "rpm" | "npm" | "pypi" | "golang" | "maven";

/** Operating system of an image, from /etc/os-release (or /usr/lib/os-release). */
export interface OsInfo {
  /** os-release ID, lowercase: "debian", "ubuntu", "alpine", "rhel", "rocky", "almalinux", ... */
  family: string;
  /** VERSION_ID ("12", "22.04", "3.19.1"), or "" when absent (e.g. Debian sid). */
  version: string;
  /** ID_LIKE entries, lowercase. */
  idLike: string[];
  versionCodename?: string;
  prettyName?: string;
}

/**
 * Read-only view of the files that catalogers asked for, as the image's filesystem holds them
 * after some layer (whiteouts applied). Paths are relative, without a leading "/":
 * "var/lib/dpkg/status".
 */
export interface FileView {
  get(path: string): Uint8Array | undefined;
  has(path: string): boolean;
  /** Every kept path present in the view. */
  paths(): Iterable<string>;
}

export interface CatalogContext {
  os: OsInfo | null;
  /**
   * Paths owned by OS package managers (from the OS catalogers' `ownedPaths`). The walk runs the
   * catalogers with `os: true` first and passes their union here, so language catalogers can skip
   * packages the distribution installed (a python3-yaml deb is not also reported as PyPI PyYAML).
   */
  ownedPaths?: ReadonlySet<string>;
}

/** Something worth telling the user that is not a package (e.g. an unsupported rpm database). */
export interface Notice {
  /** Stable snake_case code, e.g. "rpmdb_unsupported", "file_too_large", "parse_error". */
  code: string;
  message: string;
  path?: string;
  /**
   * True when packages may be missing from the inventory because of what this notice reports (a
   * cataloger that failed, a wanted file that was skipped, a byte budget that ran out). Any such
   * notice makes the whole inventory `incomplete`: loud in every output, exit 3 from the CLI.
   */
  incomplete?: boolean;
}

/** A package as a cataloger finds it, before the OS and layer are known. */
export interface CatalogedPackage {
  name: string;
  version: string;
  type: PackageType;
  arch?: string;
  /** Source package (dpkg `Source:`, apk origin, rpm source rpm) when it differs or is known. */
  source?: { name: string; version: string };
  /** The file the package was read from, with a leading "/" ("/var/lib/dpkg/status"). */
  path: string;
  /** npm: true for the application's own root package (reported, but not as a dependency). */
  isRoot?: boolean;
  /**
   * "low" when the identity was inferred from weak evidence (a Java archive's MANIFEST.MF or file
   * name instead of its pom.properties): reported, matched only when the name is complete.
   */
  confidence?: "low";
}

export interface CatalogOutput {
  packages: CatalogedPackage[];
  notices?: Notice[];
  /** Paths ("usr/lib/python3/dist-packages/foo") owned by an OS package manager. */
  ownedPaths?: string[];
}

/**
 * A cataloger plug-in: one per package format, registered in an explicit array.
 * The layer walk keeps only files some cataloger `wants`, each up to `maxFileSize` bytes.
 */
export interface Cataloger {
  readonly id: string;
  readonly maxFileSize: number;
  /** True for OS package managers (dpkg, apk, rpm): run first, their `ownedPaths` feed the rest. */
  readonly os?: boolean;
  /** Bumped when `wants`/`reduce` change; part of the layer-cache key so cached layers are re-read. */
  readonly version?: string;
  wants(path: string): boolean;
  /**
   * Optional: shrink a wanted file as soon as it is read, keeping only what `catalog` needs
   * (dpkg `info/*.list` files keep only python / node_modules entries). The walk calls it once
   * per file and stores the result instead of the original bytes. Must not throw.
   */
  reduce?(path: string, data: Uint8Array): Uint8Array;
  /**
   * Optional: files chosen by their tar header rather than their path, or too large to keep
   * (Go binaries, Java archives). The walk streams each regular file the extractor accepts
   * through it and keeps only the sink's small result, in the view under the file's path. Such
   * results start with a marker of the cataloger's own (see `extractMarker`), so `catalog` can tell
   * them from other kept files; the cataloger runs again after every layer that changed a kept file.
   */
  readonly extract?: StreamExtractor;
  catalog(view: FileView, context: CatalogContext): CatalogOutput;
}

/** What the walk knows of a regular file before its bytes arrive. */
export interface FileEntry {
  /** Relative path ("usr/local/bin/app"). */
  path: string;
  /** Permission bits from the tar header (e.g. 0o755). */
  mode: number;
  /** Size in bytes. */
  size: number;
}

/** Chooses files by their header and reads them as they stream by. */
export interface StreamExtractor {
  /** Cheap test on the header alone; true to have the file streamed through `open`'s sink. */
  accepts(entry: FileEntry): boolean;
  open(entry: FileEntry): ExtractSink;
}

/** Reads one file chunk by chunk (any chunk sizes), holding only a bounded amount of it. */
export interface ExtractSink {
  /**
   * The next bytes of the file. Returns false once it needs no more. Must not throw. `chunk` may
   * be a view of a buffer the walk reuses once this returns: copy any bytes kept for later.
   */
  write(chunk: Uint8Array): boolean;
  /**
   * The file ended (or the sink wanted no more): the small result to keep in place of the file,
   * or undefined when the file holds nothing for this cataloger. Must not throw.
   */
  end(): Uint8Array | undefined;
}

/** A package in an image: what a cataloger found, plus its ecosystem, purl and layer. */
export interface ImagePackage extends CatalogedPackage {
  /** OSV ecosystem: "Debian:12", "Ubuntu:22.04:LTS", "Alpine:v3.19", "npm", "PyPI", ... */
  ecosystem: string;
  /** Package URL (packageurl-js). */
  purl: string;
  /** diffID (uncompressed digest) of the layer that introduced the package. */
  layer: string;
}

export interface LayerInfo {
  /** Compressed blob digest, as in the manifest. */
  digest: string;
  /** Uncompressed digest, as in the config's rootfs.diff_ids. */
  diffId: string;
  /** Compressed size in bytes. */
  size: number;
}

/** The inventory of an image: the regscan JSON report of `regscan sbom --format json`. */
export interface ImageInventory {
  schemaVersion: 1;
  artifact: {
    ref: string;
    /** Manifest digest. */
    digest: string;
    os: { family: string; version: string } | null;
    layers: LayerInfo[];
    platform?: string;
  };
  packages: ImagePackage[];
  notices: Notice[];
}
