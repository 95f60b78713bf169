/** A file part of a multipart upload. */
export interface UploadedFile {
  filename: string;
  contentType: string;
  bytes: Buffer;
}

/** A request body decoded by content type, read once and shared by recording and handling. */
export type RequestBody =
  | { kind: "none" }
  | { kind: "json"; value: unknown }
  | { kind: "text"; text: string }
  | { kind: "multipart"; file: UploadedFile | undefined }
  | { kind: "bytes"; bytes: Buffer; contentType: string };

/**
 * Decodes a body. Multipart is parsed with the platform's fetch `Response.formData()`, so the fake
 * needs no multipart dependency; the part named `file` is the upload, as on Wavespeed.
 */
export async function decodeBody(raw: Buffer, contentType: string | undefined): Promise<RequestBody> {
  if (raw.length === 0) return { kind: "none" };
  const type = (contentType ?? "").toLowerCase();
  if (type.startsWith("multipart/form-data")) {
    try {
      const form = await new Response(raw, { headers: { "content-type": contentType ?? "" } }).formData();
      const part = form.get("file");
      if (!part || typeof part === "string") return { kind: "multipart", file: undefined };
      const bytes = Buffer.from(await part.arrayBuffer());
      return { kind: "multipart", file: { filename: part.name, contentType: part.type || "application/octet-stream", bytes } };
    } catch {
      return { kind: "multipart", file: undefined };
    }
  }
  if (type === "" || type.includes("json") || type.startsWith("text/")) {
    const text = raw.toString("utf8");
    try {
      return { kind: "json", value: JSON.parse(text) };
    } catch {
      return { kind: "text", text };
    }
  }
  return { kind: "bytes", bytes: raw, contentType: type };
}

/** What a {@link RecordedRequest} keeps of a body: never file contents, only their metadata. */
export function recordedBody(body: RequestBody): unknown {
  switch (body.kind) {
    case "none":
      return undefined;
    case "json":
      return body.value;
    case "text":
      return body.text;
    case "multipart":
      return body.file
        ? { filename: body.file.filename, size: body.file.bytes.length, contentType: body.file.contentType }
        : { filename: undefined, size: 0, contentType: undefined };
    case "bytes":
      return { size: body.bytes.length, contentType: body.contentType };
  }
}
