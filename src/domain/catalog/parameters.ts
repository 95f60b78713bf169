import { InvalidParameterValueError } from "./catalog-errors.js";
import type { CatalogModel, GenerationMode, ParameterName, ParameterSpec } from "./catalog-model.js";

declare const resolvedBrand: unique symbol;

/**
 * Parameters checked against one model and mode, with explicit defaults filled in. Only
 * {@link resolveParameters} makes these, so a price and a provider request can only be computed from
 * parameters that were validated — and parameters stored in a draft are resolved again before use,
 * against the catalog as it is then.
 */
export type ResolvedParameters = Readonly<Partial<Record<ParameterName, string>>> & { readonly [resolvedBrand]: true };

/** The parameters a model takes in a mode, in menu order (input_fidelity, say, only for edits). */
export function parametersFor(model: CatalogModel, mode: GenerationMode): ParameterSpec[] {
  return model.parameters.filter((spec) => spec.modes.includes(mode));
}

/**
 * Turns what the user chose (or had saved from another model) into parameters for this model and mode:
 * parameters the model does not take in this mode are dropped, since switching models must keep
 * working; a missing (undefined or null) value takes the default; any other value must be one the
 * model allows.
 *
 * @throws InvalidParameterValueError for a value the model does not allow; it is never replaced.
 */
export function resolveParameters(
  model: CatalogModel,
  mode: GenerationMode,
  requested: Readonly<Record<string, unknown>>,
): ResolvedParameters {
  const resolved: Partial<Record<ParameterName, string>> = {};
  for (const spec of parametersFor(model, mode)) {
    const value = Object.hasOwn(requested, spec.name) ? requested[spec.name] : undefined;
    if (value === undefined || value === null) {
      if (spec.default !== null) resolved[spec.name] = spec.default;
    } else if (typeof value === "string" && spec.values.includes(value)) {
      resolved[spec.name] = value;
    } else {
      throw new InvalidParameterValueError(model.key, spec.name, value, spec.values);
    }
  }
  return resolved as ResolvedParameters;
}

/**
 * Every distinct set of parameters a user can end up with in a mode: each allowed value of each
 * parameter, plus "omitted" for parameters without an explicit default. For price ranges and for
 * proving that every choice has a price.
 */
export function parameterCombinations(model: CatalogModel, mode: GenerationMode): ResolvedParameters[] {
  let combinations: Array<Partial<Record<ParameterName, string>>> = [{}];
  for (const spec of parametersFor(model, mode)) {
    const choices: Array<string | undefined> = spec.default === null ? [undefined, ...spec.values] : [...spec.values];
    combinations = combinations.flatMap((partial) =>
      choices.map((value) => (value === undefined ? partial : { ...partial, [spec.name]: value })),
    );
  }
  return combinations.map((combination) => resolveParameters(model, mode, combination));
}
