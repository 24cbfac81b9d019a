import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './styles.css';
import './i18n';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router';
import { ApiError } from './api/client';
import { SessionProvider } from './auth/session';
import { App } from './App';

// The page's CSP nonce (the API puts a fresh one in each index.html). Mantine's run-time <style> tags carry
// it, so the Content-Security-Policy can refuse every other inline style. Browsers hide the attribute
// once parsed; the property keeps it.
const styleNonce = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')?.nonce ?? '';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // 4xx answers (forbidden, not found, expired) do not get better by asking again.
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider getStyleNonce={() => styleNonce}>
      {/* A few at a time: a quick run of commands must not bury the page under its confirmations. */}
      <Notifications limit={3} autoClose={3000} />
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <SessionProvider>
            <App />
          </SessionProvider>
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
