package dev.graphshift.cutover;

class InMemoryCutoverControlStoreTest extends CutoverControlStoreContract {

  @Override
  protected CutoverControlStore openStore() {
    return new InMemoryCutoverControlStore();
  }

  @Override
  protected CutoverControlStore openSameStoreAgain(CutoverControlStore store) {
    return store;
  }
}
