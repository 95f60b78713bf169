import type { ButtonView, ChatMessageView, DocumentView, PhotoView } from "../../../src/sandbox/chat-page/api-types.js";
import { fileUrl } from "./api-client.js";
import { FormattedText } from "./formatted-text.js";
import { formatPrice, formatSize, formatTime } from "./format.js";
import { DownloadIcon } from "./icons.js";
import { InlineKeyboard } from "./inline-keyboard.js";

/** What a bubble can do; the chat view implements it against the API. */
export interface MessageActions {
  onPress(message: ChatMessageView, row: number, column: number, button: ButtonView): void;
  onCommand(command: string): void;
  /** "messageId:row:column" of the button waiting for the bot. */
  pending: string | undefined;
}

/**
 * One bubble: a message, or an album (consecutive messages of one media group) with its caption.
 * Bot messages sit on the left, the user's on the right, inline keyboards below.
 */
export function MessageBubble({ messages, actions }: { messages: ChatMessageView[]; actions: MessageActions }) {
  const first = messages[0];
  const last = messages.at(-1);
  if (first === undefined || last === undefined) return null;
  const captioned = messages.find((m) => m.text !== undefined);
  const photos = messages.filter((m) => m.photo !== undefined);
  const documents = messages.filter((m) => m.document !== undefined);
  const keyboard = keyboardOf(last);
  const pendingPrefix = `${last.id}:`;
  const pending = actions.pending?.startsWith(pendingPrefix) ? actions.pending.slice(pendingPrefix.length) : undefined;
  const mediaOnly = photos.length > 0 && captioned === undefined;

  return (
    <div className={`message-row ${first.from}`} data-from={first.from} data-message-id={first.id}>
      <div className="message-column">
        <div className={`bubble ${first.from}${mediaOnly ? " media-only" : ""}${photos.length > 0 ? " has-media" : ""}`}>
          {photos.length > 0 && <PhotoGrid photos={photos.map((m) => m.photo as PhotoView)} />}
          {documents.map((m) => (
            <DocumentRow key={m.id} document={m.document as DocumentView} />
          ))}
          {first.invoice !== undefined && (
            <div className="invoice">
              <div className="invoice-title">{first.invoice.title}</div>
              <div className="invoice-description">{first.invoice.description}</div>
              <div className="invoice-price">
                <span>{formatPrice(first.invoice.totalAmount, first.invoice.currency)}</span>
                <span className="invoice-label">{first.invoice.paid ? "Paid" : "Invoice"}</span>
              </div>
            </div>
          )}
          {captioned?.text !== undefined && (
            <div className="text">
              <FormattedText text={captioned.text} entities={captioned.entities} onCommand={actions.onCommand} />
            </div>
          )}
          <span className="meta">
            {messages.some((m) => m.edited) && <span className="edited">edited</span>}
            <time dateTime={new Date(last.date * 1000).toISOString()}>{formatTime(last.date)}</time>
          </span>
        </div>
        {keyboard !== undefined && (
          <InlineKeyboard
            rows={keyboard}
            pending={pending}
            disabled={(button) => button.kind === "pay" && last.invoice?.paid === true}
            onPress={(row, column, button) => actions.onPress(last, row, column, button)}
          />
        )}
      </div>
    </div>
  );
}

/** An invoice without a keyboard gets Telegram's own Pay button; a paid one shows it done. */
function keyboardOf(message: ChatMessageView): ButtonView[][] | undefined {
  const invoice = message.invoice;
  if (invoice === undefined) return message.inlineKeyboard;
  const payLabel = invoice.paid ? "✓ Paid" : `Pay ${formatPrice(invoice.totalAmount, invoice.currency)}`;
  const rows = message.inlineKeyboard ?? [[{ text: payLabel, kind: "pay" }]];
  return rows.map((row) => row.map((button) => (button.kind === "pay" && invoice.paid ? { ...button, text: payLabel } : button)));
}

function PhotoGrid({ photos }: { photos: PhotoView[] }) {
  return (
    <div className={`photo-grid count-${Math.min(photos.length, 4)}`}>
      {photos.map((photo) => (
        <div className="photo" key={photo.fileId}>
          <a href={fileUrl(photo.originalFileId)} target="_blank" rel="noreferrer">
            <img src={fileUrl(photo.fileId)} width={photo.width} height={photo.height} alt="photo" loading="lazy" />
          </a>
          <a className="photo-download" href={fileUrl(photo.originalFileId)} download title="Download the original">
            <DownloadIcon size={14} />
          </a>
        </div>
      ))}
    </div>
  );
}

function DocumentRow({ document }: { document: DocumentView }) {
  const url = fileUrl(document.fileId);
  const isImage = document.mimeType?.startsWith("image/") === true;
  return (
    <div className="document">
      {isImage && (
        <a href={url} target="_blank" rel="noreferrer" className="document-preview">
          <img src={url} alt={document.fileName} loading="lazy" />
        </a>
      )}
      <a className="document-row" href={url} download={document.fileName} title="Download">
        <span className="document-icon">
          <DownloadIcon size={20} />
        </span>
        <span className="document-info">
          <span className="document-name">{document.fileName}</span>
          <span className="document-size">{formatSize(document.size)}</span>
        </span>
      </a>
    </div>
  );
}
