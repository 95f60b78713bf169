import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import sharp from "sharp";
import { isTerminal, type Prediction, type WavespeedClient } from "../../../src/providers/wavespeed/index.js";

/** Polls until the task reaches a terminal status; fails the test after `timeoutMs`. */
export async function waitForTerminal(client: WavespeedClient, id: string, timeoutMs = 10_000): Promise<Prediction> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const prediction = await client.getResult(id);
    if (isTerminal(prediction.status)) return prediction;
    if (Date.now() > deadline) throw new Error(`task ${id} still ${prediction.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A PNG of one flat colour, to recognise a reference image inside an output. */
export function solidPng(width: number, height: number, rgb: { r: number; g: number; b: number }): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: rgb } }).png().toBuffer();
}

/** Counts pixels within `tolerance` of a colour. */
export async function countPixels(png: Buffer, rgb: { r: number; g: number; b: number }, tolerance = 8): Promise<number> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let count = 0;
  for (let i = 0; i < data.length; i += info.channels) {
    const near =
      Math.abs((data[i] ?? 0) - rgb.r) <= tolerance &&
      Math.abs((data[i + 1] ?? 0) - rgb.g) <= tolerance &&
      Math.abs((data[i + 2] ?? 0) - rgb.b) <= tolerance;
    if (near) count++;
  }
  return count;
}

/** A delivery received by {@link startWebhookReceiver}, with the body bytes exactly as sent. */
export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
}

/** A local HTTP endpoint that records webhook POSTs. */
export async function startWebhookReceiver(): Promise<{
  url: string;
  received: ReceivedWebhook[];
  /** Resolves once `count` deliveries have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedWebhook[]>;
  close(): Promise<void>;
}> {
  const received: ReceivedWebhook[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ headers: req.headers, rawBody: Buffer.concat(chunks) });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/wavespeed?token=abc`,
    received,
    async waitFor(count, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} webhook(s), got ${received.length}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return received;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
