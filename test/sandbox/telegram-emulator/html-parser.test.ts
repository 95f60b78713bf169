import { describe, expect, it } from "vitest";
import { HtmlParseError, parseTelegramHtml } from "../../../src/sandbox/telegram-emulator/validation/html-parser.js";

function parseError(html: string): string {
  try {
    parseTelegramHtml(html);
  } catch (error) {
    if (error instanceof HtmlParseError) return error.message;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(html)} to fail`);
}

describe("Telegram HTML parser", () => {
  it("produces plain text and entities with UTF-16 offsets", () => {
    expect(parseTelegramHtml("🍌 <b>bold <i>both</i></b> &lt;tag&gt; &amp; &quot;q&quot; &#65;&#x42;")).toEqual({
      text: '🍌 bold both <tag> & "q" AB',
      entities: [
        { type: "bold", offset: 3, length: 9 },
        { type: "italic", offset: 8, length: 4 },
      ],
    });
  });

  it("supports every documented tag and maps synonyms", () => {
    const { text, entities } = parseTelegramHtml(
      '<strong>a</strong><em>b</em><u>c</u><ins>d</ins><s>e</s><strike>f</strike><del>g</del>' +
        '<span class="tg-spoiler">h</span><tg-spoiler>i</tg-spoiler><a href="https://example.com">j</a>' +
        '<code>k</code><pre>l</pre><blockquote>m</blockquote><blockquote expandable>n</blockquote>' +
        '<tg-emoji emoji-id="5368324170671202286">o</tg-emoji>',
    );
    expect(text).toBe("abcdefghijklmno");
    expect(entities.map((e) => e.type)).toEqual([
      "bold", "italic", "underline", "underline", "strikethrough", "strikethrough", "strikethrough",
      "spoiler", "spoiler", "text_link", "code", "pre", "blockquote", "expandable_blockquote", "custom_emoji",
    ]);
    expect(entities[9]).toEqual({ type: "text_link", offset: 9, length: 1, url: "https://example.com/" });
    expect(entities[14]).toEqual({ type: "custom_emoji", offset: 14, length: 1, custom_emoji_id: "5368324170671202286" });
  });

  it("turns pre with an inner language-tagged code into one pre entity", () => {
    expect(parseTelegramHtml('<pre><code class="language-ts">let x = 1;</code></pre>').entities).toEqual([
      { type: "pre", offset: 0, length: 10, language: "ts" },
    ]);
  });

  it("keeps a lone ampersand and unknown entities as text, like TDLib", () => {
    expect(parseTelegramHtml("cats & dogs &nbsp; AT&T").text).toBe("cats & dogs &nbsp; AT&T");
  });

  it("reports Telegram's errors with UTF-8 byte offsets", () => {
    expect(parseError("hi <p>x</p>")).toBe('Unsupported start tag "p" at byte offset 3');
    expect(parseError("ä <x>")).toBe('Unsupported start tag "x" at byte offset 3');
    expect(parseError("1 < 2")).toBe('Unsupported start tag "" at byte offset 2');
    expect(parseError("<b>open")).toBe("Can't find end tag corresponding to start tag b");
    expect(parseError("<b>x</i>")).toBe('Unmatched end tag at byte offset 4, expected "</b>", found "</i>"');
    expect(parseError("x</b>")).toBe("Unexpected end tag at byte offset 1");
    expect(parseError("a <b")).toBe("Unclosed start tag at byte offset 2");
    expect(parseError('<span class="x">s</span>')).toBe('Tag "span" must have class "tg-spoiler" at byte offset 0');
    expect(parseError('<tg-emoji emoji-id="abc">x</tg-emoji>')).toBe("Invalid custom emoji identifier specified");
  });
});
