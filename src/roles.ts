import { ROLES, type Role } from "./config.js";

/**
 * `--roles bot,http` (or `--roles=worker`) picks what this process runs; without the flag it runs all
 * three, which is what `npm start` does on a laptop.
 */
export function parseRoles(argv: readonly string[]): Set<Role> {
  const index = argv.findIndex((a) => a === "--roles" || a.startsWith("--roles="));
  if (index === -1) return new Set(ROLES);
  const arg = argv[index] ?? "";
  const value = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : (argv[index + 1] ?? "");
  const names = value.split(",").map((r) => r.trim()).filter((r) => r !== "");
  const unknown = names.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (names.length === 0 || unknown.length > 0) {
    throw new Error(`--roles: expected a comma-separated list of ${ROLES.join(", ")}; got "${value}"`);
  }
  return new Set(names as Role[]);
}
