import { describe, expect, it } from "vitest";
import type { CatalogedPackage, OsInfo } from "../model.js";
import { finalizePackage, osvEcosystem } from "./finalize-package.js";

const os = (family: string, version: string, idLike: string[] = []): OsInfo => ({ family, version, idLike });
const LAYER = "sha256:1111111111111111111111111111111111111111111111111111111111111111";

describe("finalizePackage", () => {
  it.each<{ name: string; pkg: CatalogedPackage; os: OsInfo | null; ecosystem: string; purl: string }>([
    {
      name: "deb with source name and version",
      pkg: {
        name: "libgcc-s1",
        version: "12.2.0-14+deb12u1",
        arch: "amd64",
        type: "deb",
        path: "/var/lib/dpkg/status",
        source: { name: "gcc-12", version: "12.2.0-14+deb12u1" },
      },
      os: os("debian", "12"),
      ecosystem: "Debian:12",
      purl: "pkg:deb/debian/libgcc-s1@12.2.0-14+deb12u1?arch=amd64&distro=debian-12&upstream=gcc-12",
    },
    {
      name: "deb binNMU: source version differs",
      pkg: {
        name: "bash",
        version: "5.2.15-2+b8",
        arch: "amd64",
        type: "deb",
        path: "/var/lib/dpkg/status",
        source: { name: "bash", version: "5.2.15-2" },
      },
      os: os("debian", "12"),
      ecosystem: "Debian:12",
      purl: "pkg:deb/debian/bash@5.2.15-2+b8?arch=amd64&distro=debian-12&upstream=bash%405.2.15-2",
    },
    {
      name: "deb, source same as binary: no upstream",
      pkg: {
        name: "curl",
        version: "7.88.1-10",
        arch: "amd64",
        type: "deb",
        path: "/var/lib/dpkg/status",
        source: { name: "curl", version: "7.88.1-10" },
      },
      os: os("debian", "12"),
      ecosystem: "Debian:12",
      purl: "pkg:deb/debian/curl@7.88.1-10?arch=amd64&distro=debian-12",
    },
    {
      name: "Debian sid",
      pkg: { name: "zlib1g", version: "1:1.3.dfsg-3", type: "deb", path: "/var/lib/dpkg/status" },
      os: os("debian", ""),
      ecosystem: "Debian",
      purl: "pkg:deb/debian/zlib1g@1:1.3.dfsg-3?distro=debian",
    },
    {
      name: "Ubuntu LTS",
      pkg: {
        name: "libc6",
        version: "2.35-0ubuntu3.8",
        arch: "amd64",
        type: "deb",
        path: "/var/lib/dpkg/status",
        source: { name: "glibc", version: "2.35-0ubuntu3.8" },
      },
      os: os("ubuntu", "22.04", ["debian"]),
      ecosystem: "Ubuntu:22.04:LTS",
      purl: "pkg:deb/ubuntu/libc6@2.35-0ubuntu3.8?arch=amd64&distro=ubuntu-22.04&upstream=glibc",
    },
    {
      name: "Ubuntu interim",
      pkg: { name: "bash", version: "5.2.15-2ubuntu1", type: "deb", path: "/var/lib/dpkg/status" },
      os: os("ubuntu", "23.10", ["debian"]),
      ecosystem: "Ubuntu:23.10",
      purl: "pkg:deb/ubuntu/bash@5.2.15-2ubuntu1?distro=ubuntu-23.10",
    },
    {
      name: "apk with origin",
      pkg: {
        name: "libcrypto3",
        version: "3.3.1-r0",
        arch: "x86_64",
        type: "apk",
        path: "/lib/apk/db/installed",
        source: { name: "openssl", version: "3.3.1-r0" },
      },
      os: os("alpine", "3.20.1"),
      ecosystem: "Alpine:v3.20",
      purl: "pkg:apk/alpine/libcrypto3@3.3.1-r0?arch=x86_64&distro=alpine-3.20.1&upstream=openssl",
    },
    {
      name: "rpm on RHEL with epoch",
      pkg: {
        name: "hello-tools",
        version: "2:1.2.3-4.el9",
        arch: "x86_64",
        type: "rpm",
        path: "/var/lib/rpm/rpmdb.sqlite",
        source: { name: "hello-tools", version: "2:1.2.3-4.el9" },
      },
      os: os("rhel", "9.4", ["fedora"]),
      ecosystem: "Red Hat",
      purl: "pkg:rpm/redhat/hello-tools@1.2.3-4.el9?arch=x86_64&distro=rhel-9.4&epoch=2&upstream=hello-tools-1.2.3-4.el9.src.rpm",
    },
    {
      name: "rpm on Rocky",
      pkg: { name: "bash", version: "5.1.8-9.el9", arch: "x86_64", type: "rpm", path: "/var/lib/rpm/rpmdb.sqlite" },
      os: os("rocky", "9.3", ["rhel", "centos", "fedora"]),
      ecosystem: "Rocky Linux:9",
      purl: "pkg:rpm/rocky/bash@5.1.8-9.el9?arch=x86_64&distro=rocky-9.3",
    },
    {
      name: "rpm on AlmaLinux",
      pkg: { name: "bash", version: "5.1.8-9.el9", type: "rpm", path: "/var/lib/rpm/rpmdb.sqlite" },
      os: os("almalinux", "9.4"),
      ecosystem: "AlmaLinux:9",
      purl: "pkg:rpm/almalinux/bash@5.1.8-9.el9?distro=almalinux-9.4",
    },
    {
      name: "rpm on Amazon Linux (not an OSV ecosystem)",
      pkg: { name: "bash", version: "5.2.15-1.amzn2023.0.2", type: "rpm", path: "/var/lib/rpm/rpmdb.sqlite" },
      os: os("amzn", "2023", ["fedora"]),
      ecosystem: "amzn:2023",
      purl: "pkg:rpm/amzn/bash@5.2.15-1.amzn2023.0.2?distro=amzn-2023",
    },
    {
      name: "scoped npm",
      pkg: {
        name: "@types/semver",
        version: "7.8.0",
        type: "npm",
        path: "/app/node_modules/@types/semver/package.json",
      },
      os: os("debian", "12"),
      ecosystem: "npm",
      purl: "pkg:npm/%40types/semver@7.8.0",
    },
    {
      name: "npm",
      pkg: { name: "commander", version: "15.1.0", type: "npm", path: "/app/node_modules/commander/package.json" },
      os: null,
      ecosystem: "npm",
      purl: "pkg:npm/commander@15.1.0",
    },
    {
      name: "pypi",
      pkg: { name: "lazr-restfulclient", version: "0.14.5", type: "pypi", path: "/x/PKG-INFO" },
      os: os("debian", "12"),
      ecosystem: "PyPI",
      purl: "pkg:pypi/lazr-restfulclient@0.14.5",
    },
  ])("$name", ({ pkg, os, ecosystem, purl }) => {
    expect(finalizePackage(pkg, os, LAYER)).toEqual({ ...pkg, ecosystem, purl, layer: LAYER });
  });

  it.each([
    { family: "ubuntu", version: "24.04", expected: "Ubuntu:24.04:LTS" },
    { family: "ubuntu", version: "24.10", expected: "Ubuntu:24.10" },
    { family: "ubuntu", version: "23.04", expected: "Ubuntu:23.04" },
    { family: "debian", version: "11", expected: "Debian:11" },
    { family: "alpine", version: "3.19.1", expected: "Alpine:v3.19" },
    { family: "alpine", version: "3.21.0_alpha20240807", expected: "Alpine:v3.21" },
  ])("ecosystem of $family $version is $expected", ({ family, version, expected }) => {
    const type = family === "alpine" ? "apk" : "deb";
    expect(osvEcosystem({ type }, os(family, version))).toBe(expected);
  });

  it("a derivative declaring ID_LIKE=ubuntu gets Ubuntu purls", () => {
    const pkg: CatalogedPackage = { name: "a", version: "1", type: "deb", path: "/var/lib/dpkg/status" };
    expect(finalizePackage(pkg, os("linuxmint", "21.3", ["ubuntu", "debian"]), LAYER).purl).toBe(
      "pkg:deb/ubuntu/a@1?distro=linuxmint-21.3",
    );
  });
});
