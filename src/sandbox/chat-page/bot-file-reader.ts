/** Telegram file ids are URL-safe base64; anything else is refused before it reaches a URL. */
const FILE_ID_PATTERN = /^[A-Za-z0-9_-]{8,200}$/;

export interface BotFile {
  bytes: Buffer;
  contentType: string;
}

/**
 * Reads a file the way the bot would: getFile, then the download path. Both URLs contain the bot token,
 * so this runs on the server and the page only ever sees /sandbox/api/files/<file id>. Resolves
 * undefined for ids Telegram does not know and for files it cannot serve (sent by URL).
 */
export async function readBotFile(apiRoot: string, botToken: string, fileId: string): Promise<BotFile | undefined> {
  if (!FILE_ID_PATTERN.test(fileId)) return undefined;
  const info = await fetch(`${apiRoot}/bot${botToken}/getFile?file_id=${encodeURIComponent(fileId)}`);
  const body = (await info.json()) as { ok: boolean; result?: { file_path?: string } };
  const path = body.ok ? body.result?.file_path : undefined;
  if (path === undefined) return undefined;
  const download = await fetch(`${apiRoot}/file/bot${botToken}/${path.split("/").map(encodeURIComponent).join("/")}`);
  if (!download.ok) return undefined;
  return {
    bytes: Buffer.from(await download.arrayBuffer()),
    contentType: download.headers.get("content-type") ?? "application/octet-stream",
  };
}
