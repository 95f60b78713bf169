export {
  GENERATION_MODES,
  MODEL_KINDS,
  PARAMETER_NAMES,
  TOOL_PRICING_MODE,
  type CatalogModel,
  type GenerationMode,
  type ModelKind,
  type ParameterName,
  type ParameterSpec,
  type UsdPriceVariant,
  type UsdPricing,
} from "./catalog-model.js";
export { InvalidCatalogEditError, InvalidParameterValueError, ModelUnavailableError, TooManyReferencesError } from "./catalog-errors.js";
export { CatalogService, type PriceQuote } from "./catalog-service.js";
export { parameterCombinations, parametersFor, resolveParameters, type ResolvedParameters } from "./parameters.js";
export { creditsFromUsd, priceInCredits, priceRange, usdPrice, type PricingSettings } from "./pricing.js";
export { assertReferencesFit, buildProviderRequest, buildToolRequest, type ProviderRequest, type ProviderRequestContent } from "./provider-request.js";
export {
  checkProviderPrices,
  type ProviderPriceDifference,
  type ProviderPriceFailure,
  type ProviderPriceReport,
} from "./provider-price-check.js";
export { ensureCatalogSeeded, SEED_MODELS, toModelRow } from "./seed-models.js";
