/**
 * A minimal read-only SQLite reader over bytes: walks one table's b-tree and decodes its
 * records. Enough for rpm's `rpmdb.sqlite` (the `Packages` table) without a native or wasm
 * SQLite, so the rpm cataloger stays synchronous and runs unchanged on Node and Workers.
 * File format: https://www.sqlite.org/fileformat2.html. Throws `SqliteFormatError` on
 * malformed input; callers turn it into a notice.
 */

export class SqliteFormatError extends Error {
  override readonly name = "SqliteFormatError";
}

/** A column value: null, number (integers beyond 2^53 lose precision), text or blob. */
export type SqliteValue = null | number | string | Uint8Array;

const MAGIC = "SQLite format 3\u0000";
const text = new TextDecoder("utf-8", { fatal: false });

/** Reads tables of a SQLite database image held in memory. */
export class SqliteTableReader {
  readonly pageSize: number;
  private readonly usable: number;
  private readonly data: DataView;

  constructor(private readonly bytes: Uint8Array) {
    if (bytes.length < 100 || text.decode(bytes.subarray(0, 16)) !== MAGIC) {
      throw new SqliteFormatError("not a SQLite database");
    }
    this.data = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const raw = this.data.getUint16(16);
    this.pageSize = raw === 1 ? 65536 : raw;
    if (this.pageSize < 512 || (this.pageSize & (this.pageSize - 1)) !== 0)
      throw new SqliteFormatError("bad page size");
    this.usable = this.pageSize - (bytes[20] ?? 0);
    if (this.usable < 480) throw new SqliteFormatError("bad reserved space");
  }

  /** Root page of a table named `name` (case-insensitive), from sqlite_schema; undefined if absent. */
  tableRoot(name: string): number | undefined {
    for (const { values } of this.rows(1)) {
      if (values[0] === "table" && typeof values[1] === "string" && values[1].toLowerCase() === name.toLowerCase()) {
        return typeof values[3] === "number" ? values[3] : undefined;
      }
    }
    return undefined;
  }

  /** Yields every row of the table b-tree rooted at `root`, in rowid order. */
  *rows(root: number): Generator<{ rowid: number; values: SqliteValue[] }> {
    const visited = new Set<number>();
    const stack = [root];
    while (stack.length > 0) {
      const page = stack.pop() as number;
      if (visited.has(page)) throw new SqliteFormatError("b-tree cycle");
      visited.add(page);
      const base = this.pageOffset(page);
      const header = page === 1 ? base + 100 : base;
      const type = this.u8(header);
      const cells = this.u16(header + 3);
      if (type === 0x05) {
        const children: number[] = [];
        for (let i = 0; i < cells; i++) children.push(this.u32(base + this.u16(header + 12 + 2 * i)));
        children.push(this.u32(header + 8));
        for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as number);
      } else if (type === 0x0d) {
        for (let i = 0; i < cells; i++) yield this.leafCell(base + this.u16(header + 8 + 2 * i));
      } else {
        throw new SqliteFormatError(`page ${page} is not a table b-tree page`);
      }
    }
  }

  private leafCell(offset: number): { rowid: number; values: SqliteValue[] } {
    const [size, a] = this.varint(offset);
    const [rowid, b] = this.varint(a);
    return { rowid, values: this.record(this.payload(b, size)) };
  }

  /** Assembles a cell payload, following overflow pages when it does not fit in the page. */
  private payload(offset: number, size: number): Uint8Array {
    const u = this.usable;
    const maxLocal = u - 35;
    if (size > this.bytes.length) throw new SqliteFormatError("payload larger than the file");
    if (size <= maxLocal) return this.slice(offset, size);
    const minLocal = Math.floor(((u - 12) * 32) / 255) - 23;
    const k = minLocal + ((size - minLocal) % (u - 4));
    const local = k <= maxLocal ? k : minLocal;
    const out = new Uint8Array(size);
    out.set(this.slice(offset, local), 0);
    let filled = local;
    let next = this.u32(offset + local);
    const seen = new Set<number>();
    while (filled < size) {
      if (next === 0 || seen.has(next)) throw new SqliteFormatError("broken overflow chain");
      seen.add(next);
      const base = this.pageOffset(next);
      const n = Math.min(u - 4, size - filled);
      out.set(this.slice(base + 4, n), filled);
      filled += n;
      next = this.u32(base);
    }
    return out;
  }

  private record(payload: Uint8Array): SqliteValue[] {
    const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
    const varintAt = (at: number): [number, number] => readVarint(payload, at);
    const [headerSize, first] = varintAt(0);
    if (headerSize > payload.length) throw new SqliteFormatError("record header too long");
    const values: SqliteValue[] = [];
    let h = first;
    let body = headerSize;
    while (h < headerSize) {
      const [serial, next] = varintAt(h);
      h = next;
      const len = serialLength(serial);
      if (body + len > payload.length) throw new SqliteFormatError("record body too short");
      values.push(decodeValue(serial, view, payload, body, len));
      body += len;
    }
    return values;
  }

  private pageOffset(page: number): number {
    const offset = (page - 1) * this.pageSize;
    if (page < 1 || offset + this.pageSize > this.bytes.length)
      throw new SqliteFormatError(`page ${page} out of range`);
    return offset;
  }

  private slice(offset: number, length: number): Uint8Array {
    if (offset < 0 || offset + length > this.bytes.length) throw new SqliteFormatError("read past end of file");
    return this.bytes.subarray(offset, offset + length);
  }

  private u8(at: number): number {
    return this.slice(at, 1)[0] as number;
  }
  private u16(at: number): number {
    this.slice(at, 2);
    return this.data.getUint16(at);
  }
  private u32(at: number): number {
    this.slice(at, 4);
    return this.data.getUint32(at);
  }
  private varint(at: number): [number, number] {
    return readVarint(this.bytes, at);
  }
}

/** SQLite varint: 1-9 bytes, big-endian, 7 bits per byte except a full 9th byte. */
function readVarint(bytes: Uint8Array, at: number): [number, number] {
  let value = 0;
  for (let i = 0; i < 9; i++) {
    const byte = bytes[at + i];
    if (byte === undefined) throw new SqliteFormatError("varint past end");
    if (i === 8) return [value * 256 + byte, at + 9];
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) return [value, at + i + 1];
  }
  return [value, at + 9];
}

function serialLength(serial: number): number {
  if (serial >= 12) return Math.floor((serial - (serial % 2 === 0 ? 12 : 13)) / 2);
  return [0, 1, 2, 3, 4, 6, 8, 8, 0, 0, 0, 0][serial] ?? 0;
}

function decodeValue(serial: number, view: DataView, payload: Uint8Array, at: number, len: number): SqliteValue {
  switch (serial) {
    case 0:
      return null;
    case 1:
      return view.getInt8(at);
    case 2:
      return view.getInt16(at);
    case 3:
      return (view.getInt8(at) << 16) | view.getUint16(at + 1);
    case 4:
      return view.getInt32(at);
    case 5:
      return view.getInt16(at) * 2 ** 32 + view.getUint32(at + 2);
    case 6:
      return Number(view.getBigInt64(at));
    case 7:
      return view.getFloat64(at);
    case 8:
      return 0;
    case 9:
      return 1;
    case 10:
    case 11:
      throw new SqliteFormatError("reserved serial type");
    default:
      return serial % 2 === 0 ? payload.slice(at, at + len) : text.decode(payload.subarray(at, at + len));
  }
}
