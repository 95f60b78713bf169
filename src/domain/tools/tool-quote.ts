import { TOOL_PRICING_MODE, type CatalogModel, type ParameterSpec } from "../catalog/catalog-model.js";
import { parametersFor, resolveParameters, type ResolvedParameters } from "../catalog/parameters.js";
import { priceInCredits, type PricingSettings } from "../catalog/pricing.js";

/** What one tool run costs with these options, by the function every generation price comes from. */
export interface ToolQuote {
  readonly tool: CatalogModel;
  readonly params: ResolvedParameters;
  readonly price: number;
}

/**
 * The price of running a tool with the requested options (defaults filled in). The same call prices
 * the button and the charge (startGeneration), so the price shown is the price charged.
 *
 * @throws RangeError when the entry is not a tool; InvalidParameterValueError for an option it does not have.
 */
export function quoteTool(tool: CatalogModel, requested: Readonly<Record<string, unknown>>, pricing: PricingSettings): ToolQuote {
  if (tool.kind !== "tool") throw new RangeError(`${tool.key} is not an image tool`);
  const params = resolveParameters(tool, TOOL_PRICING_MODE, requested);
  return { tool, params, price: priceInCredits(tool, TOOL_PRICING_MODE, params, pricing) };
}

/**
 * The options a user actually chooses between, in menu order: parameters with a single allowed value
 * (the PNG output format) are always sent but never offered.
 */
export function toolOptions(tool: CatalogModel): ParameterSpec[] {
  return parametersFor(tool, TOOL_PRICING_MODE).filter((spec) => spec.values.length > 1);
}
