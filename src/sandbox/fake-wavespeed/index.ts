export { startFakeWavespeed } from "./server.js";
export type {
  FakeFault,
  FakeFaultMatch,
  FakeTask,
  FakeTaskOutcome,
  FakeWavespeed,
  FakeWavespeedBehavior,
  FakeWavespeedOptions,
  FakeWebhookDelivery,
  RecordedRequest,
} from "./types.js";
export { FAKE_CONTENT_BLOCKED_MESSAGE, FAKE_FAILURE_MESSAGE } from "./fake-task.js";
