import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration.js';

describe('Go/Consul durations', () => {
  it('parses the forms Consul clients send', () => {
    expect(parseDuration('10s', 0)).toBe(10_000);
    expect(parseDuration('1m30s', 0)).toBe(90_000);
    expect(parseDuration('500ms', 0)).toBe(500);
    expect(parseDuration('1.5h', 0)).toBe(5_400_000);
    expect(parseDuration(undefined, 42)).toBe(42);
    expect(parseDuration(2_000_000_000, 0)).toBe(2000);
  });

  it('refuses anything else', () => {
    for (const bad of ['10', 's', '10 s', '10x', '-5s', '1m junk'])
      expect(() => parseDuration(bad, 0), bad).toThrow(/invalid duration/);
  });

  it('formats back to Consul notation', () => {
    expect(formatDuration(10_000)).toBe('10s');
    expect(formatDuration(250)).toBe('250ms');
  });
});
