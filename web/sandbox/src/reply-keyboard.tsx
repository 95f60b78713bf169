import type { ReplyKeyboardView } from "../../../src/sandbox/chat-page/api-types.js";

/** A bot's reply keyboard, shown where the phone keyboard would be; a press sends the button's text. */
export function ReplyKeyboard({ keyboard, onPress }: { keyboard: Extract<ReplyKeyboardView, { kind: "keyboard" }>; onPress(text: string): void }) {
  return (
    <div className="reply-keyboard">
      {keyboard.rows.map((row, rowIndex) => (
        <div className="keyboard-row" key={rowIndex}>
          {row.map((text, column) => (
            <button type="button" key={column} className="reply-button" onClick={() => onPress(text)}>
              {text}
            </button>
          ))}
        </div>
      ))}
    </div>
  );
}
