package dev.graphshift.dualwrite;

class InMemoryDeadLetterQueueTest extends DeadLetterQueueContract {

  @Override
  protected DeadLetterQueue openQueue() {
    return InMemoryDeadLetterQueue.named("memory-under-test");
  }
}
