/**
 * Just enough Fluent (https://projectfluent.org/) to show the Mini App's texts from locales/*\/miniapp.ftl
 * in the browser without shipping a Fluent runtime: messages of plain text (single or multi-line),
 * `{ $variable }` placeables and one-level selectors on a variable (`{ $count -> [one] … *[other] … }`)
 * whose variants are one line each. Numbers are formatted and plural categories chosen with the
 * browser's Intl, as Fluent does. Anything else (terms, attributes, functions, nested selectors)
 * throws while parsing, so an unsupported message fails the test that formats every message with both
 * this and Fluent itself (test/http/miniapp/miniapp-locales.test.ts), not a user's screen.
 */

type Element = string | { kind: "variable"; name: string } | { kind: "select"; name: string; variants: Variant[]; fallback: number };
interface Variant {
  key: string;
  value: Element[];
}
export type Pattern = Element[];
export type Variables = Record<string, string | number>;

const MESSAGE_START = /^([a-zA-Z][a-zA-Z0-9_-]*) *=(.*)$/;
const VARIABLE = /^\s*\$([a-zA-Z][a-zA-Z0-9_-]*)\s*$/;

/** Message id → pattern, for one .ftl file. */
export function parseMessages(source: string): Map<string, Pattern> {
  const messages = new Map<string, Pattern>();
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  let index = 0;
  while (index < lines.length) {
    const line = lines[index] ?? "";
    index++;
    if (line.trim() === "" || line.startsWith("#")) continue;
    const start = MESSAGE_START.exec(line);
    if (!start) throw new Error(`fluent-lite: unexpected line "${line}"`);
    const body: string[] = [];
    // A message continues over indented lines, blank lines between them included.
    while (index < lines.length && (/^\s+\S/.test(lines[index] ?? "") || (lines[index] ?? "").trim() === "")) {
      const next = lines.slice(index).find((l) => l.trim() !== "");
      if ((lines[index] ?? "").trim() === "" && (next === undefined || !/^\s/.test(next))) break;
      body.push(lines[index] ?? "");
      index++;
    }
    messages.set(start[1] ?? "", parsePattern(start[2] ?? "", body));
  }
  return messages;
}

/** Formats a pattern: numbers with Intl.NumberFormat, selectors by exact value, then plural category. */
export function formatPattern(pattern: Pattern, locale: string, variables: Variables = {}): string {
  return pattern
    .map((element) => {
      if (typeof element === "string") return element;
      const value = variables[element.name];
      if (element.kind === "variable") return value === undefined ? `{$${element.name}}` : formatValue(value, locale);
      const variant = element.variants.find((v) => matches(v.key, value, locale)) ?? element.variants[element.fallback];
      return formatPattern(variant?.value ?? [], locale, variables);
    })
    .join("");
}

function formatValue(value: string | number, locale: string): string {
  return typeof value === "number" ? numberFormat(locale).format(value) : value;
}

function matches(key: string, value: string | number | undefined, locale: string): boolean {
  if (value === undefined) return false;
  if (typeof value === "number") {
    if (/^-?\d+(\.\d+)?$/.test(key)) return Number(key) === value;
    return pluralRules(locale).select(value) === key;
  }
  return key === value;
}

/**
 * The text of a message: the first line's rest and its continuation lines, dedented by their common
 * indentation (lines inside a selector do not count, as their indentation is not text), joined by "\n",
 * with trailing blank space removed.
 */
function parsePattern(first: string, body: string[]): Pattern {
  let depth = countBraces(first);
  const textLines: number[] = [];
  body.forEach((line, i) => {
    if (depth === 0 && line.trim() !== "") {
      // Fluent reads such lines as attributes or variants, not text.
      if (/^\s*[.[*]/.test(line)) throw new Error(`fluent-lite: unsupported line "${line}"`);
      textLines.push(i);
    }
    depth += countBraces(line);
  });
  const indent = Math.min(...textLines.map((i) => /^ */.exec(body[i] ?? "")?.[0].length ?? 0));
  const inline = first.trimStart();
  const rest = body.map((line, i) => (textLines.includes(i) ? line.slice(indent) : line));
  const source = (inline === "" ? rest : [inline, ...rest]).join("\n").replace(/\s+$/, "");
  return readElements(source, 0, source.length);
}

function countBraces(line: string): number {
  return [...line].reduce((n, c) => n + (c === "{" ? 1 : c === "}" ? -1 : 0), 0);
}

function readElements(source: string, from: number, to: number): Element[] {
  const elements: Element[] = [];
  let text = "";
  let i = from;
  while (i < to) {
    const c = source[i];
    if (c === "}") throw new Error(`fluent-lite: unbalanced "}" in "${source}"`);
    if (c !== "{") {
      text += c;
      i++;
      continue;
    }
    const close = matchingBrace(source, i);
    if (text !== "") elements.push(text);
    text = "";
    elements.push(readPlaceable(source.slice(i + 1, close)));
    i = close + 1;
  }
  if (text !== "") elements.push(text);
  return elements;
}

function matchingBrace(source: string, open: number): number {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    if (source[i] === "{") depth++;
    if (source[i] === "}") depth--;
    if (depth === 0) return i;
  }
  throw new Error(`fluent-lite: unclosed "{" in "${source}"`);
}

function readPlaceable(inner: string): Element {
  const variable = VARIABLE.exec(inner);
  if (variable) return { kind: "variable", name: variable[1] ?? "" };
  const arrow = inner.indexOf("->");
  const selector = arrow >= 0 ? VARIABLE.exec(inner.slice(0, arrow)) : null;
  if (!selector) throw new Error(`fluent-lite: unsupported placeable "{${inner}}"`);
  const variants: Variant[] = [];
  let fallback = -1;
  for (const line of inner.slice(arrow + 2).split("\n")) {
    if (line.trim() === "") continue;
    const variant = /^\s*(\*?)\[([^\]\s]+)\][ \t]*(.*)$/.exec(line);
    if (!variant) throw new Error(`fluent-lite: unsupported variant line "${line}"`);
    if (variant[1] === "*") fallback = variants.length;
    const value = (variant[3] ?? "").trimEnd();
    variants.push({ key: variant[2] ?? "", value: readElements(value, 0, value.length) });
  }
  if (fallback < 0) throw new Error(`fluent-lite: a selector on $${selector[1]} has no default variant`);
  return { kind: "select", name: selector[1] ?? "", variants, fallback };
}

const numberFormats = new Map<string, Intl.NumberFormat>();
const pluralRuleSets = new Map<string, Intl.PluralRules>();

function numberFormat(locale: string): Intl.NumberFormat {
  let format = numberFormats.get(locale);
  if (format === undefined) {
    format = new Intl.NumberFormat(locale);
    numberFormats.set(locale, format);
  }
  return format;
}

function pluralRules(locale: string): Intl.PluralRules {
  let rules = pluralRuleSets.get(locale);
  if (rules === undefined) {
    rules = new Intl.PluralRules(locale);
    pluralRuleSets.set(locale, rules);
  }
  return rules;
}
