import { describe, expect, it } from "vitest";
import { LOCALES } from "../../../src/config.js";
import { ServiceNoticeContentError } from "../../../src/domain/broadcasts/broadcast-errors.js";
import {
  checkServiceNoticeContent,
  markedContent,
  SERVICE_NOTICE_LABEL_MAX,
  serviceNoticeMessage,
  sourceContentOf,
} from "../../../src/domain/broadcasts/service-notice.js";
import { createI18n, translatorFrom } from "../../../src/i18n/translator.js";

describe("service notices", () => {
  it("puts the label in bold above the text and moves every entity down by what was added", () => {
    const source = { text: "Our 🍌 policy changes", entities: [{ type: "text_link", offset: 7, length: 6, url: "https://example.com/p" }] };
    const marked = markedContent(source, "🔔 Notice");
    expect(marked.text).toBe("🔔 Notice\n\nOur 🍌 policy changes");
    expect(marked.entities).toEqual([
      { type: "bold", offset: 0, length: "🔔 Notice".length },
      { type: "text_link", offset: 7 + "🔔 Notice\n\n".length, length: 6, url: "https://example.com/p" },
    ]);
    // The link still covers the same word, counted in UTF-16 units as Telegram does.
    const link = marked.entities[1]!;
    expect(marked.text.slice(link.offset, link.offset + link.length)).toBe("policy");
    // A photo without a caption gets the label alone.
    expect(markedContent({ text: "", entities: [] }, "🔔 Notice")).toEqual({ text: "🔔 Notice", entities: [{ type: "bold", offset: 0, length: 9 }] });
  });

  it("sends a text anew and re-captions media", () => {
    const row = { contentKind: "photo", sourceText: "New terms", sourceEntities: [] };
    expect(serviceNoticeMessage(row, "N")).toEqual({ kind: "caption", caption: "N\n\nNew terms", entities: [{ type: "bold", offset: 0, length: 1 }] });
    expect(serviceNoticeMessage({ ...row, contentKind: "text" }, "N")).toMatchObject({ kind: "text", text: "N\n\nNew terms" });
    expect(sourceContentOf({ caption: "c", caption_entities: [{ type: "italic", offset: 0, length: 1 }] })).toEqual({
      text: "c",
      entities: [{ type: "italic", offset: 0, length: 1 }],
    });
  });

  it("refuses stickers, drafts without their text, and texts with no room left for the label", () => {
    const refusal = (row: { contentKind: string; sourceText: string | null }) => {
      try {
        checkServiceNoticeContent(row);
        return undefined;
      } catch (error) {
        return error instanceof ServiceNoticeContentError ? [error.reason, error.maxLength] : error;
      }
    };
    expect(refusal({ contentKind: "sticker", sourceText: "" })).toEqual(["sticker", 0]);
    expect(refusal({ contentKind: "text", sourceText: null })).toEqual(["source_missing", 0]);
    expect(refusal({ contentKind: "text", sourceText: "x".repeat(4096 - SERVICE_NOTICE_LABEL_MAX) })).toBeUndefined();
    expect(refusal({ contentKind: "text", sourceText: "x".repeat(4097 - SERVICE_NOTICE_LABEL_MAX) })).toEqual(["too_long", 4096 - SERVICE_NOTICE_LABEL_MAX]);
    expect(refusal({ contentKind: "photo", sourceText: "x".repeat(1025 - SERVICE_NOTICE_LABEL_MAX) })).toEqual(["too_long", 1024 - SERVICE_NOTICE_LABEL_MAX]);
  });

  it("has a plain-text label in every language that fits the room kept for it", () => {
    const translator = translatorFrom(createI18n("en", () => undefined));
    const labels = LOCALES.map((locale) => translator.t(locale, "broadcast-service-notice"));
    expect(new Set(labels).size).toBe(LOCALES.length);
    for (const label of labels) {
      expect(label).toMatch(/^🔔 \S/);
      // Sent with entities, not parse_mode: markup or an escaped character would show as typed.
      expect(label).not.toMatch(/[<>&]/);
      expect(`${label}\n\n`.length).toBeLessThanOrEqual(SERVICE_NOTICE_LABEL_MAX);
    }
  });
});
