/** The chat page's tests read its stream with the shared client. */
export { SseClient, type SseEvent } from "../../support/sse-client.js";
