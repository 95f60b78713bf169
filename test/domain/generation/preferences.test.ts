import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPreference, savePreference } from "../../../src/domain/generation/preferences.js";
import { TEST_TARGETS } from "../../support/targets.js";
import { openMoneyDatabase, type MoneyDatabase } from "../database-fixture.js";

describe.each(TEST_TARGETS)("a user's model preference on $name", (target) => {
  let m: MoneyDatabase;
  beforeAll(async () => {
    m = await openMoneyDatabase(target);
  });
  afterAll(async () => {
    await m?.close();
  });

  it("remembers the last model and keeps each model's own parameters", async () => {
    const userId = await m.createUser();
    expect(await loadPreference(m.db, userId)).toBeUndefined();
    await savePreference(m.db, userId, "nano-banana", { aspect_ratio: "16:9" });
    await savePreference(m.db, userId, "seedream", { size: "2k" });
    await savePreference(m.db, userId, "nano-banana", { aspect_ratio: "1:1" });
    expect(await loadPreference(m.db, userId)).toEqual({
      modelKey: "nano-banana",
      params: { "nano-banana": { aspect_ratio: "1:1" }, seedream: { size: "2k" } },
    });
  });

  it("loses neither of two saves for different models made at the same moment", async () => {
    const userId = await m.createUser();
    await savePreference(m.db, userId, "first", { a: "1" });
    await Promise.all([
      savePreference(m.db, userId, "second", { b: "2" }),
      savePreference(m.db, userId, "third", { c: "3" }),
    ]);
    const preference = await loadPreference(m.db, userId);
    expect(preference?.params).toEqual({ first: { a: "1" }, second: { b: "2" }, third: { c: "3" } });
    expect(["second", "third"]).toContain(preference?.modelKey);
  });
});
