import { it } from "vitest";
import { TEST_TARGETS } from "../support/targets.js";
import { readyUser, startGenerationApp } from "../e2e/generation/generation-harness.js";
import { sleep } from "../support/wait.js";

it("debug", async () => {
  const h = await startGenerationApp(TEST_TARGETS[0]!, { TRIAL_GENERATIONS: "0" });
  const u = await readyUser(h, 123456, "en", 0);
  await u.sendText("/topup");
  await sleep(300);
  const m = h.bot.chat(123456).messages.at(-1)!;
  console.log(JSON.stringify(m.reply_markup));
  await u.pressButton(m, "topup:pick:70");
  await sleep(300);
  const m2 = h.bot.chat(123456).messages.at(-1)!;
  console.log(m2.text, JSON.stringify(m2.reply_markup));
  await u.pressButton(m2, "topup:pay:70");
  await sleep(500);
  console.log(h.bot.calls.slice(-6).map((c) => `${c.method} ${c.ok} ${JSON.stringify(c.error ?? "")} ${JSON.stringify(c.payload).slice(0, 200)}`).join("\n"));
  console.log(h.logLines.slice(-5).join("\n"));
  await h.stop();
}, 60000);
