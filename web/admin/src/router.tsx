import { createContext, useCallback, useContext, useEffect, useMemo, useState, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from "react";

/** Everything after /admin: "/", "/users/12", … */
const BASE = "/admin";

function currentPath(): string {
  const path = window.location.pathname.startsWith(BASE) ? window.location.pathname.slice(BASE.length) : "/";
  return path === "" ? "/" : path;
}

interface RouterState {
  path: string;
  search: URLSearchParams;
  navigate(to: string, options?: { replace?: boolean }): void;
}

const RouterContext = createContext<RouterState>({ path: "/", search: new URLSearchParams(), navigate: () => undefined });

/** A history-API router: the server serves the panel for every path under /admin, so links can be shared and reloaded. */
export function Router({ children }: { children: ReactNode }) {
  const [location, setLocation] = useState(() => ({ path: currentPath(), search: window.location.search }));
  useEffect(() => {
    const onPop = () => setLocation({ path: currentPath(), search: window.location.search });
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);
  const navigate = useCallback((to: string, options: { replace?: boolean } = {}) => {
    const url = `${BASE}${to === "/" ? "" : to}`;
    if (options.replace) window.history.replaceState(null, "", url);
    else window.history.pushState(null, "", url);
    const [path, search = ""] = to.split("?");
    setLocation({ path: path || "/", search: search ? `?${search}` : "" });
    window.scrollTo(0, 0);
  }, []);
  const state = useMemo(() => ({ path: location.path, search: new URLSearchParams(location.search), navigate }), [location, navigate]);
  return <RouterContext value={state}>{children}</RouterContext>;
}

export function useRouter(): RouterState {
  return useContext(RouterContext);
}

/** A link that moves within the panel without reloading it (and still opens in a new tab). */
export function Link({ to, children, ...rest }: { to: string; children: ReactNode } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  const { navigate } = useRouter();
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    rest.onClick?.(event);
    navigate(to);
  };
  return (
    <a {...rest} href={`${BASE}${to === "/" ? "" : to}`} onClick={onClick}>
      {children}
    </a>
  );
}
