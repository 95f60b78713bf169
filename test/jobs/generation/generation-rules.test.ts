import { describe, expect, it } from "vitest";
import { classifyProviderFailure } from "../../../src/domain/generation/failure-classification.js";
import { nextPollDelaySeconds } from "../../../src/domain/generation/poll-schedule.js";
import { FAKE_CONTENT_BLOCKED_MESSAGE, FAKE_FAILURE_MESSAGE } from "../../../src/sandbox/fake-wavespeed/index.js";

describe("poll schedule", () => {
  it("waits 2, 3, 5, 5, 8 s and then 10 s between polls", () => {
    const delays: number[] = [];
    let elapsed = 0;
    while (elapsed < 60) {
      const delay = nextPollDelaySeconds(elapsed, 600);
      delays.push(delay);
      elapsed += delay;
    }
    expect(delays.slice(0, 8)).toEqual([2, 3, 5, 5, 8, 10, 10, 10]);
  });

  it("follows the elapsed time, so an out-of-turn poll (webhook, sweeper) fits the same curve", () => {
    expect(nextPollDelaySeconds(0.3, 600)).toBe(2);
    expect(nextPollDelaySeconds(6.5, 600)).toBe(5);
    expect(nextPollDelaySeconds(300, 600)).toBe(10);
  });

  it("never sleeps past the deadline: the poll just after it settles the generation", () => {
    expect(nextPollDelaySeconds(100, 3.2)).toBe(5);
    expect(nextPollDelaySeconds(100, 0.4)).toBe(2);
    expect(nextPollDelaySeconds(100, -30)).toBe(1);
  });
});

describe("provider failure classification", () => {
  it.each([
    FAKE_CONTENT_BLOCKED_MESSAGE,
    "Your request was rejected as a result of our safety system",
    "The prompt violates our content policy",
    "Image generation blocked: PROHIBITED_CONTENT",
    "flagged by content moderation",
  ])("%s → content_blocked", (text) => {
    expect(classifyProviderFailure(text)).toBe("content_blocked");
  });

  it.each([FAKE_FAILURE_MESSAGE, "Internal server error", "", undefined])("%s → provider_failed", (text) => {
    expect(classifyProviderFailure(text)).toBe("provider_failed");
  });
});
