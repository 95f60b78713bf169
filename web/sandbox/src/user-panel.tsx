import { useState, type FormEvent } from "react";
import type { SimulatedUser } from "../../../src/sandbox/chat-page/api-types.js";
import { initial } from "./format.js";

const LANGUAGES = [
  { value: "uz", label: "uz — O'zbek" },
  { value: "ru", label: "ru — Русский" },
  { value: "en", label: "en — English" },
  { value: "other", label: "other…" },
] as const;

interface UserPanelProps {
  users: SimulatedUser[];
  selectedId: number | undefined;
  onSelect(id: number): void;
  /** Rejects with a message for the form when the server refuses the user. */
  onCreate(user: SimulatedUser): Promise<void>;
}

/** The side panel: pick a simulated user, or create one with the profile fields Telegram sends. */
export function UserPanel({ users, selectedId, onSelect, onCreate }: UserPanelProps) {
  return (
    <aside className="user-panel" aria-label="Simulated users">
      <h2>Simulated users</h2>
      <ul className="user-list">
        {users.map((user) => (
          <li key={user.id}>
            <button
              type="button"
              className={user.id === selectedId ? "user-item selected" : "user-item"}
              aria-current={user.id === selectedId}
              onClick={() => onSelect(user.id)}
            >
              <span className="avatar">{initial(user.first_name)}</span>
              <span className="user-info">
                <span className="user-name">{user.first_name}</span>
                <span className="user-details">
                  {user.username !== undefined && `@${user.username} · `}
                  {user.id}
                  {user.language_code !== undefined && ` · ${user.language_code}`}
                </span>
              </span>
            </button>
          </li>
        ))}
      </ul>
      <NewUserForm onCreate={onCreate} />
    </aside>
  );
}

function NewUserForm({ onCreate }: { onCreate(user: SimulatedUser): Promise<void> }) {
  const [id, setId] = useState(randomUserId);
  const [firstName, setFirstName] = useState("");
  const [username, setUsername] = useState("");
  const [language, setLanguage] = useState<(typeof LANGUAGES)[number]["value"]>("en");
  const [otherCode, setOtherCode] = useState("de");
  const [problem, setProblem] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(undefined);
    const user: SimulatedUser = { id: Number(id), first_name: firstName };
    if (username.trim() !== "") user.username = username.trim().replace(/^@/, "");
    const code = language === "other" ? otherCode.trim() : language;
    if (code !== "") user.language_code = code;
    try {
      await onCreate(user);
      setId(randomUserId());
      setFirstName("");
      setUsername("");
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="new-user" onSubmit={(event) => void submit(event)}>
      <h3>New user</h3>
      <label>
        Telegram id
        <input name="id" inputMode="numeric" required value={id} onChange={(e) => setId(e.target.value)} />
      </label>
      <label>
        First name
        <input name="first_name" required maxLength={64} value={firstName} onChange={(e) => setFirstName(e.target.value)} />
      </label>
      <label>
        <span>
          Username <span className="optional">(optional)</span>
        </span>
        <input name="username" maxLength={33} value={username} onChange={(e) => setUsername(e.target.value)} />
      </label>
      <label>
        Language code
        <select name="language_code" value={language} onChange={(e) => setLanguage(e.target.value as typeof language)}>
          {LANGUAGES.map((l) => (
            <option key={l.value} value={l.value}>
              {l.label}
            </option>
          ))}
        </select>
      </label>
      {language === "other" && (
        <label>
          <span>
            Other code <span className="optional">(empty: none)</span>
          </span>
          <input name="other_language_code" maxLength={16} value={otherCode} onChange={(e) => setOtherCode(e.target.value)} />
        </label>
      )}
      {problem !== undefined && (
        <p className="form-problem" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        Create and open chat
      </button>
    </form>
  );
}

function randomUserId(): string {
  return String(200_000_000 + Math.floor(Math.random() * 700_000_000));
}
