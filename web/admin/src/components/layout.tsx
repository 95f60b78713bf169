import { useState, type ReactNode } from "react";
import type { SessionView } from "../api/client.js";
import { LOCALE_CODES, useI18n, type LocaleCode } from "../i18n/i18n.js";
import type { MessageKey } from "../i18n/messages.js";
import { Link, useRouter } from "../router.js";

const NAV: Array<{ to: string; label: MessageKey }> = [
  { to: "/", label: "nav-dashboard" },
  { to: "/users", label: "nav-users" },
  { to: "/generations", label: "nav-generations" },
  { to: "/payments", label: "nav-payments" },
  { to: "/broadcasts", label: "nav-broadcasts" },
  { to: "/models", label: "nav-models" },
  { to: "/settings", label: "nav-settings" },
  { to: "/provider", label: "nav-provider" },
  { to: "/audit", label: "nav-audit" },
];

const LANGUAGE_NAMES: Record<LocaleCode, string> = { en: "English", ru: "Русский", uz: "O‘zbekcha" };

/** The frame of every page: the menu (a drawer on a phone), the admin, the language, sign-out. */
export function Layout({ session, onLogout, children }: { session: SessionView; onLogout(): void; children: ReactNode }) {
  const { t, locale, setLocale } = useI18n();
  const { path } = useRouter();
  const [open, setOpen] = useState(false);
  const active = (to: string) => (to === "/" ? path === "/" : path === to || path.startsWith(`${to}/`));
  return (
    <div className={`shell ${open ? "menu-open" : ""}`}>
      <header className="topbar">
        <button type="button" className="menu-button" aria-label={t("menu")} aria-expanded={open} onClick={() => setOpen(!open)}>
          ☰
        </button>
        <span className="brand">🍌 Bananapics</span>
      </header>
      <nav className="sidebar" aria-label={t("menu")}>
        <div className="brand brand-side">🍌 Bananapics</div>
        <ul>
          {NAV.map((item) => (
            <li key={item.to}>
              <Link to={item.to} aria-current={active(item.to) ? "page" : undefined} onClick={() => setOpen(false)}>
                {t(item.label)}
              </Link>
            </li>
          ))}
        </ul>
        <div className="sidebar-foot">
          <div className="who" data-testid="signed-in-as">
            {session.admin.name}
          </div>
          <label className="language">
            <span className="sr-only">{t("language")}</span>
            <select value={locale} onChange={(e) => setLocale(e.target.value as LocaleCode)} aria-label={t("language")}>
              {LOCALE_CODES.map((code) => (
                <option key={code} value={code}>
                  {LANGUAGE_NAMES[code]}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={onLogout}>
            {t("logout")}
          </button>
        </div>
      </nav>
      <div className="scrim" onClick={() => setOpen(false)} aria-hidden="true" />
      <main className="content">{children}</main>
    </div>
  );
}
