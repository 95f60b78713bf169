import { QueryClientProvider, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useState } from "react";
import { ApiContext } from "./api/api-context.js";
import { AdminApi, type SessionView } from "./api/client.js";
import { Layout } from "./components/layout.js";
import { Loading } from "./components/ui.js";
import { useI18n } from "./i18n/i18n.js";
import { AuditPage } from "./pages/audit-page.js";
import { BroadcastNewPage } from "./pages/broadcast-new-page.js";
import { BroadcastsPage } from "./pages/broadcasts-page.js";
import { DashboardPage } from "./pages/dashboard-page.js";
import { GenerationsPage } from "./pages/generations-page.js";
import { LoginPage } from "./pages/login-page.js";
import { ModelsPage } from "./pages/models-page.js";
import { PaymentsPage } from "./pages/payments-page.js";
import { ProviderPage } from "./pages/provider-page.js";
import { SettingsPage } from "./pages/settings-page.js";
import { UserDetailPage } from "./pages/user-detail-page.js";
import { UsersPage } from "./pages/users-page.js";
import { useRouter } from "./router.js";
import type { QueryClient } from "@tanstack/react-query";

/** The panel: sign-in until there is a session, then the page of the current path. */
export function App({ queryClient }: { queryClient: QueryClient }) {
  return (
    <QueryClientProvider client={queryClient}>
      <Panel />
    </QueryClientProvider>
  );
}

function Panel() {
  const queryClient = useQueryClient();
  const { t } = useI18n();
  // undefined: still asking the server; null: signed out.
  const [session, setSession] = useState<SessionView | null | undefined>(undefined);
  const signedOut = useCallback(() => {
    setSession(null);
    queryClient.clear();
  }, [queryClient]);
  const api = useMemo(() => new AdminApi(signedOut), [signedOut]);

  useEffect(() => {
    api.me().then(setSession, () => setSession(null));
  }, [api]);

  useEffect(() => {
    document.title = t("title");
  }, [t]);

  if (session === undefined) return <Loading />;
  return (
    <ApiContext value={api}>
      {session === null ? (
        <LoginPage onSignedIn={setSession} />
      ) : (
        <Layout
          session={session}
          onLogout={() => {
            void api.logout().finally(signedOut);
          }}
        >
          <Page />
        </Layout>
      )}
    </ApiContext>
  );
}

function Page() {
  const { path } = useRouter();
  const user = /^\/users\/(\d+)$/.exec(path);
  if (user) return <UserDetailPage id={Number(user[1])} />;
  switch (path) {
    case "/users":
      return <UsersPage />;
    case "/generations":
      return <GenerationsPage />;
    case "/payments":
      return <PaymentsPage />;
    case "/broadcasts":
      return <BroadcastsPage />;
    case "/broadcasts/new":
      return <BroadcastNewPage />;
    case "/models":
      return <ModelsPage />;
    case "/settings":
      return <SettingsPage />;
    case "/provider":
      return <ProviderPage />;
    case "/audit":
      return <AuditPage />;
    default:
      return <DashboardPage />;
  }
}
