import type { TextEntity } from "../../../src/sandbox/chat-page/api-types.js";

/** A piece of formatted text: plain text, or an entity wrapping its own pieces. */
export type TextNode = { kind: "text"; text: string } | { kind: "entity"; entity: TextEntity; text: string; children: TextNode[] };

/**
 * Turns Telegram's flat entity list into a tree that renders as nested elements. Offsets are UTF-16
 * code units, which is how JavaScript strings index, so slicing needs no conversion. Entities that
 * overlap without nesting are split at the outer entity's end, so no formatting is lost.
 */
export function entityTree(text: string, entities: readonly TextEntity[] | undefined): TextNode[] {
  const valid = (entities ?? [])
    .map((e) => ({ ...e, length: Math.min(e.length, text.length - e.offset) }))
    .filter((e) => e.offset >= 0 && e.length > 0);
  return build(text, 0, text.length, sortEntities(valid));
}

function build(text: string, start: number, end: number, entities: TextEntity[]): TextNode[] {
  const nodes: TextNode[] = [];
  const queue = [...entities];
  let pos = start;
  for (let outer = queue.shift(); outer !== undefined; outer = queue.shift()) {
    const outerEnd = outer.offset + outer.length;
    if (outer.offset > pos) nodes.push({ kind: "text", text: text.slice(pos, outer.offset) });
    const inner: TextEntity[] = [];
    while (queue[0] !== undefined && queue[0].offset < outerEnd) {
      const next = queue.shift() as TextEntity;
      const nextEnd = next.offset + next.length;
      if (nextEnd <= outerEnd) {
        inner.push(next);
      } else {
        inner.push({ ...next, length: outerEnd - next.offset });
        insertSorted(queue, { ...next, offset: outerEnd, length: nextEnd - outerEnd });
      }
    }
    nodes.push({ kind: "entity", entity: outer, text: text.slice(outer.offset, outerEnd), children: build(text, outer.offset, outerEnd, inner) });
    pos = outerEnd;
  }
  if (pos < end) nodes.push({ kind: "text", text: text.slice(pos, end) });
  return nodes;
}

/** Start first; of two starting together the longer one encloses the other. */
function compare(a: TextEntity, b: TextEntity): number {
  return a.offset - b.offset || b.length - a.length;
}

function sortEntities(entities: TextEntity[]): TextEntity[] {
  return [...entities].sort(compare);
}

function insertSorted(queue: TextEntity[], entity: TextEntity): void {
  const index = queue.findIndex((candidate) => compare(entity, candidate) < 0);
  if (index < 0) queue.push(entity);
  else queue.splice(index, 0, entity);
}

/** Only link schemes that cannot run code on this page; anything else renders as plain text. */
export function safeHref(entity: TextEntity, text: string): string | undefined {
  const raw =
    entity.type === "text_link" ? entity.url
    : entity.type === "url" ? (/^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`)
    : entity.type === "email" ? `mailto:${text}`
    : entity.type === "phone_number" ? `tel:${text.replace(/[^\d+]/g, "")}`
    : entity.type === "mention" ? `https://t.me/${text.replace(/^@/, "")}`
    : undefined;
  if (raw === undefined) return undefined;
  try {
    return ["http:", "https:", "tg:", "mailto:", "tel:"].includes(new URL(raw).protocol) ? raw : undefined;
  } catch {
    return undefined;
  }
}
