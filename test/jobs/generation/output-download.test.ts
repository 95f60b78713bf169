import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { downloadOutput, OutputDownloadError, OutputUnavailableError } from "../../../src/jobs/generation/output-download.js";

describe("downloading a provider output", () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === "/ok") return res.end(Buffer.from("PNGDATA"));
      if (req.url === "/gone") return res.writeHead(404).end("expired");
      if (req.url === "/broken") return res.writeHead(502).end("bad gateway");
      if (req.url === "/huge") return res.writeHead(200, { "content-length": "2000" }).end(Buffer.alloc(2000));
      if (req.url === "/chunked") {
        res.writeHead(200);
        res.write(Buffer.alloc(600));
        res.end(Buffer.alloc(600));
        return;
      }
      if (req.url === "/slow") return setTimeout(() => res.end("late"), 500);
      res.writeHead(500).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("returns the bytes", async () => {
    expect((await downloadOutput(`${base}/ok`)).toString()).toBe("PNGDATA");
  });

  it("an expired (404) or oversized output is unavailable for good", async () => {
    await expect(downloadOutput(`${base}/gone`)).rejects.toBeInstanceOf(OutputUnavailableError);
    await expect(downloadOutput(`${base}/huge`, { limitBytes: 1000 })).rejects.toBeInstanceOf(OutputUnavailableError);
    await expect(downloadOutput(`${base}/chunked`, { limitBytes: 1000 })).rejects.toBeInstanceOf(OutputUnavailableError);
    await expect(downloadOutput("data:image/png;base64,AAAA")).rejects.toBeInstanceOf(OutputUnavailableError);
  });

  it("a 5xx or a timeout may pass: it is reported as transient", async () => {
    await expect(downloadOutput(`${base}/broken`)).rejects.toBeInstanceOf(OutputDownloadError);
    await expect(downloadOutput(`${base}/slow`, { timeoutMs: 100 })).rejects.toBeInstanceOf(OutputDownloadError);
  });
});
