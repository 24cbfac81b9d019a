import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useSetupStatus } from '../../api/endpoints';
import { QueryState } from '../../components/QueryState';
import { LoginPage } from '../LoginPage';
import { SetupPage } from './SetupPage';

/** Before anyone logs in: the first-run page while the server says setup is needed, else the login page. */
export function SignedOutPage() {
  const status = useSetupStatus();
  const queryClient = useQueryClient();
  const [created, setCreated] = useState(false);
  const [skipSetup, setSkipSetup] = useState(false);
  if (status.isLoading) return <QueryState isLoading error={null} />;
  // A server that cannot say (an outage) still gets the login page, which reports the outage on its own.
  if (status.data?.needed && !skipSetup) {
    return (
      <SetupPage
        onLogin={() => setSkipSetup(true)}
        onDone={() => {
          setCreated(true);
          void queryClient.invalidateQueries({ queryKey: ['setup'] });
        }}
      />
    );
  }
  return <LoginPage notice={created ? 'setup.done' : undefined} />;
}
