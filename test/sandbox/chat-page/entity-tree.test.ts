import { describe, expect, it } from "vitest";
import { entityTree, safeHref, type TextNode } from "../../../web/sandbox/src/entity-tree.js";

/** The tree as compact markup, so expectations read like the HTML the bot sent. */
function show(nodes: TextNode[]): string {
  return nodes.map((n) => (n.kind === "text" ? n.text : `<${n.entity.type}>${show(n.children)}</${n.entity.type}>`)).join("");
}

describe("the chat page's entity tree", () => {
  it("nests entities and keeps the text between them", () => {
    const text = "bold both link";
    const tree = entityTree(text, [
      { type: "italic", offset: 5, length: 4 },
      { type: "bold", offset: 0, length: 9 },
      { type: "text_link", offset: 10, length: 4, url: "https://example.com" },
    ]);
    expect(show(tree)).toBe("<bold>bold <italic>both</italic></bold> <text_link>link</text_link>");
  });

  it("counts offsets in UTF-16 code units, as Telegram does, so emoji before an entity do not shift it", () => {
    const text = "🍌🇺🇿 Hi there";
    const offset = "🍌🇺🇿 ".length;
    expect(offset).toBe(7);
    expect(show(entityTree(text, [{ type: "bold", offset, length: 2 }]))).toBe("🍌🇺🇿 <bold>Hi</bold> there");
  });

  it("splits an entity that crosses the end of another instead of dropping formatting", () => {
    const tree = entityTree("abcdef", [
      { type: "bold", offset: 0, length: 4 },
      { type: "italic", offset: 2, length: 4 },
    ]);
    expect(show(tree)).toBe("<bold>ab<italic>cd</italic></bold><italic>ef</italic>");
  });

  it("ignores entities outside the text and clips ones running past its end", () => {
    const tree = entityTree("short", [
      { type: "bold", offset: 3, length: 50 },
      { type: "italic", offset: 9, length: 2 },
      { type: "code", offset: 1, length: 0 },
    ]);
    expect(show(tree)).toBe("sho<bold>rt</bold>");
    expect(show(entityTree("plain", undefined))).toBe("plain");
  });

  it("links only to schemes that cannot run script on the page", () => {
    expect(safeHref({ type: "text_link", offset: 0, length: 1, url: "javascript:alert(1)" }, "x")).toBeUndefined();
    expect(safeHref({ type: "text_link", offset: 0, length: 1, url: "https://example.com/a" }, "x")).toBe("https://example.com/a");
    expect(safeHref({ type: "url", offset: 0, length: 11, }, "example.com")).toBe("https://example.com");
    expect(safeHref({ type: "mention", offset: 0, length: 5 }, "@anna")).toBe("https://t.me/anna");
    expect(safeHref({ type: "email", offset: 0, length: 5 }, "a@b.c")).toBe("mailto:a@b.c");
    expect(safeHref({ type: "bold", offset: 0, length: 1 }, "x")).toBeUndefined();
  });
});
