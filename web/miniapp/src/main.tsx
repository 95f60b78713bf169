import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app.js";
import { ShellContext, TelegramShell } from "./telegram/shell.js";
import { telegramWebApp } from "./telegram/web-app.js";
import "./styles.css";

const { webApp, inTelegram } = telegramWebApp();
const shell = new TelegramShell(webApp, inTelegram);
shell.start();

const root = document.getElementById("root");
if (root === null) throw new Error("index.html has no #root");
createRoot(root).render(
  <StrictMode>
    <ShellContext value={shell}>
      <App />
    </ShellContext>
  </StrictMode>,
);
