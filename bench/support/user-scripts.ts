import type { EmulatedBot, EmulatedMessage } from "../../src/sandbox/telegram-emulator/index.js";
import type { Step, UserScript } from "./workload.js";

/** Callback data of every inline button of a message. */
export function buttonData(message: EmulatedMessage): string[] {
  const markup = message.reply_markup;
  if (!markup || !("inline_keyboard" in markup)) return [];
  return markup.inline_keyboard.flat().flatMap((button) => ("callback_data" in button ? [String(button.callback_data)] : []));
}

const hasButton = (data: string) => (message: EmulatedMessage) => buttonData(message).includes(data);
const hasButtonStarting = (prefix: string) => (message: EmulatedMessage) => buttonData(message).some((d) => d.startsWith(prefix));

/**
 * A new user of the service: /start, language, consent (3 updates), a prompt (1), the model menu and a
 * model (2 presses), /start again (1) — seven updates mixing commands, prompts and menu presses.
 * With `generate`, the draft's Generate button is pressed instead of the final /start.
 */
export function serviceUser(bot: EmulatedBot, id: number, options: { generate?: boolean } = {}): UserScript {
  const user = bot.user({ id, first_name: `Bench${id}`, language_code: "en" });
  let step = 0;
  let menu: EmulatedMessage | undefined;
  let draftId = "";
  const steps: Array<(previous: EmulatedMessage | undefined) => Step> = [
    () => ({ chatId: id, act: () => user.sendText("/start"), expect: hasButton("onb:lang:en") }),
    (previous) => ({ chatId: id, act: () => user.pressButton(previous!, "onb:lang:en"), expect: hasButton("onb:accept") }),
    (previous) => ({ chatId: id, act: () => user.pressButton(previous!, "onb:accept"), expect: hasButton("home:create") }),
    () => ({
      chatId: id,
      act: () => user.sendText(`a lighthouse at dusk, oil painting, user ${id}`),
      expect: hasButtonStarting("g:go:"),
    }),
    (previous) => {
      menu = previous!;
      draftId = buttonData(menu).find((d) => d.startsWith("g:go:"))?.split(":")[2] ?? "";
      if (options.generate) {
        const generate = buttonData(menu).find((d) => d.startsWith("g:go:")) ?? "g:go:missing";
        // The menu turns into the generation's status message.
        return { chatId: id, act: () => user.pressButton(menu!.message_id, generate), expect: (m) => m.message_id === menu!.message_id };
      }
      return {
        chatId: id,
        act: () => user.pressButton(menu!.message_id, `g:m:${draftId}`),
        expect: (m) => m.message_id === menu!.message_id && hasButtonStarting(`g:sm:${draftId}:`)(m),
      };
    },
    (previous) => {
      // The second model of the list: the first is the one the draft already has.
      const models = buttonData(previous!).filter((d) => d.startsWith(`g:sm:${draftId}:`));
      const choice = models[1] ?? models[0] ?? `g:sm:${draftId}:missing`;
      return {
        chatId: id,
        act: () => user.pressButton(menu!.message_id, choice),
        expect: (m) => m.message_id === menu!.message_id && hasButtonStarting("g:go:")(m),
      };
    },
    () => ({ chatId: id, act: () => user.sendText("/start"), expect: hasButton("home:create") }),
  ];
  const length = options.generate ? 5 : steps.length;
  return (previous) => (step < length ? steps[step++]?.(previous) : undefined);
}

/** The same seven shapes for the bare grammY bot (bench/targets/bare-bot.ts): texts get a reply, presses an edit. */
export function bareUser(bot: EmulatedBot, id: number): UserScript {
  const user = bot.user({ id, first_name: `Bare${id}`, language_code: "en" });
  const shapes = ["/start", "a", "b", `a lighthouse at dusk, oil painting, user ${id}`, "a", "b", "/start"];
  let step = 0;
  return (previous) => {
    const shape = shapes[step++];
    if (shape === undefined) return undefined;
    if (shape.length > 1) return { chatId: id, act: () => user.sendText(shape), expect: (m) => !m.edited };
    const target = previous!.message_id;
    return { chatId: id, act: () => user.pressButton(target, shape), expect: (m) => m.edited && m.message_id === target };
  };
}
