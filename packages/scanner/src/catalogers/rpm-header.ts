/**
 * Parser for an rpm header blob as rpmdb stores it (no lead, no magic): int32 index count,
 * int32 data length, index entries {tag, type, offset, count} (16 bytes each, big-endian),
 * then the data store. Only the tags the rpm cataloger needs are decoded.
 */

export const RPMTAG = {
  NAME: 1000,
  VERSION: 1001,
  RELEASE: 1002,
  EPOCH: 1003,
  ARCH: 1022,
  SOURCERPM: 1044,
  DIRINDEXES: 1116,
  BASENAMES: 1117,
  DIRNAMES: 1118,
} as const;

const TYPE = { INT32: 4, STRING: 6, STRING_ARRAY: 8, I18NSTRING: 9 } as const;

/** Headers larger than this are refused (rpm itself caps a header at 256 MiB; real ones are KiB). */
const MAX_ENTRIES = 1 << 16;

export class RpmHeaderError extends Error {
  override readonly name = "RpmHeaderError";
}

/** The fields of one installed rpm the cataloger uses. */
export interface RpmHeaderInfo {
  name: string;
  version: string;
  release: string;
  epoch?: number;
  arch?: string;
  sourceRpm?: string;
  /** Full paths of the files the package owns (dirnames[dirindexes[i]] + basenames[i]). */
  files: string[];
}

interface Entry {
  type: number;
  offset: number;
  count: number;
}

const decoder = new TextDecoder("utf-8", { fatal: false });

/** Parses a header blob; throws RpmHeaderError when it is malformed or lacks NAME/VERSION. */
export function parseRpmHeader(blob: Uint8Array): RpmHeaderInfo {
  if (blob.length < 8) throw new RpmHeaderError("header blob too short");
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const il = view.getUint32(0);
  const dl = view.getUint32(4);
  const storeStart = 8 + il * 16;
  if (il === 0 || il > MAX_ENTRIES || storeStart + dl > blob.length) throw new RpmHeaderError("bad header sizes");
  const store = blob.subarray(storeStart, storeStart + dl);
  const entries = new Map<number, Entry>();
  for (let i = 0; i < il; i++) {
    const at = 8 + i * 16;
    const tag = view.getUint32(at);
    if (!entries.has(tag)) {
      entries.set(tag, { type: view.getUint32(at + 4), offset: view.getInt32(at + 8), count: view.getUint32(at + 12) });
    }
  }
  const strings = (tag: number): string[] | undefined => {
    const e = entries.get(tag);
    if (e === undefined) return undefined;
    if (e.type !== TYPE.STRING && e.type !== TYPE.STRING_ARRAY && e.type !== TYPE.I18NSTRING) {
      throw new RpmHeaderError(`tag ${tag} is not a string`);
    }
    const count = e.type === TYPE.STRING ? 1 : e.count;
    const out: string[] = [];
    let pos = e.offset;
    for (let i = 0; i < count; i++) {
      const end = pos < 0 ? -1 : store.indexOf(0, pos);
      if (end === -1) throw new RpmHeaderError(`tag ${tag} string out of range`);
      out.push(decoder.decode(store.subarray(pos, end)));
      pos = end + 1;
    }
    return out;
  };
  const int32s = (tag: number): number[] | undefined => {
    const e = entries.get(tag);
    if (e === undefined) return undefined;
    if (e.type !== TYPE.INT32 || e.offset < 0 || e.offset + 4 * e.count > store.length) {
      throw new RpmHeaderError(`tag ${tag} is not an int32 array in range`);
    }
    const out: number[] = [];
    for (let i = 0; i < e.count; i++) out.push(view.getInt32(storeStart + e.offset + 4 * i));
    return out;
  };
  const name = strings(RPMTAG.NAME)?.[0];
  const version = strings(RPMTAG.VERSION)?.[0];
  if (!name || version === undefined) throw new RpmHeaderError("header has no NAME or VERSION");
  const info: RpmHeaderInfo = { name, version, release: strings(RPMTAG.RELEASE)?.[0] ?? "", files: [] };
  const epoch = int32s(RPMTAG.EPOCH)?.[0];
  if (epoch !== undefined) info.epoch = epoch;
  const arch = strings(RPMTAG.ARCH)?.[0];
  if (arch) info.arch = arch;
  const sourceRpm = strings(RPMTAG.SOURCERPM)?.[0];
  if (sourceRpm) info.sourceRpm = sourceRpm;
  const basenames = strings(RPMTAG.BASENAMES) ?? [];
  const dirnames = strings(RPMTAG.DIRNAMES) ?? [];
  const dirindexes = int32s(RPMTAG.DIRINDEXES) ?? [];
  basenames.forEach((base, i) => {
    const dir = dirnames[dirindexes[i] ?? -1];
    if (dir !== undefined) info.files.push(dir + base);
  });
  return info;
}

/** Splits "name-version-release.src.rpm" into source name and "version-release". */
export function parseSourceRpm(sourceRpm: string): { name: string; version: string } | undefined {
  const match = /^(.+)-([^-]+)-([^-]+)\.(?:no)?src\.rpm$/.exec(sourceRpm);
  if (!match) return undefined;
  return { name: match[1] as string, version: `${match[2]}-${match[3]}` };
}
