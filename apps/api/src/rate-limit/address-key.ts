const HEXTET = /^[0-9a-f]{1,4}$/i;
const IPV4_MAPPED = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/**
 * The rate-limit key part of a client address: an IPv4 address as is (also when written as an
 * IPv4-mapped IPv6 address), an IPv6 address by its /64 prefix (one host usually holds a whole
 * /64, so counting single addresses would let it pick a fresh one per request), `unknown` when
 * the runtime does not say.
 */
export function addressKey(address: string | undefined): string {
  if (!address) return "unknown";
  const mapped = IPV4_MAPPED.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (!address.includes(":")) return address;
  const plain = address.split("%")[0] ?? address; // drop a zone id (fe80::1%eth0)
  const halves = plain.split("::");
  if (halves.length > 2) return plain.toLowerCase();
  const head = halves[0] ? halves[0].split(":") : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
  const groups =
    halves.length === 2 ? [...head, ...Array<string>(8 - head.length - tail.length).fill("0"), ...tail] : head;
  const prefix = groups.slice(0, 4);
  if (groups.length !== 8 || !prefix.every((g) => HEXTET.test(g))) return plain.toLowerCase();
  return `${prefix.map((g) => Number.parseInt(g, 16).toString(16)).join(":")}::/64`;
}
