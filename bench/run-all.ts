/**
 * `npm run bench`: every benchmark in turn, each printing its figures next to the baseline measured in
 * the same run, then the targets met or missed. `npm run bench -- <name>` runs only the
 * benchmarks whose name contains <name>. See bench/README.md.
 */
import { broadcastBenchmark } from "./broadcast.js";
import { embeddedVsPostgresBenchmark } from "./embedded-vs-postgres.js";
import { generationOverheadBenchmark } from "./generation-overhead.js";
import { updateHandlingBenchmark } from "./update-handling.js";
import { checkServers, machineDescription } from "./support/environment.js";
import { loadavg } from "node:os";
import { renderReport, type BenchmarkReport } from "./support/report.js";

const BENCHMARKS: Array<{ name: string; run: () => Promise<BenchmarkReport> }> = [
  { name: "update-handling", run: updateHandlingBenchmark },
  { name: "broadcast", run: broadcastBenchmark },
  { name: "generation-overhead", run: generationOverheadBenchmark },
  { name: "embedded-vs-postgres", run: embeddedVsPostgresBenchmark },
];

async function main(): Promise<void> {
  const filter = process.argv[2];
  const chosen = BENCHMARKS.filter((benchmark) => !filter || benchmark.name.includes(filter));
  if (chosen.length === 0) throw new Error(`no benchmark matches "${filter}"; there are: ${BENCHMARKS.map((b) => b.name).join(", ")}`);
  const versions = await checkServers();
  console.log(`Bananapics benchmarks on ${machineDescription(versions)}; load average ${loadavg().map((l) => l.toFixed(1)).join(" ")}\n`);
  const started = performance.now();
  const reports: BenchmarkReport[] = [];
  for (const benchmark of chosen) {
    const t0 = performance.now();
    const loadBefore = loadavg()[0] ?? 0;
    const report = await benchmark.run();
    reports.push(report);
    console.log(renderReport(report));
    // Other work on the machine shows here: a load above the core count means the figures are pessimistic.
    console.log(`   (${((performance.now() - t0) / 1000).toFixed(0)} s; load average ${loadBefore.toFixed(1)} before, ${(loadavg()[0] ?? 0).toFixed(1)} after)\n`);
  }
  const targets = reports.flatMap((report) => report.figures.filter((f) => f.target).map((f) => ({ report, figure: f })));
  console.log("== Targets");
  for (const { report, figure } of targets) {
    console.log(`${figure.target!.met ? "MET   " : "MISSED"}  ${report.title}: ${figure.name} — ${figure.target!.text}`);
  }
  console.log(`\nall benchmarks: ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
