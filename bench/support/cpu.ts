import { readFileSync } from "node:fs";
import pg from "pg";

/** utime + stime of a process from /proc/<pid>/stat (fields 14 and 15, clock ticks of 10 ms), in ms. */
export function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

/**
 * CPU used by the PostgreSQL backends serving one database (the benchmark's own), so a figure can say
 * what the database cost per update. Backends that close during the measurement are missed, so this
 * reads slightly low; connection pools keep theirs open under load.
 */
export class DatabaseCpu {
  private before = new Map<number, number>();

  private constructor(private readonly url: string) {}

  static async start(url: string): Promise<DatabaseCpu> {
    const meter = new DatabaseCpu(url);
    meter.before = await meter.snapshot();
    return meter;
  }

  /** CPU ms since start(): deltas of backends seen before, all of the ones that appeared since. */
  async elapsedMs(): Promise<number> {
    let total = 0;
    for (const [pid, ms] of await this.snapshot()) total += ms - (this.before.get(pid) ?? 0);
    return total;
  }

  private async snapshot(): Promise<Map<number, number>> {
    const client = new pg.Client({ connectionString: this.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ pid: number }>("select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()");
      return new Map(rows.map((row) => [row.pid, processCpuMs(row.pid)]).filter(([, ms]) => Number.isFinite(ms)) as Array<[number, number]>);
    } finally {
      await client.end();
    }
  }
}

/** CPU ms this process (the emulator, the fake provider and the load generator) used so far. */
export function ownCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}
