/**
 * The little of an ELF file the Go build-info scanner needs, read from the file's first bytes
 * (the ELF header and program headers are at its start): the loadable segments (to map virtual
 * addresses to file offsets and to find the writable data segment that holds `.go.buildinfo`) and
 * whether a `Go` build-ID note is there (every binary `go build` links, unless built with
 * `-buildid=`).
 */

export interface ElfSegment {
  offset: number;
  filesz: number;
  /** Size in memory; the bytes past `filesz` are zero-filled (bss). */
  memsz: number;
  vaddr: number;
  flags: number;
}

export interface ElfLayout {
  bigEndian: boolean;
  loads: ElfSegment[];
  /** A `Go` note of type 4 (build ID) sits in a PT_NOTE segment within the bytes read. */
  goNote: boolean;
}

const PT_LOAD = 1;
const PT_NOTE = 4;
const PF_X = 1;
const PF_W = 2;
const MAX_PROGRAM_HEADERS = 128;

export function isElf(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x7f && head[1] === 0x45 && head[2] === 0x4c && head[3] === 0x46;
}

/** Parses what `head` (the file's first bytes) holds; undefined when it is not a usable ELF header. */
export function parseElfLayout(head: Uint8Array): ElfLayout | undefined {
  if (!isElf(head) || head.length < 52) return undefined;
  const is64 = head[4] === 2;
  const bigEndian = head[5] === 2;
  if ((head[4] !== 1 && !is64) || (head[5] !== 1 && !bigEndian)) return undefined;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const le = !bigEndian;
  const u16 = (at: number) => view.getUint16(at, le);
  const u32 = (at: number) => view.getUint32(at, le);
  const word = (at: number) => (is64 ? Number(view.getBigUint64(at, le)) : view.getUint32(at, le));
  if (is64 && head.length < 64) return undefined;
  const phoff = word(is64 ? 0x20 : 0x1c);
  const phentsize = u16(is64 ? 0x36 : 0x2a);
  const phnum = Math.min(u16(is64 ? 0x38 : 0x2c), MAX_PROGRAM_HEADERS);
  if (phentsize < (is64 ? 56 : 32)) return undefined;
  const loads: ElfSegment[] = [];
  let goNote = false;
  for (let i = 0; i < phnum; i++) {
    const at = phoff + i * phentsize;
    if (at + phentsize > head.length) break;
    const type = u32(at);
    const segment: ElfSegment = is64
      ? { flags: u32(at + 4), offset: word(at + 8), vaddr: word(at + 16), filesz: word(at + 32), memsz: word(at + 40) }
      : { offset: u32(at + 4), vaddr: u32(at + 8), filesz: u32(at + 16), memsz: u32(at + 20), flags: u32(at + 24) };
    if (type === PT_LOAD) loads.push(segment);
    else if (type === PT_NOTE && hasGoNote(view, le, segment.offset, segment.filesz)) goNote = true;
  }
  return { bigEndian, loads, goNote };
}

/** Walks the notes of one PT_NOTE segment (as far as `view` holds it) for Go's build-ID note. */
function hasGoNote(view: DataView, le: boolean, offset: number, size: number): boolean {
  let at = offset;
  const end = Math.min(offset + size, view.byteLength);
  while (at + 12 <= end) {
    const namesz = view.getUint32(at, le);
    const descsz = view.getUint32(at + 4, le);
    const type = view.getUint32(at + 8, le);
    const name = at + 12;
    if (
      namesz === 4 &&
      type === 4 &&
      name + 4 <= end &&
      view.getUint8(name) === 0x47 &&
      view.getUint8(name + 1) === 0x6f &&
      view.getUint8(name + 2) === 0
    ) {
      return true;
    }
    const next = name + align4(namesz) + align4(descsz);
    if (next <= at || namesz > size || descsz > size) return false;
    at = next;
  }
  return false;
}

const align4 = (n: number) => (n + 3) & ~3;

/** The file offset of virtual address `addr`, or undefined when no loaded segment's file bytes hold it. */
export function fileOffsetOf(layout: ElfLayout, addr: number): number | undefined {
  for (const s of layout.loads) {
    if (addr >= s.vaddr && addr < s.vaddr + s.filesz) return s.offset + (addr - s.vaddr);
  }
  return undefined;
}

/** True when `addr` is in a loaded segment's zero-filled part (bss): its bytes are all zero. */
export function isZeroFilled(layout: ElfLayout, addr: number): boolean {
  return layout.loads.some((s) => addr >= s.vaddr + s.filesz && addr < s.vaddr + s.memsz);
}

/**
 * True when a build-info header at file offset `at` lies in a writable, non-executable loaded
 * segment, where Go's linker puts it (debug/buildinfo looks there too when the section headers
 * are gone). ELF files without such a segment accept any offset.
 */
export function inDataSegment(layout: ElfLayout, at: number): boolean {
  const data = layout.loads.filter((s) => (s.flags & (PF_X | PF_W)) === PF_W);
  return data.length === 0 || data.some((s) => at >= s.offset && at < s.offset + s.filesz);
}
