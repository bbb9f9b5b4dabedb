package dev.graphshift.dualwrite;

class InMemoryTombstoneStoreTest extends TombstoneStoreContract {

  @Override
  protected TombstoneStore openStore() {
    return InMemoryTombstoneStore.create();
  }
}
