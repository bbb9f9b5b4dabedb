package dev.graphshift.runbook;

class InMemoryRunbookStateStoreTest extends RunbookStateStoreContract {

  @Override
  protected RunbookStateStore openStore() {
    return new InMemoryRunbookStateStore();
  }

  @Override
  protected RunbookStateStore openSameStoreAgain(RunbookStateStore store) {
    return store;
  }
}
