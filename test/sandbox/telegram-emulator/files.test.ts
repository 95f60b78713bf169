import { InputFile, InputMediaBuilder } from "grammy";
import type { Message } from "grammy/types";
import sharp from "sharp";
import { afterEach, describe, expect, it } from "vitest";
import { startHarness, TOKEN, type Harness } from "./helpers.js";

let h: Harness;
afterEach(async () => {
  await h.stop();
});

const alice = { id: 111, first_name: "Alice" };

function png(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 10, g: 200, b: 90 } } }).png().toBuffer();
}

async function download(path: string): Promise<Response> {
  return fetch(`${h.emu.apiRoot}/file/bot${TOKEN}/${path}`);
}

describe("files", () => {
  it("stores a multipart sendPhoto and serves the same bytes after getFile", async () => {
    h = await startHarness();
    await h.tg.user(alice).sendText("/start");
    const image = await png(1200, 800);
    const message = await h.bot.api.sendPhoto(111, new InputFile(image, "result.png"), { caption: "<b>Done</b>", parse_mode: "HTML" });

    expect(message.caption).toBe("Done");
    expect(message.caption_entities).toEqual([{ type: "bold", offset: 0, length: 4 }]);
    const sizes = message.photo ?? [];
    expect(sizes.map((s) => [s.width, s.height])).toEqual([[90, 60], [320, 213], [1200, 800]]);
    expect(new Set(sizes.map((s) => s.file_id)).size).toBe(3);
    const largest = sizes.at(-1);
    expect(largest?.file_size).toBe(image.length);

    const call = await h.tg.waitForCall("sendPhoto");
    expect(call.payload).toMatchObject({ chat_id: 111, photo: { file_id: largest?.file_id, file_size: image.length } });

    const file = await h.bot.api.getFile(largest?.file_id ?? "");
    expect(file.file_path).toMatch(/^photos\/file_\d+\.png$/);
    const response = await download(file.file_path ?? "");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await response.arrayBuffer()).equals(image)).toBe(true);
    expect((await download("photos/nope.jpg")).status).toBe(404);
  });

  it("uploads documents, reuses file ids and refuses unknown ones", async () => {
    h = await startHarness();
    await h.tg.user(alice).sendText("/start");
    const bytes = Buffer.from("%PDF-1.4 fake invoice");
    const sent = await h.bot.api.sendDocument(111, new InputFile(bytes, "receipt.pdf"));
    expect(sent.document).toMatchObject({ file_name: "receipt.pdf", mime_type: "application/pdf", file_size: bytes.length });

    const again = await h.bot.api.sendDocument(111, sent.document?.file_id ?? "");
    expect(again.document?.file_id).toBe(sent.document?.file_id);
    const file = await h.bot.api.getFile(sent.document?.file_id ?? "");
    expect(Buffer.from(await (await download(file.file_path ?? "")).arrayBuffer()).toString()).toBe(bytes.toString());

    const unknown = await h.call("sendDocument", { chat_id: 111, document: "BQACAgIAAxkBAAInvalid" });
    expect(unknown.body.description).toBe("Bad Request: wrong file identifier/HTTP URL specified");
    const asPhoto = await h.call("sendPhoto", { chat_id: 111, photo: sent.document?.file_id });
    expect(asPhoto.body.description).toBe("Bad Request: can't use file of type Document as Photo");
    const notImage = await h.bot.api.sendPhoto(111, new InputFile(Buffer.from("not an image"), "x.jpg")).catch((e: Error) => e.message);
    expect(notImage).toContain("IMAGE_PROCESS_FAILED");
  });

  it("sends media groups from uploads, file ids and URLs", async () => {
    h = await startHarness();
    const user = h.tg.user(alice);
    const incoming = await user.sendPhoto({ caption: "reference" });
    const reference = incoming.photo?.at(-1)?.file_id ?? "";
    const messages: Message[] = await h.bot.api.sendMediaGroup(111, [
      InputMediaBuilder.photo(new InputFile(await png(64, 64), "a.png"), { caption: "two variants" }),
      InputMediaBuilder.photo(reference),
      InputMediaBuilder.photo("https://cdn.example.com/c.jpg"),
    ]);
    expect(messages).toHaveLength(3);
    const groupId = messages[0]?.media_group_id;
    expect(groupId).toMatch(/^\d+$/);
    expect(messages.every((m) => m.media_group_id === groupId)).toBe(true);
    expect(messages[0]?.caption).toBe("two variants");
    expect(messages[1]?.photo).toEqual(incoming.photo);
    expect(h.tg.chat(111).messages.filter((m) => m.media_group_id === groupId)).toHaveLength(3);

    const one = await h.call("sendMediaGroup", { chat_id: 111, media: [{ type: "photo", media: reference }] });
    expect(one.status).toBe(400);
    const eleven = await h.call("sendMediaGroup", {
      chat_id: 111,
      media: Array.from({ length: 11 }, () => ({ type: "photo", media: reference })),
    });
    expect(eleven.body.description).toBe("Bad Request: too many messages to send as an album");
  });

  it("gives user photos 2-3 sizes with their own ids and stable unique ids per content", async () => {
    h = await startHarness();
    const user = h.tg.user(alice);
    const image = await png(640, 480);
    const first = await user.sendPhoto({ image });
    const second = await user.sendPhoto({ image });
    const sizes = first.photo ?? [];
    expect(sizes.length).toBeGreaterThanOrEqual(2);
    expect(sizes.length).toBeLessThanOrEqual(3);
    expect([...sizes].sort((a, b) => a.width - b.width)).toEqual(sizes);
    expect(sizes.at(-1)?.file_unique_id).toBe(second.photo?.at(-1)?.file_unique_id);
    expect(sizes.at(-1)?.file_id).not.toBe(second.photo?.at(-1)?.file_id);

    const album = await user.sendAlbum([{ kind: "photo" }, { kind: "photo", image }], "both");
    expect(album.map((m) => m.caption)).toEqual(["both", undefined]);
    expect(album[0]?.media_group_id).toBe(album[1]?.media_group_id);

    const doc = await user.sendDocument({ file_name: "sketch.png", content: image });
    expect(doc.document?.mime_type).toBe("image/png");
    const file = await h.bot.api.getFile(doc.document?.file_id ?? "");
    expect(Buffer.from(await (await download(file.file_path ?? "")).arrayBuffer()).equals(image)).toBe(true);
  });
});
