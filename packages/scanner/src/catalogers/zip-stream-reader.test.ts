import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { type ZipBudget, ZipStreamReader } from "./zip-stream-reader.js";

const text = (s: string) => new TextEncoder().encode(s);
const le = (n: number, bytes: number) => Array.from({ length: bytes }, (_, i) => Math.floor(n / 256 ** i) % 256);
const budget = (): ZipBudget => ({ entries: 1000, inflatedBytes: 1e9, maxRatio: 100, maxPrefix: 1024 });

/** A stored entry written with bit 3 (sizes only in a data descriptor after the data). */
function streamedEntry(name: string, data: Uint8Array, signed: boolean): number[] {
  const header = [0x50, 0x4b, 3, 4, 20, 0, 8, 0, 0, 0, 0, 0, 0, 0, ...le(0, 12), ...le(name.length, 2), 0, 0];
  const descriptor = [...(signed ? [0x50, 0x4b, 7, 8] : []), ...le(0, 4), ...le(data.length, 4), ...le(data.length, 4)];
  return [...header, ...text(name), ...data, ...descriptor];
}

function read(bytes: Uint8Array, chunk: number) {
  const seen: Record<string, string> = {};
  const problems: string[] = [];
  const reader = new ZipStreamReader(
    {
      onEntry: (entry) => {
        const parts: string[] = [];
        return {
          write: (d) => parts.push(new TextDecoder().decode(d)),
          end: () => void (seen[entry.name] = parts.join("")),
        };
      },
      onProblem: (m) => problems.push(m),
    },
    budget(),
  );
  for (let at = 0; at < bytes.length; at += chunk) reader.write(bytes.subarray(at, at + chunk));
  reader.end();
  return { seen, problems, entries: reader.entries };
}

describe("ZipStreamReader", () => {
  it.each([1, 3, 1000])(
    "ends entries at data descriptors, with or without their signature (%i-byte chunks)",
    (chunk) => {
      // The data itself holds a descriptor signature that does not fit: it must not end the entry.
      const tricky = text("PK\u0007\u0008 not a descriptor PK\u0003\u0004 nor a header");
      const central = [0x50, 0x4b, 1, 2, ...le(0, 42)];
      const bytes = Uint8Array.from([
        ...streamedEntry("a.txt", tricky, true),
        ...streamedEntry("b.txt", text("second"), false),
        ...central,
      ]);
      expect(read(bytes, chunk)).toEqual({
        seen: { "a.txt": new TextDecoder().decode(tricky), "b.txt": "second" },
        problems: [],
        entries: 2,
      });
    },
  );

  it("reads deflated entries with known sizes and stops at the central directory", () => {
    const bytes = zipSync({ "x/y.txt": text("hello ".repeat(1000)), "z.txt": [text("plain"), { level: 0 }] });
    const out = read(bytes, 7);
    expect(out.seen).toEqual({ "x/y.txt": "hello ".repeat(1000), "z.txt": "plain" });
    expect(out.problems).toEqual([]);
  });

  it("stops at the entry limit", () => {
    const files = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`f${i}`, text("x")]));
    const reader = new ZipStreamReader(
      { onEntry: () => undefined, onProblem: () => undefined },
      { ...budget(), entries: 5 },
    );
    reader.write(zipSync(files));
    reader.end();
    expect(reader.entries).toBe(5);
  });
});
