import { Fragment, type ReactNode } from "react";

/** The tags Telegram's HTML parse mode knows; anything else is shown as the text it contains. */
const TAGS: Record<string, "strong" | "em" | "u" | "s" | "code" | "pre" | "blockquote"> = {
  b: "strong",
  strong: "strong",
  i: "em",
  em: "em",
  u: "u",
  ins: "u",
  s: "s",
  strike: "s",
  del: "s",
  code: "code",
  pre: "pre",
  blockquote: "blockquote",
};

/**
 * Renders Telegram-HTML the way a chat would show it, as React elements built from a parsed tree:
 * the text is never inserted as HTML, so nothing an admin types can run in the panel. Links keep
 * only http(s) targets. Telegram itself checks the markup when the broadcast is staged.
 */
export function TelegramHtml({ html }: { html: string }): ReactNode {
  const document = new DOMParser().parseFromString(`<body>${html}</body>`, "text/html");
  return <>{[...document.body.childNodes].map((node, index) => render(node, index))}</>;
}

function render(node: ChildNode, key: number): ReactNode {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent;
  if (!(node instanceof Element)) return null;
  const children = [...node.childNodes].map((child, index) => render(child, index));
  const tag = node.tagName.toLowerCase();
  if (tag === "a") {
    const href = node.getAttribute("href") ?? "";
    return /^https?:\/\//i.test(href) ? (
      <a key={key} href={href} target="_blank" rel="noopener noreferrer">
        {children}
      </a>
    ) : (
      <Fragment key={key}>{children}</Fragment>
    );
  }
  if (tag === "tg-spoiler" || (tag === "span" && node.classList.contains("tg-spoiler"))) {
    return (
      <span key={key} className="spoiler">
        {children}
      </span>
    );
  }
  if (tag === "br") return <br key={key} />;
  const Tag = TAGS[tag];
  return Tag === undefined ? <Fragment key={key}>{children}</Fragment> : <Tag key={key}>{children}</Tag>;
}

/** The length Telegram counts: the visible text, without tags. */
export function visibleLength(html: string): number {
  return [...(new DOMParser().parseFromString(`<body>${html}</body>`, "text/html").body.textContent ?? "")].length;
}
