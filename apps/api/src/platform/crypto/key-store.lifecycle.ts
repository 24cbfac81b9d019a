import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { KEY_STORE, KeyStore } from './key-store.port';

@Injectable()
export class KeyStoreLifecycle implements OnApplicationShutdown {
  constructor(@Inject(KEY_STORE) private readonly keys: KeyStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.keys.close();
  }
}
