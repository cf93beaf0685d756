import { describe, expect, it } from "vitest";
import { addressKey } from "./address-key.js";

describe("addressKey", () => {
  it.each([
    ["IPv4", "203.0.113.7", "203.0.113.7"],
    ["IPv4-mapped IPv6", "::ffff:203.0.113.7", "203.0.113.7"],
    ["IPv4-mapped IPv6, upper case", "::FFFF:127.0.0.1", "127.0.0.1"],
    ["IPv6 loopback", "::1", "0:0:0:0::/64"],
    ["IPv6, full", "2001:0db8:0000:0001:aaaa:bbbb:cccc:dddd", "2001:db8:0:1::/64"],
    ["IPv6, compressed", "2001:db8:0:1::42", "2001:db8:0:1::/64"],
    ["IPv6, compressed in the prefix", "2001:db8::1:2:3", "2001:db8:0:0::/64"],
    ["IPv6, upper case", "2001:DB8:0:1::42", "2001:db8:0:1::/64"],
    ["IPv6 with a zone id", "fe80::1%eth0", "fe80:0:0:0::/64"],
    ["NAT64 with an embedded IPv4 tail", "64:ff9b::192.0.2.1", "64:ff9b:0:0::/64"],
    ["not an address", "a::b::c", "a::b::c"],
    ["bad hextets", "zz:1::1", "zz:1::1"],
    ["unknown", undefined, "unknown"],
    ["empty", "", "unknown"],
  ])("%s: %s → %s", (_name, address, key) => {
    expect(addressKey(address)).toBe(key);
  });

  it("puts two addresses of one /64 under one key, and another /64 under another", () => {
    expect(addressKey("2001:db8:1:2::a")).toBe(addressKey("2001:db8:1:2:ffff::b"));
    expect(addressKey("2001:db8:1:2::a")).not.toBe(addressKey("2001:db8:1:3::a"));
  });
});
