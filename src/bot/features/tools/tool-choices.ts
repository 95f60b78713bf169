import type { CatalogModel } from "../../../domain/catalog/catalog-model.js";
import { toolOptions } from "../../../domain/tools/tool-quote.js";

/** "-": a tool without options. */
const NONE = "-";

/**
 * The options as callback data: per offered option, the index of the chosen value (the default when
 * `params` has none). At most 10 values per option fit one digit; the seeded tools have at most 5.
 */
export function encodeChoices(tool: CatalogModel, params: Readonly<Record<string, string>>): string {
  const digits = toolOptions(tool).map((spec) => {
    const chosen = params[spec.name] ?? spec.default;
    return String(Math.max(0, chosen === null ? 0 : spec.values.indexOf(chosen)));
  });
  return digits.length === 0 ? NONE : digits.join("");
}

/** The options a press carries, or undefined when they do not fit the tool (an old screen, a forged press). */
export function decodeChoices(tool: CatalogModel, code: string): Record<string, string> | undefined {
  const options = toolOptions(tool);
  if (code === NONE) return options.length === 0 ? {} : undefined;
  if (code.length !== options.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, spec] of options.entries()) {
    const value = spec.values[Number(code[index])];
    if (value === undefined) return undefined;
    params[spec.name] = value;
  }
  return params;
}
