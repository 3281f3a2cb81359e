// A clock tests can set and advance (the app takes any Clock: server/clock.ts).
import type { Clock } from '../../server/clock.js';

export class FakeClock implements Clock {
  private t: number;
  constructor(start: Date | string = '2026-01-05T09:00:00Z') {
    this.t = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.t);
  }
  set(d: Date | string): void {
    this.t = new Date(d).getTime();
  }
  advance(ms: number): void {
    this.t += ms;
  }
  advanceHours(h: number): void {
    this.advance(h * 3600_000);
  }
}
