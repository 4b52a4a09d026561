import { describe, expect, it } from 'vitest';
import { DeliveryIndex, decodeAckToken, encodeAckToken } from './ack-tokens.js';

const subject = '$JS.ACK.isa_u_-o_-orders.worker.1.5.5.1795506068844247877.0';

describe('ack tokens', () => {
  it('round-trip for the stream and consumer they were delivered by', () => {
    expect(decodeAckToken(encodeAckToken(subject), 'isa_u_-o_-orders', 'worker')).toBe(subject);
  });

  it('refuse other streams, consumers, subjects and garbage', () => {
    const token = encodeAckToken(subject);
    expect(() => decodeAckToken(token, 'isa_v_-o_-orders', 'worker')).toThrow(/another stream/);
    expect(() => decodeAckToken(token, 'isa_u_-o_-orders', 'other')).toThrow(/another stream/);
    expect(() => decodeAckToken(encodeAckToken('$JS.API.STREAM.DELETE.x'), 'x', 'y')).toThrow(
      /not an ack token/,
    );
    expect(() => decodeAckToken(encodeAckToken('$JS.ACK.s.c.1.>.1.1.0'), 's', 'c')).toThrow(
      /not an ack token/,
    );
    expect(() => decodeAckToken('not base64!', 's', 'c')).toThrow(/not an ack token/);
  });
});

describe('DeliveryIndex', () => {
  it('finds a delivery once, and forgets the oldest past its size', () => {
    const index = new DeliveryIndex(2);
    index.remember('s', 'c', 1, 'one');
    index.remember('s', 'c', 2, 'two');
    index.remember('s', 'c', 3, 'three');
    expect(index.take('s', 'c', 1)).toBeUndefined();
    expect(index.take('s', 'c', 2)).toBe('two');
    expect(index.take('s', 'c', 2)).toBeUndefined();
    expect(index.take('s', 'other', 3)).toBeUndefined();
    expect(index.size).toBe(1);
  });
});
