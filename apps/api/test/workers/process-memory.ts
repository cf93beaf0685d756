/**
 * Test support (Node, Linux): the resident memory of the process on the other end of a TCP
 * connection to this process, sampled while a test runs. The Worker tests use it to measure the
 * workerd process that runs the Worker (it connects to the control server), since workerd offers
 * the isolate no memory API.
 */
import { readdirSync, readFileSync, readlinkSync } from "node:fs";

/** `pid -> parent pid` of every process. */
function parents(): Map<number, number> {
  const out = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      out.set(Number(entry), ppid);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e; // the process ended meanwhile
    }
  }
  return out;
}

function descendantsOf(root: number): number[] {
  const tree = parents();
  const isBelow = (pid: number) => {
    for (let p = tree.get(pid), hops = 0; p !== undefined && hops < 64; p = tree.get(p), hops++) {
      if (p === root) return true;
    }
    return false;
  };
  return [...tree.keys()].filter(isBelow);
}

/** The socket inode of the IPv4/IPv6 loopback connection from `clientPort` to `serverPort`. */
function socketInode(clientPort: number, serverPort: number): string | undefined {
  const hex = (port: number) => port.toString(16).toUpperCase().padStart(4, "0");
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    for (const line of readFileSync(table, "utf8").split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      const [local, remote, inode] = [fields[1], fields[2], fields[9]];
      if (local?.endsWith(`:${hex(clientPort)}`) && remote?.endsWith(`:${hex(serverPort)}`)) return inode;
    }
  }
  return undefined;
}

/** The descendant of this process that holds the client end of a connection to `serverPort`. */
export function peerProcess(clientPort: number, serverPort: number): number | undefined {
  const inode = socketInode(clientPort, serverPort);
  if (!inode) return undefined;
  for (const pid of descendantsOf(process.pid)) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") continue; // ended meanwhile
      throw e;
    }
    for (const fd of fds) {
      try {
        if (readlinkSync(`/proc/${pid}/fd/${fd}`) === `socket:[${inode}]`) return pid;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e; // closed meanwhile
      }
    }
  }
  return undefined;
}

export function processName(pid: number): string {
  return readFileSync(`/proc/${pid}/comm`, "utf8").trim();
}

function residentKiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]);
}

/** Samples a process's resident memory every `intervalMs` until `stop()`. */
export function sampleMemory(pid: number, intervalMs = 20) {
  const baselineKiB = residentKiB(pid);
  let peakKiB = baselineKiB;
  let samples = 1;
  const timer = setInterval(() => {
    peakKiB = Math.max(peakKiB, residentKiB(pid));
    samples++;
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      peakKiB = Math.max(peakKiB, residentKiB(pid));
      return { pid, name: processName(pid), baselineKiB, peakKiB, samples };
    },
  };
}
