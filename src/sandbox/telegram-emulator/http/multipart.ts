/** One part of a multipart body that carried a file name, i.e. an upload. */
export interface UploadedPart {
  filename?: string;
  contentType?: string;
  data: Buffer;
}

/** Text fields and uploads of a multipart body, keyed by part name. */
export interface MultipartContent {
  fields: Record<string, string>;
  files: Map<string, UploadedPart>;
}

/** The boundary parameter of a multipart Content-Type, or undefined when there is none. */
export function multipartBoundary(contentType: string): string | undefined {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

const CRLF = Buffer.from("\r\n");
const HEADER_END = Buffer.from("\r\n\r\n");

/**
 * Parses multipart/form-data leniently. grammY writes part headers as
 * `content-disposition:form-data;name="x";filename=photo.jpg` (no spaces, unquoted file name), which
 * undici's `Request.formData()` rejects, while Telegram's server accepts it.
 */
export function parseMultipart(body: Buffer, boundary: string): MultipartContent {
  const delimiter = Buffer.from(`--${boundary}`);
  const partEnd = Buffer.from(`\r\n--${boundary}`);
  const content: MultipartContent = { fields: {}, files: new Map() };
  const first = body.indexOf(delimiter);
  if (first < 0) throw new Error("multipart body without boundary");
  let pos = first + delimiter.length;
  for (;;) {
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) return content;
    if (body.subarray(pos, pos + 2).equals(CRLF)) pos += 2;
    let headerText = "";
    let dataStart: number;
    if (body.subarray(pos, pos + 2).equals(CRLF)) {
      dataStart = pos + 2;
    } else {
      const headerEnd = body.indexOf(HEADER_END, pos);
      if (headerEnd < 0) throw new Error("multipart part without header end");
      headerText = body.subarray(pos, headerEnd).toString("utf8");
      dataStart = headerEnd + HEADER_END.length;
    }
    const dataEnd = body.indexOf(partEnd, dataStart);
    if (dataEnd < 0) throw new Error("unterminated multipart part");
    addPart(content, headerText, body.subarray(dataStart, dataEnd));
    pos = dataEnd + partEnd.length;
  }
}

function addPart(content: MultipartContent, headerText: string, data: Buffer): void {
  const headers = new Map<string, string>();
  for (const line of headerText.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const disposition = headers.get("content-disposition") ?? "";
  const name = dispositionParam(disposition, "name");
  if (name === undefined) return;
  const filename = dispositionParam(disposition, "filename");
  if (filename === undefined) {
    content.fields[name] = data.toString("utf8");
    return;
  }
  content.files.set(name, { filename, contentType: headers.get("content-type"), data: Buffer.from(data) });
}

function dispositionParam(disposition: string, param: string): string | undefined {
  const match = new RegExp(`(?:^|;)\\s*${param}=(?:"([^"]*)"|([^;]*))`, "i").exec(disposition);
  if (match === null) return undefined;
  return match[1] ?? match[2]?.trim();
}
