import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCALES } from "../../../src/config.js";
import { toolEmoji } from "../../../src/domain/tools/tool-labels.js";
import { trustedHtml } from "../../../src/i18n/html.js";
import type { EmulatedMessage } from "../../../src/sandbox/telegram-emulator/index.js";
import { countPixels } from "../../providers/wavespeed/support.js";
import { TEST_TARGETS } from "../../support/targets.js";
import { waitUntil } from "../../support/wait.js";
import {
  buttonData,
  buttonTexts,
  ledgerOf,
  readyUser,
  solidImage,
  startGenerationApp,
  userRow,
  type GenerationHarness,
} from "../generation/generation-harness.js";
import { downloadBotFile, pressForScreen, runsOf, sendPictureForTools, startButton, textsIn, toolButton } from "./tool-helpers.js";

let nextId = 960_000;

/** The first implementation's prices (F32–F35b), which the catalog must reproduce. */
const PRICES: Record<string, number> = { watermark: 12, upscale: 60, denoise: 20, restore: 20, enhance: 30 };
const RED = { r: 200, g: 40, b: 40 };

/** The option each tool is run with in the end-to-end pass: the value's localized label, or none (the default). */
const CHOSEN: Record<string, { param?: string; value?: string; labelKey?: string; label?: string }> = {
  watermark: {},
  upscale: { param: "target_resolution", value: "8k", label: "8K" },
  denoise: { param: "model", value: "Strong", labelKey: "tool-value-strong" },
  restore: {},
  enhance: { param: "model", value: "CGI", label: "CGI" },
};

