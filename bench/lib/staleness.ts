// How stale a waiting survivor's position gets: from the moment the place they were told is no longer true to the
// moment they are told one that is (or are matched). Only what the load generator saw is used, with no guess
// about the server's order of near-simultaneous joins.

interface Waiter {
  /** When this survivor asked to join, and when the server answered. */
  sentAt: number;
  ackedAt: number;
  /** The highest position that can be true now: 1 + everyone who may be ahead and still waits. */
  upper: number;
  /** The last position the survivor was told. */
  told: number;
  /** Since when `told` has been higher than `upper` (the survivor sees a place further back than theirs). */
  staleSince?: number;
}

/**
 * Someone who asked to join before this survivor was answered may be ahead of them (the server orders joins by
 * its own clock); someone who asked after cannot be. So the true position is at most 1 + those still waiting who
 * asked before this survivor's answer, and a told position above that is certainly out of date.
 */
export class StalenessTracker {
  private readonly waiting = new Map<string, Waiter>();
  /** Everyone who has asked to join and not yet left the queue, with when they asked. */
  private readonly asked = new Map<string, number>();
  readonly samples: number[] = [];
  pushes = 0;

  asking(id: string, at: number): void {
    this.asked.set(id, at);
  }

  joined(id: string, at: number, position: number): void {
    const sentAt = this.asked.get(id) ?? at;
    let upper = 1;
    for (const [other, otherSent] of this.asked) if (other !== id && otherSent < at) upper++;
    const w: Waiter = { sentAt, ackedAt: at, upper, told: position };
    if (position > upper) w.staleSince = at;
    this.waiting.set(id, w);
  }

  /** A queue:status arrived for `id`. */
  told(id: string, at: number, position: number): void {
    const w = this.waiting.get(id);
    if (!w) return;
    this.pushes++;
    w.told = position;
    if (position <= w.upper) {
      if (w.staleSince !== undefined) this.samples.push(at - w.staleSince);
      w.staleSince = undefined;
    } else w.staleSince ??= at;
  }

  /** `id` left the queue (matched, or gave up): everyone it may have been ahead of moves up. */
  left(id: string, at: number): void {
    const sent = this.asked.get(id);
    this.asked.delete(id);
    const gone = this.waiting.get(id);
    if (gone?.staleSince !== undefined) this.samples.push(at - gone.staleSince);
    this.waiting.delete(id);
    if (sent === undefined) return;
    for (const w of this.waiting.values()) {
      if (sent >= w.ackedAt) continue;
      w.upper--;
      if (w.told > w.upper) w.staleSince ??= at;
    }
  }

  /** Ends the run: positions still out of date count for as long as they have been. */
  finish(at: number): number[] {
    for (const w of this.waiting.values()) if (w.staleSince !== undefined) this.samples.push(at - w.staleSince);
    return this.samples;
  }
}
