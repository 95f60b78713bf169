/** Parameters that stay strings even when they look like numbers, booleans or JSON, because they are free text or ids. */
const TEXT_PARAMS = new Set([
  "text",
  "caption",
  "title",
  "description",
  "short_description",
  "payload",
  "error_message",
  "url",
  "secret_token",
  "parse_mode",
  "action",
  "currency",
  "callback_query_id",
  "pre_checkout_query_id",
  "telegram_payment_charge_id",
  "file_id",
  "language_code",
  "start_parameter",
  "provider_token",
  "photo_url",
  "name",
]);

/**
 * Turns the parameters of a request into the payload a test reads in ApiCallRecord: multipart and
 * query-string values are decoded back into numbers, booleans and objects so that a call looks the
 * same whether grammY sent JSON or multipart, and file references are replaced by what was stored.
 * Descriptors are keyed by their `attach://name` reference, or by the parameter name for a file sent
 * in the part named after the parameter.
 */
export function recordPayload(
  fields: Record<string, unknown>,
  fileDescriptors: ReadonlyMap<string, Record<string, unknown>>,
): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    const decoded = typeof value === "string" && !TEXT_PARAMS.has(key) ? decodeScalar(value) : value;
    payload[key] = replaceFileReferences(decoded, fileDescriptors);
  }
  for (const [reference, descriptor] of fileDescriptors) {
    if (!reference.startsWith("attach://") && !(reference in payload)) payload[reference] = descriptor;
  }
  return payload;
}

function decodeScalar(value: string): unknown {
  if (/^-?\d{1,15}$/.test(value)) return Number(value);
  if (value === "true") return true;
  if (value === "false") return false;
  if (value.startsWith("{") || value.startsWith("[")) {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  }
  return value;
}

function replaceFileReferences(value: unknown, descriptors: ReadonlyMap<string, Record<string, unknown>>): unknown {
  if (typeof value === "string") return descriptors.get(value) ?? value;
  if (Array.isArray(value)) return value.map((item) => replaceFileReferences(item, descriptors));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceFileReferences(v, descriptors)]));
  }
  return value;
}
