import { useCallback, useEffect, useState } from "react";
import type { BotInfoView, SimulatedUser } from "../../../src/sandbox/chat-page/api-types.js";
import { api } from "./api-client.js";
import { ChatView } from "./chat-view.js";
import { Notices, useNotices } from "./notices.js";
import { UserPanel } from "./user-panel.js";

const SELECTED_USER_KEY = "bananapics.sandbox.user";

/** The sandbox chat page: the simulation banner, the user panel and the chat of the selected user. */
export function App() {
  const [bot, setBot] = useState<BotInfoView | undefined>();
  const [users, setUsers] = useState<SimulatedUser[]>([]);
  const [selectedId, setSelectedId] = useState<number | undefined>(() => {
    const stored = Number(localStorage.getItem(SELECTED_USER_KEY));
    return Number.isSafeInteger(stored) && stored > 0 ? stored : undefined;
  });
  const [panelOpen, setPanelOpen] = useState(false);
  const [notices, notify, dismissAlert] = useNotices();

  useEffect(() => {
    Promise.all([api.bot(), api.users()]).then(
      ([info, list]) => {
        setBot(info);
        setUsers(list);
      },
      (error: unknown) => notify.alert(`The sandbox API does not answer (is the service running?): ${String(error)}`),
    );
  }, [notify]);

  const select = useCallback((id: number) => {
    setSelectedId(id);
    localStorage.setItem(SELECTED_USER_KEY, String(id));
    setPanelOpen(false);
  }, []);

  const create = async (user: SimulatedUser) => {
    const created = await api.createUser(user);
    setUsers((list) => [...list, created]);
    select(created.id);
  };

  // A remembered user is gone after a restart of the sandbox; fall back to the first one.
  const selected = users.find((u) => u.id === selectedId) ?? users[0];
  return (
    <div className="page">
      <div className="simulation-banner" role="note">
        <strong>Simulation — not connected to Telegram.</strong>
        <span className="banner-detail"> You are chatting with the local bot through an emulator; nothing leaves this machine.</span>
      </div>
      <div className={panelOpen ? "layout panel-open" : "layout"}>
        <UserPanel users={users} selectedId={selected?.id} onSelect={select} onCreate={create} />
        <div className="panel-scrim" onClick={() => setPanelOpen(false)} />
        {selected !== undefined ? (
          <ChatView key={selected.id} bot={bot} user={selected} notify={notify} onShowUsers={() => setPanelOpen(true)} />
        ) : (
          <section className="chat placeholder">
            <p>Create a simulated user to start chatting.</p>
            <button type="button" className="primary" onClick={() => setPanelOpen(true)}>
              Users
            </button>
          </section>
        )}
      </div>
      <Notices state={notices} onDismissAlert={dismissAlert} />
    </div>
  );
}
