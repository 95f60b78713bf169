/**
 * The baseline of the update-handling benchmark: a bare grammY bot on the same emulator and the same
 * webhook delivery, with no storage, no middleware and no i18n. It answers the same shapes as the
 * service (a reply with a keyboard to every text, an answer and an edit to every press), so the
 * difference between the two is what the service's own work costs.
 */
import { createServer } from "node:http";
import { Bot, InlineKeyboard, webhookCallback } from "grammy";

const token = required("BOT_TOKEN");
const apiRoot = required("TELEGRAM_API_ROOT");
const port = Number(required("PORT"));
const secret = required("WEBHOOK_SECRET");

const bot = new Bot(token, { client: { apiRoot } });
const keyboard = new InlineKeyboard().text("A", "a").text("B", "b");
let answers = 0;

bot.on("message:text", async (ctx) => {
  await ctx.reply(`reply ${++answers} to ${ctx.message.text.slice(0, 50)}`, { reply_markup: keyboard });
});
bot.on("callback_query:data", async (ctx) => {
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(`pressed ${ctx.callbackQuery.data}, answer ${++answers}`, { reply_markup: keyboard });
});

await bot.init();
const server = createServer(webhookCallback(bot, "http", { secretToken: secret }));
await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
await bot.api.setWebhook(`http://127.0.0.1:${port}/`, { secret_token: secret });
console.log(JSON.stringify({ msg: "started", port }));

process.on("SIGTERM", () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}
