import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.js";
import { runMigrations } from "../../src/db/migrate.js";
import { TEST_TARGETS } from "../support/targets.js";

describe.each(TEST_TARGETS)("migrations on $name", (target) => {
  it("apply from scratch, and several processes migrating at once do it once", async () => {
    const database = await target.createDatabase();
    const handles = await Promise.all(
      (target.name === "postgres" ? [1, 2, 3] : [1]).map(() => openDatabase({ url: database.url, dataDir: database.dataDir })),
    );
    try {
      await Promise.all(handles.map((h) => runMigrations(h)));
      const first = handles[0]!;
      const rows = await first.executeSql("select count(*)::int as n from drizzle.__drizzle_migrations");
      const applied = rows.rows[0]?.n as number;
      expect(applied).toBeGreaterThan(0);
      // Running again changes nothing.
      await runMigrations(first);
      const again = await first.executeSql("select count(*)::int as n from drizzle.__drizzle_migrations");
      expect(again.rows[0]?.n).toBe(applied);
      const tables = await first.db.execute(sql`select to_regclass('public.users') is not null as present`);
      expect(JSON.stringify(tables)).toContain("true");
    } finally {
      await Promise.all(handles.map((h) => h.close()));
      await database.drop();
    }
  });
});
