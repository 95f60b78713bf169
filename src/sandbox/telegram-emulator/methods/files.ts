import type { File } from "grammy/types";
import { badRequest } from "../api-error.js";
import type { MethodHandler } from "./method-context.js";

/** Cloud Bot API servers refuse to hand out files above 20 MB. */
const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;

/** getFile: the download path for /file/bot<token>/<file_path>. */
export const fileMethods: Record<string, MethodHandler> = {
  getFile: ({ bot, params }): File => {
    const file = bot.files.get(params.requiredString("file_id"));
    if (file === undefined) throw badRequest("wrong file_id or the file is temporarily unavailable");
    if ((file.file_size ?? 0) > MAX_DOWNLOAD_BYTES) throw badRequest("file is too big");
    const result: File = { file_id: file.file_id, file_unique_id: file.file_unique_id, file_path: file.file_path };
    if (file.file_size !== undefined) result.file_size = file.file_size;
    return result;
  },
};
