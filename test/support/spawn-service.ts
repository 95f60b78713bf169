import { spawn, type ChildProcess } from "node:child_process";

export interface RunningService {
  child: ChildProcess;
  /** Every stdout/stderr line so far. */
  lines: string[];
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Sends SIGTERM and resolves with the exit code (null when killed by a signal). */
  stop(): Promise<{ code: number | null; ms: number }>;
}

/** Runs `src/main.ts` as `npm start` does (through tsx, so no build is needed), with exactly this environment. */
export function spawnService(env: Record<string, string>, args: string[] = []): RunningService {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts", ...args], {
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) if (line.trim() !== "") lines.push(line);
    for (const w of waiters) w();
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    child,
    lines,
    waitForLine(pattern, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = lines.find((l) => pattern.test(l));
          if (found) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms; output:\n${lines.join("\n")}`));
        }, timeoutMs);
        waiters.add(check);
        void exited.then(() => {
          if (waiters.has(check)) {
            waiters.delete(check);
            clearTimeout(timer);
            reject(new Error(`process exited before a line matched ${pattern}; output:\n${lines.join("\n")}`));
          }
        });
        check();
      });
    },
    async stop() {
      const started = Date.now();
      if (child.exitCode === null) child.kill("SIGTERM");
      const code = await exited;
      return { code, ms: Date.now() - started };
    },
  };
}
