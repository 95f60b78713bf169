import { useCallback, useRef, useState } from "react";
import type { MiniAppApi } from "./api/client.js";

/** A reference image in the composer: shown at once from the device, usable once the server stored it. */
export interface Attachment {
  id: number;
  name: string;
  /** A blob: URL of the local file, for the thumbnail. */
  previewUrl: string;
  status: "uploading" | "ready";
  /** The server's token for the stored image (UploadedReferenceView.token). */
  token?: string;
}

const ACCEPTED = ["image/jpeg", "image/png", "image/webp"];

export interface AttachmentProblem {
  code: "file_too_large" | "not_an_image" | "upload_failed";
  name: string;
  error?: unknown;
}

/**
 * The composer's reference images. Each picked file is uploaded right away (the server keeps it as a
 * Telegram file, like an image sent to the bot), so Generate only sends tokens. Formats the server
 * does not take (HEIC from an iPhone, say) are re-encoded as JPEG here when the browser can decode them.
 */
export function useAttachments(api: MiniAppApi, maxBytes: number, onProblem: (problem: AttachmentProblem) => void) {
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const nextId = useRef(1);
  const problem = useRef(onProblem);
  problem.current = onProblem;

  const remove = useCallback((id: number) => {
    setAttachments((all) => {
      const gone = all.find((a) => a.id === id);
      if (gone) URL.revokeObjectURL(gone.previewUrl);
      return all.filter((a) => a.id !== id);
    });
  }, []);

  const add = useCallback(
    (files: File[]) => {
      for (const file of files) {
        const id = nextId.current++;
        if (file.size > maxBytes) {
          problem.current({ code: "file_too_large", name: file.name });
          continue;
        }
        const previewUrl = URL.createObjectURL(file);
        setAttachments((all) => [...all, { id, name: file.name, previewUrl, status: "uploading" }]);
        void (async () => {
          try {
            const body = ACCEPTED.includes(file.type) ? file : await reencode(file);
            if (body === undefined) {
              remove(id);
              problem.current({ code: "not_an_image", name: file.name });
              return;
            }
            const uploaded = await api.uploadReference(body);
            setAttachments((all) => all.map((a) => (a.id === id ? { ...a, status: "ready", token: uploaded.token } : a)));
          } catch (error) {
            remove(id);
            problem.current({ code: "upload_failed", name: file.name, error });
          }
        })();
      }
    },
    [api, maxBytes, remove],
  );

  const clear = useCallback(() => {
    setAttachments((all) => {
      all.forEach((a) => URL.revokeObjectURL(a.previewUrl));
      return [];
    });
  }, []);

  return { attachments, add, remove, clear };
}

/** The image as JPEG, or undefined when the browser cannot decode it either. */
async function reencode(file: File): Promise<Blob | undefined> {
  try {
    const bitmap = await createImageBitmap(file);
    const canvas = document.createElement("canvas");
    canvas.width = bitmap.width;
    canvas.height = bitmap.height;
    canvas.getContext("2d")?.drawImage(bitmap, 0, 0);
    bitmap.close();
    return (await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.92))) ?? undefined;
  } catch {
    return undefined;
  }
}
