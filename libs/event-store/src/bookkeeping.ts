/**
 * What a store keeps about its log besides the events themselves, for an integrity check
 * (`audit:verify`). Outside the contract and optional: EventStoreDB keeps no stream head apart from a
 * stream's last event and its positions are byte offsets with gaps, so its adapter offers none of this
 * and deleted events there are found by the signed running hash of the log instead.
 */
export interface StoreBookkeeping {
  /**
   * When every number from `first` on is one event's position and none is ever skipped: `lastAssigned`
   * is the highest position ever given out (null before the first append). A missing number, or a log
   * that ends before `lastAssigned`, means events were removed.
   */
  densePositions(): { readonly first: bigint; readonly lastAssigned: bigint | null } | undefined;

  /** Every stream's head as the store keeps it apart from the events (the revision it believes is last). */
  streamHeads(): AsyncIterable<{ readonly stream: string; readonly revision: bigint }>;

  /** One stream's head, undefined when the store keeps none for it. */
  streamHead(stream: string): bigint | undefined;
}
