import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCALES } from "../../../src/config.js";
import { TEST_BOT_TOKEN } from "../../support/bot-app.js";
import { TEST_TARGETS } from "../../support/targets.js";
import { plainText } from "../../support/plain-text.js";
import { buttonData, generateButton, ledgerOf, readyUser, startGenerationApp, type GenerationHarness } from "./generation-harness.js";

let nextId = 910_000;

describe.each(TEST_TARGETS)("text to image end to end on $name", (target) => {
  let h: GenerationHarness;
  beforeAll(async () => {
    h = await startGenerationApp(target, { TRIAL_GENERATIONS: "0" });
  });
  afterAll(async () => {
    await h?.stop();
  });

  for (const locale of LOCALES) {
    it(`every enabled model in ${locale}: the price on the button is the price charged, the result arrives as a document`, async () => {
      const models = await h.app.catalog.listEnabled();
      expect(models.length).toBeGreaterThanOrEqual(5);
      // One model after another: the emulator's wait cursor is shared by all chats of the bot.
      for (const model of models) {
        {
          const id = ++nextId;
          const user = await readyUser(h, id, locale, 10_000);
          const prompt = `a lighthouse <script>alert(1)</script> & waves, ${model.key}`;
          h.bot.markCalls();
          const sent = await user.sendText(prompt);
          let menu = await h.bot.waitForBotMessage(id, (m) => buttonData(m).some((d) => d.startsWith("g:go:")));
          expect(menu.text).toContain(prompt); // shown literally: escaped in the HTML, not interpreted
          const draftId = buttonData(menu).find((d) => d.startsWith("g:go:"))?.split(":")[2];
          await user.pressButton(menu, `g:m:${draftId}`);
          await h.bot.waitForBotMessage(id, (m) => buttonData(m).includes(`g:sm:${draftId}:${model.key}`));
          await user.pressButton(menu.message_id, `g:sm:${draftId}:${model.key}`);
          menu = await h.bot.waitForBotMessage(
            id,
            (m) => m.message_id === menu.message_id && m.edited && buttonData(m).some((d) => d.startsWith("g:go:")) && (m.text ?? "").includes(model.name),
          );
          const { data, price } = generateButton(menu);
          expect(typeof price).toBe("number");
          expect(menu.reply_markup && JSON.stringify(menu.reply_markup)).toContain(String(price));
          const before = await ledgerOf(h, id);
          await user.pressButton(menu.message_id, data);
          const documentCall = await h.bot.waitForCall(
            "sendDocument",
            (c) => c.ok && c.payload.chat_id === id,
            30_000,
          );
          const replyTo = documentCall.payload.reply_parameters as { message_id?: number } | undefined;
          expect(replyTo?.message_id).toBe(sent.message_id);
          const caption = plainText(String(documentCall.payload.caption ?? ""));
          expect(caption).toContain("<script>alert(1)</script> & waves");
          const after = await ledgerOf(h, id);
          expect(before.balance - after.balance).toBe(price);
          const charge = after.entries.find((e) => e.kind === "generation_charge");
          expect(charge?.delta).toBe(-(price as number));
          expect(after.sum).toBe(after.balance);
          const submit = h.provider.requests.find(
            (r) => r.method === "POST" && r.path === `/api/v3/${model.providerModelIds.text_to_image}` && JSON.stringify(r.body).includes(`${model.key}`),
          );
          expect(submit, `provider submit for ${model.key}`).toBeDefined();
          expect((submit?.body as { prompt?: string }).prompt).toBe(prompt);
        }
      }
    }, 120_000);
  }

  it("never sends the bot token to the provider", () => {
    expect(h.provider.requests.length).toBeGreaterThan(0);
    expect(JSON.stringify(h.provider.requests)).not.toContain(TEST_BOT_TOKEN);
    expect(JSON.stringify(h.provider.requests)).not.toContain(TEST_BOT_TOKEN.split(":")[1]);
  });
});
