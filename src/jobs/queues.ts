/** Names of every durable queue; one place so producers and consumers cannot drift apart. */
export const QUEUES = {
  heartbeat: "heartbeat",
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const ALL_QUEUES: readonly QueueName[] = Object.values(QUEUES);
