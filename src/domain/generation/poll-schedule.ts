/**
 * When a submitted generation is looked at again. Wavespeed asks for at least 2 s between checks of an
 * image task and longer gaps for long tasks, so the gaps grow 2, 3, 5, 5, 8 s and then stay at 10 s:
 * a typical 5–20 s image is seen within a few seconds of finishing, a slow one costs few requests.
 */
const STEPS: ReadonlyArray<{ from: number; delay: number }> = [
  { from: 0, delay: 2 },
  { from: 2, delay: 3 },
  { from: 5, delay: 5 },
  { from: 10, delay: 5 },
  { from: 15, delay: 8 },
  { from: 23, delay: 10 },
];

/**
 * Seconds until the next poll, from the time since the task was submitted (not from a counter, so a
 * poll triggered early by a webhook or the sweeper fits the same curve), never waiting past the
 * deadline by more than a second: the poll after the deadline is the one that settles it.
 */
export function nextPollDelaySeconds(secondsSinceSubmit: number, secondsUntilDeadline: number): number {
  let delay = STEPS[0]?.delay ?? 2;
  for (const step of STEPS) if (secondsSinceSubmit >= step.from) delay = step.delay;
  return Math.max(1, Math.min(delay, Math.ceil(secondsUntilDeadline) + 1));
}
