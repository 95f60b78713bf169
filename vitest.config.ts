import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    pool: "forks",
    // End-to-end files spend most of their time waiting (poll delays, long polls, rate windows), so
    // four files at once finish far sooner than two even on CI's two cores. TEST_WORKERS overrides.
    maxWorkers: Number(process.env.TEST_WORKERS ?? 4),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ["default"],
    outputFile: {},
  },
});
