import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { processCpuMs } from "./cpu.js";

/** The repository root, so children start the same way from any working directory. */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** A child process under benchmark, with its output lines. */
export interface Child {
  readonly process: ChildProcess;
  readonly pid: number;
  /** When it was spawned (performance.now()). */
  readonly spawnedAt: number;
  readonly lines: string[];
  /** Resolves with the first line matching, and when it was printed (performance.now()). */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<{ line: string; at: number }>;
  /** Resident memory now and at its peak so far, in MB (Linux /proc; `ps` elsewhere, without the peak). */
  memory(): { rssMb: number; peakMb: number };
  /** CPU time the process used so far (user + system), in ms; robust to other load on the machine. */
  cpuMs(): number;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when it exited. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts `node <args>` in the repository root with exactly `env` (plus PATH). The benchmarked app runs
 * as in production (`node dist/main.js --roles …`); helpers written in TypeScript run through tsx.
 */
export function startChild(args: string[], env: Record<string, string>): Child {
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (child.pid === undefined) throw new Error(`could not start node ${args.join(" ")}`);
  const pid = child.pid;
  const lines: string[] = [];
  const waiters = new Set<(line: string, at: number) => void>();
  let partial = "";
  const onData = (chunk: Buffer) => {
    const at = performance.now();
    const text = partial + chunk.toString("utf8");
    const parts = text.split("\n");
    partial = parts.pop() ?? "";
    for (const line of parts) {
      if (line.trim() === "") continue;
      // Only the last lines are kept: a busy app logs a lot over a benchmark.
      if (lines.length > 2000) lines.splice(0, 1000);
      lines.push(line);
      for (const waiter of waiters) waiter(line, at);
    }
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  return {
    process: child,
    pid,
    spawnedAt,
    lines,
    waitForLine(pattern, timeoutMs = 60_000) {
      const seen = lines.find((line) => pattern.test(line));
      if (seen) return Promise.resolve({ line: seen, at: performance.now() });
      return new Promise((resolve, reject) => {
        const waiter = (line: string, at: number) => {
          if (!pattern.test(line)) return;
          finish();
          resolve({ line, at });
        };
        const timer = setTimeout(() => {
          finish();
          reject(new Error(`node ${args.join(" ")}: no line matching ${pattern} within ${timeoutMs} ms; last output:\n${lines.slice(-20).join("\n")}`));
        }, timeoutMs);
        const finish = () => {
          clearTimeout(timer);
          waiters.delete(waiter);
        };
        waiters.add(waiter);
        void exited.then(() => {
          if (!waiters.has(waiter)) return;
          finish();
          reject(new Error(`node ${args.join(" ")} exited before printing ${pattern}; last output:\n${lines.slice(-20).join("\n")}`));
        });
      });
    },
    memory() {
      return processMemory(pid);
    },
    cpuMs() {
      return processCpuMs(pid);
    },
    async stop(graceMs = 12_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(killer);
    },
  };
}

function processMemory(pid: number): { rssMb: number; peakMb: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? Number.NaN);
    return { rssMb: kb("VmRSS") / 1024, peakMb: kb("VmHWM") / 1024 };
  } catch {
    return { rssMb: Number.NaN, peakMb: Number.NaN };
  }
}

/** Samples a child's RSS every `everyMs` until stopped; reports the highest sample. */
export function sampleMemory(child: Child, everyMs = 200): { stop(): { peakMb: number; lastMb: number } } {
  let peak = 0;
  let last = Number.NaN;
  const take = () => {
    last = child.memory().rssMb;
    if (last > peak) peak = last;
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return { peakMb: peak, lastMb: last };
    },
  };
}