describe.each(TEST_TARGETS)("image tools end to end on $name", (target) => {
  let h: GenerationHarness;
  beforeAll(async () => {
    h = await startGenerationApp(target);
  });
  afterAll(async () => {
    await h?.stop();
  });

  const statusOf = (id: number, messageId: number) => h.bot.chat(id).messages.find((m) => m.message_id === messageId);

  /** The option button whose label (after a ✅ mark) starts with `label`. */
  function optionButton(screen: EmulatedMessage, label: string): string {
    const markup = screen.reply_markup;
    const buttons = markup && "inline_keyboard" in markup ? markup.inline_keyboard.flat() : [];
    const button = buttons.find((b) => b.text.replace(/^✅ /, "").startsWith(`${label} · `));
    if (!button || !("callback_data" in button)) throw new Error(`no option ${label} in ${JSON.stringify(buttons.map((b) => b.text))}`);
    return String(button.callback_data);
  }

  for (const locale of LOCALES) {
    it(`runs every tool in ${locale}: offered with its price, charged as tool_charge, delivered as the user's picture processed`, async () => {
      const { plain } = textsIn(h, locale);
      const tools = await h.app.catalog.listEnabledTools();
      expect(tools.map((t) => t.key)).toEqual(["watermark", "upscale", "denoise", "restore", "enhance"]);
      // One user after another: the emulator's wait cursor is shared by all chats.
      for (const tool of tools) {
        const id = ++nextId;
        const user = await readyUser(h, id, locale, 1000);
        const name = plain(`tool-name-${tool.key}`);
        const price = PRICES[tool.key]!;
        const { photo, offer } = await sendPictureForTools(h, id, user, await solidImage(RED));

        // The request for a prompt, unchanged, now with one button per tool and its price.
        expect(offer.text).toBe(plain("generation-ask-prompt", { count: 1 }));
        expect(buttonTexts(offer)).toEqual(
          tools.map((t) => plain("btn-tool", { emoji: toolEmoji(t), tool: plain(`tool-name-${t.key}`), price: plain("tool-price", { credits: PRICES[t.key]! }) })),
        );

        let screen = await pressForScreen(h, id, user, offer, toolButton(offer, tool.key));
        expect(screen.text).toContain(name);
        expect(screen.text).toContain(plain("money-credits", { count: price }));
        const chosen = CHOSEN[tool.key]!;
        const label = chosen.labelKey ? plain(chosen.labelKey) : chosen.label;
        if (label) screen = await pressForScreen(h, id, user, screen, optionButton(screen, label));
        if (label) expect(buttonTexts(screen)).toContain(`✅ ${label} · ${price}`);
        const start = startButton(screen);
        expect(start.price).toBe(price);
        expect(buttonTexts(screen)).toContain(plain("btn-tool-start", { price: plain("money-credits", { count: price }) }));

        const submitsBefore = h.provider.requests.length;
        h.bot.markCalls();
        await user.pressButton(screen.message_id, start.data);
        const call = await h.bot.waitForCall("sendDocument", (c) => c.ok && c.payload.chat_id === id, 30_000);
        const document = call.result as {
          message_id: number;
          document: { file_id: string; file_name: string };
          caption?: string;
          reply_to_message?: { message_id: number };
          reply_markup?: unknown;
        };

        // The result: a document named after the picture and the tool, replying to the picture, captioned with the tool.
        expect(document.document.file_name).toBe(`photo_${tool.key}.png`);
        expect(document.reply_to_message?.message_id).toBe(photo);
        expect(document.reply_markup).toBeUndefined();
        const options = [label, tool.key === "enhance" ? "1080×1080" : undefined, tool.key === "restore" ? plain("tool-value-dust-scratch") : undefined]
          .filter((o): o is string => o !== undefined)
          .join(" · ");
        expect(document.caption).toBe(plain("tool-result-caption", { emoji: toolEmoji(tool), tool: name, options: options ? ` · ${options}` : "" }));
        await waitUntil(() => statusOf(id, screen.message_id)?.text === plain("tool-status-done", { tool: name }), `${tool.key}: the status says done`, 10_000);

        // Charged once, as a tool, from credits (never from the free generation the user still has).
        const [run, ...others] = await runsOf(h, id);
        expect(others).toEqual([]);
        expect(run).toMatchObject({ kind: "tool", mode: "tool", modelKey: tool.key, prompt: "", status: "delivered", priceCredits: price, paidWithTrial: false });
        const money = await ledgerOf(h, id);
        expect(money.entries.filter((e) => e.kind !== "admin_adjustment").map((e) => [e.kind, e.delta])).toEqual([["tool_charge", -price]]);
        expect(money.balance).toBe(1000 - price);
        expect(money.sum).toBe(money.balance);
        expect((await userRow(h, id)).trialUsed).toBe(0);

        // The provider got the uploaded picture as `image`, the options, and no prompt.
        const submit = h.provider.requests.slice(submitsBefore).find((r) => r.method === "POST" && r.path === `/api/v3/${tool.providerModelIds.edit}`);
        const body = submit?.body as Record<string, unknown>;
        expect(body).toEqual({ image: run!.references[0]?.uploadedUrl, ...run!.params });
        expect(String(body["image"])).toContain(`${h.provider.baseUrl}/media/`);
        if (chosen.param) expect(run!.params[chosen.param]).toBe(chosen.value);

        // What came back is the user's own red picture, processed at the size the options ask for.
        const bytes = await downloadBotFile(h, document.document.file_id);
        const meta = await sharp(bytes).metadata();
        expect(meta.format).toBe("png");
        expect((meta.width ?? 0) / (meta.height ?? 1)).toBeCloseTo(64 / 48, 1);
        if (tool.key === "upscale") expect([meta.width, meta.height]).toEqual([2048, 1536]);
        if (["watermark", "upscale", "denoise"].includes(tool.key)) {
          expect(await countPixels(bytes, RED, 24)).toBeGreaterThan((meta.width ?? 0) * (meta.height ?? 0) * 0.5);
        }
      }
    }, 180_000);
  }

  it("a failing tool is refunded once as tool_refund, says so, and Retry offers the same tool and options again", async () => {
    const id = ++nextId;
    const user = await readyUser(h, id, "en", 1000);
    const { html, plain } = textsIn(h, "en");
    const { offer } = await sendPictureForTools(h, id, user, await solidImage({ r: 10, g: 90, b: 200 }));
    let screen = await pressForScreen(h, id, user, offer, toolButton(offer, "denoise"));
    screen = await pressForScreen(h, id, user, screen, optionButton(screen, "Extreme"));
    h.provider.scriptNextTasks(["failed"]);
    h.bot.markCalls();
    await user.pressButton(screen.message_id, startButton(screen).data);

    await waitUntil(async () => (await runsOf(h, id))[0]?.statusShown === "failed", "the failure is shown", 30_000);
    const [run] = await runsOf(h, id);
    expect(run).toMatchObject({ kind: "tool", status: "failed", failureCode: "provider_failed", params: { model: "Extreme" } });
    const status = statusOf(id, screen.message_id)!;
    const reason = trustedHtml(html("generation-failed-provider_failed"));
    expect(status.text).toBe(`${plain("tool-status-failed", { tool: "Denoise", reason })}\n\n${plain("generation-refunded", { credits: 20 })}`);
    expect(buttonData(status)).toEqual([`gen:retry:${run!.publicId}`]);

    // A sweep after the fact changes nothing: the refund happened exactly once.
    await h.app.generationWorker!.sweep();
    let money = await ledgerOf(h, id);
    const tooling = () => money.entries.filter((e) => e.kind !== "admin_adjustment");
    expect(tooling().map((e) => [e.kind, e.delta, e.idempotencyKey])).toEqual([
      ["tool_charge", -20, `charge:generation:${run!.id}`],
      ["tool_refund", 20, `refund:generation:${run!.id}`],
    ]);
    expect(money.balance).toBe(1000);
    expect(money.sum).toBe(1000);

    // Retry: the denoise screen again, for the same picture, Extreme still chosen, at today's price.
    h.bot.markCalls();
    await user.pressButton(status, `gen:retry:${run!.publicId}`);
    const again = await h.bot.waitForBotMessage(id, (m) => buttonData(m).some((d) => d.startsWith("tl:go:")));
    expect(again.message_id).not.toBe(screen.message_id);
    expect(buttonTexts(again)).toContain("✅ Extreme · 20");
    h.bot.markCalls();
    await user.pressButton(again, startButton(again).data);
    await waitUntil(async () => (await runsOf(h, id))[1]?.status === "delivered", "the retried run is delivered", 30_000);
    const runs = await runsOf(h, id);
    expect(runs.map((r) => [r.status, r.references[0]?.fileId])).toEqual([
      ["failed", run!.references[0]?.fileId],
      ["delivered", run!.references[0]?.fileId],
    ]);
    money = await ledgerOf(h, id);
    expect(tooling().map((e) => e.kind)).toEqual(["tool_charge", "tool_refund", "tool_charge"]);
    expect(money.balance).toBe(980);
  }, 90_000);

  it("pressing Start twice starts one run and charges once", async () => {
    const id = ++nextId;
    const user = await readyUser(h, id, "en", 1000);
    const { plain } = textsIn(h, "en");
    const { offer } = await sendPictureForTools(h, id, user, await solidImage(RED));
    const screen = await pressForScreen(h, id, user, offer, toolButton(offer, "upscale"));
    const { data } = startButton(screen);
    h.bot.markCalls();
    const answers = await Promise.all([user.pressButton(screen.message_id, data), user.pressButton(screen.message_id, data)]);
    expect(answers.map((a) => a?.text ?? "")).toContain(plain("tool-already-started"));
    await waitUntil(async () => (await runsOf(h, id))[0]?.status === "delivered", "the run is delivered", 30_000);
    const runs = await runsOf(h, id);
    expect(runs).toHaveLength(1);
    expect(h.bot.calls.filter((c) => c.method === "sendDocument" && c.payload.chat_id === id)).toHaveLength(1);
    const money = await ledgerOf(h, id);
    expect(money.entries.filter((e) => e.kind === "tool_charge")).toHaveLength(1);
    expect(money.balance).toBe(940);
  }, 60_000);

  it("without enough credits nothing is charged, and the screen stays for a later try", async () => {
    const id = ++nextId;
    const user = await readyUser(h, id, "ru", 10);
    const { plain } = textsIn(h, "ru");
    const { offer } = await sendPictureForTools(h, id, user, await solidImage(RED));
    const screen = await pressForScreen(h, id, user, offer, toolButton(offer, "watermark"));
    h.bot.markCalls();
    await user.pressButton(screen.message_id, startButton(screen).data);
    const answer = await h.bot.waitForBotMessage(id, (m) => !m.edited);
    expect(answer.text).toBe(plain("tool-insufficient-credits", { price: plain("money-credits", { count: 12 }), balance: plain("money-credits", { count: 10 }) }));
    await waitUntil(() => buttonData(statusOf(id, screen.message_id)!).some((d) => d.startsWith("tl:go:")), "the tool screen is back");
    expect(await runsOf(h, id)).toEqual([]);
    expect((await ledgerOf(h, id)).balance).toBe(10);
  });

  it("offers tools only for one picture without a prompt; a prompt sent afterwards takes the tool buttons away", async () => {
    const id = ++nextId;
    const user = await readyUser(h, id, "uz", 1000);
    const { plain } = textsIn(h, "uz");

    h.bot.markCalls();
    await user.sendAlbum([{ kind: "photo", image: await solidImage(RED) }, { kind: "photo", image: await solidImage(RED) }]);
    const ask = await h.bot.waitForBotMessage(id, undefined, 10_000);
    expect(ask.text).toBe(plain("generation-ask-prompt", { count: 2 }));
    expect(buttonData(ask)).toEqual([]);

    const { offer } = await sendPictureForTools(h, id, user, await solidImage(RED));
    h.bot.markCalls();
    await user.sendText("make it a watercolour");
    const menu = await h.bot.waitForBotMessage(id, (m) => buttonData(m).some((d) => d.startsWith("g:go:")));
    expect(menu.text).toContain(plain("generation-mode-edit", { count: 1 }));
    await waitUntil(() => buttonData(statusOf(id, offer.message_id)!).length === 0, "the tool buttons are gone");

    // A tool an admin turns off is no longer offered.
    await h.app.catalog.setEnabled("restore", false);
    try {
      const { offer: fewer } = await sendPictureForTools(h, id, user, await solidImage(RED));
      expect(buttonData(fewer).map((d) => d.split(":")[3])).toEqual(["watermark", "upscale", "denoise", "enhance"]);
    } finally {
      await h.app.catalog.setEnabled("restore", true);
    }
  });
});
