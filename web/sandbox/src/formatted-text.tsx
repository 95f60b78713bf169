import { useState, type ReactNode } from "react";
import type { TextEntity } from "../../../src/sandbox/chat-page/api-types.js";
import { entityTree, safeHref, type TextNode } from "./entity-tree.js";

interface FormattedTextProps {
  text: string;
  entities: readonly TextEntity[] | undefined;
  /** Tapping a /command sends it, as in Telegram. */
  onCommand(command: string): void;
}

/** Message text with its Telegram entities as React elements; text is never parsed as HTML. */
export function FormattedText({ text, entities, onCommand }: FormattedTextProps) {
  return <>{renderNodes(entityTree(text, entities), onCommand)}</>;
}

const BLOCK_ENTITIES = new Set(["pre", "blockquote", "expandable_blockquote"]);
const isBlock = (node: TextNode | undefined) => node?.kind === "entity" && BLOCK_ENTITIES.has(node.entity.type);

function renderNodes(nodes: TextNode[], onCommand: (command: string) => void): ReactNode[] {
  return nodes.map((node, index) => {
    if (node.kind === "entity") return <EntityElement key={index} node={node} onCommand={onCommand} />;
    // A block starts and ends its own line; the newline Telegram keeps beside it would add an empty one.
    let text = node.text;
    if (isBlock(nodes[index - 1])) text = text.replace(/^\n/, "");
    if (isBlock(nodes[index + 1])) text = text.replace(/\n$/, "");
    return text;
  });
}

function EntityElement({ node, onCommand }: { node: Extract<TextNode, { kind: "entity" }>; onCommand(command: string): void }) {
  const children = renderNodes(node.children, onCommand);
  const { entity, text } = node;
  switch (entity.type) {
    case "bold":
      return <strong>{children}</strong>;
    case "italic":
      return <em>{children}</em>;
    case "underline":
      return <u>{children}</u>;
    case "strikethrough":
      return <s>{children}</s>;
    case "spoiler":
      return <Spoiler>{children}</Spoiler>;
    case "code":
      return <code>{children}</code>;
    case "pre":
      return (
        <pre data-language={entity.language}>
          <code>{children}</code>
        </pre>
      );
    case "blockquote":
    case "expandable_blockquote":
      return <blockquote>{children}</blockquote>;
    case "bot_command":
      return (
        <button type="button" className="link-button" onClick={() => onCommand(text)}>
          {children}
        </button>
      );
    case "text_link":
    case "url":
    case "email":
    case "phone_number":
    case "mention": {
      const href = safeHref(entity, text);
      if (href === undefined) return <>{children}</>;
      return (
        <a href={href} target="_blank" rel="noopener noreferrer" title={entity.type === "text_link" ? href : undefined}>
          {children}
        </a>
      );
    }
    case "hashtag":
    case "cashtag":
      return <span className="link-like">{children}</span>;
    default:
      return <>{children}</>;
  }
}

function Spoiler({ children }: { children: ReactNode }) {
  const [revealed, setRevealed] = useState(false);
  return (
    <span
      className={revealed ? "spoiler revealed" : "spoiler"}
      role="button"
      tabIndex={0}
      aria-label={revealed ? undefined : "spoiler, tap to reveal"}
      onClick={() => setRevealed(true)}
      onKeyDown={(event) => event.key === "Enter" && setRevealed(true)}
    >
      {children}
    </span>
  );
}
