import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { PaperclipIcon, SendIcon } from "./icons.js";

/** Telegram sends at most 10 files as one album. */
const MAX_ALBUM = 10;

export type AttachmentKind = "photo" | "document";

interface ComposerProps {
  placeholder: string | undefined;
  onSendText(text: string): Promise<void>;
  onSendFiles(kind: AttachmentKind, files: File[], caption: string): Promise<void>;
  onProblem(message: string): void;
}

/**
 * The input bar: Enter sends, Shift+Enter starts a new line. The paperclip attaches photos or files;
 * with attachments the text becomes the caption, and 2–10 of them go as one album.
 */
export function Composer({ placeholder, onSendText, onSendFiles, onProblem }: ComposerProps) {
  const [text, setText] = useState("");
  const [attachments, setAttachments] = useState<{ kind: AttachmentKind; files: File[] } | undefined>();
  const [menuOpen, setMenuOpen] = useState(false);
  const [sending, setSending] = useState(false);
  const attach = useRef<HTMLDivElement>(null);
  const photoInput = useRef<HTMLInputElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!menuOpen) return;
    const closeOutside = (event: MouseEvent) => {
      if (!attach.current?.contains(event.target as Node)) setMenuOpen(false);
    };
    document.addEventListener("mousedown", closeOutside);
    return () => document.removeEventListener("mousedown", closeOutside);
  }, [menuOpen]);

  const pick = (kind: AttachmentKind, list: FileList | null) => {
    setMenuOpen(false);
    const files = [...(list ?? [])];
    if (files.length === 0) return;
    if (files.length > MAX_ALBUM) onProblem(`An album holds at most ${MAX_ALBUM} files; the first ${MAX_ALBUM} are attached.`);
    setAttachments({ kind, files: files.slice(0, MAX_ALBUM) });
  };

  const send = async () => {
    if (sending) return;
    const caption = text.trim();
    if (attachments === undefined && caption === "") return;
    setSending(true);
    try {
      if (attachments !== undefined) await onSendFiles(attachments.kind, attachments.files, caption);
      else await onSendText(caption);
      setText("");
      setAttachments(undefined);
    } catch (error) {
      onProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setSending(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send();
    }
  };

  const canSend = !sending && (attachments !== undefined || text.trim() !== "");
  return (
    <div className="composer-area">
      {attachments !== undefined && (
        <AttachmentStrip
          kind={attachments.kind}
          files={attachments.files}
          onRemove={(index) => {
            const files = attachments.files.filter((_, i) => i !== index);
            setAttachments(files.length > 0 ? { ...attachments, files } : undefined);
          }}
        />
      )}
      <div className="composer">
        <div className="attach" ref={attach}>
          <button type="button" className="icon-button" aria-label="Attach" aria-expanded={menuOpen} onClick={() => setMenuOpen(!menuOpen)}>
            <PaperclipIcon />
          </button>
          {menuOpen && (
            <div className="attach-menu" role="menu">
              <button type="button" role="menuitem" onClick={() => photoInput.current?.click()}>
                Photo or album
              </button>
              <button type="button" role="menuitem" onClick={() => fileInput.current?.click()}>
                File
              </button>
            </div>
          )}
          <input
            ref={photoInput}
            type="file"
            accept="image/*"
            multiple
            hidden
            data-testid="attach-photos"
            onChange={(event) => {
              pick("photo", event.target.files);
              event.target.value = "";
            }}
          />
          <input
            ref={fileInput}
            type="file"
            multiple
            hidden
            data-testid="attach-files"
            onChange={(event) => {
              pick("document", event.target.files);
              event.target.value = "";
            }}
          />
        </div>
        <textarea
          value={text}
          rows={1}
          placeholder={attachments !== undefined ? "Add a caption…" : (placeholder ?? "Message")}
          aria-label="Message"
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <button type="button" className="send-button" aria-label="Send" disabled={!canSend} onClick={() => void send()}>
          <SendIcon />
        </button>
      </div>
    </div>
  );
}

function AttachmentStrip({ kind, files, onRemove }: { kind: AttachmentKind; files: File[]; onRemove(index: number): void }) {
  const [previews, setPreviews] = useState<Array<string | undefined>>([]);
  useEffect(() => {
    // Created in the effect that revokes them, so a remount (StrictMode, fast refresh) gets fresh URLs.
    const urls = files.map((file) => (file.type.startsWith("image/") ? URL.createObjectURL(file) : undefined));
    setPreviews(urls);
    return () => urls.forEach((url) => url !== undefined && URL.revokeObjectURL(url));
  }, [files]);
  const label = files.length > 1 ? `Album of ${files.length} ${kind === "photo" ? "photos" : "files"}` : kind === "photo" ? "Photo" : "File";
  return (
    <div className="attachments">
      <div className="attachments-label">{label} — the text becomes the caption</div>
      <div className="attachments-list">
        {files.map((file, index) => (
          <div className="attachment" key={`${file.name}-${index}`}>
            {previews[index] !== undefined ? <img src={previews[index]} alt={file.name} /> : <span className="attachment-name">{file.name}</span>}
            <button type="button" className="attachment-remove" aria-label={`Remove ${file.name}`} onClick={() => onRemove(index)}>
              ×
            </button>
          </div>
        ))}
      </div>
    </div>
  );
}
