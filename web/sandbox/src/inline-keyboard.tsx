import type { ButtonView } from "../../../src/sandbox/chat-page/api-types.js";

interface InlineKeyboardProps {
  rows: ButtonView[][];
  /** "row:column" of the button waiting for the bot, which shows a spinner like Telegram's clock. */
  pending: string | undefined;
  disabled?: (button: ButtonView) => boolean;
  onPress(row: number, column: number, button: ButtonView): void;
}

const KIND_MARK: Partial<Record<ButtonView["kind"], string>> = { url: "↗", web_app: "↗" };

/** The buttons under a message, row by row; URL and web app buttons carry Telegram's corner arrow. */
export function InlineKeyboard({ rows, pending, disabled, onPress }: InlineKeyboardProps) {
  return (
    <div className="inline-keyboard">
      {rows.map((row, rowIndex) => (
        <div className="keyboard-row" key={rowIndex}>
          {row.map((button, column) => {
            const busy = pending === `${rowIndex}:${column}`;
            return (
              <button
                key={column}
                type="button"
                className={busy ? "inline-button busy" : "inline-button"}
                disabled={disabled?.(button) ?? false}
                aria-busy={busy}
                onClick={() => onPress(rowIndex, column, button)}
              >
                {button.text}
                {KIND_MARK[button.kind] !== undefined && <span className="button-mark">{KIND_MARK[button.kind]}</span>}
              </button>
            );
          })}
        </div>
      ))}
    </div>
  );
}
