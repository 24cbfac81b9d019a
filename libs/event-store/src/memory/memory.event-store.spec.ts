import { eventStoreContract } from '../contract/event-store.contract';
import { MemoryEventStore } from './memory.event-store';

eventStoreContract('memory', async () => {
  // Small pages, so a consumer that falls behind is seen catching up again within the contract's test.
  const store = new MemoryEventStore({ subscription: { batchSize: 16 } });
  return {
    store,
    cleanup: () => store.close(),
    notAPosition: (valid) => ({ commit: valid.commit, prepare: valid.commit + 1n }),
  };
});
